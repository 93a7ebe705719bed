"""Finding gazetteer places by name: prefix search for people, exact names for the import."""

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
