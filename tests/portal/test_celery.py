"""Celery: configured for reliability, and a real worker runs tasks end to end."""

import pytest
from django.db import transaction

from accounts.mail import queue_email
from urc_portal.celery import app


def test_celery_is_configured_for_reliable_delivery():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1


@pytest.mark.redis
def test_broker_visibility_timeout_is_set_deliberately(settings):
    assert 60 <= settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] < 3600


@pytest.mark.worker
def test_a_real_worker_sends_an_email_queued_after_commit(celery_worker):
    with transaction.atomic():
        queue_email(to="someone@example.org", subject="Проверка", body="Письмо из задачи")
        # Nothing leaves before the transaction commits.
        assert not any(celery_worker.mail_dir.iterdir())

    celery_worker.wait_for(lambda: any(celery_worker.mail_dir.iterdir()))
    (message_file,) = celery_worker.mail_dir.iterdir()
    text = message_file.read_text()
    assert "someone@example.org" in text
    assert "Subject: =?utf-8?" in text  # Cyrillic subject, encoded


@pytest.mark.worker
def test_a_rolled_back_transaction_sends_nothing(celery_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to="someone@example.org", subject="never", body="never")
        raise RuntimeError("roll back")
    # A message committed afterwards arrives, and it is the only one.
    with transaction.atomic():
        queue_email(to="later@example.org", subject="after", body="after")
    celery_worker.wait_for(lambda: any(celery_worker.mail_dir.iterdir()))
    messages = [path.read_text() for path in celery_worker.mail_dir.iterdir()]
    assert len(messages) == 1
    assert "later@example.org" in messages[0]
