import http.client
import json
import logging
import os
import runpy
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections
from django.urls import include, path

BASE_DIR = Path(__file__).resolve().parent.parent


def _production_env(**overrides: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_PRODUCTION": "true",
        "DJANGO_DEBUG": "false",
    }
    # Only for the tests' Playwright event loop; the deploy check rightly rejects it.
    for development_only in ("DJANGO_SECURE", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(development_only, None)
    env.update(overrides)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments, no shell
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _gunicorn(database_url: str):
    """The production server, with gunicorn.conf.py, in a subprocess on a free loopback port."""
    port = _closed_port()
    env = _production_env(
        DATABASE_URL=database_url, PORT=str(port), WEB_CONCURRENCY="1", GUNICORN_THREADS="2"
    )
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments, no shell
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _get(port: int, url: str, **headers: str) -> http.client.HTTPResponse:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    client.request("GET", url, headers=headers)
    response = client.getresponse()
    response.body = response.read()
    client.close()
    return response


def test_deploy_check_passes_with_production_settings():
    checked = _manage(
        "check", "--deploy", "--fail-level", "WARNING", env=_production_env(DJANGO_SECURE="true")
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_production_manage_py_refuses_to_run_without_a_secret_key():
    checked = _manage("check", env=_production_env(DJANGO_SECRET_KEY=""))

    assert checked.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in checked.stderr


@pytest.mark.parametrize(
    ("production", "storage"),
    [
        ("true", "whitenoise.storage.CompressedManifestStaticFilesStorage"),
        ("false", "django.contrib.staticfiles.storage.StaticFilesStorage"),
    ],
)
def test_collectstatic_for_production_uses_the_manifest_storage(production, storage):
    shown = _manage(
        "shell", "-c", "from django.conf import settings; print(settings.STORAGES['staticfiles'])",
        env=_production_env(DJANGO_PRODUCTION=production),
    )  # fmt: skip

    assert shown.returncode == 0, shown.stderr
    assert storage in shown.stdout


def test_gunicorn_listens_on_loopback_at_the_port_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")

    config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))

    assert config["bind"] == "127.0.0.1:8123"
    assert config["workers"] == 3
    assert config["accesslog"] == "-"
    assert config["timeout"] > 3  # the database connect timeout


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_while_postgresql_is_unreachable():
    with _gunicorn(f"postgres://postgres@127.0.0.1:{_closed_port()}/cooperation") as port:
        response = _get(port, "/healthz")

    assert response.status == 503
    assert json.loads(response.body)["database"] == "unavailable"
    assert response.getheader("Retry-After")


def test_healthz_recovers_without_a_restart_when_the_database_comes_back(tmp_path):
    missing = tmp_path / "not-yet"
    with _gunicorn(f"sqlite:///{missing}/db.sqlite3") as port:
        during = _get(port, "/healthz")
        missing.mkdir()
        after = _get(port, "/healthz")

    assert during.status == 503
    assert after.status == 200
    assert json.loads(after.body) == {"status": "ok", "database": "ok"}


# A test-only urlconf: views that meet a real unreachable database or fail, then the project's.


def _query_an_unreachable_database(request):
    default = connections["default"]
    settings_dict = {**default.settings_dict}
    if default.vendor == "sqlite":
        settings_dict["NAME"] = str(BASE_DIR / "no-such-directory" / "db.sqlite3")
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    unreachable = type(default)(settings_dict, alias="unreachable")
    unreachable.ensure_connection()


def _fail(request):
    raise RuntimeError("a secret detail of the failure")


urlpatterns = [
    path("outage/", _query_an_unreachable_database),
    path("api/v1/outage/", _query_an_unreachable_database),
    path("failure/", _fail),
    # The project's own routes, which the error pages link to.
    path("", include("cooperation.urls")),
]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_page_answers_503_in_html_while_the_database_is_unreachable(client, caplog):
    response = client.get("/outage/")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "30"
    assert b"temporarily unavailable" in response.content
    assert any(r.levelno == logging.ERROR and "/outage/" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("url", "accept"), [("/api/v1/outage/", "*/*"), ("/outage/", "application/json")]
)
def test_the_api_answers_503_in_json_while_the_database_is_unreachable(client, url, accept):
    response = client.get(url, headers={"Accept": accept})

    assert response.status_code == 503
    assert "temporarily unavailable" in response.json()["detail"]
    assert response["Retry-After"] == "30"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_is_logged_and_not_shown(client, caplog):
    client.raise_request_exception = False

    response = client.get("/failure/")

    assert response.status_code == 500
    assert b"secret detail" not in response.content
    [logged] = [r for r in caplog.records if r.name == "django.request"]
    assert logged.levelno == logging.ERROR
    assert "secret detail" in str(logged.exc_info[1])
