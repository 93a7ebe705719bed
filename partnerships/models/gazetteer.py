"""The GeoNames gazetteer, as tables the portal queries (see partnerships.gazetteer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
        verbose_name = _("gazetteer place")
        verbose_name_plural = _("gazetteer places")
        indexes = [models.Index(fields=["country_code", "admin1_code"])]

    def __str__(self):
        return f"{self.name} ({self.country_code})"


class GazetteerName(models.Model):
    """One normalised name of a gazetteer place, for prefix search in any script."""

    place = models.ForeignKey(GazetteerPlace, on_delete=models.CASCADE, related_name="names")
    normalized = models.CharField(max_length=200)
    population = models.PositiveBigIntegerField(default=0)
    country_code = models.CharField(max_length=2)

    class Meta:
        indexes = [
            # varchar_pattern_ops lets PostgreSQL answer "starts with" from the index
            # whatever the database collation; other databases ignore the opclass.
            models.Index(
                fields=["normalized"],
                name="gazetteer_name_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
        ]

    def __str__(self):
        return self.normalized
