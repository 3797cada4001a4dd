"""Benchmark: the app under gunicorn against Datasette and a minimal WSGI floor, on one SQLite file.

    .venv/bin/python bench/run.py --agreements 200000 --duration 10 [--write-readme]

Loopback only; every load run stops after --duration seconds (plus a bounded grace for requests
in flight). See bench/README.md for what is measured and how.
"""

import argparse
import asyncio
import concurrent.futures
import json
import multiprocessing
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import queries  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent
CONTESTANTS = ("app", "app-uncached", "datasette", "floor")
GRACE = 15.0  # seconds a request still in flight at the end of a run may take
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"

# What each contestant serves for each measurement. {placeholders} come from the data (see
# pick_parameters); a missing endpoint answers 404 and is reported as n/a. Override any of these
# with --endpoints FILE.json, e.g. {"app": {"facets": "/api/v1/facets/?country={country}"}}.
ENDPOINTS = {
    "app": {
        "list": "/api/v1/agreements/?country={country}&year={year}",
        "deep": "/api/v1/agreements/?country={country}&year={year}&page={deep_page}",
        # Followed through `next` links to the deep page; n/a if they are not cursor links.
        "cursor": "/api/v1/agreements/?country={country}&year={year}&cursor=",
        "detail": "/api/v1/agreements/{slug}/",
        "facets": "/api/v1/activities/facets/?country={country}",
        "html": "/agreements/?country={country}&year={year}",
        "search": "/api/v1/agreements/?q={word}",
        "csv": "/api/v1/agreements/?country={country}&year_min={year_min}&format=csv",
    },
    "datasette": {
        "list": "/cooperation/agreements_page.json?country={country}&year={year}&offset=0{ds_json}",
        "deep": "/cooperation/agreements_page.json?country={country}&year={year}&offset={deep_offset}{ds_json}",
        "cursor": "/cooperation/agreements_after.json?country={country}&year={year}&{ds_after}{ds_json}",
        "detail": "/cooperation/agreement.json?slug={slug}{ds_json}",
        "facets": "/cooperation/facets.json?country={country}&_shape=objects",
        "html": "/cooperation/agreements_page?country={country}&year={year}&offset=0",
        "search": "/cooperation/agreements_search.json?q={word}&offset=0{ds_json}",
        "csv": "/cooperation/agreements_export.csv?country={country}&year_min={year_min}&_stream=on",
    },
    "floor": {
        "list": "/api/v1/agreements/?country={country}&year={year}",
        "deep": "/api/v1/agreements/?country={country}&year={year}&page={deep_page}",
        "cursor": "/api/v1/agreements/?country={country}&year={year}&cursor={cursor}",
        "detail": "/api/v1/agreements/{slug}/",
        "facets": "/api/v1/facets/?country={country}",
        "html": "/agreements/?country={country}&year={year}",
        "search": "/api/v1/agreements/?q={word}",
        "csv": "/api/v1/agreements/?country={country}&year_min={year_min}&format=csv",
    },
}
LABELS = {
    "list": "list: country + year, page 1",
    "deep": "list: page {deep_page} (OFFSET)",
    "cursor": "list: page {deep_page} by cursor",
    "detail": "detail record",
    "facets": "facets: per year and kind",
    "html": "catalogue HTML page",
    "search": "text search ?q={word}",
}
LOADED = ["list", "deep", "cursor", "detail", "facets", "html", "search"]


# --- the load generator (runs in its own process) --------------------------------------------
async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool, int]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip().lower()
    close = headers.get("connection") == "close" or lines[0].startswith("HTTP/1.0")
    size = 0
    if "content-length" in headers:
        size = int(headers["content-length"])
        await reader.readexactly(size)
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            length = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(length + 2)
            size += length
            if length == 0:
                break
    else:
        size = len(await reader.read())
        close = True
    return status, close, size


async def _client(host, port, request, deadline, latencies, statuses):
    reader = writer = None
    while time.perf_counter() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(request)
            timeout = deadline + GRACE - started
            status, close, _ = await asyncio.wait_for(_read_response(reader), timeout)
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
            statuses["error"] += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            await asyncio.sleep(0.05)
            continue
        latencies.append(time.perf_counter() - started)
        statuses[status] += 1
        if close:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _load(url: str, clients: int, duration: float) -> dict:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    request = (
        f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept: */*\r\nUser-Agent: bench\r\n\r\n"
    ).encode()
    latencies: list[float] = []
    statuses: Counter = Counter()
    started = time.perf_counter()
    deadline = started + duration
    tasks = [
        _client(parts.hostname, parts.port, request, deadline, latencies, statuses)
        for _ in range(clients)
    ]
    await asyncio.wait_for(asyncio.gather(*tasks), duration + GRACE + 5)
    elapsed = time.perf_counter() - started
    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": percentile(0.50) if latencies else None,
        "p99": percentile(0.99) if latencies else None,
        "statuses": {str(k): v for k, v in statuses.items()},
    }


def load(url: str, clients: int, duration: float) -> dict:
    return asyncio.run(_load(url, clients, duration))


# --- servers ----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(app: str, port: int, workers: int, threads: int) -> list[str]:
    # The app's own gunicorn.conf.py where there is one, with the same overrides for both.
    config = ["-c", str(ROOT / "gunicorn.conf.py")] if (ROOT / "gunicorn.conf.py").exists() else []
    return [
        str(BIN / "gunicorn"), *config, "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
        "--keep-alive", "5", "--timeout", "60", "--max-requests", "0",
        "--access-logfile", os.devnull, "--error-logfile", "-", "--log-level", "warning", app,
    ]  # fmt: skip


class Server:
    def __init__(self, name: str, port: int, command: list[str], env: dict, log: Path):
        self.name, self.port, self.command, self.env = name, port, command, env
        self.log = log.open("ab")
        self.start()
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            self.command, env=self.env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def restart(self) -> None:
        """A fresh server, when a request it was given would keep it busy past the run."""
        self.stop(close_log=False)
        self.start()
        self.wait_ready()

    def cpu_seconds(self) -> float:
        ticks = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def wait_idle(self, cap: float = 60) -> bool:
        """Wait until requests left over from a run are done, so they don't tax the next run."""
        deadline = time.monotonic() + cap
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self.cpu_seconds()
            if now - before < 0.05:
                return True
            before = now
        return False

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited; see {self.log.name}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start in {timeout} s; see {self.log.name}")

    def pids(self) -> list[int]:
        """The process and its children (gunicorn's workers)."""
        pids = [self.process.pid]
        for task in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            pids += [int(p) for p in task.read_text().split()]
        return pids

    def peak_rss_mb(self) -> float:
        peaks = []
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match[1]) / 1024)
        return max(peaks, default=0.0)

    def stop(self, close_log: bool = True) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        if close_log:
            self.log.close()


def start_servers(db: Path, names, workers: int, threads: int, logs: Path, cache_url: str) -> dict:
    servers = {}
    env = {**os.environ}
    env.pop("DATABASE_URL", None)
    app_env = {
        **env,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "API_ANON_RATE": "1000000/minute",
    }
    if cache_url:
        app_env["CACHE_URL"] = cache_url
    for name, cache_seconds in (("app", "300"), ("app-uncached", "0")):
        if name in names:
            port = free_port()
            command = gunicorn_command("cooperation.wsgi:application", port, workers, threads)
            extra = {"PAGE_CACHE_SECONDS": cache_seconds}
            servers[name] = Server(name, port, command, {**app_env, **extra}, logs / f"{name}.log")
    if "floor" in names:
        port = free_port()
        command = gunicorn_command("floor:application", port, workers, threads)
        command[1:1] = ["--pythonpath", str(BENCH)]
        floor_env = {**env, "FLOOR_DB": str(db)}
        servers["floor"] = Server("floor", port, command, floor_env, logs / "floor.log")
    if "datasette" in names:
        queries.write_metadata()
        port = free_port()
        command = [
            str(BIN / "datasette"), "serve", "--immutable", str(db), "--host", "127.0.0.1",
            "--port", str(port), "--metadata", str(queries.METADATA),
            "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "10000",
            "--setting", "max_returned_rows", "200000", "--setting", "max_csv_mb", "0",
        ]  # fmt: skip
        servers["datasette"] = Server("datasette", port, command, env, logs / "datasette.log")
    for name, server in list(servers.items()):
        try:
            server.wait_ready()
        except RuntimeError as error:
            # A contestant that cannot start is reported as n/a; the others still run.
            print(f"  {error}", flush=True)
            server.stop()
            del servers[name]
    return servers


# --- data -------------------------------------------------------------------------------------
def prepare_database(agreements: int, seed: int, directory: Path) -> Path:
    db = directory / f"{queries.DATABASE}.sqlite3"
    marker = directory / "synthesized.json"
    wanted = {"agreements": agreements, "seed": seed}
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    manage = [PYTHON, str(ROOT / "manage.py")]
    if db.exists() and marker.exists() and json.loads(marker.read_text()) == wanted:
        # Reused, but brought up to the code's schema (new migrations fill their own columns).
        subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)  # noqa: S603
        return db
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob(f"{queries.DATABASE}.sqlite3*"):
        stale.unlink()
    marker.unlink(missing_ok=True)
    print(f"Synthesizing {agreements} agreements into {db} …", flush=True)
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)  # noqa: S603
    started = time.perf_counter()
    subprocess.run(  # noqa: S603
        [*manage, "synthesize", "--agreements", str(agreements), "--seed", str(seed)],
        env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    print(f"… in {time.perf_counter() - started:.0f} s", flush=True)
    with sqlite3.connect(db) as conn:
        # Statistics for the query planner: the same file, so the same help for every contestant.
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    marker.write_text(json.dumps(wanted))
    return db


def pick_parameters(db: Path, deep: int) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    # The busiest country-year among agreements, so that the deep page exists.
    country, year = conn.execute(
        """SELECT c.code, a.year FROM cooperation_activity a
           JOIN agreements_agreement g ON g.activity_ptr_id = a.id
           JOIN cooperation_involvement i ON i.activity_id = a.id
           JOIN cooperation_office o ON o.id = i.office_id
           JOIN cooperation_country c ON c.id = o.country_id
           WHERE a.status = 'published'
           GROUP BY c.code, a.year ORDER BY count(*) DESC LIMIT 1"""
    ).fetchone()
    sql = queries.QUERIES["agreements_page"]["sql"]
    total = conn.execute(sql, {"country": country, "year": year, "offset": 0}).fetchone()["total"]
    deep_page = max(1, min(deep, -(-total // queries.PAGE_SIZE)))
    offset = (deep_page - 1) * queries.PAGE_SIZE
    before = conn.execute(
        sql, {"country": country, "year": year, "offset": offset - queries.PAGE_SIZE}
    ).fetchall()
    last = before[-1] if before and deep_page > 1 else None
    key = (last["date_key"], last["pk"]) if last else (99999999, 2**62)
    slug = conn.execute(
        "SELECT a.slug FROM cooperation_activity a JOIN agreements_agreement g "
        "ON g.activity_ptr_id = a.id WHERE a.status = 'published' ORDER BY a.id "
        "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM agreements_agreement)"
    ).fetchone()[0]
    # The latest first year from which the export holds at least 100,000 agreements, or all.
    year_min = 1883
    per_year = conn.execute(
        "SELECT a.year, count(*) FROM cooperation_activity a JOIN agreements_agreement g "
        "ON g.activity_ptr_id = a.id GROUP BY a.year ORDER BY a.year DESC"
    ).fetchall()
    running = 0
    for row_year, count in per_year:
        running += count
        year_min = row_year
        if running >= 100_000:
            break
    conn.close()
    ds_json = "".join(f"&_json={c}" for c in queries.JSON_COLUMNS) + "&_shape=objects"
    return {
        "country": country,
        "year": year,
        "total": total,
        "deep_page": deep_page,
        "deep_offset": offset,
        "cursor": ".".join(str(k) for k in key),
        "ds_after": "after_key={}&after_id={}".format(*key),
        "slug": slug,
        "word": "biotechnology",
        "year_min": year_min,
        "ds_json": ds_json,
    }


# --- measuring --------------------------------------------------------------------------------
def fetch(url: str, timeout: float = 120) -> tuple[int, bytes, dict]:
    """GET with a deadline for the whole response, streamed ones included."""
    import http.client

    deadline = time.monotonic() + timeout
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = conn.getresponse()
        chunks = []
        while chunk := response.read(1 << 16):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} took more than {timeout:g} s")
        return response.status, b"".join(chunks), dict(response.getheaders())
    finally:
        conn.close()


def warm_up(url: str, timeout: float) -> None:
    """One request that is not timed: a cold worker's first; a restarted server may reset it."""
    for attempt in range(3):
        try:
            fetch(url, timeout=timeout)
            return
        except ConnectionError:
            if attempt == 2:
                raise
            time.sleep(2)


def resolve_cursor(server: Server, template: str, params: dict) -> tuple[str | None, str]:
    """The app's deep page by cursor: follow `next` from page 1; None if they are not cursors."""
    url = server.base + template.format(**params)
    status, body, _ = fetch(url)
    for _ in range(params["deep_page"] - 1):
        if status != 200:
            return None, f"n/a ({status})"
        following = json.loads(body).get("next")
        if not following or not parse_qs(urlsplit(following).query).get("cursor"):
            return None, "n/a (no cursor)"
        url = following
        status, body, _ = fetch(url)
    return (url, "") if status == 200 else (None, f"n/a ({status})")


def probe(servers: dict, endpoints: dict, params: dict, slow: float) -> dict:
    """URL (or why not) for each contestant and measurement, from one request each."""
    urls: dict = {}
    for name, server in servers.items():
        for key in [*LOADED, "csv"]:
            template = endpoints[name].get(key)
            if not template:
                urls[name, key] = (None, "n/a")
                continue
            if name == "app" and key == "cursor":
                urls[name, key] = resolve_cursor(server, template, params)
                continue
            url = server.base + template.format(**params)
            if key == "csv":
                urls[name, key] = (url, "")
                continue
            try:
                warm_up(url, slow)
                started = time.perf_counter()
                status, body, _ = fetch(url, timeout=slow)
            except OSError as error:
                # Too slow to load-test: the server is restarted so it stops working on it.
                urls[name, key] = (None, f"n/a (>{slow:g} s: {error.__class__.__name__})")
                print(f"  {name:9} {key:7} {urls[name, key][1]}  {url}", flush=True)
                server.restart()
                continue
            took = time.perf_counter() - started
            if status != 200:
                urls[name, key] = (None, f"n/a ({status})")
            elif took > slow / 4:
                urls[name, key] = (None, f"one request: {took:.1f} s")
            else:
                urls[name, key] = (url, "")
            print(f"  {name:9} {key:7} {status} {len(body):>8} B {took:6.2f} s  {url}", flush=True)
    return urls


def measure_csv(server: Server, url: str | None, timeout: float, runs: int = 2) -> dict:
    if url is None:
        return {"note": "n/a"}
    before = server.peak_rss_mb()
    times, rows, status = [], 0, 0
    for _ in range(runs):
        started = time.perf_counter()
        try:
            status, body, _ = fetch(url, timeout=timeout)
        except OSError as error:
            server.restart()
            return {"note": f"n/a (>{timeout:g} s: {error.__class__.__name__})"}
        times.append(time.perf_counter() - started)
        rows = body.count(b"\n") - 1
        if status != 200:
            return {"note": f"n/a ({status})"}
    return {
        "seconds": statistics.median(times),
        "rows": rows,
        "rss_before": before,
        "rss_peak": server.peak_rss_mb(),
    }


def run(args) -> dict:
    directory = Path(args.data_dir) / f"n{args.agreements}-s{args.seed}"
    db = prepare_database(args.agreements, args.seed, directory)
    params = pick_parameters(db, args.deep_page)
    print(
        f"Filter: country={params['country']} year={params['year']} ({params['total']} agreements); "
        f"deep page {params['deep_page']}; detail {params['slug']}; "
        f"CSV: country={params['country']} year_min={params['year_min']}",
        flush=True,
    )
    endpoints = json.loads(json.dumps(ENDPOINTS))
    if args.endpoints:
        for name, overrides in json.loads(Path(args.endpoints).read_text()).items():
            endpoints[name].update(overrides)
    endpoints["app-uncached"] = endpoints["app"]  # the same app, with its page cache off
    if {"app", "app-uncached"} & set(args.contestants):
        collect_static()
    logs = directory / "logs"
    logs.mkdir(exist_ok=True)
    servers = start_servers(db, args.contestants, args.workers, args.threads, logs, args.cache_url)
    results: dict = {"params": params, "csv": {}, "load": {}}
    try:
        urls = probe(servers, endpoints, params, args.slow)
        results["notes"] = {f"{n}/{k}": note for (n, k), (_, note) in urls.items() if note}
        for name, server in servers.items():
            results["csv"][name] = measure_csv(server, urls[name, "csv"][0], args.slow * 5)
            print(f"  CSV {name}: {results['csv'][name]}", flush=True)
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
            for round_number in range(args.rounds):
                order = list(servers)
                # Alternate who goes first, so that no contestant always meets a warm or cold CPU.
                order = order[round_number % len(order) :] + order[: round_number % len(order)]
                for key in args.only or LOADED:
                    for clients in args.clients:
                        for name in order:
                            url, _ = urls[name, key]
                            if url is None:
                                continue
                            outcome = pool.submit(load, url, clients, args.duration).result()
                            if not servers[name].wait_idle():
                                servers[name].restart()
                            results["load"].setdefault(f"{key}/{clients}/{name}", []).append(
                                outcome
                            )
                            print(
                                f"  round {round_number + 1} {key:7} c={clients:<3} {name:9} "
                                f"{outcome['rps']:8.1f} req/s  p50 {outcome['p50'] or 0:8.1f} ms  "
                                f"p99 {outcome['p99'] or 0:8.1f} ms  {outcome['statuses']}",
                                flush=True,
                            )
    finally:
        for server in servers.values():
            server.stop()
    return results


def collect_static() -> None:
    # Production settings use a hashed manifest; manage.py would collect without one.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cooperation.settings",
        "DJANGO_SECRET_KEY": "collectstatic-only",
    }
    subprocess.run(  # noqa: S603
        [PYTHON, "-m", "django", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )


# --- reporting --------------------------------------------------------------------------------
def median_of(outcomes: list[dict], field: str):
    values = [o[field] for o in outcomes if o[field] is not None]
    return statistics.median(values) if values else None


def cell(outcomes: list[dict] | None, note: str) -> str:
    if not outcomes:
        return note or "n/a"
    rps, p50, p99 = (median_of(outcomes, f) for f in ("rps", "p50", "p99"))
    bad = sum(v for o in outcomes for k, v in o["statuses"].items() if k != "200")
    warning = f" ⚠ {bad} non-200" if bad else ""
    return f"{rps:,.0f} ({p50:,.0f} / {p99:,.0f}){warning}"


def ratio(a: list[dict] | None, b: list[dict] | None) -> str:
    if not a or not b:
        return "–"
    return f"{median_of(a, 'rps') / median_of(b, 'rps'):.2f}"


def table(results: dict, args) -> str:
    params, notes = results["params"], results.get("notes", {})
    lines = [
        "| measurement | clients | app | app, no cache | Datasette | floor "
        "| app/Datasette | app/floor | no cache/Datasette | no cache/floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in args.only or LOADED:
        for clients in args.clients:
            got = {n: results["load"].get(f"{key}/{clients}/{n}") for n in CONTESTANTS}
            cells = [cell(got[n], notes.get(f"{n}/{key}", "")) for n in CONTESTANTS]
            ratios = [
                ratio(got[mine], got[other])
                for mine in ("app", "app-uncached")
                for other in ("datasette", "floor")
            ]
            label = LABELS[key].format(**params)
            lines.append(f"| {label} | {clients} | {' | '.join(cells + ratios)} |")
    csv = results["csv"]

    def csv_cell(name):
        entry = csv.get(name) or {"note": "n/a"}
        if "note" in entry:
            return entry["note"]
        return (
            f"{entry['seconds']:.1f} s, {entry['rows']:,} rows, peak RSS {entry['rss_peak']:.0f} MB"
        )

    def csv_ratio(mine, name):
        a, b = csv.get(mine) or {}, csv.get(name) or {}
        return (
            f"{a['seconds'] / b['seconds']:.2f} (time)"
            if "seconds" in a and "seconds" in b
            else "–"
        )

    cells = [csv_cell(n) for n in CONTESTANTS]
    ratios = [csv_ratio(m, o) for m in ("app", "app-uncached") for o in ("datasette", "floor")]
    lines.append(f"| CSV export (year ≥ {params['year_min']}) | 1 | {' | '.join(cells + ratios)} |")
    return "\n".join(lines)


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    return (
        f"{os.cpu_count()} cores ({model[1].strip() if model else platform.processor()}), "
        f"{int(memory[1]) / 1024**2:.0f} GiB memory, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def report(results: dict, args) -> str:
    params = results["params"]
    return (
        f"{args.agreements:,} synthetic agreements (seed {args.seed}); filter "
        f"`country={params['country']}&year={params['year']}` selects {params['total']:,}. "
        f"Median of {args.rounds} rounds of {args.duration:g} s each; cells: requests/s "
        f"(p50 / p99 latency in ms); ratios compare requests/s (CSV: time). "
        f"gunicorn {args.workers} workers × {args.threads} threads for the app and the floor.\n"
        f"Machine: {machine()}.\n\n{table(results, args)}\n"
    )


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    block = f"{README_START}\n{text}{README_END}"
    if README_START in content and README_END in content:
        content = re.sub(
            re.escape(README_START) + ".*?" + re.escape(README_END),
            lambda _: block,
            content,
            flags=re.S,
        )
    else:
        content = content.rstrip("\n") + f"\n\n## Performance\n\n{block}\n"
    readme.write_text(content, encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--duration", type=float, default=10, help="Seconds per load run.")
    parser.add_argument("--rounds", type=int, default=3, help="Runs per cell; the median is shown.")
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--contestants", nargs="+", default=list(CONTESTANTS), choices=CONTESTANTS)
    parser.add_argument("--only", nargs="+", choices=LOADED, help="Measure only these.")
    parser.add_argument("--deep-page", type=int, default=200)
    parser.add_argument(
        "--slow",
        type=float,
        default=60,
        help="A request slower than this (a quarter of it, when probing) is not load-tested.",
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--endpoints", help="JSON file overriding ENDPOINTS per contestant.")
    parser.add_argument(
        "--data-dir", default=str(Path(tempfile.gettempdir()) / "ip-cooperation-bench")
    )
    parser.add_argument("--json", help="Also write the raw results to this file.")
    parser.add_argument(
        "--cache-url", default="", help="CACHE_URL for the app, e.g. redis://127.0.0.1:6379/1 "
        "(default: each worker's local memory)."
    )  # fmt: skip
    parser.add_argument("--write-readme", action="store_true", help="Put the table in README.md.")
    args = parser.parse_args(argv)
    # `timeout` and Ctrl-C must still stop the servers (see the finally in run()).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if shutil.which(str(BIN / "datasette")) is None and "datasette" in args.contestants:
        parser.error("Datasette is missing: install the `bench` extra (see bench/README.md).")
    results = run(args)
    text = report(results, args)
    print("\n" + text)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    if args.write_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
