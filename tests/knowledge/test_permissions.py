"""Writing is for project office staff: anonymous visitors sign in, everyone else gets 403."""

import pytest
from django.urls import reverse

from knowledge.models import Entry, EntryAttachment

from .factories import EntryFactory, sample

pytestmark = pytest.mark.django_db

GET, POST = "get", "post"


@pytest.fixture
def entry():
    return EntryFactory(title_ru="Неизменное название")


def staff_urls(entry):
    return [
        (GET, reverse("knowledge:entry_create")),
        (POST, reverse("knowledge:entry_create")),
        (GET, reverse("knowledge:entry_edit", args=[entry.slug])),
        (POST, reverse("knowledge:entry_edit", args=[entry.slug])),
        (POST, reverse("knowledge:preview")),
    ]


def attempt(client, method, url):
    return getattr(client, method)(url, {"title_ru": "Взлом", "body_ru": "x", "state": "draft"})


def test_anonymous_visitors_are_sent_to_sign_in(client, entry):
    for method, url in staff_urls(entry):
        response = attempt(client, method, url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize("who", ["official_client", "stranger_client"])
def test_officials_and_strangers_get_403_and_change_nothing(request, who, entry):
    client = request.getfixturevalue(who)
    for method, url in staff_urls(entry):
        assert attempt(client, method, url).status_code == 403, url
    entry.refresh_from_db()
    assert entry.title_ru == "Неизменное название"
    assert Entry.objects.count() == 1


def test_preview_only_answers_post(staff_client):
    assert staff_client.get(reverse("knowledge:preview")).status_code == 405


@pytest.mark.parametrize("who", ["client", "official_client", "stranger_client"])
def test_files_of_hidden_entries_are_404_outside_the_office(request, who):
    client = request.getfixturevalue(who)
    public = EntryFactory()
    for hidden in (EntryFactory(draft=True), EntryFactory(staff_only=True)):
        attachment = EntryAttachment.objects.create(entry=hidden, file=sample("report-ru.pdf"))
        url = reverse("knowledge:attachment_download", args=[attachment.pk])
        assert client.get(url).status_code == 404
    shown = EntryAttachment.objects.create(entry=public, file=sample("report-ru.pdf"))
    response = client.get(reverse("knowledge:attachment_download", args=[shown.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_staff_download_files_of_drafts(staff_client):
    attachment = EntryAttachment.objects.create(
        entry=EntryFactory(draft=True), file=sample("report-ru.pdf")
    )
    url = reverse("knowledge:attachment_download", args=[attachment.pk])
    assert staff_client.get(url).status_code == 200


def test_missing_entry_and_file_are_404(client):
    assert client.get(reverse("knowledge:entry", args=["nope"])).status_code == 404
    assert client.get(reverse("knowledge:attachment_download", args=[999])).status_code == 404


def test_staff_edit_link_only_for_staff(client, staff_client):
    entry = EntryFactory()
    edit = reverse("knowledge:entry_edit", args=[entry.slug])
    assert edit in staff_client.get(entry.get_absolute_url()).content.decode()
    from django.test import Client

    assert edit not in Client().get(entry.get_absolute_url()).content.decode()
