from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from associations.demo import demo_outreach_create


class Command(BaseCommand):
    help = "Add the demo outreach pipeline (prospects, contacts, timeline, follow-ups)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is loaded only with DEBUG on.")
        created = demo_outreach_create()
        self.stdout.write(f"Demo outreach: {created} association(s) added.")
