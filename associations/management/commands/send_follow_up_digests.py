from django.core.management.base import BaseCommand

from associations.services import follow_up_digests_send


class Command(BaseCommand):
    help = "Send today's follow-up digests now (the daily beat task does the same)."

    def handle(self, *args, **options):
        sent = follow_up_digests_send()
        self.stdout.write(
            f"{sent['digests']} digest(s) queued, listing {sent['follow_ups']} follow-up(s)."
        )
