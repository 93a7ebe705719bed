"""
What a name in a file says about the kind of place it names.

Real files name more than cities: districts ("Gatchinsky District"), regions
("Kaliningrad Oblast"), parts of a city ("Kolpino (Saint Petersburg)",
"Central AO (Moscow)", "Seoul – Seocho"), or a city with a qualifier
("Oberursel (Taunus)"). ``read_name`` takes such a name apart; the import
decides what to do with each form.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from mechanisms.placenames import normalize_name

PLACE, PART, DISTRICT, REGION = "place", "part", "district", "region"

DISTRICT_WORDS = (
    "municipal district",
    "municipal okrug",
    "urban okrug",
    "district",
    "raion",
    "rayon",
    "county",
    "муниципальный район",
    "муниципальный округ",
    "городской округ",
    "район",
    "уезд",
)
REGION_WORDS = (
    "autonomous okrug",
    "autonomous oblast",
    "oblast",
    "krai",
    "kray",
    "region",
    "republic",
    "province",
    "governorate",
    "prefecture",
    "voivodeship",
    "автономный округ",
    "автономная область",
    "область",
    "край",
    "республика",
    "провинция",
)
# "Central AO (Moscow)": an administrative okrug of a city; "Nenets AO" alone: an autonomous okrug.
OKRUG_WORDS = ("ao", "administrative okrug", "административный округ", "ао")

_QUALIFIED = re.compile(r"^(?P<base>.+?)\s*\((?P<qualifier>[^()]+)\)\s*$")
_DASHED = re.compile(r"^(?P<parent>.+?)\s+[–—-]\s+(?P<base>.+)$")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name taken apart: its kind, the name itself, and the place it is part of."""

    kind: str
    base: str  # the name without qualifier or kind word ("Kolpino", "Gatchinsky")
    written: str  # the name as written, trimmed
    parent: str = ""  # what the qualifier names: the city or region it is part of, as written


# Kind words that come first: "Republic of Karelia", «Республика Татарстан».
LEADING_WORDS = ("republic of", "republic", "республика")


_LONGEST_FIRST = {
    words: sorted(words, key=len, reverse=True)
    for words in (DISTRICT_WORDS, REGION_WORDS, OKRUG_WORDS)
}


def _strip_words(text, words):
    """``text`` without its kind word (None when it has none), keeping the letters as written."""
    key = normalize_name(text)
    written = text.split()
    for word in _LONGEST_FIRST[words]:
        if key.endswith(" " + word):
            return " ".join(written[: len(written) - len(word.split())])
    if words is REGION_WORDS:
        for word in LEADING_WORDS:
            if key.startswith(word + " "):
                return " ".join(written[len(word.split()) :])
    return None


@lru_cache(maxsize=65_536)
def read_name(text):
    """The form of a place name (see the module's docstring)."""
    written = " ".join(str(text or "").split())
    if match := _QUALIFIED.match(written):
        base, qualifier = match["base"].strip(), match["qualifier"].strip()
        kind_word = normalize_name(qualifier)
        if kind_word in DISTRICT_WORDS:
            return NameForm(DISTRICT, base, written)
        if kind_word in REGION_WORDS:
            return NameForm(REGION, base, written)
        return NameForm(PART, base, written, parent=qualifier)
    if match := _DASHED.match(written):
        return NameForm(PART, match["base"].strip(), written, parent=match["parent"].strip())
    tokens = normalize_name(written).split()
    if tokens and tokens[-1] not in _LAST_WORDS and tokens[0] not in _FIRST_WORDS:
        return NameForm(PLACE, written, written)  # most names: no kind word at either end
    for kind, words in ((DISTRICT, DISTRICT_WORDS), (REGION, REGION_WORDS), (REGION, OKRUG_WORDS)):
        base = _strip_words(written, words)
        if base:
            return NameForm(kind, base, written)
    return NameForm(PLACE, written, written)


_LAST_WORDS = frozenset(word.split()[-1] for word in (*DISTRICT_WORDS, *REGION_WORDS, *OKRUG_WORDS))
_FIRST_WORDS = frozenset(word.split()[0] for word in LEADING_WORDS)
