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

from ..models import Municipality, Partnership, format_partial_date
from .columns import MUNICIPALITY_COLUMNS, PARTNERSHIP_COLUMNS
from .values import FORMULA_START

PUBLIC_EXCLUDED = ("source", "is_public")
CHUNK = 2000


def escape_formula(value):
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (imports drop it)."""
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return "'" + value
    return value


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


class PartnershipResource(PortalResource):
    columns = PARTNERSHIP_COLUMNS

    municipality = fields.Field(column_name=PARTNERSHIP_COLUMNS[0].header)
    region = fields.Field(column_name=PARTNERSHIP_COLUMNS[1].header)
    country = fields.Field(column_name=PARTNERSHIP_COLUMNS[2].header)
    oktmo = fields.Field(column_name=PARTNERSHIP_COLUMNS[3].header)
    partner = fields.Field(column_name=PARTNERSHIP_COLUMNS[4].header)
    partner_region = fields.Field(column_name=PARTNERSHIP_COLUMNS[5].header)
    partner_country = fields.Field(column_name=PARTNERSHIP_COLUMNS[6].header)
    partner_oktmo = fields.Field(column_name=PARTNERSHIP_COLUMNS[7].header)
    kind = fields.Field(column_name=PARTNERSHIP_COLUMNS[8].header)
    status = fields.Field(column_name=PARTNERSHIP_COLUMNS[9].header)
    signed_on = fields.Field(column_name=PARTNERSHIP_COLUMNS[10].header)
    ended_on = fields.Field(column_name=PARTNERSHIP_COLUMNS[11].header)
    areas = fields.Field(column_name=PARTNERSHIP_COLUMNS[12].header)
    description_ru = fields.Field(
        attribute="description_ru", column_name=PARTNERSHIP_COLUMNS[13].header
    )
    description_en = fields.Field(
        attribute="description_en", column_name=PARTNERSHIP_COLUMNS[14].header
    )
    source = fields.Field(attribute="source", column_name=PARTNERSHIP_COLUMNS[15].header)
    is_public = fields.Field(column_name=PARTNERSHIP_COLUMNS[16].header)

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

    name_ru = fields.Field(attribute="name_ru", column_name=MUNICIPALITY_COLUMNS[0].header)
    name_en = fields.Field(attribute="name_en", column_name=MUNICIPALITY_COLUMNS[1].header)
    country = fields.Field(column_name=MUNICIPALITY_COLUMNS[2].header)
    region = fields.Field(column_name=MUNICIPALITY_COLUMNS[3].header)
    oktmo = fields.Field(attribute="oktmo", column_name=MUNICIPALITY_COLUMNS[4].header)
    kind = fields.Field(column_name=MUNICIPALITY_COLUMNS[5].header)
    population = fields.Field(attribute="population", column_name=MUNICIPALITY_COLUMNS[6].header)
    latitude = fields.Field(attribute="latitude", column_name=MUNICIPALITY_COLUMNS[7].header)
    longitude = fields.Field(attribute="longitude", column_name=MUNICIPALITY_COLUMNS[8].header)
    website = fields.Field(attribute="website", column_name=MUNICIPALITY_COLUMNS[9].header)
    geonames_id = fields.Field(attribute="geonames_id", column_name=MUNICIPALITY_COLUMNS[10].header)

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
