"""
The public directory at scale: 20,000 municipalities and 100,000 ties on PostgreSQL.

Measures, in one run:
- SQL queries of the directory's first page, a filtered page (one country), a
  deep page (page 200), a text search and a municipality page (cache empty);
- load on loopback (gunicorn 2 workers, wrk 1 thread, 8 connections, --seconds
  each): requests/s, median and p95 of each page, beside the trivial page (the
  framework's floor) and the naive baseline (a stock ListView with
  paginate_by=25 and select_related over the same queryset and template);
- the map's data endpoint for all municipalities: time and size, uncached;
- a streamed CSV export of all 100,000 ties: peak memory of the serving
  process, beside the same export built in memory by django-import-export.

    python benchmarks/bench_directory.py [--seconds 15]
"""

import argparse
import datetime
import os
import random
import subprocess
import sys
import time

from harness import PROJECT_DIR, drop_database, print_table, setup_django, stopwatch
from load import LOAD_HEADERS, PortalServer, load_table_rows, wrk_run

MUNICIPALITIES = 20_000
TIES = 100_000
COUNTRIES = [
    "DE",
    "FR",
    "IT",
    "FI",
    "CN",
    "KR",
    "TR",
    "AM",
    "BY",
    "KG",
    "KZ",
    "US",
    "RS",
    "BG",
    "CZ",
    "IN",
    "JP",
]


def populate():
    from django.core.management import call_command

    from partnerships.models import FederalSubject, Municipality, Partnership

    rng = random.Random(1972)
    subjects = list(FederalSubject.objects.all())
    russian = [
        Municipality(
            name_ru=f"Город {n}",
            name_en=f"Gorod {n}",
            country="RU",
            federal_subject=rng.choice(subjects),
            latitude=round(rng.uniform(43, 68), 5),
            longitude=round(rng.uniform(30, 140), 5),
        )
        for n in range(MUNICIPALITIES // 4)
    ]
    foreign = [
        Municipality(
            name_en=f"Town {n}",
            name_ru=f"Таун {n}",
            country=rng.choice(COUNTRIES),
            latitude=round(rng.uniform(-40, 65), 5),
            longitude=round(rng.uniform(-120, 150), 5),
        )
        for n in range(MUNICIPALITIES - len(russian))
    ]
    for m in russian + foreign:
        m.search_name = m.build_search_name()
    Municipality.objects.bulk_create(russian + foreign, batch_size=5000)
    ids_ru = list(Municipality.objects.filter(country="RU").values_list("pk", flat=True))
    ids_foreign = list(Municipality.objects.exclude(country="RU").values_list("pk", flat=True))
    kinds = list(Partnership.Kind.values)
    statuses = list(Partnership.Status.values)
    ties, seen = [], set()
    while len(ties) < TIES:
        a, b = rng.choice(ids_ru), rng.choice(ids_foreign)
        if (a, b) in seen:
            continue
        seen.add((a, b))
        ties.append(
            Partnership(
                municipality_a_id=a,
                municipality_b_id=b,
                kind=rng.choice(kinds),
                status=rng.choice(statuses),
                signed_on=datetime.date(
                    rng.randint(1956, 2025), rng.randint(1, 12), rng.randint(1, 28)
                ),
                areas={rng.choice(["culture", "economy", "sport", "youth", "tourism"])},
                is_public=True,
            )
        )
    Partnership.objects.bulk_create(ties, batch_size=5000)
    call_command("migrate", verbosity=0)  # nothing to do; keeps the connection warm
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Municipality.objects.filter(country="RU").first()


def query_counts(urls):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for label, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[label] = len(queries)
        assert response.status_code == 200, (url, response.status_code)
    return counts


def map_endpoint():
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    with stopwatch() as timer:
        response = Client().get("/map/data.json")
    return timer["seconds"], len(response.content)


EXPORT_SNIPPET = """
import sys
import django
django.setup()
from harness import peak_memory_mb
from django.test import Client
mode = sys.argv[1]
if mode == "streamed":
    response = Client().get("/directory/export.csv")
    size = sum(len(chunk) for chunk in response.streaming_content)
else:
    from partnerships.importing.resources import PartnershipResource
    from partnerships.models import Partnership
    exporter = PartnershipResource(public=True)
    table = exporter.export(exporter.export_queryset(Partnership.objects.filter(is_public=True)))
    size = len(table.csv.encode("utf-8"))
print(size, int(peak_memory_mb()))
"""


def export_memory(mode):
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.bench_settings"
    env["PYTHONPATH"] = f"{PROJECT_DIR}:{PROJECT_DIR / 'benchmarks'}"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", EXPORT_SNIPPET, mode],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    size, peak_mb = result.stdout.split()[-2:]
    return int(size), int(peak_mb), time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()
    database = setup_django("directory")
    try:
        with stopwatch() as filling:
            municipality = populate()
        print(
            f"data: {MUNICIPALITIES:,} municipalities, {TIES:,} ties, filled in {filling['seconds']:.0f} s"
        )
        pages = {
            "directory, first page": "/directory/",
            "directory, one country": "/directory/?country=FI",
            "directory, page 200": "/directory/?page=200",
            "directory, text search": "/directory/?q=%D0%B3%D0%BE%D1%80%D0%BE%D0%B4+12",
            "municipality page": f"/municipalities/{municipality.pk}/",
        }
        counts = query_counts(pages)
        print_table(
            "SQL queries per page (cache empty)",
            ["page", "queries"],
            [[k, v] for k, v in counts.items()],
        )

        seconds, size = map_endpoint()
        print_table(
            "Map data for all municipalities (uncached)",
            ["endpoint", "ms", "KB", "targets"],
            [
                [
                    "/map/data.json",
                    f"{seconds * 1000:.0f}",
                    f"{size / 1024:.0f}",
                    "< 300 ms, < 2048 KB",
                ]
            ],
        )

        results = {}
        with PortalServer(workers=2) as server:
            targets = {
                "trivial page (floor)": "/bench/trivial/",
                "naive ListView (baseline)": "/bench/naive-directory/",
                **pages,
                "naive ListView, page 200": "/bench/naive-directory/?page=200",
            }
            for label, url in targets.items():
                results[label] = wrk_run(server.base_url + url, seconds=args.seconds, connections=8)
        rows = load_table_rows(results, "trivial page (floor)")
        naive = results["naive ListView (baseline)"]["rps"]
        for row, label in zip(rows, results, strict=True):
            row.append(f"{results[label]['rps'] / naive:.1f}x")
        print_table(
            f"Load: gunicorn 2 workers, wrk 1 thread, 8 connections, {args.seconds} s each",
            [*LOAD_HEADERS, "vs naive"],
            rows,
        )

        streamed = export_memory("streamed")
        in_memory = export_memory("in-memory")
        print_table(
            "CSV export of all 100,000 ties: peak memory of the process",
            ["how", "MB written", "peak MB", "seconds"],
            [
                [
                    "streamed (portal)",
                    f"{streamed[0] / 2**20:.1f}",
                    streamed[1],
                    f"{streamed[2]:.1f}",
                ],
                [
                    "tablib in memory (stock import-export)",
                    f"{in_memory[0] / 2**20:.1f}",
                    in_memory[1],
                    f"{in_memory[2]:.1f}",
                ],
            ],
        )
    finally:
        drop_database(database)


if __name__ == "__main__":
    main()
