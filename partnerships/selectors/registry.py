"""Reads of the registry: what a person may see, with the joins already right."""

from django.db.models import Q

from ..models import Municipality, Partnership


def partnerships_visible_to(user):
    """Public ties for everyone; all ties for project office staff."""
    queryset = Partnership.objects.all()
    if not (user.is_authenticated and user.is_project_staff):
        queryset = queryset.filter(is_public=True)
    return queryset


def ties_of(municipality, user):
    return (
        partnerships_visible_to(user)
        .filter(Q(municipality_a=municipality) | Q(municipality_b=municipality))
        .select_related(
            "municipality_a",
            "municipality_b",
            "municipality_a__federal_subject",
            "municipality_b__federal_subject",
        )
        .order_by("-signed_on", "pk")
    )


def municipality_visible_to(pk, user):
    """A municipality page exists for the public only when it has a public tie."""
    queryset = Municipality.objects.select_related("federal_subject").prefetch_related(
        "associations"
    )
    if not (user.is_authenticated and user.is_project_staff):
        public = Partnership.objects.filter(is_public=True)
        queryset = queryset.filter(
            Q(pk__in=public.values("municipality_a")) | Q(pk__in=public.values("municipality_b"))
        )
    return queryset.get(pk=pk)
