"""The roadmap's sections on association, municipality and tie pages (public ones to the public)."""

import pytest
from django.urls import reverse

from associations.models import NationalAssociation
from tests.registry import tie
from tests.roadmap.conftest import make_milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(overall, volgograd, lahti):
    pair = tie(volgograd, lahti, is_public=True)
    partner = NationalAssociation.objects.get(name_ru="Союз общин Республики Армения")
    partner.stage = NationalAssociation.Stage.AGREEMENT_SIGNED
    partner.save()
    public = make_milestone(
        overall,
        title_ru="Открытый визит",
        is_public=True,
        municipalities=[volgograd, lahti],
        partnerships=[pair],
        associations=[partner],
    )
    hidden = make_milestone(
        overall,
        title_ru="Закрытое совещание",
        municipalities=[volgograd],
        partnerships=[pair],
        associations=[partner],
    )
    return {"tie": pair, "association": partner, "public": public, "hidden": hidden}


def pages(linked, volgograd):
    return [
        reverse("associations:public_detail", args=[linked["association"].pk]),
        volgograd.get_absolute_url(),
        linked["tie"].get_absolute_url(),
    ]


def test_the_public_sees_the_public_milestones_of_each_page(client, linked, volgograd):
    for url in pages(linked, volgograd):
        text = client.get(url).content.decode()
        assert "В дорожной карте" in text, url
        assert "Открытый визит" in text and linked["public"].get_absolute_url() in text, url
        assert "Закрытое совещание" not in text, url


def test_staff_see_every_milestone_with_the_unpublished_marked(staff_client, linked, volgograd):
    urls = [
        *pages(linked, volgograd),
        reverse("associations:detail", args=[linked["association"].pk]),
    ]
    for url in urls:
        text = staff_client.get(url).content.decode()
        assert "Открытый визит" in text and "Закрытое совещание" in text, url
        assert "не публикуется" in text, url


def test_a_roadmap_made_for_an_association_lists_on_its_page(
    staff_client, finnish_roadmap, finnish_association
):
    make_milestone(finnish_roadmap, title_ru="Этап финской карты")
    text = staff_client.get(
        reverse("associations:detail", args=[finnish_association.pk])
    ).content.decode()
    assert "Этап финской карты" in text


def test_a_page_without_milestones_gets_no_section(staff_client, volgograd, lahti):
    from django.test import Client

    pair = tie(volgograd, lahti, is_public=True)
    for who in (Client(), staff_client):
        assert "В дорожной карте" not in who.get(pair.get_absolute_url()).content.decode()


def test_a_long_list_links_to_the_roadmap_filtered(staff_client, overall, volgograd):
    for _ in range(12):
        make_milestone(overall, municipalities=[volgograd])
    text = staff_client.get(volgograd.get_absolute_url()).content.decode()
    assert f"{reverse('roadmap:index')}?municipality={volgograd.pk}" in text
