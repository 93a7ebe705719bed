"""
Every staff view of the roadmap from the wrong side: anonymous visitors are
sent to sign in; a city official and a signed-in stranger get 403, whatever
the method; nothing changes.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from roadmap.models import CalendarToken, Milestone, MilestoneDocument
from tests.partnerships.conftest import upload
from tests.roadmap.conftest import make_milestone

pytestmark = pytest.mark.django_db
GET, POST = "get", "post"


@pytest.fixture
def records(overall, alice):
    milestone = make_milestone(overall, is_public=True, title_ru="Открытый этап")
    document = MilestoneDocument.objects.create(
        milestone=milestone, title="Программа", file=upload("agreement.pdf"), uploaded_by=alice
    )
    return {"milestone": milestone, "document": document}


def staff_urls(records):
    pk = records["milestone"].pk
    return [
        (GET, reverse("roadmap:milestone_create")),
        (POST, reverse("roadmap:milestone_create")),
        (GET, reverse("roadmap:milestone_edit", args=[pk])),
        (POST, reverse("roadmap:milestone_edit", args=[pk])),
        (GET, reverse("roadmap:milestone_delete", args=[pk])),
        (POST, reverse("roadmap:milestone_delete", args=[pk])),
        (POST, reverse("roadmap:document_create", args=[pk])),
        (GET, reverse("roadmap:document_download", args=[records["document"].pk])),
        (GET, reverse("roadmap:mine")),
        (POST, reverse("roadmap:calendar_reset")),
    ]


def call(client, method, url):
    data = {"title_ru": "Взлом", "planned_start_on": "2027-01-01", "roadmap": "1"}
    if method == POST:
        return client.post(url, {**data, "file": upload("agreement.pdf"), "title": "x"})
    return client.get(url)


def assert_nothing_changed(records):
    milestone = Milestone.objects.get(pk=records["milestone"].pk)
    assert milestone.title_ru == "Открытый этап"
    assert Milestone.objects.count() == 1
    assert MilestoneDocument.objects.count() == 1
    assert not CalendarToken.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, records):
    for method, url in staff_urls(records):
        response = call(client, method, url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse(settings.LOGIN_URL)), url
    assert_nothing_changed(records)


@pytest.mark.parametrize("who", ["official_client", "stranger_client"])
def test_officials_and_strangers_get_403(request, who, records):
    client = request.getfixturevalue(who)
    for method, url in staff_urls(records):
        assert call(client, method, url).status_code == 403, (who, method, url)
    assert_nothing_changed(records)


def test_staff_reach_every_page(staff_client, records):
    for method, url in staff_urls(records):
        if method == GET:
            assert staff_client.get(url).status_code == 200, url


def test_the_document_is_served_to_staff_as_a_protected_download(staff_client, records):
    response = staff_client.get(reverse("roadmap:document_download", args=[records["document"].pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"


def test_staff_upload_a_checked_document_and_a_bad_one_is_refused(staff_client, records):
    url = reverse("roadmap:document_create", args=[records["milestone"].pk])
    staff_client.post(url, {"title": "Отчёт", "file": upload("letter.docx")})
    assert MilestoneDocument.objects.filter(title="Отчёт").exists()
    response = staff_client.post(
        url, {"title": "Вирус", "file": upload("program.exe")}, follow=True
    )
    assert response.status_code == 200
    assert not MilestoneDocument.objects.filter(title="Вирус").exists()


def test_public_pages_are_open_to_everyone(official_client, records):
    from django.test import Client

    for who in (Client(), official_client):
        for url in (
            reverse("roadmap:index"),
            reverse("roadmap:timeline_all"),
            reverse("roadmap:calendar_all"),
            reverse("roadmap:print_all"),
            records["milestone"].get_absolute_url(),
        ):
            assert who.get(url).status_code == 200, url


def test_an_unknown_milestone_is_404_for_staff_too(staff_client, db):
    for name in ("milestone", "milestone_edit", "milestone_delete"):
        assert staff_client.get(reverse(f"roadmap:{name}", args=[999999])).status_code == 404
    assert staff_client.get(reverse("roadmap:document_download", args=[999999])).status_code == 404
