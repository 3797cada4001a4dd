"""Private files: signed agreements are served to signed-in staff only, never from MEDIA_ROOT."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from agreements.models import Agreement


@require_safe
@never_cache
@staff_member_required
def agreement_document(request, slug: str):
    if not request.user.has_perm("agreements.view_agreement"):
        raise PermissionDenied
    agreement = get_object_or_404(Agreement, slug=slug)
    if not agreement.signed_document:
        raise Http404
    try:
        handle = agreement.signed_document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, content_type="application/pdf", as_attachment=True, filename=f"{agreement.slug}.pdf"
    )
