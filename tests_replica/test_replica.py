"""Reads go to a real streaming replica, writes never do, and an editor sees an edit at once.

Against the replica that scripts/replica starts on port 5433 (see conftest.py). A replica only
sees committed data, so every test commits (transaction=True). Replication lag is made real by
pausing the replica's replay.
"""

import time

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.db import DatabaseError, connections, router, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agreements.models import Agreement
from cooperation import db_router
from tests.factories import AgreementFactory, OfficeFactory
from tests_replica.replication import paused_replay, wait_for_replay

pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")

REPLICA = "replica1"
DETAIL = "/api/v1/agreements/kept/"


def server(alias: str) -> tuple[bool, str]:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_setting('port')")
        return cursor.fetchone()


class Queries:
    """The queries each database ran inside the block."""

    def __init__(self):
        self.captured = {a: CaptureQueriesContext(connections[a]) for a in ("default", REPLICA)}

    def __enter__(self):
        for capture in self.captured.values():
            capture.__enter__()
        return self

    def __exit__(self, *exc):
        for capture in self.captured.values():
            capture.__exit__(*exc)

    def on(self, alias: str) -> list[str]:
        return [query["sql"] for query in self.captured[alias].captured_queries]


def only_the_data_version(sql: list[str]) -> bool:
    return all("cooperation_dataversion" in statement for statement in sql)


def token_client(username: str, *codenames: str) -> APIClient:
    user = User.objects.create(username=username, is_staff=True)
    for codename in codenames:
        app_label, name = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=name))  # fmt: skip
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def same_credentials(client: APIClient) -> APIClient:
    """The same token, without the cookies the first client kept: as a script would send it."""
    fresh = APIClient()
    fresh.credentials(HTTP_AUTHORIZATION=client._credentials["HTTP_AUTHORIZATION"])
    return fresh


@pytest.fixture
def agreement():
    record = AgreementFactory(slug="kept", title="Before", year=2017, parties=[OfficeFactory()])
    wait_for_replay()
    return record


@pytest.fixture
def editor():
    return token_client(
        "editor", "agreements.change_agreement", "cooperation.publish_activity"
    )  # fmt: skip


def test_the_replica_alias_is_a_read_only_standby_of_the_primary(agreement):
    assert server("default") == (False, "5432")
    assert server(REPLICA) == (True, "5433")
    assert Agreement.objects.using(REPLICA).get(slug="kept").title == "Before"
    with pytest.raises(DatabaseError, match="read-only"):
        Agreement.objects.using(REPLICA).filter(slug="kept").update(title="Written")
    assert router.db_for_write(Agreement) == "default"
    assert not router.allow_migrate(REPLICA, "agreements")


def test_only_reads_in_a_request_go_to_the_replica(agreement):
    chosen = []

    def view(request):
        chosen.append(router.db_for_read(Agreement))
        with transaction.atomic():  # a transaction reads what it writes: the primary
            chosen.append(router.db_for_read(Agreement))
        return HttpResponse()

    middleware = db_router.ReplicaReads(view)
    requests = RequestFactory()
    middleware(requests.get("/agreements/"))
    middleware(requests.post("/api/v1/agreements/"))
    middleware(requests.get("/admin/agreements/agreement/"))
    assert chosen == [REPLICA, "default", "default", "default", "default", "default"]
    assert router.db_for_read(Agreement) == "default"  # outside requests: commands, shells


def test_anonymous_and_signed_in_reads_run_on_the_replica(agreement):
    reader = token_client("reader", "agreements.view_agreement")
    wait_for_replay()  # its token
    with Queries() as queries:
        assert Client().get(DETAIL).json()["title"] == "Before"
        assert Client().get("/agreements/kept/").status_code == 200
        assert reader.get(DETAIL).json()["title"] == "Before"
        export = Client().get("/api/v1/agreements/?format=csv")
        rows = b"".join(export.streaming_content).decode()  # streamed after the middleware
    assert "Before" in rows
    assert len(queries.on(REPLICA)) > 10
    # The primary answered only the data version that the page cache keys pages on.
    assert only_the_data_version(queries.on("default")), queries.on("default")
    assert Client().get("/healthz").status_code == 200  # which queries the replica too


def test_writes_never_reach_the_replica(agreement, editor):
    with Queries() as queries:
        response = editor.patch(DETAIL, {"title": "After"}, format="json")
    assert response.status_code == 200, response.content
    assert queries.on(REPLICA) == []
    assert any(sql.startswith("UPDATE") for sql in queries.on("default"))
    assert response.cookies[db_router.COOKIE]["max-age"] == 10


def test_an_edit_is_visible_to_its_author_at_once_while_the_replica_lags(
    agreement, editor, settings
):
    settings.DATABASE_REPLICA_PIN_SECONDS = 1
    with paused_replay(REPLICA):
        assert editor.patch(DETAIL, {"title": "After"}, format="json").status_code == 200
        assert Agreement.objects.using(REPLICA).get(slug="kept").title == "Before"  # it lags
        with Queries() as queries:
            # The author, by token alone (a cache marker) and with the cookie it was given.
            assert same_credentials(editor).get(DETAIL).json()["title"] == "After"
            assert editor.get(DETAIL).json()["title"] == "After"
        assert queries.on(REPLICA) == []
        with Queries() as queries:
            # Everybody else: the replica has not replayed the data version yet, so the primary
            # answers, and no page built from older rows is cached under the new version.
            assert token_client("reader").get(DETAIL).json()["title"] == "After"
            anonymous = Client().get(DETAIL)
        assert anonymous.json()["title"] == "After" and anonymous["X-Cache"] == "miss"
        assert only_the_data_version(queries.on(REPLICA)), queries.on(REPLICA)
    # Replayed, and the author's pin has expired: the author reads the replica again.
    time.sleep(1.1)
    with Queries() as queries:
        assert same_credentials(editor).get(DETAIL).json()["title"] == "After"
    assert not only_the_data_version(queries.on(REPLICA))


def test_a_browser_session_reads_the_primary_after_a_write_and_the_admin_always(agreement):
    browser = Client()
    browser.force_login(User.objects.create_superuser("chief", email=None, password=None))
    with paused_replay(REPLICA):
        response = browser.patch(DETAIL, {"title": "After"}, content_type="application/json")
        assert response.status_code == 200, response.content
        cache.clear()  # without the marker, the cookie alone pins the browser
        with Queries() as queries:
            assert browser.get(DETAIL).json()["title"] == "After"
            assert b"After" in browser.get("/agreements/kept/").content
        assert queries.on(REPLICA) == []
    browser.cookies.pop(db_router.COOKIE)
    with Queries() as queries:
        assert browser.get("/admin/agreements/agreement/").status_code == 200
    assert queries.on(REPLICA) == [] and queries.on("default")


def test_a_replica_that_does_not_answer_is_left_out(agreement, monkeypatch):
    connections[REPLICA].close()
    monkeypatch.setitem(connections[REPLICA].settings_dict, "PORT", "1")
    assert Client().get(DETAIL).json()["title"] == "Before"  # from the primary
    assert REPLICA in db_router._unavailable
    monkeypatch.undo()
    connections[REPLICA].close()
    # Another URL (so not the page cache): still left out, no wait.
    assert Client().get(DETAIL, {"format": "json"}).status_code == 200
