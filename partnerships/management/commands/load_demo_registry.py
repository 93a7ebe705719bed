from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnerships.demo import demo_registry_create


class Command(BaseCommand):
    help = "Add the demo registry: real places from the gazetteer, joined by invented, marked ties."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is loaded only with DEBUG on.")
        try:
            created = demo_registry_create()
        except RuntimeError as missing:
            raise CommandError(str(missing)) from missing
        self.stdout.write(f"Demo registry: {created} tie(s) added.")
