"""
Milestone reminders: the person responsible hears N days before a start and
once when a milestone becomes overdue, in their language, each reminder at
most once (claimed in the reminder log, like the associations' digests).
"""

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.roles import PROJECT_OFFICE_STAFF
from reminders.models import ReminderLog
from roadmap import services
from roadmap.models import Milestone
from roadmap.services import milestone_reminders_send
from roadmap.tasks import send_milestone_reminders
from tests.conftest import make_user
from tests.roadmap.conftest import make_milestone

TODAY = datetime.date(2026, 11, 25)
DAY = datetime.timedelta(days=1)
S = Milestone.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def boris(db, password):
    return make_user(
        "boris@example.org",
        password,
        group=PROJECT_OFFICE_STAFF,
        preferred_language="ru",
        full_name="Борис",
    )


def send(capture, today=TODAY):
    with capture(execute=True):
        return milestone_reminders_send(today=today)


def starting_in(days, **fields):
    start = TODAY + days * DAY
    return make_milestone(planned_start_on=start, planned_end_on=start + DAY, **fields)


def test_the_responsible_person_hears_days_before_the_start(
    alice, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.ROADMAP_REMINDER_DAYS_BEFORE = 7
    soon = starting_in(7, responsible=alice, title_en="Forum in Lahti", title_ru="Форум в Лахти")
    starting_in(8, responsible=alice, title_en="Later")
    assert send(django_capture_on_commit_callbacks) == {"upcoming": 1, "overdue": 0}
    (message,) = mailoutbox
    assert message.to == ["alice@example.org"]
    assert "Forum in Lahti" in message.subject and "02.12.2026" in message.subject
    assert "starts in 7 days" in message.body
    assert f"/en/roadmap/milestones/{soon.pk}/" in message.body


def test_the_number_of_days_is_a_setting(
    alice, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.ROADMAP_REMINDER_DAYS_BEFORE = 14
    starting_in(12, responsible=alice)
    assert send(django_capture_on_commit_callbacks)["upcoming"] == 1


def test_a_reminder_before_the_start_goes_once(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    starting_in(3, responsible=alice)
    send(django_capture_on_commit_callbacks)
    assert send(django_capture_on_commit_callbacks) == {"upcoming": 0, "overdue": 0}
    assert send(django_capture_on_commit_callbacks, TODAY + DAY)["upcoming"] == 0
    assert len(mailoutbox) == 1


def test_an_overdue_milestone_is_reported_once_in_russian(
    boris, mailoutbox, django_capture_on_commit_callbacks
):
    late = make_milestone(
        responsible=boris,
        status=S.IN_PROGRESS,
        title_ru="Обмен делегациями",
        title_en="Exchange of delegations",
        planned_start_on=TODAY - 10 * DAY,
        planned_end_on=TODAY - DAY,
    )
    assert send(django_capture_on_commit_callbacks) == {"upcoming": 0, "overdue": 1}
    assert send(django_capture_on_commit_callbacks, TODAY + DAY)["overdue"] == 0
    assert send(django_capture_on_commit_callbacks, TODAY + 30 * DAY)["overdue"] == 0
    (message,) = mailoutbox
    assert "Просроченный этап: Обмен делегациями" in message.subject
    assert "должен был завершиться" in message.body
    assert f"/roadmap/milestones/{late.pk}/" in message.body and "/en/" not in message.body


def test_done_postponed_and_cancelled_milestones_are_not_reminded(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    for status in (S.DONE, S.POSTPONED, S.CANCELLED):
        starting_in(-5, responsible=alice, status=status)
        starting_in(2, responsible=alice, status=status)
    assert send(django_capture_on_commit_callbacks) == {"upcoming": 0, "overdue": 0}


def test_milestones_without_an_active_owner_are_not_reminded(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    starting_in(2)
    starting_in(-5)
    alice.is_active = False
    alice.save()
    starting_in(2, responsible=alice)
    assert send(django_capture_on_commit_callbacks) == {"upcoming": 0, "overdue": 0}


def test_a_milestone_moved_to_new_dates_is_reminded_again(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    milestone = starting_in(2, responsible=alice)
    send(django_capture_on_commit_callbacks)
    Milestone.objects.filter(pk=milestone.pk).update(
        planned_start_on=TODAY + 5 * DAY, planned_end_on=TODAY + 6 * DAY
    )
    assert send(django_capture_on_commit_callbacks)["upcoming"] == 1
    assert len(mailoutbox) == 2


def test_a_rolled_back_reminder_is_sent_by_the_next_run(
    alice, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    starting_in(2, responsible=alice)

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
    alice, mailoutbox, django_capture_on_commit_callbacks, capsys
):
    from django.utils import timezone

    today = timezone.localdate()
    make_milestone(
        responsible=alice, planned_start_on=today + 2 * DAY, planned_end_on=today + 2 * DAY
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_milestone_reminders")
    assert "1 reminder(s) of milestones starting soon" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        assert send_milestone_reminders.delay().get() == {"upcoming": 0, "overdue": 0}
    assert len(mailoutbox) == 1


def test_the_daily_schedule_is_set_from_settings(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["milestone-reminders"]
    assert entry["task"] == "roadmap.tasks.send_milestone_reminders"
    assert entry["schedule"].hour == {settings.ROADMAP_REMINDER_HOUR}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_runs_send_each_reminder_once(alice, boris, mailoutbox, monkeypatch):
    """Two workers run the job at the same moment: the database lets only one claim each row."""
    for owner in (alice, boris):
        for days in (1, 2, 3):
            starting_in(days, responsible=owner)
        starting_in(-4, responsible=owner)

    barrier = threading.Barrier(2, timeout=30)
    real_claim = services.reminders_claim

    def claim_together(**kwargs):
        barrier.wait()  # both runs have read the same milestones and now insert at once
        return real_claim(**kwargs)

    monkeypatch.setattr(services, "reminders_claim", claim_together)
    results, errors = [], []

    def run():
        try:
            results.append(milestone_reminders_send(today=TODAY))
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
    assert sum(r["upcoming"] for r in results) == 6
    assert sum(r["overdue"] for r in results) == 2
    assert len(mailoutbox) == 8
    assert ReminderLog.objects.count() == 8
