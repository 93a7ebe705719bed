"""The map's data, the statistics and the home page: public ties only, cached until the next write."""

import datetime

import pytest
from django.urls import reverse

from tests.registry import municipality, tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def ties():
    volgograd = municipality("RU", name_ru="Волгоград", latitude=48.7, longitude=44.5)
    cologne = municipality("DE", name_ru="Кёльн", name_en="Cologne", latitude=50.9, longitude=6.9)
    kemi = municipality("FI", name_ru="Кеми", latitude=65.7, longitude=24.6)
    hidden = municipality("FI", name_ru="Секретный", latitude=60.0, longitude=25.0)
    return {
        "public": tie(
            volgograd, cologne, is_public=True, signed_on=datetime.date(1988, 1, 1), kind="twinning"
        ),
        "public2": tie(
            volgograd, kemi, is_public=True, signed_on=datetime.date(2005, 1, 1), kind="memorandum"
        ),
        "hidden": tie(volgograd, hidden, is_public=False),
        "volgograd": volgograd,
        "cologne": cologne,
    }


def test_map_data_lists_public_municipalities_with_their_tie_counts(client, ties):
    points = client.get(reverse("partnerships:map_data")).json()["points"]
    by_name = {p[3]: p for p in points}
    assert set(by_name) == {"Волгоград", "Кёльн", "Кеми"}
    assert by_name["Волгоград"][5] == 2
    assert by_name["Кёльн"][1:3] == [50.9, 6.9]


def test_map_data_follows_the_directory_filters(client, ties):
    points = client.get(reverse("partnerships:map_data"), {"country": "DE"}).json()["points"]
    assert {p[3] for p in points} == {"Волгоград", "Кёльн"}


def test_map_ties_of_a_city_for_its_lines(client, ties):
    url = reverse("partnerships:map_ties", args=[ties["volgograd"].pk])
    lines = client.get(url).json()["ties"]
    assert {line[1] for line in lines} == {ties["cologne"].pk, ties["public2"].municipality_b_id}


def test_map_data_is_cached_until_the_next_write(
    client, ties, django_assert_num_queries, django_capture_on_commit_callbacks
):
    url = reverse("partnerships:map_data")
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        tie(
            ties["volgograd"],
            municipality("KZ", name_ru="Актобе", latitude=50.3, longitude=57.2),
            is_public=True,
        )
    assert "Актобе" in client.get(url).content.decode()


def test_statistics_count_public_ties_only(client, ties):
    response = client.get(reverse("partnerships:statistics"))
    charts = response.context["charts"]
    assert dict(map(tuple, charts["data-by-year"])) == {1988: 1, 2005: 1}
    assert 'id="chart-data"' in response.content.decode()
    by_country = dict(response.context["by_country"])
    assert by_country == {"Германия": 1, "Финляндия": 1}
    with_partners = dict(response.context["with_partners"])
    assert with_partners["Финляндия"] == 1 and with_partners["Армения"] == 0
    assert "Секретный" not in response.content.decode()


def test_statistics_in_english(client, ties):
    response = client.get("/en" + reverse("partnerships:statistics"))
    assert "Ties by year signed" in response.content.decode()
    assert dict(response.context["by_country"]) == {"Germany": 1, "Finland": 1}


def test_home_shows_headline_numbers_and_latest_public_ties(client, ties):
    response = client.get("/")
    numbers = response.context["numbers"]
    assert numbers["ties"] == 2 and numbers["municipalities"] == 3 and numbers["countries"] == 2
    assert numbers["associations"] == 6
    html = response.content.decode()
    assert "Кёльн" in html and "Секретный" not in html
    assert reverse("partnerships:directory") in html and reverse("partnerships:map_data") in html
