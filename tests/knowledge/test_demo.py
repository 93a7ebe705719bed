"""The demo knowledge base of `make run`: all six themes, both languages, marked, loaded once."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from knowledge.demo import DEMO_SOURCE
from knowledge.models import Entry, EntryAttachment, Theme

pytestmark = pytest.mark.django_db


def test_demo_covers_every_theme_in_both_languages_is_marked_and_idempotent(
    settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    call_command("load_demo_outreach")
    call_command("load_demo_registry")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_knowledge")
    count = Entry.objects.count()
    call_command("load_demo_knowledge")
    assert Entry.objects.count() == count >= 18

    for theme in Theme.objects.all():
        entries = Entry.objects.filter(themes=theme, state="published", visibility="public")
        assert entries.exclude(title_ru="").exists(), theme.slug
        assert entries.exclude(title_en="").exists(), theme.slug
    assert set(Entry.objects.values_list("source", flat=True)) == {DEMO_SOURCE}
    for entry in Entry.objects.all():
        assert "(демо)" in entry.title_ru or "(demo)" in entry.title_en
    assert Entry.objects.filter(state="draft").exists()
    assert Entry.objects.filter(visibility="staff").exists()
    assert Entry.objects.filter(author__email="staff@example.org").count() == count
    assert Entry.objects.exclude(partnerships=None).exists()
    assert EntryAttachment.objects.get().extraction == "done"


@pytest.mark.postgres
def test_demo_is_found_by_the_text_of_its_attachment(settings, client):
    settings.DEBUG = True
    call_command("load_demo_knowledge")
    response = client.get(reverse("knowledge:search"), {"q": "деловая миссия"})
    titles = [entry.title for entry in response.context["page"]]
    assert "Типовое соглашение о побратимстве: структура (демо)" in titles


def test_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_knowledge")
    assert not Entry.objects.exists()
