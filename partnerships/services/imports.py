"""
Import jobs: preview a file, confirm it (here or in a Celery task), keep the record.

The admin, the ``import_partnerships`` command and the background task all go
through ``job_create`` / ``job_preview`` / ``job_import``, which run the one
engine in ``partnerships.importing.engine``. Progress is published in the
cache (Redis in production), outside the import's own transaction, so pages
and other processes see it while the rows being written are still invisible.
"""

import csv
import io
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import queue_templated_email

from ..importing.columns import MUNICIPALITY_COLUMNS, PARTNERSHIP_COLUMNS, match_headers
from ..importing.engine import ERROR, OUTCOME_LABELS, PHASE_LABELS, PartnershipImport
from ..importing.municipalities import MunicipalityImport
from ..importing.reading import read_table
from ..models import ImportJob

PROGRESS_TIMEOUT = 24 * 3600
MAX_ATTEMPTS = 3


class NeedsMapping(Exception):
    """The file's headers do not say which column is which; staff must map them."""

    def __init__(self, match):
        self.match = match
        super().__init__("the columns need mapping")


def progress_key(job_id):
    return f"import-job:{job_id}:progress"


def progress_of(job):
    """{"phase", "done", "total", "at"} as last published, or None."""
    return cache.get(progress_key(job.pk))


def job_state(job):
    """What a progress display shows: status, phase, rows done of total, outcomes."""
    progress = progress_of(job) or {}
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "phase": progress.get("phase", ""),
        "phase_label": PHASE_LABELS.get(progress.get("phase", ""), progress.get("phase", "")),
        "done": progress.get("done", 0),
        "total": progress.get("total", 0) or job.total_rows,
        "counts": job.counts,
        "message": job.message,
    }


def publish_progress(job_id, phase, done, total):
    cache.set(
        progress_key(job_id),
        {"phase": phase, "done": done, "total": total, "at": time.time()},
        PROGRESS_TIMEOUT,
    )


def columns_of(job):
    return (
        MUNICIPALITY_COLUMNS if job.kind == ImportJob.Kind.MUNICIPALITIES else PARTNERSHIP_COLUMNS
    )


def engine_of(job):
    return MunicipalityImport if job.kind == ImportJob.Kind.MUNICIPALITIES else PartnershipImport


def job_create(
    *,
    data,
    name,
    user,
    create_missing=False,
    mapping=None,
    encoding="",
    delimiter="",
    kind=ImportJob.Kind.PARTNERSHIPS,
):
    """Keep an uploaded file as a job; nothing is read or checked yet."""
    job = ImportJob(
        kind=kind,
        original_name=name[:255],
        created_by=user,
        create_missing=create_missing,
        mapping=mapping,
        encoding=encoding or "",
        delimiter=delimiter or "",
    )
    job.file.save(name, ContentFile(data), save=False)
    job.save()
    return job


def _table(job):
    with job.file.open("rb") as handle:
        data = handle.read()
    return read_table(data, encoding=job.encoding or None, delimiter=job.delimiter or None)


def job_assignment(job, table):
    """Which file column feeds which field: the job's own, or matched from the headers."""
    if job.assignment:
        return {int(index): key for index, key in job.assignment.items()}
    match = match_headers(
        table.headers, columns_of(job), saved=job.mapping.columns if job.mapping else None
    )
    if match.missing or match.unknown:
        raise NeedsMapping(match)
    return match.assignment


def job_set_assignment(job, assignment, *, save_as=""):
    """Record the columns staff mapped; optionally keep them as a named mapping."""
    from mechanisms.placenames import normalize_name

    from ..models import ColumnMapping

    table = _table(job)
    job.assignment = {str(index): key for index, key in assignment.items()}
    if save_as:
        columns = {normalize_name(table.headers[index]): key for index, key in assignment.items()}
        job.mapping, _created = ColumnMapping.objects.update_or_create(
            name=save_as, defaults={"columns": columns, "created_by": job.created_by}
        )
    job.save(update_fields=["assignment", "mapping"])
    return job


def job_preview(job):
    """Validate every row without writing; keep the per-row report. Returns the ImportReport."""
    table = _table(job)
    assignment = job_assignment(job, table)
    engine = engine_of(job)(
        table, assignment, create_missing=job.create_missing, user=job.created_by
    )
    report = engine.run(dry_run=True)
    _record(job, report, total=len(table.rows), status=ImportJob.Status.PREVIEWED)
    return report


def job_import(job, *, progress=None):
    """
    Import the job's file for real, in one transaction; nothing is written if
    any row fails. Records the outcome on the job and returns the ImportReport.
    """
    job.status = ImportJob.Status.RUNNING
    job.started_at = timezone.now()
    job.attempts += 1
    job.save(update_fields=["status", "started_at", "attempts"])

    def publish(phase, done, total):
        publish_progress(job.pk, phase, done, total)
        if progress:
            progress(phase, done, total)

    publish("reading", 0, 0)
    table = _table(job)
    assignment = job_assignment(job, table)
    engine = engine_of(job)(
        table,
        assignment,
        create_missing=job.create_missing,
        user=job.created_by,
        reason=job.reason,
        progress=publish,
    )
    report = engine.run(dry_run=False)
    status = ImportJob.Status.SUCCEEDED if report.written else ImportJob.Status.FAILED
    message = (
        ""
        if report.written
        else _("Nothing was imported: %(count)s rows have errors.")
        % {"count": report.counts[ERROR]}
    )
    _record(job, report, total=len(table.rows), status=status, message=message)
    publish("done", len(table.rows), len(table.rows))
    return report


def job_fail(job, message):
    job.status = ImportJob.Status.FAILED
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])
    publish_progress(job.pk, "failed", 0, 0)


def _record(job, report, *, total, status, message=""):
    job.total_rows = total
    job.counts = report.counts
    job.status = status
    job.message = message
    if status != ImportJob.Status.PREVIEWED:
        job.finished_at = timezone.now()
    job.report.save(
        f"report-{job.pk}.csv", ContentFile(report_csv(report).encode("utf-8-sig")), save=False
    )
    job.save()


REPORT_HEADERS = [
    "Строка / Row",
    "Итог / Outcome",
    "Столбец / Column",
    "Сообщение / Message",
    "Связь / Tie",
    "Примечания / Notes",
]


def report_csv(report):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(REPORT_HEADERS)
    for row in report.rows:
        writer.writerow(
            [
                row.number,
                row.outcome,
                row.column,
                row.message,
                row.partnership_id or "",
                " | ".join(map(str, row.notes)),
            ]
        )
    return buffer.getvalue()


def report_rows(job, *, limit=None, outcomes=None):
    """The job's per-row report as dicts (errors first when asked for)."""
    if not job.report:
        return []
    with job.report.open("rb") as handle:
        reader = csv.reader(io.StringIO(handle.read().decode("utf-8-sig")), delimiter=";")
        next(reader, None)
        rows = []
        for number, outcome, column, message, tie, notes in reader:
            if outcomes and outcome not in outcomes:
                continue
            rows.append(
                {
                    "number": int(number),
                    "outcome": outcome,
                    "outcome_label": OUTCOME_LABELS.get(outcome, outcome),
                    "column": column,
                    "message": message,
                    "tie": tie,
                    "notes": [n for n in notes.split(" | ") if n],
                }
            )
            if limit and len(rows) >= limit:
                break
    return rows


def error_rows_file(job):
    """The rows that failed, as a CSV with the reason in a last column, to fix and import again."""
    table = _table(job)
    errors = {row["number"]: row for row in report_rows(job, outcomes={ERROR})}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([*table.headers, "Ошибка / Error"])
    for number, row in enumerate(table.rows, start=2):
        if number in errors:
            failed = errors[number]
            writer.writerow(
                [_export_cell(cell) for cell in row] + [f"{failed['column']}: {failed['message']}"]
            )
    return buffer.getvalue().encode("utf-8-sig")


def _export_cell(value):
    from ..importing.resources import escape_formula

    return escape_formula("" if value is None else str(value))


def job_notify(job):
    """Tell the person who started the import how it ended, in their language."""
    if job.created_by is None:
        return
    queue_templated_email(
        recipient=job.created_by,
        template_prefix="partnerships/email/import_finished",
        context={"job": job, "base_url": settings.PORTAL_BASE_URL},
    )


def job_queue(job):
    """Hand the confirmed import to a Celery worker once this transaction commits."""
    from ..tasks import run_import_job

    job.status = ImportJob.Status.QUEUED
    job.save(update_fields=["status"])
    publish_progress(job.pk, "queued", 0, job.total_rows)
    transaction.on_commit(lambda: _send(job, run_import_job))


def _send(job, task):
    result = task.delay(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=result.id or "")


def jobs_sweep_stalled(*, older_than=None):
    """
    Mark as failed the running jobs whose worker has vanished: no progress for
    longer than the broker would wait before handing the task to another
    worker, twice over. Returns how many were marked.
    """
    older_than = older_than or 2 * settings.CELERY_BROKER_TRANSPORT_OPTIONS.get(
        "visibility_timeout", 900
    )
    now = time.time()
    marked = 0
    for job in ImportJob.objects.filter(
        status__in=[ImportJob.Status.RUNNING, ImportJob.Status.QUEUED]
    ):
        progress = progress_of(job) or {}
        last = progress.get("at") or (job.started_at or job.created_at).timestamp()
        if now - last > older_than:
            job_fail(
                job, _("The worker running this import stopped and the import did not resume.")
            )
            job_notify(job)
            marked += 1
    return marked
