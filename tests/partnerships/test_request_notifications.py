"""Every transition and message e-mails the other side, each person in their own language."""

import pytest
from django.urls import reverse

from accounts.roles import CITY_OFFICIAL, PROJECT_OFFICE_STAFF
from partnerships.models import PartnershipRequest
from partnerships.services.requests import request_message_post, request_transition
from tests.conftest import make_user
from tests.partnerships.conftest import approve, form_data, make_request

Status = PartnershipRequest.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(db, password):
    """A second staff member, who reads Russian."""
    return make_user(
        "anna@example.org",
        password,
        group=PROJECT_OFFICE_STAFF,
        full_name="Анна Смирнова",
        preferred_language="ru",
    )


@pytest.fixture
def pavel(db, password, volgograd):
    """Olga's colleague at Volgograd city hall, who prefers English."""
    user = make_user(
        "pavel@example.org",
        password,
        group=CITY_OFFICIAL,
        full_name="Pavel Sokolov",
        preferred_language="en",
    )
    approve(user, volgograd)
    return user


@pytest.fixture
def request_(volgograd, volgograd_official, lahti):
    return make_request(volgograd, volgograd_official, partner_municipality=lahti)


def act(capture, request, action, by, comment=""):
    with capture(execute=True):
        return request_transition(
            partnership_request=request, action=action, by=by, comment=comment
        )


def by_recipient(mailoutbox):
    return {message.to[0]: message for message in mailoutbox}


def test_a_submission_e_mails_every_staff_member_in_their_language(
    request_, volgograd_official, alice, anna, pavel, mailoutbox, django_capture_on_commit_callbacks
):
    act(django_capture_on_commit_callbacks, request_, "submit", volgograd_official)
    sent = by_recipient(mailoutbox)
    assert set(sent) == {"alice@example.org", "anna@example.org"}
    english, russian = sent["alice@example.org"], sent["anna@example.org"]
    assert f"Request no. {request_.pk}: submitted" in english.subject
    assert "submitted partnership request no." in english.body
    assert f"/en/review/requests/{request_.pk}/" in english.body
    assert f"Заявка № {request_.pk}: отправлена" in russian.subject
    assert "отправил(а) заявку на партнёрство" in russian.body
    assert f"/review/requests/{request_.pk}/" in russian.body and "/en/" not in russian.body


def test_a_staff_action_e_mails_the_municipality_s_officials_in_their_language(
    request_,
    volgograd_official,
    pavel,
    boris,
    alice,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    act(django_capture_on_commit_callbacks, request_, "submit", volgograd_official)
    mailoutbox.clear()
    act(
        django_capture_on_commit_callbacks,
        request_,
        "request_information",
        alice,
        "Приложите решение совета.",
    )
    sent = by_recipient(mailoutbox)
    assert set(sent) == {"olga@example.org", "pavel@example.org"}
    assert "Проектному офису нужны дополнительные сведения" in sent["olga@example.org"].body
    assert "Приложите решение совета." in sent["olga@example.org"].body
    assert f"/requests/{request_.pk}/" in sent["olga@example.org"].body
    assert "needs more information" in sent["pavel@example.org"].body
    assert f"/en/requests/{request_.pk}/" in sent["pavel@example.org"].body


def test_approval_tells_the_officials_the_tie_is_planned_and_not_yet_public(
    request_, volgograd_official, alice, mailoutbox, django_capture_on_commit_callbacks
):
    act(django_capture_on_commit_callbacks, request_, "submit", volgograd_official)
    mailoutbox.clear()
    act(django_capture_on_commit_callbacks, request_, "approve", alice)
    (message,) = mailoutbox
    assert message.to == ["olga@example.org"]
    assert "одобрил заявку" in message.body and "как планируемое" in message.body


def test_once_reviewed_the_official_s_answers_go_to_the_reviewer_only(
    request_, volgograd_official, alice, anna, mailoutbox, django_capture_on_commit_callbacks
):
    act(django_capture_on_commit_callbacks, request_, "submit", volgograd_official)
    act(django_capture_on_commit_callbacks, request_, "start_review", anna)
    act(django_capture_on_commit_callbacks, request_, "request_information", anna, "Уточните.")
    mailoutbox.clear()
    act(django_capture_on_commit_callbacks, request_, "resubmit", volgograd_official, "Готово.")
    assert [m.to[0] for m in mailoutbox] == ["anna@example.org"]


def test_withdrawing_a_draft_that_was_never_sent_e_mails_no_one(
    request_, volgograd_official, alice, mailoutbox, django_capture_on_commit_callbacks
):
    act(django_capture_on_commit_callbacks, request_, "withdraw", volgograd_official)
    assert mailoutbox == []


def test_closed_accounts_get_no_e_mail(
    request_, volgograd_official, pavel, alice, mailoutbox, django_capture_on_commit_callbacks
):
    pavel.is_active = False
    pavel.save()
    act(django_capture_on_commit_callbacks, request_, "submit", volgograd_official)
    mailoutbox.clear()
    act(django_capture_on_commit_callbacks, request_, "start_review", alice)
    assert [m.to[0] for m in mailoutbox] == ["olga@example.org"]


def test_a_message_e_mails_the_other_side(
    request_, volgograd_official, alice, mailoutbox, django_capture_on_commit_callbacks
):
    act(django_capture_on_commit_callbacks, request_, "submit", volgograd_official)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_message_post(
            partnership_request=request_, author=alice, body="Какие даты визита удобны?"
        )
    (to_official,) = mailoutbox
    assert to_official.to == ["olga@example.org"]
    assert "Какие даты визита удобны?" in to_official.body
    assert "новое сообщение" in to_official.subject
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_message_post(
            partnership_request=request_, author=volgograd_official, body="Май подойдёт."
        )
    (to_staff,) = mailoutbox
    assert to_staff.to == ["alice@example.org"]
    assert "a new message" in to_staff.subject


def test_a_refused_submission_sends_nothing(
    client, volgograd_official, alice, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(volgograd_official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partnerships:request_create"),
            {**form_data(rationale="", areas=[]), "save": "submit"},
        )
    assert response.status_code == 200
    assert mailoutbox == []
    assert not PartnershipRequest.objects.exists()


def test_a_submission_through_the_form_e_mails_staff_after_commit(
    client, volgograd_official, alice, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(volgograd_official)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("partnerships:request_create"), {**form_data(), "save": "submit"})
    assert mailoutbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert [m.to[0] for m in mailoutbox] == ["alice@example.org"]
