"""Filling coordinates and GeoNames ids from the gazetteer, never by guessing."""

import pytest
from django.core.management import call_command

from partnerships.models import FederalSubject
from tests.registry import municipality

pytestmark = pytest.mark.django_db


def run(capsys, *args):
    call_command("fill_from_gazetteer", *args)
    return capsys.readouterr().out


def test_a_single_match_fills_coordinates_population_and_geonames_id(capsys):
    kazan = municipality("RU", name_ru="Казань", name_en="", federal_subject=None)
    out = run(capsys)
    kazan.refresh_from_db()
    assert kazan.geonames_id == 551487
    assert round(float(kazan.latitude), 2) == 55.79
    assert kazan.federal_subject.name_ru == "Республика Татарстан"
    assert "filled" in out and "Казань" in out


def test_a_name_with_several_places_is_reported_not_guessed(capsys):
    # Several Russian places are called Troitsk; without a federal subject it is ambiguous.
    troitsk = municipality("RU", name_ru="Троицк", name_en="Troitsk", federal_subject=None)
    out = run(capsys)
    troitsk.refresh_from_db()
    assert troitsk.geonames_id is None
    assert "ambiguous" in out and "Троицк" in out


def test_the_federal_subject_narrows_the_search(capsys):
    subject = FederalSubject.objects.get(name_ru="Челябинская область")
    troitsk = municipality("RU", name_ru="Троицк", name_en="Troitsk", federal_subject=subject)
    run(capsys)
    troitsk.refresh_from_db()
    assert troitsk.geonames_id is not None


def test_a_place_of_another_country_is_never_taken(capsys):
    # GeoNames files Simferopol under Ukraine; the registry keeps it in Russia, unfilled.
    crimea = FederalSubject.objects.get(name_ru="Республика Крым")
    simferopol = municipality("RU", name_ru="Симферополь", name_en="", federal_subject=crimea)
    out = run(capsys)
    simferopol.refresh_from_db()
    assert simferopol.geonames_id is None
    assert simferopol.country.code == "RU"
    assert simferopol.federal_subject == crimea
    assert "not found" in out and "Симферополь" in out


def test_unknown_names_are_listed_and_dry_run_changes_nothing(capsys):
    nowhere = municipality("RU", name_ru="Нигдеград", name_en="", federal_subject=None)
    kazan = municipality("RU", name_ru="Казань", name_en="", federal_subject=None)
    out = run(capsys, "--dry-run")
    assert "not found" in out and "Нигдеград" in out
    kazan.refresh_from_db()
    nowhere.refresh_from_db()
    assert kazan.geonames_id is None
