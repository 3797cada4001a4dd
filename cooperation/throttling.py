"""The anonymous rate limit, told to every client: each throttled answer carries how many requests
the window allows, how many are left and when it starts afresh, as GitHub's API does."""

import math

from rest_framework.throttling import AnonRateThrottle

LIMIT, REMAINING, RESET = "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"


class AnonRateLimit(AnonRateThrottle):
    """DRF's anonymous throttle, which also notes the client's standing on the request."""

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        history = getattr(self, "history", None)
        if history is not None:  # None: an authenticated request, which is not throttled
            oldest = history[-1] if history else self.now
            request.rate_limit = {
                LIMIT: self.num_requests,
                REMAINING: max(self.num_requests - len(history), 0),
                RESET: math.ceil(oldest + self.duration),
            }
        return allowed


def add_headers(request, response) -> None:
    """Copy the standing that AnonRateLimit noted onto *response* (nothing when not throttled)."""
    for name, value in getattr(request, "rate_limit", {}).items():
        response[name] = str(value)
