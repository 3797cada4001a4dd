"""The anonymous rate limit, told to every client: each throttled answer carries how many requests
the window allows, how many are left and when it starts afresh, as GitHub's API does."""

import math

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

LIMIT, REMAINING, RESET = "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"


class AnonRateLimit(AnonRateThrottle):
    """DRF's anonymous throttle, which also notes the client's standing on the request."""

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        history = getattr(self, "history", None)
        if history is not None:  # None: an authenticated request, which is not throttled
            request.rate_limit = self.headers(history, self.now)
        return allowed

    def headers(self, history: list[float], now: float) -> dict:
        """The standing that *history* (newest first, within the window) leaves the client."""
        oldest = history[-1] if history else now
        return {
            LIMIT: self.num_requests,
            REMAINING: max(self.num_requests - len(history), 0),
            RESET: math.ceil(oldest + self.duration),
        }


def add_headers(request, response) -> None:
    """Copy the standing that AnonRateLimit noted onto *response* (nothing when not throttled)."""
    for name, value in getattr(request, "rate_limit", {}).items():
        response[name] = str(value)


def standing(request) -> dict:
    """The client's standing without counting this request, for API answers that DRF's throttle
    never saw: page-cache hits (not counted), the JSON 404, the token endpoint."""
    if not any(issubclass(c, AnonRateLimit) for c in api_settings.DEFAULT_THROTTLE_CLASSES):
        return {}
    throttle = AnonRateLimit()
    key = throttle.cache_format % {"scope": throttle.scope, "ident": throttle.get_ident(request)}
    now = throttle.timer()
    history = [t for t in throttle.cache.get(key, []) if t > now - throttle.duration]
    return throttle.headers(history, now)


class RateLimitHeaders:
    """Every anonymous answer under /api/ tells the client its standing; above the page cache,
    so that a hit tells the standing of the client it answers, not of the one it was made for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        anonymous = "HTTP_AUTHORIZATION" not in request.META
        if request.path.startswith("/api/") and anonymous and REMAINING not in response:
            for name, value in standing(request).items():
                response[name] = str(value)
        return response
