"""
Pages of the knowledge base.

Reading pages (home, themes, search, entries, attachments) are open to all,
and show each person only what ``selectors.entries_visible_to`` lets them
see: other people's drafts or staff-only entries are 404, never 403, so their
existence does not leak. Writing is ``@staff_required``. The Markdown preview
answers htmx with a fragment; without JavaScript the form's Preview button
shows the same preview on the form page, unsaved.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from uploads.responses import protected_file_response
from urc_portal.forms import apply_to_form

from . import selectors, services
from .filters import EntryFilter
from .forms import EntryForm, PreviewForm
from .markup import markdown_to_html
from .models import Entry, EntryAttachment

ENTRIES_PER_PAGE = 20
BODY_FIELDS = ("body_ru", "body_en")


def index(request):
    """The knowledge base by theme: each theme with its count and latest entries."""
    context = {"themes": selectors.themes_with_latest(request.user)}
    if selectors.is_staff(request.user):
        context["draft_count"] = Entry.objects.filter(state=Entry.State.DRAFT).count()
    return render(request, "knowledge/index.html", context)


def _listing(request, template, *, themes, theme=None):
    base = selectors.entries_visible_to(request.user)
    if theme is not None:
        base = base.filter(themes=theme)
    entry_filter = EntryFilter(
        request.GET,
        queryset=selectors.newest_first(base),
        user=request.user,
        fixed_theme=theme,
        themes=themes,
    )
    if entry_filter.errors:
        messages.warning(request, _("Some filters were not understood and are ignored."))
    results = selectors.text_search(
        selectors.entries_for_list(entry_filter.qs), entry_filter.query_text
    )
    paginator = Paginator(results, ENTRIES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = selectors.theme_links_attach(page.object_list, themes)
    return render(
        request,
        template,
        {
            "filter": entry_filter,
            "page": page,
            "theme": theme,
            "query": entry_filter.query_text,
            # A frequent term: only the first matches are ranked (knowledge.search).
            "has_more": getattr(results, "has_more", False),
            "window": getattr(results, "window", None),
            "long_query_cut": len(request.GET.get("q", "")) > len(entry_filter.query_text) + 50,
        },
    )


def search(request):
    return _listing(request, "knowledge/search.html", themes=selectors.themes_for_page())


def theme_detail(request, slug):
    themes = selectors.themes_for_page()
    theme = next((theme for theme in themes if theme.slug == slug), None)
    if theme is None:
        raise Http404
    return _listing(request, "knowledge/theme_detail.html", themes=themes, theme=theme)


def entry_detail(request, slug):
    try:
        entry = selectors.entry_for_page(request.user, slug)
    except Entry.DoesNotExist as missing:
        raise Http404 from missing
    return render(
        request,
        "knowledge/entry_detail.html",
        {"entry": entry, **selectors.entry_links(entry, request.user)},
    )


def attachment_download(request, pk):
    """A file of an entry the person may see; 404 for anything else."""
    attachment = get_object_or_404(
        EntryAttachment.objects.filter(entry__in=selectors.entries_visible_to(request.user)),
        pk=pk,
    )
    return protected_file_response(attachment.file)


def _entry_fields(form):
    return {
        name: value
        for name, value in form.cleaned_data.items()
        if name not in {"attachments", "removed_attachments"}
    }


def _previews(data):
    return {name: markdown_to_html(data.get(name, "")) for name in BODY_FIELDS}


def _form_page(request, form, entry=None, previews=None):
    return render(
        request,
        "knowledge/entry_form.html",
        {"form": form, "entry": entry, "previews": previews or _previews({})},
    )


@staff_required
def entry_create(request):
    if request.method != "POST":
        return _form_page(request, EntryForm())
    form = EntryForm(request.POST, request.FILES)
    if "preview" in request.POST:
        return _form_page(request, form, previews=_previews(request.POST))
    if form.is_valid():
        entry = apply_to_form(
            form,
            lambda: services.entry_create(
                author=request.user,
                files=form.cleaned_data["attachments"],
                **_entry_fields(form),
            ),
        )
        if entry:
            messages.success(request, _("The entry is saved."))
            return redirect(entry.get_absolute_url())
    return _form_page(request, form, previews=_previews(request.POST))


@staff_required
def entry_edit(request, slug):
    entry = get_object_or_404(Entry, slug=slug)
    if request.method != "POST":
        form = EntryForm(instance=entry)
        return _form_page(request, form, entry, previews=_previews(form.initial))
    form = EntryForm(request.POST, request.FILES, instance=entry)
    if "preview" in request.POST:
        return _form_page(request, form, entry, previews=_previews(request.POST))
    if form.is_valid():
        saved = apply_to_form(
            form,
            lambda: services.entry_update(
                entry=entry,
                by=request.user,
                files=form.cleaned_data["attachments"],
                removed_attachments=form.cleaned_data["removed_attachments"],
                **_entry_fields(form),
            ),
        )
        if saved:
            messages.success(request, _("The entry is saved."))
            return redirect(saved.get_absolute_url())
    entry.refresh_from_db()
    return _form_page(request, form, entry, previews=_previews(request.POST))


@staff_required
@require_POST
def preview(request):
    """The live preview: the posted Markdown text as the entry page will show it."""
    form = PreviewForm(request.POST)
    form.is_valid()
    field = next((name for name in BODY_FIELDS if name in request.POST), BODY_FIELDS[0])
    text = form.cleaned_data.get(field, "")
    return render(request, "knowledge/includes/preview.html", {"html": markdown_to_html(text)})
