"""The gazetteer in the admin: places to look up, and the aliases staff decided."""

import pytest
from django.urls import reverse

from gazetteer.models import CountryAlias, PlaceAlias

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["gazetteerplace", "countryalias", "placealias"])
def test_staff_open_the_gazetteer_admin_pages(staff_client, model):
    changelist = reverse(f"admin:gazetteer_{model}_changelist")
    assert staff_client.get(changelist).status_code == 200
    assert staff_client.get(changelist, {"q": "Волг"}).status_code == 200


def test_a_place_search_finds_names_in_either_script(staff_client):
    changelist = reverse("admin:gazetteer_gazetteerplace_changelist")
    page = staff_client.get(changelist, {"q": "волгогр"}).content.decode()
    assert "Volgograd" in page


def test_officials_and_strangers_cannot_open_them(official_client, client, charlie):
    changelist = reverse("admin:gazetteer_placealias_changelist")
    assert official_client.get(changelist).status_code == 302
    client.force_login(charlie)
    assert client.get(changelist).status_code == 302


def test_an_alias_remembers_who_decided_it_and_its_normalised_name(staff_client, alice):
    staff_client.post(
        reverse("admin:gazetteer_countryalias_add"),
        {"name": "Грециа", "country": "GR", "source": ""},
    )
    alias = CountryAlias.objects.get()
    assert (alias.normalized, alias.country.code, alias.created_by) == ("грециа", "GR", alice)
    PlaceAlias.objects.create(name="Wieden", country="AT", geonames_id=2761369)
    assert PlaceAlias.objects.get().normalized == "wieden"
