"""What needs doing: the staff desk on the admin home, and the dates the reminders and the staff
calendar read. Every figure links to the admin list that it counts."""

import datetime

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models import Activity, Status

from .models import Agreement


def warning_days() -> int:
    return getattr(settings, "AGREEMENT_EXPIRY_WARNING_DAYS", 90)


def today() -> datetime.date:
    return timezone.localdate()


def expiring_soon(day: datetime.date | None = None):
    """Agreements whose term ends from *day* (today) to the end of the warning period."""
    day = day or today()
    return Agreement.objects.expiring_between(day, day + datetime.timedelta(days=warning_days()))


def _changelist(model, query: str) -> str:
    meta = model._meta
    return f"{reverse(f'admin:{meta.app_label}_{meta.model_name}_changelist')}?{query}"


def items(user) -> list[dict]:
    """The desk's lines a staff member may open: label, count, link."""
    found = []
    for model in apps.get_models():
        if issubclass(model, Activity) and model is not Activity:
            if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
                found.append(
                    {
                        "label": _("%(things)s: drafts awaiting publication")
                        % {"things": model._meta.verbose_name_plural.capitalize()},
                        "count": model.objects.filter(status=Status.DRAFT).count(),
                        "url": _changelist(model, "status__exact=draft"),
                    }
                )
    if user.has_perm("agreements.view_agreement"):
        found.append(
            {
                "label": _("Agreements expiring in the next %(days)d days")
                % {"days": warning_days()},
                "count": expiring_soon().count(),
                "url": _changelist(Agreement, "expires=soon"),
            }
        )
        found.append(
            {
                "label": _("Agreements past their term whose status is unknown"),
                "count": Agreement.objects.unknown_past_term(today()).count(),
                "url": _changelist(Agreement, "expires=unknown"),
            }
        )
    found += _proposals(user)
    return found


def _proposals(user) -> list[dict]:
    # Records proposed from a report chapter (the ingest) are another part of the project, which
    # may not be installed: the desk shows them when it is.
    try:
        proposal = apps.get_model("cooperation", "Proposal")
    except LookupError:
        return []
    if not user.has_perm(f"cooperation.view_{proposal._meta.model_name}"):
        return []
    try:
        url = _changelist(proposal, "status__exact=pending")
    except NoReverseMatch:
        url = ""
    label = _("Proposals from report chapters awaiting review")
    return [{"label": label, "count": proposal.objects.pending().count(), "url": url}]
