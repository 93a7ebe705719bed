"""
Load on loopback: the portal under gunicorn, driven by wrk.

``PortalServer`` starts gunicorn (2 workers by default) with the portal's
production settings against the benchmark's database, plus the pages of
``bench_urls`` (``/bench/trivial/`` is the floor every table shows).
``wrk_run`` drives one URL with one wrk thread and N connections and returns
requests per second, median and p95 in milliseconds.

Needs wrk (``apt-get install wrk``) and gunicorn (a dependency of the portal).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from harness import PROJECT_DIR

HERE = Path(__file__).resolve().parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PortalServer:
    def __init__(self, *, workers=2, env=None):
        self.port = free_port()
        self.workers = workers
        self.env = env or {}
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
            "PYTHONPATH": str(PROJECT_DIR),
            **self.env,
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.log = open(
            Path(os.environ.get("VAR_DIR", PROJECT_DIR / "var")) / "bench-gunicorn.log", "w"
        )
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "urc_portal.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base_url + "/bench/trivial/", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError("gunicorn did not start; see var/bench-gunicorn.log")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()


def wrk_run(url, *, seconds=15, connections=8, threads=1, headers=None):
    """Drive ``url``; returns {"rps", "median_ms", "p95_ms", "errors"}."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is missing: apt-get install wrk")
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(HERE / "wrk_report.lua"),
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    figures = json.loads(line.removeprefix("WRKJSON "))
    return {
        "rps": figures["requests"] / (figures["duration_us"] / 1_000_000),
        "median_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "errors": figures["socket_errors"] + figures["non_2xx_3xx"],
    }


def session_cookie_for(user):
    """A signed-in session for ``user`` that the server accepts (sessions live in the database)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def load_table_rows(results, floor_label):
    """Rows of label, req/s, median, p95, and req/s as a share of the floor."""
    floor = results[floor_label]["rps"]
    return [
        [
            label,
            f"{r['rps']:.0f}",
            f"{r['median_ms']:.1f}",
            f"{r['p95_ms']:.1f}",
            f"{r['rps'] / floor:.2f}",
            r["errors"],
        ]
        for label, r in results.items()
    ]


LOAD_HEADERS = ["page", "req/s", "median ms", "p95 ms", "req/s vs floor", "errors"]
