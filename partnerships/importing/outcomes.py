"""
What an import decided for each row, and why a row was set aside.

Every row of a file ends as one outcome: a new tie (or municipality), an
update, unchanged, merged (the same tie as another row of the file), or set
aside with a reason. A job "writes what is certain" (every placed row, in one
transaction) or, when strict, writes nothing unless every row is placed.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

NEW, UPDATED, UNCHANGED, MERGED, SET_ASIDE = "new", "updated", "unchanged", "merged", "set_aside"
OUTCOMES = (NEW, UPDATED, UNCHANGED, MERGED, SET_ASIDE)
OUTCOME_LABELS = {
    NEW: pgettext_lazy("import outcome", "new"),
    UPDATED: pgettext_lazy("import outcome", "updated"),
    UNCHANGED: pgettext_lazy("import outcome", "unchanged"),
    MERGED: pgettext_lazy("import outcome", "same tie as another row"),
    SET_ASIDE: pgettext_lazy("import outcome", "set aside"),
}
PHASE_LABELS = {
    "queued": pgettext_lazy("import phase", "waiting for a worker"),
    "reading": pgettext_lazy("import phase", "reading the file"),
    "validating": pgettext_lazy("import phase", "checking rows"),
    "writing": pgettext_lazy("import phase", "writing"),
    "done": pgettext_lazy("import phase", "finished"),
    "failed": pgettext_lazy("import phase", "failed"),
}


class Reason:
    """Why a row was set aside; the resolve page groups rows by reason and name."""

    BAD_VALUE = "bad_value"
    UNKNOWN_COUNTRY = "unknown_country"
    AMBIGUOUS_COUNTRY = "ambiguous_country"
    NOT_FOUND = "not_found"
    AMBIGUOUS_PLACE = "ambiguous_place"
    NOT_IN_REGISTRY = "not_in_registry"
    REGISTRY_HOMONYMS = "registry_homonyms"
    DISTRICT = "district"
    PART = "part"
    DISPUTED = "disputed"
    DOMESTIC_PAIR = "domestic_pair"
    FOREIGN_PAIR = "foreign_pair"
    SAME_PLACE = "same_place"
    CONFLICT = "conflict"
    OKTMO_TAKEN = "oktmo_taken"

    LABELS = {
        BAD_VALUE: gettext_lazy("a value cannot be read"),
        UNKNOWN_COUNTRY: gettext_lazy("unknown country"),
        AMBIGUOUS_COUNTRY: gettext_lazy("the country may be one of several"),
        NOT_FOUND: gettext_lazy("not found in the gazetteer"),
        AMBIGUOUS_PLACE: gettext_lazy("several places of this name"),
        NOT_IN_REGISTRY: gettext_lazy("not in the registry"),
        REGISTRY_HOMONYMS: gettext_lazy("several municipalities of this name in the registry"),
        DISTRICT: gettext_lazy("a district: its region is unknown"),
        PART: gettext_lazy("part of a city: not found there"),
        DISPUTED: gettext_lazy("disputed territory"),
        DOMESTIC_PAIR: gettext_lazy("both municipalities are Russian"),
        FOREIGN_PAIR: gettext_lazy("neither municipality is Russian"),
        SAME_PLACE: gettext_lazy("both sides are the same place"),
        CONFLICT: gettext_lazy("rows name the same tie differently"),
        OKTMO_TAKEN: gettext_lazy("the OKTMO code belongs to another municipality"),
    }
    # Set aside, but outside the shares of placed rows the import is measured by.
    OUTSIDE_SHARES = frozenset({DISPUTED, DOMESTIC_PAIR, FOREIGN_PAIR})
    # Reasons a decision about a name resolves (the others need the file fixed, or a skip).
    ABOUT_A_NAME = frozenset(
        {
            UNKNOWN_COUNTRY,
            AMBIGUOUS_COUNTRY,
            NOT_FOUND,
            AMBIGUOUS_PLACE,
            NOT_IN_REGISTRY,
            REGISTRY_HOMONYMS,
            DISTRICT,
            PART,
            DISPUTED,
        }
    )


@dataclass(slots=True)
class RowResult:
    number: int  # the row's line in the file; the header is line 1
    outcome: str = NEW
    reason: str = ""
    column: str = ""
    message: str = ""
    partnership_id: int | None = None
    notes: tuple = ()
    # The name that stopped the row, which side it is on, its country, and the
    # places or municipalities staff may choose from.
    name: str = ""
    side: str = ""
    country: str = ""
    candidates: tuple = ()
    describe: str = ""  # the outcome in words: "new tie Volgograd — Coventry, twinning, 1944"

    def set_aside(self, reason, message, *, column="", name="", side="", country="", candidates=()):
        """Set the row aside; the first reason found is the one kept."""
        if self.outcome == SET_ASIDE:
            return
        self.outcome = SET_ASIDE
        self.reason = reason
        self.column = column
        self.message = str(message)
        self.name = name
        self.side = side
        self.country = country or ""
        self.candidates = list(candidates)

    def note(self, *notes):
        """Add what the preview says about how the row was read."""
        self.notes = (*self.notes, *notes)

    @property
    def is_set_aside(self):
        return self.outcome == SET_ASIDE


@dataclass
class ImportReport:
    rows: list
    created_municipalities: list = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    public_new: int = 0  # new ties that will be public

    @property
    def counts(self):
        counts = dict.fromkeys(OUTCOMES, 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def has_set_aside(self):
        return any(row.outcome == SET_ASIDE for row in self.rows)

    def summary(self):
        counts = self.counts
        return _(
            "%(new)s new, %(updated)s updated, %(unchanged)s unchanged, "
            "%(merged)s merged as the same tie, %(set_aside)s set aside; "
            "%(municipalities)s municipalities to create"
        ) % {**counts, "municipalities": len(self.created_municipalities)}

    def as_json(self):
        """
        The command line's ``--report`` file. A strict import that refused the
        file wrote nothing: every row it would have written counts as set aside.
        """
        counts = self.counts
        writes = counts[NEW] + counts[UPDATED]
        kept = self.written or self.dry_run
        return {
            "rows": len(self.rows),
            "written": writes if kept else 0,
            "unchanged": counts[UNCHANGED],
            "merged": counts[MERGED],
            "set_aside": counts[SET_ASIDE] + (0 if kept else writes),
            "set_aside_rows": [
                {"row": row.number, "name": row.name, "reason": row.reason, "message": row.message}
                for row in self.rows
                if row.outcome == SET_ASIDE
            ],
        }
