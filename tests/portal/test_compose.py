"""docker-compose.yml follows the Compose Specification and runs what exists."""

import importlib.util
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands
from ruamel.yaml import YAML

from tests.conftest import PROJECT_DIR

COMPOSE_FILE = Path(PROJECT_DIR, "docker-compose.yml")


@pytest.fixture(scope="module")
def compose():
    return YAML(typ="safe").load(COMPOSE_FILE.read_text())


def test_compose_file_validates_against_the_compose_specification():
    result = subprocess.run(
        [
            Path(sys.executable).with_name("check-jsonschema"),
            "--builtin-schema",
            "vendor.compose-spec",
            str(COMPOSE_FILE),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_has_the_production_services_with_healthchecks(compose):
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    assert set(compose["volumes"]) >= {"postgres-data", "redis-data", "portal-files"}
    assert Path(PROJECT_DIR, ".env.example").is_file()
    assert Path(PROJECT_DIR, "Dockerfile").is_file()


def words_of(command):
    words = command if isinstance(command, list) else shlex.split(command)
    if words[:2] == ["sh", "-c"]:
        return [shlex.split(part) for part in words[2].split("&&")]
    return [words]


def assert_runs_something_real(words):
    program = words[0]
    if program == "python" and words[1] == "manage.py":
        assert words[2] in get_commands(), f"no management command {words[2]}"
    elif program == "gunicorn":
        module = words[1].split(":")[0]
        assert importlib.util.find_spec(module), f"no module {module}"
    elif program == "celery":
        app_module = words[words.index("-A") + 1]
        assert importlib.util.find_spec(f"{app_module}.celery"), f"no Celery app in {app_module}"
        assert words[words.index("-A") + 2] in {"worker", "beat", "inspect"}
    elif program == "redis-server":
        pass  # the redis image's own server
    else:
        raise AssertionError(f"unexpected program {program}")


def test_every_service_command_exists_in_the_project(compose):
    checked = 0
    for service in compose["services"].values():
        if "command" not in service:
            continue
        for words in words_of(service["command"]):
            assert_runs_something_real(words)
            checked += 1
    assert checked >= 5


def test_web_healthcheck_calls_the_health_endpoint(compose, client, db):
    test = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    assert "/healthz" in test
    assert client.get("/healthz", {"format": "json"}, HTTP_HOST="web:8000").status_code == 200
