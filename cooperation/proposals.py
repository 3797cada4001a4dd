"""Proposals: records read from a report's prose by cooperation.ingest, waiting for staff review.

A proposal is never a record. A person accepts it (it then becomes a draft record through
cooperation.services, like any save), merges it into a record that already tells the same fact,
or rejects it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import dates
from .models import Activity, ActivityType, Country, Document, Figure, Kind, Office, Passage

# A proposal is one of the four records, or a headline figure.
FIGURE = "figure"
PROPOSAL_TYPES = [*ActivityType.choices, (FIGURE, _("headline figure"))]


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("awaiting review")
    ACCEPTED = "accepted", _("accepted as a draft")
    MERGED = "merged", _("merged into a record")
    REJECTED = "rejected", _("rejected")


class ProposalQuerySet(models.QuerySet):
    def pending(self) -> "ProposalQuerySet":
        return self.filter(status=ProposalStatus.PENDING)

    def reviewed(self) -> "ProposalQuerySet":
        return self.exclude(status=ProposalStatus.PENDING)


class Proposal(models.Model):
    """One record (or headline figure) that a sentence of a report tells, as the rules read it."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="proposals"
    )
    key = models.CharField(
        _("key"),
        max_length=64,
        editable=False,
        help_text=_(
            "Stable within the document, so that reading the same text again adds nothing."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)
    type = models.CharField(_("type"), max_length=12, choices=PROPOSAL_TYPES)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, blank=True)
    title = models.CharField(_("title"), max_length=400)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, help_text=_("Only where the text names it.")
    )
    day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, help_text=_("Only where the text names it.")
    )
    direction = models.CharField(
        _("direction"), max_length=10, blank=True, help_text=_("For delegations: sent or received.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue_country = models.ForeignKey(
        Country,
        verbose_name=_("country of venue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    offices = models.ManyToManyField(
        Office, verbose_name=_("partner offices"), blank=True, related_name="+"
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("partner countries"), blank=True, related_name="+"
    )
    people = models.JSONField(
        _("people"),
        default=list,
        blank=True,
        help_text=_("Names and titles as the text gives them."),
    )
    unknown_names = models.JSONField(
        _("names not in the database"),
        default=list,
        blank=True,
        help_text=_("Organizations the text names that match no office: create them, or ignore."),
    )
    quote = models.TextField(
        _("quote"), help_text=_("The sentence or sentences, exactly as printed.")
    )
    passage = models.ForeignKey(
        Passage, verbose_name=_("passage"), on_delete=models.CASCADE, related_name="proposals"
    )
    other_passages = models.ManyToManyField(
        Passage,
        verbose_name=_("other passages"),
        blank=True,
        related_name="+",
        help_text=_("Further passages telling the same fact, such as a photo caption."),
    )
    occasion = models.ForeignKey(
        "self",
        verbose_name=_("occasion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The visit or meeting during which this was signed."),
    )
    figure_value = models.PositiveIntegerField(_("figure"), null=True, blank=True)
    figure_qualifier = models.CharField(_("qualifier"), max_length=10, blank=True)
    figure_unit = models.CharField(_("unit"), max_length=60, blank=True)
    matches = models.JSONField(
        _("matched words"), default=list, blank=True, editable=False,
        help_text=_("Spans of the passage that the rules read, to highlight them."),
    )  # fmt: skip

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
        db_index=True,
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The draft record it became, or the record it was merged into."),
    )
    figure = models.ForeignKey(
        Figure, verbose_name=_("figure"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="unique_proposal_per_document",
                                    violation_error_message=_("This document already has this proposal.")),
            models.CheckConstraint(condition=models.Q(month__isnull=True) | models.Q(month__gte=1, month__lte=12),
                                   name="proposal_month_valid", violation_error_message=_("Month must be 1 to 12.")),
            models.CheckConstraint(condition=models.Q(day__isnull=True) | models.Q(month__isnull=False),
                                   name="proposal_day_needs_month", violation_error_message=_("A day needs a month.")),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.title} ({self.date})"

    @property
    def date(self) -> str:
        return dates.format_partial(self.year, self.month, self.day)
