"""Daily digests: each follow-up at most once a day, in the owner's language."""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.roles import PROJECT_OFFICE_STAFF
from associations import services
from associations.services import follow_up_digests_send
from associations.tasks import send_follow_up_digests
from reminders.models import ReminderLog
from tests.conftest import make_user
from tests.factories import AssociationFactory, FollowUpFactory

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def boris(db, password):
    return make_user(
        "boris@example.org",
        password,
        group=PROJECT_OFFICE_STAFF,
        preferred_language="ru",
        full_name="Борис",
    )


def send(today=TODAY, capture=None):
    with capture(execute=True):
        return follow_up_digests_send(today=today)


def test_one_digest_per_owner_lists_due_today_and_overdue(
    alice, boris, mailoutbox, django_capture_on_commit_callbacks
):
    mongolia = AssociationFactory(
        name_ru="Союз городов Монголии", name_en="Union of Mongolian Cities"
    )
    FollowUpFactory(association=mongolia, owner=alice, due_on=TODAY, task="Call the secretariat")
    FollowUpFactory(
        association=mongolia,
        owner=alice,
        due_on=TODAY - datetime.timedelta(days=3),
        task="Send the draft",
    )
    FollowUpFactory(
        association=mongolia, owner=alice, due_on=TODAY + datetime.timedelta(days=1), task="Not yet"
    )
    FollowUpFactory(association=mongolia, owner=boris, due_on=TODAY, task="Подготовить письмо")

    assert send(capture=django_capture_on_commit_callbacks) == {"digests": 2, "follow_ups": 3}
    by_recipient = {message.to[0]: message for message in mailoutbox}
    english = by_recipient["alice@example.org"]
    assert "2 follow-ups need you" in english.subject
    assert "Call the secretariat" in english.body and "Send the draft" in english.body
    assert "Not yet" not in english.body
    assert "Overdue" in english.body and "Union of Mongolian Cities" in english.body
    assert f"/en/outreach/associations/{mongolia.pk}/" in english.body
    russian = by_recipient["boris@example.org"]
    assert "Подготовить письмо" in russian.body
    assert "Союз городов Монголии" in russian.body
    assert f"/outreach/associations/{mongolia.pk}/" in russian.body
    assert "/en/" not in russian.body


def test_a_second_run_the_same_day_sends_nothing(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    FollowUpFactory(owner=alice, due_on=TODAY)
    send(capture=django_capture_on_commit_callbacks)
    assert send(capture=django_capture_on_commit_callbacks) == {"digests": 0, "follow_ups": 0}
    assert len(mailoutbox) == 1


def test_the_next_day_an_overdue_follow_up_is_listed_again(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    FollowUpFactory(owner=alice, due_on=TODAY)
    send(capture=django_capture_on_commit_callbacks)
    send(TODAY + datetime.timedelta(days=1), capture=django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2


def test_completing_a_follow_up_stops_its_reminders(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    follow_up = FollowUpFactory(owner=alice, due_on=TODAY - datetime.timedelta(days=1))
    services.follow_up_complete(follow_up=follow_up, by=alice)
    assert send(capture=django_capture_on_commit_callbacks) == {"digests": 0, "follow_ups": 0}
    assert mailoutbox == []


def test_a_new_follow_up_later_the_same_day_gets_its_own_digest(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    FollowUpFactory(owner=alice, due_on=TODAY, task="Первая")
    send(capture=django_capture_on_commit_callbacks)
    FollowUpFactory(owner=alice, due_on=TODAY, task="Вторая")
    send(capture=django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert "Вторая" in mailoutbox[1].body and "Первая" not in mailoutbox[1].body


def test_a_rolled_back_digest_is_sent_by_the_next_run(
    alice, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    FollowUpFactory(owner=alice, due_on=TODAY)

    def broken_queue(**kwargs):
        raise RuntimeError("mail template broke")

    monkeypatch.setattr(services, "queue_templated_email", broken_queue)
    with pytest.raises(RuntimeError):
        send(capture=django_capture_on_commit_callbacks)
    assert not ReminderLog.objects.exists()
    monkeypatch.undo()
    send(capture=django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_the_command_and_the_task_run_the_same_job(
    alice, mailoutbox, django_capture_on_commit_callbacks, capsys
):
    FollowUpFactory(owner=alice)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_follow_up_digests")
    assert "1 digest(s)" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_up_digests.delay().get() == {"digests": 0, "follow_ups": 0}
    assert len(mailoutbox) == 1


def test_the_daily_schedule_is_set_from_settings(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["follow-up-digests"]
    assert entry["task"] == "associations.tasks.send_follow_up_digests"
    assert entry["schedule"].hour == {settings.FOLLOW_UP_DIGEST_HOUR}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_runs_send_each_follow_up_once(alice, boris, mailoutbox, monkeypatch):
    """Two workers run the job at the same moment: the database lets only one claim each row."""
    for owner in (alice, boris):
        FollowUpFactory.create_batch(5, owner=owner, due_on=TODAY)

    barrier = threading.Barrier(2, timeout=30)
    real_claim = services.reminders_claim

    def claim_together(**kwargs):
        barrier.wait()  # both runs have read the same follow-ups and now insert at once
        return real_claim(**kwargs)

    monkeypatch.setattr(services, "reminders_claim", claim_together)
    results, errors = [], []

    def run():
        try:
            results.append(follow_up_digests_send(today=TODAY))
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
    assert sum(r["follow_ups"] for r in results) == 10
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@example.org", "boris@example.org"]
    assert ReminderLog.objects.count() == 10
