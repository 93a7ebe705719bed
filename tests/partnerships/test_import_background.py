"""Large imports run in a real Celery worker; killed workers and concurrent imports stay consistent."""

import os
import signal
import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from partnerships.models import ImportJob, Partnership
from partnerships.selectors import imports as job_reads
from partnerships.services import imports
from partnerships.tasks import sweep_stalled_import_jobs
from tests.partnerships.import_files import populate_registry, write_ties_csv


def queue_import(client, path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("admin:partnerships_partnership_import"),
        {"file": SimpleUploadedFile(path.name, path.read_bytes())},
    )
    job = ImportJob.objects.latest("pk")
    client.post(reverse("admin:partnerships_partnership_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    return job


@pytest.mark.worker
def test_a_large_file_is_imported_by_the_worker_with_live_progress_and_an_email(
    celery_worker, staff_client, settings, tmp_path
):
    settings.IMPORT_BACKGROUND_ROWS = 100
    russian, foreign = populate_registry(60, 60)
    path = write_ties_csv(tmp_path / "big.csv", russian, foreign, count=3000)
    job = queue_import(staff_client, path)
    assert job.status in {"queued", "running", "succeeded"}

    seen = []

    def finished():
        state = staff_client.get(
            reverse("admin:partnerships_partnership_import_progress", args=[job.pk])
        ).json()
        seen.append((state["phase"], state["done"], state["total"]))
        return state["status"] == "succeeded"

    celery_worker.wait_for(finished, timeout=120)
    assert Partnership.objects.count() == 3000
    assert (
        any(phase in {"validating", "writing"} for phase, _done, _total in seen)
        or seen[-1][0] == "done"
    )
    job.refresh_from_db()
    assert job.counts["new"] == 3000 and job.attempts == 1
    celery_worker.wait_for(lambda: any(celery_worker.mail_dir.iterdir()), timeout=30)
    mail = next(celery_worker.mail_dir.iterdir()).read_text()
    assert "alice@example.org" in mail
    assert "Imported" in mail  # Alice reads English


@pytest.mark.worker
def test_killing_the_worker_mid_import_leaves_no_half_written_file(
    celery_worker, staff_client, settings, tmp_path
):
    settings.IMPORT_BACKGROUND_ROWS = 100
    russian, foreign = populate_registry(150, 200)
    path = write_ties_csv(tmp_path / "huge.csv", russian, foreign, count=30_000)
    job = queue_import(staff_client, path)

    def writing():
        progress = job_reads.progress_of(job) or {}
        return progress.get("phase") == "writing" and progress.get("done", 0) > 0

    celery_worker.wait_for(
        writing, timeout=180, message="the import never reached the writing phase"
    )
    (pool_pid,) = celery_worker.pool_pids()
    os.kill(pool_pid, signal.SIGKILL)

    def ended():
        job.refresh_from_db()
        return job.status in {"succeeded", "failed"}

    celery_worker.wait_for(ended, timeout=300)
    ties = Partnership.objects.count()
    if job.status == "succeeded":
        # The task came back (reject_on_worker_lost) and ran the whole file again.
        assert ties == 30_000 and job.attempts == 2
    else:
        assert ties == 0 and job.message
    pairs = Partnership.objects.values_list("municipality_a", "municipality_b").distinct().count()
    assert pairs == ties


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_overlapping_imports_at_once_end_consistent(tmp_path, alice):
    russian, foreign = populate_registry(20, 20)
    first = write_ties_csv(tmp_path / "first.csv", russian, foreign, count=400)
    second = write_ties_csv(tmp_path / "second.csv", russian, foreign, count=300, kind="меморандум")
    jobs = [
        imports.job_create(data=path.read_bytes(), name=path.name, user=alice)
        for path in (first, second)
    ]
    barrier = threading.Barrier(2, timeout=30)
    results, errors = {}, []

    def run(job):
        try:
            barrier.wait()
            results[job.pk] = imports.job_import(job)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert all(report.written for report in results.values())
    assert Partnership.objects.count() == 400
    # Whichever ran second found the other's ties and updated (or left) them: never a duplicate.
    kinds = set(Partnership.objects.values_list("kind", flat=True))
    assert kinds <= {"twinning", "memorandum"}
    assert Partnership.objects.values("municipality_a", "municipality_b").distinct().count() == 400


@pytest.mark.django_db
def test_the_sweep_fails_jobs_whose_worker_vanished(
    alice, settings, mailoutbox, django_capture_on_commit_callbacks
):
    stale = imports.job_create(data=b"x", name="stale.csv", user=alice)
    fresh = imports.job_create(data=b"x", name="fresh.csv", user=alice)
    for job in (stale, fresh):
        job.status = ImportJob.Status.RUNNING
        job.save()
    cache.set(
        imports.progress_key(stale.pk),
        {"phase": "writing", "done": 5, "total": 10, "at": time.time() - 7200},
    )
    imports.publish_progress(fresh.pk, "writing", 5, 10)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stalled_import_jobs() == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    from django.utils.translation import gettext

    assert stale.status == "failed"
    assert stale.message == gettext(
        "The worker running this import stopped and the import did not resume."
    )
    assert fresh.status == "running"
    assert mailoutbox[0].to == ["alice@example.org"]
