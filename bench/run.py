"""Benchmark: the app as shipped against Datasette and a minimal WSGI floor, on one SQLite file.

    .venv/bin/python bench/run.py --quick                                  # a few minutes
    .venv/bin/python bench/run.py --agreements 200000 --duration 10 [--write-readme]
    .venv/bin/python bench/run.py --single-url [...]      # one URL per measurement: cache hits

By default every contestant replays the same two mixed workloads (bench/workload.py: tens of
thousands of requests over thousands of distinct URLs, 20 % of them popular), after a check on a
sample that the app, the floor and Datasette answer them with the same ids, totals and order.
Loopback only; every load run stops after --duration seconds (plus a bounded grace for requests
in flight). See bench/README.md for what is measured and how.
"""

import argparse
import asyncio
import concurrent.futures
import contextlib
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
import workload  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent
CONTESTANTS = ("app", "app-uncached", "datasette", "floor")
NAMES = {"app": "app", "app-uncached": "app, no cache", "datasette": "Datasette", "floor": "floor"}
GRACE = 15.0  # seconds a request still in flight at the end of a run may take
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
QUICK = {"agreements": 20_000, "duration": 3.0, "rounds": 2}
DEFAULTS = {"agreements": 200_000, "duration": 10.0, "rounds": 3}
# The app's settings that the shell could change; the benchmark sets its own.
APP_VARIABLES = ("DATABASE_", "CACHE_URL", "PAGE_CACHE_", "COUNT_CACHE_", "WEB_CONCURRENCY",
                 "GUNICORN_", "PORT", "DJANGO_")  # fmt: skip

# The single-URL measurements (--single-url): one URL each, so the cached app answers all but the
# first request from its cache. {placeholders} come from the data (see pick_parameters); a missing
# endpoint answers 404 and is reported as n/a. Override any of these with --endpoints FILE.json,
# e.g. {"app": {"facets": "/api/v1/facets/?country={country}"}}.
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
MIX_LABELS = {
    "list": "list mix: filters, pages 1–20, facets",
    "detail": "detail mix: records",
}


# --- the load generator (runs in its own process) --------------------------------------------
async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool, str]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip().lower()
    close = headers.get("connection") == "close" or lines[0].startswith("HTTP/1.0")
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            length = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(length + 2)
            if length == 0:
                break
    else:
        await reader.read()
        close = True
    return status, close, headers.get("x-cache", "")


async def _client(host, port, requests: list[bytes], deadline, tally: dict, own=()) -> None:
    """Walks its own list of requests in order, starting over if it reaches the end."""
    reader = writer = None
    done = 0
    while time.perf_counter() < deadline:
        request = requests[done % len(requests)]
        path = own[done % len(own)] if own else ""
        done += 1
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(request)
            timeout = deadline + GRACE - started
            status, close, cache = await asyncio.wait_for(_read_response(reader), timeout)
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
            tally["statuses"]["error"] += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            await asyncio.sleep(0.05)
            continue
        tally["latencies"].append(time.perf_counter() - started)
        tally["paths"].append((path, tally["latencies"][-1]))
        tally["statuses"][status] += 1
        if cache:
            tally["cache"][cache] += 1
        if close:
            writer.close()
            reader = writer = None
    if done > len(requests):
        tally["wrapped"] += 1
    if writer is not None:
        writer.close()


def client_slices(paths: list[str], clients: int) -> list[list[str]]:
    """Each client's own consecutive slice of the list; with fewer paths than clients (one URL),
    every client gets them all."""
    if len(paths) < clients:
        return [paths[i % len(paths) :] + paths[: i % len(paths)] for i in range(clients)]
    return [
        paths[i * len(paths) // clients : (i + 1) * len(paths) // clients] for i in range(clients)
    ]


async def _load(bases: list[tuple[str, int]], paths: list[str], clients: int, duration: float):
    tally = {"latencies": [], "paths": [], "statuses": Counter(), "cache": Counter(), "wrapped": 0}
    tasks = []
    for number, own in enumerate(client_slices(paths, clients)):
        # Several servers (Datasette's processes): clients are dealt to them in turn.
        host, port = bases[number % len(bases)]
        head = f"Host: {host}:{port}\r\nAccept: */*\r\nUser-Agent: bench\r\n\r\n"
        requests = [f"GET {path} HTTP/1.1\r\n{head}".encode() for path in own]
        tasks.append((host, port, requests, own))
    started = time.perf_counter()
    deadline = started + duration
    clients_done = [
        _client(host, port, requests, deadline, tally, own) for host, port, requests, own in tasks
    ]
    await asyncio.wait_for(asyncio.gather(*clients_done), duration + GRACE + 5)
    elapsed = time.perf_counter() - started
    latencies = sorted(tally["latencies"])

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": percentile(0.50) if latencies else None,
        "p99": percentile(0.99) if latencies else None,
        "statuses": {str(k): v for k, v in tally["statuses"].items()},
        "cache": dict(tally["cache"]),
        "wrapped": tally["wrapped"],
        "paths": tally["paths"],
    }


def load(bases: list[tuple[str, int]], paths: list[str], clients: int, duration: float) -> dict:
    """*clients* concurrent keep-alive clients for *duration* seconds, each on its own slice of
    *paths*: requests/s, p50 and p99 latency (ms), statuses, X-Cache answers."""
    return asyncio.run(_load(bases, paths, clients, duration))


# --- servers ----------------------------------------------------------------------------------
def free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def free_port() -> int:
    return free_ports(1)[0]


def shipped_workers() -> int:
    """gunicorn.conf.py's default number of worker processes (WEB_CONCURRENCY unset)."""
    return multiprocessing.cpu_count() * 2 + 1


def gunicorn_command(app: str | None = None) -> list[str]:
    """The project's gunicorn.conf.py as it is; see gunicorn_env for the address and workers."""
    return [
        str(BIN / "gunicorn"),
        "--config",
        str(ROOT / "gunicorn.conf.py"),
        *([app] if app else []),
    ]


def gunicorn_env(port: int, workers: int, threads: int | None = None) -> dict:
    """What gunicorn.conf.py reads from the environment: where to listen, how many workers."""
    env = {"GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    if threads:
        env["GUNICORN_THREADS"] = str(threads)
    return env


def clean_env() -> dict:
    """The shell's environment without the app's settings, which the benchmark sets itself."""
    return {k: v for k, v in os.environ.items() if not k.startswith(APP_VARIABLES)}


def wait_idle(cpu_seconds, cap: float) -> bool:
    """Wait until requests left over from a run are done, so they don't tax the next run."""
    deadline = time.monotonic() + cap
    before = cpu_seconds()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = cpu_seconds()
        if now - before < 0.05:
            return True
        before = now
    return False


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
        return wait_idle(self.cpu_seconds, cap)

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


class Redis(Server):
    """A private redis-server for the app's cache, as in production (CACHE_URL): no disk, loopback.
    Each app contestant has a database of its own in it, emptied before each load run."""

    def __init__(self, log: Path):
        port = free_port()
        command = [
            shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--databases", "4",
        ]  # fmt: skip
        super().__init__("redis", port, command, clean_env(), log)

    def url(self, number: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{number}"

    def flush(self, number: int) -> None:
        import redis

        with redis.Redis(host="127.0.0.1", port=self.port, db=number) as client:
            client.flushdb()


class Contestant:
    """One contestant: a gunicorn (its workers share one port), or one Datasette process per
    worker, each on its own port, to which the load generator deals its clients in turn."""

    def __init__(self, name: str, servers: list[Server], cache: tuple[Redis, int] | None = None):
        self.name, self.servers, self.cache = name, servers, cache

    @property
    def base(self) -> str:
        return self.servers[0].base

    @property
    def bases(self) -> list[tuple[str, int]]:
        return [("127.0.0.1", server.port) for server in self.servers]

    def wait_ready(self) -> None:
        for server in self.servers:
            server.wait_ready()

    def flush(self) -> None:
        """Empty the app's private cache (pages and totals), so that a run starts cold."""
        if self.cache:
            redis_server, number = self.cache
            redis_server.flush(number)

    def wait_idle(self, cap: float = 60) -> bool:
        return wait_idle(self.cpu_seconds, cap)

    def cpu_seconds(self) -> float:
        return sum(server.cpu_seconds() for server in self.servers)

    def peak_rss_mb(self) -> float:
        return max(server.peak_rss_mb() for server in self.servers)

    def restart(self) -> None:
        for server in self.servers:
            server.restart()

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


def start_contestants(
    db: Path | None, names, workers: int, threads, logs: Path, cache_url: str, database_url=""
):
    """The contestants, started at once; those that cannot start are left out (reported n/a).
    The app serves *database_url* if given (bench/postgres.py), else the SQLite file *db*.
    Returns them and a sentence on the app's cache."""
    env = clean_env()
    servers: dict[str, Contestant] = {}
    redis_server = None
    if not cache_url and shutil.which("redis-server"):
        redis_server = Redis(logs / "redis.log")
        redis_server.wait_ready()
        cache_note = "Redis (a private redis-server), as in production"
    elif not cache_url or cache_url == "locmem":
        cache_url = ""
        cache_note = "each worker's local memory (no redis-server found; production uses Redis)"
    else:
        cache_note = f"`{cache_url}` (not emptied between runs)"
    app_env = {
        **env,
        "DATABASE_URL": database_url or f"sqlite:///{db}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_PRODUCTION": "true",
        # The one change to the shipped settings: the anonymous rate limit would answer 429.
        "API_ANON_RATE": "100000000/minute",
    }
    for number, (name, page_cache) in enumerate((("app", None), ("app-uncached", "0")), start=1):
        if name not in names:
            continue
        port = free_port()
        extra = {"PAGE_CACHE_SECONDS": page_cache} if page_cache else {}
        cache = None
        if redis_server:
            extra["CACHE_URL"], cache = redis_server.url(number), (redis_server, number)
        elif cache_url:
            extra["CACHE_URL"] = cache_url
        env_here = {**app_env, **gunicorn_env(port, workers, threads), **extra}
        server = Server(name, port, gunicorn_command(), env_here, logs / f"{name}.log")
        servers[name] = Contestant(name, [server], cache)
    if "floor" in names:
        port = free_port()
        command = [*gunicorn_command("floor:application"), "--pythonpath", str(BENCH)]
        floor_env = {**env, **gunicorn_env(port, workers, threads), "FLOOR_DB": str(db)}
        server = Server("floor", port, command, floor_env, logs / "floor.log")
        servers["floor"] = Contestant("floor", [server])
    if "datasette" in names:
        queries.write_metadata()
        processes = []
        for number, port in enumerate(free_ports(workers), start=1):
            command = [
                str(BIN / "datasette"), "serve", "--immutable", str(db), "--host", "127.0.0.1",
                "--port", str(port), "--metadata", str(queries.METADATA),
                "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "10000",
                "--setting", "max_returned_rows", "200000", "--setting", "max_csv_mb", "0",
            ]  # fmt: skip
            processes.append(
                Server(f"datasette-{number}", port, command, env, logs / "datasette.log")
            )
        servers["datasette"] = Contestant("datasette", processes)
    for name, contestant in list(servers.items()):
        try:
            contestant.wait_ready()
        except RuntimeError as error:
            # A contestant that cannot start is reported as n/a; the others still run.
            print(f"  {error}", flush=True)
            contestant.stop()
            del servers[name]
    return servers, redis_server, cache_note


# --- data -------------------------------------------------------------------------------------
def prepare_database(agreements: int, seed: int, directory: Path) -> Path:
    db = directory / f"{queries.DATABASE}.sqlite3"
    marker = directory / "synthesized.json"
    wanted = {"agreements": agreements, "seed": seed}
    env = {**clean_env(), "DATABASE_URL": f"sqlite:///{db}"}
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


def resolve_cursor(server: "Contestant", template: str, params: dict) -> tuple[str | None, str]:
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


def measure_csv(server: "Contestant", url: str | None, timeout: float, runs: int = 2) -> dict:
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


# --- the mixed workloads ----------------------------------------------------------------------
def answer(request: workload.Request, data, contestant: str) -> dict:
    """What must agree between contestants: total and ids in order (lists), the counts (facets),
    the record's id (details)."""
    if contestant == "datasette":
        rows = data["rows"]
        if request.shape == "facets":
            data = facet_lists(rows)
        elif request.shape == "detail":
            return {"ids": [row["id"] for row in rows]}
        else:
            return {"total": rows[0]["total"] if rows else 0, "ids": [row["id"] for row in rows]}
    if request.shape == "facets":
        return {"year": data["year"], "kind": data["kind"]}
    if request.shape == "detail":
        return {"ids": [data["id"]]}
    return {"total": data["count"], "ids": [record["id"] for record in data["results"]]}


def facet_lists(rows: list[dict]) -> dict:
    """Datasette's (year, kind, count) rows summed into the app's two lists."""
    per_year, per_kind = Counter(), Counter()
    for row in rows:
        per_year[row["year"]] += row["count"]
        per_kind[row["kind"]] += row["count"]
    return {
        facet: [{"value": value, "count": n} for value, n in sorted(counts.items())]
        for facet, counts in (("year", per_year), ("kind", per_kind))
    }


def differences(request: workload.Request, got: dict, want: dict) -> str:
    if got == want:
        return ""
    if "total" in want and got.get("total") != want["total"]:
        return f"total {got.get('total')} ≠ {want['total']}"
    if "ids" in want and set(got.get("ids", [])) == set(want["ids"]):
        return "same ids in another order"
    if "ids" in want:
        return f"ids differ ({len(set(got.get('ids', [])) ^ set(want['ids']))} not in both)"
    return "counts differ"


def check_equivalence(contestants: dict, sample: list[workload.Request]) -> tuple[bool, str]:
    """Every contestant against the reference (Datasette, else the floor) and the generator's
    totals, on a sample of each shape: same total, same ids in the same order, same facets."""
    reference = next((n for n in ("datasette", "floor") if n in contestants), None)
    others = [n for n in ("app-uncached", "app", "floor") if n in contestants and n != reference]
    problems = []
    for request in sample:
        want = None
        if reference:
            status, body, _ = fetch(contestants[reference].base + request.url(reference))
            if status != 200:
                problems.append(f"{reference} {status}: {request.url(reference)}")
                continue
            want = answer(request, json.loads(body), reference)
            if request.shape == "facets":
                counted = sum(entry["count"] for entry in want["kind"])
                if counted != request.total:
                    problems.append(f"{reference} counts {counted}, generator {request.total}: "
                                    f"{request.url(reference)}")  # fmt: skip
            elif request.total is not None and want["total"] != request.total:
                problems.append(
                    f"{reference} total {want['total']}, generator {request.total}: "
                    f"{request.url(reference)}"
                )
            if request.shape != "facets" and not want["ids"] and (request.total or request.slug):
                problems.append(
                    f"{reference} empty page (past the last?): {request.url(reference)}"
                )
        for name in others:
            status, body, _ = fetch(contestants[name].base + request.app())
            if status != 200:
                problems.append(f"{name} {status}: {request.app()}")
                continue
            got = answer(request, json.loads(body), name)
            if want is None:
                if "total" in got and got["total"] != request.total:
                    problems.append(
                        f"{name} total {got['total']} ≠ {request.total}: {request.app()}"
                    )
            elif why := differences(request, got, want):
                problems.append(f"{name} vs {reference}: {why}: {request.app()}")
    shapes = Counter(r.shape for r in sample)
    per_shape = ", ".join(f"{n} {s}" for s, n in shapes.items())
    checked = " and ".join(NAMES[n] for n in others)
    if reference is None:
        return (
            not problems,
            f"Check: no Datasette or floor to compare with; {len(problems)} problems.",
        )
    line = (
        f"Check on {len(sample)} sampled requests ({per_shape}): {checked} against "
        f"{NAMES[reference]} — same totals (also the generator's), same ids in the same order, "
        f"same facet counts: "
    )
    if problems:
        shown = "\n".join(f"    {p}" for p in problems[:20])
        return False, f"{line}FAILED, {len(problems)} mismatches:\n{shown}"
    return True, f"{line}OK"


def run_mixed(args, db: Path, contestants: dict) -> dict:
    started = time.perf_counter()
    dist = workload.Distribution.read(getattr(args, "database_url", "") or db)
    mixes = workload.generate(dist, args.workload_seed, args.requests)
    for requests in mixes.mixes.values():
        requests[:] = [r for r in requests if r.shape not in getattr(args, "leave_out", ())]
    # Another seed for the warm-up, so that it does not fill the cache with measured requests.
    warm = workload.generate(dist, args.workload_seed + 1, 1000)
    summary = mixes.summary()
    print(f"Workload (seed {args.workload_seed}, made in {time.perf_counter() - started:.1f} s):\n"
          f"{summary}", flush=True)  # fmt: skip
    results: dict = {"workload": summary, "load": {}}
    ok, line = check_equivalence(
        contestants, workload.sample(mixes, args.check_sample, args.workload_seed)
    )
    results["check"] = line
    print(line, flush=True)
    if not ok:
        raise SystemExit(1)
    paths = {
        (name, mix): [r.url(name) for r in requests]
        for name in contestants
        for mix, requests in mixes.mixes.items()
    }
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        for name, contestant in contestants.items():
            # Every worker past its first requests; then the cache is emptied.
            warm_paths = [r.url(name) for r in warm.lists + warm.details]
            pool.submit(load, contestant.bases, warm_paths, 16, 2).result()
            contestant.wait_idle()
        for round_number in range(args.rounds):
            order = list(contestants)
            # Alternate who goes first, so that no contestant always meets a warm or cold CPU.
            order = order[round_number % len(order) :] + order[: round_number % len(order)]
            for clients in args.clients:
                for mix in args.mixes:
                    for name in order:
                        contestant = contestants[name]
                        contestant.flush()
                        outcome = pool.submit(
                            load, contestant.bases, paths[name, mix], clients, args.duration
                        ).result()
                        if not contestant.wait_idle():
                            contestant.restart()
                        shapes = by_shape(outcome.pop("paths"), mixes.mixes[mix], name)
                        outcome["shapes"] = shapes
                        results["load"].setdefault(f"{mix}/{clients}/{name}", []).append(outcome)
                        hits = hit_ratio([outcome])
                        print(
                            f"  round {round_number + 1} {mix:6} c={clients:<3} {name:12} "
                            f"{outcome['rps']:8.1f} req/s  p50 {outcome['p50'] or 0:8.1f} ms  "
                            f"p99 {outcome['p99'] or 0:8.1f} ms  {outcome['statuses']}"
                            + (f"  cache hits {hits}" if hits else "")
                            + (f"  ⚠ {outcome['wrapped']} clients wrapped" if outcome["wrapped"] else ""),
                            flush=True,
                        )  # fmt: skip
                        if len(shapes) > 1:
                            print("      " + "; ".join(
                                f"{shape} {n} p50 {p50:,.0f} p99 {p99:,.0f}"
                                for shape, (n, p50, p99) in shapes.items()
                            ), flush=True)  # fmt: skip
    return results


def by_shape(samples: list[tuple[str, float]], requests, name: str) -> dict:
    """Requests, p50 and p99 latency (ms) per shape of the workload: which shapes are slow."""
    shape_of = {r.url(name): r.shape for r in requests}
    latencies: dict[str, list[float]] = {}
    for path, seconds in samples:
        latencies.setdefault(shape_of.get(path, "?"), []).append(seconds * 1000)
    shapes = {}
    for shape, values in sorted(latencies.items()):
        values.sort()
        shapes[shape] = (len(values), values[len(values) // 2], values[int(0.99 * len(values))])
    return shapes


def hit_ratio(outcomes: list[dict] | None) -> str:
    """The share of answers that the page cache gave (X-Cache: hit), over the runs."""
    if not outcomes:
        return ""
    hits = sum(o.get("cache", {}).get("hit", 0) for o in outcomes)
    marked = sum(sum(o.get("cache", {}).values()) for o in outcomes)
    if not marked:
        return ""
    return f"{hits / sum(o['requests'] for o in outcomes):.0%}"


# --- the single-URL measurements (--single-url) -----------------------------------------------
def run_single(args, db: Path, contestants: dict) -> dict:
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
    results: dict = {"params": params, "csv": {}, "load": {}}
    urls = probe(contestants, endpoints, params, args.slow)
    results["notes"] = {f"{n}/{k}": note for (n, k), (_, note) in urls.items() if note}
    for name, contestant in contestants.items():
        results["csv"][name] = measure_csv(contestant, urls[name, "csv"][0], args.slow * 5)
        print(f"  CSV {name}: {results['csv'][name]}", flush=True)
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        for round_number in range(args.rounds):
            order = list(contestants)
            order = order[round_number % len(order) :] + order[: round_number % len(order)]
            for key in args.only or LOADED:
                for clients in args.clients:
                    for name in order:
                        url, _ = urls[name, key]
                        if url is None:
                            continue
                        contestant = contestants[name]
                        parts = urlsplit(url)
                        path = parts.path + (f"?{parts.query}" if parts.query else "")
                        outcome = pool.submit(
                            load, contestant.bases, [path], clients, args.duration
                        ).result()
                        outcome.pop("paths")  # one URL: one shape
                        if not contestant.wait_idle():
                            contestant.restart()
                        results["load"].setdefault(f"{key}/{clients}/{name}", []).append(outcome)
                        print(
                            f"  round {round_number + 1} {key:7} c={clients:<3} {name:12} "
                            f"{outcome['rps']:8.1f} req/s  p50 {outcome['p50'] or 0:8.1f} ms  "
                            f"p99 {outcome['p99'] or 0:8.1f} ms  {outcome['statuses']}",
                            flush=True,
                        )
    return results


def run(args) -> dict:
    directory = Path(args.data_dir) / f"n{args.agreements}-s{args.seed}"
    db = prepare_database(args.agreements, args.seed, directory)
    if {"app", "app-uncached"} & set(args.contestants):
        collect_static()
    logs = directory / "logs"
    logs.mkdir(exist_ok=True)
    with serving(db, args.contestants, args, logs) as (contestants, cache_note):
        if args.single_url:
            results = run_single(args, db, contestants)
        else:
            results = run_mixed(args, db, contestants)
    results["cache_note"] = cache_note
    return results


@contextlib.contextmanager
def serving(db: Path | None, names, args, logs: Path, database_url: str = ""):
    """The contestants started (start_contestants) and, whatever happens, stopped with their
    Redis: yields them and the sentence on the app's cache."""
    contestants, redis_server, cache_note = start_contestants(
        db, names, args.workers, args.threads, logs, args.cache_url, database_url
    )
    try:
        yield contestants, cache_note
    finally:
        for contestant in contestants.values():
            contestant.stop()
        if redis_server:
            redis_server.stop()


def collect_static() -> None:
    # Production settings use a hashed manifest; manage.py would collect without one.
    env = {
        **clean_env(),
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


def cell(outcomes: list[dict] | None, note: str = "") -> str:
    if not outcomes:
        return note or "n/a"
    rps, p50, p99 = (median_of(outcomes, f) for f in ("rps", "p50", "p99"))
    bad = sum(v for o in outcomes for k, v in o["statuses"].items() if k != "200")
    warning = f" ⚠ {bad} non-200" if bad else ""
    if any(o.get("wrapped") for o in outcomes):
        warning += " ↻"  # some client reached the end of its slice and started over
    return f"{rps:,.0f} ({p50:,.0f} / {p99:,.0f}){warning}"


def ratio(a: list[dict] | None, b: list[dict] | None) -> str:
    if not a or not b:
        return "–"
    return f"{median_of(a, 'rps') / median_of(b, 'rps'):.2f}"


def mixed_table(results: dict, args) -> str:
    lines = [
        "| workload | clients | app | app, no cache | Datasette | floor | app's page-cache hits "
        "| app/Datasette | app/floor | no cache/Datasette | no cache/floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for mix in args.mixes:
        for clients in args.clients:
            got = {n: results["load"].get(f"{mix}/{clients}/{n}") for n in CONTESTANTS}
            cells = [cell(got[n]) for n in CONTESTANTS]
            ratios = [
                ratio(got[mine], got[other])
                for mine in ("app", "app-uncached")
                for other in ("datasette", "floor")
            ]
            hits = hit_ratio(got["app"]) or ("unknown" if got["app"] else "–")
            lines.append(
                f"| {MIX_LABELS[mix]} | {clients} | {' | '.join([*cells, hits, *ratios])} |"
            )
    return "\n".join(lines)


def single_table(results: dict, args) -> str:
    params, notes = results["params"], results.get("notes", {})
    lines = [
        "| single URL — cache hits | clients | app | app, no cache | Datasette | floor "
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
    servers = (
        f"The app and the floor: gunicorn with the project's gunicorn.conf.py, {args.workers} "
        f"worker processes ({f'{args.threads} threads each' if args.threads else 'sync workers, as shipped'}); "
        f"Datasette: {args.workers} processes, the load generator dealing its clients to them in "
        f"turn. The app's cache: {results['cache_note']}."
    )  # fmt: skip
    clients = " and ".join(str(c) for c in args.clients)
    runs = (
        f"Median of {args.rounds} round{'s' if args.rounds > 1 else ''} of {args.duration:g} s "
        f"each, {clients} clients{' alternating' if len(args.clients) > 1 else ''}; cells: "
        f"requests/s (p50 / p99 latency in ms); ratios compare requests/s."
    )
    head = f"{args.agreements:,} synthetic agreements (seed {args.seed}). {runs}\n{servers}\n"
    if args.single_url:
        params = results["params"]
        return (
            f"{head}Single URL per measurement: the cached app's figures are **cache hits**, all "
            f"but its first request. Filter `country={params['country']}&year={params['year']}` "
            f"selects {params['total']:,}.\nMachine: {machine()}.\n\n{single_table(results, args)}\n"
        )
    workload_lines = "\n".join(f"- {line}" for line in results["workload"].splitlines())
    return (
        f"{head}Mixed workloads (bench/workload.py, seed {args.workload_seed}), every contestant "
        f"replaying the same requests, each client its own slice; the app's cache is emptied "
        f"before each run (↻: a client reached the end of its slice and started over; raise "
        f"--requests):\n{workload_lines}\n\n{results['check']}\n\nMachine: {machine()}.\n\n"
        f"{mixed_table(results, args)}\n"
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
    parser.add_argument(
        "--quick",
        action="store_true",
        help="A small run: 20,000 agreements, 2 rounds of 3 s (unless given otherwise).",
    )
    parser.add_argument("--agreements", type=int, help="Default 200,000 (--quick: 20,000).")
    parser.add_argument("--seed", type=int, default=2017, help="The synthetic data's seed.")
    parser.add_argument("--duration", type=float, help="Seconds per load run (default 10).")
    parser.add_argument("--rounds", type=int, help="Runs per cell; the median is shown (3).")
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--contestants", nargs="+", default=list(CONTESTANTS), choices=CONTESTANTS)
    parser.add_argument("--mixes", nargs="+", default=["list", "detail"], choices=MIX_LABELS)
    parser.add_argument("--requests", type=int, default=20_000, help="Requests in each mix.")
    parser.add_argument(
        "--leave-out", nargs="+", default=[], choices=workload.SHAPES, metavar="SHAPE",
        help="Drop these shapes from the mixes (to see what the others cost on their own).",
    )  # fmt: skip
    parser.add_argument("--workload-seed", type=int, default=1, help="The mixes' seed.")
    parser.add_argument(
        "--check-sample", type=int, default=30, help="Requests of each shape checked first."
    )
    parser.add_argument(
        "--single-url",
        action="store_true",
        help="Instead of the mixes, one URL per measurement (the cached app's are cache hits) "
        "and the CSV export.",
    )
    parser.add_argument("--only", nargs="+", choices=LOADED, help="--single-url: only these.")
    parser.add_argument("--deep-page", type=int, default=200, help="--single-url: the deep page.")
    parser.add_argument(
        "--slow",
        type=float,
        default=60,
        help="--single-url: a request slower than this (a quarter of it, when probing) is not "
        "load-tested.",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=shipped_workers(),
        help="Worker processes of each gunicorn, and Datasette processes (default: "
        "gunicorn.conf.py's, 2 × cores + 1).",
    )
    parser.add_argument(
        "--threads", type=int, help="GUNICORN_THREADS (default: gunicorn.conf.py's, 1)."
    )
    parser.add_argument("--endpoints", help="--single-url: JSON file overriding ENDPOINTS.")
    parser.add_argument(
        "--data-dir", default=str(Path(tempfile.gettempdir()) / "ip-cooperation-bench")
    )
    parser.add_argument("--json", help="Also write the raw results to this file.")
    parser.add_argument(
        "--cache-url", default="", help="The app's CACHE_URL (default: a private redis-server if "
        "installed, else `locmem`: each worker's memory). A given URL is never emptied."
    )  # fmt: skip
    parser.add_argument("--write-readme", action="store_true", help="Put the table in README.md.")
    args = parser.parse_args(argv)
    for name, value in (QUICK if args.quick else DEFAULTS).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
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
