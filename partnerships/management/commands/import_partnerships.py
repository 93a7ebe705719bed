import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from accounts.models import User
from partnerships.importing.reading import FileRefused, read_table
from partnerships.models import ColumnMapping, ImportJob
from partnerships.services.imports import (
    ImportFailed,
    MappingRefused,
    NeedsMapping,
    assignment_from_headers,
    columns_of,
    job_create,
    job_fail,
    job_import,
    job_preview,
)


class Command(BaseCommand):
    kind = ImportJob.Kind.PARTNERSHIPS
    help = (
        "Import twinning records from a CSV, XLSX, XLS or ODS file, with the same checks as the "
        "admin and a per-row report. By default all or nothing (exit status 1 if any row cannot "
        "be placed); with --set-aside, every row that can be placed is written, the rest set "
        "aside on the job for staff, and the exit status is 0."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create municipalities not in the registry (from the gazetteer).",
        )
        parser.add_argument(
            "--set-aside",
            action="store_true",
            help="Write what can be placed and set the other rows aside (not all or nothing).",
        )
        parser.add_argument(
            "--foreign-pairs",
            action="store_true",
            help="Accept ties between two foreign municipalities (a world list).",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the new ties in the directory."
        )
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="HEADER=KEY",
            help="Which column is which (repeatable); headers not named are ignored.",
        )
        parser.add_argument(
            "--report", metavar="FILE.json", help="Write the counts and the rows set aside here."
        )
        parser.add_argument(
            "--source", default="", help="Where the file comes from (written on the new ties)."
        )
        parser.add_argument("--mapping", help="Name of a saved column mapping.")
        parser.add_argument("--encoding", help="Encoding of a CSV file (detected when omitted).")
        parser.add_argument(
            "--delimiter", help="Delimiter of a CSV file (detected when omitted); tab as \\t."
        )
        parser.add_argument("--user", help="E-mail of the staff member the job is recorded for.")
        parser.add_argument(
            "--quiet-rows", action="store_true", help="Print only the rows set aside and totals."
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        data = path.read_bytes()
        mapping = self._mapping(options)
        assignment = self._assignment(data, options)
        user = (
            User.objects.filter(email__iexact=options["user"]).first() if options["user"] else None
        )
        job = job_create(
            data=data,
            name=path.name,
            user=user,
            create_missing=options["create_missing"],
            mapping=mapping,
            encoding=options["encoding"] or "",
            delimiter=options["delimiter"] or "",
            kind=self.kind,
            strict=not options["set_aside"],
            foreign_pairs=options["foreign_pairs"],
            publish=options["publish"],
            source=options["source"],
            assignment=assignment,
        )
        report = self._run(job, options)
        self._print(job, report, options)
        if options["report"]:
            Path(options["report"]).write_text(
                json.dumps(report.as_json(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
        if report.has_set_aside and not options["set_aside"]:
            self.stdout.write(
                "Nothing was written." if not options["dry_run"] else "The file would not import."
            )
            sys.exit(1)

    def _mapping(self, options):
        if not options["mapping"]:
            return None
        mapping = ColumnMapping.objects.filter(name=options["mapping"]).first()
        if mapping is None:
            raise CommandError(f"No saved mapping called “{options['mapping']}”.")
        return mapping

    def _assignment(self, data, options):
        """{index: key} from --column, checked against the file's headers (None without it)."""
        if not options["column"]:
            return None
        chosen = {}
        for spec in options["column"]:
            header, equals, key = spec.rpartition("=")
            if not equals or not header.strip():
                raise CommandError(f"--column takes HEADER=KEY, not “{spec}”.")
            if header.strip() in chosen:
                raise CommandError(f"The header “{header.strip()}” is given twice.")
            chosen[header.strip()] = key.strip()
        try:
            table = read_table(
                data, encoding=options["encoding"] or None, delimiter=options["delimiter"] or None
            )
        except FileRefused as refused:
            self.stderr.write(f"error: {refused}")
            sys.exit(1)
        try:
            return assignment_from_headers(
                table.headers, chosen, columns_of(ImportJob(kind=self.kind))
            )
        except MappingRefused as refused:
            raise CommandError(str(refused)) from refused

    def _run(self, job, options):
        try:
            return job_preview(job) if options["dry_run"] else job_import(job)
        except FileRefused as refused:
            job_fail(job, str(refused))
            self.stderr.write(f"error: {refused}")
        except ImportFailed as failed:
            self.stderr.write(f"error: {failed}")
        except NeedsMapping as needs:
            unknown = ", ".join(f"“{header}”" for _index, header in needs.match.unknown) or "—"
            missing = ", ".join(needs.match.missing) or "—"
            job_fail(job, gettext("The columns of the file need mapping."))
            self.stderr.write(
                f"error: the columns do not match. Unknown: {unknown}. Missing: {missing}. "
                'Say which is which with --column "HEADER=KEY" (or map them once in the admin '
                "and save the mapping, then use --mapping NAME)."
            )
        sys.exit(1)

    def _print(self, job, report, options):
        for row in report.rows:
            if options["quiet_rows"] and not row.is_set_aside:
                continue
            line = f"row {row.number}: {row.outcome}"
            if row.column:
                line += f" [{row.column}]"
            if row.message:
                line += f": {row.message}"
            if row.describe:
                line += f" — {row.describe}"
            for note in row.notes:
                line += f" ({note})"
            self.stdout.write(line)
        for created in report.created_municipalities:
            if not options["quiet_rows"]:
                self.stdout.write(f"create: {created}")
        summary = report.as_json()
        self.stdout.write(
            f"job #{job.pk}: {summary['rows']} rows: {summary['written']} written, "
            f"{summary['unchanged']} unchanged, {summary['merged']} merged as the same tie, "
            f"{summary['set_aside']} set aside. {report.summary()}"
        )
