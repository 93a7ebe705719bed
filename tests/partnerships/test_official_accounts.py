"""
Officials' accounts: sign-up with e-mail confirmation and consent (allauth),
approval by staff, invitations, and closing an account without losing requests.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from partnerships.models import OfficialProfile, PartnershipRequest
from partnerships.personal_data import CONSENT_VERSION
from tests.partnerships.conftest import form_data, make_request
from tests.registry import municipality

pytestmark = pytest.mark.django_db
SIGNUP = reverse("account_signup")
LOGIN = reverse("account_login")


@pytest.fixture
def visitor():
    """A second browser, beside ``staff_client``."""
    return Client()


def signs_in(client, email, password):
    response = client.post(LOGIN, {"login": email, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


@pytest.fixture
def signup_open(settings):
    settings.PORTAL_SIGNUP_OPEN = True


def signup_data(**overrides):
    data = {
        "email": "irina@volzhsky.example",
        "password1": "Kamyshin-1957-twin",
        "password2": "Kamyshin-1957-twin",
        "full_name": "Ирина Волжская",
        "municipality_name": "городской округ город Волжский",
        "position": "заместитель главы",
        "personal_data_consent": "on",
    }
    data.update(overrides)
    return data


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_the_sign_up_page_shows_the_consent_and_the_official_s_fields(client, signup_open):
    html = client.get(SIGNUP).content.decode()
    for name in ("full_name", "municipality_name", "position", "personal_data_consent"):
        assert f'name="{name}"' in html
    assert "152-ФЗ" in html
    assert reverse("partnerships:privacy") in html


def test_sign_up_is_closed_when_the_setting_says_so(client, settings):
    settings.PORTAL_SIGNUP_OPEN = False
    response = client.post(SIGNUP, signup_data())
    assert not User.objects.filter(email="irina@volzhsky.example").exists()
    assert response.status_code == 200
    assert "signup_closed" in " ".join(t.name for t in response.templates)


def test_signing_up_keeps_the_consent_with_its_date_and_version(
    client, signup_open, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="irina@volzhsky.example")
    assert user.full_name == "Ирина Волжская"
    assert user.preferred_language == "ru"
    assert not user.groups.exists()  # the role comes with approval
    profile = user.official_profile
    assert profile.municipality is None and profile.approved_at is None
    assert profile.municipality_name_given == "городской округ город Волжский"
    assert profile.position == "заместитель главы"
    assert profile.personal_data_consent_at is not None
    assert profile.personal_data_consent_version == CONSENT_VERSION
    assert not EmailAddress.objects.get(user=user).verified
    (confirmation,) = mailoutbox
    assert confirmation.to == ["irina@volzhsky.example"]
    assert "/accounts/confirm-email/" in confirmation.body


def test_signing_up_on_english_pages_makes_an_english_speaking_account(
    client, signup_open, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en" + SIGNUP, signup_data())
    assert User.objects.get(email="irina@volzhsky.example").preferred_language == "en"
    assert "/en/accounts/confirm-email/" in mailoutbox[0].body


def test_sign_up_without_consent_creates_nothing(client, signup_open):
    data = signup_data()
    del data["personal_data_consent"]
    response = client.post(SIGNUP, data)
    assert response.status_code == 200
    assert "Без вашего согласия" in response.content.decode()
    assert not User.objects.filter(email="irina@volzhsky.example").exists()
    assert not OfficialProfile.objects.exists()


def test_staff_hear_of_a_confirmed_sign_up(
    client, signup_open, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, signup_data())
    with django_capture_on_commit_callbacks(execute=True):
        client.get(link_in(mailoutbox[0]))
        client.post(link_in(mailoutbox[0]))
    assert EmailAddress.objects.get(email="irina@volzhsky.example").verified
    to_staff = [m for m in mailoutbox if m.to == ["alice@example.org"]]
    assert len(to_staff) == 1
    assert "asks for an official's account" in to_staff[0].subject
    assert "/en/review/officials/" in to_staff[0].body


def test_staff_approve_an_official_and_link_the_municipality(
    visitor, signup_open, staff_client, volgograd, mailoutbox, django_capture_on_commit_callbacks
):
    visitor.post(SIGNUP, signup_data())
    profile = OfficialProfile.objects.get()
    page = staff_client.get(reverse("partnerships:officials"))
    assert "городской округ город Волжский" in page.content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("partnerships:official_approve", args=[profile.pk]),
            {f"p{profile.pk}-municipality": volgograd.pk, f"p{profile.pk}-position": ""},
        )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.municipality == volgograd
    assert profile.is_approved
    assert profile.approved_by.email == "alice@example.org"
    assert profile.position == "заместитель главы"
    assert profile.user.is_city_official
    (message,) = mailoutbox
    assert message.to == ["irina@volzhsky.example"]
    assert "подтвердил вашу учётную запись" in message.body


def test_the_officials_page_suggests_municipalities_with_a_similar_name(
    visitor, signup_open, staff_client
):
    volzhsky = municipality("RU", name_ru="Волжский", name_en="Volzhsky")
    municipality("RU", name_ru="Камышин")
    visitor.post(SIGNUP, signup_data())
    response = staff_client.get(reverse("partnerships:officials"))
    (_profile, _form, candidates) = response.context["pending"][0]
    assert list(candidates) == [volzhsky]


def test_the_officials_page_runs_a_fixed_number_of_queries_however_many_wait(
    staff_client, password, django_assert_num_queries
):
    from accounts.models import User

    for n in range(40):
        municipality("RU", name_ru=f"Городище-{n}")
    names = ["Волжский", "Камышин", "Михайловка", "Урюпинск", "Фролово"]

    for name in names:
        municipality("RU", name_ru=name)

    def wait(count):
        for name in names[:count]:
            user = User.objects.create_user(email=f"{name}{count}@example.org", password=password)
            OfficialProfile.objects.create(user=user, municipality_name_given=f"город {name}")

    wait(1)
    url = reverse("partnerships:officials")
    with CaptureQueriesContext(connection) as one:
        response = staff_client.get(url)
    assert len(response.context["pending"]) == 1
    OfficialProfile.objects.all().delete()
    wait(5)
    with django_assert_num_queries(len(one)):
        response = staff_client.get(url)
    rows = response.context["pending"]
    assert len(rows) == 5
    assert all(
        [str(m) for m in candidates] == [profile.municipality_name_given[6:]]
        for profile, _f, candidates in rows
    )


def test_a_suggested_municipality_ticked_above_the_list_is_taken(
    visitor, signup_open, staff_client
):
    volzhsky = municipality("RU", name_ru="Волжский", name_en="Volzhsky")
    visitor.post(SIGNUP, signup_data())
    profile = OfficialProfile.objects.get()
    # The browser sends the ticked suggestion first and the untouched list after it.
    staff_client.post(
        reverse("partnerships:official_approve", args=[profile.pk]),
        {f"p{profile.pk}-municipality": [str(volzhsky.pk), ""]},
    )
    profile.refresh_from_db()
    assert profile.municipality == volzhsky


def test_an_official_is_approved_for_a_russian_municipality_only(
    visitor, signup_open, staff_client, lahti
):
    visitor.post(SIGNUP, signup_data())
    profile = OfficialProfile.objects.get()
    response = staff_client.post(
        reverse("partnerships:official_approve", args=[profile.pk]),
        {f"p{profile.pk}-municipality": lahti.pk},
    )
    assert response.status_code == 400
    profile.refresh_from_db()
    assert profile.approved_at is None


def test_staff_invite_an_official_who_sets_a_password_and_consents(
    visitor, staff_client, volgograd, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("partnerships:official_invite"),
            {
                "email": "Pavel@Volgograd.example",
                "full_name": "Pavel Sokolov",
                "municipality": volgograd.pk,
                "position": "head of international relations",
                "language": "en",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="pavel@volgograd.example")
    assert not user.has_usable_password()
    profile = user.official_profile
    assert profile.is_approved and profile.invited_at is not None
    assert not profile.has_consented
    (invitation,) = mailoutbox
    assert invitation.to == ["pavel@volgograd.example"]
    assert "invites you to the portal" in invitation.subject + invitation.body

    set_password = visitor.get(link_in(invitation), follow=True)
    form_url = set_password.redirect_chain[-1][0] if set_password.redirect_chain else None
    visitor.post(
        form_url or link_in(invitation),
        {"password1": "Volga-Lahti-1953", "password2": "Volga-Lahti-1953"},
    )
    assert signs_in(visitor, "pavel@volgograd.example", "Volga-Lahti-1953")

    first = visitor.get(reverse("partnerships:request_create"))
    assert first.status_code == 302
    assert first["Location"].startswith(reverse("partnerships:official_consent"))
    visitor.post(first["Location"], {"personal_data_consent": "on"})
    profile.refresh_from_db()
    assert profile.personal_data_consent_version == CONSENT_VERSION
    assert visitor.get(reverse("partnerships:request_create")).status_code == 200


def test_an_invitation_to_a_known_address_is_refused(staff_client, volgograd, olga):
    response = staff_client.post(
        reverse("partnerships:official_invite"),
        {
            "email": "OLGA@example.org",
            "full_name": "Ольга",
            "municipality": volgograd.pk,
            "position": "x",
            "language": "ru",
        },
    )
    assert response.status_code == 400
    assert "уже существует" in response.content.decode()


def test_consent_without_the_tick_is_refused(client, olga, volgograd):
    from tests.partnerships.conftest import approve

    approve(olga, volgograd, consented=False)
    client.force_login(olga)
    response = client.post(reverse("partnerships:official_consent"), {})
    assert response.status_code == 200
    assert not OfficialProfile.objects.get(user=olga).has_consented


def test_closing_an_account_keeps_the_requests_with_the_municipality(
    visitor, staff_client, volgograd, volgograd_official, lahti, password
):
    from accounts.roles import CITY_OFFICIAL
    from tests.conftest import make_user
    from tests.partnerships.conftest import approve

    request = make_request(volgograd, volgograd_official, partner_municipality=lahti)
    profile = volgograd_official.official_profile
    staff_client.post(reverse("partnerships:official_deactivate", args=[profile.pk]))

    volgograd_official.refresh_from_db()
    profile.refresh_from_db()
    assert volgograd_official.is_active is False
    assert profile.deactivated_at is not None
    assert PartnershipRequest.objects.get(pk=request.pk).created_by == volgograd_official
    assert not signs_in(Client(), "olga@example.org", password)

    successor = make_user("new@volgograd.example", password, group=CITY_OFFICIAL)
    approve(successor, volgograd)
    visitor.force_login(successor)
    page = visitor.get(reverse("partnerships:request_detail", args=[request.pk]))
    assert page.status_code == 200
    response = visitor.post(
        reverse("partnerships:request_edit", args=[request.pk]),
        {**form_data(partner_municipality=lahti.pk), "save": "submit"},
    )
    assert response.status_code == 302
    assert PartnershipRequest.objects.get(pk=request.pk).status == "submitted"


def test_the_admin_lists_officials_with_their_consent(staff_client, volgograd_official):
    response = staff_client.get(reverse("admin:partnerships_officialprofile_changelist"))
    assert response.status_code == 200
    profile = volgograd_official.official_profile
    change = staff_client.get(
        reverse("admin:partnerships_officialprofile_change", args=[profile.pk])
    )
    assert CONSENT_VERSION in change.content.decode()
