"""Request-level behaviour of the whole portal."""

import re

from asgiref.sync import async_to_sync
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve

from .health import PortalHealthCheckView

LANGUAGE_PREFIX = re.compile(r"^/(?P<code>[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?)(?P<rest>/.*)$")


class HealthCheckMiddleware:
    """
    Answer ``/healthz`` before anything looks at the Host header or the scheme.

    A container's healthcheck calls the portal by its own host name over plain
    HTTP; neither is in ALLOWED_HOSTS nor HTTPS, and both must still get an
    answer. Nothing else is served this way: every other request goes through
    host validation and the HTTPS redirect as usual.
    """

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response
        self.health_view = PortalHealthCheckView.as_view()

    def __call__(self, request):
        if request.path_info.rstrip("/") == self.path:
            response = async_to_sync(self.health_view)(request)
            # The page for people is a TemplateResponse; the handler that would
            # render it is never reached from here.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response
        return self.get_response(request)


class UnknownLanguagePrefixMiddleware:
    """
    Send ``/de/...`` (or ``/ru/...``) to the Russian page instead of a 404.

    Russian pages carry no prefix and English ones start with ``/en/``. A path
    that starts with any other language-like segment, and would resolve
    without it, redirects to the unprefixed, Russian, URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixed_languages = {
            code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        }

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        match = LANGUAGE_PREFIX.match(request.path_info)
        if not match or match["code"].lower() in self.prefixed_languages:
            return response
        rest = match["rest"]
        try:
            resolve(rest)
        except Resolver404:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponseRedirect(rest + (f"?{query}" if query else ""))
