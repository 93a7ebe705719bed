"""
The real-files import: a list scraped from Wikipedia (English names, countries as people write
them, districts, parts of cities, disputed towns) and the open register of Russian cities.
"""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from partnerships.models import FederalSubject, ImportJob, Municipality, Partnership
from partnerships.services.seeding import russian_cities_seed
from tests.registry import municipality

pytestmark = pytest.mark.django_db

FILES = Path(__file__).resolve().parent.parent / "data" / "imports"
WIKIPEDIA = FILES / "twin_cities_russia_wikipedia.csv"
PAIRS = [
    "--column",
    "city1=municipality",
    "--column",
    "country1=country",
    "--column",
    "city2=partner",
    "--column",
    "country2=partner_country",
]


def run(path, *args, command="import_partnerships"):
    try:
        call_command(command, str(path), *args)
    except SystemExit as stop:
        return stop.code
    return 0


def write(tmp_path, rows, header="city1,country1,city2,country2"):
    path = tmp_path / "ties.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def import_pairs(tmp_path, rows, *extra):
    report = tmp_path / "report.json"
    code = run(
        write(tmp_path, rows),
        *PAIRS,
        "--set-aside",
        "--create-missing",
        "--report",
        str(report),
        *extra,
    )
    return code, json.loads(report.read_text("utf-8"))


@pytest.fixture
def seeded():
    russian_cities_seed()


def test_the_register_seeds_every_city_once_with_its_gazetteer_place(seeded):
    assert Municipality.objects.filter(country="RU").count() == 1117
    moscow = Municipality.objects.get(name_ru="Москва")
    assert (moscow.name_en, moscow.geonames_id, moscow.kind) == ("Moscow", 524901, "federal_city")
    assert moscow.federal_subject.name_ru == "Москва" and moscow.oktmo
    sovetsks = Municipality.objects.filter(name_ru="Советск")
    assert sovetsks.count() == 3
    assert {s.federal_subject.name_ru for s in sovetsks} == {
        "Калининградская область",
        "Кировская область",
        "Тульская область",
    }
    assert not Municipality.objects.filter(federal_subject=None, country="RU").exists()
    # Again: nothing changes.
    report = russian_cities_seed()
    assert report.counts["unchanged"] == 1117


def test_the_wikipedia_file_finds_the_registry_and_never_doubles_moscow(seeded, tmp_path):
    report = tmp_path / "report.json"
    code = run(WIKIPEDIA, *PAIRS, "--set-aside", "--create-missing", "--report", str(report))
    assert code == 0
    counts = json.loads(report.read_text("utf-8"))
    assert (
        counts["rows"]
        == counts["written"] + counts["unchanged"] + counts["merged"] + counts["set_aside"]
    )
    assert counts["written"] > 500
    for name_en in ("Moscow", "Saint Petersburg", "Nizhniy Novgorod"):
        assert Municipality.objects.filter(country="RU", name_en=name_en).count() == 1
    assert Municipality.objects.filter(name_ru="Москва").count() == 1
    assert Municipality.objects.filter(name_ru="Санкт-Петербург").count() == 1
    moscow = Municipality.objects.get(name_ru="Москва")
    assert Partnership.objects.filter(municipality_a=moscow).count() >= 5
    # No placeholder city: every Russian municipality created is placed or has its own kind.
    created = Municipality.objects.filter(country="RU", oktmo=None)
    for place in created:
        assert place.federal_subject_id, place
        assert place.latitude is not None or place.kind != "city", place


def test_two_spellings_of_one_place_make_one_municipality(seeded, tmp_path):
    code, report = import_pairs(
        tmp_path, ["Baranavichy,Belarus,Ryazan,Russia", "Baranovichi,Belarus,Tula,Russia"]
    )
    assert code == 0 and report["written"] == 2
    assert Municipality.objects.filter(country="BY").count() == 1


def test_countries_as_people_write_them_are_read(seeded, tmp_path):
    _code, report = import_pairs(
        tmp_path,
        [
            'Coventry,"England, United Kingdom",Volgograd,Russia',
            "Tbilisi,Georgia (country),Saratov,Russia",
            "Chisinau,Moldavia,Kursk,Russia",
        ],
    )
    assert report["written"] == 3, report
    assert set(Municipality.objects.exclude(country="RU").values_list("country", flat=True)) == {
        "GB",
        "GE",
        "MD",
    }
    coventry = Municipality.objects.get(country="GB")
    assert coventry.region == "England" and coventry.latitude


def test_a_misspelt_country_is_set_aside_with_a_suggestion_never_applied(seeded, tmp_path):
    code, report = import_pairs(tmp_path, ["Almaty,Kazakhstah,Omsk,Russia"])
    assert code == 0 and report["written"] == 0
    row = ImportJob.objects.get().set_aside_rows.get()
    assert (row.reason, row.name) == ("unknown_country", "Kazakhstah")
    assert row.candidates == [{"country": "KZ"}]


def test_districts_regions_and_parts_of_cities_keep_their_kind(seeded, tmp_path):
    import_pairs(
        tmp_path,
        [
            "Gatchinsky District,Russia,Espoo,Finland",
            "Kaliningrad Oblast,Russia,Turku,Finland",
            "Kolpino (Saint Petersburg),Russia,Lahti,Finland",
            "Central AO (Moscow),Russia,Tampere,Finland",
        ],
    )
    subject = FederalSubject.objects.get
    gatchinsky = Municipality.objects.get(name_en="Gatchinsky District")
    assert (gatchinsky.kind, gatchinsky.federal_subject) == (
        "municipal_district",
        subject(name_ru="Ленинградская область"),
    )
    region = Municipality.objects.get(name_en="Kaliningrad Oblast")
    assert (region.kind, region.federal_subject) == (
        "region",
        subject(name_ru="Калининградская область"),
    )
    kolpino = Municipality.objects.get(name_en="Kolpino")
    assert kolpino.federal_subject == subject(name_ru="Санкт-Петербург") and kolpino.latitude
    assert not Municipality.objects.filter(name_en__contains="(").exists()
    okrug = Municipality.objects.get(name_en="Central AO")
    assert (okrug.kind, okrug.federal_subject) == ("intracity", subject(name_ru="Москва"))


def test_a_part_of_a_city_already_in_the_registry_is_not_created_again(seeded, tmp_path):
    spb = FederalSubject.objects.get(name_ru="Санкт-Петербург")
    kolpino = municipality("RU", name_ru="Колпино", name_en="", federal_subject=spb)
    import_pairs(tmp_path, ["Kolpino (Saint Petersburg),Russia,Lahti,Finland"])
    assert Municipality.objects.filter(federal_subject=spb, name_ru="Колпино").count() == 1
    assert Partnership.objects.get().municipality_a == kolpino


def test_disputed_towns_are_set_aside_with_both_readings(seeded, tmp_path):
    _code, report = import_pairs(
        tmp_path,
        [
            "Yalta,Ukraine,Lahti,Finland",
            "Sukhumi,Georgia,Sochi,Russia",
            "Sevastopol,Russia,Kemi,Finland",
        ],
    )
    reasons = {row["name"]: row["reason"] for row in report["set_aside_rows"]}
    assert reasons == {"Yalta": "disputed", "Sukhumi": "disputed"}
    yalta = ImportJob.objects.get().set_aside_rows.get(name="Yalta")
    assert "Crimea" in yalta.message and "Украина" in yalta.message
    # Sevastopol as the file names it (Russia) is the registry's: written.
    assert Partnership.objects.get().municipality_a.name_ru == "Севастополь"
    assert not Municipality.objects.filter(country="UA").exists()


def test_domestic_pairs_and_foreign_pairs_are_set_aside_each_with_its_reason(seeded, tmp_path):
    _code, report = import_pairs(
        tmp_path,
        ["Moscow,Russia,Saint Petersburg,Russia", "Lahti,Finland,Minsk,Belarus"],
    )
    assert [row["reason"] for row in report["set_aside_rows"]] == ["domestic_pair", "foreign_pair"]


def test_a_world_list_keeps_foreign_pairs_out_of_the_russian_view(seeded, tmp_path):
    _code, report = import_pairs(
        tmp_path,
        ["Lahti,Finland,Minsk,Belarus", "Kemi,Finland,Volgograd,Russia"],
        "--foreign-pairs",
        "--publish",
    )
    assert report["written"] == 2
    assert Partnership.objects.filter(is_public=True).count() == 2


def test_a_place_of_another_country_is_never_taken(seeded, tmp_path):
    _code, report = import_pairs(tmp_path, ["Tampere,Russia,Lahti,Finland"])
    row = report["set_aside_rows"][0]
    assert row["reason"] == "not_found" and row["name"] == "Tampere"
    assert not Municipality.objects.filter(name_en="Tampere").exists()


def test_the_russian_side_may_come_second(seeded, tmp_path):
    import_pairs(tmp_path, ["Lahti,Finland,Volgograd,Russia"])
    tie = Partnership.objects.get()
    assert tie.municipality_a.name_ru == "Волгоград" and tie.municipality_b.name_en == "Lahti"


def test_the_three_sovetsks_load_as_three_municipalities(tmp_path):
    path = tmp_path / "sovetsk.csv"
    path.write_text(
        "Название (рус.);Страна;Субъект РФ или регион;ОКТМО\n"
        "Советск;Россия;Калининградская обл.;27730000001\n"
        "Советск;Россия;Кировская обл.;33636101001\n"
        "Советск;Россия;Тульская обл.;70648104001\n",
        encoding="utf-8",
    )
    assert run(path, command="import_municipalities") == 0
    assert Municipality.objects.filter(name_ru="Советск").count() == 3
    assert Municipality.objects.filter(name_ru="Советск", geonames_id__isnull=False).count() == 3


def test_two_towns_of_one_oktmo_set_the_second_aside_without_an_error(tmp_path):
    path = tmp_path / "oktmo.csv"
    path.write_text(
        "Название (рус.);Страна;Субъект РФ или регион;ОКТМО\n"
        "Гаджиево;Россия;Мурманская обл.;47737000005\n"
        "Полярный;Россия;Мурманская обл.;47737000005\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.json"
    code = run(path, "--set-aside", "--report", str(report), command="import_municipalities")
    assert code == 0
    result = json.loads(report.read_text("utf-8"))
    assert (result["written"], result["set_aside"]) == (1, 1)
    assert result["set_aside_rows"][0]["reason"] == "oktmo_taken"


def test_ties_between_foreign_cities_stay_out_of_the_default_views(client, seeded, tmp_path):
    import_pairs(
        tmp_path,
        ["Lahti,Finland,Minsk,Belarus", "Kemi,Finland,Volgograd,Russia"],
        "--foreign-pairs",
        "--publish",
    )
    from django.urls import reverse

    directory = reverse("partnerships:directory")
    assert "Minsk" not in client.get(directory).content.decode()
    assert "Kemi" in client.get(directory).content.decode()
    world = client.get(directory, {"scope": "world"}).content.decode()
    assert "Minsk" in world and "Kemi" not in world
    assert "Minsk" in client.get(directory, {"scope": "all"}).content.decode()
    statistics = reverse("partnerships:statistics")
    assert client.get(statistics).context["figures"]["total"] == 1
    assert client.get(statistics, {"scope": "all"}).context["figures"]["total"] == 2
    assert client.get(statistics, {"scope": "%00"}).context["figures"]["total"] == 1
    assert client.get(reverse("home")).context["numbers"]["ties"] == 1
