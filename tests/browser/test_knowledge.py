"""A staff member writes an entry with the live preview, publishes it, and anyone finds it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_write_with_live_preview_publish_and_the_public_finds_it_by_a_stemmed_word(
    page, browser, alice, password
):
    sign_in(page, alice.email, password)
    page.goto(page.base_url + "/en/knowledge/")
    page.get_by_role("link", name="New entry").click()
    expect(page.locator("h1")).to_have_text("New entry")

    page.fill("#id_title_ru", "Опыт побратимских связей Самары")
    body = page.locator("#id_body_ru")
    body.click()
    body.press_sequentially("Число **побратимских** связей города выросло.", delay=10)
    # htmx posts the text as it is typed and shows the sanitised HTML.
    expect(page.locator("#preview-body_ru strong")).to_have_text("побратимских")
    expect(page.locator("#preview-body_ru")).to_contain_text("связей города выросло")

    page.get_by_label("Creating twinning ties").check()
    page.get_by_label("Published").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/knowledge/entries/opyt-pobratimskikh-svyazey-samary/$"))
    expect(page.locator("h1")).to_have_text("Опыт побратимских связей Самары")
    expect(page.locator(".knowledge-body strong")).to_have_text("побратимских")

    visitor = browser.new_context(locale="en-US").new_page()
    try:
        visitor.goto(page.base_url + "/en/knowledge/search/?q=побратимские")
        result = visitor.get_by_role("link", name="Опыт побратимских связей Самары")
        expect(result).to_be_visible()
        expect(visitor.locator(".knowledge-results mark").first).to_have_text("побратимских")
        result.click()
        expect(visitor.locator("h1")).to_have_text("Опыт побратимских связей Самары")
    finally:
        visitor.context.close()
