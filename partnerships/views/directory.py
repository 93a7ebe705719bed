"""
The public face of the registry: directory, open data, map and statistics.

Only ties marked public appear to the public, anywhere (pages, counts, map,
statistics, exports); staff see every tie, the unpublished ones marked. What
these pages show is cached per filter set until the registry next changes
(``partnerships.cache``), so a busy directory costs little more than an empty
page.
"""

import io
import json

from django.conf import settings
from django.contrib import messages
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries.fields import Country
from django_ratelimit.core import is_ratelimited

from associations.selectors import associations_public

from ..cache import cached
from ..filters.directory import SCOPE_CHOICES, DirectoryFilter
from ..importing.resources import PartnershipResource
from ..models import Partnership
from ..selectors.directory import (
    SCOPES,
    directory_queryset,
    in_scope,
    map_points,
    statistics,
    ties_of_point,
)

PER_PAGE = 25


class KnownCountPaginator(Paginator):
    """A paginator told its count (cached), so it never counts the rows itself."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


def _is_staff(request):
    return request.user.is_authenticated and request.user.is_project_staff


def _filtered(request):
    """The directory's filter over what the person may see, and its cache identity."""
    directory_filter = DirectoryFilter(request.GET, queryset=directory_queryset(request.user))
    if directory_filter.is_bound and not directory_filter.is_valid():
        labels = ", ".join(
            str(directory_filter.form.fields[name].label)
            for name in directory_filter.errors
            if name != "__all__"
        )
        messages.warning(
            request,
            _("These filters were not understood and are ignored: %(fields)s.")
            % {"fields": labels},
        )
    query = request.GET.copy()
    query.pop("page", None)
    identity = (_is_staff(request), sorted(query.lists()))
    return directory_filter, identity


def directory(request):
    directory_filter, identity = _filtered(request)
    raw_page = request.GET.get("page", "1")
    count = cached("count", identity, lambda: directory_filter.qs.count())
    paginator = KnownCountPaginator(directory_filter.qs, PER_PAGE, count=count)
    try:
        page_number = paginator.validate_number(raw_page)
    except PageNotAnInteger:
        messages.warning(
            request,
            _("“%(page)s” is not a page number; here is the first page.") % {"page": raw_page[:20]},
        )
        page_number = 1
    except EmptyPage:  # before the first page or after the last: the nearest one
        page_number = 1 if int(raw_page) < 1 else paginator.num_pages

    def body():
        page = paginator.page(page_number)
        return render_to_string(
            "partnerships/includes/directory_results.html",
            {"page": page, "is_staff": identity[0], "query": request.GET.copy()},
            request=request,
        )

    results = cached("directory-page", (get_language(), *identity, page_number), body)
    return render(
        request,
        "partnerships/directory.html",
        {
            "filters": _filter_form(request, directory_filter, identity, show_sort=True),
            "results": results,
            "count": count,
            "export_query": _export_query(request),
        },
    )


def _filter_form(request, directory_filter, identity, *, show_sort):
    """The rendered filter form (hundreds of options), cached per language and query."""
    return cached(
        "directory-form",
        (get_language(), show_sort, identity[1]),
        lambda: render_to_string(
            "partnerships/includes/directory_filters.html",
            {"filter": directory_filter, "show_sort": show_sort},
            request=request,
        ),
    )


def _export_query(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def directory_export(request, fmt):
    """The filtered directory as open data: CSV and JSON streamed, XLSX up to a row limit."""
    if fmt not in {"csv", "xlsx", "json"}:
        raise Http404
    if is_ratelimited(
        request, group="directory-export", key="ip", rate=settings.EXPORT_RATE_LIMIT, increment=True
    ):
        response = render(request, "partnerships/export_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    directory_filter, identity = _filtered(request)
    resource = PartnershipResource(public=not identity[0])
    queryset = resource.export_queryset(directory_filter.qs)
    if fmt == "xlsx":
        count = cached("count", identity, lambda: directory_filter.qs.count())
        if count > settings.EXPORT_XLSX_MAX_ROWS:
            messages.error(
                request,
                _(
                    "%(count)s ties are too many for Excel (at most %(limit)s). "
                    "Download CSV instead, or narrow the filters."
                )
                % {"count": count, "limit": settings.EXPORT_XLSX_MAX_ROWS},
            )
            return redirect(reverse("partnerships:directory") + "?" + _export_query(request))
        buffer = io.BytesIO()
        resource.write_xlsx(queryset, buffer)
        buffer.seek(0)
        return FileResponse(buffer, as_attachment=True, filename="twinning-ties.xlsx")
    if fmt == "csv":
        response = StreamingHttpResponse(
            resource.write_csv(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="twinning-ties.csv"'
        return response
    response = StreamingHttpResponse(
        resource.write_json(queryset), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="twinning-ties.json"'
    return response


def map_page(request):
    directory_filter, identity = _filtered(request)
    return render(
        request,
        "partnerships/map.html",
        {
            "filters": _filter_form(request, directory_filter, identity, show_sort=False),
            "data_url": reverse("partnerships:map_data") + "?" + _export_query(request),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


def _json(payload):
    response = HttpResponse(payload, content_type="application/json")
    response["Cache-Control"] = "public, max-age=60" if payload else "no-store"
    return response


def map_data(request):
    """Every municipality with a tie in the filtered set: [id, lat, lon, name_ru, name_en, ties]."""
    directory_filter, identity = _filtered(request)
    payload = cached(
        "map-data",
        identity,
        lambda: json.dumps(
            {"points": map_points(directory_filter.qs)}, ensure_ascii=False, separators=(",", ":")
        ),
    )
    response = _json(payload)
    if identity[0]:
        response["Cache-Control"] = "private, no-store"
    return response


def map_ties(request, pk):
    """The partners of one municipality in the filtered set, for the lines drawn on a click."""
    directory_filter, identity = _filtered(request)
    payload = cached(
        "map-ties",
        (*identity, pk),
        lambda: json.dumps({"ties": ties_of_point(pk, directory_filter.qs)}, separators=(",", ":")),
    )
    response = _json(payload)
    if identity[0]:
        response["Cache-Control"] = "private, no-store"
    return response


def statistics_page(request):
    is_staff = _is_staff(request)
    scope = request.GET.get("scope", "russia")
    scope = scope if scope in SCOPES else "russia"
    figures = cached(
        "statistics",
        (is_staff, scope),
        lambda: statistics(in_scope(directory_queryset(request.user), scope)),
    )
    kinds = dict(Partnership.Kind.choices)
    statuses = dict(Partnership.Status.choices)
    by_country = [(str(Country(code).name), n) for code, n in figures["by_country"].most_common(20)]
    by_kind = [
        (str(kinds[code]), figures["by_kind"][code]) for code in kinds if code in figures["by_kind"]
    ]
    by_status = [
        (str(statuses[code]), figures["by_status"][code])
        for code in statuses
        if code in figures["by_status"]
    ]
    by_subject = [(subject.name, n) for subject, n in figures["by_subject"]]
    partners = associations_public()
    partner_countries = sorted({a.country.code for a in partners if a.country})
    with_partners = [
        (str(Country(code).name), figures["by_country"].get(code, 0)) for code in partner_countries
    ]
    charts = {
        "data-by-year": [[year, n] for year, n in figures["by_year"].items()],
        "data-by-country": by_country,
        "data-by-kind": by_kind,
        "data-by-status": by_status,
        "data-by-subject": by_subject,
        "data-with-partners": with_partners,
    }
    return render(
        request,
        "partnerships/statistics.html",
        {
            "figures": figures,
            "by_country": by_country,
            "by_kind": by_kind,
            "by_status": by_status,
            "by_subject": by_subject,
            "with_partners": with_partners,
            "charts": charts,
            "scope": scope,
            "scopes": SCOPE_CHOICES,
        },
    )


def data_sources(request):
    """Where the places, countries and names of the registry come from, with their licences."""
    return render(request, "partnerships/data_sources.html")
