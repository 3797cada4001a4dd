"""Totals of filtered lists, counted once per filter and data version, not once per page.

Every page of one filter has the same total; counting it visits every match, which on a large
filter is most of a page's cost. So the total is kept in the default cache (shared by every
worker when it is Redis) under the filter's parameters and the data version, which every change
raises: totals stay exact. Readers who may see drafts get their own count each time.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from . import caching

# Parameters that choose a page or a format, not the records: one total serves them all.
NOT_FILTERS = {"page", "page_size", "limit", "offset", "cursor", "format", "ordering"}


def key_for(request, view) -> str | None:
    """The cache key of the total the request's filters select, or None to count afresh."""
    user = getattr(request, "user", None)
    if settings.COUNT_CACHE_SECONDS <= 0 or (user is not None and user.is_authenticated):
        return None
    params = sorted(
        (name, sorted(values)) for name, values in request.GET.lists() if name not in NOT_FILTERS
    )
    # The page cache has read the version for this request already, when it looked.
    version = getattr(request, "data_version", None)
    if version is None:
        version = caching.current_version()
    name = getattr(view, "basename", None) or type(view).__name__
    text = repr((version, name, params))
    return "count:" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def cached(key: str | None) -> int | None:
    return None if key is None else cache.get(key)


def remember(key: str | None, total: int) -> None:
    if key is not None:
        cache.set(key, total, settings.COUNT_CACHE_SECONDS)


def count(queryset, key: str | None, known=None) -> int:
    """The total of *queryset*: from the cache, else from *known* (a function that gives it
    without counting the queryset: a sum of Tally rows, a count from a word index) when there is
    one, else counted; and kept."""
    total = cached(key)
    if total is None:
        total = queryset.count() if known is None else known()
        remember(key, total)
    return total
