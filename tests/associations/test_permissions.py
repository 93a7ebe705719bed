"""Only project office staff reach the outreach pages; officials get 403, anonymous sign in."""

import pytest
from django.urls import reverse

from associations.models import ActivityAttachment, AssociationDocument, NationalAssociation
from tests.factories import ActivityFactory, AssociationFactory, FollowUpFactory

GET, POST = "get", "post"


@pytest.fixture
def records(alice, tmp_path):
    from django.core.files.base import ContentFile

    association = AssociationFactory()
    activity = ActivityFactory(association=association)
    attachment = ActivityAttachment.objects.create(
        activity=activity, file=ContentFile(b"%PDF-1.4 test", name="a.pdf")
    )
    document = AssociationDocument.objects.create(
        association=association,
        title="Соглашение",
        file=ContentFile(b"%PDF-1.4 test", name="d.pdf"),
    )
    follow_up = FollowUpFactory(association=association, owner=alice)
    return {
        "association": association,
        "attachment": attachment,
        "document": document,
        "follow_up": follow_up,
    }


def staff_urls(records):
    pk = records["association"].pk
    return [
        (GET, reverse("associations:pipeline")),
        (GET, reverse("associations:list")),
        (GET, reverse("associations:detail", args=[pk])),
        (POST, reverse("associations:activity_create", args=[pk])),
        (POST, reverse("associations:follow_up_create", args=[pk])),
        (POST, reverse("associations:stage_change", args=[pk])),
        (POST, reverse("associations:document_create", args=[pk])),
        (POST, reverse("associations:follow_up_complete", args=[records["follow_up"].pk])),
        (GET, reverse("associations:document_download", args=[records["document"].pk])),
        (GET, reverse("associations:attachment_download", args=[records["attachment"].pk])),
    ]


def test_anonymous_visitors_are_sent_to_sign_in_on_every_staff_url(client, records):
    for method, url in staff_urls(records):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_city_official_gets_403_on_every_staff_url_and_changes_nothing(official_client, records):
    for method, url in staff_urls(records):
        response = getattr(official_client, method)(
            url, {"stage": "declined", "task": "x", "summary": "x"}
        )
        assert response.status_code == 403, url
    records["follow_up"].refresh_from_db()
    assert records["follow_up"].done_at is None
    assert records["association"].activities.count() == 1
    assert NationalAssociation.objects.get(pk=records["association"].pk).stage == "prospect"


def test_signed_in_person_without_a_role_gets_403(stranger_client, records):
    for method, url in staff_urls(records):
        assert getattr(stranger_client, method)(url).status_code == 403, url


def test_staff_reach_every_page(staff_client, records):
    for method, url in staff_urls(records):
        if method == GET:
            assert staff_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_public_page_shows_only_associations_with_a_signed_agreement(client):
    signed = AssociationFactory(stage="agreement_signed", name_ru="Союз подписавших")
    prospect = AssociationFactory(stage="in_dialogue", name_ru="Союз в диалоге")
    assert client.get(reverse("associations:public_detail", args=[signed.pk])).status_code == 200
    assert client.get(reverse("associations:public_detail", args=[prospect.pk])).status_code == 404
    listing = client.get(reverse("associations:public_list")).content.decode()
    assert "Союз подписавших" in listing
    assert "Союз в диалоге" not in listing


@pytest.mark.django_db
def test_public_page_shows_nothing_of_the_pipeline(client, alice):
    signed = AssociationFactory(stage="agreement_signed")
    FollowUpFactory(association=signed, owner=alice, task="Секретная задача")
    ActivityFactory(association=signed, summary="Внутренняя переписка")
    html = client.get(reverse("associations:public_detail", args=[signed.pk])).content.decode()
    assert "Секретная задача" not in html
    assert "Внутренняя переписка" not in html
