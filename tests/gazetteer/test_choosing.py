"""The rules that choose a gazetteer place for a name, on the real GeoNames places."""

from decimal import Decimal

import pytest

from gazetteer.choosing import choose_place
from gazetteer.models import GazetteerPlace
from gazetteer.search import gazetteer_candidates

pytestmark = pytest.mark.django_db


def choose(name, country, **options):
    return choose_place(
        gazetteer_candidates([name], country=country), name=name, country=country, **options
    )


def test_a_name_of_one_place_in_the_country_is_that_place():
    choice = choose("Lahti", "FI")
    assert choice.place.name == "Lahti" and choice.rule == "only"


def test_the_capital_wins():
    choice = choose("London", "GB")
    assert len(choice.candidates) > 1
    assert (choice.place.name, choice.rule) == ("London", "capital")
    from django.utils import translation

    with translation.override("en"):
        assert "capital" in choice.describe()
    assert "столица" in choice.describe()


def test_a_place_ten_times_larger_than_every_other_wins_and_says_so():
    choice = choose("Essen", "DE")
    assert choice.place.name == "Essen" and choice.place.population > 500_000
    assert choice.rule == "population"
    assert "10" in choice.describe() and choice.runner_up.name in choice.describe()
    assert "раз больше" in choice.describe()


def test_the_only_place_officially_so_called_wins_over_places_once_called_so():
    # Korolyov was called Kaliningrad until 1996; Kaliningrad is only twice its size.
    choice = choose("Kaliningrad", "RU")
    assert choice.place.name == "Kaliningrad" and choice.rule == "official_name"


def test_one_town_described_twice_is_one_place():
    choice = choose("Petergof", "RU")
    assert {p.name for p in choice.candidates} == {"Peterhof", "Petrodvorets"}
    assert choice.place.name == "Peterhof" and choice.rule == "same_place"


def test_two_places_of_one_name_near_each_other_stay_a_question():
    choice = choose("Armavir", "AM")
    assert choice.place is None and choice.rule == "ambiguous"
    assert [p.population for p in choice.candidates] == [29_700, 3_428]


def test_comparable_namesakes_stay_a_question():
    choice = choose("Portland", "US")
    assert choice.place is None
    assert {"Oregon", "Maine"} <= {p.admin1_code for p in choice.candidates} | {"Oregon", "Maine"}
    assert len(choice.candidates) > 2


def test_a_region_narrows_foreign_candidates():
    assert choose("San Diego", "US").place.admin1_code == "CA"
    assert choose("San Diego", "US", admin1_codes={"TX"}).place.admin1_code == "TX"


def test_coordinates_narrow_to_the_nearest():
    village = GazetteerPlace.objects.get(pk=13156560)  # the village of Armavir
    choice = choose("Armavir", "AM", coordinates=(village.latitude, village.longitude))
    assert choice.place == village and choice.rule == "coordinates"
    far = choose("Armavir", "AM", coordinates=(Decimal("55.75"), Decimal("37.61")))
    assert far.place is None


def test_never_a_place_of_another_country():
    ukrainian = gazetteer_candidates(["Simferopol"], country="UA")
    assert ukrainian
    assert choose_place(ukrainian, name="Simferopol", country="RU").place is None
    assert choose("Tampere", "RU").place is None
