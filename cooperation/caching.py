"""Anonymous reads served from a cache, checked against the data version: an edit is visible at once.

Public pages and API answers are the same for every anonymous reader, so the first reader's
response is kept (in the `default` cache: per process by default, shared with CACHE_URL) under
a key made of the host, the language, the Accept header and the full path, together with the
data version it was made at; it is served only while that is still the version. Any save,
delete or many-to-many change of a record raises the version (one UPDATE in the same
transaction), so no reader is served a page older than the last edit; bulk loaders raise it
themselves. With a shared cache (Redis) the version is kept there as well, set when the change
commits, and read with the page in one round trip, so a hit needs no database round trip and a
miss one round trip before its page is made. Responses also carry an ETag (304 on
If-None-Match) and Cache-Control.

Not cached: signed-in users, requests with credentials or a session, anything but a 200,
streamed responses (CSV exports), responses that set cookies, and the admin.
"""

import hashlib
import logging

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from . import coverage
from .models import Coverage, DataVersion

TRACKED_APPS = {"cooperation", "agreements", "delegations"}
UNTRACKED = {Coverage, DataVersion}
# A client's standing against the rate limit belongs to the client the miss was made for; a hit
# is not counted and tells its own client's standing (cooperation.throttling.RateLimitHeaders).
NOT_KEPT = {"set-cookie", "x-cache", "content-length", "x-ratelimit-remaining", "x-ratelimit-reset"}
SKIPPED_PREFIXES = (
    "/admin/", "/files/", "/i18n/", "/language/", "/healthz", "/api/v1/auth/", "/static/",
)  # fmt: skip


logger = logging.getLogger(__name__)

VERSION_KEY = "data-version"
# A bound on how long a version kept in the shared cache is trusted without asking the database:
# two commits whose callbacks interleave could leave the older number there, for this long.
VERSION_TTL = 60


def shared() -> bool:
    """Whether every worker reads the same cache (Redis), so the version can live there too."""
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def current_version() -> int:
    """The data version: from the shared cache when there is one (a hit then costs no database
    round trip), else from the database."""
    if shared():
        number = cache.get(VERSION_KEY)
        if number is not None:
            return number
    number = _stored_version()
    if shared():
        cache.add(VERSION_KEY, number, VERSION_TTL)  # a number set by a newer commit wins
    return number


def _stored_version() -> int:
    # Plain SQL: on a cache hit, compiling the ORM's query would be a quarter of the work.
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        row = cursor.fetchone()
    return row[0] if row else 0


_VERSION_SQL = f"SELECT number FROM {DataVersion._meta.db_table} WHERE id = 1"  # noqa: S608


def bump(using: str = "default") -> None:
    """Raise the data version; every cached page keyed by the old one is no longer served."""
    versions = DataVersion.objects.using(using)
    if not versions.filter(pk=1).update(number=F("number") + 1):
        versions.get_or_create(pk=1, defaults={"number": 1})
    if shared():
        # Once committed, readers of the shared cache must see the new number at once.
        transaction.on_commit(_publish_version, using=using)


def _publish_version() -> None:
    try:
        cache.set(VERSION_KEY, _stored_version(), VERSION_TTL)
    except Exception:  # a cache outage must not fail a write that has committed
        logger.exception(
            "could not publish the data version; readers catch up within %ss", VERSION_TTL
        )


def _record_changed(sender, **kwargs):
    if not coverage.is_paused():  # a bulk loader raises the version once at the end
        bump()


def connect_signals() -> None:
    """Per model rather than for every sender: a delete signal with no sender would keep Django
    from deleting any other model's rows in bulk."""
    for label in TRACKED_APPS:
        for model in global_apps.get_app_config(label).get_models(include_auto_created=True):
            if model in UNTRACKED or model.__name__.startswith("Historical"):
                continue
            uid = f"data-version-{model._meta.label}"
            post_save.connect(_record_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_record_changed, sender=model, dispatch_uid=uid)
            m2m_changed.connect(_record_changed, sender=model, dispatch_uid=uid)


def _look_up(key: str) -> tuple[int, tuple | None]:
    """The data version and what is kept under *key*, in one round trip to a shared cache. A page
    is kept with the version it was made at, and served only while that is still the version."""
    if shared():
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        return (current_version() if version is None else version), found.get(key)
    return current_version(), cache.get(key)


class AnonymousReadCache:
    """Near the top of the middleware: a hit skips sessions, authentication, CSRF and the view.

    A response is kept with every header that the inner middleware gave it (CSP, frame options,
    Vary, language), so a hit is answered as the miss was. Anonymity is judged from the request
    alone: no session cookie and no Authorization header means no signed-in user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable(request):
            return self.get_response(request)
        key = self._key(request)
        try:
            request.data_version, kept = _look_up(key)
        except DatabaseError:
            return self.get_response(request)  # the outage middleware answers 503
        if kept is not None and kept[0] == request.data_version:
            _version, content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return get_conditional_response(request, etag=response["ETag"], response=response)
        response = self.get_response(request)
        if self._keepable(response):
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
            # The language cookie changes the page: browsers and proxies must not mix them up.
            patch_vary_headers(response, ("Cookie",))
            if not response.has_header("ETag"):
                set_response_etag(response)
            headers = [(n, v) for n, v in response.items() if n.lower() not in NOT_KEPT]
            kept = (request.data_version, response.content, headers)
            cache.set(key, kept, settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable(request) -> bool:
        if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
            return False
        if request.path.startswith(SKIPPED_PREFIXES) or "HTTP_AUTHORIZATION" in request.META:
            return False
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    @staticmethod
    def _key(request) -> str:
        parts = [
            request.scheme,
            request.get_host(),
            translation.get_language_from_request(request),
            request.META.get("HTTP_ACCEPT", ""),
            request.get_full_path(),
        ]
        digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
        return f"page:{digest}"

    @staticmethod
    def _keepable(response) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in control
            and "no-store" not in control
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        )
