"""Start scripts/serve-production on a free loopback port, for the load and outage scripts."""

import http.client
import os
import secrets
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/cooperation"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 15) -> tuple[int, float]:
    """Status and seconds taken of one GET; status 0 when the server did not answer."""
    started = time.perf_counter()
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request("GET", path, headers={"Accept": "text/html,application/json"})
        response = client.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0
    finally:
        client.close()
    return status, time.perf_counter() - started


@contextmanager
def production_server(log_path: Path, seed: bool = False, **env: str):
    """Yield the port of a running production server; stop it on the way out."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL", LOCAL_POSTGRES),
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "PORT": str(port),
        **env,
    }
    if seed:
        subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [str(BASE_DIR / ".venv/bin/python"), "manage.py", "migrate", "-v0"],
            cwd=BASE_DIR, env=env, check=True, timeout=300,
        )  # fmt: skip
        subprocess.run(  # noqa: S603
            [str(BASE_DIR / ".venv/bin/python"), "manage.py", "load_seed"],
            cwd=BASE_DIR, env=env, check=True, timeout=300, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    with log_path.open("w") as log:
        server = subprocess.Popen(  # noqa: S603
            [str(BASE_DIR / "scripts/serve-production")],
            cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while get(port, "/healthz", timeout=5)[0] != 200:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"The production server did not start; see {log_path}.")
                time.sleep(0.5)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
