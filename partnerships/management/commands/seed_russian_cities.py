import time

from django.core.management.base import BaseCommand

from partnerships.services.seeding import ATTRIBUTION, russian_cities_seed


class Command(BaseCommand):
    help = (
        "Load the open register of Russian cities (1,117 cities with OKTMO, federal subject, "
        "coordinates and population) into the registry, matching each to its GeoNames place. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options):
        start = time.perf_counter()
        report = russian_cities_seed()
        counts = report.counts
        self.stdout.write(
            f"Register of Russian cities: {counts['new']} new, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['set_aside']} set aside, "
            f"in {time.perf_counter() - start:.1f} s. {ATTRIBUTION}."
        )
        for row in report.rows:
            if row.is_set_aside:
                self.stdout.write(f"  row {row.number}: {row.message}")
