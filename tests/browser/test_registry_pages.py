"""The public registry in a real browser: directory filters, the map's popups, statistics in English."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from partnerships.models import FederalSubject
from tests.registry import municipality, tie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def registry():
    subject = FederalSubject.objects.get(name_ru="Волгоградская область")
    volgograd = municipality(
        "RU",
        name_ru="Волгоград",
        name_en="Volgograd",
        federal_subject=subject,
        latitude=48.7,
        longitude=44.5,
    )
    kazan = municipality("RU", name_ru="Казань", name_en="Kazan", latitude=55.8, longitude=49.1)
    cologne = municipality("DE", name_ru="Кёльн", name_en="Cologne", latitude=50.9, longitude=6.9)
    lahti = municipality("FI", name_ru="Лахти", name_en="Lahti", latitude=61.0, longitude=25.7)
    tie(
        volgograd,
        cologne,
        is_public=True,
        signed_on=datetime.date(1988, 1, 1),
        signed_on_precision="year",
    )
    tie(kazan, lahti, is_public=True, signed_on=datetime.date(2005, 5, 12), kind="cooperation")
    return volgograd


def test_filter_the_directory_and_open_a_municipality(page, registry):
    page.goto(page.base_url + "/directory/")
    expect(page.locator("table.directory-table tbody tr")).to_have_count(2)
    page.select_option("select[name=country]", "DE")
    page.get_by_role("button", name="Применить").click()
    expect(page.locator("table.directory-table tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Волгоград").click()
    expect(page.locator("h1")).to_have_text("Волгоград")
    expect(page.locator("main")).to_contain_text("Кёльн")


def test_click_a_city_on_the_map_and_follow_its_popup(page, registry):
    page.goto(page.base_url + "/map/")
    expect(page.locator(".ties-map")).to_have_attribute("data-ready", "true")
    page.locator(".leaflet-marker-icon[title='Волгоград']").click()
    expect(page.locator(".leaflet-overlay-pane path.leaflet-interactive")).to_have_count(1)
    popup_link = page.locator(".leaflet-popup a.popup-link")
    expect(popup_link).to_be_visible()
    popup_link.click()
    expect(page).to_have_url(re.compile(rf"/municipalities/{registry.pk}/$"))
    expect(page.locator("h1")).to_have_text("Волгоград")


def test_switch_the_statistics_to_english(page, registry):
    page.goto(page.base_url + "/statistics/")
    expect(page.locator("h1")).to_have_text("Статистика связей")
    page.get_by_role("button", name="EN").click()
    expect(page).to_have_url(re.compile(r"/en/statistics/$"))
    expect(page.locator("h1")).to_have_text("Statistics of ties")
    expect(page.locator("#table-by-country")).to_contain_text("Germany")
    expect(page.locator("canvas.stat-chart").first).to_be_visible()
