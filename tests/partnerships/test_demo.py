"""The demo registry of `make run`: real places, invented ties that say so, loaded once."""

import pytest
from django.core.management import call_command

from associations.models import NationalAssociation
from partnerships.demo import DEMO_SOURCE
from partnerships.models import Municipality, Partnership

pytestmark = pytest.mark.django_db


def test_demo_registry_is_realistic_marked_and_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo_registry")
    counts = (Municipality.objects.count(), Partnership.objects.count())
    call_command("load_demo_registry")
    assert (Municipality.objects.count(), Partnership.objects.count()) == counts
    assert Partnership.objects.count() >= 300
    assert set(Partnership.objects.values_list("source", flat=True)) == {DEMO_SOURCE}
    assert (
        Municipality.objects.filter(country="RU").values("federal_subject").distinct().count() >= 20
    )
    finland = NationalAssociation.objects.get(country="FI")
    assert finland.member_municipalities.filter(country="FI").exists()
    assert not Municipality.objects.filter(latitude__isnull=True).exists()
