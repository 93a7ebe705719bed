"""/healthz: database, cache and broker, reachable by a container's own name."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_health_reports_database_cache_and_broker(client):
    response = client.get("/healthz", {"format": "json"})
    assert response.status_code == 200
    checks = response.json()
    assert set(checks.values()) == {"OK"}
    assert {name.split("(")[0] for name in checks} == {"Database", "Cache", "Broker"}


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["testserver", "web:8000"])
def test_health_page_for_people_renders(settings, host):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    for path in ("/healthz", "/healthz/"):
        response = Client().get(path, HTTP_HOST=host)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Database" in page and "Broker" in page


@pytest.mark.django_db
def test_health_answers_under_production_settings_on_plain_http_by_container_name(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    client = Client()
    response = client.get("/healthz", {"format": "json"}, HTTP_HOST="web:8000")
    assert response.status_code == 200
    # Every other page still redirects to HTTPS and still validates the host.
    assert client.get("/", HTTP_HOST="portal.example.org").status_code == 301
    assert client.get("/", HTTP_HOST="web:8000").status_code == 400


@pytest.mark.django_db
def test_health_fails_when_the_broker_is_unreachable(settings):
    from urc_portal.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = Client().get("/healthz", {"format": "json"})
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 500
    assert response.json()["Broker()"] != "OK"
