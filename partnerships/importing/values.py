"""
Cell values of twinning files, read the way people write them.

Every parser takes what a cell holds (text, or a number or date from a
spreadsheet) and returns the registry's value, or raises ``ValueError`` with
a message for the person who must fix the file. The same cell values recur
on thousands of rows of a file, so the parsers remember their answers. Kinds, statuses, areas and
countries are matched in Russian or English, in any case.
"""

import datetime
import re
import time
from functools import cache, lru_cache

from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from mechanisms.placenames import normalize_name

from ..areas import Area
from ..models import DatePrecision, Partnership

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text(value):
    """A cell as text: trimmed, with the export's formula guard (a leading ') removed."""
    if value is None:
        return ""
    if type(value) is not str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = str(value)
    result = value.strip()
    if result.startswith("'") and result[1:2] in FORMULA_START:
        result = result[1:]
    return result


_DAY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{1,2})[./](\d{4})$")
_YEAR = re.compile(r"^(\d{4})(?:\s*(?:г\.?|год|year))?$", re.IGNORECASE)


@lru_cache(maxsize=16_384)
def partial_date(value):
    """
    (date, precision) from 12.05.1972, 1972-05-12, 05.1972 or 1972; (None, day) when empty.
    A bare year stays a year: it is stored with year precision, never as 1 January.
    """
    if value in (None, ""):
        return None, DatePrecision.DAY
    if isinstance(value, datetime.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, datetime.date):
        return value, DatePrecision.DAY
    if isinstance(value, int | float) and float(value).is_integer() and 1000 <= value <= 9999:
        return _date(int(value), 1, 1), DatePrecision.YEAR
    raw = text(value)
    if not raw:
        return None, DatePrecision.DAY
    if match := _DAY.match(raw):
        day, month, year = (int(g) for g in match.groups())
        return _date(year, month, day), DatePrecision.DAY
    if match := _ISO.match(raw):
        year, month, day = (int(g) for g in match.groups())
        return _date(year, month, day), DatePrecision.DAY
    if match := _MONTH.match(raw):
        month, year = (int(g) for g in match.groups())
        return _date(year, month, 1), DatePrecision.MONTH
    if match := _YEAR.match(raw):
        return _date(int(match.group(1)), 1, 1), DatePrecision.YEAR
    raise ValueError(
        _("“%(value)s” is not a date: write 12.05.1972, 1972-05-12, 05.1972 or 1972.")
        % {"value": raw}
    )


# "checked" starts unset: the monotonic clock may be young (a container started
# minutes ago), so no value of it may stand for "never".
_latest_year = {"checked": None, "year": 0}


def latest_year():
    """Ten years from now: the latest year a date in a file may have (looked up once an hour)."""
    checked = _latest_year["checked"]
    if checked is None or time.monotonic() - checked > 3600:
        _latest_year.update(checked=time.monotonic(), year=datetime.date.today().year + 10)
    return _latest_year["year"]


def _date(year, month, day):
    try:
        result = datetime.date(year, month, day)
    except ValueError as impossible:
        raise ValueError(
            _("%(day)02d.%(month)02d.%(year)s does not exist in the calendar.")
            % {"day": day, "month": month, "year": year}
        ) from impossible
    if not 1900 <= year <= latest_year():
        raise ValueError(_("The year %(year)s is out of range.") % {"year": year})
    return result


KIND_ALIASES = {
    Partnership.Kind.TWINNING: [
        "побратимство",
        "побратимы",
        "породнение",
        "породненные города",
        "город побратим",
        "соглашение о побратимстве",
        "twinning",
        "twin city",
        "twin cities",
        "twin town",
        "sister city",
        "sister cities",
    ],
    Partnership.Kind.PARTNERSHIP: [
        "партнерство",
        "соглашение о партнерстве",
        "партнерские связи",
        "partnership",
        "partnership agreement",
        "partner city",
    ],
    Partnership.Kind.COOPERATION: [
        "сотрудничество",
        "соглашение о сотрудничестве",
        "договор о сотрудничестве",
        "cooperation",
        "co-operation",
        "cooperation agreement",
        "agreement on cooperation",
    ],
    Partnership.Kind.MEMORANDUM: [
        "меморандум",
        "меморандум о сотрудничестве",
        "меморандум о взаимопонимании",
        "memorandum",
        "memorandum of understanding",
        "mou",
    ],
    Partnership.Kind.INTENT: [
        "протокол о намерениях",
        "протокол намерений",
        "соглашение о намерениях",
        "protocol of intent",
        "letter of intent",
        "declaration of intent",
    ],
}
STATUS_ALIASES = {
    Partnership.Status.PLANNED: ["планируется", "планируемая", "в проекте", "planned", "proposed"],
    Partnership.Status.ACTIVE: [
        "действует",
        "действующая",
        "активна",
        "active",
        "in force",
        "valid",
    ],
    Partnership.Status.SUSPENDED: [
        "приостановлено",
        "приостановлена",
        "заморожено",
        "suspended",
        "frozen",
    ],
    Partnership.Status.TERMINATED: [
        "прекращено",
        "прекращена",
        "расторгнуто",
        "не действует",
        "terminated",
        "ended",
        "expired",
    ],
}
AREA_ALIASES = {
    Area.ECONOMY: ["экономика", "торговля", "economy", "trade", "business"],
    Area.EDUCATION: ["образование", "наука", "education", "science"],
    Area.URBAN: ["жкх", "городское хозяйство", "urban management", "utilities"],
    Area.ENVIRONMENT: ["экология", "окружающая среда", "ecology"],
    Area.HUMANITARIAN: ["гуманитарное сотрудничество", "гуманитарные связи", "people to people"],
    Area.MEDIA: ["сми", "информация", "media"],
    Area.YOUTH: ["молодежь", "молодежная политика"],
    Area.HEALTH: ["здравоохранение", "медицина", "healthcare"],
    Area.TRANSPORT: ["транспорт", "логистика", "transport"],
}


@cache
def _choice_table(kind, language_codes=("ru", "en")):
    """normalised word -> code, from the choices' labels in both languages and the aliases."""
    choices, aliases = {
        "kind": (Partnership.Kind.choices, KIND_ALIASES),
        "status": (Partnership.Status.choices, STATUS_ALIASES),
        "area": (Area.choices, AREA_ALIASES),
    }[kind]
    table = {}
    for code, label in choices:
        table[normalize_name(code)] = code
        for language in language_codes:
            with translation.override(language):
                table[normalize_name(str(label))] = code
    for code, words in aliases.items():
        for word in words:
            table.setdefault(normalize_name(word), code)
    return table


@lru_cache(maxsize=16_384)
def choice(value, kind):
    """A kind or status code from its name in Russian or English; None when empty."""
    raw = text(value)
    if not raw:
        return None
    code = _choice_table(kind).get(normalize_name(raw))
    if code is None:
        label = {"kind": _("kind of tie"), "status": _("status")}[kind]
        raise ValueError(_("Unknown %(what)s: “%(value)s”.") % {"what": label, "value": raw})
    return code


_LIST_SEPARATORS = re.compile(r"[;,/|\n]+")


@lru_cache(maxsize=16_384)
def areas(value):
    """A set of area codes from a list in one cell: «культура; спорт» or "culture, sport"."""
    raw = text(value)
    if not raw:
        return None
    found, unknown = set(), []
    table = _choice_table("area")
    for part in _LIST_SEPARATORS.split(raw):
        word = normalize_name(part)
        if not word:
            continue
        code = table.get(word)
        if code is None:
            unknown.append(part.strip())
        else:
            found.add(code)
    if unknown:
        raise ValueError(
            _("Unknown area of cooperation: %(areas)s.")
            % {"areas": ", ".join(f"“{u}”" for u in unknown)}
        )
    return found


# Names people still use for countries, beside the ones django-countries knows.
COUNTRY_ALIASES = {
    "RU": ["россия", "рф", "российская федерация", "russia"],
    "BY": ["белоруссия", "беларусь", "республика беларусь", "belarus", "byelorussia"],
    "KG": [
        "киргизия",
        "кыргызстан",
        "киргизстан",
        "кыргызская республика",
        "kirghizia",
        "kyrgyz republic",
    ],
    "KR": ["южная корея", "республика корея", "корея", "south korea", "korea", "republic of korea"],
    "KP": ["кндр", "северная корея", "north korea"],
    "DE": ["фрг", "германия", "федеративная республика германия", "germany"],
    "GB": [
        "великобритания",
        "англия",
        "соединенное королевство",
        "uk",
        "united kingdom",
        "england",
        "britain",
    ],
    "US": [
        "сша",
        "соединенные штаты",
        "соединенные штаты америки",
        "usa",
        "united states",
        "america",
    ],
    "MD": ["молдавия", "молдова", "moldova"],
    "CZ": ["чехия", "czech republic", "czechia"],
    "MK": ["македония", "северная македония", "macedonia", "north macedonia"],
    "CN": ["китай", "кнр", "китайская народная республика", "china", "prc"],
    "VN": ["вьетнам", "vietnam", "viet nam"],
    "TR": ["турция", "турецкая республика", "turkey", "turkiye", "türkiye"],
    "AM": ["армения", "республика армения", "armenia"],
    "FI": ["финляндия", "finland", "suomi"],
    "IR": ["иран", "iran", "persia"],
    "SY": ["сирия", "syria"],
    "LA": ["лаос", "laos"],
    "VE": ["венесуэла", "venezuela"],
    "BO": ["боливия", "bolivia"],
    "TZ": ["танзания", "tanzania"],
    "AE": ["оаэ", "объединенные арабские эмираты", "uae"],
    "CI": ["кот д ивуар", "берег слоновой кости", "ivory coast"],
    "NL": ["нидерланды", "голландия", "holland", "netherlands"],
}


@cache
def _country_table():
    table = {}
    for language in ("en", "ru"):
        with translation.override(language):
            for code, name in countries:
                table.setdefault(normalize_name(str(name)), code)
    for code, names in COUNTRY_ALIASES.items():
        for name in names:
            table[normalize_name(name)] = code
    for code, _name in countries:
        table[normalize_name(code)] = code
        alpha3 = countries.alpha3(code)
        if alpha3:
            table.setdefault(normalize_name(alpha3), code)
    return table


@lru_cache(maxsize=16_384)
def country(value):
    """An ISO code from a code (RU, RUS) or a name in Russian or English; None when empty."""
    raw = text(value)
    if not raw:
        return None
    code = _country_table().get(normalize_name(raw))
    if code is None:
        raise ValueError(_("Unknown country: “%(value)s”.") % {"value": raw})
    return code


_TRUE = {"да", "yes", "y", "true", "1", "+", "публикуется", "public", "опубликовано", "д"}
_FALSE = {"нет", "no", "n", "false", "0", "-", "не публикуется", "not public", "н"}


@lru_cache(maxsize=16_384)
def boolean(value):
    raw = text(value)
    if not raw:
        return None
    key = raw.casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(_("Write “да” or “нет” (yes or no), not “%(value)s”.") % {"value": raw})


_OKTMO = re.compile(r"^\d{8}(\d{3})?$")


@lru_cache(maxsize=16_384)
def oktmo(value):
    """An OKTMO code; spreadsheets drop leading zeros of numbers, so they are put back."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        if not float(value).is_integer():
            raise ValueError(_("An OKTMO code has 8 or 11 digits."))
        digits = str(int(value))
        value = digits.zfill(8) if len(digits) <= 8 else digits.zfill(11)
    raw = re.sub(r"\s", "", text(value))
    if not raw:
        return None
    if not _OKTMO.match(raw):
        raise ValueError(_("An OKTMO code has 8 or 11 digits, not “%(value)s”.") % {"value": raw})
    return raw
