from django.core.management.base import BaseCommand

from partnerships.services.requests import request_waiting_digests_send


class Command(BaseCommand):
    help = "Send today's digest of partnership requests waiting too long (the beat task does too)."

    def handle(self, *args, **options):
        sent = request_waiting_digests_send()
        self.stdout.write(
            f"{sent['digests']} digest(s) queued, listing {sent['requests']} request(s)."
        )
