import sys

from django.core.management.base import BaseCommand

from partnerships.importing.resources import PartnershipResource
from partnerships.models import Partnership


class Command(BaseCommand):
    help = "Export all ties with the columns the import reads (CSV, XLSX) or as JSON open data."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument(
            "path", nargs="?", help="Where to write; standard output when omitted (not for XLSX)."
        )
        parser.add_argument(
            "--public", action="store_true", help="Only public ties, public columns."
        )

    def handle(self, *args, **options):
        resource = PartnershipResource(public=options["public"])
        queryset = Partnership.objects.all()
        if options["public"]:
            queryset = queryset.filter(is_public=True)
        queryset = resource.export_queryset(queryset)
        fmt, path = options["format"], options["path"]
        if fmt == "xlsx":
            if not path:
                self.stderr.write("XLSX needs a file path.")
                sys.exit(2)
            resource.write_xlsx(queryset, path)
            return
        chunks = resource.write_csv(queryset) if fmt == "csv" else resource.write_json(queryset)
        if path:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                for chunk in chunks:
                    handle.write(chunk)
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
