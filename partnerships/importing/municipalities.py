"""
The import engine for municipalities (a list of places, not of ties).

A row is the same municipality as a registry record with its GeoNames id,
else its OKTMO code, else its name in its country and federal subject (or
region); a name that fits two records is set aside, never guessed. A new
municipality is identified by its name, country, federal subject and OKTMO,
so homonyms of different regions (the three Sovetsks) are three
municipalities. New ones without a GeoNames id get it, with their English
name and coordinates, from the gazetteer where its rules find one place.
"""

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from gazetteer.choosing import choose_place
from gazetteer.search import names_with_keys, places_with_ids
from mechanisms.placenames import has_cyrillic, normalize_name, transliterate

from ..models import FederalSubject, Municipality
from ..places import federal_subject_of
from . import values
from .columns import MUNICIPALITY_COLUMNS
from .engine import ImportEngine
from .outcomes import MERGED, NEW, UNCHANGED, UPDATED, ImportReport, Reason, RowResult
from .placing import RUSSIA

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


def _fail(result, key, message):
    column = COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else key
    result.set_aside(Reason.BAD_VALUE, message, column=column)


class MunicipalityImport(ImportEngine):
    def __init__(self, table, assignment, **options):
        options.setdefault("create_missing", True)
        super().__init__(table, assignment, **options)
        self.subjects = list(FederalSubject.objects.all())
        self.subject_lookup = FederalSubject.lookup_table(self.subjects)
        self.kinds = {}
        for code, label in Municipality.Kind.choices:
            self.kinds[normalize_name(code)] = code
            for language in ("ru", "en"):
                with translation.override(language):
                    self.kinds[normalize_name(str(label))] = code

    def header(self, key):
        return COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else key

    # --- reading a row -------------------------------------------------------------
    def _row(self, row, result):
        cells = self.cells(row)
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
        if not fields.get("country"):
            _fail(result, "country", _("The country is missing."))
        self._region(values.text(cells.get("region")), fields, result)
        self._codes(cells, fields, result)
        return fields

    def _region(self, region, fields, result):
        if not region:
            return
        if fields.get("country") == RUSSIA:
            subject = self.subject_lookup(region)
            if subject is None:
                _fail(
                    result, "region", _("Unknown federal subject: “%(value)s”.") % {"value": region}
                )
            else:
                fields["federal_subject_id"] = subject.pk
        else:
            fields["region"] = region[:200]

    def _codes(self, cells, fields, result):
        try:
            oktmo = values.oktmo(cells.get("oktmo"))
        except ValueError as error:
            _fail(result, "oktmo", error)
            oktmo = None
        if oktmo:
            if fields.get("country") not in (None, RUSSIA):
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

    # --- the registry -------------------------------------------------------------------
    def _load_registry(self):
        self.existing = {}
        self.by_geonames, self.by_oktmo, self.by_name = {}, {}, defaultdict(list)
        for row in Municipality.objects.values("pk", *FIELDS).iterator(chunk_size=10_000):
            self.existing[row["pk"]] = row
            if row["geonames_id"]:
                self.by_geonames[row["geonames_id"]] = row["pk"]
            if row["oktmo"]:
                self.by_oktmo[row["oktmo"]] = row["pk"]
            for name in {row["name_ru"], row["name_en"], transliterate(row["name_ru"])}:
                if name:
                    self.by_name[(row["country"], normalize_name(name))].append(row["pk"])

    def _match(self, fields, result):
        """The registry pk the row is, None for a new one, False when it is set aside."""
        pk = self.by_geonames.get(fields.get("geonames_id")) or self.by_oktmo.get(
            fields.get("oktmo")
        )
        if pk is not None:
            return pk
        candidates = set()
        for key in ("name_ru", "name_en"):
            if fields.get(key):
                candidates.update(
                    self.by_name.get((fields["country"], normalize_name(fields[key])), [])
                )
        subject = fields.get("federal_subject_id")
        if subject:
            candidates = {
                c for c in candidates if self.existing[c]["federal_subject_id"] in (subject, None)
            }
        elif fields.get("region"):
            region = normalize_name(fields["region"])
            candidates = {
                c for c in candidates if normalize_name(self.existing[c]["region"]) in (region, "")
            }
        # A homonym with another OKTMO code is another municipality (the three Sovetsks).
        if fields.get("oktmo"):
            candidates = {c for c in candidates if self.existing[c]["oktmo"] in (None, "")}
        if len(candidates) > 1:
            result.set_aside(
                Reason.REGISTRY_HOMONYMS,
                _(
                    "The name fits several municipalities in the registry (no. %(ids)s): "
                    "give the GeoNames id, the OKTMO code or the region."
                )
                % {"ids": ", ".join(map(str, sorted(candidates)))},
                column=self.header("name_ru"),
                name=fields.get("name_ru") or fields.get("name_en", ""),
                country=fields.get("country", ""),
                candidates=[{"municipality": pk} for pk in sorted(candidates)],
            )
            return False
        return next(iter(candidates), None)

    # --- the plan ----------------------------------------------------------------------
    def plan(self):
        total = len(self.table.rows)
        self.progress("validating", 0, total)
        self._load_registry()
        results, self.plan_rows, seen, new_oktmo = [], {}, {}, {}
        for number, row in zip(self.numbers, self.table.rows, strict=True):
            result = RowResult(number)
            results.append(result)
            fields = self._row(row, result)
            if result.is_set_aside:
                continue
            pk = self._match(fields, result)
            if pk is False:
                continue
            identity = pk or (
                "new",
                fields["country"],
                fields.get("federal_subject_id") or normalize_name(fields.get("region", "")),
                normalize_name(fields.get("name_ru") or fields.get("name_en")),
                fields.get("oktmo"),
            )
            if identity in seen:
                self._same_identity(results, seen[identity], result, fields, identity)
                continue
            seen[identity] = (result, fields)
            if not self._codes_free(fields, pk, result, new_oktmo):
                continue
            self._decide(result, pk, fields)
            self.plan_rows[identity] = (result, pk, fields)
            if number % 2000 == 0:
                self.progress("validating", number, total)
        self._fill_from_gazetteer()
        return ImportReport(results)

    def _same_identity(self, results, earlier, result, fields, identity):
        earlier_result, earlier_fields = earlier
        if earlier_fields == fields:
            result.outcome = MERGED
            result.message = _("Same municipality as row %(row)s.") % {"row": earlier_result.number}
            return
        message = _("Rows %(one)s and %(two)s describe the same municipality differently.") % {
            "one": earlier_result.number,
            "two": result.number,
        }
        result.set_aside(Reason.CONFLICT, message)
        earlier_result.set_aside(Reason.CONFLICT, message)
        self.plan_rows.pop(identity, None)

    def _codes_free(self, fields, pk, result, new_oktmo):
        for key, index in (("geonames_id", self.by_geonames), ("oktmo", self.by_oktmo)):
            owner = index.get(fields.get(key))
            if fields.get(key) and owner not in (None, pk):
                reason = Reason.OKTMO_TAKEN if key == "oktmo" else Reason.BAD_VALUE
                result.set_aside(
                    reason,
                    _("This value belongs to municipality no. %(pk)s.") % {"pk": owner},
                    column=self.header(key),
                )
                return False
        oktmo = fields.get("oktmo")
        if oktmo and pk is None:
            if oktmo in new_oktmo:
                result.set_aside(
                    Reason.OKTMO_TAKEN,
                    _("Row %(row)s has the same OKTMO code for another municipality.")
                    % {"row": new_oktmo[oktmo]},
                    column=self.header("oktmo"),
                )
                return False
            new_oktmo[oktmo] = result.number
        return True

    def _decide(self, result, pk, fields):
        if pk is None:
            result.outcome = NEW
            result.describe = _("new municipality %(name)s") % {
                "name": fields.get("name_ru") or fields.get("name_en")
            }
            return
        current = self.existing[pk]
        changed = [k for k, v in fields.items() if current.get(k) != v]
        result.outcome = UPDATED if changed else UNCHANGED
        if changed:
            result.note(_("changed: %(fields)s") % {"fields": ", ".join(changed)})

    def _fill_from_gazetteer(self):
        """New municipalities without a GeoNames id get one where the gazetteer's rules find it."""
        new = [fields for _r, pk, fields in self.plan_rows.values() if pk is None]
        wanted = [f for f in new if not f.get("geonames_id")]
        keys = {
            normalize_name(f.get(k)) for f in wanted for k in ("name_ru", "name_en") if f.get(k)
        }
        found = defaultdict(set)
        for place_id, key, country in names_with_keys(keys - {""}):
            found[(country, key)].add(place_id)
        ids = {i for group in found.values() for i in group}
        places = {place.geonames_id: place for place in places_with_ids(ids)}
        taken = set(self.by_geonames) | {f["geonames_id"] for f in new if f.get("geonames_id")}
        subjects = {s.pk: s for s in self.subjects}
        for fields in wanted:
            place = self._place_for(fields, found, places, subjects)
            if place is None or place.geonames_id in taken:
                continue
            taken.add(place.geonames_id)
            fields["geonames_id"] = place.geonames_id
            fields.setdefault("name_en", place.name)
            if fields.get("latitude") is None:
                fields["latitude"], fields["longitude"] = place.latitude, place.longitude
            if fields.get("population") is None and place.population:
                fields["population"] = place.population
            if fields["country"] == RUSSIA and not fields.get("federal_subject_id"):
                subject = federal_subject_of(place)
                if subject:
                    fields["federal_subject_id"] = subject.pk

    def _place_for(self, fields, found, places, subjects):
        country = fields["country"]
        ids = set()
        for key in ("name_ru", "name_en"):
            if fields.get(key):
                ids |= found.get((country, normalize_name(fields[key])), set())
        subject = subjects.get(fields.get("federal_subject_id"))
        admin1 = {subject.geonames_admin1} if subject and subject.geonames_admin1 else None
        if subject and not subject.geonames_admin1:
            return None  # GeoNames files the subject under another country's codes
        coordinates = None
        if fields.get("latitude") is not None and fields.get("longitude") is not None:
            coordinates = (fields["latitude"], fields["longitude"])
        name = fields.get("name_en") or fields.get("name_ru")
        choice = choose_place(
            [places[i] for i in ids if i in places],
            name=name,
            country=country,
            admin1_codes=admin1,
            coordinates=coordinates,
        )
        return choice.place

    # --- writing ------------------------------------------------------------------------
    def write(self, report):
        plan = list(self.plan_rows.values())
        self.start_writing(len(plan))
        history = {
            "default_user": self.user,
            "default_change_reason": self.reason,
            "batch_size": 5000,
        }
        new = []
        for _result, pk, fields in plan:
            if pk is None:
                municipality = Municipality(**fields)
                if not municipality.name_ru and has_cyrillic(municipality.name_en):
                    municipality.name_ru, municipality.name_en = municipality.name_en, ""
                municipality.search_name = municipality.build_search_name()
                new.append(municipality)
        bulk_create_with_history(new, Municipality, **history)
        changed = [(pk, fields) for result, pk, fields in plan if pk and result.outcome == UPDATED]
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
                **history,
            )
        self.progress("writing", len(plan), len(plan))
