#!/usr/bin/env python
"""Fuzz every operation of the REST API with schemathesis and every check, anonymously and with a token.

    .venv/bin/python scripts/fuzz_api.py [--max-examples 40] [--seconds 600] [--seed 2017]

Starts `manage.py runserver` on a free loopback port against a fresh SQLite database in a
temporary folder (or --database-url, which it migrates and seeds), with django-axes off and the
anonymous throttle raised, so that the run measures the API and not its brakes. It loads the
report's seed data, creates a superuser, gets a token from /api/v1/auth/token/, and runs every
operation twice: as an anonymous reader, then with `Authorization: Token ...` (reads, writes and
deletes). Each case is generated valid and invalid, and its answer goes through every check of
tests/schemathesis_checks.py: server errors, status codes, content types, headers and bodies
against the schema, invalid input refused, valid input accepted, undeclared methods, auth.

Prints the number of cases tried and the failures per check; exits 1 on any failure or dropped
connection. The run is bounded: at most --max-examples cases per operation, mode and identity,
and no new operation starts after --seconds.
"""

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from tests.schemathesis_checks import EVERY_CHECK  # noqa: E402 - after the project is on the path

MANAGE = [sys.executable, str(BASE_DIR / "manage.py")]
SCHEMA_PATH = "/api/v1/schema/?format=json"
CREATE_SUPERUSER = """
from django.contrib.auth.models import User
user, _ = User.objects.get_or_create(username="fuzz")
user.is_staff = user.is_superuser = True
user.set_password({password!r})
user.save()
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments, no shell
        [*MANAGE, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode:
        sys.exit(f"manage.py {args[0]} failed:\n{result.stderr}")
    return result.stdout


def server_env(database_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "DJANGO_AXES_ENABLED": "false",
        "API_ANON_RATE": "1000000/minute",
    }
    env.pop("DJANGO_PRODUCTION", None)
    return env


def start_server(env: dict[str, str], port: int, log) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments, no shell
        [*MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"the server did not start; see {log.name}")
            time.sleep(0.1)
    server.terminate()
    sys.exit("the server did not open its port within 30 seconds")


def get_token(base: str, password: str) -> str:
    response = requests.post(
        f"{base}/api/v1/auth/token/", data={"username": "fuzz", "password": password}, timeout=30
    )
    response.raise_for_status()
    return response.json()["token"]


def fuzz(base: str, token: str, args) -> tuple[int, list[str], Counter]:
    schema = schemathesis.openapi.from_url(base + SCHEMA_PATH)
    operations = [result.ok() for result in schema.get_all_operations()]
    identities = {"anonymous": {}, "token": {"Authorization": f"Token {token}"}}
    deadline = time.monotonic() + args.seconds
    tried = 0
    statuses: Counter = Counter()
    failures: list[str] = []
    print(
        f"{len(operations)} operations, at most {args.max_examples} cases each per mode and identity"
    )
    for who, headers in identities.items():
        for operation in operations:
            if time.monotonic() > deadline:
                print(f"time is up before {operation.verbose_name} ({who})", flush=True)
                break
            for mode in GenerationMode:
                # A failure is recorded and the run goes on: no shrinking, every operation gets its turn.
                @seed(args.seed)
                @settings(
                    max_examples=args.max_examples, database=None, deadline=None,
                    phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
                )  # fmt: skip
                @given(case=operation.as_strategy(generation_mode=mode))
                def one_case(case):
                    nonlocal tried
                    tried += 1
                    try:
                        response = case.call(base_url=base, headers=headers, timeout=60)  # noqa: B023
                    except requests.RequestException as error:
                        failures.append(f"{case.method} {case.formatted_path}: no answer ({error})")
                        return
                    statuses[response.status_code // 100 * 100] += 1
                    try:
                        case.validate_response(response, checks=EVERY_CHECK, headers=headers)  # noqa: B023
                    except (AssertionError, FailureGroup) as error:
                        curl = case.as_curl_command(headers=headers)  # noqa: B023
                        # Called within its iteration: `who` and `mode` are this loop's.
                        failures.append(f"[{who}, {mode.value}] {error}\n    {curl}")  # noqa: B023

                try:
                    one_case()
                except Unsatisfiable:
                    pass  # no invalid case exists for this operation
    return tried, failures, statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--database-url", help="default: a new SQLite file in a temporary folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="fuzz-api-") as folder:
        database_url = args.database_url or f"sqlite:///{folder}/fuzz.sqlite3"
        env = server_env(database_url)
        password = secrets.token_urlsafe(24)
        manage("migrate", "--noinput", "-v0", env=env)
        manage("load_seed", env=env)
        manage("shell", "-c", CREATE_SUPERUSER.format(password=password), env=env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log_path = Path(folder) / "server.log"
        started = time.monotonic()
        with open(log_path, "w") as log:
            server = start_server(env, port, log)
            try:
                tried, failures, statuses = fuzz(base, get_token(base, password), args)
            finally:
                server.terminate()
                server.wait(timeout=30)
        elapsed = time.monotonic() - started
        if failures:
            print(log_path.read_text()[-4000:])

    by_class = ", ".join(f"{code // 100}xx: {n}" for code, n in sorted(statuses.items()))
    print(f"cases tried: {tried} in {elapsed:.0f} s ({by_class})")
    print(f"failures or dropped connections: {len(failures)}")
    for failure in failures[:20]:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
