from celery import shared_task

from .models import EntryAttachment
from .services import attachment_text_extract


@shared_task
def extract_attachment_text(attachment_id):
    """Read an attached document's text for search (bounded in time and memory per file)."""
    attachment = EntryAttachment.objects.select_related("entry").filter(pk=attachment_id).first()
    if attachment is None:  # removed before the worker got to it
        return None
    return attachment_text_extract(attachment=attachment).extraction
