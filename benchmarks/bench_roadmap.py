"""
The cooperation roadmap at scale: 5,000 milestones over 10 years on the
overall roadmap, each with two participating municipalities, on PostgreSQL.

Measures, in one run:
- the roadmap page, its timeline data and the iCalendar feed: SQL queries per
  request at 1/10 and at all of the data (Django's test client);
- the size of the timeline data for all 5,000 milestones (target: under 1 MB);
- the same URLs under load, gunicorn with 2 workers driven by wrk with
  8 connections for --seconds each: requests per second, median and p95,
  beside the trivial page (the floor).

    python benchmarks/bench_roadmap.py [--seconds 15]
"""

import argparse
import datetime
import random

from harness import drop_database, print_table, setup_django, stopwatch

MILESTONES = 5_000
YEARS = 10
RUSSIAN = 150
FOREIGN = 150
STAFF = 10
FOREIGN_COUNTRIES = ["FI", "BY", "AM", "TR", "KR", "KG", "CN", "DE", "RS", "KZ"]
TITLES = [
    ("Визит делегации администрации города", "Visit of a city administration delegation"),
    ("Международный форум муниципальной дипломатии", "International forum of municipal diplomacy"),
    ("Подписание соглашения о побратимстве", "Signing of the twinning agreement"),
    ("Молодёжный обмен в рамках побратимства", "Youth exchange between twin cities"),
    ("Вебинар об опыте местного самоуправления", "Webinar on local self-government practice"),
    ("Совместный проект по развитию туризма", "Joint project on tourism development"),
]


def people():
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import PROJECT_OFFICE_STAFF

    staff = Group.objects.get(name=PROJECT_OFFICE_STAFF)
    members = []
    for n in range(STAFF):
        user = User.objects.create_user(
            f"staff{n}@bench.example.org", "x", full_name=f"Сотрудник {n}"
        )
        user.groups.add(staff)
        members.append(user)
    return members


def places():
    from partnerships.models import FederalSubject, Municipality

    subjects = list(FederalSubject.objects.all())
    rng = random.Random(9)
    Municipality.objects.bulk_create(
        [
            Municipality(
                name_ru=f"Город №{n}",
                name_en=f"Town No. {n}",
                country="RU",
                federal_subject=rng.choice(subjects),
            )
            for n in range(RUSSIAN)
        ]
        + [
            Municipality(
                name_ru=f"Зарубежный город №{n}",
                name_en=f"Foreign Town No. {n}",
                country=FOREIGN_COUNTRIES[n % len(FOREIGN_COUNTRIES)],
            )
            for n in range(FOREIGN)
        ]
    )
    russian = list(Municipality.objects.filter(country="RU").values_list("pk", flat=True))
    foreign = list(Municipality.objects.exclude(country="RU").values_list("pk", flat=True))
    return russian, foreign


def populate(start, stop, *, staff, russian, foreign):
    """Milestones number ``start`` to ``stop`` over ten years, every kind and status, half public."""
    from associations.models import NationalAssociation
    from roadmap.models import Milestone, Roadmap

    rng = random.Random(start)
    overall = Roadmap.objects.get(is_overall=True)
    associations = list(NationalAssociation.objects.values_list("pk", flat=True))
    first_day = datetime.date(2020, 1, 1)
    kinds, statuses = Milestone.Kind.values, Milestone.Status.values
    batch = []
    for n in range(start, stop):
        begin = first_day + datetime.timedelta(days=rng.randint(0, 365 * YEARS - 30))
        title_ru, title_en = TITLES[n % len(TITLES)]
        status = statuses[n % len(statuses)]
        batch.append(
            Milestone(
                roadmap=overall,
                title_ru=f"{title_ru} №{n}",
                title_en=f"{title_en} No. {n}",
                description_ru="Программа визита, участники и ожидаемые итоги. " * 3,
                description_en="The programme of the visit, participants and expected results. "
                * 3,
                kind=kinds[n % len(kinds)],
                status=status,
                planned_start_on=begin,
                planned_end_on=begin + datetime.timedelta(days=rng.choice([0, 0, 1, 2, 4, 30])),
                actual_start_on=begin if status == "done" else None,
                responsible=staff[n % len(staff)],
                is_public=n % 2 == 0,
            )
        )
    created = Milestone.objects.bulk_create(batch, batch_size=2000)
    through = Milestone.municipalities.through
    through.objects.bulk_create(
        [
            through(milestone_id=m.pk, municipality_id=place)
            for m in created
            for place in (rng.choice(russian), rng.choice(foreign))
        ],
        batch_size=5000,
    )
    linked = Milestone.associations.through
    linked.objects.bulk_create(
        [
            linked(milestone_id=m.pk, nationalassociation_id=rng.choice(associations))
            for m in created[::3]
        ],
        batch_size=5000,
    )
    # Bulk writes send no signals: say the roadmap changed, as the import does for the registry.
    from roadmap.cache import roadmap_changed

    roadmap_changed()


def query_counts(pages, *, cold):
    """Queries of each page; ``cold`` empties the cache first, else the page is asked twice."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, (url, client) in pages.items():
        if cold:
            cache.clear()
            client.get("/bench/trivial/")  # the session, loaded before the cache is emptied
            cache.clear()
        else:
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[label] = len(queries)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()

    database = setup_django(
        "roadmap", extra_env={"DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings"}
    )
    try:
        from django.db import connection
        from django.test import Client
        from load import LOAD_HEADERS, PortalServer, load_table_rows, session_cookie_for, wrk_run

        from roadmap.models import Milestone, Roadmap
        from roadmap.services import calendar_token_reset

        staff = people()
        with stopwatch() as filling:
            russian, foreign = places()
            populate(0, MILESTONES // 10, staff=staff, russian=russian, foreign=foreign)
        overall = Roadmap.objects.get(is_overall=True)
        secret = calendar_token_reset(user=staff[0])
        staff_client, public_client = Client(), Client()
        staff_client.force_login(staff[0])
        pages = {
            "roadmap page (staff)": (f"/en/roadmap/{overall.pk}/", staff_client),
            "roadmap page, filtered (staff)": (
                f"/en/roadmap/{overall.pk}/?status=planned&country=FI&period_from=2024-01-01",
                staff_client,
            ),
            "roadmap page (public)": (f"/en/roadmap/{overall.pk}/", public_client),
            "timeline data, all (staff)": (f"/en/roadmap/{overall.pk}/timeline.json", staff_client),
            "timeline data (public)": (f"/en/roadmap/{overall.pk}/timeline.json", public_client),
            "iCal feed, all (private)": (
                f"/en/roadmap/calendar/{secret}/{overall.pk}.ics",
                public_client,
            ),
            "iCal feed (public)": (f"/en/roadmap/{overall.pk}/calendar.ics", public_client),
        }
        small = query_counts(pages, cold=True)
        with stopwatch() as more:
            populate(MILESTONES // 10, MILESTONES, staff=staff, russian=russian, foreign=foreign)
        with connection.cursor() as cursor:
            # What autovacuum does on a live database: statistics and the visibility map.
            cursor.execute("VACUUM ANALYZE roadmap_milestone")
            cursor.execute("VACUUM ANALYZE roadmap_milestone_municipalities")
            cursor.execute("VACUUM ANALYZE roadmap_milestone_associations")
        full = query_counts(pages, cold=True)
        warm = query_counts(pages, cold=False)
        years = Milestone.objects.dates("planned_start_on", "year")
        print(
            f"data: {Milestone.objects.count()} milestones from {years.first().year} to "
            f"{years.last().year}; filled in {filling['seconds'] + more['seconds']:.1f} s"
        )
        print_table(
            "Queries per request (Django test client): empty cache at 1/10 and all of the data, "
            "then cached",
            ["page", "queries 10%", "queries 100%", "queries 100%, cached"],
            [[label, small[label], full[label], warm[label]] for label in pages],
        )

        sizes = []
        for label in ("timeline data, all (staff)", "timeline data (public)"):
            url, client = pages[label]
            response = client.get(url)
            items = len(response.json()["items"])
            sizes.append([label, items, f"{len(response.content) / 1_000_000:.3f}"])
            if "all" in label:
                assert items == MILESTONES and len(response.content) < 1_000_000
        for label in ("iCal feed, all (private)", "iCal feed (public)"):
            url, client = pages[label]
            body = client.get(url).content
            sizes.append([label, body.count(b"BEGIN:VEVENT"), f"{len(body) / 1_000_000:.3f}"])
        print_table("Response sizes", ["response", "milestones", "MB"], sizes)

        cookie = session_cookie_for(staff[0])
        results = {}
        with PortalServer() as server:
            results["trivial page (floor)"] = wrk_run(
                server.base_url + "/bench/trivial/", seconds=args.seconds
            )
            for label, (url, client) in pages.items():
                headers = {"Cookie": cookie} if client is staff_client else None
                results[label] = wrk_run(
                    server.base_url + url, seconds=args.seconds, headers=headers
                )
        print_table(
            f"Under load: gunicorn 2 workers, wrk 8 connections, {args.seconds} s each",
            LOAD_HEADERS,
            load_table_rows(results, "trivial page (floor)"),
        )
    finally:
        drop_database(database)


if __name__ == "__main__":
    main()
