"""
Importing real-shaped twinning files: how many rows are placed by rule, how many
correctly, how fast and in how much memory.

A generator writes a file of ties the way real lists are written, knowing the
true place behind every name: Russian cities of the registry (seeded from the
register of Russian cities) in Russian, in English or in another romanisation,
with or without their federal subject; foreign places of GeoNames, weighted by
population, under their main or an alternate Latin name; countries in English,
Russian, other languages, ISO codes, "Region, Country" forms and one in two
hundred with a typo; homonyms; districts with their federal subject; parts of federal cities
("X (Moscow)"); towns of disputed areas under the other country; pairs of two
Russian or two foreign municipalities. The file is then previewed (the job's
dry run, every rule applied) in a process of its own, and each placed row is
compared with the truth.

Also measured: the Wikipedia-derived list of ties of Russian cities that the
project was given (tests/data/imports/), placed after the registry seed.

    python benchmarks/bench_real_import.py [--rows 26000] [--seed 14]
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter

from harness import PROJECT_DIR, drop_database, print_table, setup_django

WORK = PROJECT_DIR / "var" / "bench-real-import"
WIKIPEDIA = PROJECT_DIR / "tests" / "data" / "imports" / "twin_cities_russia_wikipedia.csv"
HEADERS = ["city1", "region1", "country1", "city2", "region2", "country2", "year"]
MAPPING = {
    "city1": "municipality",
    "region1": "region",
    "country1": "country",
    "city2": "partner",
    "region2": "partner_region",
    "country2": "partner_country",
    "year": "signed_on",
}
OUTSIDE_SHARES = {"disputed", "domestic_pair", "foreign_pair"}


# --- the generator -------------------------------------------------------------------
class World:
    """What the generator draws from: the registry's Russian cities and GeoNames' foreign places."""

    def __init__(self, rng):
        from babel import Locale
        from django.utils import translation
        from django_countries import countries

        from gazetteer.models import GazetteerPlace
        from gazetteer.regions import region_name
        from partnerships.models import Municipality

        self.rng = rng
        self.region_name = region_name
        self.russian = list(
            Municipality.objects.filter(country="RU", geonames_id__isnull=False)
            .select_related("federal_subject")
            .order_by("pk")
        )
        # Cities appear in lists of ties about as often as they are large.
        self.russian_weights = [m.population or 10_000 for m in self.russian]
        places = list(
            GazetteerPlace.objects.filter(population__gte=10_000)
            .exclude(country_code__in=["RU", "UA"])
            .only(
                "geonames_id",
                "name",
                "country_code",
                "admin1_code",
                "population",
                "alternate_names",
            )
            .order_by("geonames_id")
        )
        valid = {code for code, _name in countries}
        self.foreign = [p for p in places if p.country_code in valid]
        # Partner countries as often as they appear in a real list of ties of Russian cities;
        # within a country, places as often as they are large.
        share = _country_shares(valid)
        totals = Counter()
        for place in self.foreign:
            totals[place.country_code] += place.population
        self.weights = [
            share.get(p.country_code, 0.2) * p.population / totals[p.country_code]
            for p in self.foreign
        ]
        self.parts = list(
            GazetteerPlace.objects.filter(country_code="RU", admin1_code__in=["48", "66"])
            .exclude(population__gte=1_000_000)
            .only("geonames_id", "name", "admin1_code", "population")
        )
        self.crimea = list(
            GazetteerPlace.objects.filter(country_code="UA", admin1_code__in=["11", "20"])
            .only("geonames_id", "name")
            .order_by("geonames_id")
        )
        self.country_en, self.country_ru = {}, {}
        for language, target in (("en", self.country_en), ("ru", self.country_ru)):
            with translation.override(language):
                for code, name in countries:
                    target[code] = str(name)
        self.country_local = {}
        for code in valid:
            try:
                self.country_local[code] = Locale.parse("de").territories.get(code)
            except ValueError:
                continue

    def russian_side(self):
        """(name, region, country, truth) for a Russian municipality of the registry."""
        rng = self.rng
        city = rng.choices(self.russian, weights=self.russian_weights)[0]
        written = rng.random()
        if written < 0.45:
            name = city.name_ru
        elif written < 0.85:
            name = city.name_en
        else:
            from mechanisms.placenames import transliterate

            name = transliterate(city.name_ru)
        subject = city.federal_subject
        region = ""
        if rng.random() < 0.4:
            region = subject.short_name_ru if rng.random() < 0.6 else subject.name_en
        country = rng.choice(
            ["Россия", "Russia", "RU", "Российская Федерация", "Российская Федерация", ""]
        )
        return name, region, country, ("registry", city.pk)

    def foreign_side(self):
        """(name, region, country, truth) for a foreign place of GeoNames."""
        rng = self.rng
        place = rng.choices(self.foreign, weights=self.weights)[0]
        name = place.name
        # Other spellings of the same name ("Baranovichi", "Baranavichy"), as other files write it.
        variants = [
            n
            for n in place.alternate_names.split("|")
            if n and n.isascii() and n != name and _close(n, name)
        ]
        if variants and rng.random() < 0.15:
            name = rng.choice(variants)
        region = ""
        country = self.country_en[place.country_code]
        form = rng.random()
        if form < 0.3:
            country = self.country_ru[place.country_code]
        elif form < 0.4:
            country = self.country_local.get(place.country_code) or country
        elif form < 0.5:
            region_name = self.region_name(place.country_code, place.admin1_code)
            if region_name and region_name != place.admin1_code:
                country = f"{region_name}, {country}"
        elif form < 0.55:
            country = place.country_code
        elif form < 0.555:
            country = _typo(rng, country)
        if rng.random() < 0.1:
            region = self.region_name(place.country_code, place.admin1_code)
        return name, region, country, ("place", place.geonames_id)

    def district_side(self):
        city = self.rng.choices(self.russian, weights=self.russian_weights)[0]
        subject = city.federal_subject
        name = f"{city.name_en.split()[0]}sky District"
        return name, subject.name_en, "Russia", ("district", subject.pk)

    def part_side(self):
        place = self.rng.choice(self.parts)
        parent = "Moscow" if place.admin1_code == "48" else "Saint Petersburg"
        return f"{place.name} ({parent})", "", "Russia", ("place", place.geonames_id)

    def disputed_side(self):
        place = self.rng.choice(self.crimea)
        return place.name, "", "Ukraine", ("disputed", place.geonames_id)


def _country_shares(valid):
    """How many ties each country has in the Wikipedia-derived list (the real mix of partners)."""
    from gazetteer.countries import read_country

    counts = Counter()
    with open(WIKIPEDIA, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for key in ("country1", "country2"):
                code = read_country(row[key]).code
                if code in valid and code != "RU":
                    counts[code] += 1
    return counts


def _close(one, other):
    import difflib

    return difflib.SequenceMatcher(None, one.lower(), other.lower()).ratio() >= 0.75


def _typo(rng, word):
    if len(word) < 6:
        return word
    position = rng.randrange(1, len(word) - 1)
    return word[:position] + word[position + 1 :]


def generate(path, rows, seed):
    """Write the file; return the truth of each row (a pair of truths, or a kind of row)."""
    rng = random.Random(seed)
    world = World(rng)
    truths = []
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for _index in range(rows):
            kind = rng.random()
            if kind < 0.04:
                first, second = world.district_side(), world.foreign_side()
            elif kind < 0.07:
                first, second = world.part_side(), world.foreign_side()
            elif kind < 0.08:
                first, second = world.disputed_side(), world.foreign_side()
            elif kind < 0.09:
                first, second = world.russian_side(), world.russian_side()
            elif kind < 0.19:
                first, second = world.foreign_side(), world.foreign_side()
            else:
                first, second = world.russian_side(), world.foreign_side()
            if rng.random() < 0.5 and first[2] and second[2]:
                # Either side may come first; a side without its country stays first, where
                # the file's own municipalities are.
                first, second = second, first
            # A tie has one signing year, however many times a file repeats it.
            truth = sorted(map(str, (first[3], second[3])))
            year = random.Random("|".join(truth)).choice([""] * 3 + list(range(1950, 2025)))
            writer.writerow([*first[:3], *second[:3], year])
            truths.append((first[3], second[3]))
    return truths


# --- running and judging ---------------------------------------------------------------
PREVIEW = """
import json, sys, time
import django
django.setup()
from benchmarks.harness import peak_memory_mb
from gazetteer.countries import country_table
from partnerships.importing.engine import PartnershipImport
from partnerships.importing.placing import NewMunicipality
from partnerships.importing.reading import read_table

path, mapping, foreign_pairs = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3] == "1"
start = time.perf_counter()
country_table()
table = read_table(open(path, "rb").read())
ready = time.perf_counter()
assignment = {table.headers.index(h): k for h, k in mapping.items() if h in table.headers}
engine = PartnershipImport(table, assignment, create_missing=True, strict=False,
                           foreign_pairs=foreign_pairs)
report = engine.run(dry_run=True)
seconds = time.perf_counter() - ready

def identity(target):
    if isinstance(target, NewMunicipality):
        place = target.place
        if place is not None:
            return ["place", place.geonames_id, place.country_code]
        subject = target.subject.pk if target.subject else None
        return ["new", target.kind, subject, target.country]
    from partnerships.models import Municipality
    return ["registry", target]

rows = []
for row, sides in zip(report.rows, engine.parsed_sides, strict=True):
    placed = []
    if not row.is_set_aside and None not in sides:
        placed = [identity(engine.placer.place(side).target) for side in sides]
    rows.append([row.outcome, row.reason, placed])
print(json.dumps({"seconds": seconds, "startup": ready - start, "peak_mb": peak_memory_mb(),
                  "rows": rows}))
"""


def preview(path, mapping, *, foreign_pairs):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PREVIEW,
            str(path),
            json.dumps(mapping),
            "1" if foreign_pairs else "0",
        ],
        cwd=PROJECT_DIR,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:])
        raise SystemExit("the preview failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def judge(result, truths, lines=None, show=0):
    """Shares of placed, set aside and correct rows, and places filed under another country."""
    from gazetteer.models import GazetteerPlace
    from partnerships.models import Municipality

    registry = dict(Municipality.objects.values_list("pk", "geonames_id"))
    subjects = dict(Municipality.objects.values_list("pk", "federal_subject_id"))
    countries = dict(GazetteerPlace.objects.values_list("geonames_id", "country_code"))
    counts = Counter()
    for (outcome, reason, placed), truth in zip(result["rows"], truths, strict=True):
        counts["seen"] += 1
        if outcome == "set_aside" and reason in OUTSIDE_SHARES:
            counts["outside"] += 1
            counts[f"outside:{reason}"] += 1
            continue
        counts["rows"] += 1
        if outcome == "set_aside":
            counts["set aside"] += 1
            counts[f"aside:{reason}"] += 1
            continue
        counts["placed"] += 1
        right = all(
            _matches(side, expected, registry, subjects)
            for side, expected in zip(placed, truth, strict=True)
        )
        counts["correct" if right else "wrong"] += 1
        if not right and show and counts["wrong"] <= show:
            print("WRONG", lines[counts["seen"]] if lines else "", placed, truth)
        for side, expected in zip(placed, truth, strict=True):
            expected_country = countries.get(expected[1]) if expected[0] == "place" else "RU"
            if side[0] == "place" and expected_country and side[2] != expected_country:
                counts["other country"] += 1
    return counts


def _matches(side, expected, registry, subjects):
    kind = expected[0]
    if kind == "registry":
        return side[0] == "registry" and side[1] == expected[1]
    if kind == "district":
        return side[0] == "new" and side[2] == expected[1]
    if kind == "place":
        if side[0] == "place":
            return side[1] == expected[1]
        if side[0] == "registry":
            return registry.get(side[1]) == expected[1]
        return False
    return False


def wikipedia_share(result):
    counts = Counter(
        "outside" if outcome == "set_aside" and reason in OUTSIDE_SHARES else outcome
        for outcome, reason, _placed in result["rows"]
    )
    in_share = len(result["rows"]) - counts["outside"]
    placed = counts["new"] + counts["updated"] + counts["unchanged"] + counts["merged"]
    return counts, in_share, placed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=26_000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    database = setup_django("real_import")
    WORK.mkdir(parents=True, exist_ok=True)
    try:
        from django.core.management import call_command

        from partnerships.services.seeding import russian_cities_seed

        call_command("load_gazetteer", verbosity=0)
        started = time.perf_counter()
        seed = russian_cities_seed()
        seed_seconds = time.perf_counter() - started
        path = WORK / f"real-shaped-{args.rows}.csv"
        truths = generate(path, args.rows, args.seed)
        result = preview(path, MAPPING, foreign_pairs=True)
        counts = judge(result, truths)
        rows = counts["rows"]
        print_table(
            f"Real-shaped file of {args.rows:,} rows (seed {args.seed}), previewed after the "
            f"registry seed ({seed.counts['new']:,} cities in {seed_seconds:.1f} s)",
            ["measure", "value", "target"],
            [
                ["rows in the shares", f"{rows:,}", ""],
                ["placed by rule (written or merged)", f"{counts['placed'] / rows:.1%}", ">= 95 %"],
                ["set aside for staff", f"{counts['set aside'] / rows:.1%}", ""],
                [
                    "placed rows correct",
                    f"{counts['correct'] / max(counts['placed'], 1):.2%}",
                    ">= 99 %",
                ],
                ["placed rows wrong", f"{counts['wrong']:,}", ""],
                ["places in another country than the row's", f"{counts['other country']:,}", "0"],
                [
                    "outside the shares (disputed, domestic, foreign pairs)",
                    f"{counts['outside']:,}",
                    "",
                ],
                [
                    "preview, rows/s after start-up",
                    f"{args.rows / result['seconds']:,.0f}",
                    ">= 10,000",
                ],
                [
                    "preview seconds (start-up)",
                    f"{result['seconds']:.2f} ({result['startup']:.2f})",
                    "",
                ],
                ["peak memory of the process, MB", f"{result['peak_mb']:.0f}", "< 400"],
            ],
        )
        reasons = sorted(
            (k.split(":", 1)[1], v) for k, v in counts.items() if k.startswith("aside:")
        )
        outside = sorted(
            (k.split(":", 1)[1], v) for k, v in counts.items() if k.startswith("outside:")
        )
        print_table(
            "Why rows were set aside",
            ["reason", "rows"],
            [[reason, f"{n:,}"] for reason, n in reasons + outside],
        )

        wiki = preview(
            WIKIPEDIA,
            {
                "city1": "municipality",
                "country1": "country",
                "city2": "partner",
                "country2": "partner_country",
            },
            foreign_pairs=False,
        )
        _outcomes, in_share, placed = wikipedia_share(wiki)
        reasons = Counter(reason for outcome, reason, _p in wiki["rows"] if outcome == "set_aside")
        print_table(
            "The given Wikipedia-derived list (1,209 rows), after the registry seed",
            ["measure", "value", "target"],
            [
                ["rows in the share (not disputed or domestic)", f"{in_share:,}", ""],
                ["placed with no hand edits", f"{placed / in_share:.1%} ({placed:,})", ">= 97 %"],
                *[[f"set aside: {reason}", n, ""] for reason, n in reasons.most_common()],
                ["preview seconds", f"{wiki['seconds']:.2f}", ""],
            ],
        )
    finally:
        drop_database(database)


if __name__ == "__main__":
    main()
