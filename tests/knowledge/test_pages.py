"""Reading pages: home by theme, theme pages, entry pages, the feed; constant queries."""

import datetime

import pytest
from django.urls import reverse

from knowledge.models import Entry

from .factories import EntryFactory, theme

pytestmark = pytest.mark.django_db


def test_navigation_shows_the_knowledge_base(client):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("knowledge:index")}"' in html
    assert "База знаний" in html


def test_home_lists_the_six_themes_with_public_counts_and_latest_entries(client):
    EntryFactory(title_ru="Открытый материал", themes=[theme("economic")])
    EntryFactory(title_ru="Черновик", themes=[theme("economic")], draft=True)
    EntryFactory(title_ru="Служебный", themes=[theme("economic")], staff_only=True)
    response = client.get(reverse("knowledge:index"))
    themes = response.context["themes"]
    assert len(themes) == 6
    economic = next(t for t in themes if t.slug == "economic")
    assert economic.entry_count == 1
    assert [e.title for e in economic.latest] == ["Открытый материал"]
    html = response.content.decode()
    assert "Черновик" not in html and "Служебный" not in html
    assert "Межконфессиональное и межнациональное взаимодействие" in html


def test_staff_home_counts_drafts_and_staff_only_entries(staff_client):
    EntryFactory(themes=[theme("economic")], draft=True)
    EntryFactory(themes=[theme("economic")], staff_only=True)
    response = staff_client.get(reverse("knowledge:index"))
    economic = next(t for t in response.context["themes"] if t.slug == "economic")
    assert economic.entry_count == 2
    assert response.context["draft_count"] == 1


def test_home_shows_at_most_three_latest_entries_per_theme(client):
    for day in range(1, 6):
        EntryFactory(title_ru=f"День {day}", published_on=datetime.date(2024, 1, day))
    twinning = next(
        t for t in client.get(reverse("knowledge:index")).context["themes"] if t.slug == "twinning"
    )
    assert [e.title for e in twinning.latest] == ["День 5", "День 4", "День 3"]
    assert twinning.entry_count == 5


def test_theme_page_lists_its_public_entries_newest_first(client):
    EntryFactory(title_ru="Старый", published_on=datetime.date(2020, 1, 1))
    EntryFactory(title_ru="Новый", published_on=datetime.date(2024, 1, 1))
    EntryFactory(title_ru="Другая тема", themes=[theme("social")])
    EntryFactory(title_ru="Скрытый", draft=True)
    response = client.get(reverse("knowledge:theme", args=["twinning"]))
    assert [e.title for e in response.context["page"]] == ["Новый", "Старый"]
    assert "theme" not in response.context["filter"].form.fields


def test_unknown_theme_is_404(client):
    assert client.get(reverse("knowledge:theme", args=["nope"])).status_code == 404


def test_entry_page_shows_the_rendered_body_in_the_active_language(client):
    entry = EntryFactory(
        title_ru="Опыт Казани",
        title_en="Kazan's experience",
        body_ru="**Главное** в опыте",
        body_en="The **main** point",
    )
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "<strong>Главное</strong>" in html
    html = client.get("/en" + entry.get_absolute_url()).content.decode()
    assert "<strong>main</strong>" in html and "Kazan&#x27;s experience" in html


def test_entry_page_neutralises_a_hostile_body(client):
    entry = EntryFactory(body_ru='<script>alert(1)</script><img src=x onerror="alert(2)">')
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "alert(1)" not in html
    assert "onerror" not in html


def test_drafts_and_staff_only_entries_are_404_for_everyone_outside_the_office(
    client, official_client, olga, charlie
):
    from django.test import Client

    stranger = Client()
    stranger.force_login(charlie)
    draft = EntryFactory(draft=True)
    internal = EntryFactory(staff_only=True)
    for entry in (draft, internal):
        assert client.get(entry.get_absolute_url()).status_code == 404
        assert official_client.get(entry.get_absolute_url()).status_code == 404
        assert stranger.get(entry.get_absolute_url()).status_code == 404


def test_staff_open_drafts_and_staff_only_entries(staff_client):
    for entry in (EntryFactory(draft=True), EntryFactory(staff_only=True)):
        assert staff_client.get(entry.get_absolute_url()).status_code == 200


def test_feed_lists_new_public_entries_only(client):
    EntryFactory(title_ru="Публичный материал", summary_ru="Кратко.")
    EntryFactory(title_ru="Черновик", draft=True)
    EntryFactory(title_ru="Служебный", staff_only=True)
    response = client.get(reverse("knowledge:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "Публичный материал" in xml
    assert "Черновик" not in xml and "Служебный" not in xml
    assert "/knowledge/entries/" in xml


def test_feed_in_english_has_english_titles(client):
    EntryFactory(title_ru="Русский", title_en="English title")
    xml = client.get("/en" + reverse("knowledge:feed")).content.decode()
    assert "English title" in xml


def populate(n, **fields):
    for _ in range(n):
        EntryFactory(
            themes=[theme("twinning"), theme("economic")],
            countries=["FI", "RU"],
            body_ru="Побратимские города развивают связи.",
            **fields,
        )


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("knowledge:index", {}),
        ("knowledge:search", {}),
        ("knowledge:search", {"q": "города", "country": "FI", "theme": "economic"}),
        ("knowledge:search", {"year": "2024", "kind": "article"}),
    ],
)
def test_list_pages_run_the_same_number_of_queries_whatever_the_data(
    client, django_assert_num_queries, url, params
):
    populate(2)
    client.get(reverse(url), params)
    response = client.get(reverse(url), params)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse(url), params)
    populate(30)
    with django_assert_num_queries(len(few)):
        response = client.get(reverse(url), params)
    assert response.status_code == 200


def test_search_page_queries_are_pinned(staff_client, django_assert_num_queries):
    from django.test import Client

    populate(25)
    # The themes; the matches' ids and then the ranked page, each in a transaction
    # of its own (a savepoint here: savepoint, planner setting, query, release);
    # the page's links to themes.
    with django_assert_num_queries(10):
        Client().get(reverse("knowledge:search"), {"q": "города"})
    # plus the session, the user and the user's roles
    with django_assert_num_queries(13):
        staff_client.get(reverse("knowledge:search"), {"q": "города"})


def test_theme_page_queries_are_pinned(client, django_assert_num_queries):
    populate(25)
    # the themes, count, page, the page's links to themes
    with django_assert_num_queries(4):
        client.get(reverse("knowledge:theme", args=["twinning"]), {"page": 2})


def test_home_queries_are_pinned(client, django_assert_num_queries):
    populate(25)
    # themes with counts, latest entries per theme
    with django_assert_num_queries(2):
        client.get(reverse("knowledge:index"))


def test_pages_are_translated(client):
    EntryFactory(kind=Entry.Kind.PRACTICE)
    html = client.get(reverse("knowledge:search")).content.decode()
    assert "Поиск по базе знаний" in html
    assert "Лучшая практика или кейс" in html or "лучшая практика или кейс" in html.lower()
    html = client.get("/en" + reverse("knowledge:search")).content.decode()
    assert "Search the knowledge base" in html
