"""The staff page of one association and its quick forms."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from associations.models import ActivityAttachment, AssociationDocument, FollowUp, OutreachActivity
from tests.factories import ActivityFactory, AssociationFactory, ContactFactory, FollowUpFactory

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "uploads"


def upload(name, rename=None):
    return SimpleUploadedFile(rename or name, (SAMPLES / name).read_bytes())


@pytest.fixture
def association():
    return AssociationFactory(name_ru="Ассоциация городов Монголии", stage="in_dialogue")


def test_page_shows_timeline_contacts_and_open_follow_ups(staff_client, association, alice):
    ContactFactory(association=association, full_name="Батбаяр Доржийн")
    ActivityFactory(association=association, summary="Встреча на форуме в Улан-Баторе")
    FollowUpFactory(association=association, owner=alice, task="Отправить проект меморандума")
    FollowUpFactory(
        association=association, owner=alice, task="Уже сделано", done_at=timezone.now()
    )
    html = staff_client.get(reverse("associations:detail", args=[association.pk])).content.decode()
    assert "Батбаяр Доржийн" in html
    assert "Встреча на форуме в Улан-Баторе" in html
    assert "Отправить проект меморандума" in html
    assert "Уже сделано" not in html


def test_an_overdue_follow_up_is_marked_in_the_readers_language(staff_client, association, alice):
    FollowUpFactory(
        association=association,
        owner=alice,
        task="Напомнить о визите",
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    url = reverse("associations:detail", args=[association.pk])
    assert "· просрочена ·" in staff_client.get(url).content.decode()
    assert "· overdue ·" in staff_client.get("/en" + url).content.decode()


def test_page_runs_the_same_number_of_queries_however_long_the_timeline(
    staff_client, association, alice, django_assert_num_queries
):
    url = reverse("associations:detail", args=[association.pk])
    ActivityFactory.create_batch(2, association=association)
    staff_client.get(url)
    # 11 of the page's own, one each for the panels of other apps (urc_portal.panels):
    # the roadmap's milestones, the registry's member municipalities' ties and the
    # knowledge base's entries.
    with django_assert_num_queries(14):
        staff_client.get(url)
    ActivityFactory.create_batch(60, association=association)
    ContactFactory.create_batch(5, association=association)
    FollowUpFactory.create_batch(5, association=association, owner=alice)
    with django_assert_num_queries(14):
        response = staff_client.get(url)
    assert len(response.context["activities"]) == 20


def test_log_an_activity_with_attachments_by_plain_post(staff_client, association, alice):
    response = staff_client.post(
        reverse("associations:activity_create", args=[association.pk]),
        {
            "occurred_on": "2026-11-20",
            "kind": "meeting",
            "summary": "Встреча с генеральным секретарём",
            "attachments": [upload("agreement.pdf"), upload("photo.png")],
        },
    )
    assert response.status_code == 302
    activity = OutreachActivity.objects.get(association=association)
    assert activity.author == alice
    assert activity.attachments.count() == 2


def test_log_an_activity_by_htmx_returns_the_timeline_panel(staff_client, association):
    response = staff_client.post(
        reverse("associations:activity_create", args=[association.pk]),
        {"occurred_on": "2026-11-20", "kind": "call", "summary": "Созвон"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="timeline"')
    assert "Созвон" in html


@pytest.mark.parametrize("bad", ["program-renamed.pdf", "archive.zip", "pdf-named.docx"])
def test_a_bad_attachment_saves_nothing(staff_client, association, bad):
    response = staff_client.post(
        reverse("associations:activity_create", args=[association.pk]),
        {
            "occurred_on": "2026-11-20",
            "kind": "letter",
            "summary": "Письмо",
            "attachments": [upload(bad)],
        },
    )
    assert response.status_code == 200
    assert response.context["activity_form"].errors["attachments"]
    assert not OutreachActivity.objects.filter(association=association).exists()
    assert not ActivityAttachment.objects.exists()


def test_an_oversized_document_is_refused_with_a_message(staff_client, association, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = staff_client.post(
        reverse("associations:document_create", args=[association.pk]),
        {"kind": "agreement", "title": "Соглашение", "file": upload("agreement.pdf")},
    )
    assert "ограничение" in response.content.decode() or "limit" in response.content.decode()
    assert not AssociationDocument.objects.exists()


def test_upload_a_document_and_download_it_back(staff_client, association):
    staff_client.post(
        reverse("associations:document_create", args=[association.pk]),
        {
            "kind": "agreement",
            "title": "Соглашение о сотрудничестве",
            "file": upload("letter.docx"),
        },
    )
    document = AssociationDocument.objects.get(association=association)
    response = staff_client.get(reverse("associations:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (SAMPLES / "letter.docx").read_bytes()
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "wordprocessingml" in response["Content-Type"]


def test_schedule_and_complete_a_follow_up(staff_client, association, alice):
    due = timezone.localdate() + datetime.timedelta(days=7)
    response = staff_client.post(
        reverse("associations:follow_up_create", args=[association.pk]),
        {"task": "Согласовать даты визита", "due_on": due.isoformat(), "owner": alice.pk},
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(association=association)
    response = staff_client.post(reverse("associations:follow_up_complete", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None
    assert follow_up.done_by == alice


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("due_on", "1999-05-01"),
        ("due_on", "2199-01-01"),
        ("due_on", "31.02.2026"),
        ("owner", "official"),
    ],
)
def test_follow_up_form_errors_in_the_users_language(
    staff_client, association, alice, olga, field, value
):
    data = {"task": "Позвонить", "due_on": timezone.localdate().isoformat(), "owner": alice.pk}
    data[field] = olga.pk if value == "official" else value
    response = staff_client.post(
        reverse("associations:follow_up_create", args=[association.pk]), data
    )
    assert response.status_code == 200
    assert field in response.context["follow_up_form"].errors
    assert not FollowUp.objects.exists()


def test_stage_change_and_signing_date(staff_client, association):
    response = staff_client.post(
        reverse("associations:stage_change", args=[association.pk]),
        {"stage": "agreement_signed", "agreement_signed_on": "2026-10-01"},
    )
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.stage == "agreement_signed"
    assert association.agreement_signed_on == datetime.date(2026, 10, 1)
    assert association.history.first().history_user.email == "alice@example.org"


def test_signing_date_without_signed_stage_is_refused(staff_client, association):
    response = staff_client.post(
        reverse("associations:stage_change", args=[association.pk]),
        {"stage": "contacted", "agreement_signed_on": "2026-10-01"},
    )
    assert response.status_code == 200
    association.refresh_from_db()
    assert association.stage == "in_dialogue"
    assert association.agreement_signed_on is None
