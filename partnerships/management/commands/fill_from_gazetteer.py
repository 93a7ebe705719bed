from django.core.management.base import BaseCommand

from partnerships.services import municipalities_fill_from_gazetteer


class Command(BaseCommand):
    help = (
        "Give municipalities without coordinates or a GeoNames id both, from the gazetteer, where "
        "exactly one place matches; report every ambiguous or unknown name instead of guessing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, **options):
        report = municipalities_fill_from_gazetteer(dry_run=options["dry_run"])
        for municipality, place in report.filled:
            self.stdout.write(
                f"filled     {municipality} ({municipality.country.code}) "
                f"<- GeoNames {place.geonames_id}"
            )
        for municipality, place in report.filled_elsewhere:
            self.stdout.write(
                f"elsewhere  {municipality}: the only match is GeoNames {place.geonames_id} in "
                f"{place.country_code}; the registry keeps {municipality.country.code}"
            )
        for municipality, places in report.ambiguous:
            candidates = "; ".join(
                f"{p.name} ({p.country_code} {p.admin1_code}, {p.population:,}, "
                f"GeoNames {p.geonames_id})"
                for p in places
            )
            self.stdout.write(f"ambiguous  {municipality}: {candidates}")
        for municipality in report.not_found:
            self.stdout.write(f"not found  {municipality} ({municipality.country.code})")
        verb = "would fill" if options["dry_run"] else "filled"
        self.stdout.write(
            f"{verb} {len(report.filled) + len(report.filled_elsewhere)} "
            f"({len(report.filled_elsewhere)} from another country), "
            f"{len(report.ambiguous)} ambiguous, {len(report.not_found)} not found."
        )
