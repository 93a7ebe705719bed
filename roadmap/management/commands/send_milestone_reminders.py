from django.core.management.base import BaseCommand

from roadmap.services import milestone_reminders_send


class Command(BaseCommand):
    help = (
        "Send today's milestone reminders now (the daily beat task does the same): "
        "milestones starting soon and milestones that have become overdue, each once."
    )

    def handle(self, *args, **options):
        sent = milestone_reminders_send()
        self.stdout.write(
            f"{sent['upcoming']} reminder(s) of milestones starting soon and "
            f"{sent['overdue']} of overdue milestones queued."
        )
