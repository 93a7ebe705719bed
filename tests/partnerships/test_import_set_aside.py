"""
Rows set aside, resolved in the browser: one decision per name, remembered for the source
(or for every file), then the rows are written.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gazetteer.models import CountryAlias, PlaceAlias
from partnerships.models import ImportJob, Municipality, MunicipalityAlias, Partnership

pytestmark = pytest.mark.django_db

ROWS = [
    "city1,country1,city2,country2",
    "Armavir,Armenia,Shakhty,Russia",
    "Armavir,Armenia,Volgograd,Russia",
    "Almaty,Kazakhstah,Omsk,Russia",
    "Nigdestadt,Germany,Kazan,Russia",
    "Lahti,Finland,Kazan,Russia",
]
ARMAVIR_CITY = 616631


def upload(client, rows=ROWS, **options):
    data = {
        "file": SimpleUploadedFile("wiki.csv", ("\n".join(rows) + "\n").encode("utf-8")),
        "create_missing": "on",
        **options,
    }
    response = client.post(reverse("admin:partnerships_partnership_import"), data)
    job = ImportJob.objects.latest("pk")
    return response, job


def map_pairs(client, job):
    """The mapping step suggests city1/country1 and city2/country2 as the two sides."""
    page = client.get(reverse("admin:partnerships_partnership_import_mapping", args=[job.pk]))
    columns = {c["header"]: c["chosen"] for c in page.context["columns"]}
    assert columns == {
        "city1": "municipality",
        "country1": "country",
        "city2": "partner",
        "country2": "partner_country",
    }
    return client.post(
        reverse("admin:partnerships_partnership_import_mapping", args=[job.pk]),
        {f"column-{index}": key for index, key in enumerate(columns.values())},
    )


def imported(client, **options):
    _response, job = upload(client, **options)
    map_pairs(client, job)
    client.post(
        reverse("admin:partnerships_partnership_import_confirm", args=[job.pk]), {"publish": "on"}
    )
    job.refresh_from_db()
    return job


def groups_of(client, job):
    page = client.get(reverse("admin:partnerships_partnership_import_set_aside", args=[job.pk]))
    assert page.status_code == 200
    return {group["name"]: group for group in page.context["groups"]}, page


def decide(client, job, group, decision, value="", **extra):
    return client.post(
        reverse("admin:partnerships_partnership_import_set_aside", args=[job.pk]),
        {"group": group["key"], "decision": decision, "value": value, **extra},
    )


def test_the_placed_rows_are_written_and_the_others_wait_grouped_by_name(staff_client):
    job = imported(staff_client, source="Wikipedia")
    assert job.status == "succeeded"
    assert (job.counts["new"], job.counts["set_aside"]) == (1, 4)
    assert Partnership.objects.get().is_public
    groups, page = groups_of(staff_client, job)
    assert set(groups) == {"Armavir", "Kazakhstah", "Nigdestadt"}
    armavir = groups["Armavir"]
    assert armavir["count"] == 2 and armavir["reason"] == "ambiguous_place"
    assert [c["population"] for c in armavir["candidates"]] == [29_700, 3_428]
    text = page.content.decode()
    assert "Shakhty" in text and "29700" in text


def test_one_choice_of_a_place_writes_every_row_of_that_name(staff_client, alice):
    job = imported(staff_client, source="Wikipedia")
    groups, _page = groups_of(staff_client, job)
    decide(staff_client, job, groups["Armavir"], "place", ARMAVIR_CITY)
    alias = PlaceAlias.objects.get()
    assert (alias.normalized, alias.country.code, alias.geonames_id, alias.source) == (
        "armavir",
        "AM",
        ARMAVIR_CITY,
        "Wikipedia",
    )
    assert alias.created_by == alice
    assert Partnership.objects.filter(municipality_b__geonames_id=ARMAVIR_CITY).count() == 2
    job.refresh_from_db()
    assert (job.counts["new"], job.counts["set_aside"]) == (3, 2)
    groups, _page = groups_of(staff_client, job)
    assert "Armavir" not in groups


def test_a_country_decision_is_remembered_and_the_row_written(staff_client):
    job = imported(staff_client, source="Wikipedia")
    groups, _page = groups_of(staff_client, job)
    decide(staff_client, job, groups["Kazakhstah"], "country", "KZ", everywhere="on")
    assert CountryAlias.objects.get().source == ""
    assert Partnership.objects.filter(municipality_b__country="KZ").count() == 1


def test_a_municipality_created_by_hand_takes_the_rows(staff_client):
    job = imported(staff_client, source="Wikipedia")
    groups, _page = groups_of(staff_client, job)
    decide(
        staff_client,
        job,
        groups["Nigdestadt"],
        "create",
        name_ru="",
        name_en="Nigdestadt",
        kind="town",
        country="DE",
        latitude="51.1",
        longitude="10.2",
    )
    created = Municipality.objects.get(name_en="Nigdestadt")
    assert MunicipalityAlias.objects.get().municipality == created
    assert Partnership.objects.filter(municipality_b=created).count() == 1


def test_skipped_rows_stay_on_the_job_and_in_the_rows_to_fix(staff_client):
    job = imported(staff_client, source="Wikipedia")
    groups, _page = groups_of(staff_client, job)
    decide(staff_client, job, groups["Nigdestadt"], "skip")
    assert job.set_aside_rows.get(name="Nigdestadt").status == "skipped"
    rows = staff_client.get(reverse("admin:partnerships_partnership_import_errors", args=[job.pk]))
    text = rows.content.decode("utf-8-sig")
    assert "Nigdestadt" in text and "Armavir" in text


def test_decisions_hold_for_the_next_file_of_the_same_source_only(staff_client):
    def previewed(source):
        _response, job = upload(staff_client, source=source)
        map_pairs(staff_client, job)
        return job

    first = previewed("Wikipedia")
    groups, _page = groups_of(staff_client, first)
    decide(staff_client, first, groups["Armavir"], "place", ARMAVIR_CITY)
    assert not previewed("Wikipedia").set_aside_rows.filter(name="Armavir").exists()
    assert previewed("Another list").set_aside_rows.filter(name="Armavir").count() == 2
    PlaceAlias.objects.update(source="")
    assert not previewed("Another list").set_aside_rows.filter(name="Armavir").exists()


def test_a_decision_on_the_preview_places_the_rows_before_anything_is_written(staff_client):
    _response, job = upload(staff_client, source="Wikipedia")
    map_pairs(staff_client, job)
    job.refresh_from_db()
    groups, _page = groups_of(staff_client, job)
    response = decide(staff_client, job, groups["Armavir"], "place", ARMAVIR_CITY)
    assert response["Location"].endswith(f"/import/{job.pk}/preview/")
    job.refresh_from_db()
    assert job.status == "previewed" and job.counts["set_aside"] == 2
    assert Partnership.objects.count() == 0


def test_a_place_not_among_the_candidates_country_is_refused(staff_client):
    job = imported(staff_client, source="Wikipedia")
    groups, _page = groups_of(staff_client, job)
    volgograd = 472757
    response = decide(staff_client, job, groups["Armavir"], "place", volgograd)
    assert response.status_code == 302
    assert not PlaceAlias.objects.exists()
    for junk in ("", "²", "x" * 50, "-1"):
        decide(staff_client, job, groups["Armavir"], "place", junk)
        decide(staff_client, job, groups["Armavir"], "country", junk)
        decide(staff_client, job, groups["Armavir"], "municipality", junk)
    decide(staff_client, job, {"key": "nonsense"}, "skip")
    assert not PlaceAlias.objects.exists() and job.set_aside_rows.filter(status="open").count() == 4


def test_the_preview_shows_each_rows_cells_and_outcome_in_words(staff_client):
    _response, job = upload(staff_client, source="Wikipedia")
    map_pairs(staff_client, job)
    preview = staff_client.get(
        reverse("admin:partnerships_partnership_import_preview", args=[job.pk])
    )
    text = preview.content.decode()
    assert "Lahti" in text and "Finland" in text
    assert "побратимство" in text
    assert "Kazakhstah" in text and "KZ" in text
    assert "Опубликовать" in text or "Publish" in text


def test_only_staff_reach_the_rows_set_aside(staff_client, olga, charlie):
    job = imported(staff_client, source="Wikipedia")
    url = reverse("admin:partnerships_partnership_import_set_aside", args=[job.pk])
    for person in (olga, charlie, None):
        client = Client()
        if person:
            client.force_login(person)
        assert client.get(url).status_code == 302
        assert client.post(url, {"decision": "skip", "group": "x"}).status_code == 302
    assert job.set_aside_rows.filter(status="open").count() == 4
