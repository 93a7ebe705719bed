"""Staff find municipalities written twice and merge them, and fill them from the gazetteer."""

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import FederalSubject, Municipality, Partnership
from tests.registry import municipality, tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def written_twice():
    subject = FederalSubject.objects.get(name_ru="Московская область")
    registered = municipality(
        "RU", name_ru="Троицк", name_en="", federal_subject=subject, oktmo="45953000"
    )
    imported = municipality("RU", name_ru="", name_en="Troitsk", federal_subject=subject)
    other_region = municipality(
        "RU",
        name_ru="Троицк",
        name_en="",
        federal_subject=FederalSubject.objects.get(name_ru="Челябинская область"),
    )
    return registered, imported, other_region


def test_staff_see_the_same_name_in_one_subject_as_a_suspected_duplicate(
    staff_client, written_twice
):
    registered, imported, _other_region = written_twice
    page = staff_client.get(reverse("admin:partnerships_municipality_duplicates"))
    groups = page.context["groups"]
    assert [[m.pk for m in group] for group in groups] == [[registered.pk, imported.pk]]


def test_two_records_of_different_places_are_never_suspected(staff_client):
    municipality("RU", name_ru="Советск", name_en="", geonames_id=490067)
    municipality("RU", name_ru="Советск", name_en="", geonames_id=490068)
    page = staff_client.get(reverse("admin:partnerships_municipality_duplicates"))
    assert page.context["groups"] == []


def test_merging_a_group_moves_ties_and_merges_colliding_ones(staff_client, written_twice):
    registered, imported, _other = written_twice
    berlin, lahti = municipality("DE"), municipality("FI")
    tie(registered, berlin, source="реестр")
    tie(imported, berlin, source="Wikipedia", is_public=True)
    tie(imported, lahti)
    response = staff_client.post(
        reverse("admin:partnerships_municipality_duplicates"),
        {"member": [registered.pk, imported.pk], "survivor": registered.pk},
    )
    assert response.status_code == 302
    assert not Municipality.objects.filter(pk=imported.pk).exists()
    assert Partnership.objects.filter(municipality_a=registered).count() == 2
    merged = Partnership.objects.get(municipality_b=berlin)
    assert merged.source == "реестр" and merged.is_public


def test_the_duplicates_page_is_closed_to_others(written_twice, olga, charlie):
    url = reverse("admin:partnerships_municipality_duplicates")
    for person in (olga, charlie, None):
        client = Client()
        if person:
            client.force_login(person)
        assert client.get(url).status_code == 302
        client.post(
            url, {"member": [m.pk for m in written_twice[:2]], "survivor": written_twice[0].pk}
        )
    assert Municipality.objects.filter(pk=written_twice[1].pk).exists()


def test_bad_merge_input_changes_nothing(staff_client, written_twice):
    url = reverse("admin:partnerships_municipality_duplicates")
    for data in ({"member": ["²", "x"], "survivor": "²"}, {"member": [written_twice[0].pk]}, {}):
        assert staff_client.post(url, data).status_code == 302
    assert Municipality.objects.count() == 3


def test_the_admin_action_fills_the_english_name_and_reports_a_duplicate(staff_client):
    kazan = municipality("RU", name_ru="Казань", name_en="", federal_subject=None)
    url = reverse("admin:partnerships_municipality_changelist")
    staff_client.post(url, {"action": "fill_from_gazetteer", "_selected_action": [kazan.pk]})
    kazan.refresh_from_db()
    assert (kazan.name_en, kazan.geonames_id) == ("Kazan", 551487)
    assert kazan.federal_subject.name_ru == "Республика Татарстан"
    twice = municipality("RU", name_ru="Казань", name_en="", federal_subject=kazan.federal_subject)
    response = staff_client.post(
        url, {"action": "fill_from_gazetteer", "_selected_action": [twice.pk]}, follow=True
    )
    assert (
        f"no. {kazan.pk}" in response.content.decode()
        or f"№ {kazan.pk}" in response.content.decode()
        or str(kazan.pk) in response.content.decode()
    )
    twice.refresh_from_db()
    assert twice.geonames_id is None
