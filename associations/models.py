"""
National associations of local authorities, and the project office's outreach to them.

The six associations the Union signed cooperation agreements with (resolution of
1 November 2017, decision 2) and the International Association “Twin Cities”
come from a data migration; the pipeline of new contacts (decision 3) grows
from there.
"""

import datetime

from django.conf import settings
from django.conf.global_settings import LANGUAGES as WORLD_LANGUAGES
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from accounts.roles import staff_members
from uploads.checks import DOCUMENTS_AND_IMAGES
from uploads.fields import ProtectedFileField
from urc_portal.bilingual import bilingual

EARLIEST_DATE = datetime.date(2000, 1, 1)
MAX_YEARS_AHEAD = 10


def validate_working_date(value):
    """Dates of outreach work: from 2000 to ten years ahead."""
    latest = timezone.localdate().replace(year=timezone.localdate().year + MAX_YEARS_AHEAD)
    if value < EARLIEST_DATE or value > latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={
                "earliest": EARLIEST_DATE.strftime("%d.%m.%Y"),
                "latest": latest.strftime("%d.%m.%Y"),
            },
        )


class NationalAssociation(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("national association of local authorities")
        INTERNATIONAL = "international", _("international organisation")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("national")
        INTERNATIONAL = "international", _("international")

    class Stage(models.TextChoices):
        PROSPECT = "prospect", _("prospect")
        CONTACTED = "contacted", _("contacted")
        IN_DIALOGUE = "in_dialogue", _("in dialogue")
        AGREEMENT_DRAFTED = "agreement_drafted", _("agreement drafted")
        AGREEMENT_SIGNED = "agreement_signed", _("agreement signed")
        JOINT_WORK = "joint_work", _("joint work without a recorded agreement")
        SUSPENDED = "suspended", _("suspended")
        DECLINED = "declined", _("declined")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NATIONAL)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    name = bilingual("name")
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = CountryField(_("home country"), blank=True)
    scope = models.CharField(
        _("scope"), max_length=20, choices=Scope.choices, default=Scope.NATIONAL
    )
    member_countries = CountryField(_("member countries"), multiple=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description = bilingual("description")
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.PROSPECT
    )
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("national association")
        verbose_name_plural = _("national associations")
        ordering = ["name_ru"]
        indexes = [models.Index(fields=["stage", "name_ru"])]
        constraints = [
            models.UniqueConstraint(fields=["name_ru"], name="association_name_ru_unique"),
            models.CheckConstraint(
                condition=Q(agreement_signed_on__isnull=True)
                | Q(agreement_signed_on__gte=datetime.date(1990, 1, 1)),
                name="association_agreement_date_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("associations:detail", args=[self.pk])

    @property
    def has_signed_agreement(self):
        return self.stage == self.Stage.AGREEMENT_SIGNED

    def get_public_url(self):
        return reverse("associations:public_detail", args=[self.pk])


class AssociationDocument(models.Model):
    """An agreement, an annex or a letter kept with an association."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("cooperation agreement")
        ANNEX = "annex", _("annex or protocol")
        LETTER = "letter", _("letter")
        OTHER = "other", _("other document")

    association = models.ForeignKey(
        NationalAssociation,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("association"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AGREEMENT)
    title = models.CharField(_("title"), max_length=300)
    file = ProtectedFileField(
        _("file"), kinds=DOCUMENTS_AND_IMAGES, folder="associations/documents"
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_working_date]
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("association document")
        verbose_name_plural = _("association documents")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class Contact(models.Model):
    association = models.ForeignKey(
        NationalAssociation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("association"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(
        _("phone"), blank=True, help_text=_("In international format, e.g. +7 495 123-45-67.")
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=WORLD_LANGUAGES, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name


class OutreachActivity(models.Model):
    """One step of the association's timeline: a letter, a call, a visit ..."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("letter")
        EMAIL = "email", _("e-mail")
        CALL = "call", _("call")
        MEETING = "meeting", _("meeting")
        VISIT = "visit", _("visit")
        EVENT = "event", _("event")

    association = models.ForeignKey(
        NationalAssociation,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("association"),
    )
    occurred_on = models.DateField(_("date"), validators=[validate_working_date])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("summary"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["association", "-occurred_on", "-id"])]

    def __str__(self):
        return f"{self.occurred_on:%d.%m.%Y} · {self.get_kind_display()}"


class ActivityAttachment(models.Model):
    activity = models.ForeignKey(
        OutreachActivity,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("activity"),
    )
    file = ProtectedFileField(
        _("file"), kinds=DOCUMENTS_AND_IMAGES, folder="associations/attachments"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]


class FollowUp(models.Model):
    """Something a staff member must do about an association by a date."""

    association = models.ForeignKey(
        NationalAssociation,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("association"),
    )
    due_on = models.DateField(_("due on"), validators=[validate_working_date])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        limit_choices_to=staff_members,
        verbose_name=_("owner"),
    )
    task = models.CharField(_("what to do"), max_length=500)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["owner", "due_on"],
                condition=Q(done_at__isnull=True),
                name="followup_open_by_owner",
            ),
            models.Index(
                fields=["association", "due_on"],
                condition=Q(done_at__isnull=True),
                name="followup_open_by_assoc",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=EARLIEST_DATE), name="followup_due_on_not_before_2000"
            ),
        ]

    def __str__(self):
        return self.task

    @property
    def is_done(self):
        return self.done_at is not None

    @property
    def is_overdue(self):
        return not self.is_done and self.due_on < timezone.localdate()

    def clean(self):
        super().clean()
        if self.owner_id and not self.owner.is_project_staff:
            raise ValidationError(
                {
                    "owner": _(
                        "The owner of a follow-up must be a member of the project office staff."
                    )
                }
            )
