"""
Shared pieces of the benchmark scripts: a scratch PostgreSQL database, timers
and the table every script prints.

A benchmark runs against its own database (``urc_bench_<name>``), created,
migrated and dropped by ``scratch_database``, so it never touches the
development or test data. PostgreSQL is found the way the test suite finds
it (DATABASE_URL, else 127.0.0.1:5432); without it a script says so and stops.
"""

import contextlib
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _server_url():
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    if not url.startswith("postgres"):
        url = DEFAULT_SERVER
    return url


def _with_database(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def postgres_answers():
    import socket

    parts = urlsplit(_server_url())
    try:
        with socket.create_connection((parts.hostname, parts.port or 5432), timeout=2):
            return True
    except OSError:
        return False


def setup_django(name, *, extra_env=None):
    """Point Django at a fresh ``urc_bench_<name>`` database and migrate it."""
    import psycopg

    if not postgres_answers():
        print(f"{name}: skipped, PostgreSQL does not answer at {_server_url()}")
        sys.exit(0)
    database = f"urc_bench_{name}"
    admin_url = _with_database(_server_url(), "postgres")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')
    os.environ["DATABASE_URL"] = _with_database(_server_url(), database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urc_portal.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-" + "x9" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    os.environ.setdefault("EMAIL_URL", "memorymail://")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    for key, value in (extra_env or {}).items():
        os.environ[key] = value

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    # Production settings serve hashed static files from the collected manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    return database


def drop_database(database):
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(_with_database(_server_url(), "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@contextlib.contextmanager
def stopwatch():
    result = {}
    start = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - start


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(samples):
    """Median and p95 of durations given in seconds, in milliseconds."""
    return statistics.median(samples) * 1000, percentile(samples, 0.95) * 1000


def print_table(title, headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    print(f"\n{title}")
    print("  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    sys.stdout.flush()


def peak_memory_mb():
    """
    This process's own peak resident memory, in MB. (getrusage's ru_maxrss
    would also count the memory of the parent it was forked from.)
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
