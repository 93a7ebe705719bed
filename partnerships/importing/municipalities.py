"""
The import engine for municipalities (a list of places, not of ties).

Same shape as the ties' engine: read once, validate every row in memory
against the registry loaded once, decide new / updated / unchanged /
skipped / error per row, and write in bulk only when no row failed. A row is
the same municipality as a registry record with its GeoNames id, else its
OKTMO code, else its name in its country (and federal subject or region);
a name that fits two records is an error, never a guess.
"""

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from mechanisms.placenames import normalize_name, transliterate

from ..cache import registry_changed
from ..models import FederalSubject, Municipality
from . import values
from .columns import MUNICIPALITY_COLUMNS
from .engine import ERROR, IMPORT_LOCK, NEW, SKIPPED, UNCHANGED, UPDATED, ImportReport, RowResult

COLUMN_BY_KEY = {column.key: column for column in MUNICIPALITY_COLUMNS}
FIELDS = (
    "name_ru",
    "name_en",
    "country",
    "federal_subject_id",
    "region",
    "oktmo",
    "kind",
    "population",
    "latitude",
    "longitude",
    "website",
    "geonames_id",
)


def _fail(result, key, message):
    result.fail(COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else key, message)


def _number(raw, key, result, *, kind=int, low=None, high=None):
    text = values.text(raw).replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    try:
        number = (
            kind(text.replace(",", ".")) if kind is Decimal else kind(float(text.replace(",", ".")))
        )
    except (ValueError, InvalidOperation):
        _fail(result, key, _("“%(value)s” is not a number.") % {"value": text})
        return None
    if (low is not None and number < low) or (high is not None and number > high):
        _fail(
            result,
            key,
            _("%(value)s is out of range (%(low)s to %(high)s).")
            % {"value": text, "low": low, "high": high},
        )
        return None
    return number


class MunicipalityImport:
    def __init__(
        self, table, assignment, *, create_missing=True, user=None, reason="", progress=None
    ):
        self.table = table
        self.assignment = assignment
        self.user = user
        self.reason = reason
        self.progress = progress or (lambda phase, done, total: None)
        self.subjects = list(FederalSubject.objects.all())
        self.kinds = {}
        from django.utils import translation

        for code, label in Municipality.Kind.choices:
            self.kinds[normalize_name(code)] = code
            for language in ("ru", "en"):
                with translation.override(language):
                    self.kinds[normalize_name(str(label))] = code

    def _row(self, row, result):
        cells = {
            key: (row[index] if index < len(row) else None)
            for index, key in self.assignment.items()
        }
        fields = {}
        for key in ("name_ru", "name_en"):
            value = values.text(cells.get(key))
            if value:
                fields[key] = value[:200]
        if not (fields.get("name_ru") or fields.get("name_en")):
            _fail(result, "name_ru", _("The municipality's name is missing."))
        try:
            fields["country"] = values.country(cells.get("country"))
        except ValueError as error:
            _fail(result, "country", error)
        if not fields.get("country") and result.outcome != ERROR:
            _fail(result, "country", _("The country is missing."))
        region = values.text(cells.get("region"))
        if region:
            if fields.get("country") == "RU":
                subject = FederalSubject.lookup(region, self.subjects)
                if subject is None:
                    _fail(
                        result,
                        "region",
                        _("Unknown federal subject: “%(value)s”.") % {"value": region},
                    )
                else:
                    fields["federal_subject_id"] = subject.pk
            else:
                fields["region"] = region[:200]
        try:
            oktmo = values.oktmo(cells.get("oktmo"))
        except ValueError as error:
            _fail(result, "oktmo", error)
            oktmo = None
        if oktmo:
            if fields.get("country") not in (None, "RU"):
                _fail(result, "oktmo", _("Only Russian municipalities have an OKTMO code."))
            fields["oktmo"] = oktmo
        kind = values.text(cells.get("kind"))
        if kind:
            code = self.kinds.get(normalize_name(kind))
            if code is None:
                _fail(
                    result,
                    "kind",
                    _("Unknown kind of municipality: “%(value)s”.") % {"value": kind},
                )
            else:
                fields["kind"] = code
        population = _number(cells.get("population"), "population", result, low=0, high=50_000_000)
        if population is not None:
            fields["population"] = population
        for key, limit in (("latitude", 90), ("longitude", 180)):
            number = _number(cells.get(key), key, result, kind=Decimal, low=-limit, high=limit)
            if number is not None:
                fields[key] = number.quantize(Decimal("0.00001"))
        website = values.text(cells.get("website"))
        if website:
            try:
                URLValidator()(website)
            except ValidationError:
                _fail(
                    result, "website", _("“%(value)s” is not a web address.") % {"value": website}
                )
            else:
                fields["website"] = website
        geonames = _number(cells.get("geonames_id"), "geonames_id", result, low=1, high=2**31 - 1)
        if geonames is not None:
            fields["geonames_id"] = geonames
        return fields

    def run(self, *, dry_run):
        if dry_run:
            return self._plan_and_write(dry_run=True)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
            return self._plan_and_write(dry_run=False)

    def _plan_and_write(self, *, dry_run):
        total = len(self.table.rows)
        self.progress("validating", 0, total)
        existing = {}
        by_geonames, by_oktmo, by_name = {}, {}, defaultdict(list)
        for row in Municipality.objects.values("pk", *FIELDS).iterator(chunk_size=10_000):
            existing[row["pk"]] = row
            if row["geonames_id"]:
                by_geonames[row["geonames_id"]] = row["pk"]
            if row["oktmo"]:
                by_oktmo[row["oktmo"]] = row["pk"]
            for name in {row["name_ru"], row["name_en"], transliterate(row["name_ru"])}:
                if name:
                    by_name[(row["country"], normalize_name(name))].append(row["pk"])

        results, plan, seen = [], {}, {}
        for number, row in enumerate(self.table.rows, start=2):
            result = RowResult(number)
            results.append(result)
            fields = self._row(row, result)
            if result.outcome == ERROR:
                continue
            pk = by_geonames.get(fields.get("geonames_id")) or by_oktmo.get(fields.get("oktmo"))
            if pk is None:
                candidates = set()
                for key in ("name_ru", "name_en"):
                    if fields.get(key):
                        candidates.update(
                            by_name.get((fields["country"], normalize_name(fields[key])), [])
                        )
                subject = fields.get("federal_subject_id")
                if subject:
                    candidates = {
                        c
                        for c in candidates
                        if existing[c]["federal_subject_id"] in (subject, None)
                    }
                if len(candidates) > 1:
                    _fail(
                        result,
                        "name_ru",
                        _(
                            "The name fits several municipalities in the registry (no. %(ids)s): "
                            "give the GeoNames id, the OKTMO code or the region."
                        )
                        % {"ids": ", ".join(map(str, sorted(candidates)))},
                    )
                    continue
                pk = next(iter(candidates), None)
            identity = pk or (
                "new",
                fields["country"],
                normalize_name(fields.get("name_ru") or fields.get("name_en")),
            )
            if identity in seen:
                earlier, earlier_fields = seen[identity]
                if earlier_fields == fields:
                    result.outcome = SKIPPED
                    result.message = _("Same municipality as row %(row)s.") % {
                        "row": earlier.number
                    }
                else:
                    message = _(
                        "Rows %(one)s and %(two)s describe the same municipality differently."
                    ) % {"one": earlier.number, "two": number}
                    result.fail("", message)
                    earlier.fail("", message)
                    plan.pop(identity, None)
                continue
            seen[identity] = (result, fields)
            for key, index in (("geonames_id", by_geonames), ("oktmo", by_oktmo)):
                owner = index.get(fields.get(key))
                if fields.get(key) and owner not in (None, pk):
                    _fail(
                        result,
                        key,
                        _("This value belongs to municipality no. %(pk)s.") % {"pk": owner},
                    )
            if result.outcome == ERROR:
                continue
            if pk is None:
                result.outcome = NEW
            else:
                current = existing[pk]
                changed = [k for k, v in fields.items() if current.get(k) != v]
                result.outcome = UPDATED if changed else UNCHANGED
                if changed:
                    result.notes.append(_("changed: %(fields)s") % {"fields": ", ".join(changed)})
            plan[identity] = (result, pk, fields)
            if number % 2000 == 0:
                self.progress("validating", number, total)

        report = ImportReport(results)
        if dry_run or report.has_errors:
            return report
        self.progress("writing", 0, len(plan))
        history = {"default_user": self.user, "default_change_reason": self.reason}
        new = []
        for _result, pk, fields in plan.values():
            if pk is None:
                municipality = Municipality(**fields)
                municipality.search_name = municipality.build_search_name()
                new.append(municipality)
        bulk_create_with_history(new, Municipality, batch_size=5000, **history)
        changed = [
            (pk, fields) for result, pk, fields in plan.values() if pk and result.outcome == UPDATED
        ]
        if changed:
            objects = Municipality.objects.in_bulk([pk for pk, _fields in changed])
            touched = set()
            for pk, fields in changed:
                municipality = objects[pk]
                for key, value in fields.items():
                    setattr(municipality, key, value)
                    touched.add(key)
                municipality.search_name = municipality.build_search_name()
            bulk_update_with_history(
                list(objects.values()),
                Municipality,
                sorted(touched | {"search_name"}),
                batch_size=5000,
                **history,
            )
        registry_changed()
        self.progress("writing", len(plan), len(plan))
        report.written = True
        return report
