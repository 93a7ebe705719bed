import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from accounts.models import User
from partnerships.importing.reading import FileRefused
from partnerships.models import ColumnMapping, ImportJob
from partnerships.services.imports import (
    NeedsMapping,
    job_create,
    job_fail,
    job_import,
    job_preview,
)


class Command(BaseCommand):
    kind = ImportJob.Kind.PARTNERSHIPS
    help = (
        "Import twinning records from a CSV, XLSX, XLS or ODS file, with the same checks as the "
        "admin: all or nothing, a per-row report, exit status 1 if any row fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report; write nothing."
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Create municipalities not in the registry.",
        )
        parser.add_argument("--mapping", help="Name of a saved column mapping.")
        parser.add_argument("--encoding", help="Encoding of a CSV file (detected when omitted).")
        parser.add_argument(
            "--delimiter", help="Delimiter of a CSV file (detected when omitted); tab as \\t."
        )
        parser.add_argument("--user", help="E-mail of the staff member the job is recorded for.")
        parser.add_argument(
            "--quiet-rows", action="store_true", help="Print only errors and the summary."
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        mapping = None
        if options["mapping"]:
            mapping = ColumnMapping.objects.filter(name=options["mapping"]).first()
            if mapping is None:
                raise CommandError(f"No saved mapping called “{options['mapping']}”.")
        user = (
            User.objects.filter(email__iexact=options["user"]).first() if options["user"] else None
        )
        job = job_create(
            data=path.read_bytes(),
            name=path.name,
            user=user,
            create_missing=options["create_missing"],
            mapping=mapping,
            encoding=options["encoding"] or "",
            delimiter=options["delimiter"] or "",
            kind=self.kind,
        )
        try:
            report = job_preview(job) if options["dry_run"] else job_import(job)
        except FileRefused as refused:
            job_fail(job, str(refused))
            self.stderr.write(f"error: {refused}")
            sys.exit(1)
        except NeedsMapping as needs:
            unknown = ", ".join(f"“{header}”" for _index, header in needs.match.unknown) or "—"
            missing = ", ".join(needs.match.missing) or "—"
            job_fail(job, gettext("The columns of the file need mapping."))
            self.stderr.write(
                f"error: the columns do not match. Unknown: {unknown}. Missing: {missing}. "
                "Map them once in the admin and save the mapping, then use --mapping NAME."
            )
            sys.exit(1)
        for row in report.rows:
            if options["quiet_rows"] and row.outcome != "error":
                continue
            line = f"row {row.number}: {row.outcome}"
            if row.column:
                line += f" [{row.column}]"
            if row.message:
                line += f": {row.message}"
            for note in row.notes:
                line += f" ({note})"
            self.stdout.write(line)
        self.stdout.write(f"job #{job.pk}: {report.summary()}")
        if report.has_errors:
            self.stdout.write(
                "Nothing was written." if not options["dry_run"] else "The file would not import."
            )
            sys.exit(1)
