"""
First-level regions of every country (GeoNames' admin1 table), by name.

A file may name the region of a place ("California", "Grodno Region", "CA",
"England"); ``region_codes`` says which of the country's regions that is, so
the import can tell two places of one name apart. The table lives in
``data/geonames_admin1.tsv`` and is read once per process.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mechanisms.placenames import normalize_name

DATA = Path(__file__).resolve().parent / "data"

# Words that say what kind of region a name is, in the languages files use;
# "Grodno Region" and "Grodnenskaya Voblasts" share no word once they go.
GENERIC_WORDS = frozenset(
    {
        "region",
        "province",
        "state",
        "oblast",
        "oblast'",
        "voblast",
        "voblasts",
        "oblysy",
        "county",
        "prefecture",
        "voivodeship",
        "governorate",
        "department",
        "departement",
        "district",
        "rayon",
        "raion",
        "city",
        "municipality",
        "autonomous",
        "republic",
        "of",
        "the",
        "krai",
        "kray",
        "land",
        "canton",
        "область",
        "край",
        "республика",
        "провинция",
        "штат",
        "округ",
        "регион",
        "voblasc",
    }
)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Region:
    country: str
    code: str  # the admin1 code within the country ("84", "CA", "ENG")
    name: str


def _core(key):
    return " ".join(word for word in _WORD.findall(key) if word not in GENERIC_WORDS)


@cache
def admin1_regions():
    """country code -> list of Region, from GeoNames' admin1 table."""
    table = {}
    with open(DATA / "geonames_admin1.tsv", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            full_code, name, ascii_name, _geonames_id = line.rstrip("\n").split("\t")[:4]
            country, _dot, code = full_code.partition(".")
            table.setdefault(country, []).append(Region(country, code, name or ascii_name))
    return table


@cache
def _keys(country):
    """For one country: normalised name -> codes, core name -> codes, code -> code."""
    exact, core = {}, {}
    for region in admin1_regions().get(country, []):
        for key in {normalize_name(region.name)}:
            exact.setdefault(key, set()).add(region.code)
            core.setdefault(_core(key), set()).add(region.code)
        exact.setdefault(normalize_name(region.code), set()).add(region.code)
    core.pop("", None)
    return exact, core


def region_codes(country, text):
    """
    The admin1 codes of ``country`` that a region cell names: by its name, its
    name without words like "Region" or "Oblast", its code ("CA"), or a
    shared beginning of at least five letters when only one region has it
    ("Grodno" and "Grodnenskaya"). Empty when the cell names none.
    """
    key = normalize_name(text)
    if not key or not country:
        return frozenset()
    exact, core = _keys(country)
    if key in exact:
        return frozenset(exact[key])
    stripped = _core(key)
    if stripped in core:
        return frozenset(core[stripped])
    if len(stripped) >= 5:
        prefix = stripped[:5]
        found = {code for name, codes in core.items() if name.startswith(prefix) for code in codes}
        if len(found) == 1:
            return frozenset(found)
    return frozenset()


def region_name(country, code):
    """The region's name in GeoNames ("Volgograd Oblast"), or its code when unknown."""
    for region in admin1_regions().get(country, []):
        if region.code == code:
            return region.name
    return code or ""
