"""
Place names as people type them: normalised for matching and transliterated.

``normalize_name`` folds case, ё into е and Latin diacritics away (but never
the marks that make Cyrillic letters, so й stays й), squeezes punctuation and
spaces: «Ростов-на-Дону» and "rostov na donu" both become comparable keys.
``transliterate`` writes Russian in Latin letters (BGN/PCGN style, as GeoNames
and most partner files do), so a Latin query can find a Russian name.
"""

import re
import unicodedata
from functools import lru_cache

RUSSIAN_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,;:'’ʼ`\"«»()/]+")


def _is_latin(char):
    return "LATIN" in unicodedata.name(char, "")


def normalize_name(value):
    """A comparison key for a place name: lower case, no Latin accents, single spaces."""
    if not value:
        return ""
    return _normalize(str(value))


# Imports and the gazetteer load normalise the same names over and over.
@lru_cache(maxsize=262_144)
def _normalize(text):
    if text.isascii():  # most names: nothing to decompose
        return _SEPARATORS.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    kept = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char) and kept and _is_latin(kept[-1]):
            continue  # é -> e, but й keeps its breve
        kept.append(char)
    text = unicodedata.normalize("NFC", "".join(kept))
    return _SEPARATORS.sub(" ", text).strip()


def transliterate(value):
    """Russian text in Latin letters: «Волгоградская» -> "Volgogradskaya"."""
    out = []
    for char in str(value):
        lower = char.lower()
        latin = RUSSIAN_TO_LATIN.get(lower)
        if latin is None:
            out.append(char)
        elif char != lower and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def has_cyrillic(value):
    return _CYRILLIC.search(str(value)) is not None


_RUSSIAN_LETTER = re.compile(r"[а-яёА-ЯЁ]")
_OTHER_LETTER = re.compile(r"[^\W\d_а-яёА-ЯЁ]")


def is_russian_spelling(value):
    """True for a name written only with the Russian alphabet (not Ukrainian, Serbian ...)."""
    text = str(value)
    return bool(_RUSSIAN_LETTER.search(text)) and not _OTHER_LETTER.search(text)


# Romanisations of one name differ in a few regular ways ("Nizhny"/"Nizhniy",
# "Mytishchi"/"Mytischi", "Yekaterinburg"/"Ekaterinburg", "Zvyozdny"/"Zvëzdnyy",
# since ё is also written е); the skeleton writes them alike. Longest spellings
# first, so "shch" is seen before "sh".
_SKELETON_SPELLINGS = (
    ("shch", "sh"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("tz", "c"),
    ("ts", "c"),
    ("ph", "f"),
    ("ck", "k"),
    ("ye", "e"),
    ("yo", "e"),
    ("jo", "e"),
    ("yu", "u"),
    ("ju", "u"),
    ("ya", "a"),
    ("ja", "a"),
    ("ie", "e"),
    ("iy", "i"),
    ("yi", "i"),
    ("ij", "i"),
    ("yy", "i"),
    ("y", "i"),
    ("w", "v"),
)
_SKELETON = re.compile("|".join(re.escape(spelling) for spelling, _ in _SKELETON_SPELLINGS))
_SKELETON_MAP = dict(_SKELETON_SPELLINGS)
_DOUBLED = re.compile(r"(.)\1+")
_NOT_LETTERS = re.compile(r"[^a-z]+")


@lru_cache(maxsize=262_144)
def name_skeleton(value):
    """
    A looser key than ``normalize_name`` for names in Latin or Russian letters:
    transliterated, without spaces and hyphens, with the spelling variants of
    romanisation and doubled letters folded. Empty for other scripts. Two
    names with one skeleton are the same name written two ways, or a near
    homonym; the import uses it only after exact names found nothing.
    """
    key = normalize_name(transliterate(normalize_name(value)))
    if not key.isascii():
        return ""
    key = _NOT_LETTERS.sub("", key)
    key = _SKELETON.sub(lambda match: _SKELETON_MAP[match.group()], key)
    return _DOUBLED.sub(r"\1", key)
