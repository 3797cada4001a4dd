"""The one filter language shared by the catalogue pages and the REST API.

Every activity list understands: country, office, grouping, person, year, year_min, year_max,
month, kind, q, updated_since and ordering. A value that cannot be understood is a form error
(a 400 in the API naming the parameter), never silently ignored.
"""

import functools

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from . import compiled
from .models import (
    KINDS_BY_TYPE,
    NEWEST_FIRST,
    OLDEST_FIRST,
    Activity,
    ActivityType,
    Country,
    Figure,
    Grouping,
    Kind,
    Office,
    OfficeKind,
    Person,
    Region,
)
from .visibility import for_request

MIN_YEAR, MAX_YEAR = 1883, 2200


def comma_separated(data, name: str, upper: bool = False) -> list[str]:
    """Reads `?country=FR&country=DE` and `?country=FR,DE` alike."""
    getter = getattr(data, "getlist", None)
    raw = getter(name) if getter else ([data[name]] if name in data else [])
    values = [part.strip() for value in raw for part in str(value).split(",") if part.strip()]
    return [v.upper() for v in values] if upper else values


class CommaSeparatedSelectMultiple(forms.SelectMultiple):
    def __init__(self, *args, upper: bool = False, **kwargs):
        self.upper = upper
        super().__init__(*args, **kwargs)

    def value_from_datadict(self, data, files, name):
        return comma_separated(data, name, self.upper)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class CommaSeparatedTextInput(forms.TextInput):
    """Keys typed as text, for filters with thousands of values that no list of options would suit."""

    def value_from_datadict(self, data, files, name):
        return comma_separated(data, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def format_value(self, value):
        if isinstance(value, (list, tuple)):
            return ",".join(str(v) for v in value)
        return super().format_value(value)


class KeyChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice over records named by their key; unknown keys are named in the error."""

    lookups: tuple[str, ...] = ()

    def lookup_condition(self, keys: set[str]) -> Q:
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{f"{lookup}__in": keys})
        return condition

    def clean(self, value):
        # A list, never a QuerySet: the filter methods and facet_counts() test the value's truth,
        # and Django's `queryset.none()` for an empty value would not be skipped as empty.
        if not value and not self.required:
            return []
        return super().clean(value)

    def _check_values(self, value):
        keys = {str(v) for v in value}
        if any("\x00" in k for k in keys):
            # PostgreSQL cannot compare a NUL byte: refuse it here rather than fail in the query.
            raise forms.ValidationError(
                _("Null characters are not allowed."), code="null_characters"
            )
        found = self._found(keys)
        known = {str(getattr(obj, attr)).lower() for obj in found for attr in self.lookups}
        unknown = sorted(k for k in keys if k.lower() not in known)
        if unknown:
            raise forms.ValidationError(
                _("Unknown value: %(values)s."),
                code="invalid_choice",
                # As params, not pre-formatted: django-filter's DRF backend applies `%` once more.
                params={"values": ", ".join(unknown)},
            )
        return found

    compilable = False  # whether lookup_condition() takes each key once, as given

    def _found(self, keys: set[str]) -> list:
        name = getattr(self.queryset.query, "compiled_name", None)
        if not self.compilable or name is None:
            return list(self.queryset.filter(self.lookup_condition(keys)))
        model = self.queryset.model
        columns = [f.attname for f in model._meta.concrete_fields]

        def make(stand_ins):
            return self.queryset.filter(self.lookup_condition(set(stand_ins))).values(*columns)

        name = f"{name}.{type(self).__name__}"
        found = compiled.rows(name, make, sorted(keys), model=model)
        using = self.queryset.db
        return [model.from_db(using, columns, [row[c] for c in columns]) for row in found]


class CountryField(KeyChoiceField):
    lookups = ("code",)
    compilable = True


class OfficeField(KeyChoiceField):
    lookups = ("slug", "acronym")

    def lookup_condition(self, keys: set[str]) -> Q:
        # Acronyms are matched whatever their case: 'sipo' finds SIPO.
        return Q(slug__in=keys) | Q(acronym__in={k.upper() for k in keys} | keys)


class SlugField(KeyChoiceField):
    lookups = ("slug",)
    compilable = True


@extend_schema_field(OpenApiTypes.STR)  # the API schema: an array of keys
class KeyFilter(django_filters.ModelMultipleChoiceFilter):
    def __init__(self, *args, upper: bool = False, **kwargs):
        kwargs.setdefault("widget", CommaSeparatedSelectMultiple(upper=upper))
        super().__init__(*args, **kwargs)


class CountryFilter(KeyFilter):
    field_class = CountryField


class OfficeFilter(KeyFilter):
    field_class = OfficeField


class SlugFilter(KeyFilter):
    field_class = SlugField


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class KindFilter(django_filters.MultipleChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", CommaSeparatedSelectMultiple())
        super().__init__(*args, **kwargs)


ORDERINGS = {
    "date": OLDEST_FIRST,
    "-date": NEWEST_FIRST,
    "title": ["title", "id"],
    "-title": ["-title", "-id"],
    "updated": ["updated_at", "id"],
    "-updated": ["-updated_at", "-id"],
}


class ActivityFilterSet(django_filters.FilterSet):
    """Filters for every list of activities; subclasses narrow the model and the kinds."""

    activity_types: tuple[str, ...] = tuple(ActivityType.values)

    country = CountryFilter(
        label=_("Country"),
        queryset=for_request(Country.objects.all()),
        to_field_name="code",
        upper=True,
        method="filter_country",
        help_text=_(
            "ISO 3166-1 alpha-2 codes; several (repeated or comma-separated) mean any of them."
        ),
    )
    office = OfficeFilter(
        label=_("Office"),
        queryset=for_request(Office.objects.all()),
        to_field_name="slug",
        widget=CommaSeparatedTextInput(),
        method="filter_office",
        help_text=_("Office acronym or slug, e.g. EPO."),
    )
    grouping = SlugFilter(
        label=_("Grouping"),
        queryset=Grouping.objects.all(),
        to_field_name="slug",
        method="filter_grouping",
        help_text=_("Grouping slug, e.g. ip5, brics, asean."),
    )
    region = KindFilter(
        label=_("Region"),
        method="filter_region",
        choices=Region.choices,
        help_text=_(
            "Partner countries' region: africa, asia, europe, latin-america, north-america, oceania."
        ),
    )
    person = SlugFilter(
        label=_("Person"),
        queryset=for_request(Person.objects.all()),
        to_field_name="slug",
        widget=CommaSeparatedTextInput(),
        method="filter_person",
        help_text=_("Person slug, e.g. shen-changyu."),
    )
    year = IntegerFilter(
        label=_("Year"), method="filter_year", min_value=MIN_YEAR, max_value=MAX_YEAR,
        help_text=_("Records whose date falls in or overlaps this year."),
    )  # fmt: skip
    year_min = IntegerFilter(
        label=_("From year"), method="filter_year_min", min_value=MIN_YEAR, max_value=MAX_YEAR,
        help_text=_("Records that end in or after this year."),
    )  # fmt: skip
    year_max = IntegerFilter(
        label=_("To year"), method="filter_year_max", min_value=MIN_YEAR, max_value=MAX_YEAR,
        help_text=_("Records that start in or before this year."),
    )  # fmt: skip
    month = IntegerFilter(
        label=_("Month"), method="filter_month", min_value=1, max_value=12,
        help_text=_("1 to 12; records known only to the year do not match."),
    )  # fmt: skip
    kind = KindFilter(label=_("Kind"), method="filter_kind", choices=[])
    q = django_filters.CharFilter(label=_("Text"), method="filter_text", max_length=200,
                                  help_text=_("Words to find in titles, summaries and quoted passages."))  # fmt: skip
    updated_since = django_filters.IsoDateTimeFilter(
        label=_("Updated since"), field_name="updated_at", lookup_expr="gte",
        help_text=_("ISO 8601 timestamp, e.g. 2025-01-31T00:00:00Z."),
    )  # fmt: skip
    ordering = django_filters.ChoiceFilter(
        label=_("Sort by"), method="filter_ordering", empty_label=None,
        choices=[("-date", _("newest first")), ("date", _("oldest first")), ("title", _("title A–Z")),
                 ("-title", _("title Z–A")), ("-updated", _("recently updated")), ("updated", _("least recently updated"))],
    )  # fmt: skip

    class Meta:
        model = Activity
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.filters:  # not in a filterset narrowed to the parameters given
            self.filters["kind"].extra["choices"] = self.kind_choices()
            self.form.fields["kind"].choices = self.kind_choices()

    @classmethod
    @functools.cache
    def narrowed(cls, names: frozenset[str]) -> type["ActivityFilterSet"]:
        """This filterset with only the filters in *names*. Each instance deep-copies its filters
        and builds a form field for each, which cost an API list more than its SQL; a filter
        not given filters nothing, so leaving it out changes no answer."""
        narrowed = type(cls.__name__, (cls,), {"__module__": cls.__module__})
        narrowed.base_filters = {n: f for n, f in cls.base_filters.items() if n in names}
        return narrowed

    @classmethod
    def kind_choices(cls) -> list[tuple[str, str]]:
        """Kinds valid for this list; the all-activities list also accepts the four types."""
        choices: list[tuple[str, str]] = []
        if len(cls.activity_types) > 1:
            choices += [(t.value, t.label) for t in ActivityType if t.value in cls.activity_types]
        seen = set()
        for activity_type in cls.activity_types:
            for kind in KINDS_BY_TYPE[ActivityType(activity_type)]:
                if kind.value not in seen:
                    seen.add(kind.value)
                    choices.append((kind.value, Kind(kind).label))
        return choices

    def is_valid(self):
        valid = super().is_valid()
        data = self.form.cleaned_data if valid else {}
        first, last = data.get("year_min"), data.get("year_max")
        if first is not None and last is not None and first > last:
            self.form.add_error("year_min", _("From year must not be after to year."))
            return False
        return valid

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("ordering"):
            queryset = queryset.order_by(*NEWEST_FIRST)
        return queryset

    def _place_years(self) -> tuple[int | None, int | None] | None:
        """The years that the country and region filters apply themselves, if any is given.

        Country and year together are then one range of the Coverage index. `year` alone is
        folded in (year_min and year_max still apply separately, as overlaps of each bound);
        otherwise year_min and year_max are, which is exact: a record overlaps both bounds' ranges
        exactly when it overlaps [year_min, year_max].
        """
        data = self.applied_data()
        if not (data.get("country") or data.get("region")):
            return None
        if data.get("year") is not None:
            return data["year"], data["year"]
        return data.get("year_min"), data.get("year_max")

    # Facet counts apply every filter but one (see queries.facet_counts): the one left out
    # must not be folded into the others.
    left_out: str | None = None

    def applied_data(self) -> dict:
        return {k: v for k, v in self.form.cleaned_data.items() if k != self.left_out}

    def _in_places(self, queryset, codes):
        first, last = self._place_years()
        types = self.activity_types if len(self.activity_types) == 1 else ()
        return queryset.with_country(*codes, first=first, last=last, types=types)

    def filter_country(self, queryset, name, value):
        return self._in_places(queryset, list(value)) if value else queryset

    def filter_office(self, queryset, name, value):
        return queryset.with_office(*[o.slug for o in value]) if value else queryset

    def filter_grouping(self, queryset, name, value):
        return queryset.with_grouping(*[g.slug for g in value]) if value else queryset

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        # The reporting office's own country is in Asia; it is not a partner.
        codes = Country.objects.filter(region__in=value).exclude(code=settings.HOME_COUNTRY)
        return self._in_places(queryset, codes.values_list("code", flat=True))

    def filter_person(self, queryset, name, value):
        return queryset.with_person(*[p.slug for p in value]) if value else queryset

    def _years_folded(self, name: str) -> bool:
        years = self._place_years()
        return years is not None and (name == "year" or self.applied_data().get("year") is None)

    def filter_year(self, queryset, name, value):
        return queryset if self._years_folded(name) else queryset.overlapping_years(value, value)

    def filter_year_min(self, queryset, name, value):
        return queryset if self._years_folded(name) else queryset.overlapping_years(value, None)

    def filter_year_max(self, queryset, name, value):
        return queryset if self._years_folded(name) else queryset.overlapping_years(None, value)

    def filter_month(self, queryset, name, value):
        return queryset.filter(month=value)

    def filter_kind(self, queryset, name, value):
        if not value:
            return queryset
        types = [v for v in value if v in ActivityType.values]
        kinds = [v for v in value if v not in ActivityType.values]
        return queryset.filter(Q(type__in=types) | Q(kind__in=kinds))

    def filter_text(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS[value]) if value else queryset


# Filters for the API's lists of places, offices, people, groupings and headline figures.


class TextFilter(django_filters.CharFilter):
    """Case-insensitive match of every word in any of *fields*."""

    def __init__(self, *args, fields: tuple[str, ...] = (), **kwargs):
        self.fields = fields
        kwargs.setdefault("label", _("Text"))
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        for word in (value or "").split():
            match = Q()
            for field in self.fields:
                match |= Q(**{f"{field}__icontains": word})
            qs = qs.filter(match)
        return qs


class CountryFilterSet(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)
    q = TextFilter(fields=("code", "name", "name_zh"), help_text=_("Words in the name or code."))

    class Meta:
        model = Country
        fields: list[str] = []


class OfficeFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OfficeKind.choices)
    country = CountryFilter(
        label=_("Country"), queryset=for_request(Country.objects.all()), to_field_name="code",
        upper=True, field_name="country__code", help_text=_("ISO 3166-1 alpha-2 codes, e.g. FR."),
    )  # fmt: skip
    grouping = SlugFilter(
        label=_("Grouping"), queryset=Grouping.objects.all(), to_field_name="slug",
        field_name="groupings__slug", distinct=True, help_text=_("Grouping slug, e.g. ip5."),
    )  # fmt: skip
    q = TextFilter(
        fields=("slug", "acronym", "name", "name_zh", "aliases"), help_text=_("Words in names.")
    )

    class Meta:
        model = Office
        fields: list[str] = []


class PersonFilterSet(django_filters.FilterSet):
    office = OfficeFilter(
        label=_("Office"), queryset=for_request(Office.objects.all()), to_field_name="slug",
        field_name="office__slug",
        help_text=_("Office acronym or slug."),
    )  # fmt: skip
    q = TextFilter(fields=("name", "name_zh", "title"), help_text=_("Words in the name or title."))

    class Meta:
        model = Person
        fields: list[str] = []


class GroupingFilterSet(django_filters.FilterSet):
    q = TextFilter(fields=("slug", "name", "name_zh"), help_text=_("Words in the name."))

    class Meta:
        model = Grouping
        fields: list[str] = []


class FigureFilterSet(django_filters.FilterSet):
    year = IntegerFilter(label=_("Year"), field_name="year", min_value=MIN_YEAR, max_value=MAX_YEAR)
    document = django_filters.CharFilter(
        label=_("Document"), field_name="document__slug", max_length=80
    )
    counts_type = django_filters.ChoiceFilter(
        label=_("Counts records of type"), choices=ActivityType.choices
    )

    class Meta:
        model = Figure
        fields: list[str] = []


class GivenFilters(DjangoFilterBackend):
    """django-filter's backend, building only the filters a request gives (see narrowed())."""

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        narrowed = getattr(filterset_class, "narrowed", None)
        if narrowed is not None:
            filterset_class = narrowed(frozenset(request.query_params))
        return filterset_class(**self.get_filterset_kwargs(request, queryset, view))

    def valid_filterset(self, request, queryset, view):
        """The request's filterset, checked: a 400 names each parameter it cannot use."""
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset
