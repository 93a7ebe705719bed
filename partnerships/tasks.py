from celery import shared_task

from .services.requests import request_waiting_digests_send


@shared_task
def send_request_digests():
    """Daily: staff's digest of partnership requests waiting too long (at most once a day)."""
    return request_waiting_digests_send()
