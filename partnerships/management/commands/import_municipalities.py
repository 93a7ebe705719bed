from partnerships.management.commands.import_partnerships import Command as ImportCommand
from partnerships.models import ImportJob


class Command(ImportCommand):
    kind = ImportJob.Kind.MUNICIPALITIES
    help = (
        "Import a list of municipalities from a CSV, XLSX, XLS or ODS file: matched by GeoNames "
        "id, OKTMO code, or name and country; all or nothing, exit status 1 if any row fails."
    )
