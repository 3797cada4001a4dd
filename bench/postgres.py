"""The app at scale on PostgreSQL, under the mixed workloads of bench/run.py.

    .venv/bin/python bench/postgres.py --agreements 1000000 [--duration 10] [--write-readme]

Fills a database of its own (default `cooperation_bench` on the local server; made once and
reused while the number of agreements is the same) with `manage.py synthesize`, then serves the
app under gunicorn with production settings, as shipped (its page cache in a private Redis) and
with the page cache off, and replays the list and detail mixes (bench/workload.py: thousands of
distinct URLs drawn from the database's own distribution). Before loading, a sample of the
requests is checked against the generator's totals. Prints requests/s and p50/p99 per mix.
Loopback only; each run lasts --duration seconds plus a bounded grace.
"""

import argparse
import os
import re
import signal
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


def measure(args) -> dict:
    """The mixed workloads of bench/run.py against the app as shipped (its cache in a private
    Redis) and the app with its page cache off, both serving the PostgreSQL database."""
    run.collect_static()
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    names = ("app", "app-uncached")
    with run.serving(None, names, args, logs, args.database_url) as (contestants, cache_note):
        results = run.run_mixed(args, None, contestants)
    results["cache_note"] = cache_note
    return results


def server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return "PostgreSQL " + conn.execute("SHOW server_version").fetchone()[0].split()[0]


def report(results: dict, args) -> str:
    clients = " and ".join(str(c) for c in args.clients)
    workload_lines = "\n".join(f"- {line}" for line in results["workload"].splitlines())
    lines = [
        f"{args.agreements:,} synthetic agreements (seed {args.seed}) on PostgreSQL. Median of "
        f"{args.rounds} round{'s' if args.rounds > 1 else ''} of {args.duration:g} s, {clients} "
        f"clients; gunicorn with the project's gunicorn.conf.py, {args.workers} workers; the "
        f"app's cache: {results['cache_note']}, emptied before each run. Mixed workloads "
        f"(bench/workload.py, seed {args.workload_seed}):",
        workload_lines,
        "",
        results["check"],
        "",
        f"Machine: {run.machine().rsplit(', SQLite', 1)[0]}, {server_version(args.database_url)}.",
        "",
        "| workload | clients | server | requests/s | p50 ms | p99 ms | page-cache hits | non-200 |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for mix in args.mixes:
        for clients in args.clients:
            for name in ("app", "app-uncached"):
                outcomes = results["load"].get(f"{mix}/{clients}/{name}")
                if not outcomes:
                    continue
                rps, p50, p99 = (run.median_of(outcomes, f) for f in ("rps", "p50", "p99"))
                bad = sum(v for o in outcomes for k, v in o["statuses"].items() if k != "200")
                hits = run.hit_ratio(outcomes) or "–"
                lines.append(
                    f"| {run.MIX_LABELS[mix]} | {clients} | {run.NAMES[name]} | {rps:,.0f} "
                    f"| {p50 or 0:,.0f} | {p99 or 0:,.0f} | {hits} | {bad} |"
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
    parser.add_argument("--cache-url", default="", help="As bench/run.py's --cache-url.")
    parser.add_argument("--clients", type=int, nargs="+", default=[16])
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--mixes", nargs="+", default=["list", "detail"], choices=run.MIX_LABELS)
    parser.add_argument("--requests", type=int, default=20_000, help="Requests in each mix.")
    parser.add_argument(
        "--leave-out", nargs="+", default=[], choices=run.workload.SHAPES, metavar="SHAPE",
        help="Drop these shapes from the mixes (to see what the others cost on their own).",
    )  # fmt: skip
    parser.add_argument("--workload-seed", type=int, default=1)
    parser.add_argument("--check-sample", type=int, default=20)
    parser.add_argument("--workers", type=int, default=run.shipped_workers())
    parser.add_argument("--threads", type=int, help="GUNICORN_THREADS (default: as shipped, 1).")
    parser.add_argument(
        "--logs",
        default=str(Path(run.tempfile.gettempdir()) / "ip-cooperation-bench" / "postgres-logs"),
    )
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    prepare(args.database_url, args.agreements, args.seed)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the servers stop in measure()
    results = measure(args)
    text = report(results, args)
    print(text)
    if args.write_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
