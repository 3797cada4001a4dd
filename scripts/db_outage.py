#!/usr/bin/env python
"""Outage drill: stop the local PostgreSQL under the production server, then start it again.

    .venv/bin/python scripts/db_outage.py

Checks that while the database is down /healthz, the API and a catalogue page answer 503 quickly
(no worker hangs), and that once it is back they answer 200 again without a restart of the
server; prints the time to recovery. Loopback only; PostgreSQL is started again whatever happens.
Stopping the cluster interrupts everyone using it: do not run it while others test against it.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from production_server import get, production_server

PROBES = ["/healthz", "/api/v1/agreements/", "/agreements/"]
SLOWEST_ACCEPTABLE = 10.0  # seconds for one answer during the outage; connect_timeout is 3


def cluster(action: str, version: str) -> None:
    subprocess.run(  # noqa: S603 - fixed command, our own arguments
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],  # noqa: S607
        check=True, timeout=120,
    )  # fmt: skip


def postgres_ready() -> bool:
    ready = subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], timeout=30)  # noqa: S603, S607
    return ready.returncode == 0


def wait_for(status: int, port: int, limit: float) -> tuple[float, dict[str, tuple[int, float]]]:
    """Seconds until every probe answers *status*, and the last answers; exits after *limit*."""
    started = time.monotonic()
    while True:
        answers = {path: get(port, path) for path in PROBES}
        if all(answer[0] == status for answer in answers.values()):
            return time.monotonic() - started, answers
        if time.monotonic() - started > limit:
            raise SystemExit(f"Still not {status} after {limit:g} s: {answers}")
        time.sleep(0.2)


def show(answers: dict[str, tuple[int, float]]) -> None:
    for path, (status, seconds) in answers.items():
        print(f"  {path:<24} {status}  in {seconds * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--version", help="PostgreSQL cluster version (default: the one installed)."
    )
    args = parser.parse_args()
    version = args.version or sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    if not postgres_ready():
        raise SystemExit("PostgreSQL is not running on 127.0.0.1; start it first.")

    log = Path(tempfile.gettempdir()) / "db-outage-server.log"
    failed = False
    with production_server(log) as port:
        _, answers = wait_for(200, port, limit=60)
        print("Before the outage:")
        show(answers)
        try:
            cluster("stop", version)
            print(f"PostgreSQL {version} stopped.")
            took, answers = wait_for(503, port, limit=30)
            print(f"During the outage (all 503 after {took:.1f} s):")
            show(answers)
            slow = [path for path, (_, seconds) in answers.items() if seconds > SLOWEST_ACCEPTABLE]
            if slow:
                print(f"Too slow to answer during the outage: {slow}")
                failed = True
        finally:
            restarted = time.monotonic()
            cluster("start", version)
            print(f"PostgreSQL {version} started again.")
        took, answers = wait_for(200, port, limit=60)
        print(f"After the outage: all 200 again {time.monotonic() - restarted:.1f} s after the")
        print(f"start command was issued ({took:.1f} s after it returned), without a restart:")
        show(answers)
    print(f"server log: {log}")
    if not postgres_ready():
        print("PostgreSQL is NOT ready again; start it by hand.")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
