"""
Importing twinning records at scale, on PostgreSQL.

Generates a 100,000-row twinning CSV naming 20,000 municipalities (real
gazetteer places, so "create missing" finds each one there) and a 20,000-row
XLSX, then measures in one run:

(a)  our import, confirmed, into an empty registry with "create missing" on;
(b)  the same file re-imported (every row unchanged);
(c)  stock django-import-export ModelResource, row by row, on 10,000 of the rows;
(c') the same stock resource with use_bulk, skip_diff and force_init_instance;
(d)  PostgreSQL COPY of the same rows into a plain table: the physical limit;
(x)  the XLSX file through (a).
Plus the 10,000-row CSV of the import issue: preview and confirmed import,
with their SQL query counts.

Each import runs as ``manage.py import_partnerships`` in a process of its own,
so its peak memory is its own.

    python benchmarks/bench_import.py [--rows 100000] [--stock-rows 10000]
"""

import argparse
import csv
import os
import subprocess
import sys
import time

from harness import PROJECT_DIR, drop_database, print_table, setup_django, stopwatch

WORK = PROJECT_DIR / "var" / "bench-import"


def pick_places(total):
    """Real places whose name is unique in their country (else "create missing" must refuse them)."""
    from collections import Counter

    from gazetteer.models import GazetteerPlace
    from partnerships.places import federal_subject_of

    places = list(
        GazetteerPlace.objects.only(
            "geonames_id", "name", "country_code", "admin1_code", "population"
        ).order_by("-population")
    )
    from mechanisms.placenames import normalize_name

    names = Counter((p.country_code, normalize_name(p.name)) for p in places)
    unique = [
        p
        for p in places
        if names[(p.country_code, normalize_name(p.name))] == 1 and "," not in p.name
    ]
    russian = [p for p in unique if p.country_code == "RU" and federal_subject_of(p)][: total // 4]
    from django_countries import countries

    known = set(dict(countries))
    from gazetteer.disputes import disputed_area_of

    foreign = [
        p
        for p in unique
        if p.country_code not in {"RU", "UA"}
        and p.country_code in known
        and disputed_area_of(p.country_code, p.admin1_code) is None
    ]
    foreign = foreign[: total - len(russian)]
    return russian, foreign


def country_name(code, cache={}):  # noqa: B006 (a deliberate memo)
    from django_countries import countries

    if code not in cache:
        cache[code] = str(dict(countries)[code])
    return cache[code]


def rows_for(russian, foreign, count):
    from partnerships.importing.columns import PARTNERSHIP_COLUMNS
    from partnerships.places import federal_subject_of

    subjects = {p.geonames_id: federal_subject_of(p).short_name_ru for p in russian}
    keys = [column.key for column in PARTNERSHIP_COLUMNS]
    for index in range(count):
        a, b = pair(russian, foreign, index)
        values = {
            "municipality": a.name,
            "region": subjects[a.geonames_id],
            "country": "Россия",
            "partner": b.name,
            "partner_country": country_name(b.country_code),
            "kind": "побратимство",
            "status": "действует",
            "signed_on": str(1960 + index % 60),
            "areas": "культура; спорт",
            "is_public": "да",
        }
        yield [values.get(key, "") for key in keys]


def pair(russian, foreign, index):
    """The index-th pair: every Russian place in turn, each time with a new foreign partner."""
    a = index % len(russian)
    return russian[a], foreign[(index // len(russian) + 7 * a) % len(foreign)]


def write_csv(path, rows):
    from partnerships.importing.columns import PARTNERSHIP_COLUMNS

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([c.header for c in PARTNERSHIP_COLUMNS])
        writer.writerows(rows)


def write_xlsx(path, rows):
    import openpyxl

    from partnerships.importing.columns import PARTNERSHIP_COLUMNS

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([c.header for c in PARTNERSHIP_COLUMNS])
    for row in rows:
        sheet.append(row)
    workbook.save(path)


RUN_IMPORT = """
import sys
import django
django.setup()
from benchmarks.harness import peak_memory_mb
from django.core.management import call_command
code = 0
try:
    call_command("import_partnerships", *sys.argv[1:])
except SystemExit as stop:
    code = stop.code or 0
print("PEAK_MB", peak_memory_mb())
sys.exit(code)
"""


def run_command(path, *options):
    """Run the import command in a process of its own: seconds, its peak MB, its summary line."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", RUN_IMPORT, str(path), "--quiet-rows", *options],
        cwd=PROJECT_DIR,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:])
        raise SystemExit(f"import of {path} failed")
    lines = result.stdout.strip().splitlines()
    peak_mb = float(next(line.split()[1] for line in lines if line.startswith("PEAK_MB")))
    summary = next(line for line in reversed(lines) if line.startswith("job #"))
    return seconds, peak_mb, summary


def empty_registry():
    from partnerships.models import ImportJob, Municipality, Partnership

    Partnership.history.all().delete()
    Partnership.objects.all().delete()
    Municipality.history.all().delete()
    Municipality.objects.all().delete()
    ImportJob.objects.all().delete()


def stock_resource_classes():
    from import_export import fields, resources, widgets

    from partnerships.models import Municipality, Partnership

    class StockPartnershipResource(resources.ModelResource):
        municipality_a = fields.Field(
            attribute="municipality_a",
            column_name="municipality_a",
            widget=widgets.ForeignKeyWidget(Municipality, "geonames_id"),
        )
        municipality_b = fields.Field(
            attribute="municipality_b",
            column_name="municipality_b",
            widget=widgets.ForeignKeyWidget(Municipality, "geonames_id"),
        )

        class Meta:
            model = Partnership
            fields = (
                "municipality_a",
                "municipality_b",
                "kind",
                "status",
                "signed_on",
                "is_public",
            )
            import_id_fields = ("municipality_a", "municipality_b")

    class BulkStockPartnershipResource(StockPartnershipResource):
        class Meta(StockPartnershipResource.Meta):
            use_bulk = True
            skip_diff = True
            force_init_instance = True
            batch_size = 1000

    return StockPartnershipResource, BulkStockPartnershipResource


def stock_dataset(count):
    """The first ``count`` ties the portal imported, with both sides by GeoNames id."""
    import datetime

    import tablib

    from partnerships.models import Partnership

    dataset = tablib.Dataset(
        headers=["municipality_a", "municipality_b", "kind", "status", "signed_on", "is_public"]
    )
    pairs = Partnership.objects.order_by("pk").values_list(
        "municipality_a__geonames_id", "municipality_b__geonames_id"
    )[:count]
    for index, (a, b) in enumerate(pairs):
        dataset.append([a, b, "twinning", "active", datetime.date(1960 + index % 60, 1, 1), True])
    return dataset


def run_stock(resource_class, dataset):
    from partnerships.models import Partnership

    Partnership.objects.all().delete()
    with stopwatch() as timer:
        result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors()
    return timer["seconds"]


def copy_limit(rows):
    from django.db import connection

    from partnerships.importing.columns import PARTNERSHIP_COLUMNS

    columns = ", ".join(f"{column.key} text" for column in PARTNERSHIP_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(f"CREATE TABLE bench_copy ({columns})")
        with stopwatch() as timer, cursor.cursor.copy("COPY bench_copy FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute("DROP TABLE bench_copy")
    return timer["seconds"]


def openpyxl_table(data):
    """The former reader of XLSX files: openpyxl in read-only mode, cell by cell (the baseline)."""
    import datetime
    import io

    import openpyxl

    from partnerships.importing.reading import Table

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        headers = list(next(rows, ()) or ())
        body = []
        for row in rows:
            cells = []
            for value in row:
                if isinstance(value, datetime.datetime) and value.time() == datetime.time():
                    value = value.date()
                cells.append(sys.intern(value) if type(value) is str else value)
            body.append(tuple(cells))
    finally:
        workbook.close()
    table = Table([str(h).strip() if h is not None else "" for h in headers], body, "xlsx")
    table.rows = [row for row in table.rows if any(cell not in (None, "") for cell in row)]
    return table


XLSX_RUN = """
import json, sys, time
import django
django.setup()
from bench_import import openpyxl_table
from gazetteer.countries import country_table
from partnerships.importing.columns import PARTNERSHIP_COLUMNS, match_headers
from partnerships.importing.engine import PartnershipImport
from partnerships.importing.reading import read_table

country_table()
reader = read_table if sys.argv[2] == "calamine" else openpyxl_table
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
table = reader(data)
read = time.perf_counter() - start
assignment = match_headers(table.headers, PARTNERSHIP_COLUMNS).assignment
PartnershipImport(table, assignment, create_missing=True, strict=False).run(dry_run=True)
print(json.dumps([read, time.perf_counter() - start - read, len(table.rows)]))
"""


def measure_xlsx(path, runs=3):
    """
    Reading the 20,000-row XLSX and checking it (the preview): calamine against
    openpyxl, each run in a fresh process, median of ``runs``.
    """
    import json
    import statistics

    figures = {}
    env = {**os.environ, "PYTHONPATH": f"{PROJECT_DIR / 'benchmarks'}:{PROJECT_DIR}"}
    for label, reader in (("calamine (portal)", "calamine"), ("openpyxl (former)", "openpyxl")):
        reads, checks = [], []
        for _run in range(runs):
            result = subprocess.run(
                [sys.executable, "-c", XLSX_RUN, str(path), reader],
                cwd=PROJECT_DIR,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            read, check, rows = json.loads(result.stdout.strip().splitlines()[-1])
            reads.append(read)
            checks.append(check)
        figures[label] = (statistics.median(reads), statistics.median(checks), rows)
    return figures


def measure_issue7(path):
    """
    The import issue's 10,000-row CSV: preview (dry run) and confirmed import,
    each as a command in a process of its own (seconds, peak memory), and the
    SQL queries each issues, counted in this process.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.services.imports import job_create, job_import, job_preview

    figures = {}
    empty_registry()
    figures["preview (dry run)"] = run_command(path, "--create-missing", "--dry-run")[:2]
    figures["confirmed import"] = run_command(path, "--create-missing")[:2]
    queries = {}
    empty_registry()
    for label, action in (("preview (dry run)", job_preview), ("confirmed import", job_import)):
        job = job_create(data=path.read_bytes(), name=path.name, user=None, create_missing=True)
        with CaptureQueriesContext(connection) as captured:
            report = action(job)
        assert not report.has_set_aside, report.summary()
        queries[label] = len(captured)
    return {label: (*figures[label], queries[label]) for label in figures}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--stock-rows", type=int, default=10_000)
    args = parser.parse_args()
    database = setup_django("import")
    WORK.mkdir(parents=True, exist_ok=True)
    try:
        from django.core.management import call_command

        call_command("load_gazetteer", verbosity=0)
        russian, foreign = pick_places(20_000)
        big = WORK / "ties-100k.csv"
        write_csv(big, rows_for(russian, foreign, args.rows))
        xlsx = WORK / "ties-20k.xlsx"
        write_xlsx(xlsx, rows_for(russian, foreign, 20_000))
        ten = WORK / "ties-10k.csv"
        write_csv(ten, rows_for(russian, foreign, 10_000))
        print(
            f"files: {args.rows:,} rows naming {len(russian) + len(foreign):,} municipalities "
            f"({big.stat().st_size / 2**20:.1f} MB CSV); 20,000-row XLSX ({xlsx.stat().st_size / 2**20:.1f} MB)"
        )

        xlsx_figures = measure_xlsx(xlsx)
        base_read, base_check, _rows = xlsx_figures["openpyxl (former)"]
        print_table(
            "20,000-row XLSX: read, then checked (preview), each in a fresh process, median of 3",
            [
                "reader",
                "rows",
                "read s",
                "read+check s",
                "rows/s",
                "vs openpyxl (read)",
                "vs openpyxl (all)",
            ],
            [
                [
                    label,
                    f"{rows:,}",
                    f"{read:.2f}",
                    f"{read + check:.2f}",
                    f"{rows / (read + check):,.0f}",
                    f"{base_read / read:.1f}x",
                    f"{(base_read + base_check) / (read + check):.1f}x",
                ]
                for label, (read, check, rows) in xlsx_figures.items()
            ],
        )

        issue7 = measure_issue7(ten)
        print_table(
            "10,000-row CSV (import issue): the command in its own process, and its SQL queries",
            ["step", "seconds", "rows/s", "peak MB", "queries"],
            [
                [label, f"{s:.2f}", f"{10_000 / s:,.0f}", f"{mb:.0f}", q]
                for label, (s, mb, q) in issue7.items()
            ],
        )

        empty_registry()
        a_seconds, a_peak, a_line = run_command(big, "--create-missing")
        print("(a)", a_line)
        b_seconds, b_peak, b_line = run_command(big, "--create-missing")
        print("(b)", b_line)
        empty_registry()
        x_seconds, x_peak, x_line = run_command(xlsx, "--create-missing")
        print("(x)", x_line)

        # The stock resource gets the easiest form of the same rows: municipalities by GeoNames id.
        empty_registry()
        run_command(big, "--create-missing")  # the municipalities exist for the stock runs
        stock, stock_bulk = stock_resource_classes()
        dataset = stock_dataset(args.stock_rows)
        c_seconds = run_stock(stock, dataset)
        c2_seconds = run_stock(stock_bulk, dataset)
        d_seconds = copy_limit(rows_for(russian, foreign, args.rows))

        rate = {
            "a": args.rows / a_seconds,
            "b": args.rows / b_seconds,
            "x": 20_000 / x_seconds,
            "c": args.stock_rows / c_seconds,
            "c2": args.stock_rows / c2_seconds,
            "d": args.rows / d_seconds,
        }
        print_table(
            f"Import at scale ({args.rows:,} rows; stock runs on {args.stock_rows:,} rows, extrapolated)",
            ["run", "rows/s", "seconds for 100k", "peak MB", "vs (c)", "vs (c')", "share of (d)"],
            [
                [
                    "(a) portal, empty registry, create missing",
                    f"{rate['a']:,.0f}",
                    f"{a_seconds:.1f}",
                    f"{a_peak:.0f}",
                    f"{rate['a'] / rate['c']:.0f}x",
                    f"{rate['a'] / rate['c2']:.1f}x",
                    f"{rate['a'] / rate['d']:.1%}",
                ],
                [
                    "(b) portal, same file again (unchanged)",
                    f"{rate['b']:,.0f}",
                    f"{b_seconds:.1f}",
                    f"{b_peak:.0f}",
                    f"{rate['b'] / rate['c']:.0f}x",
                    f"{rate['b'] / rate['c2']:.1f}x",
                    f"{rate['b'] / rate['d']:.1%}",
                ],
                [
                    "(x) portal, 20,000-row XLSX",
                    f"{rate['x']:,.0f}",
                    f"{100_000 / rate['x']:.1f}",
                    f"{x_peak:.0f}",
                    f"{rate['x'] / rate['c']:.0f}x",
                    f"{rate['x'] / rate['c2']:.1f}x",
                    f"{rate['x'] / rate['d']:.1%}",
                ],
                [
                    "(c) stock ModelResource, row by row",
                    f"{rate['c']:,.0f}",
                    f"{100_000 / rate['c']:.0f}",
                    "",
                    "1x",
                    "",
                    f"{rate['c'] / rate['d']:.2%}",
                ],
                [
                    "(c') stock, use_bulk + skip_diff + force_init",
                    f"{rate['c2']:,.0f}",
                    f"{100_000 / rate['c2']:.1f}",
                    "",
                    f"{rate['c2'] / rate['c']:.0f}x",
                    "1x",
                    f"{rate['c2'] / rate['d']:.1%}",
                ],
                [
                    "(d) PostgreSQL COPY into a plain table",
                    f"{rate['d']:,.0f}",
                    f"{args.rows / rate['d']:.1f}",
                    "",
                    "",
                    "",
                    "100%",
                ],
            ],
        )
        print(
            "(c') writes no history and checks no pair or natural key: it inserts what it is given."
        )
    finally:
        drop_database(database)


if __name__ == "__main__":
    main()
