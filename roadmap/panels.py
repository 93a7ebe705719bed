"""
Sections the roadmap adds to the pages of lower apps (``urc_portal.panels``):
an association's, a municipality's and a tie's milestones. Visitors see the
public ones only; a page with nothing to show gets no section.
"""

from django.urls import reverse

from . import selectors

PANEL_ROWS = 10
TEMPLATE = "roadmap/includes/milestones_panel.html"


def _panel(request, milestones, *, more_url=None):
    rows = list(milestones[: PANEL_ROWS + 1])
    if not rows:
        return None
    return TEMPLATE, {
        "milestones": rows[:PANEL_ROWS],
        "has_more": len(rows) > PANEL_ROWS,
        "more_url": more_url,
        "is_staff": selectors.is_staff(request.user if request else None),
    }


def _user(request):
    return request.user if request is not None else None


def association_milestones(request, association):
    return _panel(
        request,
        selectors.milestones_of_association(_user(request), association),
        more_url=f"{reverse('roadmap:index')}?association={association.pk}",
    )


def municipality_milestones(request, municipality):
    return _panel(
        request,
        selectors.milestones_linked(_user(request), municipalities=municipality),
        more_url=f"{reverse('roadmap:index')}?municipality={municipality.pk}",
    )


def partnership_milestones(request, partnership):
    return _panel(request, selectors.milestones_linked(_user(request), partnerships=partnership))
