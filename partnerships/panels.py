"""The registry's sections on the pages of lower apps (see urc_portal.panels)."""

from django.db.models import Q

from urc_portal.panels import register_panel

from .selectors.registry import partnerships_visible_to

MEMBER_TIES_SHOWN = 20


def association_member_ties(request, association):
    """An association's member municipalities and their ties, as the person may see them."""
    members = association.member_municipalities.all()
    ties = (
        partnerships_visible_to(request.user)
        .filter(Q(municipality_a__in=members) | Q(municipality_b__in=members))
        .select_related("municipality_a", "municipality_b")
        .order_by("-signed_on", "-id")
    )
    shown = list(ties[:MEMBER_TIES_SHOWN])
    if not shown:
        return None
    return (
        "partnerships/includes/association_ties_panel.html",
        {
            "ties": shown,
            "total": ties.count(),
            "association": association,
            "shown": MEMBER_TIES_SHOWN,
        },
    )


def register():
    register_panel("associations.NationalAssociation", association_member_ties, order=10)
