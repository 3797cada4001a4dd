"""Answer 503 rather than 500 while the database is unreachable."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def _wants_json(request) -> bool:
    if request.path.startswith("/api/"):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into a short 503 that tells the visitor to come back.

    The page is built without templates or context processors, because those may query the
    database again. Django discards the broken connection at the end of the request and opens
    a new one on the next, so service resumes by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable while serving %s %s: %s", request.method, request.path, exception
        )
        message = _("The database is temporarily unavailable. Please try again in a minute.")
        if _wants_json(request):
            response = JsonResponse({"detail": message}, status=503)
        else:
            title = _("Service temporarily unavailable")
            response = HttpResponse(
                f'<!doctype html>\n<html lang="{escape(get_language() or "en")}">'
                f'<head><meta charset="utf-8"><title>{escape(title)}</title></head>'
                f"<body><h1>{escape(title)}</h1><p>{escape(message)}</p></body></html>\n",
                status=503,
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
