"""The public directory: filters, sorting, pages, public ties only, constant queries."""

import datetime

import pytest
from django.urls import reverse

from associations.models import NationalAssociation
from partnerships.models import FederalSubject, Partnership
from tests.registry import municipality, tie

pytestmark = pytest.mark.django_db
URL = reverse("partnerships:directory")


@pytest.fixture
def ties():
    tatarstan = FederalSubject.objects.get(name_ru="Республика Татарстан")
    volgograd = municipality("RU", name_ru="Волгоград", name_en="Volgograd")
    kazan = municipality("RU", name_ru="Казань", name_en="Kazan", federal_subject=tatarstan)
    cologne = municipality("DE", name_ru="Кёльн", name_en="Cologne")
    lahti = municipality("FI", name_ru="", name_en="Lahti")
    finland = NationalAssociation.objects.get(country="FI")
    lahti.associations.add(finland)
    return {
        "volgograd-cologne": tie(
            volgograd,
            cologne,
            kind="twinning",
            status="active",
            is_public=True,
            signed_on=datetime.date(1988, 1, 1),
            signed_on_precision="year",
            areas={"culture"},
        ),
        "kazan-lahti": tie(
            kazan,
            lahti,
            kind="cooperation",
            status="suspended",
            is_public=True,
            signed_on=datetime.date(2005, 5, 12),
            areas={"economy", "sport"},
        ),
        "hidden": tie(
            volgograd,
            lahti,
            kind="memorandum",
            is_public=False,
            signed_on=datetime.date(2020, 1, 1),
        ),
    }


def listed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def names(response):
    import re

    return set(re.findall(r'href="/partnerships/(\d+)/"', response.content.decode()))


def ids(*ties_):
    return {str(t.pk) for t in ties_}


def test_the_public_sees_public_ties_only(client, ties):
    response = listed(client)
    assert names(response) == ids(ties["volgograd-cologne"], ties["kazan-lahti"])
    assert "2" in response.content.decode()


def test_staff_see_every_tie_with_the_unpublished_marked(staff_client, ties):
    response = listed(staff_client)
    assert names(response) == ids(*ties.values())
    assert "не публикуется" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "DE"}, ["volgograd-cologne"]),
        ({"country": "FI"}, ["kazan-lahti"]),
        ({"kind": "cooperation"}, ["kazan-lahti"]),
        ({"status": "active"}, ["volgograd-cologne"]),
        ({"area": "sport"}, ["kazan-lahti"]),
        ({"year_from": "2000"}, ["kazan-lahti"]),
        ({"year_to": "1990"}, ["volgograd-cologne"]),
        ({"q": "кёльн"}, ["volgograd-cologne"]),
        ({"q": "КЕЛЬН"}, ["volgograd-cologne"]),
        ({"q": "cologne"}, ["volgograd-cologne"]),
        ({"q": "Volgograd"}, ["volgograd-cologne"]),
        ({"q": "Лахти"}, []),
        ({"q": "lahti"}, ["kazan-lahti"]),
    ],
)
def test_filters(client, ties, params, expected):
    assert names(listed(client, **params)) == ids(*(ties[key] for key in expected))


def test_federal_subject_and_association_filters(client, ties):
    tatarstan = FederalSubject.objects.get(name_ru="Республика Татарстан")
    assert names(listed(client, subject=tatarstan.pk)) == ids(ties["kazan-lahti"])
    finland = NationalAssociation.objects.get(country="FI")
    assert names(listed(client, association=finland.pk)) == ids(ties["kazan-lahti"])


@pytest.mark.postgres
def test_text_search_forgives_a_typo_on_postgresql(client, ties):
    assert names(listed(client, q="Volgagrad")) == ids(ties["volgograd-cologne"])


@pytest.mark.parametrize(
    "params",
    [
        {"year_from": "abc"},
        {"page": "xyz"},
        {"country": "ZZ"},
        {"subject": "nope"},
        {"kind": "x"},
        {"year_to": "99999999999999999999"},
        {"page": "-3"},
        {"page": "²"},
        {"page": "9" * 5000},
        {"page": "99999"},
        {"sort": "hack"},
        {"q": "' OR 1=1 --"},
    ],
)
def test_garbage_parameters_never_break_the_page(client, ties, params):
    text = listed(client, **params).content.decode()
    assert "alert" in text or "/partnerships/" in text or "Нет связей" in text or "No ties" in text


@pytest.mark.parametrize("params", [{"year_from": "abc"}, {"page": "xyz"}, {"country": "ZZ"}])
def test_garbage_parameters_are_named_in_a_message(client, ties, params):
    assert 'class="alert' in listed(client, **params).content.decode()


def test_sorting_and_page_numbers(client, ties):
    volgograd = Partnership.objects.get(pk=ties["volgograd-cologne"].pk).municipality_a
    for year in range(1990, 2050):
        tie(
            volgograd,
            municipality("DE"),
            is_public=True,
            signed_on=datetime.date(min(year, 2025), 1, 1),
        )
    first = listed(client).content.decode()
    assert 'aria-current="page"' in first and "?page=2" in first
    oldest = listed(client, sort="oldest").content.decode()
    assert oldest.index(f"/partnerships/{ties['volgograd-cologne'].pk}/") > 0
    assert names(listed(client, page=3))


def test_a_new_tie_shows_at_once_despite_the_cache(
    client, ties, django_capture_on_commit_callbacks
):
    listed(client)
    with django_capture_on_commit_callbacks(execute=True):
        added = tie(
            municipality("RU", name_ru="Самара"),
            municipality("KZ", name_en="Aktobe"),
            is_public=True,
            signed_on=datetime.date(2024, 1, 1),
        )
    assert str(added.pk) in names(listed(client))


@pytest.mark.parametrize(
    "params",
    [{}, {"country": "DE"}, {"page": "3"}, {"q": "волг"}, {"sort": "partner", "kind": "twinning"}],
)
def test_directory_pages_run_a_constant_number_of_queries(
    client, ties, params, django_assert_num_queries
):
    volgograd = Partnership.objects.get(pk=ties["volgograd-cologne"].pk).municipality_a
    for year in range(60):
        tie(
            volgograd,
            municipality("DE", name_en=f"Stadt {year}"),
            is_public=True,
            signed_on=datetime.date(1960 + year, 1, 1),
        )
    with django_assert_num_queries(4):
        client.get(URL, params)
    # A second look at the same page is served from the cache.
    with django_assert_num_queries(0):
        client.get(URL, params)


def test_municipality_page_runs_a_constant_number_of_queries(
    client, ties, django_assert_num_queries, django_capture_on_commit_callbacks
):
    volgograd = Partnership.objects.get(pk=ties["volgograd-cologne"].pk).municipality_a
    # Three of the page's own, one for the roadmap's panel of milestones and one for the
    # knowledge base's panel of entries.
    with django_assert_num_queries(5):
        client.get(volgograd.get_absolute_url())
    # The page's own part is cached; only the municipality and the panels are read again.
    with django_assert_num_queries(3):
        client.get(volgograd.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(30):
            tie(volgograd, municipality("DE", name_en=f"Stadt {number}"), is_public=True)
    with django_assert_num_queries(5):
        client.get(volgograd.get_absolute_url())


def test_municipality_page_cache_keeps_audiences_and_languages_apart(
    ties, alice, django_capture_on_commit_callbacks
):
    from django.test import Client

    volgograd = Partnership.objects.get(pk=ties["volgograd-cologne"].pk).municipality_a
    hidden = tie(volgograd, municipality("FI", name_ru="Тампере"), is_public=False)
    staff, visitor = Client(), Client()
    staff.force_login(alice)
    url, hidden_url = f"/municipalities/{volgograd.pk}/", f"/partnerships/{hidden.pk}/"
    # Staff first, so a cache shared between audiences would hand the visitor staff's page.
    staff_page = staff.get(url).content.decode()
    assert hidden_url in staff_page and "/admin/" in staff_page
    public_page = visitor.get(url).content.decode()
    assert hidden_url not in public_page and "/admin/" not in public_page
    assert staff.get(url).content.decode().count(hidden_url) == 1
    english = visitor.get("/en" + url).content.decode()
    assert "Ties" in english and "Связи" not in english
    # A write to the registry shows at once, on every cached variant.
    with django_capture_on_commit_callbacks(execute=True):
        hidden.is_public = True
        hidden.save()
    assert hidden_url in visitor.get(url).content.decode()


def test_a_municipality_without_public_ties_is_404_for_the_public_even_when_cached(ties, alice):
    from django.test import Client

    lonely = municipality("RU", name_ru="Урюпинск")
    tie(lonely, municipality("DE", name_ru="Бонн"), is_public=False)
    visitor, staff = Client(), Client()
    staff.force_login(alice)
    url = f"/municipalities/{lonely.pk}/"
    assert visitor.get(url).status_code == 404
    assert visitor.get(url).status_code == 404
    assert staff.get(url).status_code == 200
