"""The health check that a load balancer or process supervisor polls."""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 when the primary database answers a query, 503 otherwise; no other dependency.

    Replicas are not asked: the router leaves out one that does not answer, and one lost replica
    must not take every app server out of the load balancer."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database unavailable: %s", error)
        response = JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
        response["Retry-After"] = "10"
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


# Included by cooperation/urls.py as "healthz", so the project urlconf needs one line only.
urlpatterns = [path("", healthz, name="healthz")]
