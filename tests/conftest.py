"""
Shared fixtures. The people, after healthchecks' tests:

- ``alice``: project office staff (admin access too);
- ``olga``: a city official;
- ``charlie``: signed in, but with no role at all.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection

from accounts.models import User
from accounts.roles import CITY_OFFICIAL, PROJECT_OFFICE_STAFF

PROJECT_DIR = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    has_redis = bool(settings.REDIS_URL)
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="no PostgreSQL server on this machine"))
        if "redis" in item.keywords and not has_redis:
            item.add_marker(pytest.mark.skip(reason="no Redis server on this machine"))
        if "worker" in item.keywords and not (has_redis and on_postgres):
            # The worker is a second process: it needs a database it can share
            # (not SQLite's in-memory test database) and a real broker.
            item.add_marker(pytest.mark.skip(reason="no PostgreSQL and Redis on this machine"))


# The gazetteer countries most tests need; tests/partnerships/test_gazetteer.py
# loads the whole dataset once to prove the full load works.
TEST_GAZETTEER_COUNTRIES = "RU,UA,FI,BY,KG,AM,TR,KR,DE,US,CN,KZ,GB,GE,MD,AX"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the gazetteer of the countries the tests use loaded once."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_gazetteer", countries=TEST_GAZETTEER_COUNTRIES, verbosity=0)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Each test starts with an empty cache (this worker's own Redis database)."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _portal_language():
    """Each test starts in Russian, as a visitor does; a request may switch it."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def password():
    return "correct horse battery staple"


def make_user(email, password, *, group=None, **fields):
    user = User.objects.create_user(email=email, password=password, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def alice(db, password):
    return make_user(
        "alice@example.org",
        password,
        group=PROJECT_OFFICE_STAFF,
        full_name="Alice Staff",
        is_staff=True,
        preferred_language="en",
    )


@pytest.fixture
def olga(db, password):
    return make_user(
        "olga@example.org",
        password,
        group=CITY_OFFICIAL,
        full_name="Ольга Иванова",
        preferred_language="ru",
    )


@pytest.fixture
def charlie(db, password):
    return make_user("charlie@example.org", password, full_name="Charlie Stranger")


@pytest.fixture
def staff_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def official_client(client, olga):
    client.force_login(olga)
    return client


@pytest.fixture
def stranger_client(client, charlie):
    client.force_login(charlie)
    return client


@pytest.fixture
def celery_worker(django_db_serialized_rollback, transactional_db, tmp_path):
    """
    A real ``celery worker`` process on its own queue, against the test
    database and this worker's Redis; tasks sent inside the test go to it.

    Yields an object with the worker's queue name and the folder its e-mail
    goes to.
    """
    from urc_portal.celery import app

    queue = f"test-{uuid.uuid4().hex[:12]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(db),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": "filemail://",
        "VAR_DIR": str(tmp_path),
        # Uploaded files are shared with the test process.
        "PROTECTED_MEDIA_ROOT": str(settings.PROTECTED_MEDIA_ROOT),
        "DEBUG": "true",
    }
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "urc_portal",
            "worker",
            "--loglevel=INFO",
            "--pool=prefork",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        _wait_for_worker(app, f"{queue}@", process, tmp_path / "worker.log")
        yield WorkerHandle(
            queue=queue, mail_dir=mail_dir, process=process, log=tmp_path / "worker.log"
        )
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


class WorkerHandle:
    def __init__(self, *, queue, mail_dir, process, log):
        self.queue = queue
        self.mail_dir = mail_dir
        self.process = process
        self.log = log

    def pool_pids(self):
        """The pool processes the worker runs tasks in (children of its main process)."""
        result = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in result.stdout.split()]

    def wait_for(self, predicate, timeout=90, message="the worker did not finish in time"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited:\n{self.log.read_text()}")
            time.sleep(0.1)
        raise AssertionError(f"{message}\n{self.log.read_text()}")


def _database_url(db):
    engine = db["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def _wait_for_worker(app, name_prefix, process, log_path, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"celery worker exited early:\n{log_path.read_text()}")
        replies = app.control.ping(timeout=0.5) or []
        if any(next(iter(reply)).startswith(name_prefix) for reply in replies):
            return
    raise RuntimeError(f"celery worker did not start:\n{log_path.read_text()}")
