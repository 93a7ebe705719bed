"""
The thematic knowledge base (resolution of 1 November 2017, decision 1).

The project office collects material on the development of the municipal
community under six themes, seeded by a data migration. An entry (an article,
a document, a practice, a legal act or an event report) is written in Russian,
English or both, in Markdown; it may carry attached files whose text is
extracted in the background and searched with the rest.

Search runs on PostgreSQL's full-text search: ``Entry.search_vector`` is a
stored ``tsvector`` (GIN-indexed) rebuilt on every save from the titles,
summaries and bodies (Russian columns with the ``russian`` configuration,
English ones with ``english``, weighted A to C) and the text of the attached
files (weight D).
"""

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connections, models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from uploads.checks import DOCUMENTS_AND_IMAGES
from uploads.fields import ProtectedFileField
from urc_portal.bilingual import active_language, bilingual

RUSSIAN = "russian"
ENGLISH = "english"
# Text search configuration of each language's columns.
SEARCH_CONFIGS = {"ru": RUSSIAN, "en": ENGLISH}


class Theme(models.Model):
    """One of the six themes of the resolution (seeded by a migration)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, unique=True)
    name = bilingual("name")
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description = bilingual("description")
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("knowledge:theme", args=[self.slug])


class Entry(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        DOCUMENT = "document", _("document")
        PRACTICE = "practice", _("best practice or case study")
        LEGAL_ACT = "legal_act", _("legal act")
        EVENT_REPORT = "event_report", _("event report")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("open to everyone")
        STAFF = "staff", _("project office staff only")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title = bilingual("title")
    # Made from the first title when the entry is created and never changed,
    # so links to an entry keep working after its title is edited.
    slug = models.SlugField(_("slug"), max_length=100, unique=True, editable=False)
    summary_ru = models.TextField(_("summary (Russian)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary = bilingual("summary")
    body_ru = models.TextField(
        _("text (Russian)"), blank=True, help_text=_("Markdown: **bold**, _italic_, # heading.")
    )
    body_en = models.TextField(
        _("text (English)"), blank=True, help_text=_("Markdown: **bold**, _italic_, # heading.")
    )
    body = bilingual("body")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="entries")
    countries = CountryField(_("countries"), multiple=True, blank=True)
    municipalities = models.ManyToManyField(
        "partnerships.Municipality",
        verbose_name=_("municipalities"),
        blank=True,
        related_name="knowledge_entries",
    )
    associations = models.ManyToManyField(
        "associations.NationalAssociation",
        verbose_name=_("associations"),
        blank=True,
        related_name="knowledge_entries",
    )
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        verbose_name=_("partnerships"),
        blank=True,
        related_name="knowledge_entries",
    )
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the material comes from: a publication, an organisation, an author."),
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("The date of the material itself; today's date when left empty on publishing."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_entries",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    first_published_at = models.DateTimeField(
        _("first published at"), null=True, blank=True, editable=False
    )
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_vector", "updated_at"],
        m2m_fields=[themes, municipalities, associations, partnerships],
    )

    class Meta:
        verbose_name = _("knowledge base entry")
        verbose_name_plural = _("knowledge base entries")
        ordering = ["-published_on", "-pk"]
        indexes = [
            # Created on PostgreSQL only (knowledge.postgres_operations).
            GinIndex(fields=["search_vector"], name="entry_search_vector"),
            models.Index(fields=["state", "visibility", "-published_on"], name="entry_listing"),
            models.Index(fields=["-first_published_at"], name="entry_feed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_ru="") | ~Q(title_en=""),
                name="entry_has_a_title",
                violation_error_message=_("Give the entry a title in Russian or in English."),
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="entry_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(state="draft")
                | Q(published_on__isnull=False, first_published_at__isnull=False),
                name="entry_published_has_dates",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.search_vector_refresh()

    def get_absolute_url(self):
        return reverse("knowledge:entry", args=[self.slug])

    def search_vector_refresh(self):
        """Rebuild the stored search vector from the row and its attachments, in the database."""
        if connections[self._state.db or "default"].vendor == "postgresql":
            Entry.objects.using(self._state.db).filter(pk=self.pk).update(
                search_vector=entry_search_vector()
            )

    @property
    def kind_label(self):
        """The type's label, looked up without Model.get_FOO_display's per-call dict of choices."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def published_display(self):
        return f"{self.published_on:%d.%m.%Y}" if self.published_on else ""

    @property
    def is_published(self):
        return self.state == self.State.PUBLISHED

    @property
    def is_public(self):
        return self.is_published and self.visibility == self.Visibility.PUBLIC

    @property
    def title_language(self):
        return self.language_of("title")

    @property
    def summary_language(self):
        return self.language_of("summary")

    @property
    def body_language(self):
        return self.language_of("body")

    def language_of(self, field_name):
        """The language code the bilingual ``field_name`` is shown in (for ``lang=``)."""
        first = active_language()
        if getattr(self, f"{field_name}_{first}", ""):
            return first
        other = "en" if first == "ru" else "ru"
        return other if getattr(self, f"{field_name}_{other}", "") else first


KIND_LABELS = dict(Entry.Kind.choices)


class EntryAttachment(models.Model):
    """A file kept with an entry; the text of PDF, DOCX and ODT files is searched."""

    class Extraction(models.TextChoices):
        PENDING = "pending", _("waiting for text extraction")
        DONE = "done", _("text extracted")
        FAILED = "failed", _("text extraction failed")
        NOT_APPLICABLE = "not_applicable", _("no text to extract")

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("entry")
    )
    file = ProtectedFileField(_("file"), kinds=DOCUMENTS_AND_IMAGES, folder="knowledge")
    extraction = models.CharField(
        _("text extraction"),
        max_length=20,
        choices=Extraction.choices,
        default=Extraction.PENDING,
        editable=False,
    )
    extraction_error = models.CharField(
        _("extraction error"), max_length=300, blank=True, editable=False
    )
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    text_config = models.CharField(
        _("text search configuration"),
        max_length=20,
        choices=[(RUSSIAN, "russian"), (ENGLISH, "english")],
        blank=True,
        editable=False,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["extracted_text"])

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.filename

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    @property
    def extension(self):
        return self.filename.rsplit(".", 1)[-1].lower() if "." in self.filename else ""

    @property
    def is_image(self):
        return self.extension in {"jpg", "jpeg", "png", "gif", "webp"}


def _attached_text(config):
    """The extracted text of an entry's attachments in one configuration, as one string."""
    return Subquery(
        EntryAttachment.objects.filter(
            entry=OuterRef("pk"), extraction=EntryAttachment.Extraction.DONE, text_config=config
        )
        .order_by()
        .values("entry")
        .annotate(text=StringAgg("extracted_text", delimiter=" "))
        .values("text")[:1]
    )


def entry_search_vector():
    """
    The expression of an entry's search vector: Russian columns with the
    ``russian`` configuration, English ones with ``english``; titles weigh A,
    summaries B, bodies C, attached files' text D.
    """
    vector = None
    for field, weight in (("title", "A"), ("summary", "B"), ("body", "C")):
        for language, config in SEARCH_CONFIGS.items():
            part = SearchVector(f"{field}_{language}", config=config, weight=weight)
            vector = part if vector is None else vector + part
    for config in (RUSSIAN, ENGLISH):
        vector += SearchVector(_attached_text(config), config=config, weight="D")
    return vector
