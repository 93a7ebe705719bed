"""What a place name says of its kind, which region a cell names, which areas are disputed."""

import pytest

from gazetteer.disputes import disputed_area_of, disputed_areas_claimed_by
from gazetteer.nameforms import DISTRICT, PART, PLACE, REGION, read_name
from gazetteer.regions import region_codes, region_name


@pytest.mark.parametrize(
    ("written", "kind", "base", "parent"),
    [
        ("Volgograd", PLACE, "Volgograd", ""),
        ("Naro-Fominsk", PLACE, "Naro-Fominsk", ""),
        ("Gatchinsky District", DISTRICT, "Gatchinsky", ""),
        ("Гатчинский район", DISTRICT, "Гатчинский", ""),
        ("Yahotyn Raion", DISTRICT, "Yahotyn", ""),
        ("Düren (district)", DISTRICT, "Düren", ""),
        ("Kaliningrad Oblast", REGION, "Kaliningrad", ""),
        ("Republic of Karelia", REGION, "Karelia", ""),
        ("Республика Татарстан", REGION, "Татарстан", ""),
        ("Nenets AO", REGION, "Nenets", ""),
        ("Kolpino (Saint Petersburg)", PART, "Kolpino", "Saint Petersburg"),
        ("Central AO (Moscow)", PART, "Central AO", "Moscow"),
        ("Seoul – Seocho", PART, "Seocho", "Seoul"),
        ("Oberursel (Taunus)", PART, "Oberursel", "Taunus"),
    ],
)
def test_a_name_is_taken_apart(written, kind, base, parent):
    form = read_name(written)
    assert (form.kind, form.base, form.parent) == (kind, base, parent)


@pytest.mark.parametrize(
    ("country", "text", "code"),
    [
        ("US", "California", "CA"),
        ("US", "CA", "CA"),
        ("GB", "England", "ENG"),
        ("RU", "Volgograd Oblast", "84"),
        ("BY", "Grodno Region", "03"),
        ("HR", "Primorje-Gorski Kotar County", "12"),
    ],
)
def test_a_region_cell_names_a_first_level_region(country, text, code):
    assert region_codes(country, text) == {code}


def test_a_region_that_is_none_of_the_country_names_nothing():
    assert region_codes("US", "Narnia") == frozenset()
    assert region_codes("US", "") == frozenset()
    assert region_name("US", "CA") == "California"


def test_disputed_areas_have_two_readings():
    crimea = disputed_area_of("UA", "11")
    assert crimea.readings() == ("UA", "RU")
    assert disputed_area_of("GE", "02").name == "Abkhazia"
    assert disputed_area_of("XK", "") is not None and disputed_area_of("UA", "30") is None
    assert {area.name for area in disputed_areas_claimed_by("RU")} >= {"Crimea", "Sevastopol City"}
