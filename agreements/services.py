"""Writes of an agreement's status over time: each change is a row and a new version of the
agreement, through cooperation.services, so history, versions and the cache follow as for any save.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from cooperation import services

from .models import Agreement, StatusChange


@transaction.atomic
def record_status_change(
    *,
    agreement: Agreement,
    status: str,
    date: str,
    passage=None,
    staff_reference: str = "",
    note: str = "",
    user=None,
    seen_version: int | None = None,
) -> StatusChange:
    """Record that *agreement* took *status* on *date* (partial), as *passage* or
    *staff_reference* says; refused with a ValidationError naming the field otherwise."""
    change = StatusChange(
        agreement=agreement,
        status=status,
        date=(date or "").strip(),
        passage=passage,
        staff_reference=(staff_reference or "").strip(),
        note=(note or "").strip(),
    )
    change.full_clean(exclude=["agreement"], validate_constraints=False)
    earlier = list(agreement.status_changes.all())
    agreement.check_status_change(change, earlier)
    if any(c.status == change.status and c.date == change.date for c in earlier):
        raise ValidationError({"status": _("This status change is recorded already.")})
    try:
        with transaction.atomic():
            change._history_user = user
            change.save()
    except IntegrityError as error:
        raise ValidationError({"status": str(error)}) from error
    reason = f"{change.get_status_display()} ({change.date})"
    services.save_activity(
        activity=agreement,
        fields={"validity_status": change.status, "validity_status_date": change.date},
        user=user,
        seen_version=seen_version,
        reason=reason,
    )
    return change
