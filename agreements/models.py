"""Agreements: memoranda, work plans, PPH and data-exchange agreements, and their parties."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.models import Activity, ActivityHistory, ActivityQuerySet, ActivityType
from cooperation.validators import validate_pdf


class Agreement(Activity):
    """A document signed, adopted or extended by the office with one or more partners."""

    signed_document = models.FileField(
        _("signed document (PDF)"),
        upload_to="agreements/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=_("The signed text as a PDF of at most 10 MB. Only signed-in staff can open it."),
    )

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"], bases=[ActivityHistory])

    activity_type = ActivityType.AGREEMENT

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
