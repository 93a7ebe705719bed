"""The demo roadmap of `make run`: full, clearly invented, loaded once, never in production."""

import pytest
from django.core.management import CommandError, call_command

from roadmap.models import Milestone, Roadmap

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_status_and_kind_over_several_years_once(settings):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    call_command("load_demo_roadmap")
    counts = (Roadmap.objects.count(), Milestone.objects.count())
    call_command("load_demo_roadmap")
    assert (Roadmap.objects.count(), Milestone.objects.count()) == counts

    milestones = Milestone.objects.all()
    assert {m.status for m in milestones} == set(Milestone.Status.values)
    assert {m.kind for m in milestones} == set(Milestone.Kind.values)
    years = {m.planned_start_on.year for m in milestones}
    assert max(years) - min(years) >= 4
    assert all(m.title_ru.endswith("(демо)") and m.title_en.endswith("(demo)") for m in milestones)
    assert (
        milestones.filter(is_public=True).exists() and milestones.filter(is_public=False).exists()
    )
    assert milestones.filter(responsible__email="staff@example.org").exists()
    assert milestones.filter(depends_on__isnull=False).exists()
    assert Roadmap.objects.filter(country="AM").exists()
    # The resolution's partner associations get no invented milestone.
    assert not milestones.filter(associations__isnull=False).exists()


def test_the_demo_refuses_to_load_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_roadmap")
    assert not Milestone.objects.exists()
