"""Error pages are the portal's own, in both languages, never a bare 500."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from urc_portal.urls import urlpatterns as portal_urlpatterns


def boom(request):
    raise RuntimeError("broken on purpose")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("boom/", boom),
    path("forbidden/", forbidden),
    *portal_urlpatterns,
]


@pytest.mark.django_db
def test_bad_host_header_gets_400_not_500(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400


@pytest.mark.django_db
def test_404_page_in_russian_and_english(client):
    ru = client.get("/no-such-page/")
    assert ru.status_code == 404
    assert "Страница не найдена" in ru.content.decode()
    en = client.get("/en/no-such-page/")
    assert en.status_code == 404
    assert "Page not found" in en.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.test_error_pages")
def test_403_page_in_russian(client):
    response = client.get("/forbidden/")
    assert response.status_code == 403
    assert "Доступ запрещён" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.portal.test_error_pages")
def test_500_page_is_rendered_by_the_portal():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Ошибка сервера" in response.content.decode()
