"""Pages that belong to the portal as a whole rather than to one app."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .middleware import LANGUAGE_PREFIX


def home(request):
    """What the portal is, its headline numbers, the latest ties, a small map and the ways in."""
    from associations.selectors import associations_public
    from partnerships.cache import cached
    from partnerships.selectors.directory import directory_queryset, headline_numbers, in_scope

    ties = in_scope(directory_queryset(request.user), "russia")
    is_staff = request.user.is_authenticated and request.user.is_project_staff
    numbers = cached("headline", (is_staff,), lambda: headline_numbers(ties))
    numbers["associations"] = associations_public().count()
    return render(
        request,
        "home.html",
        {
            "numbers": numbers,
            "latest": ties.filter(signed_on__isnull=False)[:6],
            "data_url": reverse("partnerships:map_data"),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


@require_POST
def set_language(request):
    """
    The language switcher: the same page in the chosen language.

    Russian pages have no prefix and English ones start with /en/, so the
    target is the current path with its prefix swapped. (Django's own
    set_language cannot map /en/... back to an unprefixed path.)
    """
    language = request.POST.get("language")
    codes = {code for code, _name in settings.LANGUAGES}
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if language not in codes:
        return HttpResponseRedirect(next_url)

    path, _sep, query = next_url.partition("?")
    match = LANGUAGE_PREFIX.match(path)
    if match and match["code"] in codes:
        path = match["rest"]
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    response = HttpResponseRedirect(path + (f"?{query}" if query else ""))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
