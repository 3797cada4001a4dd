#!/usr/bin/env python
"""Load test of the production server on loopback: N concurrent clients for S seconds.

    .venv/bin/python scripts/load_test.py [--clients 64] [--seconds 60] [--seed]

Starts scripts/serve-production against DATABASE_URL (default: the local PostgreSQL database
"cooperation"), with the anonymous API throttle raised so that the test measures the server, not
the throttle; or measures a server already running on loopback with --port. Each client asks in
turn for the catalogue's home page, its agreement list and the API's 2017 agreements. Prints the
requests served, errors, and the median and 99th-percentile latency.
"""

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from production_server import production_server

PATHS = ["/", "/agreements/", "/api/v1/agreements/?year=2017"]


def client_loop(port: int, deadline: float, results: list, lock: threading.Lock) -> None:
    own: list[tuple[str, int, float]] = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    turn = 0
    while time.monotonic() < deadline:
        path = PATHS[turn % len(PATHS)]
        turn += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
        own.append((path, status, time.perf_counter() - started))
    connection.close()
    with lock:
        results.extend(own)


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else 0


def run(port: int, clients: int, seconds: float) -> list[tuple[str, int, float]]:
    results: list[tuple[str, int, float]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client_loop, args=(port, deadline, results, lock))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return results


def report(results: list[tuple[str, int, float]], seconds: float) -> int:
    errors = [r for r in results if not 200 <= r[1] < 400]
    print(f"requests served: {len(results)} ({len(results) / seconds:.0f}/s)")
    print(
        f"errors: {len(errors)}  statuses: {dict(sorted(Counter(r[1] for r in results).items()))}"
    )
    for path in [None, *PATHS]:
        latencies = [r[2] * 1000 for r in results if path is None or r[0] == path]
        print(
            f"  {path or 'all':<32} n={len(latencies):<7} p50={percentile(latencies, 50):7.1f} ms"
            f"  p99={percentile(latencies, 99):7.1f} ms"
        )
    return 1 if errors or not results else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, help="Measure a server already on 127.0.0.1:PORT.")
    parser.add_argument("--seed", action="store_true", help="Migrate and load the 2017 data first.")
    args = parser.parse_args()
    print(f"{args.clients} clients for {args.seconds:g} s on {', '.join(PATHS)}")
    if args.port:
        return report(run(args.port, args.clients, args.seconds), args.seconds)
    log = Path(tempfile.gettempdir()) / "load-test-server.log"
    with production_server(log, seed=args.seed, API_ANON_RATE="1000000/minute") as port:
        results = run(port, args.clients, args.seconds)
    print(f"server log: {log}")
    return report(results, args.seconds)


if __name__ == "__main__":
    sys.exit(main())
