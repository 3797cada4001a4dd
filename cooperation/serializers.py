"""API representations of what every app shares, and the base that the four activity types extend."""

from collections.abc import Callable

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Case, Count, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.settings import api_settings

from . import dates, services
from .filters import MAX_YEAR, MIN_YEAR
from .models import (
    Activity,
    ActivityCountry,
    ActivityType,
    Country,
    Figure,
    Grouping,
    Involvement,
    Kind,
    Office,
    Participation,
    Passage,
    Person,
    Status,
    Topic,
)

SLUG_MARKER = "slug-marker"


def absolute(request, path: str | None) -> str | None:
    if path is None:
        return None
    return request.build_absolute_uri(path) if request is not None else path


def slug_url(request, view_name: str) -> Callable[[str], str]:
    """slug -> absolute URL of *view_name*, reversed once rather than once per row of a long list.

    Slugs hold only ASCII letters, digits, '-' and '_', which a path carries unchanged.
    """
    start, _marker, end = absolute(request, reverse(view_name, args=[SLUG_MARKER])).rpartition(
        SLUG_MARKER
    )
    return lambda slug: f"{start}{slug}{end}"


def page_url(request, view_name: str) -> Callable[[str], str | None]:
    """As slug_url(), but a view that is not routed gives null for every slug, as html_url() does."""
    try:
        return slug_url(request, view_name)
    except NoReverseMatch:
        return _no_url


def _no_url(slug: str) -> None:
    return None


def html_url(obj, request) -> str | None:
    # The catalogue pages may not be routed (yet); an unrouted page gives null, not an error.
    try:
        return absolute(request, obj.get_absolute_url())
    except NoReverseMatch:
        return None


def can_view_drafts(user, model) -> bool:
    """Like the admin, a change permission implies the view permission."""
    if not (user and user.is_authenticated):
        return False
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("view", "change")
    )


def passage_data(passage: Passage) -> dict:
    return {
        "document": passage.document.slug,
        "section": passage.section,
        "heading": passage.heading,
        "passage": passage.text,
        "ref": passage.ref,
    }


class KeyField(serializers.SlugRelatedField):
    """A related record named by its key; a NUL byte is refused before it reaches the database."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


@extend_schema_field({"type": "string", "pattern": "^[^\\x00]*\\S[^\\x00]*$", "example": "INPI"})
class OfficeKeyField(serializers.RelatedField):
    """An office named by its slug or its acronym (any case)."""

    default_error_messages = {
        "does_not_exist": _("No office has the slug or acronym '{value}'."),
        "ambiguous": _("Several offices have the acronym '{value}'; use the slug."),
        "invalid": _("Give an office's slug or acronym."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Office.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.strip() or "\x00" in data:
            self.fail("invalid")
        queryset = self.get_queryset()
        office = queryset.filter(slug=data).first()
        if office is None:
            matches = list(queryset.filter(acronym__iexact=data)[:2])
            if len(matches) > 1:
                self.fail("ambiguous", value=data)
            if not matches:
                self.fail("does_not_exist", value=data)
            office = matches[0]
        return office

    def to_representation(self, value):
        return value.slug


class VisibleSlugField(KeyField):
    """A link to another activity, shown only if the reader may see that activity."""

    def to_representation(self, value):
        request = self.context.get("request")
        if value.status == Status.PUBLISHED or can_view_drafts(
            getattr(request, "user", None), Activity
        ):
            return value.slug
        return None


PARTIAL_DATE_SCHEMA = {
    "type": "string",
    # Years MIN_YEAR to MAX_YEAR, months 01-12, days 01-31 (a 31st the month lacks is a 400).
    "pattern": r"^(188[3-9]|189\d|19\d\d|2[01]\d\d|2200)(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
    "example": "2017-05",
    "description": "As precise as the source: YYYY, YYYY-MM or YYYY-MM-DD, from 1883 to 2200.",
}


@extend_schema_field(PARTIAL_DATE_SCHEMA)
class PartialDateField(serializers.Field):
    """'2017', '2017-05' or '2017-05-14', read from and written to three model fields."""

    default_error_messages = {"year_range": _("The year must be between {low} and {high}.")}

    def __init__(self, prefix: str = "", **kwargs):
        self.prefix = prefix
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def _names(self) -> tuple[str, str, str]:
        return f"{self.prefix}year", f"{self.prefix}month", f"{self.prefix}day"

    def to_representation(self, obj):
        text = dates.format_partial(*(getattr(obj, name) for name in self._names()))
        return text or None

    def to_internal_value(self, data):
        if data in ("", None):
            if not self.allow_null:
                self.fail("null")
            return dict.fromkeys(self._names())
        if not isinstance(data, str) or "\x00" in data:
            raise serializers.ValidationError(_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."))
        try:
            parts = dates.parse_partial(data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        if not MIN_YEAR <= parts[0] <= MAX_YEAR:
            self.fail("year_range", low=MIN_YEAR, high=MAX_YEAR)
        return dict(zip(self._names(), parts, strict=True))


SOURCE_SCHEMA = {
    "type": "object",
    "description": (
        "The report passage the record rests on ({document, ref} to write; section, heading and the "
        "quoted passage are returned), or {entered_by_staff: reference} for records no report holds."
    ),
    "properties": {
        "document": {"type": "string"},
        "ref": {"type": "string"},
        "section": {"type": "string", "readOnly": True},
        "heading": {"type": "string", "readOnly": True},
        "passage": {"type": "string", "readOnly": True},
        "entered_by_staff": {"type": "string"},
    },
}


@extend_schema_field(SOURCE_SCHEMA)
class SourceField(serializers.Field):
    default_error_messages = {
        "invalid": _(
            "Give a report passage as 'document' and 'ref', or a reference as 'entered_by_staff'."
        ),
        "does_not_exist": _("No passage '{ref}' in document '{document}'."),
    }

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, obj):
        if obj.passage_id:
            return passage_data(obj.passage)
        return {"entered_by_staff": obj.staff_reference}

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            self.fail("invalid")
        values = {key: data.get(key) for key in ("document", "ref", "entered_by_staff")}
        if any(v is not None and (not isinstance(v, str) or "\x00" in v) for v in values.values()):
            self.fail("invalid")
        if values["document"] and values["ref"]:
            passage = Passage.objects.filter(
                document__slug=values["document"], ref=values["ref"]
            ).first()
            if passage is None:
                self.fail("does_not_exist", document=values["document"], ref=values["ref"])
            return {"passage": passage, "staff_reference": values["entered_by_staff"] or ""}
        if values["entered_by_staff"] and values["entered_by_staff"].strip():
            return {"passage": None, "staff_reference": values["entered_by_staff"].strip()}
        self.fail("invalid")


class CleanModelSerializer(serializers.ModelSerializer):
    """Writes go through the model's full_clean(), so the API refuses what the admin refuses."""

    # Model field -> API field, where the API names a field differently.
    error_fields: dict[str, str] = {}

    def create(self, validated_data):
        return self.save_instance(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self.save_instance(instance, validated_data)

    @transaction.atomic
    def save_instance(self, instance, data):
        many = {}
        for name in list(data):
            if instance._meta.get_field(name).many_to_many:
                many[name] = data.pop(name)
        for name, value in data.items():
            setattr(instance, name, value)
        self.before_clean(instance)
        self.full_clean(instance)
        instance.save()
        for name, values in many.items():
            getattr(instance, name).set(values)
        return instance

    def before_clean(self, instance):
        pass

    def full_clean(self, instance):
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.api_errors(error)) from error

    def api_errors(self, error: DjangoValidationError) -> dict:
        sources = {field.source: name for name, field in self.fields.items() if not field.read_only}
        errors: dict[str, list] = {}
        for field, messages in error.message_dict.items():
            if field == NON_FIELD_ERRORS:
                name = api_settings.NON_FIELD_ERRORS_KEY
            else:
                name = self.error_fields.get(field) or sources.get(field) or field
            errors.setdefault(name, []).extend(messages)
        return errors


class CountrySerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:country-detail", lookup_field="code")
    html_url = serializers.SerializerMethodField()

    class Meta:
        model = Country
        fields = ["code", "url", "html_url", "name", "name_zh", "region"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, obj) -> str | None:
        return html_url(obj, self.context.get("request"))


class OfficeSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:office-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    country = KeyField(
        slug_field="code", queryset=Country.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Office
        fields = [
            "slug", "url", "html_url", "acronym", "name", "name_zh", "kind", "country",
            "st3_code", "aliases", "website",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, obj) -> str | None:
        return html_url(obj, self.context.get("request"))


class PersonSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()
    office = OfficeKeyField(allow_null=True, required=False)

    class Meta:
        model = Person
        fields = ["slug", "url", "html_url", "name", "name_zh", "title", "office"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, obj) -> str | None:
        return html_url(obj, self.context.get("request"))


class GroupingSerializer(CleanModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:grouping-detail", lookup_field="slug")
    member_offices = KeyField(
        slug_field="slug", many=True, queryset=Office.objects.all(), required=False
    )
    member_countries = KeyField(
        slug_field="code", many=True, queryset=Country.objects.all(), required=False
    )

    class Meta:
        model = Grouping
        fields = [
            "slug",
            "url",
            "name",
            "name_zh",
            "description",
            "member_offices",
            "member_countries",
        ]


def _count(activities):
    return Coalesce(
        Subquery(
            activities.order_by()
            .annotate(group=Value(1))
            .values("group")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def with_itemized(figures):
    """Annotate each figure with Figure.itemized() in the same query, so a list costs no query per row."""
    of_type = Activity.objects.published().filter(
        type=OuterRef("counts_type"), year=OuterRef("year")
    )
    of_kind = of_type.filter(kind=OuterRef("counts_kind"))
    return figures.annotate(
        itemized_count=Case(When(counts_kind="", then=_count(of_type)), default=_count(of_kind))
    )


class FigureSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:figure-detail")
    document = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    reported = serializers.IntegerField(source="value", read_only=True)
    itemized = serializers.SerializerMethodField()
    passage = serializers.SerializerMethodField()
    # Blank for a figure that totals no one type or kind of record: "" is a value the enum holds.
    counts_type = serializers.ChoiceField(
        ActivityType.choices, allow_blank=True, read_only=True,
        help_text=_("The type of record the figure totals; empty when it totals no one type."),
    )  # fmt: skip
    counts_kind = serializers.ChoiceField(
        Kind.choices, allow_blank=True, read_only=True,
        help_text=_("The kind of record the figure totals; empty when it totals every kind."),
    )  # fmt: skip

    class Meta:
        model = Figure
        fields = [
            "id", "url", "document", "slug", "label", "label_zh", "reported", "qualifier", "unit",
            "year", "counts_type", "counts_kind", "itemized", "passage", "status",
        ]  # fmt: skip
        read_only_fields = fields

    def get_itemized(self, obj) -> int | None:
        """How many published records the tracker itemizes for what the figure counts (null: not comparable)."""
        if not obj.counts_type:
            return None
        count = getattr(obj, "itemized_count", None)
        return obj.itemized() if count is None else count

    @extend_schema_field(SOURCE_SCHEMA)
    def get_passage(self, obj) -> dict:
        return passage_data(obj.passage)


class InvolvementSerializer(serializers.ModelSerializer):
    office = OfficeKeyField(write_only=True, help_text=_("The office's slug or acronym."))
    slug = serializers.CharField(source="office.slug", read_only=True)
    acronym = serializers.CharField(source="office.acronym", read_only=True)
    name = serializers.CharField(source="office.name", read_only=True)
    country = serializers.CharField(source="office.country.code", read_only=True, allow_null=True)

    class Meta:
        model = Involvement
        fields = ["office", "slug", "acronym", "name", "country", "role", "on_behalf_of"]


class ActivityCountrySerializer(serializers.ModelSerializer):
    country = KeyField(slug_field="code", queryset=Country.objects.all(), write_only=True)
    code = serializers.CharField(source="country.code", read_only=True)
    name = serializers.CharField(source="country.name", read_only=True)

    class Meta:
        model = ActivityCountry
        fields = ["country", "code", "name", "role"]


class ParticipationSerializer(serializers.ModelSerializer):
    person = KeyField(slug_field="slug", queryset=Person.objects.all(), write_only=True)
    slug = serializers.CharField(source="person.slug", read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Participation
        fields = ["person", "slug", "name", "role"]


class KindLabelField(serializers.CharField):
    """What get_kind_display() gives, from a dict: the model method translates every label of
    every kind on each call, about a millisecond per row."""

    labels = dict(Kind.choices)

    def get_attribute(self, instance):
        return str(self.labels.get(instance.kind, instance.kind))


ACTIVITY_FIELDS = [
    "id", "url", "html_url", "type", "kind", "kind_label", "title", "title_zh", "date",
    "date_precision", "year", "month", "day", "end_date", "city", "venue_country", "offices",
    "countries", "people", "groupings", "topics", "summary", "source", "other_sources", "status",
    "version", "created_at", "updated_at",
]  # fmt: skip


class ActivitySerializer(CleanModelSerializer):
    """Every activity's fields; the four types add their own."""

    id = serializers.SlugField(
        source="slug", max_length=120, help_text=_("Stable key, used in URLs.")
    )
    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    kind_label = KindLabelField(source="get_kind_display", read_only=True)
    date = PartialDateField()
    end_date = PartialDateField(prefix="end_", required=False, allow_null=True)
    venue_country = KeyField(
        slug_field="code", queryset=Country.objects.all(), allow_null=True, required=False
    )
    offices = InvolvementSerializer(many=True, source="involvements", required=False)
    countries = ActivityCountrySerializer(many=True, source="activity_countries", required=False)
    people = ParticipationSerializer(many=True, source="participations", required=False)
    groupings = KeyField(
        slug_field="slug", many=True, queryset=Grouping.objects.all(), required=False
    )
    topics = KeyField(slug_field="slug", many=True, queryset=Topic.objects.all(), required=False)
    source = SourceField()
    other_sources = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("On update, the version you read; a stale version is refused with 409."),
    )

    error_fields = {
        "year": "date", "month": "date", "day": "date",
        "end_year": "end_date", "end_month": "end_date", "end_day": "end_date",
        "passage": "source", "staff_reference": "source", "slug": "id",
    }  # fmt: skip

    class Meta:
        model = Activity
        fields = ACTIVITY_FIELDS
        read_only_fields = [
            "type",
            "year",
            "month",
            "day",
            "date_precision",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return self.slug_url(f"api:{obj.type}-detail", obj.slug)

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, obj) -> str | None:
        return self.slug_url(f"{obj.type}-detail", obj.slug)

    def slug_url(self, view_name: str, slug: str) -> str | None:
        # One serializer serves every row of a list: reverse each view once, not once per row.
        urls = self.__dict__.setdefault("_slug_urls", {})
        if view_name not in urls:
            urls[view_name] = page_url(self.context.get("request"), view_name)
        return urls[view_name](slug)

    @extend_schema_field({"type": "array", "items": SOURCE_SCHEMA})
    def get_other_sources(self, obj) -> list:
        return [passage_data(p) for p in obj.other_passages.all()]

    def validate(self, attrs):
        # Kept for the service, which compares it atomically with the stored version.
        self._seen_version = attrs.pop("version", None)
        return attrs

    def create(self, validated_data):
        return self.save_activity(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self.save_activity(instance, validated_data)

    def save_activity(self, instance, data):
        """Translate the request into the service's fields and links; the service holds the rules."""
        links = {name: data.pop(source) for source, name in LINK_SOURCES.items() if source in data}
        for name in services.tag_names(type(instance)):
            if name in data:
                links[name] = data.pop(name)
        request = self.context.get("request")
        try:
            saved = services.save_activity(
                activity=instance,
                fields=data,
                links=links,
                user=getattr(request, "user", None),
                seen_version=getattr(self, "_seen_version", None),
            )
        except services.StaleVersion:
            raise StaleVersion() from None
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.api_errors(error)) from error
        return saved.activity


# The API's nested lists -> the service's link names.
LINK_SOURCES = {
    "involvements": "offices",
    "activity_countries": "countries",
    "participations": "people",
}


class StaleVersion(APIException):
    """Not a ValidationError, which the serializer would turn into a 400."""

    status_code = 409
    default_detail = _("This record changed since you read it; read it again and retry.")

    def __init__(self):
        super().__init__({"version": [self.default_detail]})
