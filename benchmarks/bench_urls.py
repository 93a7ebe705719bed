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


urlpatterns = [
    path("bench/trivial/", trivial, name="bench_trivial"),
    path("bench/naive-directory/", NaiveDirectory.as_view(), name="bench_naive_directory"),
    path("bench/naive/request-queue/", naive_request_queue, name="bench_naive_request_queue"),
    *portal_urlpatterns,
]
