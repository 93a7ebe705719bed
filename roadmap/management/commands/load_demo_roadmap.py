from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from roadmap.demo import demo_roadmap_create


class Command(BaseCommand):
    help = "Add the demo roadmap: milestones over several years in every status (demo data)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is loaded only with DEBUG on.")
        created = demo_roadmap_create()
        self.stdout.write(f"Demo roadmap: {created} milestone(s) added.")
