"""The app at scale on PostgreSQL: one list URL and one detail URL, with and without the cache.

    .venv/bin/python bench/postgres.py --agreements 1000000 [--duration 20] [--write-readme]

Fills a database of its own (default `cooperation_bench` on the local server; made once and
reused while the number of agreements is the same) with `manage.py synthesize`, then serves the
app under gunicorn with production settings and loads the filtered list (the busiest
country-year, as bench/run.py picks it) and a detail record. Prints requests/s and p50/p99.
Each measurement repeats one URL: the cached app's figures are cache hits (see bench/run.py for
the mixed workloads). Loopback only; each run lasts --duration seconds plus a bounded grace.
"""

import argparse
import concurrent.futures
import multiprocessing
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import psycopg

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run  # noqa: E402

START, END = "<!-- bench-postgres:start -->", "<!-- bench-postgres:end -->"


def prepare(url: str, agreements: int, seed: int) -> None:
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url}
    manage = [run.PYTHON, str(run.ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=run.ROOT, check=True)  # noqa: S603
    with psycopg.connect(url) as conn:
        have = conn.execute("SELECT count(*) FROM agreements_agreement").fetchone()[0]
    if have != agreements:
        print(f"Synthesizing {agreements} agreements into {name} …", flush=True)
        started = time.perf_counter()
        command = [*manage, "synthesize", "--agreements", str(agreements), "--seed", str(seed)]
        subprocess.run(command, env=env, cwd=run.ROOT, check=True)  # noqa: S603
        print(f"… in {time.perf_counter() - started:.0f} s", flush=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def parameters(url: str) -> dict:
    with psycopg.connect(url) as conn:
        country, year = conn.execute(
            """SELECT c.code, cv.year FROM cooperation_coverage cv
               JOIN cooperation_country c ON c.id = cv.country_id
               WHERE cv.type = 'agreement' GROUP BY c.code, cv.year
               ORDER BY count(*) DESC LIMIT 1"""
        ).fetchone()
        slug = conn.execute(
            "SELECT slug FROM cooperation_activity WHERE type = 'agreement' "
            "ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM agreements_agreement)"
        ).fetchone()[0]
    return {"country": country, "year": year, "slug": slug}


def measure(args) -> tuple[list, dict]:
    params = parameters(args.database_url)
    paths = {
        "list, page 1": f"/api/v1/agreements/?country={params['country']}&year={params['year']}",
        "detail": f"/api/v1/agreements/{params['slug']}/",
    }
    run.collect_static()
    base_env = {
        **run.clean_env(),
        "DATABASE_URL": args.database_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_PRODUCTION": "true",
        "API_ANON_RATE": "100000000/minute",
    }
    if args.cache_url:
        base_env["CACHE_URL"] = args.cache_url
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    results = []
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        for name, seconds in (("app", "300"), ("app, no cache", "0")):
            port = run.free_port()
            command = run.gunicorn_command()  # the project's gunicorn.conf.py
            env = {
                **base_env,
                **run.gunicorn_env(port, args.workers, args.threads),
                "PAGE_CACHE_SECONDS": seconds,
            }
            server = run.Server(name, port, command, env, logs / f"{seconds}.log")
            try:
                server.wait_ready()
                for label, path in paths.items():
                    url = server.base + path
                    run.warm_up(url, 120)
                    outcome = pool.submit(
                        run.load, [("127.0.0.1", port)], [path], args.clients, args.duration
                    ).result()
                    server.wait_idle()
                    results.append((name, label, outcome))
                    print(f"  {name:14} {label:13} {outcome['rps']:8.1f} req/s  "
                          f"p50 {outcome['p50'] or 0:7.1f} ms  p99 {outcome['p99'] or 0:7.1f} ms  "
                          f"{outcome['statuses']}", flush=True)  # fmt: skip
            finally:
                server.stop()
    return results, params


def report(results, params, args) -> str:
    lines = [
        f"{args.agreements:,} synthetic agreements on PostgreSQL; filter "
        f"`country={params['country']}&year={params['year']}`; {args.clients} clients, "
        f"{args.duration:g} s per run; gunicorn.conf.py with {args.workers} workers"
        f"{f' × {args.threads} threads' if args.threads else ''}. Single URL per measurement: "
        "the cached app's figures are cache hits.",
        f"Machine: {run.machine()}.",
        "",
        "| single URL — cache hits | server | requests/s | p50 ms | p99 ms | non-200 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, label, o in results:
        bad = sum(v for k, v in o["statuses"].items() if k != "200")
        lines.append(
            f"| {label} | {name} | {o['rps']:,.0f} | {o['p50'] or 0:,.1f} | {o['p99'] or 0:,.1f} | {bad} |"
        )
    return "\n".join(lines) + "\n"


def write_readme(text: str) -> None:
    readme = run.ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    block = f"{START}\n{text}{END}"
    pattern = re.escape(START) + ".*?" + re.escape(END)
    content = re.sub(pattern, lambda _: block, content, flags=re.S)
    readme.write_text(content, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/cooperation_bench"
    )
    parser.add_argument("--cache-url", default="")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--workers", type=int, default=run.shipped_workers())
    parser.add_argument("--threads", type=int, help="GUNICORN_THREADS (default: as shipped, 1).")
    parser.add_argument(
        "--logs",
        default=str(Path(run.tempfile.gettempdir()) / "ip-cooperation-bench" / "postgres-logs"),
    )
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    prepare(args.database_url, args.agreements, args.seed)
    results, params = measure(args)
    text = report(results, params, args)
    print(text)
    if args.write_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
