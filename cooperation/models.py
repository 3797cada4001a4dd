"""What every app shares: places, offices, people, groupings, sources, figures and activities."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import dates


class LocalizedNameMixin:
    """`display_name` picks the Chinese name when the active language is Chinese and one exists."""

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("zh") and getattr(self, "name_zh", ""):
            return self.name_zh
        return self.name


class NaturalKeyManager(models.Manager):
    """Look records up by their natural key, so fixtures never carry primary keys."""

    natural_key_field = "slug"

    def get_by_natural_key(self, key):
        return self.get(**{self.natural_key_field: key})


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin-america", _("Latin America and the Caribbean")
    NORTH_AMERICA = "north-america", _("North America")
    OCEANIA = "oceania", _("Oceania")


class CountryManager(NaturalKeyManager):
    natural_key_field = "code"


class Country(LocalizedNameMixin, models.Model):
    code = models.CharField(
        _("code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two capital letters of ISO 3166-1."))],
        help_text=_("ISO 3166-1 alpha-2 code, e.g. 'FR'."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    aliases = models.CharField(
        _("aliases"),
        max_length=300,
        blank=True,
        help_text=_(
            "Other names and the adjective, separated by semicolons, e.g. 'Swiss; Swiss "
            "Confederation': what a report may call the country."
        ),
    )

    objects = CountryManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z][A-Z]$"),
                name="country_code_is_two_capitals",
                violation_error_message=_("A country code is two capital letters (ISO 3166-1)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def natural_key(self):
        return (self.code,)

    def get_absolute_url(self) -> str:
        return reverse("country-detail", args=[self.code])


class OfficeKind(models.TextChoices):
    NATIONAL = "national", _("national office")
    INTERGOVERNMENTAL = "intergovernmental", _("regional or intergovernmental organization")
    GOVERNMENT = "government", _("government body")
    OTHER = "other", _("other (association, company, institute)")


class Office(LocalizedNameMixin, models.Model):
    """An IP office, an organization, a government body or an association the office deals with."""

    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Stable key, e.g. 'inpi-fr'.")
    )
    acronym = models.CharField(_("acronym"), max_length=40, blank=True, db_index=True)
    name = models.CharField(_("name"), max_length=250)
    name_zh = models.CharField(_("Chinese name"), max_length=250, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OfficeKind.choices, default=OfficeKind.NATIONAL
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offices",
        help_text=_("Empty for international organizations."),
    )
    st3_code = models.CharField(
        _("WIPO ST.3 code"),
        max_length=2,
        blank=True,
        help_text=_("For organizations with their own code: EP, WO, EA, AP, OA, GC, EM."),
    )
    aliases = models.CharField(
        _("aliases"),
        max_length=300,
        blank=True,
        help_text=_(
            "Other names and former or later acronyms, separated by semicolons, e.g. 'CNIPA'."
        ),
    )
    website = models.URLField(_("website"), blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["acronym", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="intergovernmental", country__isnull=False),
                name="international_office_has_no_country",
                violation_error_message=_("An international organization has no country."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} – {self.name}" if self.acronym else self.label

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("office-detail", args=[self.slug])

    @property
    def label(self) -> str:
        """'INPI (France)': an acronym alone does not tell France's office from Brazil's or
        Portugal's. An international organization is its acronym; an office without one, its name.
        """
        if not self.acronym:
            return self.display_name
        if self.country_id is None:
            return self.acronym
        return f"{self.acronym} ({self.country.display_name})"

    @property
    def short_name(self) -> str:
        return self.acronym or self.display_name


class Person(LocalizedNameMixin, models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    title = models.CharField(
        _("title"), max_length=250, blank=True, help_text=_("As the report gives it in 2017.")
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("person-detail", args=[self.slug])


class Grouping(LocalizedNameMixin, models.Model):
    """A club of offices or countries: IP5, BRICS, ASEAN, Belt and Road, …"""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    member_offices = models.ManyToManyField(
        Office, verbose_name=_("member offices"), blank=True, related_name="groupings"
    )
    member_countries = models.ManyToManyField(
        Country, verbose_name=_("member countries"), blank=True, related_name="groupings"
    )

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grouping")
        verbose_name_plural = _("groupings")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.slug,)


class Topic(LocalizedNameMixin, models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)

    objects = NaturalKeyManager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.slug,)


class Document(models.Model):
    """A source document, such as an annual report chapter."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.ForeignKey(
        Office, verbose_name=_("publisher"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year covered"))
    url = models.URLField(_("URL"), blank=True)

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title

    def natural_key(self):
        return (self.slug,)


class PassageManager(models.Manager):
    def get_by_natural_key(self, document_slug, ref):
        return self.get(document__slug=document_slug, ref=ref)


class Passage(models.Model):
    """Sentences quoted exactly from a source document, with the section they stand in."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="passages"
    )
    ref = models.SlugField(
        _("reference"), max_length=80, help_text=_("Stable key within the document.")
    )
    section = models.CharField(_("section"), max_length=20, help_text=_("e.g. 'VII.5(5)'."))
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(
        _("quoted text"), help_text=_("The sentence or sentences, exactly as printed.")
    )
    is_caption = models.BooleanField(_("photo caption"), default=False)
    countries = models.ManyToManyField(
        Country,
        verbose_name=_("countries mentioned"),
        blank=True,
        related_name="passages",
        help_text=_("So that statements without a dated record still reach the country's profile."),
    )
    offices = models.ManyToManyField(
        Office, verbose_name=_("offices mentioned"), blank=True, related_name="passages"
    )
    groupings = models.ManyToManyField(
        "Grouping", verbose_name=_("groupings mentioned"), blank=True, related_name="passages"
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Order within the document.")
    )

    objects = PassageManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "ref"],
                name="unique_passage_ref_per_document",
                violation_error_message=_(
                    "This document already has a passage with this reference."
                ),
            ),
        ]

    def __str__(self) -> str:
        excerpt = self.text if len(self.text) <= 70 else self.text[:67] + "…"
        return f"{self.section}: {excerpt}"

    def natural_key(self):
        return (*self.document.natural_key(), self.ref)

    natural_key.dependencies = ["cooperation.document"]


class ActivityType(models.TextChoices):
    AGREEMENT = "agreement", _("agreement")
    DELEGATION = "delegation", _("delegation")
    MEETING = "meeting", _("meeting")
    TRAINING = "training", _("training")


class Kind(models.TextChoices):
    """Every activity's sub-kind; KINDS_BY_TYPE says which belong to which type."""

    # agreements
    MOU = "mou", _("memorandum of understanding")
    WORK_PLAN = "work-plan", _("work plan")
    PPH = "pph", _("PPH agreement or pilot")
    DATA_EXCHANGE = "data-exchange", _("data-exchange agreement")
    COOPERATION_AGREEMENT = "cooperation-agreement", _("cooperation agreement")
    RECORD_OF_DISCUSSION = "record-of-discussion", _("record of discussion")
    JOINT_STATEMENT = "joint-statement", _("joint statement")
    LETTER_OF_INTENT = "letter-of-intent", _("letter of intent")
    FRAMEWORK_AGREEMENT = "framework-agreement", _("framework agreement")
    PROGRAMME = "programme", _("programme")
    ARRANGEMENT = "arrangement", _("arrangement")
    GUIDELINES = "guidelines", _("guidelines")
    DECLARATION = "declaration", _("declaration")
    EXTENSION = "extension", _("extension of an agreement")
    OTHER_DOCUMENT = "other-document", _("other cooperation document")
    # delegations
    OUTGOING = "outgoing", _("sent abroad")
    INCOMING = "incoming", _("received")
    # meetings
    HEADS_MEETING = "heads-meeting", _("heads of office meeting")
    HIGH_LEVEL_MEETING = "high-level-meeting", _("high-level meeting")
    WORKING_GROUP = "working-group", _("working group meeting")
    DIALOGUE = "dialogue", _("dialogue or negotiation")
    ASSEMBLY = "assembly", _("assembly or committee")
    CONFERENCE = "conference", _("conference, forum or symposium")
    ROUNDTABLE = "roundtable", _("roundtable or panel")
    # trainings
    SEMINAR = "seminar", _("seminar")
    WORKSHOP = "workshop", _("workshop")
    MASTER_PROGRAMME = "master-programme", _("master programme")
    TRAINERS_SENT = "trainers-sent", _("trainers sent")
    ROVING_SEMINAR = "roving-seminar", _("roving seminar or roadshow")
    STAFF_EXCHANGE = "staff-exchange", _("staff exchange or secondment")


KINDS_BY_TYPE = {
    ActivityType.AGREEMENT: [
        Kind.MOU, Kind.WORK_PLAN, Kind.PPH, Kind.DATA_EXCHANGE, Kind.COOPERATION_AGREEMENT,
        Kind.RECORD_OF_DISCUSSION, Kind.JOINT_STATEMENT, Kind.LETTER_OF_INTENT,
        Kind.FRAMEWORK_AGREEMENT, Kind.PROGRAMME, Kind.ARRANGEMENT, Kind.GUIDELINES,
        Kind.DECLARATION, Kind.EXTENSION, Kind.OTHER_DOCUMENT,
    ],
    ActivityType.DELEGATION: [Kind.OUTGOING, Kind.INCOMING],
    ActivityType.MEETING: [
        Kind.HEADS_MEETING, Kind.HIGH_LEVEL_MEETING, Kind.WORKING_GROUP, Kind.DIALOGUE,
        Kind.ASSEMBLY, Kind.CONFERENCE, Kind.ROUNDTABLE, Kind.SEMINAR,
    ],
    ActivityType.TRAINING: [
        Kind.SEMINAR, Kind.WORKSHOP, Kind.MASTER_PROGRAMME, Kind.TRAINERS_SENT,
        Kind.ROVING_SEMINAR, Kind.STAFF_EXCHANGE,
    ],
}  # fmt: skip


def _kind_matches_type() -> Q:
    condition = Q()
    for activity_type, kinds in KINDS_BY_TYPE.items():
        condition |= Q(type=activity_type, kind__in=[k.value for k in kinds])
    return condition


def _valid_day(prefix: str = "") -> Q:
    month, day = f"{prefix}month", f"{prefix}day"
    return (
        Q(**{f"{day}__isnull": True})
        | Q(**{f"{month}__in": [1, 3, 5, 7, 8, 10, 12], f"{day}__gte": 1, f"{day}__lte": 31})
        | Q(**{f"{month}__in": [4, 6, 9, 11], f"{day}__gte": 1, f"{day}__lte": 30})
        | Q(**{f"{month}": 2, f"{day}__gte": 1, f"{day}__lte": 29})
    )


def _end_not_before_start() -> Q:
    return (
        Q(end_year__isnull=True)
        | Q(end_year__gt=F("year"))
        | Q(end_year=F("year"), end_month__isnull=True)
        | Q(end_year=F("year"), month__isnull=True)
        | Q(end_year=F("year"), end_month__gt=F("month"))
        | Q(end_year=F("year"), end_month=F("month"), end_day__isnull=True)
        | Q(end_year=F("year"), end_month=F("month"), day__isnull=True)
        | Q(end_year=F("year"), end_month=F("month"), end_day__gte=F("day"))
    )


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class ActivityQuerySet(models.QuerySet):
    def published(self) -> "ActivityQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def in_year(self, year: int) -> "ActivityQuerySet":
        return self.overlapping_years(year, year)

    def overlapping_years(self, first: int | None, last: int | None) -> "ActivityQuerySet":
        """Activities whose (possibly partial, possibly multi-year) dates overlap [first, last].

        Read from Coverage's rows without a country: one index range, where comparing start and
        end years would scan every record on one side of the range.
        """
        if first is None and last is None:
            return self
        rows = _in_years(Coverage.objects.filter(country__isnull=True), first, last)
        return self.filter(pk__in=rows.values("activity_id"))

    def with_country(
        self,
        *codes: "str | Country",
        first: int | None = None,
        last: int | None = None,
        types: Iterable[str] = (),
    ) -> "ActivityQuerySet":
        """Activities whose places, beneficiaries or involved offices' countries include any of
        *codes* (codes or Country records), in a year from *first* to *last* when given (read from Coverage, one index range).
        """
        if all(isinstance(c, Country) for c in codes):
            # By id rather than through a join on the code: PostgreSQL's statistics then know
            # how many rows this country has (the home country has nearly all of them).
            rows = Coverage.objects.filter(country_id__in=[c.pk for c in codes])
        else:
            rows = Coverage.objects.filter(country__code__in=[str(c).upper() for c in codes])
        rows = _in_years(rows, first, last)
        if types:
            rows = rows.filter(type__in=list(types))
        return self.filter(pk__in=rows.values("activity_id"))

    def with_office(self, *keys: str) -> "ActivityQuerySet":
        """Activities involving any office given by slug or acronym (case-insensitive acronym)."""
        match = Q()
        for key in keys:
            match |= Q(office__slug=key) | Q(office__acronym__iexact=key)
        involved = Involvement.objects.filter(match, activity=OuterRef("pk"))
        return self.filter(Exists(involved))

    def with_grouping(self, *slugs: str) -> "ActivityQuerySet":
        """Activities tagged with a grouping, or with a partner that belongs to it.

        The reporting office and its country are left out of the membership match: SIPO belongs
        to IP5 and BRICS, and would otherwise make every record an IP5 and a BRICS record.
        """
        home_office, home_country = settings.HOME_OFFICE, settings.HOME_COUNTRY
        tagged = Activity.groupings.through.objects.filter(
            activity=OuterRef("pk"), grouping__slug__in=slugs
        )
        partners = Involvement.objects.filter(activity=OuterRef("pk")).exclude(
            office__slug=home_office
        )
        member_office = partners.filter(office__groupings__slug__in=slugs)
        member_office_country = partners.filter(office__country__groupings__slug__in=slugs).exclude(
            office__country__code=home_country
        )
        member_country = ActivityCountry.objects.filter(
            activity=OuterRef("pk"), country__groupings__slug__in=slugs
        ).exclude(country__code=home_country)
        return self.filter(
            Exists(tagged)
            | Exists(member_office)
            | Exists(member_office_country)
            | Exists(member_country)
        )

    def with_person(self, *slugs: str) -> "ActivityQuerySet":
        involved = Participation.objects.filter(activity=OuterRef("pk"), person__slug__in=slugs)
        return self.filter(Exists(involved))

    def search(self, text: str) -> "ActivityQuerySet":
        """Case-insensitive match of every word in titles, summaries or quoted passages."""
        qs = self
        for word in text.split():
            qs = qs.filter(pk__in=SearchText.containing(word).values("activity_id"))
        return qs

    def newest_first(self) -> "ActivityQuerySet":
        return self.order_by(*NEWEST_FIRST)


def _in_years(coverage_rows, first: int | None, last: int | None):
    """Coverage rows of the years from *first* to *last*; either bound may be open."""
    if first is not None:
        coverage_rows = coverage_rows.filter(year__gte=first)
    if last is not None:
        coverage_rows = coverage_rows.filter(year__lte=last)
    return coverage_rows


def date_key(year: int | None, month: int | None, day: int | None) -> int:
    """20170500 for "2017-05": orders partial dates as the report reads them, unknowns last."""
    return (year or 0) * 10000 + (month or 0) * 100 + (day or 0)


# Same order as year, month, day descending with unknown months and days last.
NEWEST_FIRST = ["-date_key", "-id"]
OLDEST_FIRST = ["date_key", "id"]


class Activity(models.Model):
    """What all dated activities share: an agreement, a delegation, a meeting or a training."""

    type = models.CharField(
        _("type"), max_length=12, choices=ActivityType.choices, editable=False, db_index=True
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, db_index=True)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Stable key, used in URLs.")
    )
    title = models.CharField(_("title"), max_length=400)
    title_zh = models.CharField(_("Chinese title"), max_length=400, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(_("end month"), null=True, blank=True)
    end_day = models.PositiveSmallIntegerField(_("end day"), null=True, blank=True)

    city = models.CharField(_("city"), max_length=100, blank=True)
    venue_country = models.ForeignKey(
        Country,
        verbose_name=_("country of venue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    occasion = models.ForeignKey(
        "self",
        verbose_name=_("occasion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occasion_of",
        help_text=_("The visit or meeting during which this was signed or held."),
    )

    passage = models.ForeignKey(
        Passage,
        verbose_name=_("report passage"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    other_passages = models.ManyToManyField(
        Passage,
        verbose_name=_("other passages"),
        blank=True,
        related_name="also_activities",
        help_text=_("Further passages that tell the same fact, such as a photo caption."),
    )
    staff_reference = models.CharField(
        _("staff reference"),
        max_length=200,
        blank=True,
        help_text=_(
            "For records no report holds yet: entered by staff, with a file number or link."
        ),
    )

    countries = models.ManyToManyField(
        Country, through="ActivityCountry", verbose_name=_("countries"), blank=True
    )
    offices = models.ManyToManyField(
        Office, through="Involvement", verbose_name=_("offices"), blank=True
    )
    people = models.ManyToManyField(
        Person, through="Participation", verbose_name=_("people"), blank=True
    )
    groupings = models.ManyToManyField(
        Grouping, verbose_name=_("groupings"), blank=True, related_name="activities"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="activities"
    )

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save, to refuse saves from stale forms."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # Derived in save(): one indexed integer for the newest-first order and cursor paging.
    date_key = models.PositiveIntegerField(_("date key"), default=0, editable=False)

    objects = ActivityQuerySet.as_manager()

    activity_type: str = ""

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = NEWEST_FIRST
        permissions = [("publish_activity", _("Can publish records"))]
        indexes = [
            models.Index(fields=["status", "year", "month"], name="activity_status_year"),
            models.Index(fields=["status", "-date_key", "-id"], name="activity_newest_first"),
        ]
        constraints = [
            models.CheckConstraint(condition=_kind_matches_type(), name="activity_kind_matches_type",
                                   violation_error_message=_("This kind does not belong to this type of record.")),
            models.CheckConstraint(condition=Q(year__gte=1883, year__lte=2200), name="activity_year_plausible",
                                   violation_error_message=_("Year must be between 1883 and 2200.")),
            models.CheckConstraint(condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                                   name="activity_month_valid", violation_error_message=_("Month must be 1 to 12.")),
            models.CheckConstraint(condition=Q(day__isnull=True) | Q(month__isnull=False), name="activity_day_needs_month",
                                   violation_error_message=_("A day needs a month.")),
            models.CheckConstraint(condition=_valid_day(), name="activity_day_valid",
                                   violation_error_message=_("That month has no such day.")),
            models.CheckConstraint(condition=Q(end_month__isnull=True) | Q(end_month__gte=1, end_month__lte=12),
                                   name="activity_end_month_valid",
                                   violation_error_message=_("End month must be 1 to 12.")),
            models.CheckConstraint(
                condition=(Q(end_month__isnull=True) | Q(end_year__isnull=False))
                & (Q(end_day__isnull=True) | Q(end_month__isnull=False)),
                name="activity_end_parts_nested",
                violation_error_message=_("An end day needs an end month, and an end month an end year."),
            ),
            models.CheckConstraint(condition=_valid_day("end_"), name="activity_end_day_valid",
                                   violation_error_message=_("The end month has no such day.")),
            models.CheckConstraint(condition=_end_not_before_start(), name="activity_end_not_before_start",
                                   violation_error_message=_("The end cannot be before the start.")),
            models.CheckConstraint(condition=Q(passage__isnull=False) | ~Q(staff_reference=""),
                                   name="activity_has_source",
                                   violation_error_message=_("Link a report passage, or give a staff reference.")),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"

    def natural_key(self):
        return (self.slug,)

    def save(self, *args, **kwargs):
        if self.activity_type:
            self.type = self.activity_type
        self.date_key = date_key(self.year, self.month, self.day)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "date_key" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "date_key"]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        dates.validate_partial(self.year, self.month, self.day)
        dates.validate_partial(self.end_year, self.end_month, self.end_day, field="end")
        if self.end_year is not None and dates.sort_key(
            self.end_year, self.end_month, self.end_day
        ) < dates.sort_key(self.year, self.end_month and self.month, self.end_day and self.day):
            raise ValidationError({"end_year": _("The end cannot be before the start.")})
        activity_type = self.activity_type or self.type
        if activity_type and self.kind and self.kind not in KINDS_BY_TYPE[activity_type]:
            raise ValidationError({"kind": _("This kind does not belong to this type of record.")})
        if self.passage_id is None and not self.staff_reference.strip():
            raise ValidationError(
                {
                    "staff_reference": _(
                        "Link a report passage, or say where this record comes from."
                    )
                }
            )

    # Dates exactly as precise as the source gives them.
    @property
    def date(self) -> str:
        return dates.format_partial(self.year, self.month, self.day)

    @property
    def end_date(self) -> str:
        return dates.format_partial(self.end_year, self.end_month, self.end_day)

    @property
    def date_precision(self) -> str:
        return dates.precision(self.year, self.month, self.day)

    def get_absolute_url(self) -> str:
        return reverse(f"{self.type}-detail", args=[self.slug])

    def specific(self) -> "Activity":
        """The agreement, delegation, meeting or training that this activity row belongs to."""
        return getattr(self, self.type) if self.type else self


class PartyRole(models.TextChoices):
    PARTY = "party", _("party")
    HOST = "host", _("host")
    PARTICIPANT = "participant", _("participant")
    VISITED = "visited", _("visited")
    ORGANIZER = "organizer", _("organizer")
    PARTNER = "partner", _("partner")
    BENEFICIARY = "beneficiary", _("beneficiary")
    # report 2017, VII.4(2): "SIPO facilitated the inclusion of … in the BRICS Leaders Xiamen
    # Declaration": the office brought the document about without being a party to it.
    FACILITATOR = "facilitator", _("facilitator")


# An agreement is someone's: at least one office signed it, or brought it about.
AGREEMENT_ROLES = (PartyRole.PARTY, PartyRole.FACILITATOR)


class ActivityHistory(models.Model):
    """What every activity's history row adds: its parties, places, people and tags as they were.

    Written by cooperation.services with the row, so that history can show a removed party and a
    revert can bring every link back; null on rows written before links were kept.
    """

    links = models.JSONField(_("links"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Involvement(models.Model):
    """An office's part in an activity: party to an agreement, host or visited office, organizer, …"""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="involvements")
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="involvements"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=PartyRole.choices, default=PartyRole.PARTY
    )
    on_behalf_of = models.CharField(
        _("on behalf of"), max_length=200, blank=True, help_text=_("e.g. 'the Chinese Government'.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("office involved")
        verbose_name_plural = _("offices involved")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "office", "role"], name="unique_involvement",
                                    violation_error_message=_("This office is already listed in this role.")),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.office.label} ({self.get_role_display()})"


class ActivityCountry(models.Model):
    """A country an activity took place in, visited or benefited."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="activity_countries"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=PartyRole.choices, default=PartyRole.VISITED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country involved")
        verbose_name_plural = _("countries involved")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "country", "role"], name="unique_activity_country",
                                    violation_error_message=_("This country is already listed in this role.")),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.country.code} ({self.get_role_display()})"


class Coverage(models.Model):
    """One row for each country and year an activity concerns: what the country and year
    filters read.

    Derived, never edited: the countries are those of ActivityQuerySet.with_country (listed
    places, involved offices' countries, the venue), the years run from the start to the end,
    and each year has one more row without a country, for the year filter alone; status and
    date key are copied from the activity.
    cooperation.coverage keeps it current; a country-and-year filter is then one index range.
    """

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="+", db_index=False, null=True
    )
    year = models.PositiveSmallIntegerField()
    type = models.CharField(max_length=12, choices=ActivityType.choices)
    # The activity's, so that a country-and-year page and its total are one range of one index,
    # in the newest-first order, without visiting the activities.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    date_key = models.PositiveIntegerField(default=0)
    # The activity's, so that Tally can take a row's part away after the activity has changed.
    kind = models.CharField(max_length=24, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "country", "year"], name="unique_coverage")
        ]
        indexes = [
            models.Index(fields=["country", "year", "type", "activity"], name="coverage_lookup"),
            models.Index(
                fields=["country", "year", "type", "status", "-date_key", "-activity"],
                name="coverage_page",
            ),
            # A range of years read newest first, stopping at the page: the year is checked in
            # the index, not used to enter it.
            models.Index(
                fields=["country", "type", "status", "-date_key", "-activity", "year"],
                name="coverage_newest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.country_id} {self.year}"


class Tally(models.Model):
    """How many activities share a country, type, status, kind, first and last year: what the
    totals and facets of the commonest public lists add up, without visiting their records.

    Derived from Coverage, never edited: cooperation.coverage adds and takes away each
    activity's part as it rewrites its rows. `country` is a Country's id, or 0 for every
    activity (Coverage's rows without a country).
    """

    country = models.IntegerField()
    type = models.CharField(max_length=12, choices=ActivityType.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    kind = models.CharField(max_length=24)
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["country", "type", "status", "kind", "first_year", "last_year"],
                name="unique_tally",
            )
        ]
        # Parts taken away leave rows at 0, deleted after each change: found by this index.
        indexes = [models.Index(fields=["n"], condition=models.Q(n=0), name="tally_empty")]

    def __str__(self) -> str:
        return f"{self.country} {self.type} {self.first_year}-{self.last_year}: {self.n}"


class PersonRole(models.TextChoices):
    LEADER = "leader", _("leader")
    MEMBER = "member", _("member")
    SIGNATORY = "signatory", _("signatory")
    WITNESS = "witness", _("witness")
    COUNTERPART = "counterpart", _("counterpart met")
    PARTICIPANT = "participant", _("participant")


class Participation(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=PersonRole.choices, default=PersonRole.PARTICIPANT
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person involved")
        verbose_name_plural = _("people involved")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person", "role"], name="unique_participation",
                                    violation_error_message=_("This person is already listed in this role.")),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.person.name} ({self.get_role_display()})"


class FigureQualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    MORE_THAN = "more-than", _("more than")
    ALMOST = "almost", _("almost")
    ABOUT = "about", _("about")


class FigureManager(models.Manager):
    def get_by_natural_key(self, document_slug, slug):
        return self.get(document__slug=document_slug, slug=slug)

    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Figure(models.Model):
    """A headline total that the report states, such as '52 new agreements'."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="figures"
    )
    slug = models.SlugField(_("slug"), max_length=80)
    label = models.CharField(_("label"), max_length=250)
    label_zh = models.CharField(_("Chinese label"), max_length=250, blank=True)
    value = models.PositiveIntegerField(_("value"))
    qualifier = models.CharField(
        _("qualifier"),
        max_length=10,
        choices=FigureQualifier.choices,
        default=FigureQualifier.EXACT,
    )
    unit = models.CharField(
        _("unit"), max_length=60, help_text=_("e.g. 'agreements', 'people/times'.")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    passage = models.ForeignKey(
        Passage, verbose_name=_("report passage"), on_delete=models.PROTECT, related_name="figures"
    )
    counts_type = models.CharField(
        _("counts records of type"),
        max_length=12,
        choices=ActivityType.choices,
        blank=True,
        help_text=_(
            "Set when the figure totals records the tracker itemizes, to compare reported and itemized."
        ),
    )
    counts_kind = models.CharField(
        _("counts records of kind"), max_length=24, choices=Kind.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FigureManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("headline figure")
        verbose_name_plural = _("headline figures")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "slug"], name="unique_figure_per_document",
                                    violation_error_message=_("This document already has a figure with this slug.")),
        ]  # fmt: skip

    def __str__(self) -> str:
        qualifier = (
            "" if self.qualifier == FigureQualifier.EXACT else f"{self.get_qualifier_display()} "
        )
        return f"{self.label}: {qualifier}{self.value} {self.unit} ({self.year})"

    def natural_key(self):
        return (*self.document.natural_key(), self.slug)

    def itemized(self) -> int | None:
        """How many published records the tracker holds for what this figure counts, in its year."""
        if not self.counts_type:
            return None
        qs = Activity.objects.published().filter(type=self.counts_type, year=self.year)
        if self.counts_kind:
            qs = qs.filter(kind=self.counts_kind)
        return qs.count()


class DataVersion(models.Model):
    """A number raised by every change to the records: cached public pages are keyed by it.

    In the database rather than the cache, so that every worker process sees a change at once,
    whatever the cache backend.
    """

    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.number)


class Deletion(models.Model):
    """A tombstone: a dated record that was deleted, so that syncing clients learn of it.

    Written by cooperation.tombstones on every delete of an agreement, delegation, meeting or
    training, in the delete's own transaction, whichever way it was deleted. Read by the API's
    /deleted/ list; `deleted_by` is for staff only and never shown there.
    """

    type = models.CharField(_("type"), max_length=12, choices=ActivityType.choices)
    slug = models.CharField(_("slug"), max_length=120, help_text=_("The deleted record's key."))
    record_id = models.BigIntegerField(_("former id"))
    status = models.CharField(
        _("status when deleted"),
        max_length=10,
        choices=Status.choices,
        help_text=_("Only deletions of published records are shown to anonymous readers."),
    )
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("deletion")
        verbose_name_plural = _("deletions")
        ordering = ["deleted_at", "id"]
        get_latest_by = "deleted_at"

    def __str__(self) -> str:
        return f"{self.type} {self.slug} ({self.deleted_at:%Y-%m-%d %H:%M})"


# Kept in its own module so that this one stops growing; imported here so Django finds it.
from .proposals import Proposal, ProposalStatus  # noqa: E402, F401
from .release_models import Release, ReleaseRecord  # noqa: E402, F401


class SearchText(models.Model):
    """Every text the word search reads for one activity, in one row: its title, Chinese title,
    summary and quoted passage, one per line.

    Derived, never edited (cooperation.coverage keeps it current with Coverage). One column can
    have one word index (a trigram index on PostgreSQL), where a match spread over two tables
    had every search read every record. A word never holds a line break, so it cannot match
    across two of the texts.
    """

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    text = models.TextField()
    # `country:type:status` for each country of the record's Coverage rows, and `0:type:status`,
    # comma-separated. On PostgreSQL one GIN index holds these beside the text's trigrams, so a
    # word in one country's published agreements is counted from the postings of both, without
    # visiting the country's other records (cooperation.tally.Plan.word_total).
    terms = models.TextField(default="")

    @classmethod
    def term(cls, country: int | None, activity_type: str, status: str) -> str:
        return f"{country or 0}:{activity_type}:{status}"

    @classmethod
    def containing(cls, word: str) -> models.QuerySet:
        """The rows holding *word* in any case (ActivityQuerySet.search takes every word)."""
        return cls.objects.filter(text__icontains=word)

    def __str__(self) -> str:
        return self.text[:60]
