"""Changes to the knowledge base. Views, admin, tasks and commands call these."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mechanisms.placenames import transliterate

from .extraction import EXTRACTABLE, ExtractionFailed, extract_text_bounded, text_config_of
from .models import Entry, EntryAttachment, entry_search_vector
from .search import uses_full_text_search

logger = logging.getLogger(__name__)

RELATIONS = ("themes", "municipalities", "associations", "partnerships")
SLUG_MAX_LENGTH = 80
FALLBACK_SLUG = "entry"


def slug_for(title_ru="", title_en=""):
    """
    A new, unused slug from the first title: the Russian one transliterated
    («Побратимские связи» -> ``pobratimskie-svyazi``), else the English one;
    ``entry`` when neither leaves a Latin letter or digit; ``-2``, ``-3`` ...
    when taken.
    """
    base = slugify(transliterate(title_ru or title_en or ""))[:SLUG_MAX_LENGTH].strip("-")
    base = base or FALLBACK_SLUG
    taken = set(Entry.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def publication_dates_set(entry):
    """A published entry has a publication date and the moment it first went out."""
    if entry.state == Entry.State.PUBLISHED:
        if entry.published_on is None:
            entry.published_on = timezone.localdate()
        if entry.first_published_at is None:
            entry.first_published_at = timezone.now()


def _relations_set(entry, relations):
    if "themes" in relations and not relations["themes"]:
        raise ValidationError({"themes": _("Choose at least one theme.")})
    for name, values in relations.items():
        getattr(entry, name).set(values)


@transaction.atomic
def entry_create(*, author, files=(), **fields):
    """
    Write a new entry with its themes, links and attached files, all or nothing.
    ``fields`` are Entry's fields and the lists ``themes`` (at least one),
    ``municipalities``, ``associations`` and ``partnerships``.
    """
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    relations.setdefault("themes", [])
    entry = Entry(author=author, **fields)
    entry.slug = slug_for(entry.title_ru, entry.title_en)
    publication_dates_set(entry)
    entry.full_clean()
    entry.save()
    _relations_set(entry, relations)
    for uploaded in files:
        attachment_add(entry=entry, file=uploaded, uploaded_by=author)
    return entry


@transaction.atomic
def entry_update(*, entry, by, files=(), removed_attachments=(), **fields):
    """
    Change an entry: its fields, themes and links, plus files to add and
    attachments to remove, all or nothing. The slug never changes.
    """
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    for name, value in fields.items():
        setattr(entry, name, value)
    publication_dates_set(entry)
    entry.full_clean()
    entry.save()
    _relations_set(entry, relations)
    for attachment in removed_attachments:
        if attachment.entry_id == entry.pk:
            attachment_remove(attachment=attachment)
    for uploaded in files:
        attachment_add(entry=entry, file=uploaded, uploaded_by=by)
    return entry


def attachment_add(*, entry, file, uploaded_by):
    """
    Keep a file with an entry (checked by content and size). The text of a
    PDF, DOCX or ODT file is extracted by a Celery task once the transaction
    commits; other files have no text to search.
    """
    attachment = EntryAttachment(entry=entry, file=file, uploaded_by=uploaded_by)
    attachment.full_clean(exclude=["entry"])
    return attachment_store(attachment)


def attachment_store(attachment):
    """Save a new or replaced file; its old text no longer counts and the new one is queued."""
    extractable = attachment.extension in EXTRACTABLE
    attachment.extraction = (
        EntryAttachment.Extraction.PENDING
        if extractable
        else EntryAttachment.Extraction.NOT_APPLICABLE
    )
    attachment.extraction_error = ""
    attachment.extracted_text = ""
    attachment.text_config = ""
    attachment.save()
    if extractable:
        attachment_extraction_queue(attachment)
    else:
        attachment.entry.search_vector_refresh()
    return attachment


def attachment_extraction_queue(attachment):
    """Send the attachment's text extraction to the worker when the transaction commits."""
    from .tasks import extract_attachment_text

    transaction.on_commit(lambda: extract_attachment_text.delay(attachment.pk))


@transaction.atomic
def attachment_remove(*, attachment):
    """Delete an attachment and its file; the entry is searched without its text from now on."""
    entry = attachment.entry
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name))
    entry.search_vector_refresh()


def attachment_text_extract(*, attachment):
    """
    Read the text of an attached document, in a child process bounded in time
    and memory, and make the entry findable by it. A file that cannot be read
    is marked failed with the reason; the entry stays searchable by the rest.
    """
    if attachment.extension not in EXTRACTABLE:
        attachment.extraction = EntryAttachment.Extraction.NOT_APPLICABLE
        attachment.save(update_fields=["extraction"])
        return attachment
    try:
        with attachment.file.open("rb") as handle:
            data = handle.read()
        text = extract_text_bounded(
            data,
            attachment.extension,
            seconds=settings.KNOWLEDGE_EXTRACTION_SECONDS,
            memory_bytes=settings.KNOWLEDGE_EXTRACTION_MEMORY_MB * 1024 * 1024,
            max_chars=settings.KNOWLEDGE_EXTRACTION_MAX_CHARS,
        )
    except (ExtractionFailed, OSError) as failed:
        logger.warning("Text extraction failed for attachment %s: %s", attachment.pk, failed)
        attachment.extraction = EntryAttachment.Extraction.FAILED
        attachment.extraction_error = str(failed)[:300]
        attachment.extracted_text = ""
        attachment.text_config = ""
    else:
        attachment.extraction = EntryAttachment.Extraction.DONE
        attachment.extraction_error = ""
        # PostgreSQL text cannot hold NUL characters; a PDF may.
        attachment.extracted_text = text.replace("\x00", " ")
        attachment.text_config = text_config_of(text)
    with transaction.atomic():
        attachment.save(
            update_fields=["extraction", "extraction_error", "extracted_text", "text_config"]
        )
        attachment.entry.search_vector_refresh()
    return attachment


def entries_search_refresh(queryset=None):
    """Rebuild the search vectors of many entries in one UPDATE (after a bulk load)."""
    if not uses_full_text_search():
        return 0
    queryset = queryset if queryset is not None else Entry.objects.all()
    return queryset.update(search_vector=entry_search_vector())
