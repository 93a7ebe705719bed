"""The 89 federal subjects come from a migration, with both names and GeoNames codes."""

import pytest

from partnerships.models import FederalSubject

pytestmark = pytest.mark.django_db


def test_all_89_subjects_are_seeded_with_names_in_both_languages():
    assert FederalSubject.objects.count() == 89
    assert not FederalSubject.objects.filter(name_en="").exists()
    volgograd = FederalSubject.objects.get(name_ru="Волгоградская область")
    assert volgograd.name_en == "Volgograd Oblast"
    assert volgograd.short_name_ru == "Волгоградская обл."
    assert volgograd.short_name_latin == "Volgogradskaya obl."
    assert volgograd.geonames_admin1 == "84"


def test_crimea_and_sevastopol_have_no_geonames_code():
    for name in ("Республика Крым", "Севастополь"):
        assert FederalSubject.objects.get(name_ru=name).geonames_admin1 is None


@pytest.mark.parametrize(
    ("alias", "subject"),
    [
        ("Волгоградская обл.", "Волгоградская область"),
        ("volgograd oblast", "Волгоградская область"),
        ("Volgogradskaya obl", "Волгоградская область"),
        ("Татарстан", "Республика Татарстан"),
        ("Republic of Tatarstan", "Республика Татарстан"),
        ("Респ. Татарстан", "Республика Татарстан"),
        ("г. Москва", "Москва"),
        ("Moscow", "Москва"),
        ("Ханты-Мансийский АО", "Ханты-Мансийский автономный округ — Югра"),
        ("Кемеровская область", "Кемеровская область — Кузбасс"),
    ],
)
def test_subjects_answer_to_their_usual_names(alias, subject):
    assert FederalSubject.lookup(alias).name_ru == subject


def test_moscow_oblast_is_not_moscow():
    assert FederalSubject.lookup("Moscow Oblast").name_ru == "Московская область"
    assert FederalSubject.lookup("Московская обл.").name_ru == "Московская область"
    assert FederalSubject.lookup("Нарния") is None
