"""
Claiming reminders: the part of sending one that makes it happen at most once.

Call ``reminders_claim`` inside the transaction that queues the e-mail. It
inserts one log row per object with ``ON CONFLICT DO NOTHING`` and returns the
ids whose rows this call inserted; only those may be mentioned in the e-mail.
A concurrent transaction inserting the same rows waits for this one and then
gets nothing back; if this one rolls back, the rows (and the e-mail, queued on
commit) vanish together and the next run claims them again.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from .models import ReminderLog

BATCH = 1000


def reminders_claim(*, model, object_ids, kind, period, recipient=None):
    """Claim a reminder of ``kind`` for ``period`` on each object; return the ids claimed now."""
    object_ids = sorted(set(object_ids))
    if not object_ids:
        return set()
    content_type_id = ContentType.objects.get_for_model(model).pk
    table = connection.ops.quote_name(ReminderLog._meta.db_table)
    recipient_id = recipient.pk if recipient is not None else None
    now = timezone.now()
    claimed = set()
    with connection.cursor() as cursor:
        for start in range(0, len(object_ids), BATCH):
            batch = object_ids[start : start + BATCH]
            rows = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(batch))
            params = []
            for object_id in batch:
                params += [content_type_id, object_id, kind, period, recipient_id, now]
            cursor.execute(
                f"INSERT INTO {table} "  # noqa: S608 (table name from the model, values bound)
                "(content_type_id, object_id, kind, period, recipient_id, sent_at) "
                f"VALUES {rows} "
                "ON CONFLICT (content_type_id, object_id, kind, period) DO NOTHING "
                "RETURNING object_id",
                params,
            )
            claimed.update(row[0] for row in cursor.fetchall())
    return claimed
