"""The portal's settings plus the benchmark-only pages (benchmarks/bench_urls.py)."""

from urc_portal.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
