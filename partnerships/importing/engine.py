"""
The import engines: one code path for the admin, the command line and the
background task.

A file is read once; every row is checked in memory against lookups loaded
once, and its outcome decided before anything is written: a new tie (or
municipality), an update, unchanged, merged as the same tie as another row,
or set aside with a reason (``outcomes``). A confirmed import then writes
every placed row in bulk inside one transaction, all of them or none; a
strict one writes nothing unless every row is placed.

``ImportEngine`` is what both engines share: the transaction and its lock,
progress, history attribution. ``PartnershipImport`` imports ties;
``importing.municipalities.MunicipalityImport`` imports municipalities.
"""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ..areas import mask_of
from ..cache import registry_changed
from ..models import DatePrecision, Municipality, Partnership, format_partial_date
from . import copying, values
from .columns import PARTNERSHIP_COLUMNS
from .outcomes import (
    MERGED,
    NEW,
    SET_ASIDE,
    UNCHANGED,
    UPDATED,
    ImportReport,
    Reason,
    RowResult,
)
from .placing import RUSSIA, TIE_FIELDS, NewMunicipality, Placer, RegistryIndex, Side

WRITE_BATCH = 5000
PROGRESS_EVERY = 2000
# Confirmed imports take this PostgreSQL advisory lock, so two imports of
# overlapping files run one after the other and the second sees the first's ties.
IMPORT_LOCK = 72_017_001
COLUMN_BY_KEY = {column.key: column for column in PARTNERSHIP_COLUMNS}
SIDE_COLUMNS = {
    "name": ("municipality", "partner"),
    "country": ("country", "partner_country"),
    "region": ("region", "partner_region"),
    "oktmo": ("oktmo", "partner_oktmo"),
}


class ImportEngine:
    """
    What every import shares. ``table`` is a ``reading.Table``; ``assignment``
    maps file column indexes to column keys; ``progress(phase, done, total)``
    is called now and then.
    """

    def __init__(
        self,
        table,
        assignment,
        *,
        create_missing=False,
        strict=True,
        user=None,
        reason="",
        source="",
        progress=None,
        foreign_pairs=False,
        publish=False,
    ):
        self.table = table
        self.assignment = assignment
        self.create_missing = create_missing
        self.strict = strict
        self.user = user
        self.reason = reason
        self.source = source
        self.foreign_pairs = foreign_pairs
        self.publish = publish
        self.progress = progress or (lambda phase, done, total: None)
        self.numbers = getattr(table, "numbers", None) or range(2, len(table.rows) + 2)
        self.columns = list(assignment.items())
        self.width = max(assignment, default=-1) + 1

    def run(self, *, dry_run):
        """Check every row; write what is placed unless ``dry_run``. Returns an ImportReport."""
        if dry_run:
            return self._plan_and_write(dry_run=True)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
            return self._plan_and_write(dry_run=False)

    def _plan_and_write(self, *, dry_run):
        report = self.plan()
        report.dry_run = dry_run
        if dry_run or (self.strict and report.has_set_aside):
            return report
        self.write(report)
        registry_changed()
        report.written = True
        return report

    def plan(self):
        raise NotImplementedError

    def write(self, report):
        raise NotImplementedError

    def cells(self, row):
        if len(row) >= self.width:
            return {key: row[index] for index, key in self.columns}
        return {key: (row[index] if index < len(row) else None) for index, key in self.columns}

    def history(self):
        return {"default_user": self.user, "default_change_reason": self.reason}

    def header(self, key):
        return COLUMN_BY_KEY[key].header if key in COLUMN_BY_KEY else key

    def start_writing(self, total):
        self.done, self.total = 0, total
        self.progress("writing", 0, total)

    def advance(self, count):
        self.done += count
        self.progress("writing", self.done, self.total)


class PartnershipImport(ImportEngine):
    """Import twinning records (see the module's docstring)."""

    def plan(self):
        total = len(self.table.rows)
        self.progress("validating", 0, total)
        self.index = RegistryIndex()
        self.placer = Placer(self.index, source=self.source, create_missing=self.create_missing)
        results, parsed = [], []
        for number, row in zip(self.numbers, self.table.rows, strict=True):
            result = RowResult(number)
            cells = self.cells(row)
            sides = (
                self._side(cells, result, prefix="", default_country=RUSSIA),
                self._side(cells, result, prefix="partner_", default_country=None),
            )
            results.append(result)
            parsed.append((sides, self._desired(cells, result)))
        self.parsed_sides = [sides for sides, _desired in parsed]
        self.placer.prepare([side for sides, _desired in parsed for side in sides if side])
        pairs = []
        for position, (result, (sides, _desired)) in enumerate(zip(results, parsed, strict=True)):
            pairs.append(self._pair(result, sides))
            if position % PROGRESS_EVERY == 0:
                self.progress("validating", position, total)
        plan = self._plan_ties(results, pairs, [desired for _sides, desired in parsed])
        used = {id(ref): ref for _position, pair, _desired in plan["new"] for ref in pair}
        created = [ref for ref in used.values() if isinstance(ref, NewMunicipality)]
        self.plan_new, self.plan_update, self.created = plan["new"], plan["update"], created
        report = ImportReport(results, [new.describe() for new in created])
        report.public_new = sum(1 for _p, _pair, desired in plan["new"] if desired.get("is_public"))
        self.progress("validating", total, total)
        return report

    # --- reading a row -------------------------------------------------------------
    def _side(self, cells, result, *, prefix, default_country):
        name_key = "partner" if prefix else "municipality"
        try:
            oktmo = values.oktmo(cells.get(f"{prefix}oktmo"))
        except ValueError as error:
            result.set_aside(Reason.BAD_VALUE, error, column=self.header(f"{prefix}oktmo"))
            oktmo = None
        coordinates = self._coordinates(cells, result, prefix)
        name = values.text(cells.get(name_key))
        if not name and not oktmo:
            result.set_aside(
                Reason.BAD_VALUE,
                _("The municipality's name is missing."),
                column=self.header(name_key),
            )
            return None
        return Side(
            name=name,
            country_text=values.text(cells.get(f"{prefix}country")),
            region=values.text(cells.get(f"{prefix}region")),
            oktmo=oktmo,
            coordinates=coordinates,
            default_country=default_country,
        )

    def _coordinates(self, cells, result, prefix):
        raw = (cells.get(f"{prefix}latitude"), cells.get(f"{prefix}longitude"))
        if raw == (None, None) or (values.text(raw[0]) == "" and values.text(raw[1]) == ""):
            return None
        try:
            return values.coordinates(*raw)
        except ValueError as error:
            result.set_aside(Reason.BAD_VALUE, error, column=self.header(f"{prefix}latitude"))
            return None

    def _desired(self, cells, result):
        """The tie's fields the row gives a value for."""
        desired = {}
        for key in ("kind", "status"):
            try:
                code = values.choice(cells.get(key), key)
            except ValueError as error:
                result.set_aside(Reason.BAD_VALUE, error, column=self.header(key))
                continue
            if code:
                desired[key] = code
        for key in ("signed_on", "ended_on"):
            try:
                date, precision = values.partial_date(cells.get(key))
            except ValueError as error:
                result.set_aside(Reason.BAD_VALUE, error, column=self.header(key))
                continue
            if date:
                desired[key], desired[f"{key}_precision"] = date, precision
        try:
            area_codes = values.areas(cells.get("areas"))
        except ValueError as error:
            result.set_aside(Reason.BAD_VALUE, error, column=self.header("areas"))
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
            result.set_aside(Reason.BAD_VALUE, error, column=self.header("is_public"))
            public = None
        if public is not None:
            desired["is_public"] = public
        signed, ended = desired.get("signed_on"), desired.get("ended_on")
        if signed and ended and ended < signed:
            result.set_aside(
                Reason.BAD_VALUE,
                _("A tie cannot end before it was signed."),
                column=self.header("ended_on"),
            )
        return desired

    # --- placing both sides ------------------------------------------------------------
    def _pair(self, result, sides):
        """The row's two municipalities, Russian first, or None when the row is set aside."""
        if result.is_set_aside or None in sides:
            return None
        placements = [self.placer.place(side) for side in sides]
        for slot, (side, placement) in enumerate(zip(sides, placements, strict=True)):
            if not placement.is_placed:
                column = SIDE_COLUMNS.get(placement.column or "name", SIDE_COLUMNS["name"])[slot]
                result.set_aside(
                    placement.reason,
                    placement.message,
                    column=self.header(column),
                    name=placement.name or side.name,
                    side=("municipality", "partner")[slot],
                    country=placement.country,
                    candidates=placement.candidates,
                )
                return None
        first, second = placements
        if _same(first.target, second.target):
            result.set_aside(
                Reason.SAME_PLACE,
                _("The two sides of the row are the same place."),
                column=self.header("partner"),
                name=sides[1].name,
            )
            return None
        russian = (first.country == RUSSIA, second.country == RUSSIA)
        if russian[0] and russian[1]:
            result.set_aside(
                Reason.DOMESTIC_PAIR,
                _("Both municipalities are Russian: the registry keeps ties with other countries."),
                column=self.header("partner"),
                name=sides[1].name,
                country=RUSSIA,
            )
            return None
        if not (russian[0] or russian[1]) and not self.foreign_pairs:
            result.set_aside(
                Reason.FOREIGN_PAIR,
                _(
                    "Neither municipality is Russian. Import the file as a world list "
                    "(ties between foreign municipalities) to keep such ties."
                ),
                column=self.header("municipality"),
                name=sides[0].name,
                country=first.country,
            )
            return None
        result.note(*(p.note for p in placements if p.note))
        if not russian[0] and russian[1]:
            return (second.target, first.target)
        return (first.target, second.target)

    # --- the ties -----------------------------------------------------------------------
    def _plan_ties(self, results, pairs, desired_rows):
        self.kind_labels = {}
        new_tie, updated_tie = _("new tie"), _("tie updated")
        seen = {}
        plan = {"new": [], "update": []}
        for position, pair in enumerate(pairs):
            if pair is None:
                continue
            key = frozenset((_identity(pair[0]), _identity(pair[1])))
            if key in seen:
                self._merge_rows(results, seen[key], position, desired_rows)
                continue
            seen[key] = position
        for position in seen.values():
            result, pair = results[position], pairs[position]
            if result.is_set_aside:
                continue
            desired = desired_rows[position]
            existing = (
                self.index.ties.get(frozenset(pair))
                if type(pair[0]) is int and type(pair[1]) is int
                else None
            )
            if existing is None:
                if self.publish and "is_public" not in desired:
                    desired["is_public"] = True
                if self.source and "source" not in desired:
                    desired["source"] = self.source
                result.outcome = NEW
                result.describe = self._describe(new_tie, pair, desired)
                result.note(*(ref.describe() for ref in pair if isinstance(ref, NewMunicipality)))
                plan["new"].append((position, pair, desired))
                continue
            pk, state = existing
            result.partnership_id = pk
            changed = [
                name
                for name, value in desired.items()
                if _comparable(state[name]) != _comparable(value)
            ]
            if changed:
                result.outcome = UPDATED
                labels = [str(Partnership._meta.get_field(name).verbose_name) for name in changed]
                result.note(_("changed: %(fields)s") % {"fields": ", ".join(labels)})
                result.describe = self._describe(updated_tie, pair, {**state, **desired})
                plan["update"].append((pk, desired))
            else:
                result.outcome = UNCHANGED
        return plan

    def _merge_rows(self, results, earlier_position, position, desired_rows):
        """A second row of the same tie: merged into the first, or both set aside on a conflict."""
        earlier, result = results[earlier_position], results[position]
        mine, theirs = desired_rows[position], desired_rows[earlier_position]
        clashes = [
            name
            for name in mine.keys() & theirs.keys()
            if name != "source" and _comparable(mine[name]) != _comparable(theirs[name])
        ]
        if clashes:
            message = _("Rows %(one)s and %(two)s name the same tie with different values.") % {
                "one": earlier.number,
                "two": result.number,
            }
            for row in (earlier, result):
                row.set_aside(Reason.CONFLICT, message, column=self.header(clashes[0]))
            return
        for name, value in mine.items():
            theirs.setdefault(name, value)
        result.outcome = MERGED
        result.message = _("Same tie as row %(row)s.") % {"row": earlier.number}

    def _describe(self, what, pair, fields):
        """A row's outcome in words: "new tie Volgograd — Coventry, twinning, 1944"."""
        names = [self._label(ref) for ref in pair]
        kind = fields.get("kind") or Partnership.Kind.TWINNING
        if kind not in self.kind_labels:
            self.kind_labels[kind] = str(Partnership.Kind(kind).label)
        parts = [f"{what} {names[0]} — {names[1]}", self.kind_labels[kind]]
        if fields.get("signed_on"):
            parts.append(
                format_partial_date(
                    fields["signed_on"], fields.get("signed_on_precision", DatePrecision.DAY)
                )
            )
        return ", ".join(parts)

    def _label(self, ref):
        if isinstance(ref, NewMunicipality):
            return ref.label
        return self.index.entries[ref].label

    # --- writing ------------------------------------------------------------------------
    def write(self, report):
        self.start_writing(len(self.created) + len(self.plan_new) + len(self.plan_update))
        self._create_municipalities()
        self._create_ties(report.rows)
        self._update_ties()
        self.progress("writing", self.total, self.total)

    def _create_municipalities(self):
        """Write the new municipalities; each NewMunicipality learns its pk."""
        if connection.vendor == "postgresql":
            ids = copying.reserve_ids(Municipality, len(self.created))
            for new, pk in zip(self.created, ids, strict=True):
                new.pk = pk
            for batch in _batches(self.created):
                copying.copy_with_history(
                    Municipality,
                    [{"id": new.pk, **new.fields()} for new in batch],
                    user=self.user,
                    reason=self.reason,
                )
                self.advance(len(batch))
            return
        for batch in _batches(self.created):
            municipalities = [new.build() for new in batch]
            bulk_create_with_history(municipalities, Municipality, **self.history())
            for new, municipality in zip(batch, municipalities, strict=True):
                new.pk = municipality.pk
            self.advance(len(batch))

    def _create_ties(self, results):
        plan = self.plan_new
        if connection.vendor == "postgresql":
            ids = copying.reserve_ids(Partnership, len(plan))
            for start in range(0, len(plan), WRITE_BATCH):
                records = []
                for (position, pair, desired), pk in zip(
                    plan[start : start + WRITE_BATCH], ids[start : start + WRITE_BATCH], strict=True
                ):
                    record = {
                        "id": pk,
                        "municipality_a_id": _pk(pair[0]),
                        "municipality_b_id": _pk(pair[1]),
                    }
                    record.update(desired)
                    if "areas" in record:
                        record["areas"] = mask_of(record["areas"])
                    records.append(record)
                    results[position].partnership_id = pk
                copying.copy_with_history(Partnership, records, user=self.user, reason=self.reason)
                self.advance(len(records))
            return
        ties = []
        for _position, pair, desired in plan:
            tie = Partnership(municipality_a_id=_pk(pair[0]), municipality_b_id=_pk(pair[1]))
            for name, value in desired.items():
                setattr(tie, name, value)
            ties.append(tie)
        for batch in _batches(ties):
            bulk_create_with_history(batch, Partnership, **self.history())
            self.advance(len(batch))
        for (position, _pair, _desired), tie in zip(plan, ties, strict=True):
            results[position].partnership_id = tie.pk

    def _update_ties(self):
        if not self.plan_update:
            return
        changes = dict(self.plan_update)
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
                batch, Partnership, sorted(fields | {"updated_at"}), **self.history()
            )
            self.advance(len(batch))


def _batches(items):
    for start in range(0, len(items), WRITE_BATCH):
        yield items[start : start + WRITE_BATCH]


def _identity(ref):
    return ref if isinstance(ref, int) else id(ref)


def _same(a, b):
    return a is b or (isinstance(a, int) and a == b)


def _pk(ref):
    return ref if isinstance(ref, int) else ref.pk


def _comparable(value):
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


__all__ = [
    "IMPORT_LOCK",
    "MERGED",
    "NEW",
    "SET_ASIDE",
    "TIE_FIELDS",
    "UNCHANGED",
    "UPDATED",
    "ImportEngine",
    "PartnershipImport",
]
