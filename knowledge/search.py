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

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Concat

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


def ranked(queryset, text):
    """Entries matching ``text``, best first, each with ``rank`` and a ``headline`` snippet."""
    query = full_text_query(text)
    # The snippet comes from the summaries and bodies (not attachments: their
    # text can be long, and ts_headline reads all of it).
    document = Concat(
        "summary_ru",
        Value("\n"),
        "body_ru",
        Value("\n"),
        "summary_en",
        Value("\n"),
        "body_en",
        output_field=TextField(),
    )
    return (
        queryset.filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            headline=SearchHeadline(
                document,
                query,
                config=RUSSIAN,
                start_sel=START_MARK,
                stop_sel=STOP_MARK,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", F("published_on").desc(nulls_last=True), "-pk")
    )


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
