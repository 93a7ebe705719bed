"""
Reads of the roadmap for pages, feeds, panels and reminders.

What a person may see is decided here once: project office staff see every
milestone, everyone else only those marked public. Every reader starts from
``milestones_visible_to``.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from partnerships.models import Municipality

from .models import CalendarToken, Milestone, Roadmap


def is_staff(user):
    return bool(user and user.is_authenticated and user.is_project_staff)


def milestones_visible_to(user):
    queryset = Milestone.objects.all()
    if not is_staff(user):
        queryset = queryset.filter(is_public=True)
    return queryset


def _status_counts(prefix=""):
    """Count(...) annotations of milestones per status, for aggregate() or annotate()."""
    field = f"{prefix}pk" if prefix else "pk"
    counts = {"total": Count(field)}
    for status in Milestone.Status.values:
        counts[status] = Count(field, filter=Q(**{f"{prefix}status": status}))
    return counts


class Progress:
    """How far a set of milestones has come: done out of those not cancelled."""

    def __init__(self, counts):
        self.counts = {status: counts.get(status) or 0 for status in Milestone.Status.values}
        self.total = counts.get("total") or 0

    @property
    def countable(self):
        return self.total - self.counts[Milestone.Status.CANCELLED]

    @property
    def done(self):
        return self.counts[Milestone.Status.DONE]

    @property
    def percent(self):
        return round(100 * self.done / self.countable) if self.countable else 0

    def by_status(self):
        return [(status, label, self.counts[status]) for status, label in Milestone.Status.choices]


def progress_of(milestones):
    """The progress of a queryset of milestones, in one query."""
    return Progress(milestones.order_by().aggregate(**_status_counts()))


def roadmaps_with_progress(user):
    """Every roadmap with the counts of the milestones the person may see, in one query."""
    prefix = "milestones__"
    counts = _status_counts(prefix)
    if not is_staff(user):
        public = Q(milestones__is_public=True)
        counts = {
            name: Count("milestones", filter=(count.filter & public) if count.filter else public)
            for name, count in counts.items()
        }
    roadmaps = list(
        Roadmap.objects.select_related("association")
        .annotate(**counts)
        .order_by("-is_overall", "-starts_on", "title_ru")
    )
    for roadmap in roadmaps:
        roadmap.progress = Progress(
            {name: getattr(roadmap, name) for name in ("total", *Milestone.Status.values)}
        )
    return roadmaps


def milestone_rows(milestones):
    """The rows of the accessible list: roadmap, owner and participants loaded."""
    return (
        milestones.select_related("roadmap", "responsible")
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.only("id", "name_ru", "name_en", "country"),
            )
        )
        .order_by("planned_start_on", "id")
    )


TIMELINE_FIELDS = (
    "id",
    "title_ru",
    "title_en",
    "kind",
    "status",
    "planned_start_on",
    "planned_end_on",
    "actual_start_on",
    "actual_end_on",
    "is_public",
)


def timeline_rows(milestones):
    """Plain tuples of what the timeline draws (no model instances), in date order."""
    return milestones.order_by("planned_start_on", "id").values_list(*TIMELINE_FIELDS)


def feed_milestones(milestones):
    """What a calendar feed needs of each milestone, its roadmap's titles joined."""
    return (
        milestones.select_related("roadmap")
        .only(
            "id",
            "title_ru",
            "title_en",
            "description_ru",
            "description_en",
            "kind",
            "status",
            "planned_start_on",
            "planned_end_on",
            "actual_start_on",
            "actual_end_on",
            "created_at",
            "updated_at",
            "roadmap__id",
            "roadmap__title_ru",
            "roadmap__title_en",
        )
        .order_by("planned_start_on", "id")
    )


def milestone_for_page(pk, user):
    """A milestone with all its page shows; DoesNotExist if the person may not see it."""
    return (
        milestones_visible_to(user)
        .select_related("roadmap__association", "responsible")
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.select_related("federal_subject").order_by(
                    "country", "name_ru"
                ),
            ),
            "associations",
            "partnerships__municipality_a",
            "partnerships__municipality_b",
            Prefetch(
                "depends_on", queryset=milestones_visible_to(user).order_by("planned_start_on")
            ),
            Prefetch(
                "dependents", queryset=milestones_visible_to(user).order_by("planned_start_on")
            ),
            "documents",
        )
        .get(pk=pk)
    )


def milestones_of(user):
    """A staff member's milestones: the active ones first, overdue at the top, then the rest."""
    return milestone_rows(Milestone.objects.filter(responsible=user))


def milestones_linked(user, **link):
    """Milestones the person may see that are linked to one record (a panel's list)."""
    return (
        milestones_visible_to(user)
        .filter(**link)
        .select_related("roadmap")
        .order_by("-planned_start_on", "-id")
    )


def milestones_of_association(user, association):
    """Milestones linked to an association, or on a roadmap made for it."""
    return (
        milestones_visible_to(user)
        .filter(
            Q(roadmap__association=association)
            | Q(
                Exists(
                    Milestone.associations.through.objects.filter(
                        milestone_id=OuterRef("pk"), nationalassociation_id=association.pk
                    )
                )
            )
        )
        .select_related("roadmap")
        .order_by("-planned_start_on", "-id")
    )


def calendar_owner(secret_digest):
    """The staff member a calendar secret belongs to; None if unknown, expired or not staff."""
    token = (
        CalendarToken.objects.select_related("user")
        .filter(digest=secret_digest, expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )
    if token is None or not token.user.is_project_staff:
        return None
    return token.user


# Reminders ----------------------------------------------------------------------------------


def _with_responsible(milestones):
    return milestones.filter(responsible__isnull=False, responsible__is_active=True).select_related(
        "responsible", "roadmap"
    )


def milestones_starting_soon(*, today, days):
    """Planned milestones starting after today and within ``days`` days, with their owners."""
    return _with_responsible(
        Milestone.objects.filter(
            status=Milestone.Status.PLANNED,
            planned_start_on__gt=today,
            planned_start_on__lte=today + datetime.timedelta(days=days),
        )
    ).order_by("planned_start_on", "id")


def milestones_overdue(*, today):
    """Milestones still planned or in progress after their planned end, with their owners."""
    return _with_responsible(
        Milestone.objects.filter(status__in=Milestone.ACTIVE_STATUSES, planned_end_on__lt=today)
    ).order_by("planned_end_on", "id")
