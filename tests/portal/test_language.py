"""Russian first whatever the browser says; English from the switcher."""

import pytest


@pytest.mark.django_db
def test_home_is_russian_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Муниципальная дипломатия Союза российских городов" in html


@pytest.mark.django_db
def test_english_prefix_serves_english(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Municipal diplomacy of the Union of Russian Cities" in html


@pytest.mark.django_db
def test_switcher_turns_the_page_into_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert response.cookies["django_language"].value == "en"

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/en/"})
    assert response["Location"] == "/"
    assert '<html lang="ru">' in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/de/", "/fr/accounts/login/", "/ru/"])
def test_unknown_language_prefix_falls_back_to_russian(client, path):
    response = client.get(path)
    assert response.status_code == 302
    target = response["Location"]
    assert not target.startswith(path[:4])
    page = client.get(target)
    assert page.status_code == 200
    assert '<html lang="ru">' in page.content.decode()


@pytest.mark.django_db
def test_unknown_path_with_a_language_like_prefix_is_still_404(client):
    assert client.get("/de/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_admin_speaks_the_portal_language(client, alice):
    client.force_login(alice)
    assert "СРГ «Международные отношения»" in client.get("/admin/").content.decode()
    assert "URC International Relations" in client.get("/en/admin/").content.decode()


@pytest.mark.django_db
def test_switcher_keeps_the_query_string_and_refuses_foreign_redirects(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/?next=/x"})
    assert response["Location"] == "/en/accounts/login/?next=/x"
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/en/"
