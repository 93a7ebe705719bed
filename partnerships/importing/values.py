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
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from django.utils import translation
from django.utils.translation import gettext as _

from gazetteer.countries import read_country
from mechanisms.placenames import normalize_name
from mechanisms.spreadsheets import unescape_formula

from ..areas import Area
from ..models import DatePrecision, Partnership


def text(value):
    """A cell as text: trimmed, with the export's formula guard (a leading ') removed."""
    if value is None:
        return ""
    if type(value) is str:
        value = value.strip()
        return unescape_formula(value) if value[:1] == "'" else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescape_formula(str(value).strip())


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


def country(value, *, aliases=None):
    """
    An ISO code from a code (RU, RUS) or a country's name as people write it
    (``gazetteer.countries``); None when empty. An ambiguous or unknown name
    raises ValueError, with the candidates or a suggestion in the message.
    """
    raw = text(value)
    if not raw:
        return None
    reading = read_country(raw, aliases=aliases)
    if reading.code:
        return reading.code
    if reading.candidates:
        raise ValueError(
            _("“%(value)s” may be any of these countries: %(codes)s.")
            % {"value": raw, "codes": ", ".join(reading.candidates)}
        )
    message = _("Unknown country: “%(value)s”.") % {"value": raw}
    if reading.suggestion:
        message += " " + _("Perhaps %(code)s?") % {"code": reading.suggestion}
    raise ValueError(message)


def coordinates(latitude, longitude):
    """(latitude, longitude) as Decimals from two cells ("48,7" or 48.7); ValueError if unusable."""
    result = []
    for raw, limit, label in ((latitude, 90, _("latitude")), (longitude, 180, _("longitude"))):
        cell = text(raw).replace(",", ".").replace(" ", "")
        try:
            number = Decimal(cell)
        except InvalidOperation:
            raise ValueError(
                _("“%(value)s” is not a %(what)s.") % {"value": text(raw), "what": label}
            ) from None
        if not number.is_finite() or not -limit <= number <= limit:
            raise ValueError(
                _("The %(what)s %(value)s is out of range.") % {"what": label, "value": cell}
            )
        result.append(number.quantize(Decimal("0.00001")))
    return tuple(result)


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
