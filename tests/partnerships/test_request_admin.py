"""The admin shows requests with their steps, thread and attachments; it never moves the status."""

import pytest
from django.urls import reverse

from partnerships.models import PartnershipRequest, RequestAttachment
from partnerships.services.requests import request_transition
from tests.partnerships.conftest import make_request, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(volgograd, volgograd_official, lahti):
    request = make_request(volgograd, volgograd_official, partner_municipality=lahti)
    request_transition(partnership_request=request, action="submit", by=volgograd_official)
    RequestAttachment.objects.create(
        request=request, file=upload("agreement.pdf"), uploaded_by=volgograd_official
    )
    return request


def test_staff_see_requests_with_their_steps_in_the_admin(staff_client, submitted):
    changelist = staff_client.get(reverse("admin:partnerships_partnershiprequest_changelist"))
    assert changelist.status_code == 200
    change = staff_client.get(
        reverse("admin:partnerships_partnershiprequest_change", args=[submitted.pk])
    )
    html = change.content.decode()
    assert change.status_code == 200
    assert "agreement.pdf" in html
    assert reverse("partnerships:request_review", args=[submitted.pk]) in html
    history = staff_client.get(
        reverse("admin:partnerships_partnershiprequest_history", args=[submitted.pk])
    )
    assert history.status_code == 200


def test_the_admin_form_has_no_status_field(staff_client, submitted):
    change = staff_client.get(
        reverse("admin:partnerships_partnershiprequest_change", args=[submitted.pk])
    )
    form = change.context["adminform"].form
    assert "status" not in form.fields
    assert "partnership" not in form.fields


def test_requests_are_not_added_in_the_admin(staff_client):
    response = staff_client.get(reverse("admin:partnerships_partnershiprequest_add"))
    assert response.status_code == 403


def test_the_admin_closes_officials_accounts_without_losing_requests(
    staff_client, submitted, volgograd_official
):
    profile = volgograd_official.official_profile
    staff_client.post(
        reverse("admin:partnerships_officialprofile_changelist"),
        {"action": "deactivate", "_selected_action": [profile.pk]},
    )
    volgograd_official.refresh_from_db()
    assert volgograd_official.is_active is False
    assert PartnershipRequest.objects.filter(pk=submitted.pk).exists()
