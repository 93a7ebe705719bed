"""
The import engine for twinning records: one code path for the admin, the
command line and the background task.

A file is read once, every row is validated in memory against lookups loaded
once (the registry's municipalities and ties, federal subjects, and the
gazetteer places the missing names may mean), and the outcome of each row is
decided before anything is written: new, updated, unchanged, skipped or
error. A confirmed import writes in bulk inside one transaction, and only if
no row has an error; otherwise nothing of the file is written.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from gazetteer.models import GazetteerName, GazetteerPlace
from mechanisms.placenames import has_cyrillic, normalize_name, transliterate

from ..areas import mask_of
from ..cache import registry_changed
from ..gazetteer import federal_subject_of
from ..models import FederalSubject, Municipality, Partnership
from . import copying, values
from .columns import PARTNERSHIP_COLUMNS

NEW, UPDATED, UNCHANGED, SKIPPED, ERROR = "new", "updated", "unchanged", "skipped", "error"
OUTCOMES = (NEW, UPDATED, UNCHANGED, SKIPPED, ERROR)
# What people read for a row's outcome and for the phase of a running import.
OUTCOME_LABELS = {
    NEW: pgettext_lazy("import outcome", "new"),
    UPDATED: pgettext_lazy("import outcome", "updated"),
    UNCHANGED: pgettext_lazy("import outcome", "unchanged"),
    SKIPPED: pgettext_lazy("import outcome", "skipped"),
    ERROR: pgettext_lazy("import outcome", "error"),
}
PHASE_LABELS = {
    "queued": pgettext_lazy("import phase", "waiting for a worker"),
    "reading": pgettext_lazy("import phase", "reading the file"),
    "validating": pgettext_lazy("import phase", "checking rows"),
    "writing": pgettext_lazy("import phase", "writing"),
    "done": pgettext_lazy("import phase", "finished"),
    "failed": pgettext_lazy("import phase", "failed"),
}
RUSSIA = "RU"
WRITE_BATCH = 5000
PROGRESS_EVERY = 2000
# Confirmed imports take this PostgreSQL advisory lock, so two imports of
# overlapping files run one after the other and the second sees the first's ties.
IMPORT_LOCK = 72_017_001

TIE_FIELDS = (
    "kind",
    "status",
    "signed_on",
    "signed_on_precision",
    "ended_on",
    "ended_on_precision",
    "areas",
    "description_ru",
    "description_en",
    "source",
    "is_public",
)
COLUMN_BY_KEY = {column.key: column for column in PARTNERSHIP_COLUMNS}


@dataclass(slots=True)
class RowResult:
    number: int  # the row's line in the file; the header is line 1
    outcome: str = NEW
    column: str = ""
    message: str = ""
    partnership_id: int | None = None
    notes: list = field(default_factory=list)

    def fail(self, key, message):
        if self.outcome != ERROR:
            self.outcome = ERROR
            self.column = COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else key
            self.message = str(message)


@dataclass
class ImportReport:
    rows: list
    created_municipalities: list = field(default_factory=list)
    written: bool = False

    @property
    def counts(self):
        counts = dict.fromkeys(OUTCOMES, 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def has_errors(self):
        return any(row.outcome == ERROR for row in self.rows)

    def summary(self):
        counts = self.counts
        return _(
            "%(new)s new, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s skipped, "
            "%(error)s with errors; %(municipalities)s municipalities to create"
        ) % {**counts, "municipalities": len(self.created_municipalities)}


@dataclass(slots=True)
class Side:
    """One municipality as a row names it."""

    name: str
    region: str
    country: str | None
    oktmo: str | None
    subject: FederalSubject | None = None


@dataclass(eq=False)
class NewMunicipality:
    """A municipality the import will create; several rows may name the same one."""

    key: tuple
    name: str
    country: str
    subject: FederalSubject | None
    region: str
    oktmo: str | None
    place: GazetteerPlace | None = None
    instance: Municipality | None = None
    _description: str = ""

    def build(self):
        name_ru = self.name if has_cyrillic(self.name) else ""
        name_en = "" if name_ru else self.name
        municipality = Municipality(
            name_ru=name_ru,
            name_en=name_en,
            country=self.country,
            federal_subject=self.subject,
            region="" if self.subject else self.region,
            oktmo=self.oktmo,
            kind=Municipality.Kind.CITY,
        )
        if self.place is not None:
            place = self.place
            if not name_en:
                municipality.name_en = place.name
            municipality.geonames_id = place.geonames_id
            municipality.latitude, municipality.longitude = place.latitude, place.longitude
            municipality.population = place.population or None
            if municipality.country == RUSSIA and municipality.federal_subject is None:
                municipality.federal_subject = federal_subject_of(place)
        municipality.search_name = municipality.build_search_name()
        return municipality

    def describe(self):
        if not self._description:
            self._description = self._describe()
        return self._description

    def _describe(self):
        place = self.place
        if place is None:
            return _(
                "«%(name)s» (%(country)s): not in the gazetteer, created from the file's values"
            ) % {
                "name": self.name,
                "country": self.country,
            }
        subject = federal_subject_of(place)
        region = subject.short_name if subject else place.admin1_code
        text = _(
            "«%(name)s» (%(country)s) from the gazetteer: "
            "%(place)s · %(region)s · %(place_country)s · %(population)s"
        ) % {
            "name": self.name,
            "country": self.country,
            "place": place.name,
            "region": region,
            "place_country": place.country_code,
            "population": f"{place.population:,}",
        }
        if place.country_code != self.country:
            text += " " + _(
                "(found only in %(place_country)s; the file's country %(country)s stands)"
            ) % {
                "place_country": place.country_code,
                "country": self.country,
            }
        return text


class RegistryIndex:
    """The registry's municipalities and ties, loaded once for a whole file."""

    def __init__(self):
        self.by_oktmo = {}
        self.by_geonames = {}
        self.by_name = defaultdict(list)
        self.labels = {}
        for (
            pk,
            name_ru,
            name_en,
            country,
            subject_id,
            oktmo,
            geonames_id,
            region,
        ) in Municipality.objects.values_list(
            "pk",
            "name_ru",
            "name_en",
            "country",
            "federal_subject_id",
            "oktmo",
            "geonames_id",
            "region",
        ).iterator(chunk_size=10_000):
            entry = (pk, subject_id, normalize_name(region))
            if oktmo:
                self.by_oktmo[oktmo] = pk
            if geonames_id:
                self.by_geonames[geonames_id] = pk
            for key in {
                normalize_name(name_ru),
                normalize_name(name_en),
                normalize_name(transliterate(name_ru)),
            }:
                if key:
                    self.by_name[(country, key)].append(entry)
            self.labels[pk] = name_ru or name_en
        self.ties = {}
        for row in Partnership.objects.values_list(
            "pk", "municipality_a_id", "municipality_b_id", *TIE_FIELDS
        ).iterator(chunk_size=10_000):
            pk, a, b, *state = row
            self.ties[frozenset((a, b))] = (pk, dict(zip(TIE_FIELDS, state, strict=True)))


class PartnershipImport:
    """
    Import twinning records from a read Table.

    ``assignment`` maps file column indexes to column keys (from
    ``columns.match_headers`` or a saved mapping); ``progress(phase, done,
    total)`` is called now and then.
    """

    def __init__(
        self, table, assignment, *, create_missing=False, user=None, reason="", progress=None
    ):
        self.table = table
        self.assignment = assignment
        self.create_missing = create_missing
        self.user = user
        self.reason = reason
        self.progress = progress or (lambda phase, done, total: None)
        self.subjects = list(FederalSubject.objects.all())
        self.subject_cache = {}

    # --- reading rows ---------------------------------------------------------------
    def _cells(self, row):
        width = len(row)
        return {
            key: (row[index] if index < width else None) for index, key in self.assignment.items()
        }

    def _subject(self, region, result, key):
        if not region:
            return None
        normalized = normalize_name(region)
        if normalized not in self.subject_cache:
            self.subject_cache[normalized] = FederalSubject.lookup(region, self.subjects)
        subject = self.subject_cache[normalized]
        if subject is None:
            result.fail(key, _("Unknown federal subject: “%(value)s”.") % {"value": region})
        return subject

    def _side(self, cells, result, *, prefix, default_country):
        name_key = "partner" if prefix else "municipality"
        name = values.text(cells.get(name_key))
        region = values.text(cells.get(f"{prefix}region"))
        try:
            country = values.country(cells.get(f"{prefix}country")) or default_country
        except ValueError as error:
            result.fail(f"{prefix}country", error)
            country = None
        try:
            oktmo = values.oktmo(cells.get(f"{prefix}oktmo"))
        except ValueError as error:
            result.fail(f"{prefix}oktmo", error)
            oktmo = None
        if not name and not oktmo:
            result.fail(name_key, _("The municipality's name is missing."))
        if country is None and result.outcome != ERROR:
            result.fail(f"{prefix}country", _("The partner's country is missing."))
        side = Side(name=name, region=region, country=country, oktmo=oktmo)
        if oktmo and country and country != RUSSIA:
            result.fail(f"{prefix}oktmo", _("Only Russian municipalities have an OKTMO code."))
        if country == RUSSIA:
            side.subject = self._subject(region, result, f"{prefix}region")
        return side

    def _desired(self, cells, result):
        """The tie's fields the row gives a value for."""
        desired = {}
        for key in ("kind", "status"):
            try:
                code = values.choice(cells.get(key), key)
            except ValueError as error:
                result.fail(key, error)
                continue
            if code:
                desired[key] = code
        for key in ("signed_on", "ended_on"):
            try:
                date, precision = values.partial_date(cells.get(key))
            except ValueError as error:
                result.fail(key, error)
                continue
            if date:
                desired[key], desired[f"{key}_precision"] = date, precision
        try:
            area_codes = values.areas(cells.get("areas"))
        except ValueError as error:
            result.fail("areas", error)
            area_codes = None
        if area_codes is not None:
            desired["areas"] = area_codes
        for key in ("description_ru", "description_en", "source"):
            value = values.text(cells.get(key))
            if value:
                desired[key] = value
        try:
            public = values.boolean(cells.get("is_public"))
        except ValueError as error:
            result.fail("is_public", error)
            public = None
        if public is not None:
            desired["is_public"] = public
        if (
            desired.get("signed_on")
            and desired.get("ended_on")
            and desired["ended_on"] < desired["signed_on"]
        ):
            result.fail("ended_on", _("A tie cannot end before it was signed."))
        return desired

    # --- resolving municipalities -----------------------------------------------------
    def _find(self, side, index):
        """('found', pk) / ('missing', None) / ('ambiguous', [pk ...])."""
        if side.oktmo and side.oktmo in index.by_oktmo:
            return "found", index.by_oktmo[side.oktmo]
        if not side.name or not side.country:
            return "missing", None
        candidates = index.by_name.get((side.country, normalize_name(side.name)), [])
        if side.subject is not None:
            narrowed = [c for c in candidates if c[1] == side.subject.pk]
            candidates = narrowed or [c for c in candidates if c[1] is None]
        elif side.region and side.country != RUSSIA:
            narrowed = [c for c in candidates if c[2] == normalize_name(side.region)]
            candidates = narrowed or candidates
        pks = sorted({c[0] for c in candidates})
        if len(pks) == 1:
            return "found", pks[0]
        if pks:
            return "ambiguous", pks
        return "missing", None

    def _missing_key(self, side):
        return (
            side.country,
            side.subject.pk if side.subject else normalize_name(side.region),
            normalize_name(side.name),
            side.oktmo,
        )

    def _gazetteer_places(self, names):
        """normalised name -> places, for all missing names at once (two queries)."""
        keys = {normalize_name(n) for n in names} - {""}
        if not keys:
            return {}
        pairs = list(
            GazetteerName.objects.filter(normalized__in=keys).values_list("place_id", "normalized")
        )
        places = GazetteerPlace.objects.in_bulk({place_id for place_id, _key in pairs})
        found = defaultdict(list)
        for place_id, key in pairs:
            if place_id in places and places[place_id] not in found[key]:
                found[key].append(places[place_id])
        return found

    def _choose_place(self, new, places):
        """The one gazetteer place a missing municipality is, or the candidates if several."""
        local = [p for p in places if p.country_code == new.country]
        if new.subject is not None and new.subject.geonames_admin1:
            local = [p for p in local if p.admin1_code == new.subject.geonames_admin1]
        candidates = local or (
            [] if new.subject is not None and new.subject.geonames_admin1 else places
        )
        if len(candidates) > 1:
            # A place officially called so wins over places that merely have it among
            # their alternate (often historical or foreign) names.
            by_main_name = [
                p for p in candidates if normalize_name(p.name) == normalize_name(new.name)
            ]
            if len(by_main_name) == 1:
                return by_main_name
        return candidates

    # --- the run ---------------------------------------------------------------------
    def run(self, *, dry_run):
        """Validate every row; write unless ``dry_run`` or a row failed. Returns an ImportReport."""
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
        index = RegistryIndex()
        results, parsed = [], []
        for number, row in enumerate(self.table.rows, start=2):
            result = RowResult(number)
            cells = self._cells(row)
            first = self._side(cells, result, prefix="", default_country=RUSSIA)
            second = self._side(cells, result, prefix="partner_", default_country=None)
            desired = self._desired(cells, result)
            results.append(result)
            parsed.append((first, second, desired))

        # Which municipalities each row names, and which the import must create.
        resolved = [[None, None] for _row in results]
        new_by_key = {}
        for position, (result, (first, second, _desired)) in enumerate(
            zip(results, parsed, strict=True)
        ):
            for slot, (side, key) in enumerate(((first, "municipality"), (second, "partner"))):
                if result.outcome == ERROR:
                    break
                status, found = self._find(side, index)
                if status == "found":
                    resolved[position][slot] = found
                elif status == "ambiguous":
                    names = "; ".join(
                        _("«%(name)s» (no. %(id)s)") % {"name": index.labels[pk], "id": pk}
                        for pk in found
                    )
                    result.fail(
                        key,
                        _(
                            "“%(name)s” matches several municipalities in the registry: %(names)s. "
                            "Give the OKTMO code or the region."
                        )
                        % {"name": side.name, "names": names},
                    )
                elif not self.create_missing:
                    result.fail(
                        key,
                        _(
                            "“%(name)s” (%(country)s) is not in the registry. "
                            "Tick “create missing municipalities” or add it first."
                        )
                        % {"name": side.name, "country": side.country},
                    )
                else:
                    missing_key = self._missing_key(side)
                    new = new_by_key.get(missing_key)
                    if new is None:
                        new = NewMunicipality(
                            missing_key,
                            side.name,
                            side.country,
                            side.subject,
                            side.region,
                            side.oktmo,
                        )
                        new_by_key[missing_key] = new
                    resolved[position][slot] = new
            if position % PROGRESS_EVERY == 0:
                self.progress("validating", position, total)

        # Missing municipalities are looked up in the gazetteer all at once.
        rows_of_new = defaultdict(list)
        for position, pair in enumerate(resolved):
            for ref in pair:
                if isinstance(ref, NewMunicipality):
                    rows_of_new[id(ref)].append(position)
        places_by_name = self._gazetteer_places(new.name for new in new_by_key.values())
        taken_oktmo = set(index.by_oktmo)
        for new in list(new_by_key.values()):
            candidates = self._choose_place(new, places_by_name.get(normalize_name(new.name), []))
            if len(candidates) > 1:
                described = "; ".join(
                    f"{p.name} ({p.country_code} {p.admin1_code}, {p.population:,}, "
                    f"GeoNames {p.geonames_id})"
                    for p in candidates[:8]
                )
                for position in rows_of_new[id(new)]:
                    slot = 0 if resolved[position][0] is new else 1
                    results[position].fail(
                        "municipality" if slot == 0 else "partner",
                        _(
                            "“%(name)s” may be any of several places: %(places)s. "
                            "Give the region or add the municipality by hand."
                        )
                        % {"name": new.name, "places": described},
                    )
                continue
            if candidates:
                new.place = candidates[0]
                existing = index.by_geonames.get(new.place.geonames_id)
                if existing is not None:
                    # The registry already has this place under another spelling.
                    for position in rows_of_new[id(new)]:
                        pair = resolved[position]
                        pair[pair.index(new)] = existing
                    new_by_key.pop(new.key)
                    continue
            if new.oktmo and new.oktmo in taken_oktmo:
                for position in rows_of_new[id(new)]:
                    results[position].fail(
                        "oktmo", _("This OKTMO code belongs to another municipality.")
                    )
                continue
            if new.oktmo:
                taken_oktmo.add(new.oktmo)

        # The ties: in the file, in the registry, or new.
        seen = {}
        plan_new, plan_update = [], []
        for position, (result, pair, (_first, _second, desired)) in enumerate(
            zip(results, resolved, parsed, strict=True)
        ):
            if result.outcome == ERROR:
                continue
            first, second = pair
            if first is second or (isinstance(first, int) and first == second):
                result.fail("partner", _("The two sides of the row are the same place."))
                continue
            pair_key = frozenset(ref if isinstance(ref, int) else id(ref) for ref in pair)
            if pair_key in seen:
                earlier_position, earlier_desired = seen[pair_key]
                earlier = results[earlier_position]
                if _comparable(desired) == _comparable(earlier_desired):
                    result.outcome = SKIPPED
                    result.message = _("Same tie as row %(row)s.") % {"row": earlier.number}
                else:
                    conflict = _(
                        "Rows %(one)s and %(two)s name the same tie with different values."
                    ) % {
                        "one": earlier.number,
                        "two": result.number,
                    }
                    result.fail("partner", conflict)
                    earlier.fail("partner", conflict)
                continue
            seen[pair_key] = (position, desired)
            existing = (
                index.ties.get(pair_key) if all(isinstance(ref, int) for ref in pair) else None
            )
            if existing is None:
                for ref in pair:
                    if isinstance(ref, NewMunicipality):
                        result.notes.append(ref.describe())
                result.outcome = NEW
                plan_new.append((position, pair, desired))
                continue
            pk, state = existing
            result.partnership_id = pk
            changed = [
                name
                for name, value in desired.items()
                if _comparable_value(state[name]) != _comparable_value(value)
            ]
            if changed:
                result.outcome = UPDATED
                result.notes.append(_("changed: %(fields)s") % {"fields": ", ".join(changed)})
                plan_update.append((pk, desired))
            else:
                result.outcome = UNCHANGED

        report = ImportReport(results, [new.describe() for new in new_by_key.values()])
        self.progress("validating", total, total)
        if dry_run or report.has_errors:
            return report
        self._write(results, new_by_key, plan_new, plan_update)
        registry_changed()
        report.written = True
        return report

    def _write(self, results, new_by_key, plan_new, plan_update):
        total = len(new_by_key) + len(plan_new) + len(plan_update)
        self.done = 0
        self.total = total
        self.progress("writing", 0, total)
        fast = connection.vendor == "postgresql"
        municipalities = [new.build() for new in new_by_key.values()]
        if fast:
            for municipality, pk in zip(
                municipalities, copying.reserve_ids(Municipality, len(municipalities)), strict=True
            ):
                municipality.pk = pk
            for batch in _batches(municipalities):
                copying.copy_with_history(
                    Municipality,
                    [copying.record_of(m) for m in batch],
                    user=self.user,
                    reason=self.reason,
                )
                self._advance(len(batch))
        else:
            for batch in _batches(municipalities):
                bulk_create_with_history(batch, Municipality, **self._history())
                self._advance(len(batch))
        for new, municipality in zip(new_by_key.values(), municipalities, strict=True):
            new.instance = municipality

        def pk_of(ref):
            return ref if isinstance(ref, int) else ref.instance.pk

        if fast:
            ids = copying.reserve_ids(Partnership, len(plan_new))
            for start in range(0, len(plan_new), WRITE_BATCH):
                records = []
                for (position, pair, desired), pk in zip(
                    plan_new[start : start + WRITE_BATCH],
                    ids[start : start + WRITE_BATCH],
                    strict=True,
                ):
                    record = {
                        "id": pk,
                        "municipality_a_id": pk_of(pair[0]),
                        "municipality_b_id": pk_of(pair[1]),
                    }
                    record.update(desired)
                    if "areas" in record:
                        record["areas"] = mask_of(record["areas"])
                    records.append(record)
                    results[position].partnership_id = pk
                copying.copy_with_history(Partnership, records, user=self.user, reason=self.reason)
                self._advance(len(records))
        else:
            ties = []
            for _position, pair, desired in plan_new:
                tie = Partnership(
                    municipality_a_id=pk_of(pair[0]), municipality_b_id=pk_of(pair[1])
                )
                for name, value in desired.items():
                    setattr(tie, name, value)
                ties.append(tie)
            for batch in _batches(ties):
                bulk_create_with_history(batch, Partnership, **self._history())
                self._advance(len(batch))
            for (position, _pair, _desired), tie in zip(plan_new, ties, strict=True):
                results[position].partnership_id = tie.pk

        if plan_update:
            changes = dict(plan_update)
            objects = list(Partnership.objects.filter(pk__in=list(changes)))
            fields = set()
            now = timezone.now()
            for tie in objects:
                for name, value in changes[tie.pk].items():
                    setattr(tie, name, value)
                    fields.add(name)
                tie.updated_at = now
            for batch in _batches(objects):
                bulk_update_with_history(
                    batch, Partnership, sorted(fields | {"updated_at"}), **self._history()
                )
                self._advance(len(batch))
        self.progress("writing", total, total)

    def _history(self):
        return {"default_user": self.user, "default_change_reason": self.reason}

    def _advance(self, count):
        self.done += count
        self.progress("writing", self.done, self.total)


def _batches(items):
    for start in range(0, len(items), WRITE_BATCH):
        yield items[start : start + WRITE_BATCH]


def _comparable_value(value):
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def _comparable(desired):
    return {name: _comparable_value(value) for name, value in desired.items()}
