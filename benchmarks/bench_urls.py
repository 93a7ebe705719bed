"""
The portal's URLs plus pages that exist only to be measured against:

- ``/bench/trivial/``: the framework's floor, a view that does nothing
  behind the portal's full middleware;
- naive baselines that benchmark scripts add here, each the stock Django
  way of serving the page they are compared with.
"""

from django.http import HttpResponse
from django.urls import path
from django.views.generic import ListView

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


urlpatterns = [
    path("bench/trivial/", trivial, name="bench_trivial"),
    path("bench/naive-directory/", NaiveDirectory.as_view(), name="bench_naive_directory"),
    *portal_urlpatterns,
]
