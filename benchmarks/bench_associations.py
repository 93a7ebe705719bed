"""
Outreach pipeline at scale: 1,000 associations, 50,000 activities, 20,000 open
follow-ups owned by 50 staff members, on PostgreSQL.

Measures, in one run:
- the pipeline board, the pipeline list and one association page: SQL queries
  per request (at 1/10 of the data and at all of it) and median / p95 latency
  through Django's test client, beside the trivial page (/bench/trivial/) as the floor;
- one run of the daily follow-up digests over all 20,000 follow-ups (claiming
  each in the reminder log and rendering 50 e-mails), beside the obvious
  baseline that claims the log row by row with get_or_create.

    python benchmarks/bench_associations.py [--requests 40]
"""

import argparse
import datetime
import random

from harness import drop_database, print_table, setup_django, stopwatch, summary_ms

ASSOCIATIONS = 1_000
ACTIVITIES = 50_000
FOLLOW_UPS = 20_000
OWNERS = 50


def populate(fraction=1.0):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import PROJECT_OFFICE_STAFF
    from associations.models import FollowUp, NationalAssociation, OutreachActivity

    rng = random.Random(2017)
    staff = Group.objects.get(name=PROJECT_OFFICE_STAFF)
    owners = list(User.objects.filter(groups=staff))
    for index in range(len(owners), OWNERS):
        owner = User.objects.create_user(
            f"owner{index}@bench.example.org",
            "x",
            preferred_language="ru" if index % 3 else "en",
            full_name=f"Сотрудник {index}",
        )
        owner.groups.add(staff)
        owners.append(owner)

    existing = NationalAssociation.objects.count()
    wanted = int(ASSOCIATIONS * fraction)
    stages = [choice for choice, _label in NationalAssociation.Stage.choices]
    NationalAssociation.objects.bulk_create(
        NationalAssociation(
            name_ru=f"Ассоциация муниципалитетов №{n}",
            name_en=f"Association of Municipalities No. {n}",
            country=rng.choice(["MN", "VN", "RS", "UZ", "KZ", "IN", "CN", "BR", "ZA", "EG"]),
            stage=rng.choice(stages),
        )
        for n in range(existing, existing + wanted)
    )
    ids = list(NationalAssociation.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    kinds = [choice for choice, _label in OutreachActivity.Kind.choices]
    OutreachActivity.objects.bulk_create(
        (
            OutreachActivity(
                association_id=rng.choice(ids),
                occurred_on=today - datetime.timedelta(days=rng.randint(0, 3000)),
                kind=rng.choice(kinds),
                summary="Письмо с предложением о сотрудничестве и обмене делегациями. " * 3,
                author=rng.choice(owners),
            )
            for _ in range(int(ACTIVITIES * fraction))
        ),
        batch_size=5000,
    )
    # Every follow-up is due today or overdue, so a digest run handles all of them.
    FollowUp.objects.bulk_create(
        (
            FollowUp(
                association_id=rng.choice(ids),
                owner=owners[n % OWNERS],
                due_on=today - datetime.timedelta(days=rng.randint(0, 60)),
                task=f"Подготовить ответ на письмо №{n}",
            )
            for n in range(int(FOLLOW_UPS * fraction))
        ),
        batch_size=5000,
    )
    return owners


def measure_pages(client, urls, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    figures = {}
    for label, url in urls.items():
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries)  # read now: the log is reset by the next request
        assert response.status_code == 200, (url, response.status_code)
        samples = []
        for _ in range(requests):
            with stopwatch() as timer:
                client.get(url)
            samples.append(timer["seconds"])
        figures[label] = (query_count, *summary_ms(samples))
    return figures


def digest_run():
    from associations.services import follow_up_digests_send

    with stopwatch() as timer:
        sent = follow_up_digests_send()
    return timer["seconds"], sent


def naive_digest_run():
    """The baseline: claim each follow-up's log row with its own get_or_create."""
    from collections import defaultdict

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from accounts.mail import queue_templated_email
    from associations.models import FollowUp
    from reminders.models import ReminderLog

    today = timezone.localdate()
    content_type = ContentType.objects.get_for_model(FollowUp)
    with stopwatch() as timer:
        by_owner = defaultdict(list)
        for follow_up in FollowUp.objects.filter(
            done_at__isnull=True, due_on__lte=today
        ).select_related("owner", "association"):
            by_owner[follow_up.owner].append(follow_up)
        for owner, follow_ups in by_owner.items():
            with transaction.atomic():
                listed = []
                for follow_up in follow_ups:
                    _row, created = ReminderLog.objects.get_or_create(
                        content_type=content_type,
                        object_id=follow_up.pk,
                        kind="naive",
                        period=today.isoformat(),
                    )
                    if created:
                        listed.append(follow_up)
                queue_templated_email(
                    recipient=owner,
                    template_prefix="associations/email/follow_up_digest",
                    context={
                        "owner": owner,
                        "today": today,
                        "count": len(listed),
                        "due_today": [],
                        "overdue": listed,
                        "base_url": "",
                    },
                )
    return timer["seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()

    database = setup_django(
        "associations", extra_env={"DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings"}
    )
    try:
        from django.core import mail
        from django.db.models import Count
        from django.test import Client
        from django.urls import reverse

        from associations.models import NationalAssociation
        from reminders.models import ReminderLog

        with stopwatch() as filling:
            owners = populate(0.1)
        client = Client()
        client.force_login(owners[0])
        busiest = NationalAssociation.objects.annotate(n=Count("activities")).order_by("-n").first()
        urls = {
            "trivial page (floor)": reverse("bench_trivial"),
            "pipeline board": reverse("associations:pipeline"),
            "pipeline list": reverse("associations:list"),
            "association page": reverse("associations:detail", args=[busiest.pk]),
        }
        small = measure_pages(client, urls, 3)
        with stopwatch() as more:
            populate(0.9)
        busiest = NationalAssociation.objects.annotate(n=Count("activities")).order_by("-n").first()
        urls["association page"] = reverse("associations:detail", args=[busiest.pk])
        full = measure_pages(client, urls, args.requests)
        filled = filling["seconds"] + more["seconds"]
        print(
            f"data: {NationalAssociation.objects.count()} associations, "
            f"{busiest.n} activities on the busiest; filled in {filled:.1f} s"
        )
        floor = full["trivial page (floor)"][1]
        print_table(
            f"Pages (Django test client, {args.requests} requests each; queries at 1/10 and all of the data)",
            ["page", "queries 10%", "queries 100%", "median ms", "p95 ms", "median / floor"],
            [
                [
                    label,
                    small[label][0],
                    full[label][0],
                    f"{full[label][1]:.1f}",
                    f"{full[label][2]:.1f}",
                    f"{full[label][1] / floor:.1f}x",
                ]
                for label in urls
            ],
        )

        rows = []
        ours = []
        for _attempt in range(3):
            ReminderLog.objects.all().delete()
            mail.outbox = []
            seconds, sent = digest_run()
            ours.append(seconds)
        naive = []
        for _attempt in range(3):
            ReminderLog.objects.all().delete()
            naive.append(naive_digest_run())
        ours.sort()
        naive.sort()
        rows.append(
            [
                "claimed in batches (portal)",
                sent["follow_ups"],
                sent["digests"],
                f"{ours[1]:.2f}",
                "1.0x",
            ]
        )
        rows.append(
            [
                "get_or_create per row (baseline)",
                sent["follow_ups"],
                sent["digests"],
                f"{naive[1]:.2f}",
                f"{naive[1] / ours[1]:.1f}x slower",
            ]
        )
        print_table(
            "Daily follow-up digests, one run (median of 3), e-mails rendered and sent to memory",
            ["how", "follow-ups", "digests", "median s", "vs portal"],
            rows,
        )
    finally:
        drop_database(database)


if __name__ == "__main__":
    main()
