"""Password change and reset, with the reset e-mail in the user's language."""

import re

from accounts.models import User


def test_password_change(client, alice, password):
    client.force_login(alice)
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": password,
            "password1": "a new long passphrase",
            "password2": "a new long passphrase",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a new long passphrase")


def test_password_reset_mail_is_sent_in_the_users_language(
    client, olga, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": olga.email})
        client.post("/accounts/password/reset/", {"email": alice.email})
    assert [m.to for m in mailoutbox] == [[olga.email], [alice.email]]
    # Olga prefers Russian although she used the English page; Alice the reverse.
    assert "Сброс пароля" in mailoutbox[0].subject or "пароль" in mailoutbox[0].body.lower()
    assert "password" in mailoutbox[1].body.lower()


def test_password_reset_link_sets_a_new_password(
    client, olga, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": olga.email})
    link = re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+", mailoutbox[0].body)[0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else "/" + path
    response = client.post(
        form_url, {"password1": "brand new passphrase 42", "password2": "brand new passphrase 42"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=olga.pk).check_password("brand new passphrase 42")
