"""Municipality and tie pages, the staff form with the gazetteer, and the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import Municipality
from tests.registry import municipality, tie

pytestmark = pytest.mark.django_db


def test_the_public_sees_public_ties_only(client):
    volgograd = municipality("RU", name_ru="Волгоград")
    tie(volgograd, municipality("FI", name_ru="Кеми"), is_public=True)
    tie(volgograd, municipality("FI", name_ru="Лахти"), is_public=False)
    html = client.get(volgograd.get_absolute_url()).content.decode()
    assert "Кеми" in html
    assert "Лахти" not in html


def test_staff_see_every_tie_marked(staff_client):
    volgograd = municipality("RU")
    tie(volgograd, municipality("FI", name_ru="Лахти"), is_public=False)
    html = staff_client.get(volgograd.get_absolute_url()).content.decode()
    assert "Лахти" in html and "не публикуется" in html


def test_pages_without_public_ties_do_not_exist_for_the_public(client):
    hidden = tie(is_public=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(hidden.municipality_a.get_absolute_url()).status_code == 404


def test_staff_add_a_municipality_from_the_gazetteer_without_javascript(staff_client):
    url = reverse("partnerships:municipality_create")
    search = staff_client.get(url, {"q": "Волгоград"})
    volgograd = next(s for s in search.context["results"] if s.place.name == "Volgograd")
    picked = staff_client.get(url, {"q": "Волгоград", "place": volgograd.place.geonames_id})
    form = picked.context["form"]
    assert form.initial["name_en"] == "Volgograd"
    assert form.initial["federal_subject"] is not None
    # The Russian name is offered for confirmation, not filled in.
    assert "name_ru" not in form.initial
    assert "Волгоград" in picked.content.decode()
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update({"name_ru": "Волгоград", "kind": "urban_okrug"})
    response = staff_client.post(url, data)
    created = Municipality.objects.get(geonames_id=volgograd.place.geonames_id)
    assert response.status_code == 302
    assert created.name_ru == "Волгоград"
    assert created.country.code == "RU"


def test_the_municipality_form_is_for_staff_only(official_client):
    url = reverse("partnerships:municipality_create")
    assert official_client.get(url).status_code == 403
    assert Client().get(url).status_code == 302


@pytest.mark.parametrize(
    "model", ["municipality", "partnership", "federalsubject", "officialprofile"]
)
def test_admin_pages_open(staff_client, model):
    tie(municipality("RU", name_ru="Волгоград"), municipality("FI", name_en="Kemi"))
    changelist = reverse(f"admin:partnerships_{model}_changelist")
    assert staff_client.get(changelist).status_code == 200
    assert staff_client.get(changelist, {"q": "Волг"}).status_code == 200


def test_admin_finds_municipalities_in_either_language(staff_client):
    municipality("RU", name_ru="Волгоград", name_en="Volgograd")
    changelist = reverse("admin:partnerships_municipality_changelist")
    for query in ("волгоград", "Volgograd"):
        assert "Волгоград" in staff_client.get(changelist, {"q": query}).content.decode()


def test_admin_change_form_has_the_gazetteer_lookup_and_history(staff_client):
    city = municipality("RU", name_ru="Волгоград")
    page = staff_client.get(reverse("admin:partnerships_municipality_change", args=[city.pk]))
    assert "gazetteer-lookup" in page.content.decode()
    assert (
        staff_client.get(
            reverse("admin:partnerships_municipality_history", args=[city.pk])
        ).status_code
        == 200
    )


def test_tie_documents_are_for_staff_only(client, official_client, tmp_path):
    from django.core.files.base import ContentFile

    from partnerships.models import PartnershipDocument

    document = PartnershipDocument.objects.create(
        partnership=tie(is_public=True),
        title="Соглашение",
        file=ContentFile(b"%PDF-1.4 x", name="a.pdf"),
    )
    url = reverse("partnerships:document_download", args=[document.pk])
    assert official_client.get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_an_association_page_lists_its_members_public_ties(client):
    from associations.models import NationalAssociation

    finland = NationalAssociation.objects.get(country="FI")
    lahti = municipality("FI", name_ru="Лахти")
    lahti.associations.add(finland)
    tie(municipality("RU", name_ru="Казань"), lahti, is_public=True)
    tie(municipality("RU", name_ru="Секретный город"), lahti, is_public=False)
    html = client.get(finland.get_public_url()).content.decode()
    assert "Казань" in html and "Лахти" in html
    assert "Секретный город" not in html


def test_the_data_sources_page_names_each_source_and_licence(client):
    page = client.get(reverse("partnerships:data_sources")).content.decode()
    for source in ("GeoNames", "CC BY 4.0", "hflabs/city", "CC BY-SA 4.0", "CLDR", "Natural Earth"):
        assert source in page
    assert reverse("partnerships:data_sources") in client.get(reverse("home")).content.decode()


def test_a_municipality_from_the_register_credits_it(client):
    city = municipality("RU", name_ru="Камышин", oktmo="18715000001", geonames_id=545728)
    tie(city, municipality("FI"), is_public=True)
    page = client.get(city.get_absolute_url()).content.decode()
    assert "hflabs/city" in page and "GeoNames" in page
