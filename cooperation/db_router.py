"""Reads from PostgreSQL streaming replicas, writes to the primary (DATABASE_REPLICA_URLS).

Installed by the settings only when replicas are configured; without them nothing here runs.

A streaming replica replays the primary's changes a few milliseconds behind it, and now and then
seconds behind. Reading from one is safe only where that lag cannot show, hence these rules:

- Only web requests read from a replica (ReplicaReads says which one). Management commands,
  migrations and shells read the primary, so a command that writes and reads back sees its write.
- A request that writes (any method but GET, HEAD, OPTIONS, TRACE) reads the primary too, and so
  does everything under /admin/.
- Read-your-writes: after a write that succeeded, the same client reads the primary for
  DATABASE_REPLICA_PIN_SECONDS (longer than a normal lag), so an editor sees the edit at once.
  The client is recognised by a cookie (browsers) and by a marker kept in the cache under its
  credentials (API tokens, sessions). With several app servers the cache must be shared (Redis).
- Inside a transaction.atomic block reads follow the writes to the primary: a transaction must
  see what it wrote.
- A request reads a replica only if that replica has replayed the data version that the page
  cache and the totals key this request on; otherwise a page built from older rows would be kept
  under the newer version and served as current. So anonymous readers see an edit at once too.
- One replica is chosen per request, so a page's queries do not mix two replicas' states. A
  replica that does not answer is left out for RETRY_SECONDS; its readers go to the primary.
"""

import contextvars
import hashlib
import logging
import random
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import FileResponse

from . import caching
from .models import DataVersion

PRIMARY = "default"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
COOKIE = "primary_reads"
RETRY_SECONDS = 30

logger = logging.getLogger(__name__)

# The alias that reads use in the current context: set per request by ReplicaReads (a context
# variable, so each thread and each request has its own); the primary everywhere else.
_reads: contextvars.ContextVar[str] = contextvars.ContextVar("database_for_reads", default=PRIMARY)
# Replicas that failed to answer, with the time (time.monotonic) from which to try them again.
_unavailable: dict[str, float] = {}


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = _reads.get()
        if alias != PRIMARY and connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return alias

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # replicas receive the primary's schema by replication


class ReplicaReads:
    """Chooses, for each request, the database its reads use; placed outside the session and
    authentication middleware, so that loading the session and the user follows the choice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        alias = _alias_for(request)
        token = _reads.set(alias)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if request.method not in SAFE_METHODS:
            if response.status_code < 400:
                _pin(request, response)
        elif alias != PRIMARY and response.streaming and not response.is_async:
            if not isinstance(response, FileResponse):  # files need no query; keep sendfile
                response.streaming_content = _reading_from(alias, response.streaming_content)
        return response


def _alias_for(request) -> str:
    if (
        request.method not in SAFE_METHODS
        or request.path.startswith("/admin/")
        or COOKIE in request.COOKIES
        or _wrote_recently(request)
    ):
        return PRIMARY
    return _caught_up_replica(request)


def _marker(request) -> str | None:
    credential = request.META.get("HTTP_AUTHORIZATION") or request.COOKIES.get(
        settings.SESSION_COOKIE_NAME
    )
    if not credential:
        return None
    return "primary-reads:" + hashlib.blake2b(credential.encode(), digest_size=16).hexdigest()


def _wrote_recently(request) -> bool:
    key = _marker(request)
    if key is None:
        return False
    try:
        return cache.get(key) is not None
    except Exception:  # a cache outage: the primary is always right
        logger.exception("could not read the read-your-writes marker")
        return True


def _pin(request, response) -> None:
    """After a write, this client reads the primary until the replicas have surely caught up."""
    seconds = settings.DATABASE_REPLICA_PIN_SECONDS
    key = _marker(request)
    if key is not None:
        try:
            cache.set(key, 1, seconds)
        except Exception:
            logger.exception("could not keep the read-your-writes marker")
    response.set_cookie(
        COOKIE, "1", max_age=seconds, secure=settings.SESSION_COOKIE_SECURE, httponly=True,
        samesite="Lax",
    )  # fmt: skip


def _caught_up_replica(request) -> str:
    now = time.monotonic()
    candidates = [a for a in settings.DATABASE_REPLICAS if _unavailable.get(a, 0) <= now]
    if not candidates:
        return PRIMARY
    alias = random.choice(candidates)  # noqa: S311 - spreads load, no secret involved
    try:
        version = getattr(request, "data_version", None)
        if version is None:
            # Kept on the request, so the totals cached during it use the version checked here.
            version = request.data_version = caching.current_version()
    except DatabaseError:
        return PRIMARY  # the primary is down; the view's query will answer 503
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(_VERSION_SQL)
            row = cursor.fetchone()
    except DatabaseError as error:
        logger.warning("replica %s unavailable for %ss: %s", alias, RETRY_SECONDS, error)
        _unavailable[alias] = now + RETRY_SECONDS
        return PRIMARY
    _unavailable.pop(alias, None)
    return alias if (row[0] if row else 0) >= version else PRIMARY


_VERSION_SQL = f"SELECT number FROM {DataVersion._meta.db_table} WHERE id = 1"  # noqa: S608


def _reading_from(alias: str, chunks):
    """A streamed response (CSV export) runs its queries after the middleware has returned."""
    chunks = iter(chunks)
    while True:
        token = _reads.set(alias)
        try:
            chunk = next(chunks, None)
        finally:
            _reads.reset(token)
        if chunk is None:
            return
        yield chunk
