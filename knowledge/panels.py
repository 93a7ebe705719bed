"""
The knowledge base's sections on the registry's and associations' pages.

Registered in ``KnowledgeConfig.ready()`` through ``urc_portal.panels``, so
``partnerships`` and ``associations`` show the entries that link to their
records without importing this app. Each panel lists what the person looking
may see, and costs one query.
"""

from django.urls import reverse

from urc_portal.panels import register_panel

from .selectors import entries_linked_to

PANEL_SIZE = 10
TEMPLATE = "knowledge/panels/entries.html"


def _panel(request, obj, *, relation, parameter):
    entries = entries_linked_to(request.user, relation=relation, obj=obj, limit=PANEL_SIZE)
    if not entries:
        return None
    return (
        TEMPLATE,
        {
            "entries": entries[:PANEL_SIZE],
            "more_url": f"{reverse('knowledge:search')}?{parameter}={obj.pk}"
            if len(entries) > PANEL_SIZE
            else None,
        },
    )


def municipality_panel(request, municipality):
    return _panel(request, municipality, relation="municipalities", parameter="municipality")


def association_panel(request, association):
    return _panel(request, association, relation="associations", parameter="association")


def partnership_panel(request, partnership):
    return _panel(request, partnership, relation="partnerships", parameter="partnership")


def register():
    register_panel("partnerships.Municipality", municipality_panel, order=50)
    register_panel("associations.NationalAssociation", association_panel, order=50)
    register_panel("partnerships.Partnership", partnership_panel, order=50)
