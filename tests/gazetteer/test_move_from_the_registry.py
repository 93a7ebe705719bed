"""
A database of the old schema, where the registry app kept the gazetteer,
migrates with nothing lost: places, names, their content types and the
permissions staff hold on them.
"""

import os
import subprocess
import sys
import textwrap
import uuid

import psycopg
import pytest
from django.conf import settings

from tests.conftest import PROJECT_DIR

OLD_SCHEMA = "0007_import_kind"

FILL_OLD_TABLES = """
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

with connection.cursor() as cursor:
    cursor.execute(
        "INSERT INTO partnerships_gazetteerplace (geonames_id, name, country_code, admin1_code,"
        " population, latitude, longitude, russian_name_suggestion, alternate_names)"
        " VALUES (472757, 'Volgograd', 'RU', '84', 1013533, 48.71939, 44.50183, 'Волгоград',"
        " 'Stalingrad|Волгоград')"
    )
    for key in ("volgograd", "stalingrad", "волгоград"):
        cursor.execute(
            "INSERT INTO partnerships_gazetteername (place_id, normalized, population,"
            " country_code) VALUES (472757, %s, 1013533, 'RU')",
            [key],
        )
place_type, _ = ContentType.objects.get_or_create(app_label="partnerships", model="gazetteerplace")
view, _ = Permission.objects.get_or_create(
    content_type=place_type, codename="view_gazetteerplace", defaults={"name": "Can view"}
)
Group.objects.get_or_create(name="Old staff")[0].permissions.add(view)
print("filled")
"""

CHECK_NEW_APP = """
from django.contrib.auth.models import Group
from gazetteer.models import GazetteerName, GazetteerPlace

place = GazetteerPlace.objects.get(pk=472757)
print(place.name, place.russian_name_suggestion, place.population)
print(sorted(GazetteerName.objects.filter(place=place).values_list("normalized", "skeleton")))
group = Group.objects.get(name="Old staff")
print(sorted(p.content_type.app_label + "." + p.codename for p in group.permissions.all()))
"""


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def shell(code, env):
    return manage("shell", "--no-imports", "-c", textwrap.dedent(code), env=env)


def migrate_old_database(env):
    manage("migrate", "partnerships", OLD_SCHEMA, "-v0", env=env)
    assert "filled" in shell(FILL_OLD_TABLES, env)
    manage("migrate", "-v0", env=env)
    return shell(CHECK_NEW_APP, env)


def expect_everything_kept(out):
    lines = out.strip().splitlines()
    assert lines[0] == "Volgograd Волгоград 1013533"
    assert lines[1] == str(
        [("stalingrad", "stalingrad"), ("volgograd", "volgograd"), ("волгоград", "volgograd")]
    )
    assert lines[2] == str(["gazetteer.view_gazetteerplace"])


def base_env(tmp_path):
    env = {**os.environ, "VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def test_an_old_sqlite_database_keeps_its_gazetteer(tmp_path):
    env = {**base_env(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'old.sqlite3'}"}
    expect_everything_kept(migrate_old_database(env))


@pytest.mark.postgres
def test_an_old_postgresql_database_keeps_its_gazetteer(tmp_path):
    db = settings.DATABASES["default"]
    name = f"urc_old_schema_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
        expect_everything_kept(migrate_old_database({**base_env(tmp_path), "DATABASE_URL": url}))
    finally:
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.close()
