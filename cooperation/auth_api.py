"""API sign-in: a token for a username and password, behind the same lockout as the admin login;
and the API's error answers, in one shape (see cooperation.api_schema.ERROR) for every 4xx under
/api/: request bodies that are too large, and paths that match no route."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found as site_page_not_found
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ParseError
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"


class TokenLoginView(ObtainAuthToken):
    """POST `username` and `password`, get `{"token": ...}` for `Authorization: Token ...`.
    After five wrong passwords from one address the account is locked there (429) until an
    administrator unlocks it."""

    # Credentials, not cookies, authenticate this request: no session, so no CSRF token needed.
    authentication_classes = ()

    def get_serializer_context(self):
        # Django's own HttpRequest, not DRF's wrapper: axes flags a lockout on the request that
        # authenticate() receives, and AxesMiddleware only sees flags set on Django's request.
        return {**super().get_serializer_context(), "request": self.request._request}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: axes' own message, as JSON for API clients."""
    message = _("Account locked: too many failed logins. An administrator can unlock it.")
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=settings.AXES_HTTP_RESPONSE_CODE)
    return HttpResponse(message, status=settings.AXES_HTTP_RESPONSE_CODE)


def exception_handler(exc, context):
    """DRF's handler, plus a JSON 400 for bodies over Django's limits (otherwise an HTML page)."""
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        exc = ParseError(_("The request body is larger than %(limit)d bytes.") % {"limit": limit})
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = ParseError(_("The request has too many fields or files."))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # `raise ValidationError("...")` outside a serializer: a message about no one field.
        response.data = {"non_field_errors": response.data}
    return response


def page_not_found(request, exception):
    """handler404: under /api/, the API's error shape in JSON; elsewhere the site's page."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("No page at this address.")}, status=404)
    return site_page_not_found(request, exception)
