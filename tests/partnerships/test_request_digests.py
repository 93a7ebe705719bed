"""Staff's daily digest of requests waiting too long: each request at most once a day."""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.roles import PROJECT_OFFICE_STAFF
from partnerships.models import PartnershipRequest
from partnerships.services import requests as services
from partnerships.services.requests import request_waiting_digests_send
from partnerships.tasks import send_request_digests
from reminders.models import ReminderLog
from tests.conftest import make_user
from tests.partnerships.conftest import make_request
from tests.registry import municipality

TODAY = datetime.date(2026, 11, 25)
Status = PartnershipRequest.Status


@pytest.fixture
def anna(db, password):
    return make_user(
        "anna@example.org", password, group=PROJECT_OFFICE_STAFF, preferred_language="ru"
    )


@pytest.fixture(autouse=True)
def five_days(settings):
    settings.PARTNERSHIP_REQUEST_DIGEST_AFTER_DAYS = 5


def waiting(volgograd, official, *, days, status=Status.SUBMITTED, **fields):
    """A request whose status last changed ``days`` days before TODAY, at noon."""
    request = make_request(
        volgograd,
        official,
        status=status,
        partner_municipality=fields.pop("partner", None) or municipality("FI"),
        **fields,
    )
    moment = timezone.make_aware(
        datetime.datetime.combine(TODAY - datetime.timedelta(days=days), datetime.time(12))
    )
    PartnershipRequest.objects.filter(pk=request.pk).update(status_changed_at=moment)
    return request


def send(capture, today=TODAY):
    with capture(execute=True):
        return request_waiting_digests_send(today=today)


def test_staff_get_one_digest_each_of_requests_waiting_too_long(
    volgograd, volgograd_official, alice, anna, mailoutbox, django_capture_on_commit_callbacks
):
    old = waiting(volgograd, volgograd_official, days=6)
    reviewing = waiting(volgograd, volgograd_official, days=9, status=Status.UNDER_REVIEW)
    waiting(volgograd, volgograd_official, days=5)  # exactly five days: not yet "more than"
    waiting(volgograd, volgograd_official, days=30, status=Status.NEEDS_INFORMATION)
    waiting(volgograd, volgograd_official, days=30, status=Status.APPROVED)

    assert send(django_capture_on_commit_callbacks) == {"digests": 2, "requests": 2}
    sent = {m.to[0]: m for m in mailoutbox}
    english, russian = sent["alice@example.org"], sent["anna@example.org"]
    assert "2 partnership requests wait for the project office" in english.subject
    assert f"No. {old.pk}" in english.body and f"No. {reviewing.pk}" in english.body
    assert f"/en/review/requests/{old.pk}/" in english.body
    assert "2 заявки на партнёрство ждут проектный офис" in russian.subject
    assert f"№ {old.pk}" in russian.body
    assert f"/review/requests/{old.pk}/" in russian.body and "/en/" not in russian.body


def test_a_second_run_the_same_day_sends_nothing(
    volgograd, volgograd_official, alice, mailoutbox, django_capture_on_commit_callbacks
):
    waiting(volgograd, volgograd_official, days=10)
    send(django_capture_on_commit_callbacks)
    assert send(django_capture_on_commit_callbacks) == {"digests": 0, "requests": 0}
    assert len(mailoutbox) == 1


def test_the_next_day_a_request_still_waiting_is_listed_again(
    volgograd, volgograd_official, alice, mailoutbox, django_capture_on_commit_callbacks
):
    waiting(volgograd, volgograd_official, days=10)
    send(django_capture_on_commit_callbacks)
    send(django_capture_on_commit_callbacks, TODAY + datetime.timedelta(days=1))
    assert len(mailoutbox) == 2


def test_a_request_that_moves_on_is_no_longer_listed(
    volgograd, volgograd_official, alice, mailoutbox, django_capture_on_commit_callbacks
):
    request = waiting(volgograd, volgograd_official, days=10, status=Status.UNDER_REVIEW)
    PartnershipRequest.objects.filter(pk=request.pk).update(status=Status.APPROVED)
    assert send(django_capture_on_commit_callbacks) == {"digests": 0, "requests": 0}
    assert mailoutbox == []


def test_the_threshold_is_configurable(
    settings, volgograd, volgograd_official, alice, django_capture_on_commit_callbacks
):
    settings.PARTNERSHIP_REQUEST_DIGEST_AFTER_DAYS = 1
    waiting(volgograd, volgograd_official, days=2)
    assert send(django_capture_on_commit_callbacks)["requests"] == 1


def test_a_rolled_back_digest_is_sent_by_the_next_run(
    volgograd,
    volgograd_official,
    alice,
    mailoutbox,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    waiting(volgograd, volgograd_official, days=10)

    def broken_queue(**kwargs):
        raise RuntimeError("mail template broke")

    monkeypatch.setattr(services, "queue_templated_email", broken_queue)
    with pytest.raises(RuntimeError):
        send(django_capture_on_commit_callbacks)
    assert not ReminderLog.objects.exists()
    monkeypatch.undo()
    send(django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_the_command_and_the_task_run_the_same_job(
    volgograd, volgograd_official, alice, mailoutbox, django_capture_on_commit_callbacks, capsys
):
    waiting(volgograd, volgograd_official, days=10)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_request_digests")
    assert "1 digest(s) queued, listing 1 request(s)" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        assert send_request_digests.delay().get() == {"digests": 0, "requests": 0}
    assert len(mailoutbox) == 1


def test_the_daily_schedule_is_set_from_settings(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["partnership-request-digests"]
    assert entry["task"] == "partnerships.tasks.send_request_digests"
    assert entry["schedule"].hour == {settings.PARTNERSHIP_REQUEST_DIGEST_HOUR}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_runs_list_each_request_once(
    volgograd, volgograd_official, alice, anna, mailoutbox, monkeypatch
):
    """Two workers run the job at the same moment: the database lets only one claim each request."""
    for _ in range(6):
        waiting(volgograd, volgograd_official, days=10)

    barrier = threading.Barrier(2, timeout=30)
    real_claim = services.reminders_claim

    def claim_together(**kwargs):
        barrier.wait()  # both runs have read the same requests and now insert at once
        return real_claim(**kwargs)

    monkeypatch.setattr(services, "reminders_claim", claim_together)
    results, errors = [], []

    def run():
        try:
            results.append(request_waiting_digests_send(today=TODAY))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert sorted(r["requests"] for r in results) == [0, 6]
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@example.org", "anna@example.org"]
    assert ReminderLog.objects.count() == 6
