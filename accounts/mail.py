"""
E-mail of the portal: rendered in the recipient's language, sent by Celery.

Every message is rendered where it is decided (in the web request or a task),
with the recipient's preferred language active, and handed to a Celery task
only when the surrounding transaction commits, so a rolled-back change never
sends anything and a slow mail server never slows a page.
"""

from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def language_of(recipient):
    """The language to write to a user (or to a bare address) in."""
    language = getattr(recipient, "preferred_language", None)
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def render_email(template_prefix, context, language):
    """
    Render ``<prefix>_subject.txt``, ``<prefix>_message.txt`` and, if it exists,
    ``<prefix>_message.html`` in ``language``.
    """
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        body = render_to_string(f"{template_prefix}_message.txt", context)
        try:
            html = render_to_string(f"{template_prefix}_message.html", context)
        except TemplateDoesNotExist:  # the HTML part is optional
            html = None
    return subject, body, html


def queue_email(*, to, subject, body, html=None):
    """Send one message from a Celery task once the current transaction commits."""
    from .tasks import send_email

    recipients = [to] if isinstance(to, str) else list(to)
    transaction.on_commit(
        lambda: send_email.delay(to=recipients, subject=subject, body=body, html=html)
    )


def queue_templated_email(*, recipient, template_prefix, context, address=None):
    """Render a template in the recipient's language and queue it."""
    subject, body, html = render_email(template_prefix, context, language_of(recipient))
    queue_email(to=address or recipient.email, subject=subject, body=body, html=html)
