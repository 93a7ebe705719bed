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


def municipality_with_ties(pk, user):
    """
    A municipality and the ties the person may see, or DoesNotExist. For the
    public a municipality page exists only when it has a public tie, so an
    empty list of public ties is the same as no municipality.
    """
    municipality = (
        Municipality.objects.select_related("federal_subject")
        .prefetch_related("associations")
        .get(pk=pk)
    )
    ties = list(ties_of(municipality, user))
    if not ties and not (user.is_authenticated and user.is_project_staff):
        raise Municipality.DoesNotExist
    return municipality, ties
