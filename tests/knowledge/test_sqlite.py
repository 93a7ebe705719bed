"""
`make run` with nothing configured runs on SQLite: the knowledge base migrates
there (without the GIN index) and searches with the case-insensitive contains
fallback, Cyrillic included. Run in a child process with its own SQLite file,
since the suite's database is PostgreSQL.
"""

import json
import os
import subprocess
import sys

from tests.conftest import PROJECT_DIR

SCRIPT = r"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import setup_test_environment
from knowledge import selectors, services
from knowledge.models import Entry, Theme

twinning = Theme.objects.get(slug="twinning")
services.entry_create(author=None, title_ru="ПОБРАТИМЫ Волгограда", body_ru="Ёлки и ЁЖИКИ",
                      themes=[twinning], state="published")
services.entry_create(author=None, title_en="Finnish Cities", themes=[twinning], state="published")
services.entry_create(author=None, title_ru="Черновик о побратимах", themes=[twinning])
with_file = services.entry_create(
    author=None, title_ru="С протоколом", themes=[twinning], state="published",
    files=[SimpleUploadedFile("protocol-ru.odt", open(SAMPLE, "rb").read())],
)

def titles(text):
    return [e.title for e in selectors.text_search(selectors.entries_visible_to(None), text)]

setup_test_environment()  # the test client records the context, and "testserver" is allowed
page = Client().get("/knowledge/search/", {"q": "побратимы"})
print(json.dumps({
    "lower": titles("побратимы"),
    "upper": titles("ВОЛГОГРАДА"),
    "yo": titles("ёжики"),
    "latin": titles("FINNISH"),
    "attachment": titles("делегации"),
    "status": page.status_code,
    "count": page.context["page"].paginator.count,
}))
"""


def test_search_works_on_sqlite_with_a_case_insensitive_contains(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "PYTEST_XDIST_WORKER"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="urc_portal.settings",
        CELERY_TASK_ALWAYS_EAGER="true",
        DEBUG="true",
    )
    sample = PROJECT_DIR / "tests" / "data" / "knowledge" / "protocol-ru.odt"
    finished = subprocess.run(
        [sys.executable, "-c", f"SAMPLE = {str(sample)!r}\n" + SCRIPT],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    assert result == {
        "lower": ["ПОБРАТИМЫ Волгограда"],
        "upper": ["ПОБРАТИМЫ Волгограда"],
        "yo": ["ПОБРАТИМЫ Волгограда"],
        "latin": ["Finnish Cities"],
        "attachment": ["С протоколом"],
        "status": 200,
        "count": 1,
    }
