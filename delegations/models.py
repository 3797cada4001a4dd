"""Activities in which people travel or meet: delegations, meetings and trainings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.models import Activity, ActivityHistory, ActivityQuerySet, ActivityType


class Delegation(Activity):
    """A delegation sent abroad by the office, or received from abroad."""

    purpose = models.TextField(_("purpose"), blank=True)
    members_count = models.PositiveSmallIntegerField(_("number of members"), null=True, blank=True)
    meetings = models.ManyToManyField(
        "Meeting", verbose_name=_("meetings attended"), blank=True, related_name="delegations"
    )

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"], bases=[ActivityHistory])

    activity_type = ActivityType.DELEGATION

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")


class Meeting(Activity):
    """A conference or heads-of-office meeting that the office hosted or attended."""

    series = models.CharField(
        _("series"),
        max_length=200,
        blank=True,
        help_text=_("Recurring name without the edition, e.g. 'IP5 Heads of Office'."),
    )
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"], bases=[ActivityHistory])

    activity_type = ActivityType.MEETING

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(edition__isnull=True) | models.Q(edition__gte=1),
                name="meeting_edition_positive",
                violation_error_message=_("An edition is a positive number."),
            ),
        ]


class Training(Activity):
    """A seminar, workshop, master programme or mission of trainers for foreign personnel."""

    participants_count = models.PositiveIntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        help_text=_("Only where the source gives it."),
    )
    participants_more_than = models.BooleanField(
        _("participants: 'more than'"),
        default=False,
        help_text=_("The source says 'more than' this number."),
    )

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"], bases=[ActivityHistory])

    activity_type = ActivityType.TRAINING

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
