"""The demo requests of `make run`: the demo official's municipality, every state, loaded once."""

import pytest
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_OFFICIAL_EMAIL
from partnerships.demo_requests import DEMO_MARK
from partnerships.models import OfficialProfile, PartnershipRequest, RequestTransition

pytestmark = pytest.mark.django_db


def test_demo_requests_cover_the_workflow_and_load_once(settings):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    call_command("load_demo_registry")
    call_command("load_demo_requests")
    counts = (PartnershipRequest.objects.count(), RequestTransition.objects.count())
    call_command("load_demo_requests")
    assert (PartnershipRequest.objects.count(), RequestTransition.objects.count()) == counts

    profile = OfficialProfile.objects.get(user__email=DEMO_OFFICIAL_EMAIL)
    assert profile.is_approved and profile.has_consented
    assert profile.municipality.country.code == "RU"
    requests = PartnershipRequest.objects.all()
    assert {r.municipality_id for r in requests} == {profile.municipality_id}
    assert set(requests.values_list("status", flat=True)) == set(PartnershipRequest.Status.values)
    assert all(r.rationale.startswith(DEMO_MARK) for r in requests)
    assert requests.filter(partner_municipality__isnull=True).exists()
    approved = requests.get(status="approved")
    assert approved.partnership is not None and approved.partnership.is_public is False
    for request in requests.exclude(status="draft"):
        assert request.transitions.last().to_status == request.status


def test_demo_requests_refuse_to_load_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_requests")
