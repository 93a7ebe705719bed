from celery import shared_task

from .services import milestone_reminders_send


@shared_task
def send_milestone_reminders():
    """Daily: e-mail the people responsible for milestones starting soon or overdue (once each)."""
    return milestone_reminders_send()
