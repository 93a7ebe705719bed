"""
The portal's URLs plus pages that exist only to be measured against:

- ``/bench/trivial/``: the framework's floor, a view that does nothing
  behind the portal's full middleware;
- naive baselines that benchmark scripts add here, each the stock Django
  way of serving the page they are compared with.
"""

from django.http import HttpResponse
from django.urls import path

from urc_portal.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/trivial/", trivial, name="bench_trivial"),
    *portal_urlpatterns,
]
