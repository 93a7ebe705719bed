import logging

from celery import shared_task
from django.utils.translation import gettext as _

from .models import ImportJob
from .services.imports import (
    MAX_ATTEMPTS,
    ImportFailed,
    job_fail,
    job_import,
    job_notify,
    jobs_sweep_stalled,
)
from .services.requests import request_waiting_digests_send

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def run_import_job(self, job_id):
    """
    Import a confirmed file in the background, then tell its author.

    A worker killed mid-import rolls its transaction back; the broker hands
    the task out again and it starts over, up to MAX_ATTEMPTS times.
    """
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.status in (ImportJob.Status.SUCCEEDED, ImportJob.Status.FAILED):
        return None
    if job.attempts >= MAX_ATTEMPTS:
        job_fail(
            job,
            _("The import was interrupted %(count)s times and is given up.")
            % {"count": job.attempts},
        )
        job_notify(job)
        return None
    try:
        job_import(job)
    except ImportFailed:
        pass  # the job is marked failed with its reason
    except Exception as error:  # the job must end with a reason, whatever went wrong
        logger.exception("import job %s failed", job_id)
        job_fail(job, _("The import stopped with an error: %(error)s") % {"error": error})
    job.refresh_from_db()
    job_notify(job)
    return job.counts


@shared_task
def sweep_stalled_import_jobs():
    """Periodic: mark failed the imports whose worker vanished and never came back."""
    return jobs_sweep_stalled()


@shared_task
def send_request_digests():
    """Daily: staff's digest of partnership requests waiting too long (at most once a day)."""
    return request_waiting_digests_send()
