"""The portal's settings plus the benchmark-only pages (benchmarks/bench_urls.py)."""

from urc_portal.settings import *  # noqa: F403
from urc_portal.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "benchmarks.bench_urls"
# Templates of the benchmark-only pages (the naive baselines).
TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "benchmarks" / "templates"]}
]
