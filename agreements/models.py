"""Agreements: memoranda, work plans, PPH and data-exchange agreements, their parties, and their
life after signing (validity, status changes, relations between agreements, activities under them).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.models import Activity, ActivityHistory, ActivityQuerySet, ActivityType, Passage
from cooperation.validators import validate_pdf

from . import validity


class ValidityStatus(models.TextChoices):
    SIGNED = "signed", _("signed")
    IN_FORCE = "in-force", _("in force")
    RENEWED = "renewed", _("renewed")
    EXTENDED = "extended", _("extended")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")
    SUPERSEDED = "superseded", _("superseded")


# After these an agreement is no longer in force, whatever its term said.
ENDED = (ValidityStatus.EXPIRED, ValidityStatus.TERMINATED, ValidityStatus.SUPERSEDED)
# The office has said what became of it: no longer "unknown past its term".
SETTLED = (*ENDED, ValidityStatus.RENEWED, ValidityStatus.EXTENDED)

# Relations to an earlier agreement: field name -> what the relation is called in messages.
RELATIONS = ("renews", "extends", "supersedes", "implements")


class AgreementQuerySet(ActivityQuerySet):
    def in_force_on(self, first, last=None) -> "AgreementQuerySet":
        """Agreements that may be in force on a day, or at some time from *first* to *last*."""
        last = last or first
        return self.filter(in_force_from__lte=last).filter(
            Q(in_force_until__isnull=True) | Q(in_force_until__gte=first)
        )

    def expiring_before(self, day) -> "AgreementQuerySet":
        """Agreements whose stated term may end before *day* (a term ending "2018" may end on any
        day of 2018), not known to have ended already."""
        return self.filter(expires_from__lt=day).exclude(validity_status__in=ENDED)

    def expiring_between(self, first, last) -> "AgreementQuerySet":
        """Agreements whose term may end from *first* to *last*: a year-only end is "soon" from
        the warning period before 1 January until 31 December."""
        return self.expiring_before(last).filter(expires_on__gte=first)

    def unknown_past_term(self, today) -> "AgreementQuerySet":
        """Past their stated term (and not renewing themselves), with nothing said of them since."""
        past = self.filter(expires_on__lt=today).exclude(automatic_renewal=True)
        return past.exclude(validity_status__in=SETTLED)


class Agreement(Activity):
    """A document signed, adopted or extended by the office with one or more partners."""

    signed_document = models.FileField(
        _("signed document (PDF)"),
        upload_to="agreements/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=_("The signed text as a PDF of at most 10 MB. Only signed-in staff can open it."),
    )

    entry_into_force = models.CharField(
        _("entry into force"),
        max_length=10,
        blank=True,
        validators=[validity.validate_text],
        help_text=_("As precise as the source: YYYY, YYYY-MM or YYYY-MM-DD. Empty if unknown."),
    )
    valid_until = models.CharField(
        _("valid until"),
        max_length=10,
        blank=True,
        validators=[validity.validate_text],
        help_text=_("The last day of validity the text states (YYYY, YYYY-MM or YYYY-MM-DD)."),
    )
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"),
        null=True,
        blank=True,
        help_text=_(
            "When the text gives a term instead of an end: counted from the entry into force, "
            "or from the signing when that is unknown."
        ),
    )
    automatic_renewal = models.BooleanField(
        _("renews automatically"),
        null=True,
        blank=True,
        help_text=_("Empty if the source does not say."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The staff member reminded of its expiry."),
    )
    renews = models.ForeignKey(
        "self", verbose_name=_("renews"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="renewed_by", help_text=_("The earlier agreement this one renews."),
    )  # fmt: skip
    extends = models.ForeignKey(
        "self", verbose_name=_("extends"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="extended_by", help_text=_("The agreement whose term this one extends."),
    )  # fmt: skip
    supersedes = models.ForeignKey(
        "self", verbose_name=_("supersedes"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="superseded_by", help_text=_("The agreement this one replaces."),
    )  # fmt: skip
    implements = models.ForeignKey(
        "self", verbose_name=_("implements"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="implemented_by",
        help_text=_("The agreement this one carries out, e.g. the MOU a work plan is under."),
    )  # fmt: skip
    implementing_activities = models.ManyToManyField(
        Activity,
        verbose_name=_("activities under it"),
        blank=True,
        related_name="carried_out_agreements",
        help_text=_("Delegations, meetings and trainings that carry this agreement out."),
    )

    # Derived by the write path (services -> save()); never typed in.
    validity_status = models.CharField(
        _("validity"), max_length=12, choices=ValidityStatus.choices,
        default=ValidityStatus.SIGNED, editable=False, db_index=True,
    )  # fmt: skip
    validity_status_date = models.CharField(
        _("validity since"), max_length=10, blank=True, editable=False
    )
    in_force_from = models.DateField(_("in force from"), null=True, editable=False, db_index=True)
    in_force_until = models.DateField(_("in force until"), null=True, editable=False)
    # The first and the last day that the (possibly partial) end of the stated term may be.
    expires_from = models.DateField(_("expires from"), null=True, editable=False, db_index=True)
    expires_on = models.DateField(_("expires on"), null=True, editable=False, db_index=True)

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"], bases=[ActivityHistory])

    activity_type = ActivityType.AGREEMENT

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_years__isnull=True) | Q(term_years__gte=1, term_years__lte=99),
                name="agreement_term_plausible",
                violation_error_message=_("A term is 1 to 99 years."),
            ),
            models.CheckConstraint(
                condition=Q(in_force_until__isnull=True)
                | Q(in_force_from__isnull=True)
                | Q(in_force_until__gte=F("in_force_from")),
                name="agreement_validity_in_order",
                violation_error_message=validity.END_BEFORE_START,
            ),
        ]

    # -- what the source says, read as partial dates
    @property
    def signed_parts(self):
        return (self.year, self.month, self.day) if self.year else None

    @property
    def expiry(self) -> str:
        """The end of validity as precise as known: stated, or entry into force (else signing)
        plus the term; empty when neither is known."""
        try:
            return validity.text(self._expiry_parts())
        except ValidationError:  # shown beside a form that is refusing the date
            return ""

    def _expiry_parts(self):
        return validity.expiry_parts(
            valid_until=self.valid_until, term_years=self.term_years,
            entry_into_force=self.entry_into_force, signed=self.signed_parts,
        )  # fmt: skip

    def clean(self):
        super().clean()
        try:
            start = validity.parse(self.entry_into_force, "entry_into_force")
            end = validity.parse(self.valid_until, "valid_until")
        except ValidationError:
            return  # the field's own validator names it
        validity.check_order(
            self.signed_parts, start, field="entry_into_force",
            message=_("The entry into force cannot be before the signing."),
        )  # fmt: skip
        validity.check_order(
            start or self.signed_parts, end, field="valid_until", message=validity.END_BEFORE_START
        )
        if end and self.term_years:
            raise ValidationError({"term_years": _("Give a term or an end of validity, not both.")})
        self._check_relations()
        self.derive_validity()

    def _check_relations(self):
        for name in RELATIONS:
            other_id = getattr(self, f"{name}_id")
            if other_id is None:
                continue
            if other_id == self.pk:
                raise ValidationError(
                    {
                        name: _("An agreement cannot name itself under “%(relation)s”.")
                        % {"relation": self._meta.get_field(name).verbose_name}
                    }
                )
            if self.pk is not None and self.pk in self._chain(other_id, name):
                raise ValidationError(
                    {
                        name: _(
                            "This would make a loop: that agreement already %(relation)s this one, "
                            "directly or through others."
                        )
                        % {"relation": self._meta.get_field(name).verbose_name}
                    }
                )
            other = Agreement.objects.filter(pk=other_id).values("year", "month", "day").first()
            if other and name != "implements":
                validity.check_order(
                    (other["year"], other["month"], other["day"]), self.signed_parts, field=name,
                    message=_("Under “%(relation)s”, name an agreement signed before this one, not after.")
                    % {"relation": self._meta.get_field(name).verbose_name},
                )  # fmt: skip

    @staticmethod
    def _chain(start_id, field: str):
        """The agreement *start_id*, the one it points to through *field*, and so on."""
        seen = set()
        current = start_id
        while current is not None and current not in seen:
            seen.add(current)
            yield current
            rows = Agreement.objects.filter(pk=current).values_list(f"{field}_id", flat=True)
            current = rows.first()

    def check_status_change(self, change: "StatusChange", earlier: list) -> None:
        """Refuse a status change dated before the signing or before the last one recorded."""
        parts = validity.parse(change.date, "date")
        if parts is None:
            raise ValidationError({"date": _("Give the date of the status change.")})
        validity.check_order(self.signed_parts, parts, field="date",
                             message=_("A status change cannot be dated before the signing."))  # fmt: skip
        if earlier:
            validity.check_order(earlier[-1].parts, parts, field="date", message=_(
                "A status change cannot be dated before the last one recorded (%(date)s)."
            ) % {"date": earlier[-1].date})  # fmt: skip
        if change.passage_id is None and not change.staff_reference.strip():
            raise ValidationError(
                {"staff_reference": _("Link a report passage, or give a staff reference.")}
            )

    def record_seed_status_change(self, *, status, date, passage_id, staff_reference, note):
        """The seed loader's entry to the write path: a change stored already is left alone, so
        that loading the same file twice changes nothing."""
        from .services import record_status_change

        if self.status_changes.filter(status=status, date=date).exists():
            return
        passage = Passage.objects.get(pk=passage_id) if passage_id else None
        record_status_change(
            agreement=self, status=status, date=date, passage=passage,
            staff_reference=staff_reference, note=note,
        )  # fmt: skip

    def save(self, *args, **kwargs):
        self.derive_validity()
        super().save(*args, **kwargs)

    def derive_validity(self, changes=None) -> None:
        """Set the derived columns from the stated dates and the status changes (oldest first)."""
        if changes is None:
            changes = list(self.status_changes.all()) if self.pk else []
        start = validity.parse(self.entry_into_force, "entry_into_force")
        if start is None:
            in_force = [c for c in changes if c.status == ValidityStatus.IN_FORCE]
            start = in_force[0].parts if in_force else self.signed_parts
        expiry = self._expiry_parts()
        self.in_force_from = validity.first_day(start)
        self.expires_from, self.expires_on = validity.first_day(expiry), validity.last_day(expiry)
        until = None if self.automatic_renewal else self.expires_on
        last = changes[-1] if changes else None
        if last is not None and last.status in ENDED:
            ended = validity.last_day(last.parts)
            until = min(until, ended) if until else ended
        elif last is not None and last.status in (ValidityStatus.RENEWED, ValidityStatus.EXTENDED):
            until = None  # prolonged to an end the source does not give
        self.in_force_until = until
        if last is None:
            self.validity_status, self.validity_status_date = ValidityStatus.SIGNED, ""
        else:
            self.validity_status, self.validity_status_date = last.status, last.date


class StatusChange(models.Model):
    """A dated change of an agreement's status, as a report passage or a staff reference tells it."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="status_changes",
        verbose_name=_("agreement"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=12, choices=ValidityStatus.choices)
    date = models.CharField(
        _("date"),
        max_length=10,
        validators=[validity.validate_text],
        help_text=_("As precise as the source: YYYY, YYYY-MM or YYYY-MM-DD."),
    )
    date_key = models.PositiveIntegerField(_("date key"), default=0, editable=False)
    passage = models.ForeignKey(
        Passage, verbose_name=_("report passage"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    staff_reference = models.CharField(_("staff reference"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=400, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["date_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "status", "date"],
                name="status_change_once",
                violation_error_message=_("This status change is recorded already."),
            ),
            models.CheckConstraint(
                condition=Q(passage__isnull=False) | ~Q(staff_reference=""),
                name="status_change_has_source",
                violation_error_message=_("Link a report passage, or give a staff reference."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.date})"

    @property
    def parts(self):
        return validity.parse(self.date, "date")

    def save(self, *args, **kwargs):
        self.date_key = validity.key(self.parts)
        super().save(*args, **kwargs)


class ReminderSent(models.Model):
    """What `manage.py remind` sent, so that a second run on the same day sends nothing again."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="+")
    recipient = models.EmailField(_("recipient"))
    sent_on = models.DateField(_("sent on"))
    expires_on = models.DateField(_("expiry reminded of"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "recipient", "sent_on"], name="reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.sent_on}"


class CalendarToken(models.Model):
    """A staff member's secret for the expiry calendar, which calendar apps cannot log in to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return str(self.user)
