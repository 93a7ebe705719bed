"""Names of places compare alike whatever the case, accents or script spelling."""

import pytest

from mechanisms.placenames import is_russian_spelling, normalize_name, transliterate


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Ростов-на-Дону", "ростов на дону"),
        ("  РОСТОВ   на дону ", "ростов на дону"),
        ("Орёл", "орел"),
        ("Йошкар-Ола", "йошкар ола"),
        ("Saint-Étienne", "saint etienne"),
        ("Arkhangel’sk", "arkhangel sk"),
        ("", ""),
    ],
)
def test_normalize_name(raw, key):
    assert normalize_name(raw) == key


def test_transliterate_follows_the_usual_latin_spelling():
    assert transliterate("Волгоградская обл.") == "Volgogradskaya obl."
    assert transliterate("Щёлково") == "Shchelkovo"
    assert transliterate("Нижний Новгород") == "Nizhniy Novgorod"


@pytest.mark.parametrize(
    ("name", "russian"),
    [
        ("Волгоград", True),
        ("Ростов-на-Дону", True),
        ("Іванава", False),
        ("Стаљинград", False),
        ("Volgograd", False),
    ],
)
def test_russian_spelling_excludes_other_cyrillic_alphabets(name, russian):
    assert is_russian_spelling(name) is russian
