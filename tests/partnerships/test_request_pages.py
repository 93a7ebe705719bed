"""The officials' and the project office's pages of partnership requests."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import PartnershipRequest, RequestAttachment, RequestTransition
from tests.partnerships.conftest import form_data, make_request, upload
from tests.registry import municipality

Status = PartnershipRequest.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def official(client, volgograd_official):
    client.force_login(volgograd_official)
    return client


def test_an_official_submits_a_request_with_attachments(
    official, volgograd, volgograd_official, lahti, mailoutbox, alice
):
    response = official.post(
        reverse("partnerships:request_create"),
        {
            **form_data(partner_municipality=lahti.pk, partner_country=""),
            "letter_of_intent": upload("agreement.pdf", as_name="letter.pdf"),
            "council_decision": upload("letter.docx"),
            "other_documents": [upload("protocol.odt")],
            "save": "submit",
        },
    )
    request = PartnershipRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("partnerships:request_detail", args=[request.pk])
    assert request.status == Status.SUBMITTED
    assert request.municipality == volgograd
    assert request.partner_country.code == "FI"
    assert request.created_by == volgograd_official
    assert sorted(request.attachments.values_list("kind", flat=True)) == [
        "council_decision",
        "letter_of_intent",
        "other",
    ]
    assert RequestTransition.objects.get().action == "submit"


def test_a_draft_may_be_saved_half_written_and_submitted_later(official, volgograd_official, lahti):
    response = official.post(
        reverse("partnerships:request_create"),
        {**form_data(rationale="", first_steps="", areas=[]), "save": "draft"},
    )
    draft = PartnershipRequest.objects.get()
    assert response.status_code == 302
    assert draft.status == Status.DRAFT

    edit = reverse("partnerships:request_edit", args=[draft.pk])
    refused = official.post(edit, {**form_data(rationale="", areas=[]), "save": "submit"})
    assert refused.status_code == 200
    assert "rationale" in refused.context["form"].errors
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT

    official.post(edit, {**form_data(), "save": "submit"})
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_my_requests_lists_the_municipality_s_requests_only(
    official, volgograd, volgograd_official, boris, kazan, lahti, kemi
):
    colleague_request = make_request(volgograd, volgograd_official, partner_municipality=lahti)
    other = make_request(kazan, boris, partner_municipality=kemi)
    html = official.get(reverse("partnerships:request_list")).content.decode()
    assert reverse("partnerships:request_detail", args=[colleague_request.pk]) in html
    assert reverse("partnerships:request_detail", args=[other.pk]) not in html


def test_my_requests_runs_a_constant_number_of_queries(
    official, volgograd, volgograd_official, django_assert_num_queries
):
    finnish = [municipality("FI") for _ in range(30)]
    for partner in finnish:
        make_request(volgograd, volgograd_official, partner_municipality=partner)
    url = reverse("partnerships:request_list")
    official.get(url)
    # session, user, groups, profile, count, page
    with django_assert_num_queries(6):
        assert official.get(url).status_code == 200
    with django_assert_num_queries(6):
        official.get(url, {"status": "draft", "page": 2})


def test_the_request_page_shows_the_timeline_and_the_thread(
    official, volgograd, volgograd_official, lahti, alice
):
    from partnerships.services.requests import request_message_post, request_transition

    request = make_request(volgograd, volgograd_official, partner_municipality=lahti)
    request_transition(partnership_request=request, action="submit", by=volgograd_official)
    request_transition(
        partnership_request=request,
        action="request_information",
        by=alice,
        comment="Приложите решение совета.",
    )
    request_message_post(partnership_request=request, author=alice, body="Ждём документы.")
    html = official.get(reverse("partnerships:request_detail", args=[request.pk])).content.decode()
    assert "Приложите решение совета." in html
    assert "Ждём документы." in html
    assert "Ответить и отправить снова" in html  # the resubmit action


def test_an_official_answers_and_resubmits_from_the_edit_page(
    official, volgograd, volgograd_official, lahti
):
    request = make_request(
        volgograd,
        volgograd_official,
        partner_municipality=lahti,
        status=Status.NEEDS_INFORMATION,
    )
    edit = reverse("partnerships:request_edit", args=[request.pk])
    no_answer = official.post(
        edit, {**form_data(partner_municipality=lahti.pk), "save": "resubmit", "comment": ""}
    )
    assert no_answer.status_code == 200
    request.refresh_from_db()
    assert request.status == Status.NEEDS_INFORMATION

    official.post(
        edit,
        {
            **form_data(partner_municipality=lahti.pk, first_steps="Визит в мае."),
            "council_decision": upload("agreement.pdf"),
            "save": "resubmit",
            "comment": "Решение совета приложено.",
        },
    )
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    assert request.first_steps == "Визит в мае."
    assert request.transitions.get().comment == "Решение совета приложено."
    assert request.attachments.get().kind == "council_decision"


def test_a_submitted_request_cannot_be_edited(official, volgograd, volgograd_official, lahti):
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
    )
    edit = reverse("partnerships:request_edit", args=[request.pk])
    response = official.post(edit, {**form_data(rationale="Изменено"), "save": "draft"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.rationale != "Изменено"


def test_staff_take_actions_from_the_request_page(
    staff_client, volgograd, volgograd_official, lahti
):
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
    )
    page = staff_client.get(reverse("partnerships:request_review", args=[request.pk]))
    assert [t.action for t in page.context["actions"]] == [
        "start_review",
        "request_information",
        "approve",
        "reject",
    ]
    action = reverse("partnerships:request_review_transition", args=[request.pk])
    staff_client.post(action, {"action": "start_review"})
    response = staff_client.post(action, {"action": "approve", "comment": "Хорошо."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.APPROVED
    assert request.partnership.is_public is False


def test_staff_see_an_error_for_an_action_in_the_wrong_state(
    staff_client, volgograd, volgograd_official, lahti
):
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.APPROVED
    )
    action = reverse("partnerships:request_review_transition", args=[request.pk])
    response = staff_client.post(action, {"action": "reject", "comment": "Нет."}, follow=True)
    assert "невозможно" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.APPROVED


def test_staff_pick_the_partner_of_a_country_only_request(
    staff_client, volgograd, volgograd_official, lahti
):
    request = make_request(volgograd, volgograd_official, status=Status.UNDER_REVIEW)
    page = staff_client.get(reverse("partnerships:request_review", args=[request.pk]))
    assert page.context["partner_form"] is not None
    staff_client.post(
        reverse("partnerships:request_partner_pick", args=[request.pk]),
        {"partner_municipality": lahti.pk},
    )
    request.refresh_from_db()
    assert request.partner_municipality == lahti


def test_drafts_are_not_in_the_queue(staff_client, volgograd, volgograd_official, lahti):
    draft = make_request(volgograd, volgograd_official, partner_municipality=lahti)
    response = staff_client.get(reverse("partnerships:request_queue"))
    assert list(response.context["page"]) == []
    assert (
        staff_client.get(reverse("partnerships:request_review", args=[draft.pk])).status_code == 404
    )


@pytest.fixture
def queue(volgograd, volgograd_official, kazan, boris, lahti, kemi):
    now = timezone.now()
    old = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
    )
    PartnershipRequest.objects.filter(pk=old.pk).update(
        status_changed_at=now - datetime.timedelta(days=20)
    )
    german = make_request(
        kazan, boris, partner_country="DE", status=Status.UNDER_REVIEW, partner_region="Bayern"
    )
    decided = make_request(kazan, boris, partner_municipality=kemi, status=Status.REJECTED)
    return {"old": old, "german": german, "decided": decided}


def queue_pks(client, **params):
    response = client.get(reverse("partnerships:request_queue"), params)
    assert response.status_code == 200
    return {item.pk for item in response.context["page"]}


def test_the_queue_filters_by_status_country_region_and_age(staff_client, queue, kazan):
    assert queue_pks(staff_client) == {r.pk for r in queue.values()}
    assert queue_pks(staff_client, status=["submitted", "under_review"]) == {
        queue["old"].pk,
        queue["german"].pk,
    }
    assert queue_pks(staff_client, country="DE") == {queue["german"].pk}
    assert queue_pks(staff_client, region=kazan.federal_subject_id) >= {queue["german"].pk}
    assert queue_pks(staff_client, waiting=14) == {queue["old"].pk}
    assert queue_pks(staff_client, q="Лахти") == {queue["old"].pk}
    # As the directory searches: any case, Cyrillic included, on SQLite too.
    assert queue_pks(staff_client, q="лахти") == {queue["old"].pk}


def test_the_queue_runs_a_constant_number_of_queries(
    staff_client, volgograd, volgograd_official, django_assert_num_queries
):
    for _ in range(60):
        make_request(
            volgograd,
            volgograd_official,
            partner_municipality=municipality("FI"),
            status=Status.SUBMITTED,
        )
    url = reverse("partnerships:request_queue")
    staff_client.get(url)
    # session, user, groups, count, page, federal subjects of the region filter
    with django_assert_num_queries(6):
        assert staff_client.get(url).status_code == 200
    with django_assert_num_queries(6):
        staff_client.get(url, {"status": ["submitted"], "country": "FI", "page": 2})


def test_staff_export_the_filtered_queue_as_csv(staff_client, queue):
    response = staff_client.get(reverse("partnerships:request_queue_export"), {"country": "DE"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["№", "Статус", "Муниципалитет-заявитель"]
    assert len(rows) == 2
    assert rows[1][0] == str(queue["german"].pk)
    assert "Bayern" in rows[1][4]


def test_the_export_guards_typed_cells_against_spreadsheet_formulas(
    staff_client, volgograd, volgograd_official, lahti
):
    make_request(
        volgograd,
        volgograd_official,
        partner_municipality=lahti,
        status=Status.SUBMITTED,
        contact_name='=HYPERLINK("http://evil.example","Нажмите")',
    )
    response = staff_client.get(reverse("partnerships:request_queue_export"))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text and '"=HYPERLINK' not in text


def test_the_export_headers_follow_the_language(staff_client, queue):
    response = staff_client.get("/en" + reverse("partnerships:request_queue_export"))
    header = b"".join(response.streaming_content).decode("utf-8").splitlines()[0]
    assert header.lstrip("\ufeff").startswith("No.,Status,Applicant municipality")


def test_staff_download_an_attachment(staff_client, volgograd, volgograd_official, lahti):
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
    )
    attachment = RequestAttachment.objects.create(
        request=request, file=upload("agreement.pdf"), uploaded_by=volgograd_official
    )
    response = staff_client.get(reverse("partnerships:request_attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_privacy_page_exists_in_both_languages(client):
    russian = client.get(reverse("partnerships:privacy")).content.decode()
    assert "152-ФЗ" in russian
    english = client.get("/en" + reverse("partnerships:privacy")).content.decode()
    assert "No. 152-FZ" in english


def test_the_navigation_offers_to_submit_a_request(client):
    html = client.get("/").content.decode()
    assert reverse("partnerships:request_create") in html
