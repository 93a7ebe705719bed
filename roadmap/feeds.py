"""
Milestones as an iCalendar feed (RFC 5545), written with the ``icalendar`` library.

Each milestone is an all-day event over its dates (the actual ones once it
has started): ``DTSTART`` and ``DTEND`` are DATE values and ``DTEND`` is the
day after the last one, as the RFC counts. The UID stays the same for the
life of a milestone, so calendar programs update an event in place when its
dates or status change, and a cancelled milestone shows as cancelled.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from .models import Milestone

EVENT_STATUS = {
    Milestone.Status.PLANNED: "TENTATIVE",
    Milestone.Status.IN_PROGRESS: "CONFIRMED",
    Milestone.Status.DONE: "CONFIRMED",
    Milestone.Status.POSTPONED: "TENTATIVE",
    Milestone.Status.CANCELLED: "CANCELLED",
}
ONE_DAY = datetime.timedelta(days=1)


def _uid_domain():
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "urc-portal"


def calendar_feed(request, *, milestones, name):
    """The bytes of a VCALENDAR holding one VEVENT per milestone."""
    calendar = Calendar()
    calendar.add("prodid", "-//Union of Russian Cities//International Relations portal//RU")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", str(name))
    # Subscribed calendars are fetched again after this long.
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")

    domain = _uid_domain()
    base = request.build_absolute_uri("/")[:-1]
    milestone_path = reverse("roadmap:milestone", args=[0])[: -len("0/")]
    kinds = dict(Milestone.Kind.choices)
    statuses = dict(Milestone.Status.choices)
    for milestone in milestones:
        start, end = milestone.span
        url = f"{base}{milestone_path}{milestone.pk}/"
        event = Event()
        event.add("uid", f"roadmap-milestone-{milestone.pk}@{domain}")
        event.add("dtstamp", milestone.updated_at)
        event.add("created", milestone.created_at)
        event.add("last-modified", milestone.updated_at)
        event.add("dtstart", start)
        event.add("dtend", end + ONE_DAY)
        event.add("summary", milestone.title)
        lines = [f"{kinds[milestone.kind]} · {statuses[milestone.status]}", milestone.roadmap.title]
        if milestone.description:
            lines += ["", milestone.description]
        lines += ["", url]
        event.add("description", "\n".join(str(line) for line in lines))
        event.add("url", url)
        event.add("status", EVENT_STATUS[milestone.status])
        event.add("categories", [str(kinds[milestone.kind])])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
