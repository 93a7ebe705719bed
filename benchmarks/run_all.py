"""
Run every benchmark script in this folder and print their tables.

Each ``bench_*.py`` is a standalone script that prints one table. They are
run one after another, each in its own process, so one's memory or caches
never colour the next one's figures.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Modules the scripts share, not benchmarks of their own.
SUPPORT = {"bench_settings.py", "bench_urls.py"}


def main():
    scripts = sorted(p for p in HERE.glob("bench_*.py") if p.name not in SUPPORT)
    if not scripts:
        print("no benchmark scripts yet")
        return 0
    failures = 0
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]], cwd=HERE.parent)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
