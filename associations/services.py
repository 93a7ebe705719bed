"""Changes to associations and the outreach around them. Views, admin and tasks call these."""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import queue_templated_email
from reminders.services import reminders_claim

from .models import ActivityAttachment, AssociationDocument, FollowUp, OutreachActivity
from .selectors import follow_ups_for_digest

DIGEST_REMINDER = "follow_up_digest"


@transaction.atomic
def activity_log(*, association, occurred_on, kind, summary, author, files=()):
    """Add a step to an association's timeline, with its attachments, all or nothing."""
    activity = OutreachActivity(
        association=association, occurred_on=occurred_on, kind=kind, summary=summary, author=author
    )
    activity.full_clean()
    activity.save()
    for uploaded in files:
        attachment = ActivityAttachment(activity=activity, file=uploaded)
        attachment.full_clean(exclude=["activity"])
        attachment.save()
    return activity


@transaction.atomic
def document_add(*, association, kind, title, file, signed_on=None, uploaded_by):
    document = AssociationDocument(
        association=association,
        kind=kind,
        title=title,
        file=file,
        signed_on=signed_on,
        uploaded_by=uploaded_by,
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def follow_up_schedule(*, association, due_on, owner, task):
    follow_up = FollowUp(association=association, due_on=due_on, owner=owner, task=task)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_complete(*, follow_up, by):
    """Mark a follow-up done; from now on no reminder mentions it."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_at is None:
        follow_up.done_at = timezone.now()
        follow_up.done_by = by
        follow_up.save(update_fields=["done_at", "done_by"])
    return follow_up


@transaction.atomic
def association_stage_change(*, association, stage, agreement_signed_on=None):
    association.stage = stage
    if agreement_signed_on is not None:
        association.agreement_signed_on = agreement_signed_on
    if association.stage != association.Stage.AGREEMENT_SIGNED and agreement_signed_on:
        raise ValidationError(
            {"agreement_signed_on": _("A signing date goes with the stage “agreement signed”.")}
        )
    association.full_clean()
    association.save()
    return association


def follow_up_digests_send(*, today=None):
    """
    E-mail each owner one digest of their follow-ups due today or overdue.

    A follow-up is listed in at most one digest a day: each owner's digest is
    claimed in the reminder log and queued in one transaction, so a second run
    the same day (or a simultaneous one on another worker) finds everything
    claimed and sends nothing. Returns ``{"digests": n, "follow_ups": m}``.
    """
    today = today or timezone.localdate()
    by_owner = defaultdict(list)
    for follow_up in follow_ups_for_digest(today=today):
        by_owner[follow_up.owner].append(follow_up)

    sent = {"digests": 0, "follow_ups": 0}
    for owner, follow_ups in by_owner.items():
        with transaction.atomic():
            claimed = reminders_claim(
                model=FollowUp,
                object_ids=[f.pk for f in follow_ups],
                kind=DIGEST_REMINDER,
                period=today.isoformat(),
                recipient=owner,
            )
            if not claimed:
                continue
            listed = [f for f in follow_ups if f.pk in claimed]
            queue_templated_email(
                recipient=owner,
                template_prefix="associations/email/follow_up_digest",
                context={
                    "owner": owner,
                    "today": today,
                    "count": len(listed),
                    "due_today": [f for f in listed if f.due_on == today],
                    "overdue": [f for f in listed if f.due_on < today],
                    "base_url": settings.PORTAL_BASE_URL,
                },
            )
        sent["digests"] += 1
        sent["follow_ups"] += len(listed)
    return sent
