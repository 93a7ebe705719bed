"""
Bilingual content: a Russian and an English version of one model field.

A field that exists in both languages is two plain columns, ``<name>_ru`` and
``<name>_en``, so imports, exports, bulk writes, admin forms and SQL all see
ordinary fields. The model reads the value for the active language through
``bilingual("<name>")``, which falls back to the other language when the
active one is empty:

    class Municipality(models.Model):
        name_ru = models.CharField(_("name (Russian)"), max_length=200)
        name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
        name = bilingual("name")

    Municipality(name_ru="Волгоград", name_en="Volgograd").name  # per language

Querysets sort and search by ``localized("name")`` (``"name_ru"`` or
``"name_en"``) and ``bilingual_q("name", "icontains", text)`` (both columns).
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def active_language():
    """The active language if the portal has it, else the default (Russian)."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def fallback_order(language=None):
    """The active language first, then the others in the order of LANGUAGES."""
    first = language or active_language()
    return (first, *(code for code in LANGUAGE_CODES if code != first))


def bilingual(field_name):
    """A read-only property giving ``field_name`` in the active language, with fallback."""

    def getter(instance):
        return value_in(instance, field_name)

    getter.__name__ = field_name
    getter.__doc__ = f"{field_name} in the active language, or in the other one if empty."
    return property(getter)


def value_in(instance, field_name, language=None):
    """``field_name`` of ``instance`` in ``language`` (default: active), with fallback."""
    for code in fallback_order(language):
        value = getattr(instance, f"{field_name}_{code}", None)
        if value not in (None, ""):
            return value
    return ""


def localized(field_name, language=None):
    """The column name of ``field_name`` in the active language: ``name`` -> ``name_en``."""
    return f"{field_name}_{language or active_language()}"


def bilingual_fields(field_name):
    """Both column names of a bilingual field: ``("name_ru", "name_en")``."""
    return tuple(f"{field_name}_{code}" for code in LANGUAGE_CODES)


def bilingual_q(field_name, lookup, value):
    """A Q matching ``value`` in either language's column."""
    query = Q()
    for column in bilingual_fields(field_name):
        query |= Q(**{f"{column}__{lookup}": value})
    return query
