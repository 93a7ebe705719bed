"""
django-import-export resources for the registry: the columns that exports write
and imports read back.

``PartnershipResource`` writes one row per tie with the columns of
``columns.PARTNERSHIP_COLUMNS`` (headers in both languages), so an exported
CSV or XLSX re-imports as “unchanged”. ``public=True`` gives the documented
public subset used by the open-data export: the same columns without the
internal ones (source and the publication flag). Every text cell is guarded
against spreadsheet formula injection.

Exports stream: ``rows()`` yields one list per record from a server-side
cursor, and ``write_csv``/``write_json``/``write_xlsx`` never hold the whole
table in memory.
"""

import csv
import io
import json

from django.utils.translation import gettext as _
from import_export import fields, resources

from mechanisms.spreadsheets import escape_formula

from ..models import Municipality, Partnership, format_partial_date
from .columns import MUNICIPALITY_COLUMNS, PARTNERSHIP_COLUMNS

PUBLIC_EXCLUDED = ("source", "is_public")
CHUNK = 2000


def _name(municipality):
    return municipality.name_ru or municipality.name_en


def _region(municipality):
    if municipality.federal_subject_id:
        return municipality.federal_subject.short_name_ru
    return municipality.region


class PortalResource(resources.ModelResource):
    """Columns from a column list, headers in both languages, formula-safe cells."""

    columns = ()

    def __init__(self, *, public=False):
        super().__init__()
        self.public = public

    def get_export_fields(self, selected_fields=None):
        keys = [c.key for c in self.columns if not (self.public and c.key in PUBLIC_EXCLUDED)]
        return [self.fields[key] for key in keys]

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return escape_formula(value)

    def headers(self):
        return self.get_export_headers()

    def rows(self, queryset):
        """One exported row per record, read in chunks from the database."""
        for instance in queryset.iterator(chunk_size=CHUNK):
            yield self.export_resource(instance)

    # Streaming writers ---------------------------------------------------------------
    def write_csv(self, queryset, *, delimiter=";"):
        """Yield CSV text (UTF-8 with BOM, as Excel in a Russian locale expects) piece by piece."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        yield "\ufeff"
        writer.writerow(self.headers())
        for count, row in enumerate(self.rows(queryset), start=1):
            writer.writerow(["" if cell is None else cell for cell in row])
            if count % 500 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    def write_json(self, queryset):
        """Yield a JSON array of objects keyed by the column keys, piece by piece."""
        keys = [c.key for c in self.columns if not (self.public and c.key in PUBLIC_EXCLUDED)]
        yield "["
        for count, row in enumerate(self.rows(queryset)):
            record = dict(zip(keys, row, strict=True))
            yield ("," if count else "") + json.dumps(record, ensure_ascii=False, default=str)
        yield "]"

    def write_xlsx(self, queryset, target):
        """Write an XLSX workbook to ``target`` (a path or a file object) in write-only mode."""
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(self._meta.model._meta.verbose_name_plural)[:31])
        sheet.append(self.headers())
        for row in self.rows(queryset):
            sheet.append(["" if cell is None else cell for cell in row])
        workbook.save(target)


def _header(columns, key):
    return next(c.header for c in columns if c.key == key)


def _tie_field(key, **options):
    return fields.Field(column_name=_header(PARTNERSHIP_COLUMNS, key), **options)


class PartnershipResource(PortalResource):
    columns = PARTNERSHIP_COLUMNS

    municipality = _tie_field("municipality")
    region = _tie_field("region")
    country = _tie_field("country")
    oktmo = _tie_field("oktmo")
    partner = _tie_field("partner")
    partner_region = _tie_field("partner_region")
    partner_country = _tie_field("partner_country")
    partner_oktmo = _tie_field("partner_oktmo")
    latitude = _tie_field("latitude")
    longitude = _tie_field("longitude")
    partner_latitude = _tie_field("partner_latitude")
    partner_longitude = _tie_field("partner_longitude")
    kind = _tie_field("kind")
    status = _tie_field("status")
    signed_on = _tie_field("signed_on")
    ended_on = _tie_field("ended_on")
    areas = _tie_field("areas")
    description_ru = _tie_field("description_ru", attribute="description_ru")
    description_en = _tie_field("description_en", attribute="description_en")
    source = _tie_field("source", attribute="source")
    is_public = _tie_field("is_public")

    class Meta:
        model = Partnership
        fields = tuple(c.key for c in PARTNERSHIP_COLUMNS)

    @staticmethod
    def export_queryset(queryset):
        """Every column of the ties and both sides in one query, whatever ``only()`` came before."""
        return (
            queryset.defer(None)
            .select_related("municipality_a__federal_subject", "municipality_b__federal_subject")
            .order_by("pk")
        )

    def dehydrate_municipality(self, tie):
        return _name(tie.municipality_a)

    def dehydrate_region(self, tie):
        return _region(tie.municipality_a)

    def dehydrate_country(self, tie):
        return str(tie.municipality_a.country.name)

    def dehydrate_oktmo(self, tie):
        return tie.municipality_a.oktmo or ""

    def dehydrate_partner(self, tie):
        return _name(tie.municipality_b)

    def dehydrate_partner_region(self, tie):
        return _region(tie.municipality_b)

    def dehydrate_partner_country(self, tie):
        return str(tie.municipality_b.country.name)

    def dehydrate_partner_oktmo(self, tie):
        return tie.municipality_b.oktmo or ""

    def dehydrate_latitude(self, tie):
        return tie.municipality_a.latitude

    def dehydrate_longitude(self, tie):
        return tie.municipality_a.longitude

    def dehydrate_partner_latitude(self, tie):
        return tie.municipality_b.latitude

    def dehydrate_partner_longitude(self, tie):
        return tie.municipality_b.longitude

    def dehydrate_kind(self, tie):
        return str(tie.get_kind_display())

    def dehydrate_status(self, tie):
        return str(tie.get_status_display())

    def dehydrate_signed_on(self, tie):
        return format_partial_date(tie.signed_on, tie.signed_on_precision)

    def dehydrate_ended_on(self, tie):
        return format_partial_date(tie.ended_on, tie.ended_on_precision)

    def dehydrate_areas(self, tie):
        return "; ".join(str(label) for label in tie.areas.labels())

    def dehydrate_is_public(self, tie):
        return _("yes") if tie.is_public else _("no")


class MunicipalityResource(PortalResource):
    columns = MUNICIPALITY_COLUMNS

    name_ru = fields.Field(
        attribute="name_ru", column_name=_header(MUNICIPALITY_COLUMNS, "name_ru")
    )
    name_en = fields.Field(
        attribute="name_en", column_name=_header(MUNICIPALITY_COLUMNS, "name_en")
    )
    country = fields.Field(column_name=_header(MUNICIPALITY_COLUMNS, "country"))
    region = fields.Field(column_name=_header(MUNICIPALITY_COLUMNS, "region"))
    oktmo = fields.Field(attribute="oktmo", column_name=_header(MUNICIPALITY_COLUMNS, "oktmo"))
    kind = fields.Field(column_name=_header(MUNICIPALITY_COLUMNS, "kind"))
    population = fields.Field(
        attribute="population", column_name=_header(MUNICIPALITY_COLUMNS, "population")
    )
    latitude = fields.Field(
        attribute="latitude", column_name=_header(MUNICIPALITY_COLUMNS, "latitude")
    )
    longitude = fields.Field(
        attribute="longitude", column_name=_header(MUNICIPALITY_COLUMNS, "longitude")
    )
    website = fields.Field(
        attribute="website", column_name=_header(MUNICIPALITY_COLUMNS, "website")
    )
    geonames_id = fields.Field(
        attribute="geonames_id", column_name=_header(MUNICIPALITY_COLUMNS, "geonames_id")
    )

    class Meta:
        model = Municipality
        fields = tuple(c.key for c in MUNICIPALITY_COLUMNS)

    @staticmethod
    def export_queryset(queryset):
        """Every column in one query, whatever ``only()`` the list used."""
        return queryset.defer(None).select_related("federal_subject").order_by("pk")

    def dehydrate_country(self, municipality):
        return str(municipality.country.name)

    def dehydrate_region(self, municipality):
        return _region(municipality)

    def dehydrate_kind(self, municipality):
        return str(municipality.get_kind_display())
