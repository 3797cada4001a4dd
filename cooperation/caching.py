"""Anonymous reads served from a cache, keyed by the data version: an edit is visible at once.

Public pages and API answers are the same for every anonymous reader, so the first reader's
response is kept (in the `default` cache: per process by default, shared with CACHE_URL) under
a key made of the data version, the host, the language, the Accept header and the full path.
Any save, delete or many-to-many change of a record raises the version (one UPDATE in the same
transaction), so no reader is served a page older than the last edit; bulk loaders raise it
themselves. Responses also carry an ETag (304 on If-None-Match) and Cache-Control.

Not cached: signed-in users, requests with credentials or a session, anything but a 200,
streamed responses (CSV exports), responses that set cookies, and the admin.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import coverage
from .models import Coverage, DataVersion

TRACKED_APPS = {"cooperation", "agreements", "delegations"}
UNTRACKED = {Coverage, DataVersion}
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Allow", "Vary")
SKIPPED_PREFIXES = ("/admin/", "/files/", "/i18n/", "/language/", "/healthz", "/api/v1/auth/")


def current_version() -> int:
    number = DataVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return number or 0


def bump(using: str = "default") -> None:
    """Raise the data version; every cached page keyed by the old one is no longer served."""
    versions = DataVersion.objects.using(using)
    if not versions.filter(pk=1).update(number=F("number") + 1):
        versions.get_or_create(pk=1, defaults={"number": 1})


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _record_changed(sender, **kwargs):
    model = sender
    if coverage.is_paused():
        return
    if model._meta.app_label in TRACKED_APPS and model not in UNTRACKED:
        if not model.__name__.startswith("Historical"):
            bump()


class AnonymousReadCache:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable(request):
            return self.get_response(request)
        try:
            key = self._key(request, current_version())
        except DatabaseError:
            return self.get_response(request)  # the outage middleware answers 503
        kept = cache.get(key)
        if kept is not None:
            content, headers, etag = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["ETag"] = etag
            response["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not self._keepable(response):
                return response
            etag = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
            headers = [(n, response[n]) for n in KEPT_HEADERS if response.has_header(n)]
            cache.set(key, (response.content, headers, etag), settings.PAGE_CACHE_SECONDS)
            response["ETag"] = etag
            response["X-Cache"] = "miss"
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        return response

    @staticmethod
    def _cacheable(request) -> bool:
        if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
            return False
        if request.path.startswith(SKIPPED_PREFIXES) or "HTTP_AUTHORIZATION" in request.META:
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        return not request.user.is_authenticated

    @staticmethod
    def _key(request, version: int) -> str:
        parts = [
            str(version),
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.META.get("HTTP_ACCEPT", ""),
            request.get_full_path(),
        ]
        digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
        return f"page:{digest}"

    @staticmethod
    def _keepable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        )
