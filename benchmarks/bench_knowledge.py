"""
Knowledge-base search at scale: 50,000 entries (about 2 KB of body each,
Russian, English or both) on PostgreSQL.

Measures, in one run:
- each of 20 fixed queries (Russian and English, words and phrases, common
  terms that match over 10% of the entries among them) through Django's test
  client, one after another: median and p95 of the search page, with the
  number of matches, beside the baseline page that searches the same data
  with an unindexed ``icontains`` over titles, summaries and bodies;
- both pages under load: gunicorn (2 workers) driven by wrk with 8
  connections going round the 20 queries, beside the trivial page (floor).

    python benchmarks/bench_knowledge.py [--entries 50000] [--requests 15] [--seconds 20]
                                         [--baseline-requests 3]

Target: p95 under 100 ms under load, and at least 10x faster than the baseline.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlencode

from harness import drop_database, print_table, setup_django, stopwatch, summary_ms

ENTRIES = 50_000
BODY_CHARS = 2_000
QUERIES = [
    # Russian: common terms, words in another form than written, phrases.
    "города",
    "муниципальное образование",
    "сотрудничество",
    "побратимские связи",
    "инвестиций",
    "межнациональные отношения",
    "стратегия развития территорий",
    '"малого бизнеса"',
    "молодёжный обмен",
    "Волгоград",
    # English.
    "city",
    "cooperation",
    "local self-government",
    "twinning agreements",
    "investment",
    "inter-ethnic relations",
    '"strategic planning"',
    "youth exchange",
    "Kazan",
    "heritage or tourism",
]

RU_CITIES = [
    "Волгоград", "Казань", "Самара", "Уфа", "Пермь", "Тверь", "Вологда", "Псков",
    "Калуга", "Ярославль", "Иркутск", "Томск", "Омск", "Барнаул", "Чебоксары", "Саратов",
]  # fmt: skip
EN_CITIES = [
    "Kazan", "Samara", "Tver", "Pskov", "Tampere", "Turku", "Gyumri", "Vanadzor", "Osh",
    "Brest", "Grodno", "Busan", "Daegu", "Izmir", "Bursa", "Kuopio",
]  # fmt: skip
# Sentences a quarter of the entries use: the common terms of the fixed queries.
RU_COMMON = [
    "Муниципальное образование {city} развивает сотрудничество с зарубежными городами.",
    "Администрация города {city} подготовила отчёт о работе за {year} год.",
]
EN_COMMON = [
    "The city of {city} keeps developing cooperation with partner municipalities abroad.",
    "Local self-government bodies of the city reported on their work in {year}.",
]
# Each entry is about one topic (one of the six themes) and draws most sentences from it.
RU_TOPICS = [
    [
        "Привлечение инвестиций в экономику территории остаётся главной задачей.",
        "Программа поддержки малого бизнеса охватила {n} предприятий.",
        "Внешнеэкономические связи {city} расширились за счёт новых рынков.",
        "Муниципальный бюджет пополнили налоги промышленных предприятий.",
    ],
    [
        "Молодёжный обмен между вузами собрал {n} участников из разных стран.",
        "Здравоохранение и социальная поддержка пожилых жителей стали приоритетом.",
        "Школы {city} участвуют в совместных образовательных программах.",
        "Культурные центры проводят фестивали национальных традиций.",
    ],
    [
        "Нормативно-правовая база внешнеэкономических связей муниципалитетов обновлена.",
        "Федеральный закон о местном самоуправлении определяет полномочия органов власти.",
        "Типовое соглашение о сотрудничестве согласовано с региональными властями.",
        "Совет депутатов {city} утвердил положение о международной деятельности.",
    ],
    [
        "Стратегия социально-экономического развития территорий принята до {year} года.",
        "Генеральный план {city} предусматривает новые жилые кварталы.",
        "На форуме обсуждались вопросы благоустройства и городской среды.",
        "Агломерация объединяет {n} тысяч жителей соседних поселений.",
    ],
    [
        "Гармонизация межнациональных отношений требует постоянного диалога с общинами.",
        "Межконфессиональный совет {city} обсудил подготовку к празднику.",
        "Адаптация мигрантов идёт через языковые курсы и консультации.",
        "Национально-культурные автономии проводят совместные мероприятия.",
    ],
    [
        "Побратимские связи между {city} и городами-партнёрами укрепляются год от года.",
        "Соглашение о побратимстве подписали главы муниципалитетов в {year} году.",
        "Делегация города-побратима посетила предприятия и учреждения {city}.",
        "Международная ассоциация «Породненные города» поддержала проект обмена.",
    ],
]
EN_TOPICS = [
    [
        "Attracting investment into the regional economy remains the main goal.",
        "A programme for small business supported {n} companies.",
        "External economic ties of {city} grew thanks to new markets.",
        "Taxes from industrial companies filled the municipal budget.",
    ],
    [
        "A youth exchange between universities gathered {n} participants.",
        "Health care and social support for older residents became priorities.",
        "Schools of {city} take part in joint educational programmes.",
        "Cultural centres hold festivals of national traditions.",
    ],
    [
        "The legal framework of external economic ties was updated.",
        "The federal law on local self-government defines the powers of authorities.",
        "A model cooperation agreement was agreed with the regional government.",
        "The council of {city} approved rules on international activities.",
    ],
    [
        "Strategic planning of territories sets goals until {year}.",
        "The master plan of {city} provides for new residential quarters.",
        "The forum discussed public spaces and the urban environment.",
        "The agglomeration unites {n} thousand residents of nearby settlements.",
    ],
    [
        "Inter-ethnic relations improve through dialogue with communities.",
        "The inter-faith council of {city} discussed the preparations for the festival.",
        "Migrants settle in through language courses and advice.",
        "National and cultural autonomies hold joint events; heritage sites were restored.",
    ],
    [
        "Twinning agreements between {city} and its partner towns were renewed in {year}.",
        "The delegation of the twin town visited factories and schools of {city}.",
        "The International Association of Twin Cities supported an exchange project.",
        "Tourism routes between the twin towns attract visitors.",
    ],
]


def vocabulary():
    """Filler words in both languages: the portal's own translation catalogues."""
    import re

    from babel.messages.pofile import read_po
    from harness import PROJECT_DIR

    russian, english = set(), set()
    for path in sorted(PROJECT_DIR.glob("*/locale/ru/LC_MESSAGES/django.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale="ru"):
                ids = message.id if isinstance(message.id, tuple | list) else [message.id]
                strings = (
                    message.string if isinstance(message.string, tuple | list) else [message.string]
                )
                for text in ids:
                    english.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", text or ""))
                for text in strings:
                    russian.update(w.lower() for w in re.findall(r"[а-яё]{4,}", text or "", re.I))
    return sorted(russian), sorted(english)


def body(rng, *, topic, topics, common, cities, words, chars, with_common):
    """About ``chars`` of text on ``topic``: its sentences, filler, now and then another topic's."""
    sentences = [rng.choice(common) for _ in range(rng.randint(1, 2))] if with_common else []
    length = sum(len(s) for s in sentences)
    while length < chars:
        draw = rng.random()
        if draw < 0.35:
            sentence = rng.choice(topics[topic])
        elif draw < 0.38:
            sentence = rng.choice(rng.choice(topics))
        else:
            sentence = " ".join(rng.choices(words, k=rng.randint(8, 14))).capitalize() + "."
        sentences.append(sentence)
        length += len(sentence) + 1
    rng.shuffle(sentences)
    text = " ".join(sentences)
    return text.format(
        city=rng.choice(cities), year=rng.randint(2005, 2030), n=rng.randint(10, 900)
    )


def populate(total):
    """Entries in bulk (no history, no per-row vector), then one UPDATE builds the vectors."""
    from django.utils import timezone

    from knowledge.models import Entry, Theme
    from knowledge.services import entries_search_refresh

    rng = random.Random(2017)
    russian_words, english_words = vocabulary()
    themes = list(Theme.objects.order_by("position").values_list("pk", flat=True))
    kinds = [choice for choice, _label in Entry.Kind.choices]
    now = timezone.now()
    Through = Entry.themes.through
    batch = 2_000
    for start in range(0, total, batch):
        entries, entry_themes = [], []
        for n in range(start, min(total, start + batch)):
            language = rng.choices(["ru", "en", "both"], weights=[5, 3, 2])[0]
            topic = rng.randrange(len(themes))
            with_common = rng.random() < 0.25
            fields = {}
            for code, topics, common, cities, words in (
                ("ru", RU_TOPICS, RU_COMMON, RU_CITIES, russian_words),
                ("en", EN_TOPICS, EN_COMMON, EN_CITIES, english_words),
            ):
                if language not in (code, "both"):
                    continue
                chars = BODY_CHARS if language == code else BODY_CHARS // 2
                kwargs = {"topic": topic, "topics": topics, "cities": cities, "words": words}
                fields[f"title_{code}"] = body(
                    rng, **kwargs, common=common, chars=1, with_common=False
                )[:200]
                fields[f"summary_{code}"] = body(
                    rng, **kwargs, common=common, chars=150, with_common=False
                )
                fields[f"body_{code}"] = body(
                    rng, **kwargs, common=common, chars=chars, with_common=with_common
                )
            hidden = rng.random()
            state = Entry.State.DRAFT if hidden < 0.04 else Entry.State.PUBLISHED
            entries.append(
                Entry(
                    slug=f"bench-{n}",
                    kind=rng.choice(kinds),
                    state=state,
                    visibility=Entry.Visibility.STAFF if 0.04 <= hidden < 0.08 else "public",
                    published_on=datetime.date(2010, 1, 1) + datetime.timedelta(days=n % 5000),
                    first_published_at=now if state == Entry.State.PUBLISHED else None,
                    countries=rng.sample(["FI", "AM", "BY", "KG", "TR", "KR", "RU"], 2),
                    **fields,
                )
            )
            entry_themes.append(
                {themes[topic]} | ({rng.choice(themes)} if rng.random() < 0.3 else set())
            )
        created = Entry.objects.bulk_create(entries)
        Through.objects.bulk_create(
            Through(entry_id=entry.pk, theme_id=theme)
            for entry, chosen in zip(created, entry_themes, strict=True)
            for theme in chosen
        )
    with stopwatch() as indexing:
        entries_search_refresh()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE knowledge_entry")
        cursor.execute("VACUUM ANALYZE knowledge_entry_themes")
        # Written pages go to disk now, not in the middle of a measurement.
        cursor.execute("CHECKPOINT")
    return indexing["seconds"]


def search_url(query, baseline=False):
    from django.urls import reverse

    path = "/bench/knowledge-icontains/" if baseline else reverse("knowledge:search")
    return f"{path}?{urlencode({'q': query})}"


def matches(query):
    """How many public entries each way finds (all of them, not just the ranked window)."""
    from django.db.models import Q

    from knowledge.search import full_text_query
    from knowledge.selectors import entries_visible_to

    visible = entries_visible_to(None)
    contains = Q()
    for field in ("title", "summary", "body"):
        for language in ("ru", "en"):
            contains |= Q(**{f"{field}_{language}__icontains": query.replace('"', "")})
    return (
        visible.filter(search_vector=full_text_query(query)).count(),
        visible.filter(contains).count(),
    )


def measure_queries(requests, baseline_requests):
    from django.test import Client

    client = Client()
    rows = []
    for query in QUERIES:
        figures = {}
        for label, baseline in (("portal", False), ("baseline", True)):
            url = search_url(query, baseline)
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            samples = []
            for _ in range(baseline_requests if baseline else requests):
                with stopwatch() as timer:
                    client.get(url)
                samples.append(timer["seconds"])
            figures[label] = summary_ms(samples)
        rows.append((query, matches(query), figures))
    return rows


def _cpu_seconds(pid):
    """User + system CPU seconds of one process on this machine, from /proc (None if gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter(threading.Thread):
    """
    Samples, five times a second, the CPU time of gunicorn's processes and of
    the PostgreSQL backends serving the benchmark's database (parallel workers
    of the baseline's scans come and go, so they are looked up on every sample;
    autovacuum is not counted).
    """

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server = server
        self.first, self.last = {}, {}
        self.done = threading.Event()

    def _pids(self, cursor):
        root = self.server.process.pid
        children = Path(f"/proc/{root}/task/{root}/children").read_text().split()
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() "
            "AND backend_type IN ('client backend', 'parallel worker')"
        )
        database = [row[0] for row in cursor.fetchall()]
        return [("web", root), *(("web", int(pid)) for pid in children)], [
            ("database", pid) for pid in database
        ]

    def sample(self, cursor):
        web, database = self._pids(cursor)
        for key in (*web, *database):
            seconds = _cpu_seconds(key[1])
            if seconds is not None:
                self.first.setdefault(key, seconds)
                self.last[key] = seconds

    def run(self):
        import psycopg
        from django.db import connection

        settings = connection.settings_dict
        with (
            psycopg.connect(
                dbname=settings["NAME"],
                user=settings["USER"],
                password=settings["PASSWORD"] or None,
                host=settings["HOST"] or "127.0.0.1",
                port=settings["PORT"] or 5432,
                autocommit=True,
            ) as conn,
            conn.cursor() as cursor,
        ):
            self.sample(cursor)
            self.ready.set()
            while not self.done.wait(0.2):
                self.sample(cursor)
            self.sample(cursor)

    def measure(self, run):
        self.ready = threading.Event()
        self.start()
        self.ready.wait(10)
        result = run()
        self.done.set()
        self.join()
        requests = result["rps"] * result["seconds"]
        for kind in ("web", "database"):
            spent = sum(self.last[k] - self.first[k] for k in self.last if k[0] == kind)
            result[f"{kind}_cpu_ms"] = 1000 * spent / requests
        return result


def with_cpu(server, run):
    """Run a load; add the CPU it cost per request in gunicorn and in PostgreSQL."""
    return CpuMeter(server).measure(run)


def wrk_round(base_url, paths, *, seconds, connections=8):
    """wrk with ``connections`` going round ``paths``; the figures of load.wrk_run."""
    from load import HERE, shutil

    if not shutil.which("wrk"):
        raise RuntimeError("wrk is missing: apt-get install wrk")
    script = (
        f"paths = {{{', '.join(json.dumps(p) for p in paths)}}}\n"
        "counter = 0\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        "  return wrk.format(nil, paths[(counter % #paths) + 1])\n"
        "end\n"
        f"dofile({json.dumps(str(HERE / 'wrk_report.lua'))})\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(handle.name).unlink()
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    figures = json.loads(line.removeprefix("WRKJSON "))
    return {
        "rps": figures["requests"] / (figures["duration_us"] / 1_000_000),
        "median_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "errors": figures["socket_errors"] + figures["non_2xx_3xx"],
        "seconds": figures["duration_us"] / 1_000_000,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=ENTRIES)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--baseline-requests", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args()

    # The in-process client needs the baseline page too (benchmarks/bench_urls.py).
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.bench_settings"
    database = setup_django("knowledge")
    try:
        from django.db import connection
        from load import LOAD_HEADERS, PortalServer, load_table_rows, wrk_run

        from knowledge.models import Entry

        with stopwatch() as filling:
            indexing = populate(args.entries)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('knowledge_entry'))")
            size = cursor.fetchone()[0]
            cursor.execute("SELECT pg_size_pretty(pg_relation_size('entry_search_vector'))")
            index_size = cursor.fetchone()[0]
        public = Entry.objects.filter(state="published", visibility="public").count()
        print(
            f"data: {Entry.objects.count()} entries ({public} public), table {size}, "
            f"GIN index {index_size}; filled in {filling['seconds']:.0f} s, "
            f"vectors built in {indexing:.0f} s"
        )

        rows = measure_queries(args.requests, args.baseline_requests)
        table = []
        for query, (count, base_count), figures in rows:
            median, p95 = figures["portal"]
            base_median, _base_p95 = figures["baseline"]
            table.append(
                [
                    query,
                    f"{count} ({100 * count / public:.0f}%)",
                    f"{median:.1f}",
                    f"{p95:.1f}",
                    base_count,
                    f"{base_median:.0f}",
                    f"{base_median / median:.0f}x",
                ]
            )
        print_table(
            f"Search page, one request at a time (Django test client, {args.requests} each; "
            f"baseline {args.baseline_requests} each)",
            [
                "query",
                "matches",
                "median ms",
                "p95 ms",
                "baseline matches",
                "baseline median ms",
                "baseline / portal",
            ],
            table,
        )

        portal_paths = [search_url(query) for query in QUERIES]
        baseline_paths = [search_url(query, baseline=True) for query in QUERIES]
        with PortalServer() as server:
            # Warm both pages' workers and caches before measuring.
            wrk_round(server.base_url, portal_paths, seconds=3)
            wrk_round(server.base_url, baseline_paths[:2], seconds=3)
            results = {
                "trivial page (floor)": with_cpu(
                    server,
                    lambda: {
                        **wrk_run(server.base_url + "/bench/trivial/", seconds=args.seconds),
                        "seconds": args.seconds,
                    },
                ),
                "search, 20 queries (portal)": with_cpu(
                    server,
                    lambda: wrk_round(server.base_url, portal_paths, seconds=args.seconds),
                ),
                "icontains, 20 queries (baseline)": with_cpu(
                    server,
                    lambda: wrk_round(server.base_url, baseline_paths, seconds=args.seconds),
                ),
            }
        rows = load_table_rows(results, "trivial page (floor)")
        for row, result in zip(rows, results.values(), strict=True):
            row += [f"{result['web_cpu_ms']:.1f}", f"{result['database_cpu_ms']:.1f}"]
        print_table(
            f"Under load: gunicorn 2 workers, wrk 8 connections, {args.seconds} s each, "
            "anonymous visitor; CPU per request in gunicorn and in PostgreSQL",
            [*LOAD_HEADERS, "web CPU ms", "database CPU ms"],
            rows,
        )
        ours = results["search, 20 queries (portal)"]
        theirs = results["icontains, 20 queries (baseline)"]
        print(
            f"\nportal p95 {ours['p95_ms']:.1f} ms (target < 100 ms); baseline p95 / portal p95 "
            f"{theirs['p95_ms'] / ours['p95_ms']:.1f}x, median "
            f"{theirs['median_ms'] / ours['median_ms']:.1f}x (target >= 10x); "
            f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
    finally:
        drop_database(database)


if __name__ == "__main__":
    main()
