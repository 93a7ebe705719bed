from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnerships.demo_requests import demo_requests_create


class Command(BaseCommand):
    help = "Link the demo official to a municipality and add demo requests in every state."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is loaded only with DEBUG on.")
        try:
            created = demo_requests_create()
        except RuntimeError as missing:
            raise CommandError(str(missing)) from missing
        self.stdout.write(f"Demo requests: {created} request(s) added.")
