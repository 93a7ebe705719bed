"""Registry pages: municipalities and ties; the staff gazetteer lookup and municipality form."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.permissions import staff_required
from gazetteer.models import GazetteerPlace
from uploads.responses import protected_file_response

from .. import selectors, services
from ..cache import cached
from ..forms import MunicipalityForm
from ..models import Municipality, PartnershipDocument
from ..places import federal_subject_of, place_suggestions


@staff_required
def gazetteer_lookup(request):
    """JSON for the autocomplete: places by name prefix, Russian or Latin script."""
    suggestions = place_suggestions(
        request.GET.get("q", ""), country=request.GET.get("country") or None
    )
    return JsonResponse({"results": [s.as_json() for s in suggestions]})


@staff_required
def municipality_create(request):
    """
    Add a municipality from the gazetteer. Without JavaScript it is two steps:
    search (``?q=``) and pick (``?place=<GeoNames id>``) to get a filled form.
    """
    place = None
    if request.method == "POST":
        form = MunicipalityForm(request.POST)
        if form.is_valid():
            municipality = services.municipality_save(form.save(commit=False))
            form.save_m2m()
            messages.success(request, _("The municipality is in the registry."))
            return redirect(municipality.get_absolute_url())
    else:
        initial = {}
        place_id = request.GET.get("place")
        if place_id and place_id.isdigit():
            place = GazetteerPlace.objects.filter(pk=place_id).first()
        if place:
            subject = federal_subject_of(place)
            initial = {
                "geonames_id": place.geonames_id,
                "name_en": place.name,
                "country": place.country_code,
                "federal_subject": subject.pk if subject else None,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "population": place.population or None,
            }
        form = MunicipalityForm(initial=initial)
    query = request.GET.get("q", "")
    return render(
        request,
        "partnerships/municipality_form.html",
        {
            "form": form,
            "query": query,
            "results": place_suggestions(query) if query else [],
            "place": place,
        },
    )


def municipality_detail(request, pk):
    """
    A municipality and the ties the person may see. The page's own part is
    cached per language and audience until the next write to the registry
    (``partnerships.cache``); the panels other apps add are not.
    """
    found = {}

    def own_part():
        try:
            municipality, ties = selectors.municipality_with_ties(pk, request.user)
        except Municipality.DoesNotExist:
            return ""  # no such page for this audience: remembered as well
        found["municipality"] = municipality
        return render_to_string(
            "partnerships/includes/municipality_body.html",
            {
                "municipality": municipality,
                "ties": [(tie, tie.other_side(municipality)) for tie in ties],
            },
            request=request,
        )

    is_staff = request.user.is_authenticated and request.user.is_project_staff
    body = cached("municipality-page", (get_language(), is_staff, pk), own_part)
    if not body:
        raise Http404
    municipality = found.get("municipality") or get_object_or_404(Municipality, pk=pk)
    return render(
        request,
        "partnerships/municipality_detail.html",
        {"municipality": municipality, "body": mark_safe(body)},  # noqa: S308 (a rendered template)
    )


def partnership_detail(request, pk):
    partnership = get_object_or_404(
        selectors.partnerships_visible_to(request.user).select_related(
            "municipality_a__federal_subject", "municipality_b__federal_subject"
        ),
        pk=pk,
    )
    documents = (
        partnership.documents.all()
        if request.user.is_authenticated and request.user.is_project_staff
        else []
    )
    return render(
        request,
        "partnerships/partnership_detail.html",
        {"partnership": partnership, "documents": documents},
    )


@staff_required
def document_download(request, pk):
    return protected_file_response(get_object_or_404(PartnershipDocument, pk=pk).file)
