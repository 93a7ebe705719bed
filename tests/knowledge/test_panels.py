"""
Municipality, association and tie pages list the entries that link to them
(a panel knowledge registers; the lower apps never import it), and an entry
page links only to what the person reading may open.
"""

import pytest
from django.urls import reverse

from associations.models import NationalAssociation
from tests.factories import AssociationFactory
from tests.registry import municipality, tie

from .factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_lower_apps_do_not_import_knowledge():
    from tests.conftest import PROJECT_DIR

    for app in ("accounts", "uploads", "reminders", "associations", "partnerships"):
        for path in (PROJECT_DIR / app).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            assert "from knowledge" not in source and "import knowledge" not in source, path


@pytest.fixture
def public_tie():
    return tie(is_public=True)


def test_municipality_page_lists_its_public_entries(client, public_tie):
    city = public_tie.municipality_a
    entry = EntryFactory(title_ru="Опыт побратимства города")
    entry.municipalities.add(city)
    hidden = EntryFactory(title_ru="Служебная справка о городе", staff_only=True)
    hidden.municipalities.add(city)
    html = client.get(city.get_absolute_url()).content.decode()
    assert "В базе знаний" in html
    assert entry.get_absolute_url() in html
    assert "Служебная справка" not in html


def test_staff_see_drafts_and_staff_only_entries_in_the_panel(staff_client, public_tie):
    city = public_tie.municipality_a
    hidden = EntryFactory(title_ru="Служебная справка о городе", staff_only=True)
    hidden.municipalities.add(city)
    html = staff_client.get(city.get_absolute_url()).content.decode()
    assert "Служебная справка о городе" in html


def test_no_panel_without_entries(client, public_tie):
    html = client.get(public_tie.municipality_a.get_absolute_url()).content.decode()
    assert "В базе знаний" not in html


@pytest.fixture
def anonymous():
    from django.test import Client

    return Client()


def test_association_pages_list_their_entries(anonymous, staff_client):
    partner = NationalAssociation.objects.filter(stage="agreement_signed").first()
    entry = EntryFactory(title_ru="Соглашение с ассоциацией")
    entry.associations.add(partner)
    assert entry.get_absolute_url() in anonymous.get(partner.get_public_url()).content.decode()
    assert entry.get_absolute_url() in staff_client.get(partner.get_absolute_url()).content.decode()


def test_tie_page_lists_its_entries(client, public_tie):
    entry = EntryFactory(title_ru="История побратимства")
    entry.partnerships.add(public_tie)
    assert entry.get_absolute_url() in client.get(public_tie.get_absolute_url()).content.decode()


def test_panel_shows_ten_and_links_to_all(client, public_tie):
    city = public_tie.municipality_a
    for _ in range(12):
        EntryFactory().municipalities.add(city)
    response = client.get(city.get_absolute_url())
    html = response.content.decode()
    assert html.count("/knowledge/entries/") == 10
    more = f"{reverse('knowledge:search')}?municipality={city.pk}"
    assert more in html
    assert client.get(more).context["page"].paginator.count == 12


def test_panel_costs_one_query(client, public_tie, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    city = public_tie.municipality_a
    client.get(city.get_absolute_url())
    with CaptureQueriesContext(connection) as without_entries:
        client.get(city.get_absolute_url())
    for _ in range(5):
        EntryFactory().municipalities.add(city)
    with django_assert_num_queries(len(without_entries)):
        client.get(city.get_absolute_url())


def test_a_public_entry_links_only_to_what_the_public_may_see(anonymous, staff_client):
    shown_tie = tie(is_public=True)
    hidden_tie = tie(is_public=False)
    lonely = municipality("FI", name_ru="Город без публичных связей", name_en="Lonely Town")
    partner = NationalAssociation.objects.filter(stage="agreement_signed").first()
    prospect = AssociationFactory(name_ru="Ассоциация-кандидат", stage="prospect")
    entry = EntryFactory(title_ru="Обзор")
    entry.municipalities.add(shown_tie.municipality_a, lonely)
    entry.partnerships.add(shown_tie, hidden_tie)
    entry.associations.add(partner, prospect)

    html = anonymous.get(entry.get_absolute_url()).content.decode()
    assert shown_tie.municipality_a.get_absolute_url() in html
    assert lonely.get_absolute_url() not in html and "Lonely" not in html
    assert shown_tie.get_absolute_url() in html
    assert hidden_tie.get_absolute_url() not in html
    assert partner.get_public_url() in html
    assert "Ассоциация-кандидат" not in html

    html = staff_client.get(entry.get_absolute_url()).content.decode()
    assert lonely.get_absolute_url() in html
    assert hidden_tie.get_absolute_url() in html
    assert prospect.get_absolute_url() in html


def test_merging_municipalities_keeps_the_entries_links(public_tie):
    from partnerships.services import municipality_merge

    survivor = public_tie.municipality_a
    duplicate = municipality("RU", name_ru="Дубликат")
    entry = EntryFactory()
    entry.municipalities.add(duplicate)
    municipality_merge(survivor=survivor, absorbed=duplicate)
    assert list(entry.municipalities.all()) == [survivor]
