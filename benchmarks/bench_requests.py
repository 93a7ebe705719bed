"""
Partnership requests at scale: 50,000 requests of 200 Russian municipalities
to 1,000 foreign ones, on PostgreSQL.

Measures, in one run:
- the staff review queue (as it opens, and filtered) and an official's
  "My requests": SQL queries per request at 1/10 and at all of the data
  (Django's test client);
- the same pages under load, gunicorn with 2 workers driven by wrk with
  8 connections for --seconds each: requests per second, median and p95,
  beside the trivial page (the floor) and beside a naive queue that joins
  nothing (benchmarks/bench_urls.py).

    python benchmarks/bench_requests.py [--seconds 15]
"""

import argparse
import datetime
import random

from harness import drop_database, print_table, setup_django, stopwatch

REQUESTS = 50_000
RUSSIAN = 200
FOREIGN = 1_000
FOREIGN_COUNTRIES = ["FI", "BY", "AM", "TR", "KR", "KG", "CN", "DE", "FR", "IT", "RS", "KZ"]


def people():
    from django.contrib.auth.models import Group

    from accounts.models import User
    from accounts.roles import CITY_OFFICIAL, PROJECT_OFFICE_STAFF

    staff = User.objects.create_user("staff@bench.example.org", "x", full_name="Сотрудник")
    staff.groups.add(Group.objects.get(name=PROJECT_OFFICE_STAFF))
    official = User.objects.create_user("official@bench.example.org", "x", full_name="Игорь")
    official.groups.add(Group.objects.get(name=CITY_OFFICIAL))
    return staff, official


def places():
    from partnerships.models import FederalSubject, Municipality

    subjects = list(FederalSubject.objects.all())
    rng = random.Random(4)
    Municipality.objects.bulk_create(
        Municipality(
            name_ru=f"Город №{n}",
            name_en=f"Town No. {n}",
            country="RU",
            federal_subject=rng.choice(subjects),
        )
        for n in range(RUSSIAN)
    )
    Municipality.objects.bulk_create(
        Municipality(
            name_ru=f"Зарубежный город №{n}",
            name_en=f"Foreign Town No. {n}",
            country=FOREIGN_COUNTRIES[n % len(FOREIGN_COUNTRIES)],
        )
        for n in range(FOREIGN)
    )
    russian = list(Municipality.objects.filter(country="RU").order_by("pk"))
    foreign = list(Municipality.objects.exclude(country="RU").order_by("pk"))
    return russian, foreign


def populate(start, stop, *, russian, foreign, official):
    """Requests number ``start`` to ``stop``: every pair is different, states spread out."""
    from django.utils import timezone

    from partnerships.models import PartnershipRequest

    rng = random.Random(start)
    statuses = PartnershipRequest.Status.values
    now = timezone.now()
    batch = []
    for n in range(start, stop):
        applicant = russian[n % RUSSIAN]
        partner = foreign[(n // RUSSIAN) % FOREIGN]
        status = statuses[n % len(statuses)]
        changed = now - datetime.timedelta(days=rng.randint(0, 400), hours=rng.randint(0, 23))
        batch.append(
            PartnershipRequest(
                municipality=applicant,
                partner_municipality=partner if n % 5 else None,
                partner_country=partner.country,
                kind="twinning",
                areas={"culture", "youth"},
                rationale="Общая история и молодёжные обмены. " * 4,
                first_steps="Визит делегации.",
                contact_name="Контактное лицо",
                contact_position="Начальник отдела",
                contact_email="contact@bench.example.org",
                status=status,
                status_changed_at=changed,
                submitted_at=None if status == "draft" else changed,
                created_by=official,
            )
        )
    PartnershipRequest.objects.bulk_create(batch, batch_size=5000)


def query_counts(client, urls):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, url in urls.items():
        client.get(url)  # warm
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
        "requests", extra_env={"DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings"}
    )
    try:
        from django.db import connection
        from django.test import Client
        from django.utils import timezone
        from load import LOAD_HEADERS, PortalServer, load_table_rows, session_cookie_for, wrk_run

        from partnerships.models import OfficialProfile, PartnershipRequest

        staff, official = people()
        with stopwatch() as filling:
            russian, foreign = places()
            OfficialProfile.objects.create(
                user=official,
                municipality=russian[0],
                approved_at=timezone.now(),
                personal_data_consent_at=timezone.now(),
                personal_data_consent_version="bench",
            )
            populate(0, REQUESTS // 10, russian=russian, foreign=foreign, official=official)

        staff_client, official_client = Client(), Client()
        staff_client.force_login(staff)
        official_client.force_login(official)
        pages = {
            "review queue": ("/en/review/requests/", staff_client),
            "review queue, filtered": (
                "/en/review/requests/?status=submitted&status=under_review&country=FI&waiting=7",
                staff_client,
            ),
            "review queue, page 40": ("/en/review/requests/?page=40", staff_client),
            "My requests": ("/en/requests/", official_client),
            "naive queue (baseline)": ("/bench/naive/request-queue/", staff_client),
        }

        def counts():
            return {
                label: query_counts(client, {label: url})[label]
                for label, (url, client) in pages.items()
            }

        small = counts()
        with stopwatch() as more:
            populate(REQUESTS // 10, REQUESTS, russian=russian, foreign=foreign, official=official)
        with connection.cursor() as cursor:
            # What autovacuum does on a live database: statistics and the visibility map.
            cursor.execute("VACUUM ANALYZE partnerships_partnershiprequest")
        full = counts()
        total = PartnershipRequest.objects.count()
        mine = PartnershipRequest.objects.filter(municipality=russian[0]).count()
        print(
            f"data: {total} requests, {mine} of the official's municipality; "
            f"filled in {filling['seconds'] + more['seconds']:.1f} s"
        )
        print_table(
            "Queries per page (Django test client) at 1/10 and all of the data",
            ["page", "queries 10%", "queries 100%"],
            [[label, small[label], full[label]] for label in pages],
        )

        cookies = {"staff": session_cookie_for(staff), "official": session_cookie_for(official)}
        results = {}
        with PortalServer() as server:
            results["trivial page (floor)"] = wrk_run(
                server.base_url + "/bench/trivial/", seconds=args.seconds
            )
            for label, (url, client) in pages.items():
                cookie = cookies["official" if client is official_client else "staff"]
                results[label] = wrk_run(
                    server.base_url + url, seconds=args.seconds, headers={"Cookie": cookie}
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
