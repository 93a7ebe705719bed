"""
Partnership requests from officials of Russian municipalities (resolution decision 4).

An official asks the project office to help find or formalise a foreign
partner. The request moves through a fixed workflow; ``TRANSITIONS`` below is
the whole of it: which action leads from which states to which, and who may
take it. ``partnerships.services.requests.request_transition`` is the only
code that changes a request's status, and it records every step in
``RequestTransition``. No form has a status field.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from associations.models import NationalAssociation
from uploads.checks import DOCUMENTS
from uploads.fields import ProtectedFileField

from ..areas import AreaSetField
from .registry import RUSSIA, Municipality, Partnership


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    UNDER_REVIEW = "under_review", _("under review")
    NEEDS_INFORMATION = "needs_information", _("needs information")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


# A request is open until it is decided or withdrawn; one pair has one open request.
OPEN_STATUSES = (
    RequestStatus.DRAFT,
    RequestStatus.SUBMITTED,
    RequestStatus.UNDER_REVIEW,
    RequestStatus.NEEDS_INFORMATION,
)
# The official may change the request's fields and attachments in these.
EDITABLE_STATUSES = (RequestStatus.DRAFT, RequestStatus.NEEDS_INFORMATION)
# The project office owes an answer in these (the daily digest counts them).
WAITING_FOR_STAFF = (RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW)

STAFF = "staff"
OFFICIAL = "official"


@dataclass(frozen=True)
class Transition:
    """One step of the workflow: from which states, to which, by whom."""

    action: str
    label: str
    sources: tuple
    target: str
    role: str
    comment_required: bool = False
    style: str = "primary"


TRANSITIONS = {
    t.action: t
    for t in (
        Transition(
            "submit",
            _("Submit to the project office"),
            (RequestStatus.DRAFT,),
            RequestStatus.SUBMITTED,
            OFFICIAL,
        ),
        Transition(
            "resubmit",
            _("Answer and resubmit"),
            (RequestStatus.NEEDS_INFORMATION,),
            RequestStatus.SUBMITTED,
            OFFICIAL,
            comment_required=True,
        ),
        Transition(
            "withdraw",
            _("Withdraw the request"),
            OPEN_STATUSES,
            RequestStatus.WITHDRAWN,
            OFFICIAL,
            style="outline-danger",
        ),
        Transition(
            "start_review",
            _("Take into review"),
            (RequestStatus.SUBMITTED,),
            RequestStatus.UNDER_REVIEW,
            STAFF,
        ),
        Transition(
            "request_information",
            _("Ask the official for information"),
            (RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW),
            RequestStatus.NEEDS_INFORMATION,
            STAFF,
            comment_required=True,
            style="outline-primary",
        ),
        Transition(
            "approve",
            _("Approve"),
            (RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW),
            RequestStatus.APPROVED,
            STAFF,
            style="success",
        ),
        Transition(
            "reject",
            _("Reject"),
            (RequestStatus.SUBMITTED, RequestStatus.UNDER_REVIEW),
            RequestStatus.REJECTED,
            STAFF,
            comment_required=True,
            style="outline-danger",
        ),
    )
}


def transitions_from(status, role):
    """The actions open to ``role`` (``"staff"`` or ``"official"``) in ``status``."""
    return [t for t in TRANSITIONS.values() if status in t.sources and t.role == role]


class PartnershipRequest(models.Model):
    """A Russian municipality's wish for a foreign partner, as its official put it."""

    Status = RequestStatus

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="partnership_requests",
        verbose_name=_("applicant municipality"),
    )
    partner_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_requests_as_partner",
        verbose_name=_("wished partner municipality"),
        help_text=_("Leave empty to ask the project office to find a partner in the country."),
    )
    partner_country = CountryField(_("partner's country"))
    partner_region = models.CharField(
        _("partner's region"),
        max_length=200,
        blank=True,
        help_text=_("Province, state or county, if you have one in mind."),
    )
    partner_association = models.ForeignKey(
        NationalAssociation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("through the national association"),
    )
    kind = models.CharField(
        _("kind of tie wished"),
        max_length=20,
        choices=Partnership.Kind.choices,
        default=Partnership.Kind.PARTNERSHIP,
    )
    # A draft may be saved half-written; these are checked when it is submitted.
    areas = AreaSetField(_("areas of cooperation"), blank=True)
    rationale = models.TextField(
        _("rationale"),
        blank=True,
        help_text=_("Why this partner, and what both sides would gain."),
    )
    first_steps = models.TextField(
        _("planned first steps"),
        blank=True,
        help_text=_("Visits, letters, events in the first year."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_position = models.CharField(_("contact person's position"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = PhoneNumberField(
        _("contact phone"), blank=True, help_text=_("In international form: +7 8442 12-34-56.")
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.DRAFT,
        editable=False,
    )
    status_changed_at = models.DateTimeField(
        _("status changed at"), default=timezone.now, editable=False
    )
    submitted_at = models.DateTimeField(
        _("first submitted at"), null=True, blank=True, editable=False
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
        editable=False,
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("partnership"),
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("partnership request")
        verbose_name_plural = _("partnership requests")
        ordering = ["-status_changed_at", "-pk"]
        indexes = [
            # "My requests", newest change first.
            models.Index(fields=["municipality", "-status_changed_at"]),
            # The review queue (never-submitted drafts left out), longest waiting first.
            models.Index(
                fields=["status_changed_at", "id"],
                condition=Q(submitted_at__isnull=False),
                name="partnership_request_queue",
            ),
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(fields=["partner_country", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(partner_municipality=F("municipality")),
                name="partnership_request_not_with_itself",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values),
                name="partnership_request_known_status",
            ),
            models.UniqueConstraint(
                fields=["municipality", "partner_municipality"],
                condition=Q(status__in=OPEN_STATUSES) & Q(partner_municipality__isnull=False),
                name="partnership_request_one_open_per_pair",
                violation_error_message=_(
                    "Your municipality already has an open request for this partner."
                ),
            ),
        ]

    REQUIRED_TO_SUBMIT = (
        "areas",
        "rationale",
        "first_steps",
        "contact_name",
        "contact_position",
        "contact_email",
    )

    def __str__(self):
        return _("Request no. %(pk)s: %(municipality)s — %(partner)s") % {
            "pk": self.pk,
            "municipality": self.municipality,
            "partner": self.partner_display,
        }

    @property
    def partner_display(self):
        """The partner as far as it is known: a municipality, or a region and a country."""
        if self.partner_municipality_id:
            return str(self.partner_municipality)
        parts = [self.partner_region, str(self.partner_country.name)]
        return ", ".join(part for part in parts if part)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def waiting_days(self):
        return (timezone.now() - self.status_changed_at).days

    def open_duplicate(self):
        """Another open request of the same municipality for the same partner, if any."""
        if not (self.municipality_id and self.partner_municipality_id):
            return None
        return (
            PartnershipRequest.objects.filter(
                municipality_id=self.municipality_id,
                partner_municipality_id=self.partner_municipality_id,
                status__in=OPEN_STATUSES,
            )
            .exclude(pk=self.pk)
            .first()
        )

    def clean(self):
        super().clean()
        errors = {}
        partner = self.partner_municipality if self.partner_municipality_id else None
        if partner is not None:
            if partner.pk == self.municipality_id:
                errors["partner_municipality"] = _(
                    "A municipality cannot ask for a partnership with itself."
                )
            elif partner.country == RUSSIA:
                errors["partner_municipality"] = _("Choose a foreign municipality as the partner.")
            elif self.partner_country and partner.country != self.partner_country:
                errors["partner_country"] = _(
                    "“%(partner)s” is in %(country)s; choose that country or another partner."
                ) % {"partner": partner, "country": partner.country.name}
        if self.partner_country == RUSSIA:
            errors["partner_country"] = _("The partner must be abroad: choose another country.")
        if "partner_municipality" not in errors:
            duplicate = self.open_duplicate() if self.is_open else None
            if duplicate is not None:
                errors["partner_municipality"] = _(
                    "Your municipality already has an open request for this partner "
                    "(no. %(pk)s). Continue that one instead."
                ) % {"pk": duplicate.pk}
        if errors:
            raise ValidationError(errors)

    def check_complete(self):
        """Raise a ValidationError naming every field a submitted request must have."""
        missing = {
            name: _("Required to submit the request.")
            for name in self.REQUIRED_TO_SUBMIT
            if not getattr(self, name)
        }
        if missing.get("areas"):
            missing["areas"] = _("Choose at least one area of cooperation.")
        if missing:
            raise ValidationError(missing)

    def validate_constraints(self, exclude=None):
        # clean() explains a duplicate or a self-partnership better than the constraints do.
        if not self.open_duplicate() and self.partner_municipality_id != self.municipality_id:
            super().validate_constraints(exclude=exclude)


class RequestTransition(models.Model):
    """One step of a request's workflow: who took which action, when, and why."""

    request = models.ForeignKey(
        PartnershipRequest,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("request"),
    )
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("from status"), max_length=20, choices=RequestStatus.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=RequestStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("request transition")
        verbose_name_plural = _("request transitions")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["request", "at"])]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def label(self):
        transition = TRANSITIONS.get(self.action)
        return transition.label if transition else self.action


class RequestMessage(models.Model):
    """A message in the thread between the municipality's officials and the project office."""

    request = models.ForeignKey(
        PartnershipRequest,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("request"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    is_from_staff = models.BooleanField(_("from the project office"), default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["request", "created_at"])]

    def __str__(self):
        return self.body[:60]


class RequestAttachment(models.Model):
    """A letter of intent, a council decision or another document of a request."""

    class Kind(models.TextChoices):
        LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")
        COUNCIL_DECISION = "council_decision", _("council decision")
        OTHER = "other", _("other document")

    request = models.ForeignKey(
        PartnershipRequest,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("request"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = ProtectedFileField(_("file"), kinds=DOCUMENTS, folder="partnerships/requests")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("request attachment")
        verbose_name_plural = _("request attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]
