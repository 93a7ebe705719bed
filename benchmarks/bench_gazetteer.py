"""
The offline gazetteer on PostgreSQL: loading it, and the staff autocomplete.

Measures, in one run:
- ``manage.py load_gazetteer`` (all ~170,000 places): wall time and the peak
  memory of the command's process;
- the autocomplete endpoint for 20 prefixes in Russian and Latin script
  (each asked --rounds times): median and p95, beside the same lookups done
  the obvious way, ``alternate_names__icontains`` on the places table.

    python benchmarks/bench_gazetteer.py [--rounds 10]
"""

import argparse
import os
import subprocess
import sys
import time

from harness import PROJECT_DIR, drop_database, print_table, setup_django, stopwatch, summary_ms

PREFIXES = [
    "Волг",
    "Моск",
    "Санкт",
    "Каз",
    "Екатер",
    "Новосиб",
    "Ниж",
    "Рос",
    "Хельс",
    "Ере",
    "Volg",
    "Mosc",
    "Kaz",
    "Hels",
    "Yer",
    "Bish",
    "Minsk",
    "Seo",
    "Ist",
    "Tam",
]


LOAD = """
import django
django.setup()
from django.core.management import call_command
from harness import peak_memory_mb
call_command("load_gazetteer")
print("PEAK_MB", peak_memory_mb())
"""


def load_in_subprocess():
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR / "benchmarks")}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", LOAD],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    lines = result.stdout.strip().splitlines()
    peak_mb = float(next(line.split()[1] for line in lines if line.startswith("PEAK_MB")))
    return seconds, peak_mb, lines[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    database = setup_django("gazetteer")
    try:
        from django.contrib.auth.models import Group
        from django.test import Client
        from django.urls import reverse

        from accounts.models import User
        from accounts.roles import PROJECT_OFFICE_STAFF
        from gazetteer.models import GazetteerPlace

        seconds, peak_mb, output = load_in_subprocess()
        print(output)
        print_table(
            "Loading the gazetteer (manage.py load_gazetteer, a process of its own)",
            ["places", "seconds", "peak memory MB"],
            [[GazetteerPlace.objects.count(), f"{seconds:.1f}", f"{peak_mb:.0f}"]],
        )

        staff = User.objects.create_user("bench@example.org", "x")
        staff.groups.add(Group.objects.get(name=PROJECT_OFFICE_STAFF))
        client = Client()
        client.force_login(staff)
        url = reverse("partnerships:gazetteer_lookup")
        ours, naive = [], []
        for _round in range(args.rounds):
            for prefix in PREFIXES:
                with stopwatch() as timer:
                    response = client.get(url, {"q": prefix})
                assert response.status_code == 200 and response.json()["results"], prefix
                ours.append(timer["seconds"])
        for _round in range(max(1, args.rounds // 5)):
            for prefix in PREFIXES:
                with stopwatch() as timer:
                    list(
                        GazetteerPlace.objects.filter(alternate_names__icontains=prefix).order_by(
                            "-population"
                        )[:10]
                    )
                naive.append(timer["seconds"])
        our_median, our_p95 = summary_ms(ours)
        naive_median, naive_p95 = summary_ms(naive)
        print_table(
            f"Autocomplete, 20 prefixes (10 Cyrillic, 10 Latin) x {args.rounds}",
            ["how", "requests", "median ms", "p95 ms", "p95 vs portal"],
            [
                [
                    "endpoint, prefix index on names (portal)",
                    len(ours),
                    f"{our_median:.1f}",
                    f"{our_p95:.1f}",
                    "1.0x",
                ],
                [
                    "icontains on alternate names (baseline, query only)",
                    len(naive),
                    f"{naive_median:.1f}",
                    f"{naive_p95:.1f}",
                    f"{naive_p95 / our_p95:.0f}x",
                ],
            ],
        )
    finally:
        drop_database(database)


if __name__ == "__main__":
    main()
