from celery import shared_task

from .services import follow_up_digests_send


@shared_task
def send_follow_up_digests():
    """Daily: each owner's digest of follow-ups due today or overdue (at most once a day)."""
    return follow_up_digests_send()
