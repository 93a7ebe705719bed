"""Every string of the portal has its Russian translation, compiled."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.utils import translation

from tests.conftest import PROJECT_DIR

RU_PO = Path(PROJECT_DIR, "locale", "ru", "LC_MESSAGES", "django.po")


def test_russian_catalogue_has_no_untranslated_or_fuzzy_entries():
    with RU_PO.open("rb") as handle:
        catalogue = read_po(handle)
    missing = [
        message.id
        for message in catalogue
        if message.id
        and (
            "fuzzy" in message.flags
            or not (message.string if isinstance(message.string, str) else all(message.string))
        )
    ]
    assert missing == []


def test_compiled_catalogue_is_used():
    with translation.override("ru"):
        assert translation.gettext("Sign in") == "Войти"
    with translation.override("en"):
        assert translation.gettext("Sign in") == "Sign in"
