"""Finding gazetteer places by name: prefix search for people, exact names for the import."""

from decimal import Decimal
from typing import NamedTuple

from django.db import connection

from mechanisms.placenames import normalize_name

from .models import GazetteerName, GazetteerPlace


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
    return [places[i] for i in place_ids if i in places]


def gazetteer_candidates(names, *, country, admin1_code=None):
    """
    The places of ``country`` that one of ``names`` (exact, after normalising)
    may mean, the most populous first; only those of the first-level region
    ``admin1_code`` when it is given. Never a place of another country.
    """
    keys = {normalize_name(n) for n in names if n} - {""}
    if not keys or not country:
        return []
    place_ids = set(
        GazetteerName.objects.filter(normalized__in=keys, country_code=country).values_list(
            "place_id", flat=True
        )
    )
    places = GazetteerPlace.objects.filter(pk__in=place_ids)
    if admin1_code:
        places = places.filter(admin1_code=admin1_code)
    return list(places.order_by("-population"))


class Place(NamedTuple):
    """A gazetteer place as the import reads it: the fields the rules need, nothing more."""

    geonames_id: int
    name: str
    country_code: str
    admin1_code: str
    population: int
    latitude: Decimal
    longitude: Decimal
    russian_name_suggestion: str

    @property
    def pk(self):
        return self.geonames_id


PLACE_COLUMNS = ", ".join(Place._fields)
CHUNK = 5000


def _rows(sql_any, sql_in, values, *params):
    """
    Run a lookup over many values: one array parameter on PostgreSQL, chunks of
    bound parameters elsewhere (SQLite's limit on parameters).
    """
    values = list(values)
    if not values:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(sql_any, [values, *params])
            yield from cursor.fetchall()
            return
        for start in range(0, len(values), CHUNK):
            chunk = values[start : start + CHUNK]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(sql_in.format(placeholders=placeholders), [*chunk, *params])
            yield from cursor.fetchall()


def names_with_keys(keys):
    """(place id, normalised name, country) of every name equal to one of ``keys``."""
    select = f"SELECT place_id, normalized, country_code FROM {GazetteerName._meta.db_table}"  # noqa: S608
    return _rows(
        f"{select} WHERE normalized = ANY(%s)",
        f"{select} WHERE normalized IN ({{placeholders}})",
        keys,
    )


def names_with_skeletons(skeletons, countries):
    """(place id, skeleton, country) of every name with one of ``skeletons`` in ``countries``."""
    table = GazetteerName._meta.db_table
    countries = list(countries)
    marks = ", ".join(["%s"] * len(countries))
    return _rows(
        f"SELECT place_id, skeleton, country_code FROM {table} "  # noqa: S608
        f"WHERE skeleton = ANY(%s) AND country_code IN ({marks})",
        f"SELECT place_id, skeleton, country_code FROM {table} "  # noqa: S608
        f"WHERE skeleton IN ({{placeholders}}) AND country_code IN ({marks})",
        skeletons,
        *countries,
    )


def places_with_ids(ids):
    """The Places of these GeoNames ids."""
    table = GazetteerPlace._meta.db_table
    for row in _rows(
        f"SELECT {PLACE_COLUMNS} FROM {table} WHERE geonames_id = ANY(%s)",  # noqa: S608
        f"SELECT {PLACE_COLUMNS} FROM {table} WHERE geonames_id IN ({{placeholders}})",  # noqa: S608
        ids,
    ):
        yield Place(*row)
