"""Themes from the resolution, entries with stable transliterated slugs, constraints, history."""

import pytest
from django.db import IntegrityError, transaction

from knowledge import services
from knowledge.models import Entry, Theme

from .factories import EntryFactory, theme

pytestmark = pytest.mark.django_db


def test_the_six_themes_of_the_resolution_are_seeded_in_both_languages():
    themes = list(Theme.objects.all())
    assert [t.slug for t in themes] == [
        "economic",
        "social",
        "legal",
        "strategic-development",
        "interfaith-interethnic",
        "twinning",
    ]
    assert themes[5].name_ru == "Создание побратимских связей"
    assert themes[5].name_en == "Creating twinning ties"
    assert all(t.name_ru and t.name_en and t.description_ru and t.description_en for t in themes)


def test_theme_name_follows_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        assert theme("legal").name == "Legal and regulatory aspects"
    assert theme("legal").name == "Нормативно-правовые аспекты"


def create(**fields):
    fields.setdefault("themes", [theme()])
    return services.entry_create(author=None, **fields)


@pytest.mark.parametrize(
    ("title_ru", "title_en", "slug"),
    [
        ("Побратимские связи Волгограда", "", "pobratimskie-svyazi-volgograda"),
        ("", "Twinning in Finland", "twinning-in-finland"),
        ("Опыт «Породнённых городов»", "Twin Cities", "opyt-porodnennykh-gorodov"),
        ("!!! ???", "", "entry"),
        ("", "城市合作", "entry"),
    ],
)
def test_slug_is_transliterated_from_the_first_title_and_never_empty(title_ru, title_en, slug):
    assert create(title_ru=title_ru, title_en=title_en).slug == slug


def test_same_title_gets_a_numbered_slug():
    slugs = [create(title_ru="Муниципальные финансы").slug for _ in range(3)]
    assert slugs == ["munitsipalnye-finansy", "munitsipalnye-finansy-2", "munitsipalnye-finansy-3"]


def test_long_title_gives_a_slug_of_at_most_80_characters():
    entry = create(title_ru="Стратегия " * 29)
    assert 0 < len(entry.slug) <= 80
    assert not entry.slug.endswith("-")


def test_slug_and_url_stay_when_the_title_changes(alice):
    entry = create(title_ru="Первое название")
    url = entry.get_absolute_url()
    services.entry_update(entry=entry, by=alice, title_ru="Новое название")
    entry.refresh_from_db()
    assert entry.slug == "pervoe-nazvanie"
    assert entry.get_absolute_url() == url == "/knowledge/entries/pervoe-nazvanie/"


def test_an_entry_without_any_title_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(slug="no-title")


def test_a_published_entry_without_dates_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(slug="x", title_en="X", state=Entry.State.PUBLISHED)


def test_publishing_sets_the_publication_date_and_first_publication_moment(alice):
    entry = create(title_ru="Черновик")
    assert entry.published_on is None and entry.first_published_at is None
    services.entry_update(entry=entry, by=alice, state=Entry.State.PUBLISHED)
    first = entry.first_published_at
    assert entry.published_on is not None and first is not None
    services.entry_update(entry=entry, by=alice, state=Entry.State.DRAFT)
    services.entry_update(entry=entry, by=alice, state=Entry.State.PUBLISHED)
    assert entry.first_published_at == first


def test_an_entry_needs_a_theme():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.entry_create(author=None, title_ru="Без темы", themes=[])
    assert "themes" in refused.value.error_dict
    assert not Entry.objects.exists()


def test_edits_are_kept_in_history_with_the_themes(alice):
    entry = create(title_ru="Версия 1", themes=[theme("economic")])
    services.entry_update(
        entry=entry, by=alice, title_ru="Версия 2", themes=[theme("economic"), theme("social")]
    )
    titles = list(entry.history.order_by("history_id").values_list("title_ru", flat=True))
    assert titles[0] == "Версия 1"
    assert titles[-1] == "Версия 2"
    latest = entry.history.latest()
    assert {row.theme_id for row in latest.themes.all()} == {
        theme("economic").pk,
        theme("social").pk,
    }


def test_bilingual_fields_fall_back_to_the_other_language():
    from django.utils import translation

    entry = EntryFactory(title_ru="Только по-русски", title_en="")
    with translation.override("en"):
        assert entry.title == "Только по-русски"
        assert entry.title_language == "ru"
