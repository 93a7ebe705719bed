"""
Reads of the knowledge base: what a person may see, found and ranked.

The one rule of visibility lives in ``visible_q`` (and ``entries_visible_to``):
the public (and any signed-in person outside the project office) sees
published public entries only; project office staff see everything, drafts
and staff-only entries included. Every list, count, snippet, feed, file
download and panel starts from it.
"""

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber

from associations.selectors import associations_public
from partnerships.models import Municipality, Partnership
from partnerships.selectors import partnerships_visible_to

from .models import Entry, EntryAttachment, Theme
from .search import Casefold, clean_query, ranked, uses_full_text_search, words_of

LATEST_PER_THEME = 3
LIST_FIELDS = (
    "id",
    "slug",
    "kind",
    "title_ru",
    "title_en",
    "summary_ru",
    "summary_en",
    "published_on",
    "state",
    "visibility",
    "countries",
)


def is_staff(user):
    return bool(user and user.is_authenticated and user.is_project_staff)


def visible_q(user, prefix=""):
    """The condition an entry (reached through ``prefix``) meets to be seen by ``user``."""
    if is_staff(user):
        return Q()
    return Q(
        **{
            f"{prefix}state": Entry.State.PUBLISHED,
            f"{prefix}visibility": Entry.Visibility.PUBLIC,
        }
    )


def entries_visible_to(user):
    return Entry.objects.filter(visible_q(user))


def entries_for_list(queryset):
    """What a row of a list shows, and no more (bodies stay in the database)."""
    return queryset.only(*LIST_FIELDS)


def themes_for_page():
    """The themes, each with its URL worked out once, for a page's filters and rows."""
    themes = list(Theme.objects.all())
    for theme in themes:
        theme.url = theme.get_absolute_url()
    return themes


def theme_links_attach(entries, themes):
    """
    Give each entry of a page ``theme_links``, its themes from ``themes``: one
    query on the link table, no Theme rows built per entry.
    """
    entries = list(entries)
    by_id = {theme.pk: theme for theme in themes}
    links = {}
    pairs = Entry.themes.through.objects.filter(entry_id__in=[e.pk for e in entries])
    for entry_id, theme_id in pairs.values_list("entry_id", "theme_id"):
        links.setdefault(entry_id, []).append(by_id[theme_id])
    order = {theme.pk: index for index, theme in enumerate(themes)}
    for entry in entries:
        entry.theme_links = sorted(links.get(entry.pk, []), key=lambda theme: order[theme.pk])
    return entries


def newest_first(queryset):
    return queryset.order_by(F("published_on").desc(nulls_last=True), "-pk")


def text_search(queryset, text, *, full_text=None):
    """
    The entries of ``queryset`` that match ``text``. On PostgreSQL: full-text
    search, best match first, each with ``rank`` and ``headline``. Elsewhere
    (or with ``full_text=False``): every word in a title, summary, body or
    attached text, in any case and script, newest first.
    """
    text = clean_query(text)
    if not text:
        return newest_first(queryset)
    if full_text is None:
        full_text = uses_full_text_search(queryset.db)
    return ranked(queryset, text) if full_text else contains_search(queryset, text)


def contains_search(queryset, text):
    columns = [
        f"{field}_{language}" for field in ("title", "summary", "body") for language in ("ru", "en")
    ]
    queryset = queryset.alias(**{f"folded_{column}": Casefold(column) for column in columns})
    for word in words_of(text):
        in_attachment = EntryAttachment.objects.alias(
            folded_text=Casefold("extracted_text")
        ).filter(entry=OuterRef("pk"), folded_text__contains=word)
        match = Q(Exists(in_attachment))
        for column in columns:
            match |= Q(**{f"folded_{column}__contains": word})
        queryset = queryset.filter(match)
    return newest_first(queryset)


def themes_with_latest(user):
    """
    The six themes, each with the number of entries ``user`` may see and the
    latest few of them, in two queries whatever the size of the base.
    """
    themes = list(
        Theme.objects.annotate(entry_count=Count("entries", filter=visible_q(user, "entries__")))
    )
    Through = Entry.themes.through
    latest = (
        Through.objects.filter(visible_q(user, "entry__"))
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("theme_id")],
                order_by=[F("entry__published_on").desc(nulls_last=True), F("entry_id").desc()],
            )
        )
        .select_related("entry")
        .only(*(f"entry__{field}" for field in LIST_FIELDS), "theme_id")
    )
    by_theme = {}
    for row in latest.filter(position__lte=LATEST_PER_THEME).order_by("theme_id", "position"):
        by_theme.setdefault(row.theme_id, []).append(row.entry)
    for theme in themes:
        theme.latest = by_theme.get(theme.pk, [])
    return themes


def entry_for_page(user, slug):
    """One entry ``user`` may see, with its themes and attachments (Entry.DoesNotExist else)."""
    return (
        entries_visible_to(user)
        .select_related("author")
        .prefetch_related("themes", "attachments")
        .get(slug=slug)
    )


def municipalities_visible_to(user):
    """The public sees a municipality's page when it has a public tie (as partnerships does)."""
    if is_staff(user):
        return Municipality.objects.all()
    public = Partnership.objects.filter(is_public=True)
    return Municipality.objects.filter(
        Q(pk__in=public.values("municipality_a")) | Q(pk__in=public.values("municipality_b"))
    )


def entry_links(entry, user):
    """The municipalities, associations and ties an entry links to that ``user`` may open."""
    associations = entry.associations.all()
    if not is_staff(user):
        associations = associations.filter(pk__in=associations_public().values("pk"))
    return {
        "municipalities": list(
            entry.municipalities.filter(pk__in=municipalities_visible_to(user).values("pk"))
        ),
        "associations": list(associations),
        "partnerships": list(
            entry.partnerships.filter(
                pk__in=partnerships_visible_to(user).values("pk")
            ).select_related("municipality_a", "municipality_b")
        ),
    }


def entries_linked_to(user, *, relation, obj, limit):
    """
    The latest entries ``user`` may see whose ``relation`` (``municipalities``,
    ``associations``, ``partnerships``) includes ``obj``: at most ``limit + 1``,
    so the caller knows whether there are more.
    """
    queryset = entries_visible_to(user).filter(**{relation: obj})
    return list(newest_first(queryset.only(*LIST_FIELDS))[: limit + 1])


def entries_for_feed(limit=30):
    """The newest public entries, by the moment they were first published."""
    return (
        entries_visible_to(None)
        .prefetch_related("themes")
        .order_by("-first_published_at", "-pk")[:limit]
    )
