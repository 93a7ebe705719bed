"""
The columns of twinning and municipality files, and how a file's headers map onto them.

Each column has a Russian and an English header (the template and exports
write both: «Страна партнёра / Partner country») and the other names real
files use. A header matches a column when it is one of those names after
normalising; a header that matches nothing gets a suggestion (the closest
name) for staff to confirm on the mapping step.
"""

import difflib
import re
from dataclasses import dataclass

from mechanisms.placenames import normalize_name


@dataclass(frozen=True)
class Column:
    key: str
    header_ru: str
    header_en: str
    aliases: tuple = ()
    required: bool = False

    @property
    def header(self):
        return f"{self.header_ru} / {self.header_en}"

    def names(self):
        return {
            normalize_name(name)
            for name in (self.header, self.header_ru, self.header_en, self.key, *self.aliases)
        }


PARTNERSHIP_COLUMNS = (
    Column(
        "municipality",
        "Муниципалитет",
        "Municipality",
        (
            "город",
            "муниципальное образование",
            "российский город",
            "city",
            "russian city",
            "town",
            "мо",
        ),
        required=True,
    ),
    Column(
        "region",
        "Субъект РФ или регион",
        "Federal subject or region",
        (
            "регион",
            "субъект",
            "субъект рф",
            "область",
            "region",
            "federal subject",
            "province",
            "state",
        ),
    ),
    Column("country", "Страна", "Country", ("страна города", "country of the city")),
    Column("oktmo", "ОКТМО", "OKTMO", ("код октмо", "oktmo code")),
    Column(
        "partner",
        "Муниципалитет-партнёр",
        "Partner municipality",
        (
            "город партнер",
            "город-партнёр",
            "партнер",
            "побратим",
            "город побратим",
            "partner city",
            "partner",
            "twin city",
            "sister city",
            "foreign city",
            "зарубежный город",
        ),
        required=True,
    ),
    Column(
        "partner_region",
        "Регион партнёра",
        "Partner region",
        ("регион партнера", "partner province", "partner state", "регион города партнера"),
    ),
    Column(
        "partner_country",
        "Страна партнёра",
        "Partner country",
        ("страна партнера", "страна города партнера", "country of the partner", "partner country"),
        required=True,
    ),
    Column("partner_oktmo", "ОКТМО партнёра", "Partner OKTMO", ("октмо партнера",)),
    Column("latitude", "Широта", "Latitude", ("lat", "широта города", "latitude of the city")),
    Column("longitude", "Долгота", "Longitude", ("lon", "lng", "долгота города")),
    Column(
        "partner_latitude",
        "Широта партнёра",
        "Partner latitude",
        ("широта партнера", "partner lat"),
    ),
    Column(
        "partner_longitude",
        "Долгота партнёра",
        "Partner longitude",
        ("долгота партнера", "partner lon", "partner lng"),
    ),
    Column(
        "kind",
        "Вид связи",
        "Kind of tie",
        (
            "тип соглашения",
            "вид соглашения",
            "тип связи",
            "форма сотрудничества",
            "kind",
            "type",
            "agreement type",
            "type of agreement",
        ),
    ),
    Column("status", "Статус", "Status", ("состояние", "state of the tie")),
    Column(
        "signed_on",
        "Дата подписания",
        "Signed on",
        (
            "год подписания",
            "дата соглашения",
            "дата",
            "год",
            "signed",
            "date signed",
            "year signed",
            "year",
            "date",
        ),
    ),
    Column(
        "ended_on",
        "Дата прекращения",
        "Ended on",
        ("дата расторжения", "прекращено", "ended", "date ended", "year ended"),
    ),
    Column(
        "areas",
        "Сферы сотрудничества",
        "Areas of cooperation",
        ("направления сотрудничества", "сферы", "направления", "areas", "fields of cooperation"),
    ),
    Column(
        "description_ru", "Описание (рус.)", "Description (Russian)", ("описание", "примечание")
    ),
    Column("description_en", "Описание (англ.)", "Description (English)", ("description", "notes")),
    Column("source", "Источник", "Source", ("источник данных", "source of data")),
    Column(
        "is_public", "Публикуется", "Public", ("публиковать", "публичная", "public", "published")
    ),
)

MUNICIPALITY_COLUMNS = (
    Column(
        "name_ru",
        "Название (рус.)",
        "Name (Russian)",
        ("название", "наименование", "муниципалитет"),
    ),
    Column("name_en", "Название (англ.)", "Name (English)", ("name", "english name")),
    Column("country", "Страна", "Country", required=True),
    Column(
        "region",
        "Субъект РФ или регион",
        "Federal subject or region",
        ("регион", "region", "субъект"),
    ),
    Column("oktmo", "ОКТМО", "OKTMO"),
    Column("kind", "Вид", "Kind", ("тип", "type")),
    Column("population", "Население", "Population"),
    Column("latitude", "Широта", "Latitude", ("lat",)),
    Column("longitude", "Долгота", "Longitude", ("lon", "lng")),
    Column("website", "Сайт", "Website", ("web", "url")),
    Column("geonames_id", "GeoNames", "GeoNames id", ("geonameid", "geonames")),
)


# Files of pairs name both sides alike: "city1, country1, city2, country2",
# "Город 1", "Страна 2". The first numbered city is the municipality, the second its partner.
_NUMBERED = re.compile(r"^(?P<word>.*?)[\s_-]*(?P<number>[12]|a|b)$")
CITY_WORDS = frozenset(
    {"city", "town", "municipality", "place", "name", "город", "муниципалитет", "населенный пункт"}
)
COUNTRY_WORDS = frozenset({"country", "nation", "state", "страна", "государство"})
REGION_WORDS = frozenset({"region", "province", "state", "регион", "область", "субъект"})
PAIRED = {
    ("city", 0): "municipality",
    ("city", 1): "partner",
    ("country", 0): "country",
    ("country", 1): "partner_country",
    ("region", 0): "region",
    ("region", 1): "partner_region",
}


def _paired_suggestions(unknown):
    """index -> key for headers numbered in pairs ("city1", "country2")."""
    found = {}
    for index, header in unknown:
        match = _NUMBERED.match(normalize_name(header))
        if not match:
            continue
        word = match["word"].strip()
        slot = 0 if match["number"] in ("1", "a") else 1
        for what, words in (("city", CITY_WORDS), ("country", COUNTRY_WORDS)):
            if word in words:
                found[index] = PAIRED[(what, slot)]
                break
        else:
            if word in REGION_WORDS:
                found[index] = PAIRED[("region", slot)]
    return found


@dataclass
class HeaderMatch:
    """Which file column feeds which field, what is left over and what is missing."""

    assignment: dict  # file column index -> column key
    unknown: list  # (index, header) of file columns matched to nothing
    suggestions: dict  # file column index -> suggested key
    missing: list  # required keys no file column feeds

    @property
    def is_complete(self):
        return not self.missing

    @property
    def needs_a_person(self):
        """Required columns are missing, or some header only resembles a column: staff confirm."""
        return bool(self.missing or self.suggestions)


def match_headers(headers, columns, saved=None):
    """
    Match a file's headers to ``columns``. ``saved`` is a stored mapping
    (normalised header -> key) from an earlier file of the same source; it
    wins over the built-in names.
    """
    saved = saved or {}
    by_name = {}
    for column in columns:
        for name in column.names():
            by_name.setdefault(name, column.key)
    assignment, unknown, suggestions = {}, [], {}
    taken = set()
    for index, header in enumerate(headers):
        key = normalize_name(header)
        if not key:
            continue
        target = saved.get(key) or by_name.get(key)
        if target and target not in taken:
            assignment[index] = target
            taken.add(target)
        else:
            unknown.append((index, header))
    paired = _paired_suggestions(unknown) if columns is PARTNERSHIP_COLUMNS else {}
    for index, header in unknown:
        if index in paired and paired[index] not in taken:
            suggestions[index] = paired[index]
            continue
        best = difflib.get_close_matches(normalize_name(header), list(by_name), n=1, cutoff=0.6)
        if best and by_name[best[0]] not in taken and by_name[best[0]] not in paired.values():
            suggestions[index] = by_name[best[0]]
    missing = [c.key for c in columns if c.required and c.key not in taken]
    return HeaderMatch(assignment, unknown, suggestions, missing)
