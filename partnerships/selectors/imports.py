"""
Reads of import jobs: the file as a table, the per-row report, the rows set
aside grouped by the name that stopped them, the live progress.
"""

import csv
import io
import tempfile

from django.core.cache import cache

from mechanisms.spreadsheets import escape_formula

from ..importing.outcomes import OUTCOME_LABELS, PHASE_LABELS, Reason
from ..importing.reading import read_table
from ..models import SetAsideRow

REPORT_HEADERS = [
    "Строка / Row",
    "Итог / Outcome",
    "Причина / Reason",
    "Столбец / Column",
    "Сообщение / Message",
    "Что будет / What happens",
    "Связь / Tie",
    "Примечания / Notes",
    "Строка файла / Row as read",
]
CELL_SEPARATOR = " | "


def job_table(job):
    """The job's file read as a Table (raises FileRefused for what is not one)."""
    with job.file.open("rb") as handle:
        data = handle.read()
    return read_table(data, encoding=job.encoding or None, delimiter=job.delimiter or None)


def report_lines(report, table):
    """The per-row report of a run, one list of cells per row, with the row's cells as read."""
    for row, cells in zip(report.rows, table.rows, strict=True):
        yield [
            row.number,
            row.outcome,
            row.reason,
            row.column,
            row.message,
            row.describe,
            row.partnership_id or "",
            " | ".join(map(str, row.notes)),
            CELL_SEPARATOR.join("" if cell is None else str(cell) for cell in cells),
        ]


def lines_of_report_rows(rows):
    """``report_rows(raw=True)`` rows as report lines again (to write a report back)."""
    for line in rows:
        yield [
            line["number"],
            line["outcome"],
            line["reason"],
            line["column"],
            line["message"],
            line["describe"],
            line["tie"],
            " | ".join(map(str, line["notes"])),
            CELL_SEPARATOR.join(line["cells"]),
        ]


def report_file(lines):
    """
    The report as a temporary CSV file (UTF-8 with BOM, for Excel), written line by
    line: a report of 100,000 rows never sits in memory as one string.
    """
    raw = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the caller, who closes it)
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=";")
    writer.writerow(REPORT_HEADERS)
    writer.writerows(lines)
    text.flush()
    text.detach()
    raw.seek(0)
    return raw


def report_rows(job, *, limit=None, outcomes=None, raw=False):
    """The job's per-row report as dicts, in file order."""
    if not job.report:
        return []
    with job.report.open("rb") as handle:
        reader = csv.reader(io.StringIO(handle.read().decode("utf-8-sig")), delimiter=";")
        next(reader, None)
        rows = []
        for line in reader:
            number, outcome, reason, column, message, describe, tie, notes, cells = line
            if outcomes and outcome not in outcomes:
                continue
            row = {
                "number": int(number),
                "outcome": outcome,
                "reason": reason,
                "column": column,
                "message": message,
                "describe": describe,
                "tie": tie,
                "notes": [n for n in notes.split(" | ") if n],
                "cells": cells.split(CELL_SEPARATOR) if cells else [],
            }
            if not raw:
                row["outcome_label"] = OUTCOME_LABELS.get(outcome, outcome)
                row["reason_label"] = Reason.LABELS.get(reason, "")
            rows.append(row)
            if limit and len(rows) >= limit:
                break
    return rows


def rows_to_fix_file(job):
    """
    The rows set aside and not written (waiting or skipped), as the file had
    them, with the reason in a last column: to correct and import again.
    """
    headers = list(job_table(job).headers)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([*headers, "Строка / Row", "Причина / Reason"])
    for row in job.set_aside_rows.exclude(status=SetAsideRow.Status.WRITTEN).order_by("row_number"):
        cells = list(row.cells) + [""] * (len(headers) - len(row.cells))
        reason = f"{row.column}: {row.message}" if row.column else row.message
        writer.writerow([escape_formula(cell) for cell in cells] + [row.row_number, reason])
    return buffer.getvalue().encode("utf-8-sig")


def set_aside_groups(job, *, status=SetAsideRow.Status.OPEN):
    """
    The job's rows set aside, one group per decision: the reason, the name
    that stopped them, how many rows, the first rows' cells and the candidates.
    """
    groups = {}
    for row in job.set_aside_rows.filter(status=status).order_by("row_number"):
        group = groups.get(row.group_key)
        if group is None:
            group = groups[row.group_key] = {
                "key": row.group_key,
                "reason": row.reason,
                "reason_label": Reason.LABELS.get(row.reason, row.reason),
                "name": row.name,
                "country": row.country,
                "side": row.side,
                "column": row.column,
                "message": row.message,
                "candidates": row.candidates,
                "count": 0,
                "rows": [],
                "about_a_name": row.reason in Reason.ABOUT_A_NAME,
            }
        group["count"] += 1
        if len(group["rows"]) < 3:
            group["rows"].append({"number": row.row_number, "cells": row.cells})
    return sorted(groups.values(), key=lambda g: (-g["count"], g["reason"], g["name"]))


def progress_of(job):
    """{"phase", "done", "total", "at"} as last published, or None."""
    from ..services.imports import progress_key

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
