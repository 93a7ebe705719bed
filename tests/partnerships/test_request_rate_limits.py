"""Submissions are limited per account and per address, with a clear message at the limit."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import CITY_OFFICIAL
from partnerships.models import PartnershipRequest
from tests.conftest import make_user
from tests.partnerships.conftest import approve, form_data, make_request
from tests.registry import municipality

pytestmark = pytest.mark.django_db
CREATE = reverse("partnerships:request_create")


@pytest.fixture
def limits(settings):
    settings.PARTNERSHIP_REQUESTS_PER_ACCOUNT = "2/h"
    settings.PARTNERSHIP_REQUESTS_PER_IP = "3/h"


def submit(client, address="203.0.113.7", **overrides):
    return client.post(CREATE, {**form_data(**overrides), "save": "submit"}, REMOTE_ADDR=address)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_account_may_submit_up_to_its_limit(limits, volgograd_official):
    client = signed_in(volgograd_official)
    assert submit(client, partner_country="FI").status_code == 302
    assert submit(client, partner_country="DE").status_code == 302
    refused = submit(client, partner_country="FR")
    assert refused.status_code == 429
    assert "максимально допустимое число заявок" in refused.content.decode()
    assert PartnershipRequest.objects.count() == 2
    # What was typed is still in the form.
    assert refused.context["form"]["rationale"].value() == form_data()["rationale"]


def test_the_limit_message_is_in_english_on_english_pages(limits, volgograd_official):
    client = signed_in(volgograd_official)
    submit(client, partner_country="FI")
    submit(client, partner_country="DE")
    refused = client.post("/en" + CREATE, {**form_data(), "save": "submit"})
    assert refused.status_code == 429
    assert "the most requests allowed" in refused.content.decode()


def test_mistakes_do_not_count_against_the_limit(limits, volgograd_official):
    client = signed_in(volgograd_official)
    for _ in range(5):
        assert submit(client, rationale="").status_code == 200
    assert submit(client).status_code == 302


def test_one_address_is_limited_across_accounts(limits, volgograd_official, boris, password):
    third = make_user("third@example.org", password, group=CITY_OFFICIAL)
    approve(third, municipality("RU"))
    assert submit(signed_in(volgograd_official)).status_code == 302
    assert submit(signed_in(volgograd_official), partner_country="DE").status_code == 302
    assert submit(signed_in(boris)).status_code == 302
    assert submit(signed_in(third)).status_code == 429
    assert submit(signed_in(third), address="198.51.100.9").status_code == 302


def test_resubmissions_count_too(limits, volgograd, volgograd_official, lahti, kemi):
    client = signed_in(volgograd_official)
    submit(client, partner_country="DE")
    submit(client, partner_country="FR")
    waiting = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status="needs_information"
    )
    response = client.post(
        reverse("partnerships:request_transition", args=[waiting.pk]),
        {"action": "resubmit", "comment": "Ответ"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 429
    waiting.refresh_from_db()
    assert waiting.status == "needs_information"


def test_new_drafts_count_but_changing_a_draft_does_not(
    limits, volgograd, volgograd_official, lahti
):
    draft = make_request(volgograd, volgograd_official, partner_municipality=lahti)
    client = signed_in(volgograd_official)
    submit(client, partner_country="DE")
    submit(client, partner_country="FR")
    new_draft = client.post(
        CREATE, {**form_data(partner_country="IT"), "save": "draft"}, REMOTE_ADDR="203.0.113.7"
    )
    assert new_draft.status_code == 429
    edit = client.post(
        reverse("partnerships:request_edit", args=[draft.pk]),
        {**form_data(partner_municipality=lahti.pk, rationale="Новый текст"), "save": "draft"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert edit.status_code == 302
    draft.refresh_from_db()
    assert draft.rationale == "Новый текст"
