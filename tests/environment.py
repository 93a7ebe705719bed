"""
Where the test suite finds its services; loaded by pytest before Django.

The suite runs against real PostgreSQL and Redis whenever they answer on
127.0.0.1 (or wherever DATABASE_URL and REDIS_URL say), and falls back to
SQLite and no Redis only on a machine that has neither. With CI set, a missing
service stops the run: CI never quietly skips what it is there to test.

Each pytest-xdist worker gets its own Redis database number, so clearing the
cache in one worker's test never touches another's.
"""

import os
import socket
import tempfile
from urllib.parse import urlsplit, urlunsplit

import pytest

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/urc_portal"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"


def answers(url, default_port):
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def worker_index():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker[2:]) if worker.startswith("gw") else 0


def redis_url_for_worker(url):
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{base + worker_index()}"))


database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
if database_url.startswith("postgres"):
    if answers(database_url, 5432):
        os.environ["DATABASE_URL"] = database_url
    elif CI:
        raise pytest.UsageError(f"CI needs PostgreSQL, and {database_url} does not answer.")
    else:
        os.environ.pop("DATABASE_URL", None)

redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
if answers(redis_url, 6379):
    os.environ["REDIS_URL"] = redis_url_for_worker(redis_url)
elif CI:
    raise pytest.UsageError(f"CI needs Redis, and {redis_url} does not answer.")
else:
    os.environ.pop("REDIS_URL", None)

# Files the portal writes (uploads, the file cache, the filesystem broker,
# e-mail files) go to a scratch folder, never into the working copy.
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="urc-tests-"))
os.environ.setdefault("CACHE_KEY_PREFIX", f"urc-test-{os.getpid()}")
# Tasks run inline unless a test starts a real worker (tests/worker.py).
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("SIGNUP_OPEN", "false")
