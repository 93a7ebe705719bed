"""
Changes to partnership requests and to officials' accounts. Views, admin,
commands and tasks call these; each runs in one transaction and validates
everything first, so bad input leaves nothing half-written and e-mails (queued
on commit) go out only for changes that were saved.

``request_transition`` is the one place a request's status changes. It looks
the action up in ``partnerships.models.requests.TRANSITIONS`` and refuses an
action from the wrong state or by the wrong role, whatever a page or a crafted
POST asks for.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import language_of, queue_templated_email
from accounts.models import User
from accounts.roles import CITY_OFFICIAL
from reminders.services import reminders_claim

from ..models import (
    OfficialProfile,
    Partnership,
    PartnershipRequest,
    RequestAttachment,
    RequestMessage,
    RequestStatus,
    RequestTransition,
)
from ..models.requests import OFFICIAL, STAFF, TRANSITIONS, WAITING_FOR_STAFF
from ..personal_data import CONSENT_VERSION
from ..selectors import requests as selectors
from ..signals import partnership_request_approved
from .registry import partnership_create

DIGEST_REMINDER = "partnership_request_waiting"
EMAIL = "partnerships/email/"


class TransitionNotAllowed(PermissionDenied):
    """The person may not take this action on this request (a wrong role, or no role)."""


# --- Officials' accounts -----------------------------------------------------------


@transaction.atomic
def official_signup(*, user, full_name, municipality_name, position, language):
    """
    Complete an official's sign-up (allauth has created the user): their name,
    language, and a profile that waits for staff to link it to a municipality.
    The consent to personal data processing is recorded with its wording's version.
    """
    user.full_name = full_name.strip()
    user.preferred_language = language
    user.save(update_fields=["full_name", "preferred_language"])
    profile = OfficialProfile(
        user=user,
        position=position.strip(),
        municipality_name_given=municipality_name.strip(),
        personal_data_consent_at=timezone.now(),
        personal_data_consent_version=CONSENT_VERSION,
    )
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def official_consent_record(*, profile):
    """Record an (invited) official's consent to the wording in force."""
    profile.personal_data_consent_at = timezone.now()
    profile.personal_data_consent_version = CONSENT_VERSION
    profile.save(update_fields=["personal_data_consent_at", "personal_data_consent_version"])
    return profile


def official_signup_announce(*, user):
    """Tell the project office that a person confirmed their address and waits for approval."""
    profile = OfficialProfile.objects.filter(user=user, approved_at__isnull=True).first()
    if profile is None or profile.invited_at is not None:
        return
    for staff_member in selectors.staff_recipients():
        queue_templated_email(
            recipient=staff_member,
            template_prefix=EMAIL + "official_signed_up",
            context={
                "recipient": staff_member,
                "profile": profile,
                "url": _link(staff_member, "partnerships:officials"),
            },
        )


@transaction.atomic
def official_approve(*, profile, municipality, by, position=None):
    """Link a profile to its municipality and give the person the official's role."""
    _staff_only(by)
    if not municipality.is_russian:
        raise ValidationError({"municipality": _("Officials speak for Russian municipalities.")})
    profile = OfficialProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    profile.municipality = municipality
    if position is not None:
        profile.position = position
    profile.approved_by = by
    profile.approved_at = timezone.now()
    profile.deactivated_at = None
    profile.full_clean()
    profile.save()
    user = profile.user
    user.groups.add(Group.objects.get(name=CITY_OFFICIAL))
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    queue_templated_email(
        recipient=user,
        template_prefix=EMAIL + "official_approved",
        context={
            "recipient": user,
            "profile": profile,
            "url": _link(user, "partnerships:request_create"),
        },
    )
    return profile


@transaction.atomic
def official_invite(*, email, full_name, municipality, position, language, by):
    """
    Create an official's account for staff-chosen municipality and e-mail an
    invitation. The account has no usable password: the invitation carries
    allauth's password-setting link, valid for PASSWORD_RESET_TIMEOUT, so only
    whoever reads that mailbox can get in (which is why the address counts as
    verified). The official gives their consent on first entry.
    """
    from allauth.account import app_settings as allauth_settings
    from allauth.account.models import EmailAddress
    from allauth.account.utils import user_pk_to_url_str

    _staff_only(by)
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    if not municipality.is_russian:
        raise ValidationError({"municipality": _("Officials speak for Russian municipalities.")})
    user = User.objects.create_user(
        email=email, password=None, full_name=full_name.strip(), preferred_language=language
    )
    user.groups.add(Group.objects.get(name=CITY_OFFICIAL))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    now = timezone.now()
    profile = OfficialProfile(
        user=user,
        municipality=municipality,
        position=position.strip(),
        invited_at=now,
        approved_by=by,
        approved_at=now,
    )
    profile.full_clean()
    profile.save()

    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    with translation.override(language_of(user)):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": token},
        )
    queue_templated_email(
        recipient=user,
        template_prefix=EMAIL + "official_invitation",
        context={
            "recipient": user,
            "profile": profile,
            "invited_by": by,
            "url": settings.PORTAL_BASE_URL + path,
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
    )
    return profile


@transaction.atomic
def official_deactivate(*, profile, by):
    """
    Close an official's account (after an election, say). Their requests stay
    with the municipality, where its other officials go on with them.
    """
    _staff_only(by)
    profile = OfficialProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    profile.deactivated_at = timezone.now()
    profile.save(update_fields=["deactivated_at"])
    user = profile.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    return profile


def _staff_only(user):
    if not (user.is_authenticated and user.is_project_staff):
        raise PermissionDenied


# --- Requests ----------------------------------------------------------------------


@transaction.atomic
def request_save(*, partnership_request, by, attachments=(), complete=False):
    """
    Create or change a request as its official wrote it, with new attachments
    (``(kind, uploaded file)`` pairs), all or nothing. Only drafts and requests
    that need information can be changed; the status is never touched here.
    With ``complete`` (it is about to be submitted) a missing field is refused
    before anything, a file included, is written.
    """
    if partnership_request.pk is None:
        profile = selectors.official_profile_of(by)
        if profile is None:
            raise TransitionNotAllowed(_("Only an approved official can file a request."))
        partnership_request.municipality = profile.municipality
        partnership_request.created_by = by
        partnership_request.status = RequestStatus.DRAFT
    else:
        current = PartnershipRequest.objects.select_for_update().get(pk=partnership_request.pk)
        if selectors.request_role(by, current) != OFFICIAL:
            raise TransitionNotAllowed(_("Only the municipality's officials change a request."))
        if not current.is_editable:
            raise ValidationError(
                _("A request that is %(status)s cannot be changed.")
                % {"status": current.get_status_display()}
            )
        # The workflow's fields come from the database, never from the caller.
        for name in ("status", "municipality_id", "created_by_id", "partnership_id"):
            setattr(partnership_request, name, getattr(current, name))
    partnership_request.full_clean()
    if complete:
        partnership_request.check_complete()
    try:
        with transaction.atomic():
            partnership_request.save()
    except IntegrityError as error:
        # Two tabs saving the same pair at once: the constraint has the last word.
        raise ValidationError(
            {
                "partner_municipality": _(
                    "Your municipality already has an open request for this partner."
                )
            }
        ) from error
    for kind, uploaded in attachments:
        attachment = RequestAttachment(
            request=partnership_request, kind=kind, file=uploaded, uploaded_by=by
        )
        attachment.full_clean(exclude=["request"])
        attachment.save()
    return partnership_request


@transaction.atomic
def request_transition(*, partnership_request, action, by, comment=""):
    """
    Take a workflow action on a request: check the role and the state, change
    the status, record the step (who, when, comment) and e-mail the other side.
    Approval creates (or links) the tie, planned and not public, and sends
    ``partnership_request_approved``. Raises TransitionNotAllowed for a wrong
    role and ValidationError for a wrong state or missing input.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionNotAllowed(_("There is no such action."))
    locked = PartnershipRequest.objects.select_for_update().get(pk=partnership_request.pk)
    if selectors.request_role(by, locked) != transition.role:
        raise TransitionNotAllowed(_("You may not take this action on this request."))
    if locked.status not in transition.sources:
        raise ValidationError(
            _("The request is %(status)s now, so “%(action)s” is not possible.")
            % {"status": locked.get_status_display(), "action": transition.label}
        )
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise ValidationError({"comment": _("Write a comment: the other side will read it.")})

    from_status = locked.status
    now = timezone.now()
    partnership = None
    if transition.target == RequestStatus.SUBMITTED:
        # A draft saved half-written is checked in full before it goes.
        locked.full_clean()
        locked.check_complete()
        locked.submitted_at = locked.submitted_at or now
    if action == "approve":
        if not locked.partner_municipality_id:
            raise ValidationError(
                _(
                    "Choose the foreign municipality before approving: "
                    "the request names only a country."
                )
            )
        partnership = partnership_for_request(locked)
        locked.partnership = partnership
    if transition.target in (RequestStatus.APPROVED, RequestStatus.REJECTED):
        locked.decided_at = now
    if transition.role == STAFF and locked.reviewer_id is None:
        locked.reviewer = by
    locked.status = transition.target
    locked.status_changed_at = now
    locked.save()
    step = RequestTransition.objects.create(
        request=locked,
        action=action,
        from_status=from_status,
        to_status=locked.status,
        by=by,
        at=now,
        comment=comment,
    )
    # A draft withdrawn before it was ever sent concerns no one at the project office.
    if transition.role == STAFF or locked.submitted_at is not None:
        _notify_transition(locked, step)
    if partnership is not None:
        partnership_request_approved.send(
            sender=PartnershipRequest, request=locked, partnership=partnership, approved_by=by
        )
    return locked


def partnership_for_request(partnership_request):
    """The pair's tie if it exists, else a new one: planned, not public until staff publish it."""
    probe = Partnership(
        municipality_a_id=partnership_request.municipality_id,
        municipality_b_id=partnership_request.partner_municipality_id,
    )
    existing = probe.existing_tie()
    if existing is not None:
        return existing
    return partnership_create(
        municipality_a=partnership_request.municipality,
        municipality_b=partnership_request.partner_municipality,
        kind=partnership_request.kind,
        status=Partnership.Status.PLANNED,
        areas=partnership_request.areas,
        is_public=False,
        source=f"Заявка № {partnership_request.pk} · "
        f"partnership request no. {partnership_request.pk}",
    )


@transaction.atomic
def request_partner_choose(*, partnership_request, partner, by):
    """Staff name the foreign municipality of a request that named only a country."""
    locked = PartnershipRequest.objects.select_for_update().get(pk=partnership_request.pk)
    if selectors.request_role(by, locked) != STAFF:
        raise TransitionNotAllowed(_("Only the project office chooses the partner."))
    if locked.status not in WAITING_FOR_STAFF:
        raise ValidationError(
            _("The partner can be chosen only while the project office reviews the request.")
        )
    if partner.country != locked.partner_country:
        raise ValidationError(
            {
                "partner_municipality": _("Choose a municipality in %(country)s.")
                % {"country": locked.partner_country.name}
            }
        )
    locked.partner_municipality = partner
    locked.full_clean()
    locked.save()
    step = RequestTransition.objects.create(
        request=locked,
        action="choose_partner",
        from_status=locked.status,
        to_status=locked.status,
        by=by,
        comment=str(partner),
    )
    _notify_transition(locked, step)
    return locked


@transaction.atomic
def request_message_post(*, partnership_request, author, body):
    """Add a message to a request's thread and e-mail the other side."""
    partnership_request = PartnershipRequest.objects.select_related("reviewer").get(
        pk=partnership_request.pk
    )
    role = selectors.request_role(author, partnership_request)
    if role is None:
        raise TransitionNotAllowed(_("You may not write in this request's thread."))
    if partnership_request.submitted_at is None:
        raise ValidationError(_("Submit the request first: the thread opens with the submission."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    message = RequestMessage.objects.create(
        request=partnership_request, author=author, is_from_staff=role == STAFF, body=body
    )
    recipients = (
        selectors.official_recipients(partnership_request.municipality_id)
        if role == STAFF
        else _staff_side(partnership_request)
    )
    for recipient in recipients:
        if recipient.pk == author.pk:
            continue
        queue_templated_email(
            recipient=recipient,
            template_prefix=EMAIL + "request_message",
            context={
                "recipient": recipient,
                "request": partnership_request,
                "message": message,
                "url": _request_link(recipient, partnership_request, staff=role != STAFF),
            },
        )
    return message


def _staff_side(partnership_request):
    """The reviewer once there is one (and is still staff); the whole office before."""
    reviewer = partnership_request.reviewer
    if reviewer is not None and reviewer.is_active and reviewer.is_project_staff:
        return [reviewer]
    return selectors.staff_recipients()


def _notify_transition(partnership_request, step):
    """E-mail the other side of a step, each person in their own language."""
    staff_acted = step.action == "choose_partner" or TRANSITIONS[step.action].role == STAFF
    recipients = (
        selectors.official_recipients(partnership_request.municipality_id)
        if staff_acted
        else _staff_side(partnership_request)
    )
    for recipient in recipients:
        if recipient.pk == step.by_id:
            continue
        queue_templated_email(
            recipient=recipient,
            template_prefix=EMAIL + "request_transition",
            context={
                "recipient": recipient,
                "request": partnership_request,
                "step": step,
                "url": _request_link(recipient, partnership_request, staff=not staff_acted),
            },
        )


def _link(recipient, url_name, *args):
    """An absolute link in the recipient's language (English pages live under /en/)."""
    with translation.override(language_of(recipient)):
        return settings.PORTAL_BASE_URL + reverse(url_name, args=args)


def _request_link(recipient, partnership_request, *, staff):
    name = "partnerships:request_review" if staff else "partnerships:request_detail"
    return _link(recipient, name, partnership_request.pk)


# --- The daily digest ---------------------------------------------------------------


def request_waiting_digests_send(*, today=None):
    """
    E-mail every staff member one digest of the requests that have waited for
    the project office more than PARTNERSHIP_REQUEST_DIGEST_AFTER_DAYS days.

    Each request is listed at most once a day: the requests are claimed in the
    reminder log and the e-mails queued in one transaction, so a second run the
    same day (or a simultaneous one on another worker) finds them claimed and
    sends nothing. Returns ``{"digests": n, "requests": m}``.
    """
    today = today or timezone.localdate()
    days = settings.PARTNERSHIP_REQUEST_DIGEST_AFTER_DAYS
    waiting = list(selectors.requests_for_digest(today=today, days=days))
    recipients = selectors.staff_recipients()
    if not waiting or not recipients:
        return {"digests": 0, "requests": 0}
    with transaction.atomic():
        claimed = reminders_claim(
            model=PartnershipRequest,
            object_ids=[r.pk for r in waiting],
            kind=DIGEST_REMINDER,
            period=today.isoformat(),
        )
        if not claimed:
            return {"digests": 0, "requests": 0}
        listed = [r for r in waiting if r.pk in claimed]
        for recipient in recipients:
            with translation.override(language_of(recipient)):
                rows = [(r, reverse("partnerships:request_review", args=[r.pk])) for r in listed]
            queue_templated_email(
                recipient=recipient,
                template_prefix=EMAIL + "request_digest",
                context={
                    "recipient": recipient,
                    "today": today,
                    "days": days,
                    "count": len(listed),
                    "rows": rows,
                    "base_url": settings.PORTAL_BASE_URL,
                    "queue_url": _link(recipient, "partnerships:request_queue"),
                },
            )
    return {"digests": len(recipients), "requests": len(listed)}
