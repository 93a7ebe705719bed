"""Every string of the portal has its Russian translation, compiled."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.utils import translation

from tests.conftest import PROJECT_DIR

RUSSIAN_CATALOGUES = sorted(
    path
    for path in Path(PROJECT_DIR).glob("**/locale/ru/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


def test_every_app_and_the_project_have_a_russian_catalogue():
    owners = {path.parts[-5] if path.parts[-5] != "locale" else "" for path in RUSSIAN_CATALOGUES}
    assert {"accounts", "associations", "partnerships", "roadmap", "knowledge"} <= owners


def test_russian_catalogues_have_no_untranslated_or_fuzzy_entries():
    missing = []
    for path in RUSSIAN_CATALOGUES:
        with path.open("rb") as handle:
            catalogue = read_po(handle)
        missing += [
            (str(path.relative_to(PROJECT_DIR)), message.id)
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
