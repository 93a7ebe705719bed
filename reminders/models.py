from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

ONCE = "once"


class ReminderLog(models.Model):
    """
    One reminder about one object, sent once per period.

    The unique constraint is the guarantee: a reminder is sent only by the
    transaction that managed to insert its row, so a second run, or a second
    worker running at the same moment, finds the row taken and sends nothing.
    ``period`` is the day (``2026-11-25``) for a daily digest and ``once`` for
    a reminder that goes out a single time ("overdue").
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind of reminder"), max_length=64)
    period = models.CharField(_("period"), max_length=32)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "period"],
                name="reminders_once_per_object_kind_period",
            )
        ]

    def __str__(self):
        return f"{self.kind} · {self.period} · {self.content_type.model} #{self.object_id}"
