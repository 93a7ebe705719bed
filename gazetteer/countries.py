"""
Countries as people write them, read into ISO 3166 codes.

The names come from maintained tables, in this order of trust: the names
staff confirmed (``CountryAlias``, passed in by the caller); the portal's
list of former, informal and constituent-country names
(``data/country_names.tsv``); ISO codes; django-countries' names in Russian
and English; the Unicode CLDR's names in every language Babel ships; and
GeoNames' country table and its names in many languages. A name that two
tables of the same rank give to two countries is ambiguous, and so is a
state that split up ("USSR"): the reading lists the candidates and decides
nothing.

A cell may also hold a region and a country ("England, United Kingdom",
"Åland Islands, Finland") or a qualifier ("Georgia (country)"). A near miss
("Grece") is offered as a suggestion and never applied.
"""

import csv
import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django_countries import countries

from mechanisms.placenames import normalize_name

from .regions import region_codes

DATA = Path(__file__).resolve().parent / "data"
_PARENTHESES = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class CountryReading:
    """What a country cell says."""

    code: str | None = None  # the country, when the cell names exactly one
    region: str = ""  # a region of it the cell names too ("England")
    also: tuple = ()  # a territory the cell names beside its country ("Åland Islands")
    candidates: tuple = ()  # the countries an ambiguous name may mean
    suggestion: str | None = None  # the country a misspelt name is probably, to confirm

    @property
    def is_certain(self):
        return self.code is not None


@dataclass(frozen=True, slots=True)
class _Entry:
    codes: frozenset
    region: str = ""
    rank: int = 0  # 0 for the portal's own list, then ISO codes, names in ru/en, CLDR, GeoNames


def valid_codes():
    """The codes a country field accepts (django-countries, with the portal's override)."""
    return frozenset(code for code, _name in countries)


def _variants(name):
    """A name and the forms it contains: "Korea, Republic of" is also "Republic of Korea"."""
    name = name.strip()
    found = {name}
    inner = _PARENTHESES.findall(name)
    outer = _PARENTHESES.sub(" ", name).strip()
    if inner:
        found.add(outer)
        for part in inner:
            found.update(p.strip() for p in part.split(","))
    if "," in outer:
        head, _comma, tail = outer.partition(",")
        found.add(f"{tail.strip()} {head.strip()}")
    for form in list(found):
        if form.lower().startswith("the "):
            found.add(form[4:])
    return {key for key in map(normalize_name, found) if key}


def _geonames_rows():
    with open(DATA / "geonames_countries.tsv", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _curated_rows():
    with open(DATA / "country_names.tsv", encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            if row:
                yield row[0], row[1], (row[2] if len(row) > 2 else "")


def _cldr_names():
    from babel import Locale, localedata

    for identifier in localedata.locale_identifiers():
        if "_" in identifier:
            continue
        try:
            territories = Locale.parse(identifier).territories
        except (ValueError, KeyError):  # a locale without territory names
            continue
        yield from territories.items()


def _geonames_names():
    ids = {row[16]: row[0] for row in _geonames_rows() if len(row) > 16}
    for row in _geonames_rows():
        yield row[0], row[4]
    with open(DATA / "geonames_country_names.json", encoding="utf-8") as handle:
        for geonames_id, names in json.load(handle).items():
            code = ids.get(geonames_id)
            if code:
                for name in names.values():
                    yield code, name


def _django_countries_names():
    from django.utils import translation

    for language in ("en", "ru"):
        with translation.override(language):
            for code, name in countries:
                yield code, str(name)


def _iso_codes():
    for row in _geonames_rows():
        yield row[0], row[0]
        yield row[0], row[1]
    for code, _name in countries:
        yield code, code
        alpha3 = countries.alpha3(code)
        if alpha3:
            yield code, alpha3


@cache
def country_table():
    """
    normalised name -> _Entry. Reading every CLDR locale takes seconds, so the
    table is built once and kept in the shared cache (and in each process).
    """
    from babel import __version__ as babel_version
    from django.core.cache import cache as shared_cache

    stamp = "-".join(
        [babel_version, *(str(path.stat().st_mtime_ns) for path in sorted(DATA.iterdir()))]
    )
    key = f"gazetteer:country-table:{hashlib.sha256(stamp.encode()).hexdigest()[:16]}"
    table = shared_cache.get(key)
    if table is None:
        table = _build_country_table()
        shared_cache.set(key, table, timeout=None)
    return table


def _build_country_table():
    valid = valid_codes()
    table = {}
    ranked = [
        ((code, name, region) for code, name, region in _curated_rows()),
        ((code, name, "") for code, name in _iso_codes()),
        ((code, name, "") for code, name in _django_countries_names()),
        ((code, name, "") for code, name in _cldr_names()),
        ((code, name, "") for code, name in _geonames_names()),
    ]
    for rank, names in enumerate(ranked):
        names = [(code, name, region) for code, name, region in names if code in valid]
        # A table's names as written come before the forms taken out of them: Russian
        # «Конго» is the Republic of the Congo, not the «Конго (ДР)» without its qualifier.
        for forms in (lambda name: {normalize_name(name)} - {""}, _variants):
            found = {}
            for code, name, region in names:
                for key in forms(name):
                    if key in table:
                        continue  # a name a table of higher rank gives keeps that meaning
                    codes, regions = found.setdefault(key, (set(), set()))
                    codes.add(code)
                    regions.add(region)
            for key, (codes, regions) in found.items():
                region = next(iter(regions)) if len(codes) == 1 and len(regions) == 1 else ""
                table[key] = _Entry(frozenset(codes), region, rank)
    return table


def _lookup(text, aliases):
    key = normalize_name(text)
    if not key:
        return None
    if aliases and key in aliases:
        return _Entry(frozenset({aliases[key]}))
    return country_table().get(key)


def _reading(entry, region=""):
    if len(entry.codes) == 1:
        return CountryReading(code=next(iter(entry.codes)), region=region or entry.region)
    return CountryReading(candidates=tuple(sorted(entry.codes)))


def read_country(text, *, aliases=None):
    """
    The country a cell names. ``aliases`` maps normalised names staff confirmed
    to codes; they come first. Returns a CountryReading (empty for an empty cell).
    """
    text = (text or "").strip()
    if not normalize_name(text):
        return CountryReading()
    entry = _lookup(text, aliases)
    if entry is not None:
        return _reading(entry)
    # "Georgia (country)", "Macau (China)": the qualifier may be a country too.
    inner = _PARENTHESES.findall(text)
    outer = _PARENTHESES.sub(" ", text).strip()
    if inner and (entry := _lookup(outer, aliases)) is not None:
        return _reading(entry)
    # "England, United Kingdom", "Åland Islands, Finland": a region, then its country.
    parts = [part.strip() for part in outer.split(",") if part.strip()]
    if len(parts) > 1 and (entry := _lookup(parts[-1], aliases)) is not None:
        region = ", ".join(parts[:-1])
        reading = _reading(entry, region)
        first = _lookup(region, aliases)
        if reading.code and region_codes(reading.code, region):
            return reading  # "Georgia, United States": a state of the country, not a country
        if reading.code and first and len(first.codes) == 1 and reading.code not in first.codes:
            territory = next(iter(first.codes))
            return CountryReading(
                code=reading.code, region=first.region or region, also=(territory,)
            )
        if reading.code and first and first.region:
            return CountryReading(code=reading.code, region=first.region)
        return reading
    return CountryReading(suggestion=country_suggestion(text))


@lru_cache(maxsize=4096)
def country_suggestion(text):
    """The country a misspelt name probably is ("Grece": Greece), or None."""
    key = normalize_name(text)
    if len(key) < 4:
        return None
    table = country_table()
    # A typo keeps the first letter and about the length; the others cannot reach the cutoff.
    near = [
        name
        for name in _suggestible_names()
        if name[0] == key[0] and abs(len(name) - len(key)) <= 3
    ]
    close = difflib.get_close_matches(key, near, n=3, cutoff=0.8)
    codes = {next(iter(table[name].codes)) for name in close}
    return codes.pop() if len(codes) == 1 else None


@cache
def _suggestible_names():
    """Names in Russian, English and the portal's own list: what a typo is checked against."""
    return [
        name
        for name, entry in country_table().items()
        if entry.rank <= 2 and len(entry.codes) == 1 and len(name) > 3
    ]
