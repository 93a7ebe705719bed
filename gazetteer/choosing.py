"""
Which gazetteer place a name in a file means: the rules, stated once.

The candidates are the places of the row's country that carry the name; a
place of another country is never one (``gazetteer.search``). Then, in order:

1. a region in the file (or in the country cell: "England, United Kingdom")
   keeps the places of that first-level region only;
2. coordinates in the file keep the places within ``NEAR_KM`` of them, and
   the nearest wins when it is at most half as far as the next;
3. one place left: it is the one;
4. the country's capital (GeoNames' country table) wins;
5. the only place whose own name is the name, where the others merely have it
   among their alternate names (Kaliningrad over Korolyov, once called so),
   unless another is ten times larger;
6. where every other place lies within ``SAME_PLACE_KM`` of the most
   populous under another name of its own (Peterhof and Petrodvorets), or
   within ``SAME_SPOT_KM`` under the same name in the same region (Kashan and
   Kāshān), GeoNames describes one town twice: the most populous wins. Two
   places of the same name a few kilometres apart are two places (Armavir
   and the village of Armavir; Kansas City, Missouri and Kansas City,
   Kansas), and stay a question for staff;
7. a place at least ``LARGER`` times as populous as every other wins;
8. otherwise nothing is chosen, and the candidates are listed for staff.
"""

import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from mechanisms.placenames import normalize_name

DATA = Path(__file__).resolve().parent / "data"
NEAR_KM = 50
SAME_PLACE_KM = 10
SAME_SPOT_KM = 3
LARGER = 10

ONLY, REGION, COORDINATES, CAPITAL, OFFICIAL_NAME, SAME_PLACE, POPULATION, AMBIGUOUS, NONE = (
    "only",
    "region",
    "coordinates",
    "capital",
    "official_name",
    "same_place",
    "population",
    "ambiguous",
    "none",
)


@dataclass
class Choice:
    """The place chosen (or None), by which rule, and the places that were weighed."""

    place: object = None
    rule: str = NONE
    candidates: list = field(default_factory=list)
    runner_up: object = None

    @property
    def is_certain(self):
        return self.place is not None

    def describe(self, *, only=True):
        """The rule in words, as the preview and the report show it ("" for "the only one")."""
        place, other = self.place, self.runner_up
        if self.rule == CAPITAL:
            return _("chosen: the capital of the country")
        if self.rule == POPULATION:
            return _("chosen: %(times)s times larger than %(other)s (%(population)s)") % {
                "times": LARGER,
                "other": other.name,
                "population": f"{other.population:,}",
            }
        if self.rule == OFFICIAL_NAME:
            return _("chosen: the only place officially called so (also a name of %(other)s)") % {
                "other": other.name
            }
        if self.rule == SAME_PLACE:
            return _("chosen: %(other)s is the same town under another name") % {
                "other": other.name
            }
        if self.rule == COORDINATES:
            return _("chosen: the nearest to the file's coordinates")
        if self.rule == REGION:
            return _("chosen: the only one in the file's region")
        if self.rule == ONLY and place is not None and only:
            return _("the only place of this name in the country")
        return ""


@cache
def capital_names():
    """country code -> normalised name of its capital (GeoNames' country table)."""
    capitals = {}
    with open(DATA / "geonames_countries.tsv", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            row = line.rstrip("\n").split("\t")
            if len(row) > 5 and row[5]:
                capitals[row[0]] = normalize_name(row[5])
    return capitals


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (lat1, lon1, lat2, lon2))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _by_population(places):
    return sorted(places, key=lambda p: (-p.population, p.geonames_id))


def choose_place(candidates, *, name, country, admin1_codes=None, coordinates=None):
    """Apply the rules above to ``candidates`` (places of ``country``). Returns a Choice."""
    if len(candidates) == 1 and not admin1_codes and coordinates is None:
        # Most names of a file: one place of that name, nothing to weigh.
        only = candidates[0]
        return Choice(only, ONLY) if only.country_code == country else Choice()
    places = _by_population([p for p in candidates if p.country_code == country])
    if not places:
        return Choice()
    narrowed_by = None
    if admin1_codes:
        places = [p for p in places if p.admin1_code in admin1_codes]
        if not places:
            return Choice(candidates=_by_population(candidates))
        narrowed_by = REGION
    if coordinates is not None:
        lat, lon = coordinates
        near = sorted(
            (distance_km(lat, lon, p.latitude, p.longitude), p.geonames_id, p) for p in places
        )
        near = [entry for entry in near if entry[0] <= NEAR_KM]
        if not near:
            return Choice(candidates=places)
        if len(near) == 1 or near[0][0] * 2 <= near[1][0]:
            return Choice(near[0][2], COORDINATES if len(places) > 1 else ONLY, places)
        places = [entry[2] for entry in near]
    if len(places) == 1:
        return Choice(places[0], narrowed_by if len(candidates) > 1 and narrowed_by else ONLY)
    capital = capital_names().get(country)
    capitals = [p for p in places if normalize_name(p.name) == capital]
    if capital and capitals:
        return Choice(capitals[0], CAPITAL, places)
    key = normalize_name(name)
    official = [p for p in places if normalize_name(p.name) == key]
    if len(official) == 1:
        chosen = official[0]
        others = [p for p in places if p is not chosen]
        if all(chosen.population * LARGER >= p.population for p in others):
            return Choice(chosen, OFFICIAL_NAME, places, runner_up=others[0])
    largest, second = places[0], places[1]
    if all(_described_twice(largest, p) for p in places[1:]):
        return Choice(largest, SAME_PLACE, places, runner_up=second)
    if largest.population >= LARGER * max(second.population, 1):
        return Choice(largest, POPULATION, places, runner_up=second)
    return Choice(rule=AMBIGUOUS, candidates=places)


def _described_twice(largest, other):
    """Whether ``other`` is ``largest`` once more: another name there, or its name on its spot."""
    distance = distance_km(largest.latitude, largest.longitude, other.latitude, other.longitude)
    if normalize_name(other.name) != normalize_name(largest.name):
        return distance <= SAME_PLACE_KM
    return other.admin1_code == largest.admin1_code and distance <= SAME_SPOT_KM
