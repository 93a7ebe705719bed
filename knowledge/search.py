"""
Full-text search of the knowledge base, and its fallback on SQLite.

On PostgreSQL a query is read twice, as web-search syntax (words, "phrases",
``or``, ``-word``): once with the ``russian`` configuration and once with the
``english`` one, and an entry matches either reading. «побратимские» thus
finds «побратимских» (Russian stemming) and "cities" finds "city" (English
stemming). ``websearch_to_tsquery`` never raises on odd input: punctuation,
SQL fragments or stop words alone give an empty query that matches nothing.

SQLite, the embedded default of ``make run``, has no full-text search of this
kind: there the query's words are looked for with a case-insensitive
``contains``. SQLite's own ``LOWER`` and ``LIKE`` fold ASCII only, so the
portal registers a Python ``casefold`` function on every SQLite connection,
which folds Cyrillic too.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import Case, F, Func, Lookup, Q, TextField, Value, When
from django.db.models.functions import Concat, Left

from urc_portal.bilingual import active_language

from .models import ENGLISH, RUSSIAN

# A longer query is cut: no one types more, and a 10,000-character query
# would only make PostgreSQL work for nothing.
MAX_QUERY_CHARS = 200
# ts_headline marks matches with these; the page escapes the text and then
# turns them into <mark>, so nothing from the entry is ever taken as HTML.
START_MARK = "\x02"
STOP_MARK = "\x03"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_query(text):
    """The query as searched: no control characters, single spaces, at most MAX_QUERY_CHARS."""
    text = unicodedata.normalize("NFC", str(text or ""))
    text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    return text[:MAX_QUERY_CHARS].strip()


def uses_full_text_search(using="default"):
    return connections[using].vendor == "postgresql"


def full_text_query(text):
    """The query read as Russian or as English (web-search syntax)."""
    return SearchQuery(text, config=RUSSIAN, search_type="websearch") | SearchQuery(
        text, config=ENGLISH, search_type="websearch"
    )


# The snippet is cut from the first this many characters of the summary and
# body: ts_headline parses and stems all the text it is given, and a page
# makes twenty of them.
HEADLINE_CHARS = 1500


def _headline(query):
    """
    ``ts_headline`` over the summary and body in the language the entry is
    shown in (the active one, else the other), at most HEADLINE_CHARS long.
    """
    first = active_language()
    other = "en" if first == "ru" else "ru"

    def text(language):
        return Concat(
            f"summary_{language}", Value("\n"), f"body_{language}", output_field=TextField()
        )

    document = Left(
        Case(
            When(~Q(**{f"body_{first}": ""}) | ~Q(**{f"summary_{first}": ""}), then=text(first)),
            default=text(other),
            output_field=TextField(),
        ),
        HEADLINE_CHARS,
        output_field=TextField(),
    )
    return SearchHeadline(
        document,
        query,
        config=RUSSIAN,
        start_sel=START_MARK,
        stop_sel=STOP_MARK,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


class EqualsAny(Lookup):
    """
    ``lhs = ANY(%s::bigint[])`` with a list of ids sent as one array literal:
    binding a parameter per id, or letting psycopg dump the list item by item,
    cost milliseconds for a few hundred ids.
    """

    lookup_name = "equals_any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s::bigint[]", ["{" + ",".join(str(int(pk)) for pk in value) + "}"]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


NEWEST_FIRST = (F("published_on").desc(nulls_last=True), F("pk").desc())


class RankedResults:
    """
    The matches of a full-text query, best first, as the search page shows them.

    Ranking reads each candidate's whole search vector (a few µs apiece), so
    ranking every match of a term found in half of 50,000 entries would cost
    100 ms a page. The work is bounded instead: one query takes the first
    ``window`` matches the GIN index yields (settings.KNOWLEDGE_SEARCH_RANK_WINDOW,
    500), and those are ranked by ``ts_rank`` (title A, summary B, body C,
    attached files D) and paged. ``has_more`` says a query matched more than
    that, so the page can ask for a narrower search (a filter, another word).
    A query with fewer matches than the window, nearly every query on a base
    of a few thousand entries, is counted and ranked entirely.

    PostgreSQL's planner does not count the cost of reading a toasted
    tsvector, so for a frequent term it prefers walking the table (or another
    index) and testing each row's vector to asking the GIN index, several
    times slower; plain and index scans are turned off for these queries, so
    it takes the bitmap scans (``SET LOCAL``, inside their own transaction).

    Paginator takes it like a queryset: ``count()`` and slices.
    """

    def __init__(self, queryset, text, *, window):
        self.query = full_text_query(text)
        self.queryset = queryset
        self.window = window
        self._candidates = None

    def _run(self, queryset):
        with transaction.atomic(using=queryset.db):
            with connections[queryset.db].cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('enable_seqscan', 'off', true), "
                    "set_config('enable_indexscan', 'off', true)"
                )
            return list(queryset)

    def candidates(self):
        """The ids of the matches to rank: all of them, or the first ``window`` + 1."""
        if self._candidates is None:
            matches = self.queryset.filter(search_vector=self.query).order_by()
            self._candidates = self._run(matches.values_list("pk", flat=True)[: self.window + 1])
        return self._candidates

    def count(self):
        return min(len(self.candidates()), self.window)

    @property
    def has_more(self):
        return len(self.candidates()) > self.window

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[0 : self.count()])

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step not in (None, 1):
            raise TypeError("RankedResults takes slices only")
        start = item.start or 0
        stop = self.count() if item.stop is None else min(item.stop, self.count())
        if start >= stop:
            return []
        page = (
            self.queryset.filter(EqualsAny(F("pk"), self.candidates()[: self.window]))
            .annotate(rank=SearchRank(F("search_vector"), self.query))
            .annotate(headline=_headline(self.query))
            .order_by("-rank", *NEWEST_FIRST)
        )
        return self._run(page[start:stop])


def ranked(queryset, text, *, window=None):
    """The matches of ``text`` in ``queryset``, best first, each with ``rank`` and ``headline``."""
    return RankedResults(queryset, text, window=window or settings.KNOWLEDGE_SEARCH_RANK_WINDOW)


class Casefold(Func):
    """Case-folded text: LOWER on PostgreSQL (Unicode-aware), Python's casefold on SQLite."""

    function = "LOWER"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="knowledge_casefold", **extra_context)


def _casefold(value):
    return None if value is None else str(value).casefold()


def register_sqlite_casefold(sender, connection, **kwargs):
    """connection_created receiver: teach each SQLite connection ``knowledge_casefold``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "knowledge_casefold", 1, _casefold, deterministic=True
        )


def connect_signals():
    connection_created.connect(register_sqlite_casefold, dispatch_uid="knowledge_casefold")
    # A connection opened before the app was ready gets the function now.
    for connection in connections.all(initialized_only=True):
        if connection.vendor == "sqlite" and connection.connection is not None:
            register_sqlite_casefold(None, connection)


def words_of(text):
    """The query's words, case-folded, for the contains fallback (at most ten)."""
    return [word.casefold() for word in re.findall(r"\w+", text)][:10]
