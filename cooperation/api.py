"""REST API v1: what every endpoint shares, and the endpoints for places, offices, people, groupings,
headline figures and all activities together."""

from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from itertools import islice
from operator import itemgetter

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Count, Prefetch, ProtectedError, RestrictedError
from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers as drf
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.settings import api_settings

from . import compiled, filters, rows, serializers, services, tally, throttling, visibility
from .models import (
    Activity,
    ActivityCountry,
    Country,
    Figure,
    Grouping,
    Involvement,
    Office,
    Participation,
    Passage,
    Person,
    Status,
)
from .renderers import CSVRenderer, FastJSONRenderer, csv_lines, csv_row

SLUG_PATTERN = r"[-a-zA-Z0-9_]+"
CSV_CHUNK = 500

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description="`csv`: every row that the filters select (all pages), as a CSV download.",
)


# Understood by every endpoint: the representation, and the paging of lists.
COMMON_PARAMETERS = {"format", "page", "page_size", "limit", "offset", "cursor"}


class ApiViewSetMixin:
    """JSON and CSV; throttles read per request, their standing in every answer's headers; an
    unknown query parameter is a 400; a delete that other records block answers 409."""

    renderer_classes = [FastJSONRenderer, CSVRenderer]

    def get_throttles(self):
        # DRF freezes the class attribute at import; reading the settings here lets tests switch it.
        return [throttle() for throttle in api_settings.DEFAULT_THROTTLE_CLASSES]

    def known_parameters(self) -> set[str]:
        """The list's filters, on a detail too: a detail ignores them (a list's link plus a key)."""
        filterset = getattr(self, "filterset_class", None)
        return COMMON_PARAMETERS | set(filterset.base_filters if filterset else ())

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A misspelt filter (`?contry=FR`) would otherwise answer every record, silently.
        known = self.known_parameters()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            message = _("Unknown parameter. Valid parameters: %(valid)s.")
            valid = ", ".join(sorted(known))
            raise drf.ValidationError({name: [message % {"valid": valid}] for name in unknown})

    def get_object(self):
        if "\x00" in str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")):
            raise Http404
        return super().get_object()

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON even when CSV was asked for: a spreadsheet cannot show {"year": [...]}.
        # So are the answers to writes and to OPTIONS: one record, or a description of the endpoint.
        renderer = getattr(request, "accepted_renderer", None)
        if (
            isinstance(response, Response)
            and (response.status_code >= 400 or request.method not in ("GET", "HEAD"))
            and isinstance(renderer, CSVRenderer)
        ):
            request.accepted_renderer, request.accepted_media_type = (
                FastJSONRenderer(),
                FastJSONRenderer.media_type,
            )
        response = super().finalize_response(request, response, *args, **kwargs)
        throttling.add_headers(request, response)
        return response

    def csv_columns(self) -> list[tuple[str, Callable[[dict], object]]]:
        """(header, value) pairs; by default every field the serializer shows."""
        fields = self.get_serializer().fields
        return [(name, itemgetter(name)) for name, field in fields.items() if not field.write_only]

    def csv_records(self, queryset) -> Iterator[dict]:
        """What csv_columns() reads, per row; by default the serializer's whole representation."""
        for obj in queryset.iterator(chunk_size=CSV_CHUNK):
            yield self.get_serializer(obj).data

    def filter_queryset(self, queryset):
        # A detail is found by its key alone; the list's filterset would cost more than the lookup.
        if self.detail:
            return queryset
        return super().filter_queryset(queryset)

    @extend_schema(parameters=[FORMAT_PARAMETER])
    def list(self, request, *args, **kwargs):
        if not isinstance(request.accepted_renderer, CSVRenderer):
            return super().list(request, *args, **kwargs)
        if self.paginator is not None:
            self.paginator.check_parameters(request)
        queryset = self.filter_queryset(self.get_queryset())
        columns = self.csv_columns()
        records = self.csv_records(queryset)
        response = StreamingHttpResponse(
            csv_lines([name for name, value in columns], (csv_row(columns, r) for r in records)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.basename}.csv"'
        return response

    def perform_destroy(self, instance):
        # Not destroy(): the router would then offer DELETE on the read-only endpoints too.
        try:
            with transaction.atomic():
                self.delete_instance(instance)
        except (ProtectedError, RestrictedError) as error:
            referring = getattr(error, "protected_objects", None) or error.restricted_objects
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in referring})
            message = _(
                "Cannot delete: %(count)d other records refer to it (%(kinds)s). Remove those first."
            )
            raise Conflict(
                message % {"count": len(referring), "kinds": ", ".join(kinds)}
            ) from error

    def delete_instance(self, instance):
        instance.delete()


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class VisibleOnlyMixin:
    """Countries, offices and people known only from drafts are hidden from readers who may not
    see drafts (see cooperation.visibility), in lists and details alike. Writes need the model's
    permissions already, and act on every row."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.method not in SAFE_METHODS:
            return queryset
        return visibility.visible(queryset, self.request.user)


class CountryViewSet(VisibleOnlyMixin, ApiViewSetMixin, viewsets.ModelViewSet):
    queryset = Country.objects.all()
    serializer_class = serializers.CountrySerializer
    filterset_class = filters.CountryFilterSet
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()


class OfficeViewSet(VisibleOnlyMixin, ApiViewSetMixin, viewsets.ModelViewSet):
    """Offices by slug; `/offices/EPO/` also finds an office by its acronym."""

    queryset = Office.objects.select_related("country")
    serializer_class = serializers.OfficeSerializer
    filterset_class = filters.OfficeFilterSet
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"

    def get_object(self):
        key = self.kwargs["slug"]
        if "\x00" in key:
            raise Http404
        queryset = self.filter_queryset(self.get_queryset())
        office = queryset.filter(slug=key).first()
        if office is None:
            matches = list(queryset.filter(acronym__iexact=key)[:2])
            if len(matches) != 1:
                raise Http404
            office = matches[0]
        self.check_object_permissions(self.request, office)
        return office


class PersonViewSet(VisibleOnlyMixin, ApiViewSetMixin, viewsets.ModelViewSet):
    queryset = Person.objects.select_related("office")
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


class GroupingViewSet(ApiViewSetMixin, viewsets.ModelViewSet):
    queryset = Grouping.objects.prefetch_related("member_offices", "member_countries")
    serializer_class = serializers.GroupingSerializer
    filterset_class = filters.GroupingFilterSet
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


class FigureViewSet(ApiViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The report's headline totals, each with the number of records the tracker itemizes for it."""

    queryset = Figure.objects.all()
    serializer_class = serializers.FigureSerializer
    filterset_class = filters.FigureFilterSet
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        figures = Figure.objects.select_related("document", "passage__document")
        if not serializers.can_view_drafts(self.request.user, Figure):
            figures = figures.filter(status=Status.PUBLISHED)
        return serializers.with_itemized(figures)


def with_related(queryset, select=(), prefetch=()):
    """What the serializers show after a write, in a fixed number of queries."""
    return queryset.select_related("passage__document", "venue_country", *select).prefetch_related(
        Prefetch("involvements", Involvement.objects.select_related("office__country")),
        Prefetch("activity_countries", ActivityCountry.objects.select_related("country")),
        Prefetch("participations", Participation.objects.select_related("person")),
        Prefetch("other_passages", Passage.objects.select_related("document")),
        "groupings",
        "topics",
        *prefetch,
    )


def _offices_cell(record: dict) -> str:
    return "; ".join(o["acronym"] or o["name"] for o in record["offices"])


ACTIVITY_CSV = [
    *((name, itemgetter(name)) for name in ("id", "url", "html_url", "type", "kind", "title")),
    *((name, itemgetter(name)) for name in ("date", "date_precision", "end_date")),
    ("offices", _offices_cell),
    ("countries", lambda r: "; ".join(c["code"] for c in r["countries"])),
    ("summary", itemgetter("summary")),
    ("source_section", lambda r: r["source"].get("section", "")),
    ("source_passage", lambda r: r["source"].get("passage", "")),
    ("entered_by_staff", lambda r: r["source"].get("entered_by_staff", "")),
]


def _facet(name: str, value_type) -> drf.ListField:
    return drf.ListField(
        child=inline_serializer(name, {"value": value_type, "count": drf.IntegerField()})
    )


FACETS_SCHEMA = inline_serializer(
    "Facets",
    {"year": _facet("YearCount", drf.IntegerField()), "kind": _facet("KindCount", drf.CharField())},
)


class ActivityEndpoint(ApiViewSetMixin):
    """Shared by /activities/ and the four type endpoints: lookup by slug, drafts hidden, CSV columns."""

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    cursor_paging = True
    known_total = None  # a list's exact total without counting its matches (cooperation.tally)
    related_select: tuple[str, ...] = ()
    related_prefetch: tuple = ()

    def get_queryset(self):
        queryset = self.queryset.model.objects.all()
        if self.request.method not in SAFE_METHODS:
            # A write answers with the serializer's representation of the saved instance.
            queryset = with_related(queryset, self.related_select, self.related_prefetch)
        return visibility.visible_activities(queryset, self.request.user)

    def valid_filterset(self):
        """The request's filters, checked; their queryset is built only if it is read."""
        backend = filters.GivenFilters()
        return backend.valid_filterset(self.request, self.get_queryset(), self)

    def rows(self, ids: list[int]) -> list[dict]:
        """The lean read path: the same dicts for lists, details and CSV (cooperation.rows)."""
        return rows.build(
            self.get_serializer_class(),
            ids,
            request=self.request,
            can_see_drafts=serializers.can_view_drafts(self.request.user, Activity),
        )

    def list(self, request, *args, **kwargs):
        if isinstance(request.accepted_renderer, CSVRenderer):
            return super().list(request, *args, **kwargs)
        # Validating first also refuses bad parameters with a 400, whichever path pages.
        found = self.valid_filterset()
        public = tally.plan(request, found)
        if public is None:
            keys = found.qs.values_list("pk", "date_key", named=True)
        else:
            keys, self.known_total = public.ids(), public.total
        page = self.paginate_queryset(keys)
        return self.get_paginated_response(self.rows([key[0] for key in page]))

    def retrieve(self, request, *args, **kwargs):
        slug = self.kwargs[self.lookup_field]
        if "\x00" in slug:
            raise Http404
        if request.user.is_authenticated:
            found = list(self.get_queryset().filter(slug=slug).values_list("pk", flat=True)[:1])
        else:  # what an anonymous reader may see, compiled once: most details are theirs
            model = self.queryset.model
            name = f"api.retrieve.anonymous.{model._meta.label}"
            found = compiled.rows(name, partial(_anonymous_pk, model), [slug], model=model)
        if not found:
            raise Http404
        return Response(self.rows([found[0]])[0])

    def csv_columns(self):
        return ACTIVITY_CSV

    def csv_records(self, queryset) -> Iterator[dict]:
        ids = queryset.values_list("pk", flat=True).iterator(chunk_size=CSV_CHUNK)
        while chunk := list(islice(ids, CSV_CHUNK)):
            yield from self.rows(chunk)

    def delete_instance(self, instance):
        services.delete_activity(activity=instance, user=self.request.user)

    @extend_schema(responses=FACETS_SCHEMA)
    @action(
        detail=False, methods=["get"], pagination_class=None, renderer_classes=[FastJSONRenderer]
    )
    def facets(self, request, *args, **kwargs):
        """How many of the records that the filters select fall in each (start) year and kind."""
        found = self.valid_filterset()
        public = tally.plan(request, found, paging=False)
        if public is not None and not public.words:
            per_year, per_kind = public.facets()
        else:  # one pass over the matches, grouped by both; a few hundred pairs summed here
            per_year, per_kind = Counter(), Counter()
            matched = found.qs.select_related(None).prefetch_related(None).order_by()
            for year, kind, n in matched.values_list("year", "kind").annotate(n=Count("pk")):
                per_year[year] += n
                per_kind[kind] += n
        return Response(
            {
                facet: [{"value": value, "count": n} for value, n in sorted(counts.items())]
                for facet, counts in (("year", per_year), ("kind", per_kind))
            }
        )


class ActivityViewSet(ActivityEndpoint, viewsets.ReadOnlyModelViewSet):
    """Agreements, delegations, meetings and trainings together, newest first. Write through each type's
    own endpoint."""

    queryset = Activity.objects.all()
    serializer_class = serializers.ActivitySerializer
    filterset_class = filters.ActivityFilterSet


def _anonymous_pk(model, slugs: list[str]):
    anonymous = visibility.visible_activities(model.objects.all(), AnonymousUser())
    return anonymous.filter(slug=slugs[0]).values_list("pk", flat=True)
