from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_PDF_BYTES = 10 * 1024 * 1024


def validate_pdf(upload) -> None:
    """Accept only a real PDF (by its signature, not its name) of at most 10 MB."""
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if head != b"%PDF-":
        raise ValidationError(_("The file is not a PDF."), code="not_pdf")
