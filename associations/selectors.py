"""Reads of associations for pages, digests and the other apps."""

from django.db.models import Count, F, OuterRef, Prefetch, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from .models import AssociationDocument, FollowUp, NationalAssociation, OutreachActivity

CARDS_PER_STAGE = 12


def association_annotated(queryset=None):
    """Associations with what a card or a row shows: open and overdue follow-ups, last activity."""
    today = timezone.localdate()
    queryset = queryset if queryset is not None else NationalAssociation.objects.all()
    last_activity = (
        OutreachActivity.objects.filter(association=OuterRef("pk"))
        .order_by("-occurred_on", "-id")
        .values("occurred_on")[:1]
    )
    open_follow_ups = (
        FollowUp.objects.filter(association=OuterRef("pk"), done_at__isnull=True)
        .order_by()
        .values("association")
        .annotate(n=Count("pk"))
        .values("n")
    )
    overdue_follow_ups = (
        FollowUp.objects.filter(association=OuterRef("pk"), done_at__isnull=True, due_on__lt=today)
        .order_by()
        .values("association")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        last_activity_on=Subquery(last_activity),
        open_follow_up_count=Subquery(open_follow_ups),
        overdue_follow_up_count=Subquery(overdue_follow_ups),
    )


def pipeline_board(queryset):
    """
    The pipeline as columns, one per stage: the count of each stage and its
    first cards, in two queries whatever the number of associations.
    """
    counts = dict(queryset.order_by().values_list("stage").annotate(n=Count("pk")))
    ranked = association_annotated(queryset).annotate(
        rank=Window(RowNumber(), partition_by=[F("stage")], order_by=[F("name_ru").asc()])
    )
    cards = {}
    for association in ranked.filter(rank__lte=CARDS_PER_STAGE).order_by("stage", "name_ru"):
        cards.setdefault(association.stage, []).append(association)
    return [
        {
            "stage": stage,
            "label": label,
            "count": counts.get(stage, 0),
            "cards": cards.get(stage, []),
        }
        for stage, label in NationalAssociation.Stage.choices
    ]


def association_for_staff(pk):
    """One association with its contacts, documents and open follow-ups loaded."""
    return NationalAssociation.objects.prefetch_related(
        "contacts",
        Prefetch("documents", queryset=AssociationDocument.objects.select_related("uploaded_by")),
        Prefetch(
            "follow_ups",
            queryset=FollowUp.objects.filter(done_at__isnull=True).select_related("owner"),
            to_attr="open_follow_ups",
        ),
    ).get(pk=pk)


def activities_of(association):
    return (
        OutreachActivity.objects.filter(association=association)
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("-occurred_on", "-id")
    )


def follow_ups_for_digest(*, today):
    """Open follow-ups due today or earlier, with their owners and associations."""
    return (
        FollowUp.objects.filter(done_at__isnull=True, due_on__lte=today, owner__is_active=True)
        .select_related("owner", "association")
        .only(
            "id",
            "due_on",
            "task",
            "owner__id",
            "owner__email",
            "owner__full_name",
            "owner__preferred_language",
            "association__id",
            "association__name_ru",
            "association__name_en",
            "association__acronym",
        )
        .order_by("owner_id", "due_on", "id")
    )


def associations_public():
    """What the public may see: associations the Union has a signed agreement with."""
    return NationalAssociation.objects.filter(stage=NationalAssociation.Stage.AGREEMENT_SIGNED)
