"""The demo pipeline of `make run`: full, clearly invented, loaded once."""

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_STAFF_EMAIL
from associations.models import FollowUp, NationalAssociation, OutreachActivity


@pytest.mark.django_db
def test_demo_outreach_fills_every_stage_once_and_touches_no_real_partner(settings):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    call_command("load_demo_outreach")
    counts = (
        NationalAssociation.objects.count(),
        OutreachActivity.objects.count(),
        FollowUp.objects.count(),
    )
    call_command("load_demo_outreach")
    assert (
        NationalAssociation.objects.count(),
        OutreachActivity.objects.count(),
        FollowUp.objects.count(),
    ) == counts

    stages = set(NationalAssociation.objects.values_list("stage", flat=True))
    assert stages == {choice for choice, _label in NationalAssociation.Stage.choices}
    assert FollowUp.objects.filter(owner__email=DEMO_STAFF_EMAIL).exists()
    demo = NationalAssociation.objects.filter(name_ru__endswith="(демо)")
    assert demo.count() == 12
    # The resolution's partners get no invented activity, contact or follow-up.
    real = NationalAssociation.objects.exclude(pk__in=demo)
    assert not OutreachActivity.objects.filter(association__in=real).exists()
    assert not FollowUp.objects.filter(association__in=real).exists()
