from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from knowledge.demo import demo_knowledge_create


class Command(BaseCommand):
    help = (
        "Add the demo knowledge base: invented, marked entries on all six themes, both languages."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is loaded only with DEBUG on.")
        created = demo_knowledge_create()
        self.stdout.write(f"Demo knowledge base: {created} entry(ies) added.")
