"""The gazetteer's tables: GeoNames places with their names, and the aliases staff confirmed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class GazetteerPlace(models.Model):
    """A populated place of GeoNames (the 1,000-inhabitant set), loaded by ``load_gazetteer``."""

    geonames_id = models.PositiveIntegerField(primary_key=True)
    name = models.CharField(max_length=200)
    country_code = models.CharField(max_length=2, db_index=True)
    admin1_code = models.CharField(max_length=20, blank=True)
    population = models.PositiveBigIntegerField(default=0)
    latitude = models.DecimalField(max_digits=8, decimal_places=5)
    longitude = models.DecimalField(max_digits=8, decimal_places=5)
    # A Russian spelling found among the alternate names, closest to the Latin
    # name. GeoNames does not tag languages, so this is a suggestion only.
    russian_name_suggestion = models.CharField(max_length=200, blank=True)
    alternate_names = models.TextField(blank=True)

    class Meta:
        db_table = "gazetteer_place"
        verbose_name = _("gazetteer place")
        verbose_name_plural = _("gazetteer places")
        indexes = [models.Index(fields=["country_code", "admin1_code"])]

    def __str__(self):
        return f"{self.name} ({self.country_code})"


class GazetteerName(models.Model):
    """One normalised name of a gazetteer place, for search in any script."""

    place = models.ForeignKey(GazetteerPlace, on_delete=models.CASCADE, related_name="names")
    normalized = models.CharField(max_length=200)
    # mechanisms.placenames.name_skeleton of the name: romanisation variants folded.
    skeleton = models.CharField(max_length=200, blank=True, default="")
    population = models.PositiveBigIntegerField(default=0)
    country_code = models.CharField(max_length=2)

    class Meta:
        db_table = "gazetteer_name"
        indexes = [
            # varchar_pattern_ops lets PostgreSQL answer "starts with" from the index
            # whatever the database collation; other databases ignore the opclass.
            models.Index(
                fields=["normalized"],
                name="gazetteer_name_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(fields=["skeleton", "country_code"], name="gazetteer_name_skeleton"),
        ]

    def __str__(self):
        return self.normalized


class AliasBase(models.Model):
    """
    A decision staff made once about a name in a file, so that the next file
    with the same name needs none. ``source`` says which kind of file it
    holds for (the source named on the import job); empty, for every file.
    """

    name = models.CharField(_("name as written"), max_length=200)
    normalized = models.CharField(max_length=200, editable=False, db_index=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The source of files this holds for; empty for every file."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from mechanisms.placenames import normalize_name

        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class CountryAlias(AliasBase):
    """A way of writing a country that the built-in names do not know («Грециа» is Greece)."""

    country = CountryField(_("country"))

    class Meta:
        verbose_name = _("country alias")
        verbose_name_plural = _("country aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["normalized", "source"], name="country_alias_once_per_source"
            )
        ]

    def __str__(self):
        return f"{self.name} → {self.country.code}"


class PlaceAlias(AliasBase):
    """
    A name that means one gazetteer place in one country. The place is kept
    by its GeoNames id, which survives a reload of the gazetteer.
    """

    country = CountryField(_("country"))
    geonames_id = models.PositiveIntegerField(_("GeoNames id"))

    class Meta:
        verbose_name = _("place alias")
        verbose_name_plural = _("place aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["normalized", "country", "source"], name="place_alias_once_per_source"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.country.code}) → GeoNames {self.geonames_id}"
