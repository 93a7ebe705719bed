"""
Full-text search on PostgreSQL: stemming in both languages, weights, ranking,
snippets, filters, and what the public may never see.
"""

import datetime

import pytest
from django.urls import reverse

from knowledge import selectors
from knowledge.models import Entry

from .factories import EntryFactory, theme

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def found(text, user=None):
    return [
        entry.title for entry in selectors.text_search(selectors.entries_visible_to(user), text)
    ]


def test_russian_words_are_found_in_any_form():
    EntryFactory(title_ru="Опыт побратимских связей", body_ru="Делегации городов Поволжья.")
    assert found("побратимские") == ["Опыт побратимских связей"]
    assert found("города") == ["Опыт побратимских связей"]
    assert found("побратимская связь") == ["Опыт побратимских связей"]


def test_english_words_are_found_in_any_form():
    EntryFactory(title_ru="", title_en="Twinned cities of the Volga", body_en="Partnerships grew.")
    assert found("city") == ["Twinned cities of the Volga"]
    assert found("twinning partnership") == ["Twinned cities of the Volga"]


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_body():
    EntryFactory(title_ru="Отчёт о поездке", body_ru="Обсуждали инвестиции в порт.")
    EntryFactory(title_ru="Инвестиции в городскую среду", body_ru="Текст без повторов.")
    assert found("инвестиции") == ["Инвестиции в городскую среду", "Отчёт о поездке"]


def test_summary_outweighs_body():
    EntryFactory(title_ru="А", summary_ru="", body_ru="Речь о мигрантах.")
    EntryFactory(title_ru="Б", summary_ru="Адаптация мигрантов в городе.", body_ru="")
    assert found("мигранты") == ["Б", "А"]


def test_phrases_alternatives_and_exclusions_use_web_search_syntax():
    EntryFactory(title_ru="Малый бизнес", body_ru="Поддержка малого бизнеса в городе.")
    EntryFactory(title_ru="Бизнес и туризм", body_ru="Туризм и крупный бизнес.")
    assert found('"малый бизнес"') == ["Малый бизнес"]
    assert sorted(found("малый or туризм")) == ["Бизнес и туризм", "Малый бизнес"]
    assert found("бизнес -туризм") == ["Малый бизнес"]


def test_each_result_has_a_highlighted_snippet():
    EntryFactory(title_ru="Итоги", summary_ru="", body_ru="Совет обсудил **стратегию** развития.")
    [result] = selectors.text_search(selectors.entries_visible_to(None), "стратегии")
    assert "\x02стратегию\x03" in result.headline


def test_search_vector_is_rebuilt_when_an_entry_is_saved(alice):
    from knowledge import services

    entry = EntryFactory(title_ru="Старое название")
    services.entry_update(entry=entry, by=alice, title_ru="Агломерация")
    assert found("агломерации") == ["Агломерация"]
    assert found("старое") == []


def test_drafts_and_staff_only_entries_are_never_found_by_the_public(client, alice):
    EntryFactory(title_ru="Открытый отчёт о визите", body_ru="визит делегации")
    EntryFactory(title_ru="Черновик отчёта о визите", body_ru="визит делегации", draft=True)
    EntryFactory(
        title_ru="Служебная записка о визите",
        body_ru="визит делегации секретный",
        staff_only=True,
    )
    assert found("визит") == ["Открытый отчёт о визите"]
    assert sorted(found("визит", user=alice)) == [
        "Открытый отчёт о визите",
        "Служебная записка о визите",
        "Черновик отчёта о визите",
    ]
    page = client.get(reverse("knowledge:search"), {"q": "визит"})
    assert page.context["page"].paginator.count == 1
    html = page.content.decode()
    assert "Черновик" not in html and "Служебная" not in html and "секретный" not in html
    assert (
        client.get(reverse("knowledge:search"), {"q": "секретный"}).context["page"].paginator.count
        == 0
    )


def test_officials_and_strangers_see_what_the_public_sees(olga, charlie):
    EntryFactory(title_ru="Служебная записка", staff_only=True)
    EntryFactory(title_ru="Черновик записки", draft=True)
    assert found("записка", user=olga) == []
    assert found("записка", user=charlie) == []


def test_filters_by_theme_type_country_and_year(client):
    EntryFactory(
        title_ru="Соглашение с Финляндией",
        kind=Entry.Kind.LEGAL_ACT,
        countries=["FI"],
        published_on=datetime.date(2019, 3, 1),
        themes=[theme("legal")],
    )
    EntryFactory(
        title_ru="Соглашение с Арменией",
        kind=Entry.Kind.DOCUMENT,
        countries=["AM", "RU"],
        published_on=datetime.date(2021, 6, 1),
        themes=[theme("twinning")],
    )

    def titles(**params):
        response = client.get(reverse("knowledge:search"), {"q": "соглашение", **params})
        return [entry.title for entry in response.context["page"]]

    assert titles(theme="legal") == ["Соглашение с Финляндией"]
    assert titles(kind="document") == ["Соглашение с Арменией"]
    assert titles(country="AM") == ["Соглашение с Арменией"]
    assert titles(country="RU") == ["Соглашение с Арменией"]
    assert titles(year="2019") == ["Соглашение с Финляндией"]
    assert titles(year="2019", kind="document") == []


@pytest.mark.parametrize(
    "query",
    [
        "и в на к",
        "the of and a",
        "!!! ??? ... ,,,",
        "&&& ||| !!! :* <-> ( ) ' \"",
        "x" * 10_000,
        "побратим " * 2_000,
        "'; DROP TABLE knowledge_entry; --",
        "1' OR '1'='1",
        "\\\\ %% _ %_ \\'",
        "SELECT * FROM accounts_user WHERE 1=1 UNION SELECT password FROM accounts_user",
        "город\x00ы",
        "\x01\x02\x03\x7f",
        '"незакрытая кавычка',
        "-",
        "or",
        "️🙂 👍",
    ],
)
def test_odd_queries_give_a_normal_page(client, query):
    EntryFactory(title_ru="Побратимы", body_ru="Города-побратимы.")
    response = client.get(reverse("knowledge:search"), {"q": query})
    assert response.status_code == 200
    assert Entry.objects.filter(title_ru="Побратимы").exists()


def test_a_long_query_is_cut_and_the_page_says_so(client):
    EntryFactory(title_ru="Побратимы")
    response = client.get(reverse("knowledge:search"), {"q": "побратимы " * 1000})
    assert response.status_code == 200
    assert len(response.context["query"]) <= 200
    assert [entry.title for entry in response.context["page"]] == ["Побратимы"]
    assert "искали только по его началу" in response.content.decode()


def test_garbage_filter_values_are_ignored_with_a_message(client):
    EntryFactory(title_ru="Побратимы")
    for params in (
        {"year": "abc"},
        {"theme": "nope"},
        {"kind": "x"},
        {"country": "ZZ"},
        {"page": "xyz"},
        {"municipality": "1; DROP"},
        {"year": "99999999999999"},
    ):
        response = client.get(reverse("knowledge:search"), {"q": "побратимы", **params})
        assert response.status_code == 200, params
        assert [entry.title for entry in response.context["page"]] == ["Побратимы"], params


def test_the_public_cannot_filter_by_state_or_visibility(client):
    EntryFactory(title_ru="Черновик", draft=True)
    response = client.get(reverse("knowledge:search"), {"state": "draft"})
    assert list(response.context["page"]) == []
    assert "state" not in response.context["filter"].form.fields


def test_contains_fallback_is_case_insensitive_for_cyrillic():
    # The path SQLite takes, run here on PostgreSQL (test_sqlite.py runs it on SQLite).
    EntryFactory(title_ru="ВОЛГОГРАД и Ёлки", body_ru="")
    EntryFactory(title_ru="Другое", body_ru="")
    queryset = selectors.entries_visible_to(None)
    for text in ("волгоград", "ВолгоГРАД", "ёлки", "волгоград ЁЛКИ"):
        result = selectors.text_search(queryset, text, full_text=False)
        assert [entry.title for entry in result] == ["ВОЛГОГРАД и Ёлки"], text


def test_a_very_frequent_term_ranks_a_bounded_window_and_says_there_is_more(client, settings):
    settings.KNOWLEDGE_SEARCH_RANK_WINDOW = 3
    for n in range(5):
        EntryFactory(title_ru=f"Город №{n}", body_ru="город")
    EntryFactory(title_ru="Деревня", body_ru="")
    response = client.get(reverse("knowledge:search"), {"q": "город"})
    assert response.context["page"].paginator.count == 3
    assert len(response.context["page"]) == 3
    assert "Под запрос подходит больше 3 материалов" in response.content.decode()


def test_results_past_the_first_page_are_ranked_too(client):
    EntryFactory(title_ru="Инвестиции", body_ru="инвестиции")
    for n in range(21):
        EntryFactory(title_ru=f"Отчёт {n}", body_ru="Текст об инвестициях.")
    first = client.get(reverse("knowledge:search"), {"q": "инвестиции"})
    second = client.get(reverse("knowledge:search"), {"q": "инвестиции", "page": 2})
    assert first.context["page"][0].title == "Инвестиции"
    assert first.context["page"].paginator.count == 22
    assert len(second.context["page"]) == 2
    shown = [e.pk for e in first.context["page"]] + [e.pk for e in second.context["page"]]
    assert len(set(shown)) == 22
