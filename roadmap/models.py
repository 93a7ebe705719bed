"""
The cooperation roadmap (resolution of 1 November 2017, decision 2).

A ``Roadmap`` is a plan over a period: the overall roadmap of the Union (one,
made by a data migration) or one scoped to a partner association or a
country. Its ``Milestone`` records are the steps: signings, visits, forums,
exchanges, joint projects ... with planned and actual dates, a status, the
staff member responsible, the municipalities taking part and the
associations and ties they concern. A roadmap's progress is counted from its
milestones whenever it is shown (``roadmap.selectors.progress_of``); no
column stores it.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from accounts.roles import staff_members
from associations.models import NationalAssociation
from partnerships.models import Municipality, Partnership
from uploads.checks import DOCUMENTS_AND_IMAGES
from uploads.fields import ProtectedFileField
from urc_portal.bilingual import bilingual

EARLIEST_DATE = datetime.date(1990, 1, 1)


class Roadmap(models.Model):
    """A plan of cooperation over a period: overall, or for one association or one country."""

    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title = bilingual("title")
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description = bilingual("description")
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    association = models.ForeignKey(
        NationalAssociation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmaps",
        verbose_name=_("association"),
        help_text=_(
            "A roadmap for one partner association: foreign municipalities of its milestones "
            "must be members of it."
        ),
    )
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_(
            "A roadmap for one country: foreign municipalities of its milestones must be "
            "in this country."
        ),
    )
    is_overall = models.BooleanField(
        _("overall roadmap"),
        default=False,
        editable=False,
        help_text=_("The Union's overall roadmap; there is exactly one."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        ordering = ["-is_overall", "title_ru"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="roadmap_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(association__isnull=True) | Q(country=""),
                name="roadmap_scoped_to_association_or_country",
            ),
            models.CheckConstraint(
                condition=Q(is_overall=False) | (Q(association__isnull=True) & Q(country="")),
                name="roadmap_overall_is_not_scoped",
            ),
            models.UniqueConstraint(
                fields=["is_overall"],
                condition=Q(is_overall=True),
                name="roadmap_one_overall",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roadmap:detail", args=[self.pk])

    @property
    def scope_display(self):
        if self.association_id:
            return str(self.association)
        if self.country:
            return self.country.name
        return ""

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The period cannot end before it starts.")
        if self.association_id and self.country:
            errors["country"] = _(
                "A roadmap is for one association or for one country, not for both."
            )
        if self.is_overall and (self.association_id or self.country):
            errors["association"] = _("The overall roadmap is for every association and country.")
        if errors:
            raise ValidationError(errors)


class Milestone(models.Model):
    """One step of a roadmap, with its dates, owner, participants and outcome."""

    class Kind(models.TextChoices):
        AGREEMENT_SIGNING = "agreement_signing", _("agreement signing")
        VISIT = "visit", _("visit or delegation")
        FORUM = "forum", _("forum or conference")
        EXCHANGE = "exchange", _("exchange programme")
        JOINT_PROJECT = "joint_project", _("joint project")
        WEBINAR = "webinar", _("webinar")
        PUBLICATION = "publication", _("publication")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        # In context: other apps' "planned" and "done" describe other things in Russian.
        PLANNED = "planned", pgettext_lazy("milestone status", "planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("milestone status", "in progress")
        DONE = "done", pgettext_lazy("milestone status", "done")
        POSTPONED = "postponed", pgettext_lazy("milestone status", "postponed")
        CANCELLED = "cancelled", pgettext_lazy("milestone status", "cancelled")

    # Milestones still to be done by their planned dates; only these can become overdue.
    ACTIVE_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("roadmap")
    )
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title = bilingual("title")
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description = bilingual("description")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    planned_start_on = models.DateField(_("planned start"))
    planned_end_on = models.DateField(
        _("planned end"), blank=True, help_text=_("Leave empty for a one-day milestone.")
    )
    actual_start_on = models.DateField(_("actual start"), null=True, blank=True)
    actual_end_on = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmap_milestones",
        limit_choices_to=staff_members,
        verbose_name=_("responsible"),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="roadmap_milestones",
        verbose_name=_("participating municipalities"),
    )
    associations = models.ManyToManyField(
        NationalAssociation,
        blank=True,
        related_name="roadmap_milestones",
        verbose_name=_("associations"),
    )
    partnerships = models.ManyToManyField(
        Partnership,
        blank=True,
        related_name="roadmap_milestones",
        verbose_name=_("partnerships"),
    )
    depends_on = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="dependents",
        verbose_name=_("depends on"),
        help_text=_("Milestones of the same roadmap that must come first."),
    )
    outcome_notes = models.TextField(_("outcome notes"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown to visitors of the public roadmap.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        m2m_fields=[municipalities, associations, partnerships, depends_on],
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["planned_start_on", "id"]
        indexes = [
            models.Index(fields=["roadmap", "planned_start_on", "id"]),
            models.Index(
                fields=["responsible", "planned_start_on"],
                condition=Q(status__in=["planned", "in_progress"]),
                name="milestone_active_by_owner",
            ),
            models.Index(
                fields=["roadmap", "planned_start_on", "id"],
                condition=Q(is_public=True),
                name="milestone_public_by_roadmap",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_on__gte=F("planned_start_on")),
                name="milestone_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end_on__isnull=True)
                | Q(actual_start_on__isnull=True)
                | Q(actual_end_on__gte=F("actual_start_on")),
                name="milestone_actual_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end_on__isnull=True) | Q(actual_start_on__isnull=False),
                name="milestone_actual_end_needs_start",
            ),
            models.CheckConstraint(
                condition=Q(planned_start_on__gte=EARLIEST_DATE),
                name="milestone_planned_start_plausible",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("roadmap:milestone", args=[self.pk])

    @property
    def is_overdue(self):
        return self.status in self.ACTIVE_STATUSES and self.planned_end_on < timezone.localdate()

    @property
    def is_one_day(self):
        return self.planned_start_on == self.planned_end_on

    @property
    def span(self):
        """The dates to show: the actual ones once it has started, else the planned ones."""
        return milestone_span(
            self.planned_start_on, self.planned_end_on, self.actual_start_on, self.actual_end_on
        )

    def clean(self):
        super().clean()
        if self.planned_start_on and not self.planned_end_on:
            self.planned_end_on = self.planned_start_on
        errors = {}
        if self.planned_start_on and self.planned_start_on < EARLIEST_DATE:
            errors["planned_start_on"] = _("Enter a date from %(year)s on.") % {
                "year": EARLIEST_DATE.year
            }
        if (
            self.planned_start_on
            and self.planned_end_on
            and self.planned_end_on < self.planned_start_on
        ):
            errors["planned_end_on"] = _("The planned end cannot be before the planned start.")
        if self.actual_end_on and not self.actual_start_on:
            errors["actual_start_on"] = _("Give the actual start together with the actual end.")
        elif (
            self.actual_start_on
            and self.actual_end_on
            and self.actual_end_on < self.actual_start_on
        ):
            errors["actual_end_on"] = _("The actual end cannot be before the actual start.")
        if self.status == self.Status.DONE and not self.actual_start_on:
            # A milestone marked done happened: without other word, as planned.
            self.actual_start_on = self.planned_start_on
            self.actual_end_on = self.actual_end_on or self.planned_end_on
        if self.responsible_id and not self.responsible.is_project_staff:
            errors["responsible"] = _(
                "The person responsible must be a member of the project office staff."
            )
        if errors:
            raise ValidationError(errors)


def milestone_span(planned_start, planned_end, actual_start, actual_end):
    """(start, end) to show: actual dates once a milestone has started, else the planned ones."""
    if actual_start is None:
        return planned_start, planned_end
    return actual_start, actual_end or max(actual_start, planned_end)


class MilestoneDocument(models.Model):
    """A programme, a report, a signed text or a photo kept with a milestone."""

    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="documents", verbose_name=_("milestone")
    )
    title = models.CharField(_("title"), max_length=300)
    file = ProtectedFileField(_("file"), kinds=DOCUMENTS_AND_IMAGES, folder="roadmap/documents")
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
        verbose_name = _("milestone document")
        verbose_name_plural = _("milestone documents")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.title


class CalendarToken(models.Model):
    """
    The secret in a staff member's private calendar address.

    Only a SHA-256 digest of the secret is stored, so the addresses cannot be
    read back from the database; the secret is shown once, when it is made.
    Making a new one (a reset) replaces the old, whose address then answers 404.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roadmap_calendar_token",
        verbose_name=_("user"),
    )
    digest = models.CharField(_("digest of the secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self):
        return str(self.user)

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
