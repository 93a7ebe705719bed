"""
The portal's URLs plus pages that exist only to be measured against:

- ``/bench/trivial/``: the framework's floor, a view that does nothing
  behind the portal's full middleware;
- naive baselines that benchmark scripts add here, each the stock Django
  way of serving the page they are compared with.
"""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.generic import ListView

from accounts.permissions import staff_required
from partnerships.models import Partnership
from urc_portal.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


class NaiveDirectory(ListView):
    """The directory as stock Django serves it: a ListView with select_related, no caching."""

    paginate_by = 25
    template_name = "bench/naive_directory.html"
    queryset = (
        Partnership.objects.filter(is_public=True)
        .select_related("municipality_a__federal_subject", "municipality_b__federal_subject")
        .order_by("-signed_on", "-id")
    )


@staff_required
def naive_request_queue(request):
    """The review queue the stock way: no joins, so each row fetches its municipalities."""
    from partnerships.filters.requests import RequestQueueFilter
    from partnerships.models import PartnershipRequest

    queryset = PartnershipRequest.objects.filter(submitted_at__isnull=False)
    queue_filter = RequestQueueFilter(request.GET, queryset=queryset)
    page = Paginator(queue_filter.qs.order_by("status_changed_at", "pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "partnerships/requests/request_queue.html",
        {"filter": queue_filter, "page": page},
    )


def knowledge_icontains(request):
    """
    Baseline of bench_knowledge.py: the knowledge base's search page as the
    stock Django way, an ``icontains`` over every title, summary and body
    (no full-text index), same visibility, pagination and template.
    """
    from django.core.paginator import Paginator
    from django.db.models import Q
    from django.shortcuts import render

    from knowledge.filters import EntryFilter
    from knowledge.models import Entry
    from knowledge.selectors import (
        entries_for_list,
        entries_visible_to,
        newest_first,
        theme_links_attach,
        themes_for_page,
    )

    text = request.GET.get("q", "")[:200].replace('"', "")
    match = Q()
    for field in ("title", "summary", "body"):
        for language in ("ru", "en"):
            match |= Q(**{f"{field}_{language}__icontains": text})
    queryset = newest_first(entries_visible_to(request.user).filter(match))
    themes = themes_for_page()
    page = Paginator(entries_for_list(queryset), 20).get_page(request.GET.get("page"))
    page.object_list = theme_links_attach(page.object_list, themes)
    return render(
        request,
        "knowledge/search.html",
        {
            "filter": EntryFilter(user=request.user, queryset=Entry.objects.none(), themes=themes),
            "page": page,
            "query": text,
        },
    )


urlpatterns = [
    path("bench/trivial/", trivial, name="bench_trivial"),
    path("bench/naive-directory/", NaiveDirectory.as_view(), name="bench_naive_directory"),
    path("bench/naive/request-queue/", naive_request_queue, name="bench_naive_request_queue"),
    path("bench/knowledge-icontains/", knowledge_icontains, name="bench_knowledge_icontains"),
    *portal_urlpatterns,
]
