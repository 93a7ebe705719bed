"""
Areas whose country is disputed (``data/disputed_areas.tsv``).

The import never files a place of such an area by a rule: when a file names
the place under one country and GeoNames or the registry under another, both
readings are shown to staff, who decide.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class DisputedArea:
    country: str  # the country GeoNames files the area under
    admin1: str  # its first-level region; empty where the whole country is disputed
    name: str
    other: str  # the other country of the second reading; empty for a state few recognise
    description: str

    def readings(self):
        """The countries a place of the area may be filed under."""
        return tuple(code for code in (self.country, self.other) if code)


@cache
def disputed_areas():
    areas = []
    with open(DATA / "disputed_areas.tsv", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            where, name, other, description = line.rstrip("\n").split("\t")
            country, _dot, admin1 = where.partition(".")
            areas.append(
                DisputedArea(country, admin1, name, "" if other == "-" else other, description)
            )
    return tuple(areas)


def disputed_area_of(country, admin1_code):
    """The disputed area a GeoNames place lies in, or None."""
    for area in disputed_areas():
        if area.country == country and area.admin1 in ("", admin1_code):
            return area
    return None


def disputed_areas_claimed_by(country):
    """The areas GeoNames files under another country while ``country`` is the second reading."""
    return [area for area in disputed_areas() if area.other == country]
