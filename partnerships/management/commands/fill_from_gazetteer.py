from django.core.management.base import BaseCommand

from partnerships.services import municipalities_fill_from_gazetteer


class Command(BaseCommand):
    help = (
        "Give municipalities without a GeoNames id, English name or coordinates those of the "
        "place the gazetteer's rules choose in their own country; report every ambiguous or "
        "unknown name instead of guessing. Staff do the same from the municipality list in the "
        "admin."
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
        for municipality, place, owner in report.taken:
            self.stdout.write(
                f"taken      {municipality}: GeoNames {place.geonames_id} belongs to "
                f"municipality no. {owner} (a duplicate? merge them in the admin)"
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
            f"{verb} {len(report.filled)}, {len(report.taken)} taken by another municipality, "
            f"{len(report.ambiguous)} ambiguous, {len(report.not_found)} not found."
        )
