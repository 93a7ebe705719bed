"""
The registry of twinning and partnership ties (resolution decision 4).

Municipalities, Russian and foreign, are tied to each other by partnerships;
each pair of municipalities has at most one tie, whichever way round it is
written. Federal subjects and the GeoNames gazetteer are reference tables.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from associations.models import NationalAssociation
from gazetteer.models import AliasBase
from mechanisms.placenames import normalize_name, transliterate
from uploads.checks import DOCUMENTS_AND_IMAGES
from uploads.fields import ProtectedFileField
from urc_portal.bilingual import active_language, bilingual

from ..areas import AreaSetField

RUSSIA = "RU"


class FederalSubject(models.Model):
    """One of the constituent entities of the Russian Federation (a data migration seeds them)."""

    class Kind(models.TextChoices):
        REPUBLIC = "republic", _("republic")
        KRAI = "krai", _("krai")
        OBLAST = "oblast", _("oblast")
        FEDERAL_CITY = "federal_city", _("city of federal significance")
        AUTONOMOUS_OBLAST = "autonomous_oblast", _("autonomous oblast")
        AUTONOMOUS_OKRUG = "autonomous_okrug", _("autonomous okrug")

    name_ru = models.CharField(_("name (Russian)"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, unique=True)
    name = bilingual("name")
    short_name_ru = models.CharField(
        _("abbreviated name (Russian)"), max_length=120, help_text=_("As in «Волгоградская обл.»")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    geonames_admin1 = models.CharField(
        _("GeoNames admin1 code"),
        max_length=8,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Empty where GeoNames files the subject under another country's codes."),
    )

    class Meta:
        verbose_name = _("federal subject")
        verbose_name_plural = _("federal subjects")
        ordering = ["name_ru"]

    def __str__(self):
        return self.name

    @property
    def short_name_latin(self):
        """«Волгоградская обл.» -> "Volgogradskaya obl."."""
        return transliterate(self.short_name_ru.replace("Респ.", "Resp.").replace("г. ", "g. "))

    @property
    def short_name(self):
        return self.short_name_ru if active_language() == "ru" else self.short_name_latin

    KIND_WORDS = (
        "республика",
        "респ",
        "край",
        "область",
        "обл",
        "автономный округ",
        "автономная область",
        "ао",
        "г",
        "город",
        "republic of",
        "republic",
        "respublika",
        "resp",
        "krai",
        "kray",
        "oblast",
        "obl",
        "autonomous okrug",
        "autonomous oblast",
        "avtonomnyy okrug",
        "city",
        "region",
    )

    def full_aliases(self):
        """The subject's names as written, normalised: «Волгоградская обл.», "Volgograd Oblast"."""
        names = {self.name_ru, self.name_en, self.short_name_ru, self.short_name_latin}
        names.add(transliterate(self.name_ru))
        for name in list(names):
            # «Кемеровская область — Кузбасс»: also the part before the dash.
            names.add(name.split(" — ")[0])
        return {normalize_name(name) for name in names}

    def aliases(self):
        """Every normalised way a file may name this subject, down to a bare «Татарстан»."""
        keys = self.full_aliases()
        for key in list(keys):
            core = key
            for word in sorted(self.KIND_WORDS, key=len, reverse=True):
                core = f" {core} ".replace(f" {word} ", " ").strip()
            if core:
                keys.add(core)
        return keys

    @classmethod
    def lookup(cls, text, subjects=None):
        """
        The subject a file means by ``text``, or None. A full name wins over a
        bare word, so "Moscow" is the city, "Moscow Oblast" the oblast; a word
        that still fits two subjects gives None.
        """
        return cls.lookup_table(subjects)(text)

    @classmethod
    def lookup_table(cls, subjects=None):
        """``lookup`` as a function over ``subjects`` with their aliases worked out once."""
        subjects = list(subjects if subjects is not None else cls.objects.all())
        tables = []
        for aliases in (cls.full_aliases, cls.aliases):
            table = {}
            for subject in subjects:
                for key in aliases(subject):
                    table.setdefault(key, set()).add(subject)
            tables.append(table)

        def lookup(text):
            key = normalize_name(text)
            if not key:
                return None
            for table in tables:
                found = table.get(key)
                if found:
                    return next(iter(found)) if len(found) == 1 else None
            return None

        return lookup


class Municipality(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("city")
        URBAN_OKRUG = "urban_okrug", _("urban okrug")
        MUNICIPAL_OKRUG = "municipal_okrug", _("municipal okrug")
        MUNICIPAL_DISTRICT = "municipal_district", _("municipal district")
        URBAN_SETTLEMENT = "urban_settlement", _("urban settlement")
        RURAL_SETTLEMENT = "rural_settlement", _("rural settlement")
        INTRACITY = "intracity", _("intra-city territory")
        FEDERAL_CITY = "federal_city", _("city of federal significance")
        TOWN = "town", _("town or village")
        DISTRICT = "district", _("district or county")
        REGION = "region", _("region or province")
        OTHER = "other", _("other")

    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name = bilingual("name")
    country = CountryField(_("country"))
    federal_subject = models.ForeignKey(
        FederalSubject,
        verbose_name=_("federal subject"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
    )
    region = models.CharField(
        _("region"),
        max_length=200,
        blank=True,
        help_text=_("For foreign municipalities: province, state or county."),
    )
    oktmo = models.CharField(
        _("OKTMO code"),
        max_length=11,
        null=True,
        blank=True,
        unique=True,
        validators=[RegexValidator(r"^(\d{8}|\d{11})$", _("An OKTMO code has 8 or 11 digits."))],
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.CITY)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)
    associations = models.ManyToManyField(
        NationalAssociation,
        verbose_name=_("member of national associations"),
        blank=True,
        related_name="member_municipalities",
    )
    # Both names, normalised, for searching in either language and either script.
    search_name = models.CharField(max_length=500, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["search_name", "updated_at"], m2m_fields=[associations]
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_ru", "name_en"]
        indexes = [
            models.Index(fields=["country", "name_ru"]),
            models.Index(fields=["country", "name_en"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_ru="") | ~Q(name_en=""), name="municipality_has_a_name"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="municipality_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="municipality_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(oktmo__isnull=True) | Q(oktmo__regex=r"^([0-9]{8}|[0-9]{11})$"),
                name="municipality_oktmo_shape",
            ),
            models.CheckConstraint(
                condition=Q(federal_subject__isnull=True) | Q(country=RUSSIA),
                name="municipality_subject_only_in_russia",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.oktmo == "":
            self.oktmo = None
        self.search_name = self.build_search_name()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name_ru", "name_en"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partnerships:municipality", args=[self.pk])

    @property
    def is_russian(self):
        return self.country == RUSSIA

    def build_search_name(self):
        return search_name_of(self.name_ru, self.name_en)

    def clean(self):
        super().clean()
        if self.oktmo == "":
            self.oktmo = None
        if not (self.name_ru or self.name_en):
            raise ValidationError(_("Give the municipality a name in Russian or in English."))
        if self.federal_subject_id and self.country != RUSSIA:
            raise ValidationError(
                {"federal_subject": _("Only Russian municipalities belong to a federal subject.")}
            )
        if self.oktmo and self.country != RUSSIA:
            raise ValidationError({"oktmo": _("Only Russian municipalities have an OKTMO code.")})


def search_name_of(name_ru, name_en):
    """Both names and the transliteration, normalised: what a search in any script looks in."""
    names = [name_ru, name_en]
    if name_ru:
        names.append(transliterate(name_ru))
    return " | ".join(dict.fromkeys(normalize_name(n) for n in names if n))


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def format_partial_date(value, precision):
    """A date as precise as it is known: 12.05.1972, 05.1972 or 1972."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year}"
    if precision == DatePrecision.MONTH:
        return f"{value.month:02d}.{value.year}"
    return value.strftime("%d.%m.%Y")


class Partnership(models.Model):
    """A tie between two municipalities, whichever way round it is written."""

    class Kind(models.TextChoices):
        TWINNING = "twinning", _("twinning")
        PARTNERSHIP = "partnership", _("partnership agreement")
        COOPERATION = "cooperation", _("cooperation agreement")
        MEMORANDUM = "memorandum", _("memorandum")
        INTENT = "intent", _("protocol of intent")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        SUSPENDED = "suspended", _("suspended")
        TERMINATED = "terminated", _("terminated")

    municipality_a = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="ties_as_a",
        verbose_name=_("municipality"),
    )
    municipality_b = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="ties_as_b",
        verbose_name=_("partner municipality"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TWINNING)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_on_precision = models.CharField(
        _("precision of the signing date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    ended_on_precision = models.CharField(
        _("precision of the end date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    areas = AreaSetField(_("areas of cooperation"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description = bilingual("description")
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where the record comes from.")
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown in the public directory and map.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-signed_on", "pk"]
        indexes = [
            models.Index(fields=["municipality_b"]),
            models.Index(fields=["is_public", "signed_on"]),
            # The directory's default order, public ties only: deep pages stay cheap.
            models.Index(
                fields=["-signed_on", "-id"],
                condition=Q(is_public=True),
                name="partnership_public_newest",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                Least("municipality_a", "municipality_b"),
                Greatest("municipality_a", "municipality_b"),
                name="partnership_one_tie_per_pair",
                violation_error_message=_("These two municipalities already have a tie."),
            ),
            models.CheckConstraint(
                condition=~Q(municipality_a=F("municipality_b")), name="partnership_not_with_itself"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(ended_on__gte=F("signed_on")),
                name="partnership_ends_after_signing",
            ),
        ]

    def __str__(self):
        return f"{self.municipality_a} — {self.municipality_b}"

    def get_absolute_url(self):
        return reverse("partnerships:partnership", args=[self.pk])

    @property
    def signed_display(self):
        return format_partial_date(self.signed_on, self.signed_on_precision)

    @property
    def ended_display(self):
        return format_partial_date(self.ended_on, self.ended_on_precision)

    def other_side(self, municipality):
        return (
            self.municipality_b
            if municipality.pk == self.municipality_a_id
            else self.municipality_a
        )

    def existing_tie(self):
        """The tie this pair already has (in either order), other than this one."""
        if not (self.municipality_a_id and self.municipality_b_id):
            return None
        pair = Q(
            municipality_a_id=self.municipality_a_id, municipality_b_id=self.municipality_b_id
        ) | Q(municipality_a_id=self.municipality_b_id, municipality_b_id=self.municipality_a_id)
        return (
            Partnership.objects.filter(pair)
            .exclude(pk=self.pk)
            .select_related("municipality_a", "municipality_b")
            .first()
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.municipality_a_id and self.municipality_a_id == self.municipality_b_id:
            errors["municipality_b"] = _("A municipality cannot be tied to itself.")
        if self.signed_on and self.ended_on and self.ended_on < self.signed_on:
            errors["ended_on"] = _("A tie cannot end before it was signed.")
        existing = self.existing_tie()
        if existing:
            errors["municipality_b"] = _(
                "These two municipalities already have a tie: “%(tie)s” (no. %(pk)s). "
                "Add the new agreement to it as a document."
            ) % {"tie": existing, "pk": existing.pk}
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # clean() explains a duplicate pair better than the constraint's generic message.
        if self.existing_tie() is None:
            super().validate_constraints(exclude=exclude)


class PartnershipDocument(models.Model):
    """An agreement or protocol of a tie; later agreements of the same pair go here too."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("agreement")
        PROTOCOL = "protocol", _("protocol")
        DECISION = "decision", _("council decision")
        LETTER = "letter", _("letter")
        OTHER = "other", _("other document")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AGREEMENT)
    title = models.CharField(_("title"), max_length=300)
    file = ProtectedFileField(
        _("file"), kinds=DOCUMENTS_AND_IMAGES, folder="partnerships/documents"
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
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
        verbose_name = _("partnership document")
        verbose_name_plural = _("partnership documents")
        ordering = ["-signed_on", "-uploaded_at"]

    def __str__(self):
        return self.title


class OfficialProfile(models.Model):
    """Ties a city official's account to the one municipality they speak for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="official_profile",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("municipality"),
    )
    position = models.CharField(_("position"), max_length=300, blank=True)
    municipality_name_given = models.CharField(
        _("municipality as given at sign-up"),
        max_length=300,
        blank=True,
        help_text=_("What the person typed; staff link the profile to a registry municipality."),
    )
    personal_data_consent_at = models.DateTimeField(
        _("consent to personal data processing given at"), null=True, blank=True
    )
    personal_data_consent_version = models.CharField(
        _("version of the consent text"), max_length=20, blank=True
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official's profile")
        verbose_name_plural = _("officials' profiles")

    def __str__(self):
        return f"{self.user} · {self.municipality or '—'}"

    @property
    def is_approved(self):
        return self.approved_at is not None and self.municipality_id is not None

    @property
    def has_consented(self):
        return self.personal_data_consent_at is not None


class MunicipalityAlias(AliasBase):
    """
    A name that means a registry municipality, as staff decided it while
    resolving an import: a spelling the registry lacks, a part or district of
    the municipality, or the reading of a disputed place.
    """

    country = CountryField(_("country as the file gives it"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("municipality"),
    )

    class Meta:
        verbose_name = _("municipality alias")
        verbose_name_plural = _("municipality aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["normalized", "country", "source"],
                name="municipality_alias_once_per_source",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.country.code}) → {self.municipality}"
