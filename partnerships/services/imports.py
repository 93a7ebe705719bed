"""
Import jobs: preview a file, confirm it (here or in a Celery task), resolve
the rows set aside, keep the record.

The admin, the ``import_partnerships`` command and the background task all go
through these services, which run the one engine of
``partnerships.importing``. Whatever goes wrong during a run, the job ends
failed with its reason (``ImportFailed``): never "running" for ever.

Progress is published in the cache (Redis in production), outside the
import's own transaction, so pages and other processes see it while the rows
being written are still invisible.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import queue_templated_email
from mechanisms.parameters import record_number
from mechanisms.placenames import normalize_name

from ..importing.columns import MUNICIPALITY_COLUMNS, PARTNERSHIP_COLUMNS, match_headers
from ..importing.engine import PartnershipImport
from ..importing.municipalities import MunicipalityImport
from ..importing.outcomes import OUTCOMES, SET_ASIDE, Reason
from ..importing.reading import FileRefused
from ..models import ColumnMapping, ImportJob, SetAsideRow
from ..selectors.imports import (
    job_table,
    lines_of_report_rows,
    report_file,
    report_lines,
    report_rows,
)

logger = logging.getLogger(__name__)
PROGRESS_TIMEOUT = 24 * 3600
MAX_ATTEMPTS = 3


class NeedsMapping(Exception):
    """The file's headers do not say which column is which; staff must map them."""

    def __init__(self, match):
        self.match = match
        super().__init__("the columns need mapping")


class ImportFailed(Exception):
    """A run stopped; the job is marked failed with this message."""


class MappingRefused(ValueError):
    """A column mapping names a header twice, a key twice, or a key that does not exist."""


def progress_key(job_id):
    return f"import-job:{job_id}:progress"


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
    strict=False,
    foreign_pairs=False,
    publish=False,
    source="",
    assignment=None,
):
    """Keep an uploaded file as a job; nothing is read or checked yet."""
    job = ImportJob(
        kind=kind,
        original_name=name[:255],
        created_by=user,
        create_missing=create_missing,
        strict=strict,
        foreign_pairs=foreign_pairs,
        publish=publish,
        source=(source or "")[:200],
        mapping=mapping,
        encoding=encoding or "",
        delimiter=delimiter or "",
        assignment={str(index): key for index, key in (assignment or {}).items()},
    )
    job.file.save(name, ContentFile(data), save=False)
    job.save()
    return job


def job_assignment(job, table):
    """
    Which file column feeds which field: the job's own, else matched from the
    headers (a saved mapping first). Columns nothing matches are left unused;
    a missing required column, or a header that only resembles one, needs a person.
    """
    if job.assignment:
        return {int(index): key for index, key in job.assignment.items()}
    match = match_headers(
        table.headers, columns_of(job), saved=job.mapping.columns if job.mapping else None
    )
    if match.missing or (match.suggestions and not job.mapping):
        raise NeedsMapping(match)
    return match.assignment


def assignment_from_headers(headers, chosen, columns):
    """
    {index: key} from ``chosen`` ({header as written: key}), for the command
    line's ``--column``. Raises MappingRefused for a header the file lacks or
    names twice, a key given twice, or a key that does not exist.
    """
    known = {column.key for column in columns}
    keys = list(chosen.values())
    for key in keys:
        if key not in known:
            raise MappingRefused(
                _("“%(key)s” is not a column of the import; the columns are: %(keys)s.")
                % {"key": key, "keys": ", ".join(sorted(known))}
            )
        if keys.count(key) > 1:
            raise MappingRefused(_("“%(key)s” is given for two headers.") % {"key": key})
    missing = [c.key for c in columns if c.required and c.key not in keys]
    if missing:
        raise MappingRefused(_("No column is given for: %(keys)s.") % {"keys": ", ".join(missing)})
    by_header = {}
    for index, header in enumerate(headers):
        by_header.setdefault(normalize_name(header), []).append(index)
    assignment = {}
    for header, key in chosen.items():
        indexes = by_header.get(normalize_name(header), [])
        if not indexes:
            raise MappingRefused(_("The file has no column “%(header)s”.") % {"header": header})
        if len(indexes) > 1:
            raise MappingRefused(
                _("The file has two columns “%(header)s”: rename one.") % {"header": header}
            )
        assignment[indexes[0]] = key
    return assignment


def job_set_assignment(job, assignment, *, save_as=""):
    """Record the columns staff mapped; optionally keep them as a named mapping."""
    table = job_table(job)
    job.assignment = {str(index): key for index, key in assignment.items()}
    if save_as:
        columns = {normalize_name(table.headers[index]): key for index, key in assignment.items()}
        job.mapping, _created = ColumnMapping.objects.update_or_create(
            name=save_as, defaults={"columns": columns, "created_by": job.created_by}
        )
    job.save(update_fields=["assignment", "mapping"])
    return job


def _engine(job, table, assignment, *, progress=None):
    return engine_of(job)(
        table,
        assignment,
        create_missing=job.create_missing,
        strict=job.strict,
        user=job.created_by,
        reason=job.reason,
        source=job.source,
        progress=progress,
        foreign_pairs=job.foreign_pairs,
        publish=job.publish,
    )


def job_preview(job):
    """Check every row without writing; keep the per-row report. Returns the ImportReport."""
    table = job_table(job)
    assignment = job_assignment(job, table)
    try:
        report = _engine(job, table, assignment).run(dry_run=True)
    except Exception as error:
        logger.exception("preview of import job %s failed", job.pk)
        message = _("The preview stopped with an error: %(error)s") % {"error": error}
        job_fail(job, message)
        raise ImportFailed(message) from error
    _record(job, report, table, status=ImportJob.Status.PREVIEWED)
    return report


def job_import(job, *, progress=None):
    """
    Import the job's file for real, in one transaction: every placed row (or,
    for a strict job, nothing unless every row is placed). Records the outcome
    on the job and returns the ImportReport. Raises ImportFailed, with the job
    marked failed, when the run stops for any reason.
    """
    job.status = ImportJob.Status.RUNNING
    job.started_at = timezone.now()
    job.attempts += 1
    job.save(update_fields=["status", "started_at", "attempts"])

    def publish(phase, done, total):
        publish_progress(job.pk, phase, done, total)
        if progress:
            progress(phase, done, total)

    try:
        publish("reading", 0, 0)
        table = job_table(job)
        assignment = job_assignment(job, table)
        report = _engine(job, table, assignment, progress=publish).run(dry_run=False)
    except FileRefused as refused:
        job_fail(job, str(refused))
        raise ImportFailed(str(refused)) from refused
    except NeedsMapping:
        job_fail(job, _("The columns of the file need mapping."))
        raise
    except Exception as error:
        logger.exception("import job %s failed", job.pk)
        message = _("The import stopped with an error: %(error)s") % {"error": error}
        job_fail(job, message)
        raise ImportFailed(message) from error
    _record(job, report, table, status=_status_after(report), message=_message_after(report))
    publish("done", len(table.rows), len(table.rows))
    return report


def _status_after(report):
    return ImportJob.Status.SUCCEEDED if report.written else ImportJob.Status.FAILED


def _message_after(report):
    set_aside = report.counts[SET_ASIDE]
    if not report.written:
        return _("Nothing was imported: %(count)s rows are set aside.") % {"count": set_aside}
    return _still_set_aside(set_aside)


def _still_set_aside(count):
    if not count:
        return ""
    return _("%(count)s rows are set aside: resolve them on the job's page and write them.") % {
        "count": count
    }


def job_fail(job, message):
    job.status = ImportJob.Status.FAILED
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])
    publish_progress(job.pk, "failed", 0, 0)


def _record(job, report, table, *, status, message=""):
    job.total_rows = len(table.rows)
    job.counts = {**report.counts, "public_new": report.public_new}
    job.status = status
    job.message = message
    if status != ImportJob.Status.PREVIEWED:
        job.finished_at = timezone.now()
    with report_file(report_lines(report, table)) as handle:
        job.report.save(f"report-{job.pk}.csv", File(handle), save=False)
    with transaction.atomic():
        job.save()
        job.set_aside_rows.all().delete()
        _keep_set_aside(job, report, table)


def _keep_set_aside(job, report, table):
    numbers = getattr(table, "numbers", None) or range(2, len(table.rows) + 2)
    cells_by_number = dict(zip(numbers, table.rows, strict=True))
    SetAsideRow.objects.bulk_create(
        [
            SetAsideRow(
                job=job,
                row_number=row.number,
                cells=["" if cell is None else str(cell) for cell in cells_by_number[row.number]],
                reason=row.reason,
                column=row.column[:200],
                side=row.side,
                name=row.name[:300],
                country=row.country or "",
                group_key=group_key(row),
                message=row.message,
                candidates=row.candidates,
            )
            for row in report.rows
            if row.outcome == SET_ASIDE
        ],
        batch_size=2000,
    )


def group_key(row):
    """Rows that one decision resolves share a key: the reason and the name that stopped them."""
    if row.reason in Reason.ABOUT_A_NAME:
        return f"{row.reason}|{row.country}|{normalize_name(row.name)}"[:400]
    return f"{row.reason}|{row.column}|{row.message}"[:400]


def job_rerun_set_aside(job, *, by=None):
    """
    Run the job's open set-aside rows again (after staff decided about their
    names) and write those that now place. The job's counts and report follow;
    rows still unplaced keep their (new) reason. Returns the ImportReport.
    """
    if job.status == ImportJob.Status.PREVIEWED:
        return job_preview(job)
    if job.status == ImportJob.Status.FAILED:
        # Nothing of the file was written (a strict job, or a run that stopped): run it all.
        return job_import(job)
    open_rows = list(job.set_aside_rows.filter(status=SetAsideRow.Status.OPEN))
    if not open_rows:
        return None
    table = job_table(job)
    table.rows = [tuple(row.cells) for row in open_rows]
    table.numbers = [row.row_number for row in open_rows]
    assignment = job_assignment(job, table)
    engine = _engine(job, table, assignment)
    engine.strict = False
    try:
        report = engine.run(dry_run=False)
    except Exception as error:
        logger.exception("rerun of import job %s failed", job.pk)
        raise ImportFailed(
            _("The rows set aside could not be written: %(error)s") % {"error": error}
        ) from error
    _merge_rerun(job, report, table, open_rows, by=by)
    return report


def _merge_rerun(job, report, table, open_rows, *, by):
    by_number = {row.row_number: row for row in open_rows}
    counts = {key: job.counts.get(key, 0) for key in OUTCOMES}
    now = timezone.now()
    placed, still = [], []
    for row in report.rows:
        if row.outcome == SET_ASIDE:
            still.append(row)
            continue
        counts[SET_ASIDE] -= 1
        counts[row.outcome] += 1
        placed.append(by_number[row.number].pk)
    with transaction.atomic():
        if report.written:
            SetAsideRow.objects.filter(pk__in=placed).update(
                status=SetAsideRow.Status.WRITTEN, decided_by=by, decided_at=now
            )
        for row in still:
            SetAsideRow.objects.filter(pk=by_number[row.number].pk).update(
                reason=row.reason,
                column=row.column[:200],
                side=row.side,
                name=row.name[:300],
                country=row.country or "",
                group_key=group_key(row),
                message=row.message,
                candidates=row.candidates,
            )
        if report.written:
            job.counts = {**job.counts, **counts}
            job.message = _message_after_rerun(counts)
            job.save(update_fields=["counts", "message"])
        _update_report(job, report)


def _message_after_rerun(counts):
    return _still_set_aside(counts[SET_ASIDE])


def _update_report(job, report):
    """The job's per-row report with the re-run rows' new outcomes in their place."""
    updated = {row.number: row for row in report.rows}
    rows = report_rows(job, raw=True)
    lines = []
    for line in rows:
        row = updated.get(line["number"])
        lines.append(line if row is None else {**line, **_report_line(row)})
    with report_file(lines_of_report_rows(lines)) as handle:
        job.report.save(f"report-{job.pk}.csv", File(handle), save=False)
    job.save(update_fields=["report"])


def _report_line(row):
    return {
        "outcome": row.outcome,
        "reason": row.reason,
        "column": row.column,
        "message": row.message,
        "describe": row.describe,
        "tie": row.partnership_id or "",
        "notes": [str(note) for note in row.notes],
    }


def set_aside_skip(job, *, group_key, by):
    """Skip every open row of a group: they stay on the job, marked skipped."""
    return job.set_aside_rows.filter(status=SetAsideRow.Status.OPEN, group_key=group_key).update(
        status=SetAsideRow.Status.SKIPPED, decided_by=by, decided_at=timezone.now()
    )


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
    from ..selectors.imports import progress_of

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


class DecisionRefused(ValueError):
    """A decision about a set-aside name that cannot be taken (unknown place, wrong country ...)."""


def set_aside_decide(job, *, group_key, decision, value="", everywhere=False, by=None):
    """
    Take one decision about the name that stopped a group of set-aside rows,
    remember it as an alias (for the job's source, or for every file), and run
    the job's open rows again so that every row with that name is placed.

    ``decision`` is "place" (a GeoNames id), "municipality" (a registry
    municipality's number), "country" (an ISO code) or "skip".
    Returns the number of rows the decision concerned.
    """
    from gazetteer.models import CountryAlias, GazetteerPlace, PlaceAlias

    from ..models import Municipality, MunicipalityAlias

    rows = job.set_aside_rows.filter(status=SetAsideRow.Status.OPEN, group_key=group_key)
    first = rows.first()
    if first is None:
        raise DecisionRefused(_("These rows are no longer waiting for a decision."))
    if decision == "skip":
        return set_aside_skip(job, group_key=group_key, by=by)
    source = "" if everywhere or not job.source else job.source
    defaults = {"name": first.name, "created_by": by}
    key = normalize_name(first.name)
    if decision == "country":
        code = (value or "").upper()
        if code not in _country_codes():
            raise DecisionRefused(_("Choose a country."))
        CountryAlias.objects.update_or_create(
            normalized=key, source=source, defaults={**defaults, "country": code}
        )
    elif decision == "place":
        place = GazetteerPlace.objects.filter(pk=record_number(value)).first()
        if place is None or (first.country and place.country_code not in _readings(first)):
            raise DecisionRefused(_("Choose one of the places listed."))
        PlaceAlias.objects.update_or_create(
            normalized=key,
            country=first.country or place.country_code,
            source=source,
            defaults={**defaults, "geonames_id": place.geonames_id},
        )
    elif decision == "municipality":
        municipality = Municipality.objects.filter(pk=record_number(value)).first()
        if municipality is None or not first.country:
            raise DecisionRefused(_("There is no municipality with this number."))
        MunicipalityAlias.objects.update_or_create(
            normalized=key,
            country=first.country,
            source=source,
            defaults={**defaults, "municipality": municipality},
        )
    else:
        raise DecisionRefused(_("Unknown decision."))
    count = rows.count()
    job_rerun_set_aside(job, by=by)
    return count


def _country_codes():
    from gazetteer.countries import valid_codes

    return valid_codes()


def _readings(row):
    """The countries a decision about the row may file its place under."""
    codes = {row.country}
    codes.update(c["country"] for c in row.candidates if "country" in c and "geonames_id" not in c)
    codes.update(c["country"] for c in row.candidates if "geonames_id" in c)
    return codes
