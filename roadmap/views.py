"""
Pages of the roadmap: the timeline with its accessible list, milestones, "my
milestones", the calendar feeds and the exports.

Everyone sees the roadmap; visitors and anyone outside the project office see
only milestones marked public (a hidden one answers 404), staff see all.
Changing anything is for staff (``@staff_required``). Garbage in a filter is
ignored with a message, never an error page.
"""

import io
import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from accounts.permissions import staff_required
from uploads.responses import protected_file_response
from urc_portal.bilingual import active_language
from urc_portal.forms import apply_to_form

from . import exports, feeds, selectors, services
from .cache import cached
from .filters import MilestoneFilter
from .forms import DocumentForm, MilestoneForm
from .models import Milestone, MilestoneDocument, Roadmap, milestone_span

ROWS_PER_PAGE = 50
# The filter form names staff members, who may join or leave without a milestone changing.
FILTER_FORM_TIMEOUT = 600
NEW_CALENDAR_SECRET = "roadmap-new-calendar-secret"  # noqa: S105 (a session key)


def _roadmap_or_404(pk):
    if pk is None:
        return None
    return get_object_or_404(Roadmap.objects.select_related("association"), pk=pk)


def _filtered(request, roadmap, *, user=None, warn=True):
    """The roadmap's milestones the person may see, through the page's filters."""
    user = user or request.user
    milestones = selectors.milestones_visible_to(user)
    if roadmap is not None:
        milestones = milestones.filter(roadmap=roadmap)
    milestone_filter = MilestoneFilter(request.GET, queryset=milestones, user=user)
    if milestone_filter.is_bound and not milestone_filter.is_valid() and warn:
        labels = ", ".join(
            str(milestone_filter.form.fields[name].label)
            for name in milestone_filter.errors
            if name in milestone_filter.form.fields
        )
        messages.warning(
            request,
            _("These filters were not understood and are ignored: %(fields)s.")
            % {"fields": labels},
        )
    return milestone_filter, milestone_filter.qs


def _query(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _identity(request, *extra):
    """What a cached answer depends on: language, the filters given, and ``extra``."""
    query = request.GET.copy()
    query.pop("page", None)
    return (active_language(), *extra, sorted(query.lists()))


def _route(name, roadmap, *args):
    """A URL of the roadmap's own page family, or of the all-roadmaps one."""
    if roadmap is None:
        return reverse(f"roadmap:{name}_all", args=args)
    return reverse(f"roadmap:{name}", args=[roadmap.pk, *args])


def _roadmap_page(request, roadmap):
    """
    The timeline page. Its heavy parts (the roadmaps with their progress, the
    filter form, the progress and the list) are rendered once per language,
    audience, filter and page, and cached until the roadmap changes.
    """
    milestone_filter, milestones = _filtered(request, roadmap)
    staff = selectors.is_staff(request.user)
    pk = roadmap.pk if roadmap else None
    today = timezone.localdate()
    query = _query(request)
    suffix = f"?{query}" if query else ""

    def fragment(template, context):
        return lambda: render_to_string(
            f"roadmap/includes/{template}.html",
            {"is_staff": staff, "roadmap": roadmap, **context()},
            request=request,
        )

    def listed():
        paginator = Paginator(selectors.milestone_rows(milestones), ROWS_PER_PAGE)
        return {"page": paginator.get_page(request.GET.get("page"))}

    return render(
        request,
        "roadmap/roadmap.html",
        {
            "roadmap": roadmap,
            "is_staff": staff,
            "switcher": cached(
                "switcher",
                (active_language(), staff, pk),
                fragment(
                    "switcher", lambda: {"roadmaps": selectors.roadmaps_with_progress(request.user)}
                ),
            ),
            "filter_form": cached(
                "filter-form",
                _identity(request, staff),
                fragment("filter_form", lambda: {"filter": milestone_filter}),
                timeout=FILTER_FORM_TIMEOUT,
            ),
            "progress": cached(
                "progress",
                _identity(request, staff, pk),
                fragment("progress", lambda: {"progress": selectors.progress_of(milestones)}),
            ),
            "results": cached(
                "results",
                _identity(request, staff, pk, today, request.GET.get("page", "")[:20]),
                fragment("results", listed),
            ),
            "statuses": Milestone.Status.choices,
            "timeline_url": _route("timeline", roadmap) + suffix,
            "xlsx_url": _route("export", roadmap) + suffix,
            "print_url": _route("print", roadmap) + suffix,
            "calendar_url": request.build_absolute_uri(_route("calendar", roadmap) + suffix),
            "milestone_url_pattern": reverse("roadmap:milestone", args=[0]),
        },
    )


@require_GET
def index(request):
    """Every roadmap's milestones on one timeline; each roadmap has its own page too."""
    return _roadmap_page(request, None)


@require_GET
def roadmap_detail(request, pk):
    return _roadmap_page(request, _roadmap_or_404(pk))


@require_GET
def timeline_data(request, pk=None):
    """
    What the timeline draws, compactly: one array per milestone (see
    ``fields``), kinds and statuses as indexes into their lists, so 5,000
    milestones stay well under a megabyte. Cached until the roadmap changes.
    """
    staff = selectors.is_staff(request.user)
    today = timezone.localdate()
    body = cached(
        "timeline",
        _identity(request, staff, pk, today),
        lambda: _timeline_json(request, pk, staff=staff, today=today),
    )
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = "private, no-cache"
    return response


def _timeline_json(request, pk, *, staff, today):
    roadmap = _roadmap_or_404(pk)
    _filter, milestones = _filtered(request, roadmap, warn=False)
    kinds = {code: index for index, code in enumerate(Milestone.Kind.values)}
    statuses = {code: index for index, code in enumerate(Milestone.Status.values)}
    english = active_language() == "en"
    active = set(Milestone.ACTIVE_STATUSES)
    items = []
    for (
        pk_,
        title_ru,
        title_en,
        kind,
        status,
        planned_start,
        planned_end,
        actual_start,
        actual_end,
        is_public,
    ) in selectors.timeline_rows(milestones):
        start, end = milestone_span(planned_start, planned_end, actual_start, actual_end)
        overdue = status in active and planned_end < today
        items.append(
            [
                pk_,
                (title_en or title_ru) if english else (title_ru or title_en),
                start.isoformat(),
                end.isoformat(),
                kinds[kind],
                statuses[status],
                (1 if overdue else 0) | (2 if staff and not is_public else 0),
            ]
        )
    payload = {
        "fields": ["id", "title", "start", "end", "kind", "status", "flags"],
        "flags": {"overdue": 1, "not_public": 2},
        "kinds": [[code, str(label)] for code, label in Milestone.Kind.choices],
        "statuses": [[code, str(label)] for code, label in Milestone.Status.choices],
        "items": items,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


@require_GET
def milestone_detail(request, pk):
    try:
        milestone = selectors.milestone_for_page(pk, request.user)
    except Milestone.DoesNotExist as missing:
        raise Http404 from missing
    staff = selectors.is_staff(request.user)
    partnerships = [p for p in milestone.partnerships.all() if staff or p.is_public]
    return render(
        request,
        "roadmap/milestone_detail.html",
        {
            "milestone": milestone,
            "is_staff": staff,
            "partnerships": partnerships,
            "document_form": DocumentForm() if staff else None,
        },
    )


# Staff: changing milestones -----------------------------------------------------------------


def _save(request, form):
    """Save the form's milestone with its links through the service; its errors go on the form."""

    def save():
        with transaction.atomic():
            return services.milestone_save(
                milestone=form.instance,
                files=form.cleaned_data["documents"],
                by=request.user,
                **form.links(),
            )

    return apply_to_form(form, save)


@staff_required
def milestone_create(request):
    raw = request.GET.get("roadmap", "")
    roadmap = Roadmap.objects.filter(pk=raw).first() if raw.isdigit() else None
    roadmap = roadmap or services.overall_roadmap()
    if request.method == "POST":
        form = MilestoneForm(request.POST, request.FILES, roadmap=roadmap)
        if form.is_valid() and (milestone := _save(request, form)):
            messages.success(request, _("The milestone is on the roadmap."))
            return redirect(milestone)
    else:
        form = MilestoneForm(roadmap=roadmap, initial={"responsible": request.user})
    return render(request, "roadmap/milestone_form.html", {"form": form, "roadmap": roadmap})


@staff_required
def milestone_edit(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("roadmap"), pk=pk)
    if request.method == "POST":
        form = MilestoneForm(request.POST, request.FILES, instance=milestone)
        if form.is_valid() and _save(request, form):
            messages.success(request, _("The milestone is saved."))
            return redirect(milestone)
        # The form changed the instance in memory; the page shows what is stored.
        form.instance = Milestone.objects.get(pk=pk)
    else:
        form = MilestoneForm(instance=milestone)
    return render(
        request,
        "roadmap/milestone_form.html",
        {"form": form, "roadmap": milestone.roadmap, "milestone": form.instance},
    )


@staff_required
def milestone_delete(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("roadmap"), pk=pk)
    if request.method == "POST":
        roadmap = milestone.roadmap
        services.milestone_delete(milestone=milestone)
        messages.success(request, _("The milestone is deleted."))
        return redirect(roadmap)
    return render(request, "roadmap/milestone_delete.html", {"milestone": milestone})


@staff_required
@require_POST
def document_create(request, pk):
    milestone = get_object_or_404(Milestone, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                milestone=milestone, uploaded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The document is kept with the milestone."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(milestone.get_absolute_url() + "#documents")


@staff_required
def document_download(request, pk):
    return protected_file_response(get_object_or_404(MilestoneDocument, pk=pk).file)


@staff_required
def my_milestones(request):
    today = timezone.localdate()
    milestones = list(selectors.milestones_of(request.user))
    active = [m for m in milestones if m.status in Milestone.ACTIVE_STATUSES]
    secret = request.session.pop(NEW_CALENDAR_SECRET, None)
    token = getattr(request.user, "roadmap_calendar_token", None)
    return render(
        request,
        "roadmap/my_milestones.html",
        {
            "overdue": [m for m in active if m.planned_end_on < today],
            "current": [m for m in active if m.planned_end_on >= today],
            "others": [m for m in milestones if m.status not in Milestone.ACTIVE_STATUSES],
            "token": token,
            "new_calendar_urls": _private_calendar_urls(request, secret) if secret else None,
        },
    )


def _private_calendar_urls(request, secret):
    return {
        "mine": request.build_absolute_uri(reverse("roadmap:calendar_mine", args=[secret])),
        "all": request.build_absolute_uri(reverse("roadmap:calendar_private_all", args=[secret])),
    }


@staff_required
@require_POST
def calendar_token_reset(request):
    """A new private calendar address; the old one stops working at once."""
    request.session[NEW_CALENDAR_SECRET] = services.calendar_token_reset(user=request.user)
    messages.success(
        request,
        _("Your private calendar address is new; the old one no longer works."),
    )
    return redirect(reverse("roadmap:mine") + "#calendar")


# Calendar feeds -----------------------------------------------------------------------------


def _calendar_response(body):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="roadmap.ics"'
    return response


def _calendar_body(request, *, pk, user, only_mine=False):
    """A feed's bytes, cached until the roadmap changes: thousands of events take a while."""

    def compute():
        roadmap = _roadmap_or_404(pk)
        _filter, milestones = _filtered(request, roadmap, user=user, warn=False)
        if only_mine:
            milestones = milestones.filter(responsible=user)
            name = _("My milestones · %(name)s") % {"name": user.get_short_name()}
        else:
            name = roadmap.title if roadmap else _("Roadmap")
        return feeds.calendar_feed(
            request, milestones=selectors.feed_milestones(milestones), name=name
        )

    if not selectors.is_staff(user):
        audience = "public"
    elif only_mine:
        audience = f"mine-{user.pk}"
    else:
        audience = "staff"
    return cached("calendar", _identity(request, request.get_host(), audience, pk), compute)


@require_GET
def calendar_feed(request, pk=None):
    """The public milestones of one roadmap (or of all), as an iCalendar feed anyone may add."""
    return _calendar_response(_calendar_body(request, pk=pk, user=_Anonymous()))


class _Anonymous:
    """Whom a public feed is for, whoever fetches it: nobody signed in."""

    is_authenticated = False
    is_project_staff = False


def _calendar_owner(secret):
    owner = selectors.calendar_owner(services.calendar_digest(secret))
    if owner is None:
        raise Http404
    return owner


@require_GET
def calendar_mine(request, secret):
    """A staff member's own milestones, at their private address."""
    owner = _calendar_owner(secret)
    return _calendar_response(_calendar_body(request, pk=None, user=owner, only_mine=True))


@require_GET
def calendar_private(request, secret, pk=None):
    """Every milestone of one roadmap (or of all), public or not, at a staff member's address."""
    owner = _calendar_owner(secret)
    return _calendar_response(_calendar_body(request, pk=pk, user=owner))


# Exports ------------------------------------------------------------------------------------


@require_GET
def export_xlsx(request, pk=None):
    """The filtered roadmap as a spreadsheet (formula-safe cells), headers in the page language."""
    if is_ratelimited(
        request, group="roadmap-export", key="ip", rate=settings.EXPORT_RATE_LIMIT, increment=True
    ):
        return HttpResponse(
            _("Too many exports from your address; try again in a minute."),
            status=429,
            headers={"Retry-After": "60"},
            content_type="text/plain; charset=utf-8",
        )
    roadmap = _roadmap_or_404(pk)
    _filter, milestones = _filtered(request, roadmap, warn=False)
    target = io.BytesIO()
    exports.write_xlsx(
        target,
        milestones=selectors.milestone_rows(milestones).prefetch_related("associations"),
        title=roadmap.title if roadmap else _("Roadmap"),
        staff=selectors.is_staff(request.user),
    )
    target.seek(0)
    stamp = timezone.localdate().isoformat()
    name = f"roadmap-{roadmap.pk if roadmap else 'all'}-{stamp}.xlsx"
    return FileResponse(
        target,
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@require_GET
def print_page(request, pk=None):
    """The filtered roadmap on paper: a plain page with a print stylesheet, grouped by year."""
    roadmap = _roadmap_or_404(pk)
    milestone_filter, milestones = _filtered(request, roadmap)
    rows = list(selectors.milestone_rows(milestones).prefetch_related("associations"))
    years = {}
    for milestone in rows:
        years.setdefault(milestone.span[0].year, []).append(milestone)
    return render(
        request,
        "roadmap/print.html",
        {
            "roadmap": roadmap,
            "filter": milestone_filter,
            "years": sorted(years.items()),
            "count": len(rows),
            "progress": selectors.progress_of(milestones),
            "is_staff": selectors.is_staff(request.user),
            "today": timezone.localdate(),
            "back_url": (roadmap.get_absolute_url() if roadmap else reverse("roadmap:index"))
            + (f"?{_query(request)}" if _query(request) else ""),
        },
    )
