from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import (
    DEMO_OFFICIAL_EMAIL,
    DEMO_OFFICIAL_PASSWORD,
    DEMO_STAFF_EMAIL,
    DEMO_STAFF_PASSWORD,
    demo_accounts_create,
)


class Command(BaseCommand):
    help = "Create the demo staff member and city official of a development portal."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts have known passwords and are created only with DEBUG on."
            )
        demo_accounts_create()
        self.stdout.write(
            f"Demo staff: {DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD}\n"
            f"Demo city official: {DEMO_OFFICIAL_EMAIL} / {DEMO_OFFICIAL_PASSWORD}"
        )
