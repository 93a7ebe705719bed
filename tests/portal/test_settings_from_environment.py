"""Settings come from the environment; production refuses unsafe values."""

import json
import os
import secrets
import subprocess
import sys

from tests.conftest import PROJECT_DIR

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
from urc_portal.celery import app
print(json.dumps({
    "database": settings.DATABASES["default"]["ENGINE"],
    "options": settings.DATABASES["default"].get("OPTIONS", {}),
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": app.conf.broker_url.split(":")[0],
    "result_backend": str(app.conf.result_backend).split(":")[0],
    "email": settings.EMAIL_BACKEND,
    "time_zone": settings.TIME_ZONE,
    "language": settings.LANGUAGE_CODE,
}))
"""


# Set by the browser tests for Playwright's sake; a deployment never has it.
TEST_ONLY_VARIABLES = ("DJANGO_ALLOW_ASYNC_UNSAFE",)


def clean_environment(unset=()):
    return {k: v for k, v in os.environ.items() if k not in (*unset, *TEST_ONLY_VARIABLES)}


def run_python(code, *, env_overrides, unset=(), cwd=PROJECT_DIR):
    env = clean_environment(unset)
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "urc_portal.settings"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def production_env(tmp_path, **extra):
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "portal.example.org",
        "VAR_DIR": str(tmp_path),
        **extra,
    }


def test_bare_machine_defaults_are_sqlite_filesystem_broker_and_file_cache(tmp_path):
    result = run_python(
        PRINT_SETTINGS,
        env_overrides={"VAR_DIR": str(tmp_path)},
        unset=("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "TIME_ZONE", "LANGUAGE_CODE"),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["database"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in values["options"]["init_command"]
    assert values["options"]["transaction_mode"] == "IMMEDIATE"
    assert values["options"]["timeout"] >= 5
    assert values["cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert values["broker"] == "filesystem"
    assert values["result_backend"] == "django-db"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["time_zone"] == "Europe/Moscow"
    assert values["language"] == "ru"


def test_the_embedded_broker_keeps_everything_under_var_dir(tmp_path):
    """Queueing a task on a bare machine writes nothing where the process was started."""
    started_in, var_dir = tmp_path / "cwd", tmp_path / "var"
    started_in.mkdir()
    result = run_python(
        "import django; django.setup(); from urc_portal.celery import app; app.send_task('noop')",
        env_overrides={"VAR_DIR": str(var_dir), "PYTHONPATH": str(PROJECT_DIR)},
        unset=("DATABASE_URL", "REDIS_URL"),
        cwd=started_in,
    )
    assert result.returncode == 0, result.stderr
    assert list(started_in.iterdir()) == []
    assert list((var_dir / "celery-broker" / "control").iterdir())
    assert list((var_dir / "celery-broker" / "queue").iterdir())


def test_database_and_redis_urls_switch_to_the_real_services(tmp_path):
    result = run_python(
        PRINT_SETTINGS,
        env_overrides={
            "VAR_DIR": str(tmp_path),
            "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
            "REDIS_URL": "redis://cache.internal:6379/0",
        },
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["database"] == "django.db.backends.postgresql"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["broker"] == "redis"
    assert values["result_backend"] == "redis"


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = run_python("import django; django.setup()", env_overrides=env, unset=("SECRET_KEY",))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_a_weak_secret_key(tmp_path):
    env = production_env(tmp_path, SECRET_KEY="changeme")
    result = run_python("import django; django.setup()", env_overrides=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def run_manage_in_production(tmp_path, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={**clean_environment(), **production_env(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = run_manage_in_production(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_security_settings_can_be_tuned_from_the_environment(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_SSL_REDIRECT, "
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_TRUSTED_ORIGINS)"
    )
    result = run_python(
        code,
        env_overrides=production_env(
            tmp_path,
            SECURE_HSTS_SECONDS="600",
            CSRF_TRUSTED_ORIGINS="https://portal.example.org",
        ),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["600", "True", "True", "['https://portal.example.org']"]


def test_static_files_collect_under_production_settings(tmp_path):
    """The manifest storage follows every reference in the vendor files (source maps included)."""
    result = run_manage_in_production(tmp_path, "collectstatic", "--noinput", "--verbosity", "0")
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = json.loads((tmp_path / "staticfiles" / "staticfiles.json").read_text())
    assert "vendor/bootstrap/bootstrap.min.css" in manifest["paths"]
