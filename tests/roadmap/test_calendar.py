"""
Calendar feeds (RFC 5545): public ones per roadmap, private ones per staff
member at an address holding a secret that can be reset. An unknown, reset or
expired secret, or one of a person no longer on the staff, is 404.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.roles import PROJECT_OFFICE_STAFF
from roadmap.models import CalendarToken, Milestone
from roadmap.services import calendar_token_reset
from tests.roadmap.conftest import make_milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestones(overall, finnish_roadmap, alice):
    return {
        "public": make_milestone(
            overall,
            title_ru="Форум городов",
            title_en="Forum of cities",
            is_public=True,
            planned_start_on=datetime.date(2027, 6, 1),
            planned_end_on=datetime.date(2027, 6, 3),
        ),
        "hidden": make_milestone(overall, title_ru="Внутреннее совещание", responsible=alice),
        "cancelled": make_milestone(
            overall,
            title_ru="Отменённый вебинар",
            is_public=True,
            status=Milestone.Status.CANCELLED,
        ),
        "finnish": make_milestone(finnish_roadmap, title_ru="Визит в Лахти", is_public=True),
    }


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_public_feed_of_a_roadmap_has_its_public_milestones(client, milestones, overall):
    found = events(client.get(reverse("roadmap:calendar", args=[overall.pk])))
    assert set(found) == {"Форум городов", "Отменённый вебинар"}


def test_a_feed_event_is_an_all_day_event_with_a_stable_uid(client, milestones, overall):
    event = events(client.get("/en" + reverse("roadmap:calendar", args=[overall.pk])))[
        "Forum of cities"
    ]
    assert event.decoded("DTSTART") == datetime.date(2027, 6, 1)
    # DTEND is exclusive: the day after the last one.
    assert event.decoded("DTEND") == datetime.date(2027, 6, 4)
    assert str(event["UID"]) == f"roadmap-milestone-{milestones['public'].pk}@127.0.0.1"
    assert str(event["STATUS"]) == "TENTATIVE"
    assert milestones["public"].get_absolute_url() in str(event["URL"])
    assert event.get("DTSTAMP") is not None


def test_a_cancelled_milestone_is_a_cancelled_event(client, milestones):
    found = events(client.get(reverse("roadmap:calendar_all")))
    assert str(found["Отменённый вебинар"]["STATUS"]) == "CANCELLED"


def test_the_feed_of_every_roadmap_and_its_filters(client, milestones):
    assert set(events(client.get(reverse("roadmap:calendar_all")))) == {
        "Форум городов",
        "Отменённый вебинар",
        "Визит в Лахти",
    }
    filtered = events(client.get(reverse("roadmap:calendar_all"), {"status": "cancelled"}))
    assert set(filtered) == {"Отменённый вебинар"}


def test_signed_in_staff_still_get_only_public_milestones_from_the_public_feed(
    staff_client, milestones, overall
):
    found = events(staff_client.get(reverse("roadmap:calendar", args=[overall.pk])))
    assert "Внутреннее совещание" not in found


def test_a_staff_member_makes_a_private_address_and_sees_it_once(staff_client, alice, milestones):
    response = staff_client.post(reverse("roadmap:calendar_reset"))
    assert response.status_code == 302
    page = staff_client.get(reverse("roadmap:mine")).content.decode()
    token = CalendarToken.objects.get(user=alice)
    assert "/roadmap/calendar/" in page and "/mine.ics" in page
    secret = page.split("/roadmap/calendar/")[1].split("/")[0]
    # Only a digest is stored, and the address is not shown again.
    assert secret not in token.digest
    assert "/mine.ics" not in staff_client.get(reverse("roadmap:mine")).content.decode()


def test_the_private_feed_of_my_milestones(client, alice, milestones):
    secret = calendar_token_reset(user=alice)
    found = events(client.get(reverse("roadmap:calendar_mine", args=[secret])))
    assert set(found) == {"Внутреннее совещание"}


def test_the_private_feed_of_a_roadmap_has_every_milestone(client, alice, milestones, overall):
    secret = calendar_token_reset(user=alice)
    found = events(client.get(reverse("roadmap:calendar_private", args=[secret, overall.pk])))
    assert set(found) == {"Форум городов", "Внутреннее совещание", "Отменённый вебинар"}
    everything = events(client.get(reverse("roadmap:calendar_private_all", args=[secret])))
    assert len(everything) == 4


def test_resetting_the_address_stops_the_old_one(client, alice, milestones):
    old = calendar_token_reset(user=alice)
    new = calendar_token_reset(user=alice)
    assert client.get(reverse("roadmap:calendar_mine", args=[old])).status_code == 404
    assert client.get(reverse("roadmap:calendar_mine", args=[new])).status_code == 200


@pytest.mark.parametrize("secret", ["unknown", "x" * 43, "%00", "..", "a" * 500])
def test_an_unknown_secret_is_404(client, alice, milestones, secret):
    calendar_token_reset(user=alice)
    assert client.get(f"/roadmap/calendar/{secret}/mine.ics").status_code == 404
    assert client.get(f"/roadmap/calendar/{secret}/all.ics").status_code == 404


def test_an_expired_secret_is_404(client, alice, milestones):
    secret = calendar_token_reset(user=alice)
    CalendarToken.objects.filter(user=alice).update(expires_at=timezone.now())
    assert client.get(reverse("roadmap:calendar_mine", args=[secret])).status_code == 404


def test_a_secret_of_someone_who_left_the_office_is_404(client, alice, milestones):
    secret = calendar_token_reset(user=alice)
    alice.groups.remove(Group.objects.get(name=PROJECT_OFFICE_STAFF))
    assert client.get(reverse("roadmap:calendar_mine", args=[secret])).status_code == 404
    alice.groups.add(Group.objects.get(name=PROJECT_OFFICE_STAFF))
    alice.is_active = False
    alice.save()
    assert client.get(reverse("roadmap:calendar_mine", args=[secret])).status_code == 404


def test_a_private_feed_of_an_unknown_roadmap_is_404(client, alice, milestones):
    secret = calendar_token_reset(user=alice)
    assert client.get(reverse("roadmap:calendar_private", args=[secret, 999999])).status_code == 404


def test_the_feeds_run_a_constant_number_of_queries(
    client, alice, overall, django_assert_num_queries
):
    secret = calendar_token_reset(user=alice)
    public = reverse("roadmap:calendar", args=[overall.pk])
    private = reverse("roadmap:calendar_private", args=[secret, overall.pk])
    make_milestone(overall, is_public=True)
    # public: the roadmap and the milestones; private: the secret, its owner's groups, the same
    with django_assert_num_queries(2):
        client.get(public)
    with django_assert_num_queries(4):
        client.get(private)
    for _ in range(40):
        make_milestone(overall, is_public=True)
    with django_assert_num_queries(2):
        assert len(events(client.get(public))) == 41
    with django_assert_num_queries(4):
        client.get(private)


def test_a_feed_is_cached_until_a_milestone_changes(client, overall, django_assert_num_queries):
    milestone = make_milestone(overall, is_public=True, title_ru="Форум")
    url = reverse("roadmap:calendar", args=[overall.pk])
    client.get(url)
    with django_assert_num_queries(0):
        assert "Форум" in events(client.get(url))
    milestone.title_ru = "Форум городов"
    milestone.save()
    assert "Форум городов" in events(client.get(url))
    milestone.is_public = False
    milestone.save()
    assert events(client.get(url)) == {}
