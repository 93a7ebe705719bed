"""The roadmap in a real browser: open the timeline, filter it, follow a milestone."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from roadmap.models import Milestone, Roadmap
from tests.registry import municipality
from tests.roadmap.conftest import make_milestone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def roadmap():
    overall = Roadmap.objects.get(is_overall=True)
    volgograd = municipality("RU", name_ru="Волгоград", name_en="Volgograd")
    lahti = municipality("FI", name_ru="Лахти", name_en="Lahti")
    make_milestone(
        overall,
        title_ru="Форум городов-побратимов",
        title_en="Forum of twin cities",
        kind=Milestone.Kind.FORUM,
        status=Milestone.Status.DONE,
        is_public=True,
        municipalities=[volgograd],
        planned_start_on=datetime.date(2026, 3, 2),
    )
    visit = make_milestone(
        overall,
        title_ru="Визит делегации в Лахти",
        title_en="Delegation visit to Lahti",
        status=Milestone.Status.PLANNED,
        is_public=True,
        municipalities=[volgograd, lahti],
        planned_start_on=datetime.date(2026, 5, 11),
    )
    make_milestone(
        overall,
        title_ru="Внутреннее совещание",
        title_en="Internal meeting",
        is_public=False,
        planned_start_on=datetime.date(2026, 4, 6),
    )
    return visit


def test_open_the_timeline_filter_it_and_follow_a_milestone(page, roadmap):
    page.goto(page.base_url + "/en/roadmap/")
    timeline = page.locator("#roadmap-timeline")
    expect(timeline).to_have_attribute("data-ready", "true")
    expect(timeline).to_have_attribute("data-count", "2")
    expect(page.locator(".vis-item", has_text="Forum of twin cities")).to_have_count(1)
    expect(page.locator(".vis-item", has_text="Internal meeting")).to_have_count(0)
    expect(page.locator("table.milestone-table tbody tr")).to_have_count(2)

    page.get_by_label("planned", exact=True).check()
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"status=planned"))
    expect(timeline).to_have_attribute("data-ready", "true")
    expect(timeline).to_have_attribute("data-count", "1")
    expect(page.locator(".vis-item", has_text="Forum of twin cities")).to_have_count(0)
    expect(page.locator("table.milestone-table tbody tr")).to_have_count(1)

    page.locator(".vis-item", has_text="Delegation visit to Lahti").click()
    expect(page).to_have_url(re.compile(rf"/en/roadmap/milestones/{roadmap.pk}/$"))
    expect(page.locator("h1")).to_have_text("Delegation visit to Lahti")
    expect(page.locator("main")).to_contain_text("Lahti")
