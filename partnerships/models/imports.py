"""Import jobs and saved column mappings."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from uploads.storage import UploadPath, protected_storage


class ColumnMapping(models.Model):
    """How the columns of files from one source map onto the import's columns, kept by name."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    # normalised header -> column key
    columns = models.JSONField(_("columns"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ImportJob(models.Model):
    """One file imported (or previewed): who, when, with which options, and what each row became."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("previewed")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("imported")
        FAILED = "failed", _("failed")

    class Kind(models.TextChoices):
        PARTNERSHIPS = "partnerships", _("twinning and partnership ties")
        MUNICIPALITIES = "municipalities", _("municipalities")

    kind = models.CharField(
        _("the file lists"), max_length=20, choices=Kind.choices, default=Kind.PARTNERSHIPS
    )
    file = models.FileField(
        _("file"), storage=protected_storage, upload_to=UploadPath("imports"), max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED
    )
    create_missing = models.BooleanField(_("create missing municipalities"), default=False)
    strict = models.BooleanField(
        _("all or nothing"),
        default=False,
        help_text=_("Write nothing unless every row can be placed."),
    )
    foreign_pairs = models.BooleanField(
        _("ties between two foreign municipalities"),
        default=False,
        help_text=_("The file lists ties of foreign cities with each other (a world list)."),
    )
    publish = models.BooleanField(
        _("publish the new ties"),
        default=False,
        help_text=_("New ties appear in the public directory; otherwise only staff see them."),
    )
    source = models.CharField(
        _("source of the file"),
        max_length=200,
        blank=True,
        help_text=_(
            "Written on ties that name no source of their own. Decisions about names in the "
            "file are remembered for files of this source."
        ),
    )
    encoding = models.CharField(_("encoding"), max_length=30, blank=True)
    delimiter = models.CharField(_("delimiter"), max_length=4, blank=True)
    mapping = models.ForeignKey(
        ColumnMapping,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("saved mapping"),
    )
    # file column index (as text) -> column key, as used
    assignment = models.JSONField(_("columns used"), default=dict)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    counts = models.JSONField(_("outcomes"), default=dict)
    report = models.FileField(
        _("per-row report"),
        storage=protected_storage,
        upload_to=UploadPath("import-reports"),
        blank=True,
    )
    message = models.TextField(_("message"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self):
        return f"#{self.pk} {self.original_name}"

    def get_absolute_url(self):
        return reverse("admin:partnerships_importjob_change", args=[self.pk])

    @property
    def reason(self):
        """What history records of the job's changes say."""
        return f"import job #{self.pk} ({self.original_name})"


class SetAsideRow(models.Model):
    """
    A row of an import that could not be placed with certainty. It stays on
    the job until staff resolve the name that stopped it (or skip it) and the
    job writes it; its cells are kept as the file had them.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for a decision")
        SKIPPED = "skipped", _("skipped")
        WRITTEN = "written", _("written")

    job = models.ForeignKey(
        ImportJob, on_delete=models.CASCADE, related_name="set_aside_rows", verbose_name=_("job")
    )
    row_number = models.PositiveIntegerField(_("row"))
    cells = models.JSONField(_("cells"), default=list)
    reason = models.CharField(_("reason"), max_length=30)
    column = models.CharField(_("column"), max_length=200, blank=True)
    side = models.CharField(_("side"), max_length=20, blank=True)
    name = models.CharField(_("name that stopped it"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    # reason|country|normalised name: one decision resolves every row of a group.
    group_key = models.CharField(max_length=400)
    message = models.TextField(_("message"), blank=True)
    candidates = models.JSONField(_("candidates"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("row set aside")
        verbose_name_plural = _("rows set aside")
        ordering = ["job", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "row_number"], name="set_aside_row_once")
        ]
        indexes = [models.Index(fields=["job", "status", "group_key"])]

    def __str__(self):
        return f"#{self.job_id}:{self.row_number} {self.name}"
