"""The CPU and SQL cost of an uncached request, in process: distinct URLs, no page cache, no HTTP.

    .venv/bin/python bench/inprocess.py --agreements 20000 --seed 2017 [--requests 300]
    .venv/bin/python bench/inprocess.py --database-url postgres://…/cooperation_bench --requests 30

Synthesizes (once) a SQLite file of N agreements, then times requests made through Django's test
client with the page cache off, each URL different from the others: country × year lists,
year-only lists, year ranges, country + word, and details of random records. Prints the mean and
median time per request for each shape, this process's CPU time per request and the time spent
in SQL (--sql N: the N costliest statements of each shape). Two runs on one machine compare two
versions of the code; the figures are no throughput (one process, one request at a time). With --database-url,
an existing database is read instead (bench/postgres.py's million agreements, say).
"""

import argparse
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(agreements: int, seed: int, directory: Path) -> Path:
    path = directory / f"inprocess-n{agreements}-s{seed}.sqlite3"
    if not path.exists():
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "DJANGO_DEBUG": "true"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [*manage, "synthesize", "--agreements", str(agreements), "--seed", str(seed)],
            env=env,
            check=True,
        )
        with sqlite3.connect(path) as connection:
            connection.execute("ANALYZE")  # planner statistics, as a deployment would have
    return path


def shapes(rng: random.Random, count: int) -> dict[str, list[str]]:
    from django.db import connection

    from cooperation.models import Activity

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.code FROM cooperation_country c JOIN cooperation_coverage v "
            "ON v.country_id = c.id GROUP BY c.code ORDER BY count(*) DESC LIMIT 60"
        )
        codes = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT min(year), max(year) FROM cooperation_activity")
        first, last = cursor.fetchone()
    years = list(range(first, last + 1))
    words = ["patent", "trademark", "examination", "cooperation", "training", "data"]
    slugs = list(Activity.objects.filter(type="agreement").values_list("slug", flat=True))
    api = "/api/v1/agreements/"
    made = {
        "country × year": lambda: f"{api}?country={rng.choice(codes)}&year={rng.choice(years)}",
        "year": lambda: f"{api}?year={rng.choice(years)}&page={rng.randint(1, 3)}",
        "year range": lambda: (lambda y: f"{api}?year_min={y}&year_max={y + rng.randint(1, 4)}")(
            rng.choice(years[:-4])
        ),
        "country + word": lambda: f"{api}?country={rng.choice(codes)}&q={rng.choice(words)}",
        "detail": lambda: f"{api}{rng.choice(slugs)}/",
    }
    result = {}
    for name, make in made.items():
        urls = {}
        for _attempt in range(count * 20):  # a shape may have fewer distinct URLs than asked
            urls.setdefault(make(), None)
            if len(urls) == count:
                break
        result[name] = list(urls)
    return result


class StatementTimer:
    """Time spent in each statement, by its SQL with the numbers taken out (one shape of query)."""

    def __init__(self):
        self.spent: dict[str, list] = {}

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            shape = re.sub(r"(%s|\?)(, (%s|\?))+", "…", " ".join(sql.split()))
            entry = self.spent.setdefault(shape, [0.0, 0])
            entry[0] += (time.perf_counter() - start) * 1000
            entry[1] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--requests", type=int, default=200, help="distinct URLs per shape")
    parser.add_argument(
        "--data-dir", default=str(Path(tempfile.gettempdir()) / "ip-cooperation-bench")
    )
    parser.add_argument("--database-url", help="Read this database instead of synthesizing one.")
    parser.add_argument("--shapes", nargs="+", help="Only these shapes (e.g. 'country + word').")
    parser.add_argument(
        "--sql",
        type=int,
        default=0,
        metavar="N",
        help="Also print each shape's N costliest statements.",
    )
    args = parser.parse_args()
    if args.database_url:
        url = args.database_url
    else:
        directory = Path(args.data_dir)
        directory.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{prepare(args.agreements, args.seed, directory)}"

    os.environ.update(
        DATABASE_URL=url, PAGE_CACHE_SECONDS="0", DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="bench-only-not-secret",  # noqa: S106 - a local benchmark process
        DJANGO_SETTINGS_MODULE="cooperation.settings", API_ANON_RATE="1000000/minute",
    )  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    timer = StatementTimer()
    described = (
        args.database_url.rsplit("/", 1)[-1]
        if args.database_url
        else (f"{args.agreements:,} synthetic agreements (seed {args.seed})")
    )
    print(f"{described}; page cache off; "
          f"{args.requests} distinct URLs per shape; ms per request")  # fmt: skip
    rng = random.Random(args.seed)  # noqa: S311 - the same URLs on every run
    for name, urls in shapes(rng, args.requests).items():
        if args.shapes and name not in args.shapes:
            continue
        name = f"{name} ({len(urls)})"
        for url in urls[:3]:  # warm the connection and the imports
            client.get(url, HTTP_HOST="127.0.0.1")
        times, codes = [], set()
        timer.spent.clear()
        cpu = time.process_time()
        with connection.execute_wrapper(timer):
            for url in urls:
                start = time.perf_counter()
                response = client.get(url, HTTP_HOST="127.0.0.1")
                times.append((time.perf_counter() - start) * 1000)
                codes.add(response.status_code)
        # This process's CPU (SQLite's work included, a server's not): steadier than the clock
        # on a busy machine.
        cpu = (time.process_time() - cpu) * 1000 / len(urls)
        sql = sum(total for total, _n in timer.spent.values()) / len(urls)
        print(f"  {name:15} mean {statistics.mean(times):6.1f}  median "
              f"{statistics.median(times):6.1f}  CPU {cpu:6.1f}  SQL {sql:6.1f}  "
              f"statuses {sorted(codes)}")  # fmt: skip
        costliest = sorted(timer.spent.items(), key=lambda item: -item[1][0])[: args.sql]
        for statement, (total, n) in costliest:
            print(f"      {total / len(urls):7.2f} ms/request  {n:5} runs  {statement[:150]}")


if __name__ == "__main__":
    main()
