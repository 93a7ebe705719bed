"""The admin: staff edit entries with history; new attachments go to text extraction."""

import pytest
from django.urls import reverse

from knowledge.models import Entry, EntryAttachment

from .factories import EntryFactory, sample, theme

pytestmark = pytest.mark.django_db


def admin_form(**changes):
    data = {
        "kind": "article",
        "state": "published",
        "visibility": "public",
        "published_on": "2024-02-01",
        "title_ru": "Запись из админки",
        "title_en": "",
        "summary_ru": "",
        "summary_en": "",
        "body_ru": "Текст",
        "body_en": "",
        "themes": [theme("social").pk],
        "source": "",
        "source_url": "",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_staff_add_an_entry_with_a_file_in_the_admin(
    staff_client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:knowledge_entry_add"),
            {**admin_form(), "attachments-0-file": sample("protocol-ru.odt")},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = Entry.objects.get()
    assert entry.slug == "zapis-iz-adminki"
    assert entry.author == alice
    assert entry.first_published_at is not None
    attachment = entry.attachments.get()
    assert attachment.uploaded_by == alice
    assert attachment.extraction == EntryAttachment.Extraction.DONE


def test_admin_pages_and_history_open(staff_client):
    entry = EntryFactory()
    for url in (
        reverse("admin:knowledge_entry_changelist"),
        reverse("admin:knowledge_entry_change", args=[entry.pk]),
        reverse("admin:knowledge_entry_history", args=[entry.pk]),
        reverse("admin:knowledge_theme_changelist"),
    ):
        assert staff_client.get(url).status_code == 200, url


def test_project_office_staff_hold_the_knowledge_permissions(alice):
    assert alice.has_perm("knowledge.add_entry")
    assert alice.has_perm("knowledge.change_entryattachment")
    assert alice.has_perm("knowledge.view_theme")
