"""The portal in a real browser: Russian first, English on request, admin sign-in."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_is_russian_and_the_switcher_makes_it_english(page):
    page.goto(page.base_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text("Муниципальная дипломатия Союза российских городов")

    page.get_by_role("button", name="EN").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Municipal diplomacy of the Union of Russian Cities")


def test_staff_member_signs_in_to_the_admin(page, alice, password):
    page.goto(page.base_url + "/en/admin/")
    page.fill("input[name=username]", alice.email)
    page.fill("input[name=password]", password)
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_contain_text("URC International Relations")
    expect(page.locator("#user-tools")).to_contain_text("Alice")
