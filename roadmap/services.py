"""
Changes to the roadmap. Views, admin, the approval receiver, tasks and commands call these.

A milestone is saved with its links in one transaction that first locks its
roadmap, so two people editing dependencies at the same moment cannot build a
cycle between them; the checks (dates, dependencies, participants outside a
scoped roadmap) run again under that lock whatever a form checked before.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import queue_templated_email
from reminders.services import reminders_claim

from . import selectors
from .models import CalendarToken, Milestone, MilestoneDocument, Roadmap

UPCOMING_REMINDER = "milestone_upcoming"
OVERDUE_REMINDER = "milestone_overdue"
# A milestone made from an approved request has no date yet; staff move this placeholder.
AGREEMENT_SIGNING_AFTER_DAYS = 90


def overall_roadmap():
    """The Union's overall roadmap (the data migration makes it; it comes back if ever removed)."""
    roadmap = Roadmap.objects.filter(is_overall=True).first()
    if roadmap is None:
        today = timezone.localdate()
        roadmap, _created = Roadmap.objects.get_or_create(
            is_overall=True,
            defaults={
                "title_ru": "Общая дорожная карта сотрудничества",
                "title_en": "Overall roadmap of cooperation",
                "starts_on": today.replace(month=1, day=1),
                "ends_on": today.replace(year=today.year + 5, month=12, day=31),
            },
        )
    return roadmap


# Checks of a milestone's links ------------------------------------------------------------


def _names(records):
    return ", ".join(f"«{record}»" for record in records)


def _dependency_cycle(milestone_pk, dependency_ids):
    """
    The chain of milestones that would lead back to ``milestone_pk`` if it
    depended on ``dependency_ids``, or None. A walk along the stored
    dependencies, one query per step.
    """
    if milestone_pk is None:
        return None
    if milestone_pk in dependency_ids:
        return [milestone_pk, milestone_pk]
    through = Milestone.depends_on.through
    came_from = dict.fromkeys(dependency_ids)
    frontier = set(dependency_ids)
    while frontier:
        edges = through.objects.filter(from_milestone_id__in=frontier).values_list(
            "from_milestone_id", "to_milestone_id"
        )
        frontier = set()
        for source, target in edges:
            if target == milestone_pk:
                chain = [source]
                while came_from[chain[-1]] is not None:
                    chain.append(came_from[chain[-1]])
                return [milestone_pk, *reversed(chain), milestone_pk]
            if target not in came_from:
                came_from[target] = source
                frontier.add(target)
    return None


def milestone_links_check(*, roadmap, milestone_pk=None, municipalities=(), depends_on=()):
    """
    Raise ValidationError (by field) when the links do not fit the roadmap:
    dependencies from another roadmap or in a cycle, foreign municipalities
    outside the association or the country the roadmap is for. Russian
    municipalities take part in any roadmap.
    """
    errors = {}
    foreign = [m for m in municipalities if not m.is_russian]
    if roadmap.association_id and foreign:
        members = set(
            roadmap.association.member_municipalities.filter(
                pk__in=[m.pk for m in foreign]
            ).values_list("pk", flat=True)
        )
        outside = [m for m in foreign if m.pk not in members]
        if outside:
            errors["municipalities"] = _(
                "This roadmap is for «%(association)s», and these foreign municipalities are not "
                "its members: %(names)s. (Russian municipalities may take part in any roadmap.)"
            ) % {"association": roadmap.association, "names": _names(outside)}
    elif roadmap.country and foreign:
        outside = [m for m in foreign if m.country != roadmap.country]
        if outside:
            errors["municipalities"] = _(
                "This roadmap is for %(country)s, and these foreign municipalities are elsewhere: "
                "%(names)s. (Russian municipalities may take part in any roadmap.)"
            ) % {"country": roadmap.country.name, "names": _names(outside)}

    depends_on = list(depends_on)
    elsewhere = [m for m in depends_on if m.roadmap_id != roadmap.pk]
    if elsewhere:
        errors["depends_on"] = _(
            "A milestone depends only on milestones of its own roadmap: "
            "%(names)s belong to another."
        ) % {"names": _names(elsewhere)}
    else:
        cycle = _dependency_cycle(milestone_pk, {m.pk for m in depends_on})
        if cycle:
            titles = {pk: str(m) for pk, m in Milestone.objects.in_bulk(set(cycle)).items()}
            errors["depends_on"] = _(
                "These dependencies would go round in a circle: %(chain)s. "
                "A milestone cannot wait, even indirectly, for itself."
            ) % {"chain": " → ".join(f"«{titles[pk]}»" for pk in cycle)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def milestone_save(
    *, milestone, municipalities=(), associations=(), partnerships=(), depends_on=(), files=(), by
):
    """
    Create or change a milestone with all its links and new documents, all or
    nothing. Raises ValidationError (by field) and then saves nothing.
    """
    roadmap = Roadmap.objects.select_for_update().get(pk=milestone.roadmap_id)
    milestone.full_clean()
    municipalities, depends_on = list(municipalities), list(depends_on)
    milestone_links_check(
        roadmap=roadmap,
        milestone_pk=milestone.pk,
        municipalities=municipalities,
        depends_on=depends_on,
    )
    milestone.save()
    milestone.municipalities.set(municipalities)
    milestone.associations.set(associations)
    milestone.partnerships.set(partnerships)
    milestone.depends_on.set(depends_on)
    for uploaded in files:
        document_add(milestone=milestone, title=uploaded.name, file=uploaded, uploaded_by=by)
    return milestone


@transaction.atomic
def document_add(*, milestone, title, file, uploaded_by):
    document = MilestoneDocument(
        milestone=milestone, title=title[:300], file=file, uploaded_by=uploaded_by
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def milestone_delete(*, milestone):
    """Delete a milestone; milestones that depended on it simply lose that dependency."""
    Roadmap.objects.select_for_update().get(pk=milestone.roadmap_id)
    milestone.delete()


@transaction.atomic
def milestone_for_approved_request(*, partnership_request, partnership, approved_by):
    """
    The first milestone of a newly approved tie: an agreement signing on the
    overall roadmap, linked to the tie and its two municipalities, not public
    (like the tie), for the approving staff member to date, publish or delete.
    A tie that already has its signing on the overall roadmap gets no second one.
    """
    roadmap = overall_roadmap()
    existing = Milestone.objects.filter(
        roadmap=roadmap, kind=Milestone.Kind.AGREEMENT_SIGNING, partnerships=partnership
    ).first()
    if existing is not None:
        return existing
    first, second = partnership.municipality_a, partnership.municipality_b
    planned_on = timezone.localdate() + datetime.timedelta(days=AGREEMENT_SIGNING_AFTER_DAYS)
    milestone = Milestone(
        roadmap=roadmap,
        kind=Milestone.Kind.AGREEMENT_SIGNING,
        title_ru=f"Подписание соглашения: {first.name_ru or first.name_en} — "
        f"{second.name_ru or second.name_en}",
        title_en=f"Agreement signing: {first.name_en or first.name_ru} — "
        f"{second.name_en or second.name_ru}",
        description_ru=f"Создано при одобрении заявки № {partnership_request.pk}. "
        "Дата предварительная: уточните её.",
        description_en=f"Created when request no. {partnership_request.pk} was approved. "
        "The date is a placeholder: set the real one.",
        planned_start_on=planned_on,
        planned_end_on=planned_on,
        status=Milestone.Status.PLANNED,
        responsible=approved_by if approved_by.is_project_staff else None,
        is_public=False,
    )
    associations = (
        [partnership_request.partner_association]
        if partnership_request.partner_association_id
        else []
    )
    return milestone_save(
        milestone=milestone,
        municipalities=[first, second],
        associations=associations,
        partnerships=[partnership],
        by=approved_by,
    )


# Private calendar addresses ----------------------------------------------------------------


def calendar_digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def calendar_token_reset(*, user):
    """
    Give a staff member a new secret for their calendar addresses and return
    it (it is not stored, only its digest); the previous addresses stop working.
    """
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    CalendarToken.objects.update_or_create(
        user=user,
        defaults={
            "digest": calendar_digest(secret),
            "created_at": now,
            "expires_at": now + datetime.timedelta(days=settings.ROADMAP_CALENDAR_TOKEN_DAYS),
        },
    )
    return secret


# Reminders --------------------------------------------------------------------------------


def _remind(milestone, *, kind, period, template_prefix, today):
    """Claim one reminder and queue its e-mail in the same transaction; True if sent now."""
    with transaction.atomic():
        claimed = reminders_claim(
            model=Milestone,
            object_ids=[milestone.pk],
            kind=kind,
            period=period,
            recipient=milestone.responsible,
        )
        if not claimed:
            return False
        queue_templated_email(
            recipient=milestone.responsible,
            template_prefix=template_prefix,
            context={
                "person": milestone.responsible,
                "milestone": milestone,
                "today": today,
                "days_left": (milestone.planned_start_on - today).days,
                "base_url": settings.PORTAL_BASE_URL,
            },
        )
    return True


def milestone_reminders_send(*, today=None):
    """
    E-mail each responsible person about their milestones that start within
    ``ROADMAP_REMINDER_DAYS_BEFORE`` days, and about those that have become
    overdue (planned end passed, neither done, postponed nor cancelled).

    Each reminder goes at most once: it is claimed in the reminder log, keyed
    by the date it is about (the planned start, or the planned end), in the
    transaction that queues its e-mail, so a second run, or a simultaneous one
    on another worker, sends nothing again. A milestone moved to new dates is
    a new reminder. Returns ``{"upcoming": n, "overdue": m}``.
    """
    today = today or timezone.localdate()
    sent = {"upcoming": 0, "overdue": 0}
    for milestone in selectors.milestones_starting_soon(
        today=today, days=settings.ROADMAP_REMINDER_DAYS_BEFORE
    ):
        if _remind(
            milestone,
            kind=UPCOMING_REMINDER,
            period=milestone.planned_start_on.isoformat(),
            template_prefix="roadmap/email/milestone_upcoming",
            today=today,
        ):
            sent["upcoming"] += 1
    for milestone in selectors.milestones_overdue(today=today):
        if _remind(
            milestone,
            kind=OVERDUE_REMINDER,
            period=milestone.planned_end_on.isoformat(),
            template_prefix="roadmap/email/milestone_overdue",
            today=today,
        ):
            sent["overdue"] += 1
    return sent
