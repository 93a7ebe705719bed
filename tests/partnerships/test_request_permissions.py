"""
Every request page from the wrong side: another municipality's official gets
404 (no existence leak), anonymous visitors sign in, officials cannot move a
request by a crafted POST, and nobody outside the office reaches its pages.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from partnerships.models import (
    OfficialProfile,
    Partnership,
    PartnershipRequest,
    RequestAttachment,
    RequestMessage,
    RequestTransition,
)
from tests.partnerships.conftest import approve, form_data, make_request, upload

Status = PartnershipRequest.Status
GET, POST = "get", "post"
pytestmark = pytest.mark.django_db


@pytest.fixture
def records(volgograd, volgograd_official, lahti):
    request = make_request(
        volgograd, volgograd_official, partner_municipality=lahti, status=Status.SUBMITTED
    )
    attachment = RequestAttachment.objects.create(
        request=request, file=upload("agreement.pdf"), uploaded_by=volgograd_official
    )
    return {"request": request, "attachment": attachment}


def official_urls(records):
    pk = records["request"].pk
    return [
        (GET, reverse("partnerships:request_detail", args=[pk])),
        (GET, reverse("partnerships:request_edit", args=[pk])),
        (POST, reverse("partnerships:request_edit", args=[pk])),
        (POST, reverse("partnerships:request_transition", args=[pk])),
        (POST, reverse("partnerships:request_message", args=[pk])),
        (GET, reverse("partnerships:request_attachment", args=[records["attachment"].pk])),
    ]


def staff_urls(records):
    pk = records["request"].pk
    profile = OfficialProfile.objects.get(municipality=records["request"].municipality)
    return [
        (GET, reverse("partnerships:request_queue")),
        (GET, reverse("partnerships:request_queue_export")),
        (GET, reverse("partnerships:request_review", args=[pk])),
        (POST, reverse("partnerships:request_review_transition", args=[pk])),
        (POST, reverse("partnerships:request_partner_pick", args=[pk])),
        (GET, reverse("partnerships:officials")),
        (POST, reverse("partnerships:official_invite")),
        (POST, reverse("partnerships:official_approve", args=[profile.pk])),
        (POST, reverse("partnerships:official_deactivate", args=[profile.pk])),
    ]


def nothing_changed(records):
    request = records["request"]
    fresh = PartnershipRequest.objects.get(pk=request.pk)
    assert fresh.status == request.status
    assert fresh.rationale == request.rationale
    assert not RequestTransition.objects.exists()
    assert not RequestMessage.objects.exists()
    assert RequestAttachment.objects.count() == 1
    assert not Partnership.objects.exists()


def test_an_official_of_another_municipality_gets_404_everywhere(boris_client, records):
    for method, url in official_urls(records):
        response = getattr(boris_client, method)(
            url, {**form_data(), "action": "withdraw", "body": "Привет", "save": "draft"}
        )
        assert response.status_code == 404, url
    nothing_changed(records)


def test_the_other_municipality_s_request_looks_like_a_missing_one(boris_client, records):
    missing = boris_client.get(reverse("partnerships:request_detail", args=[999_999]))
    foreign = boris_client.get(reverse("partnerships:request_detail", args=[records["request"].pk]))
    assert missing.status_code == foreign.status_code == 404

    def without_tokens(response):
        # The CSRF token is masked afresh each time; the language switcher names the path.
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return re.sub(r"/requests/\d+/", "/requests/N/", html)

    assert without_tokens(missing) == without_tokens(foreign)


def test_anonymous_visitors_are_sent_to_sign_in(client, records):
    urls = [
        *official_urls(records),
        *staff_urls(records),
        (GET, reverse("partnerships:request_list")),
        (GET, reverse("partnerships:request_create")),
        (POST, reverse("partnerships:request_create")),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    nothing_changed(records)


def test_a_signed_in_person_without_a_role_gets_nowhere(stranger_client, records):
    for method, url in [*official_urls(records), *staff_urls(records)]:
        response = getattr(stranger_client, method)(
            url,
            {**form_data(), "action": "approve", "body": "Привет", "save": "draft"},
        )
        # The message thread and the attachments serve staff and officials alike: for
        # anyone else the request does not exist.
        expected = 404 if url.endswith("/messages/") or "/attachments/" in url else 403
        assert response.status_code == expected, url
    nothing_changed(records)


def test_officials_get_403_on_every_staff_url(client, volgograd_official, records):
    client.force_login(volgograd_official)
    for method, url in staff_urls(records):
        response = getattr(client, method)(
            url, {"action": "approve", "municipality": records["request"].municipality_id}
        )
        assert response.status_code == 403, url
    nothing_changed(records)


@pytest.mark.parametrize("action", ["approve", "reject", "start_review", "request_information"])
def test_an_official_cannot_approve_or_reject_by_a_crafted_post(
    client, volgograd_official, records, action
):
    client.force_login(volgograd_official)
    response = client.post(
        reverse("partnerships:request_transition", args=[records["request"].pk]),
        {"action": action, "comment": "Сами себя одобрим."},
    )
    assert response.status_code == 403
    nothing_changed(records)


def test_a_status_field_in_a_crafted_form_post_is_ignored(
    client, volgograd, volgograd_official, lahti
):
    client.force_login(volgograd_official)
    draft = make_request(volgograd, volgograd_official, partner_municipality=lahti)
    client.post(
        reverse("partnerships:request_edit", args=[draft.pk]),
        {
            **form_data(partner_municipality=lahti.pk),
            "status": "approved",
            "submitted_at": "2020-01-01 00:00",
            "partnership": "1",
            "municipality": "1",
            "save": "draft",
        },
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.submitted_at is None
    assert draft.municipality == volgograd
    created = client.post(
        reverse("partnerships:request_create"),
        {**form_data(partner_country="DE"), "status": "approved", "save": "draft"},
    )
    assert created.status_code == 302
    assert PartnershipRequest.objects.get(partner_country="DE").status == Status.DRAFT


def test_an_official_without_a_role_or_approval_cannot_file(stranger_client, charlie, db):
    OfficialProfile.objects.create(user=charlie, municipality_name_given="Волжский")
    for url in (reverse("partnerships:request_create"), reverse("partnerships:request_list")):
        assert stranger_client.get(url).status_code == 403
    response = stranger_client.post(
        reverse("partnerships:request_create"), {**form_data(), "save": "submit"}
    )
    assert response.status_code == 403
    assert not PartnershipRequest.objects.exists()


def test_a_pending_official_is_told_the_account_awaits_approval(stranger_client, charlie, db):
    OfficialProfile.objects.create(user=charlie, municipality_name_given="Волжский")
    response = stranger_client.get(reverse("partnerships:request_create"))
    assert response.status_code == 403
    assert "Волжский" in response.content.decode()


def test_staff_cannot_file_requests(staff_client):
    assert staff_client.get(reverse("partnerships:request_create")).status_code == 403


def test_an_approved_official_without_consent_gives_it_first(client, olga, volgograd):
    approve(olga, volgograd, consented=False)
    client.force_login(olga)
    response = client.get(reverse("partnerships:request_create"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("partnerships:official_consent"))


def test_officials_of_the_same_municipality_share_its_requests(
    client, volgograd, records, password
):
    from accounts.roles import CITY_OFFICIAL
    from tests.conftest import make_user

    colleague = make_user("ivan@example.org", password, group=CITY_OFFICIAL)
    approve(colleague, volgograd)
    client.force_login(colleague)
    pk = records["request"].pk
    assert client.get(reverse("partnerships:request_detail", args=[pk])).status_code == 200
    attachment = records["attachment"].pk
    assert (
        client.get(reverse("partnerships:request_attachment", args=[attachment])).status_code == 200
    )


def test_attachments_have_no_public_url(records):
    attachment = records["attachment"]
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018
    assert str(settings.PROTECTED_MEDIA_ROOT) in attachment.file.path
    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT))


def test_a_deactivated_official_can_no_longer_see_the_requests(client, records, volgograd_official):
    volgograd_official.is_active = False
    volgograd_official.save()
    client.force_login(volgograd_official)
    response = client.get(reverse("partnerships:request_detail", args=[records["request"].pk]))
    assert response.status_code in (302, 403)
