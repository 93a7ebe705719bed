"""Higher apps add sections to lower apps' pages through registered panels."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from associations.models import NationalAssociation
from urc_portal import panels


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setattr(panels, "_PANELS", [])

    def second(request, obj):
        return ("portal_test_panel.html", {"text": "second"})

    def first(request, obj):
        return ("portal_test_panel.html", {"text": "first"})

    def silent(request, obj):
        return None

    panels.register_panel("associations.NationalAssociation", second, order=20)
    panels.register_panel("associations.NationalAssociation", first, order=10)
    panels.register_panel("associations.NationalAssociation", silent)
    panels.register_panel("partnerships.Municipality", first)


@pytest.mark.django_db
def test_panels_render_in_order_for_their_model_only(registered, settings, tmp_path):
    (tmp_path / "portal_test_panel.html").write_text("<p>{{ text }} {{ object.pk }}</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    association = NationalAssociation.objects.first()
    html = Template("{% load portal %}{% object_panels obj %}").render(
        Context({"obj": association, "request": RequestFactory().get("/")})
    )
    assert html == f"<p>first {association.pk}</p><p>second {association.pk}</p>"
