"""
The roadmap page, its timeline data and the milestone page: the public sees
public milestones only, staff see all; filters, garbage in them, and constant
query counts.
"""

import datetime
import json

import pytest
from django.urls import reverse

from roadmap.models import Milestone
from tests.registry import municipality, tie
from tests.roadmap.conftest import make_milestone

pytestmark = pytest.mark.django_db
INDEX = reverse("roadmap:index")
TIMELINE = reverse("roadmap:timeline_all")
S = Milestone.Status


@pytest.fixture
def milestones(overall, finnish_roadmap, finnish_association, volgograd, lahti, alice):
    return {
        "public": make_milestone(
            overall,
            title_en="Public forum",
            title_ru="Открытый форум",
            kind="forum",
            is_public=True,
            municipalities=[volgograd],
            planned_start_on=datetime.date(2026, 3, 1),
        ),
        "hidden": make_milestone(
            overall,
            title_en="Internal meeting",
            title_ru="Внутреннее совещание",
            responsible=alice,
            planned_start_on=datetime.date(2027, 9, 1),
        ),
        "finnish": make_milestone(
            finnish_roadmap,
            title_en="Visit to Lahti",
            title_ru="Визит в Лахти",
            is_public=True,
            status=S.DONE,
            municipalities=[volgograd, lahti],
            associations=[finnish_association],
            planned_start_on=datetime.date(2028, 6, 1),
        ),
    }


def titles(response):
    return response.content.decode()


def timeline_titles(client, url=TIMELINE, **params):
    data = client.get(url, params).json()
    at = data["fields"].index("title")
    return {row[at] for row in data["items"]}


def test_the_public_sees_only_public_milestones(client, milestones):
    page = client.get(INDEX, HTTP_ACCEPT_LANGUAGE="en")
    text = titles(page)
    assert "Открытый форум" in text and "Визит в Лахти" in text
    assert "Внутреннее совещание" not in text
    assert timeline_titles(client) == {"Открытый форум", "Визит в Лахти"}


def test_staff_see_every_milestone_and_which_are_not_public(staff_client, milestones):
    text = titles(staff_client.get(INDEX))
    assert "Внутреннее совещание" in text
    assert "badge text-bg-warning" in text
    assert timeline_titles(staff_client) == {
        "Открытый форум",
        "Визит в Лахти",
        "Внутреннее совещание",
    }


def test_english_pages_show_english_titles(client, milestones):
    assert timeline_titles(client, "/en" + TIMELINE) == {"Public forum", "Visit to Lahti"}


def test_a_roadmap_page_shows_its_own_milestones(client, milestones, finnish_roadmap):
    url = reverse("roadmap:timeline", args=[finnish_roadmap.pk])
    assert timeline_titles(client, url) == {"Визит в Лахти"}
    page = client.get(finnish_roadmap.get_absolute_url())
    assert page.status_code == 200
    assert "Открытый форум" not in titles(page)


def test_an_unknown_roadmap_is_404(client, db):
    assert client.get(reverse("roadmap:detail", args=[999999])).status_code == 404
    assert client.get(reverse("roadmap:timeline", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": ["done"]}, {"Визит в Лахти"}),
        (
            {"status": ["planned", "done"]},
            {"Открытый форум", "Визит в Лахти", "Внутреннее совещание"},
        ),
        ({"country": "FI"}, {"Визит в Лахти"}),
        ({"period_from": "2027-01-01", "period_to": "2027-12-31"}, {"Внутреннее совещание"}),
        ({"period_from": "2028-01-01"}, {"Визит в Лахти"}),
    ],
)
def test_filters_narrow_the_timeline_and_the_list(staff_client, milestones, params, expected):
    assert timeline_titles(staff_client, **params) == expected
    text = titles(staff_client.get(INDEX, params))
    for milestone in milestones.values():
        assert (milestone.title_ru in text) == (milestone.title_ru in expected)


def test_filter_by_association_municipality_and_responsible(
    staff_client, milestones, finnish_association, lahti, volgograd, alice
):
    assert timeline_titles(staff_client, association=finnish_association.pk) == {"Визит в Лахти"}
    assert timeline_titles(staff_client, municipality=lahti.pk) == {"Визит в Лахти"}
    assert timeline_titles(staff_client, municipality=volgograd.pk) == {
        "Открытый форум",
        "Визит в Лахти",
    }
    assert timeline_titles(staff_client, responsible=alice.pk) == {"Внутреннее совещание"}
    assert timeline_titles(staff_client, only_public="true") == {"Открытый форум", "Визит в Лахти"}


def test_the_public_cannot_filter_by_responsible_or_see_hidden_choices(client, milestones, alice):
    kemi = municipality("FI", name_ru="Кеми", name_en="Kemi")
    make_milestone(municipalities=[kemi], title_ru="Скрытый визит в Кеми")
    text = titles(client.get(INDEX))
    assert 'name="responsible"' not in text
    assert "Кеми" not in text
    # The parameter is simply not a filter for them: nothing hidden comes out.
    assert timeline_titles(client, responsible=alice.pk) == {"Открытый форум", "Визит в Лахти"}


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"association": "abc"},
        {"association": "999999"},
        {"municipality": "\x00"},
        {"country": "ZZ"},
        {"responsible": "-1"},
        {"period_from": "2027-13-45"},
        {"period_from": "2028-01-01", "period_to": "2027-01-01"},
        {"period_to": "0000-00-00"},
        {"page": "xyz"},
        {"page": "99999"},
        {"only_public": "perhaps"},
    ],
)
def test_garbage_filters_never_break_a_page(staff_client, milestones, params):
    from django.test import Client

    for who in (staff_client, Client()):
        for url in (INDEX, TIMELINE, reverse("roadmap:print_all"), reverse("roadmap:calendar_all")):
            assert who.get(url, params).status_code == 200, (url, params)


def test_garbage_filters_are_named_in_a_message(client, milestones):
    text = titles(client.get(INDEX, {"period_from": "soon"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert 'class="alert' in text


def test_a_reversed_period_is_explained(staff_client, milestones):
    text = titles(
        staff_client.get("/en" + INDEX, {"period_from": "2028-01-01", "period_to": "2027-01-01"})
    )
    assert "The period cannot end before it starts." in text


def test_the_timeline_data_is_compact_json(staff_client, milestones):
    response = staff_client.get(TIMELINE)
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["fields"] == ["id", "title", "start", "end", "kind", "status", "flags"]
    row = next(r for r in data["items"] if r[0] == milestones["hidden"].pk)
    assert row[2:4] == ["2027-09-01", "2027-09-03"]
    assert data["kinds"][row[4]][0] == "visit"
    assert data["statuses"][row[5]][0] == "planned"
    assert row[6] & data["flags"]["not_public"]
    assert b"\\u" not in response.content  # Cyrillic as UTF-8, not escaped


def test_an_overdue_milestone_is_flagged(staff_client, overall):
    late = make_milestone(overall, planned_start_on=datetime.date(2020, 1, 1))
    data = staff_client.get(TIMELINE).json()
    row = next(r for r in data["items"] if r[0] == late.pk)
    assert row[6] & data["flags"]["overdue"]


def test_a_done_milestone_is_drawn_at_its_actual_dates(staff_client, overall):
    done = make_milestone(
        overall,
        status=S.DONE,
        planned_start_on=datetime.date(2026, 5, 1),
        actual_start_on=datetime.date(2026, 5, 20),
        actual_end_on=datetime.date(2026, 5, 21),
    )
    row = next(r for r in staff_client.get(TIMELINE).json()["items"] if r[0] == done.pk)
    assert row[2:4] == ["2026-05-20", "2026-05-21"]


def test_the_milestone_page_of_a_public_milestone(client, milestones, lahti):
    response = client.get(milestones["finnish"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    text = titles(response)
    assert response.status_code == 200
    assert "Визит в Лахти" in text and "Лахти" in text
    assert "Alice" not in text
    assert reverse("roadmap:milestone_edit", args=[milestones["finnish"].pk]) not in text


def test_a_hidden_milestone_is_404_for_everyone_outside_the_office(
    official_client, charlie, milestones
):
    from django.test import Client

    url = milestones["hidden"].get_absolute_url()
    assert Client().get(url).status_code == 404
    assert official_client.get(url).status_code == 404
    stranger = Client()
    stranger.force_login(charlie)
    assert stranger.get(url).status_code == 404


def test_staff_see_the_milestone_page_with_its_owner_and_actions(staff_client, milestones):
    milestone = milestones["hidden"]
    text = titles(staff_client.get(milestone.get_absolute_url()))
    assert "Alice Staff" in text
    assert reverse("roadmap:milestone_edit", args=[milestone.pk]) in text
    assert reverse("admin:roadmap_milestone_history", args=[milestone.pk]) in text


def test_a_milestone_page_hides_unpublished_ties_and_dependencies_from_the_public(
    client, overall, volgograd, lahti
):
    hidden_tie = tie(volgograd, lahti, is_public=False)
    secret = make_milestone(overall, title_ru="Тайный этап")
    public = make_milestone(overall, is_public=True, partnerships=[hidden_tie])
    public.depends_on.add(secret)
    text = titles(client.get(public.get_absolute_url()))
    assert "Тайный этап" not in text
    assert hidden_tie.get_absolute_url() not in text


def make_many(roadmap, count, volgograd, lahti, alice):
    for n in range(count):
        make_milestone(
            roadmap,
            is_public=n % 2 == 0,
            responsible=alice,
            municipalities=[volgograd, lahti],
            planned_start_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=7 * n),
        )


@pytest.mark.parametrize("as_staff", [True, False])
def test_the_roadmap_page_runs_a_constant_number_of_queries(
    client, alice, overall, volgograd, lahti, django_assert_num_queries, as_staff
):
    if as_staff:
        client.force_login(alice)
    make_many(overall, 3, volgograd, lahti, alice)
    # staff: session, user, groups, roadmaps, 3 filter lists, progress, count, rows, participants
    # public: the same without session, user, groups and the list of staff members
    expected = 11 if as_staff else 7
    with django_assert_num_queries(expected):
        assert client.get(INDEX, {"status": "planned"}).status_code == 200
    make_many(overall, 80, volgograd, lahti, alice)
    with django_assert_num_queries(expected):
        client.get(INDEX, {"status": "planned"})
    # One more on a roadmap's own page: the roadmap.
    with django_assert_num_queries(expected + 1):
        client.get(overall.get_absolute_url(), {"page": "2"})


def test_the_timeline_data_runs_a_constant_number_of_queries(
    staff_client, overall, volgograd, lahti, alice, django_assert_num_queries
):
    make_many(overall, 3, volgograd, lahti, alice)
    # session, user, groups, the milestones
    with django_assert_num_queries(4):
        staff_client.get(TIMELINE, {"country": "FI"})
    make_many(overall, 80, volgograd, lahti, alice)
    with django_assert_num_queries(4):
        assert len(staff_client.get(TIMELINE, {"country": "FI"}).json()["items"]) == 83


def test_the_milestone_page_runs_a_constant_number_of_queries(
    staff_client, overall, volgograd, lahti, alice, django_assert_num_queries
):
    milestone = make_milestone(overall, municipalities=[volgograd])
    with django_assert_num_queries(10):
        staff_client.get(milestone.get_absolute_url())
    others = [make_milestone(overall, municipalities=[lahti]) for _ in range(5)]
    milestone.municipalities.add(lahti)
    milestone.depends_on.set(others)
    with django_assert_num_queries(10):
        staff_client.get(milestone.get_absolute_url())


def test_the_timeline_data_is_cached_until_the_roadmap_changes(
    client, overall, volgograd, django_assert_num_queries
):
    milestone = make_milestone(overall, is_public=True, title_ru="Форум")
    client.get(TIMELINE)
    with django_assert_num_queries(0):
        assert timeline_titles(client) == {"Форум"}
    milestone.municipalities.add(volgograd)
    assert timeline_titles(client, municipality=volgograd.pk) == {"Форум"}
    milestone.delete()
    assert timeline_titles(client) == set()


def test_the_cached_page_never_shows_staff_what_the_public_sees_or_the_reverse(
    staff_client, milestones
):
    from django.test import Client

    staff_text = titles(staff_client.get(INDEX))
    public_text = titles(Client().get(INDEX))
    assert "Внутреннее совещание" in staff_text
    assert "Внутреннее совещание" not in public_text
    assert 'name="responsible"' in staff_text and 'name="responsible"' not in public_text


def test_the_cached_page_follows_a_change_at_once(client, milestones):
    assert "Внутреннее совещание" not in titles(client.get(INDEX))
    milestones["hidden"].is_public = True
    milestones["hidden"].save()
    assert "Внутреннее совещание" in titles(client.get(INDEX))
