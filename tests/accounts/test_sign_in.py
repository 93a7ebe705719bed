"""Signing in and out with an e-mail address."""

import logging

import pytest
from axes.models import AccessAttempt

LOGIN = "/accounts/login/"


def test_sign_in_with_email_and_password(client, alice, password):
    response = client.post(LOGIN, {"login": "ALICE@example.org", "password": password})
    assert response.status_code == 302
    assert client.get("/").context["user"] == alice


def test_wrong_password_gets_a_clear_message_in_russian(client, alice):
    response = client.post(LOGIN, {"login": alice.email, "password": "wrong"})
    assert response.status_code == 200
    assert "неверны" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_wrong_password_gets_a_clear_message_in_english(client, alice):
    response = client.post("/en" + LOGIN, {"login": alice.email, "password": "wrong"})
    assert "not correct" in response.content.decode()


def test_repeated_failures_lock_the_account_out_and_are_logged(
    client, alice, password, caplog, settings
):
    caplog.set_level(logging.WARNING, logger="axes")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"login": alice.email, "password": "wrong"})
    # Locked: even the right password is refused now.
    response = client.post(LOGIN, {"login": alice.email, "password": password})
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in response.content.decode()
    assert not client.get("/").context["user"].is_authenticated
    assert AccessAttempt.objects.get(username=alice.email).failures_since_start >= 5
    assert any("Locking out" in record.getMessage() for record in caplog.records)


def test_admin_login_is_protected_by_the_same_lockout(client, alice, password, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": alice.email, "password": "wrong"})
    response = client.post("/admin/login/", {"username": alice.email, "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_out(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


@pytest.mark.django_db
def test_sign_in_page_in_both_languages(client):
    assert "Войти" in client.get(LOGIN).content.decode()
    assert "Sign In" in client.get("/en" + LOGIN).content.decode()


@pytest.mark.parametrize("path", [LOGIN, "/accounts/signup/", "/accounts/password/reset/"])
def test_account_pages_sit_in_the_portal_layout_in_a_narrow_column(client, path):
    page = client.get(path).content.decode()
    assert 'id="main" class="flex-grow-1 container py-4 account-page"' in page
    assert 'class="navbar' in page and "<form" in page
