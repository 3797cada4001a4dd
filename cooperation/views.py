"""The public catalogue: home (year overview), lists, search, and the profile pages."""

from collections import defaultdict
from functools import partial

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.dates import MONTHS
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from . import counts, exports, queries, rows, visibility
from .filters import ActivityFilterSet
from .models import (
    NEWEST_FIRST,
    Activity,
    ActivityCountry,
    ActivityType,
    Country,
    Involvement,
    Office,
    Participation,
    Passage,
    Person,
    PersonRole,
    Release,
    Status,
)
from .pagination import CountingPaginator
from .templatetags import charts

PAGE_SIZES = (10, 25, 50, 100)
MAX_PAGE_SIZE = 100
HIDDEN_FILTERS = ("updated_since",)


class ActivityListView(FilterView):
    """A filtered, faceted, paginated list; `?format=csv|json|xlsx` downloads the same records."""

    filterset_class = ActivityFilterSet
    template_name = "cooperation/activity_list.html"
    paginate_by = 25
    heading = _("All activities")
    list_url_name = "activity-list"
    feed_url_name = "activity-feed"
    download_extra: exports.Extra | None = None  # a type's own columns in the downloads

    def get_queryset(self):
        return self.filterset_class._meta.model.objects.published()

    def paginate_queryset(self, queryset, page_size):
        """Ids for the page, one total per filter, then the page's rows from cooperation.rows."""
        self.paginator_class = partial(
            CountingPaginator, count_key=counts.key_for(self.request, self)
        )
        ids = queryset.values_list("pk", flat=True)
        paginator, page, _ids, is_paginated = super().paginate_queryset(ids, page_size)
        page.object_list = rows.listing(list(page.object_list), request=self.request)
        return paginator, page, page.object_list, is_paginated

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, as in the API, so that an empty query string validates too.
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        fields = filterset.form.fields
        # The panel (templatetags/filter_panel.py) lists countries and groupings as checkboxes.
        for name in ("country", "grouping"):
            fields[name].label_from_instance = _display_name
        for name in HIDDEN_FILTERS:
            fields.pop(name, None)
        for name in ("year", "year_min", "year_max", "month"):
            # A text box keeps what was typed, so an invalid value is shown beside its error.
            widget = fields[name].widget
            widget.input_type = "text"
            widget.attrs = {"inputmode": "numeric", "autocomplete": "off"}
        return filterset

    def get_paginate_by(self, queryset):
        try:
            size = int(self.request.GET.get("page_size", self.paginate_by))
        except ValueError:
            return self.paginate_by
        return min(max(size, 1), MAX_PAGE_SIZE)

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("format")
        if fmt:
            if fmt not in exports.FORMATS:
                raise Http404(_("Unknown download format."))
            self.filterset = self.get_filterset(self.get_filterset_class())
            valid = self.filterset.is_valid()
            records = self.filterset.qs if valid else self.filterset.queryset.none()
            return exports.download(
                request, records, fmt, title=str(self.heading), extra=self.download_extra
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facets = queries.facet_counts(self.filterset, self.get_queryset())
        context.update(
            heading=self.heading,
            facets=facets,
            page_sizes=PAGE_SIZES,
            export_formats=exports.FORMATS,
            list_url_name=self.list_url_name,
            feed_url_name=self.feed_url_name,
            show_type=len(self.filterset_class.activity_types) > 1,
        )
        return context


def _display_name(obj) -> str:
    return obj.display_name


class SearchView(ActivityListView):
    """One box for every kind of record: activities by ActivityFilterSet's `q`, and names."""

    template_name = "cooperation/search.html"
    heading = _("Search")
    list_url_name = "search"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = self.filterset.is_valid()
        text = (self.filterset.form.cleaned_data.get("q") or "").strip() if valid else ""
        names = Q()
        for word in text.split():
            names &= Q(name__icontains=word) | Q(name_zh__icontains=word)
        if text:
            # Only public names, for every reader: the catalogue shows what the public sees.
            countries = visibility.public(Country.objects.filter(names | Q(code__iexact=text)))
            offices = visibility.public(Office.objects.filter(names | Q(acronym__iexact=text)))
            people = visibility.public(Person.objects.filter(names))
            context["countries"] = list(countries.order_by("name")[:20])
            context["offices"] = list(offices.order_by("acronym")[:20])
            context["people"] = list(people.order_by("name")[:20])
        context["query"] = text
        return context


class ActivityDetailView(DetailView):
    """Every field of one published record, its people and places, and the passage it comes from.

    Staff who may view drafts of the record's type preview a draft here, under a banner; the
    page is then never cached. Everyone else gets a 404 for a draft.
    """

    model = Activity
    template_name = "cooperation/activity_detail.html"
    context_object_name = "activity"

    def get_queryset(self):
        activities = visibility.visible_activities(self.model.objects.all(), self.request.user)
        return activities.select_related(
            "passage__document", "venue_country", "occasion"
        ).prefetch_related(
            Prefetch("involvements", Involvement.objects.select_related("office__country")),
            Prefetch("activity_countries", ActivityCountry.objects.select_related("country")),
            Prefetch("participations", Participation.objects.select_related("person__office")),
            Prefetch("other_passages", Passage.objects.select_related("document")),
            Prefetch(
                "occasion_of",
                Activity.objects.published().order_by(*NEWEST_FIRST),
                to_attr="held_during",
            ),
            "groupings",
            "topics",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        occasion = activity.occasion
        context["occasion"] = occasion if occasion and occasion.status == Status.PUBLISHED else None
        context["extra_fields"] = self.extra_fields(activity)
        context["related_title"] = ""
        context["related"] = []
        context["is_draft"] = activity.status != Status.PUBLISHED
        context["releases"] = Release.objects.filter(records__activity=activity).order_by("id")
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_draft"]:
            add_never_cache_headers(response)  # private, no-store: no shared cache keeps a draft
        return response

    def extra_fields(self, activity) -> list[tuple[str, object]]:
        """Fields only this type of record has, as (label, value) pairs; empty values are left out."""
        return []


class HomeView(TemplateView):
    """The year at a glance: the report's headline figures beside the records itemized."""

    template_name = "cooperation/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = queries.years_with_data()
        year = _year_from(self.request, years)
        context.update(years=years, year=year)
        if year is None:
            return context
        in_year = Activity.objects.published().filter(year=year)
        countries = queries.countries_in_year(year)
        listing = reverse("activity-list")
        figures = queries.figures_with_itemized(year)
        context.update(
            figures=figures,
            key_figures=_key_figures(figures),
            month_rows=[
                (
                    MONTHS[m] if m else _("month not given"),
                    n,
                    f"{listing}?year={year}&month={m}" if m else None,
                )
                for m, n in queries.per_month(year)
            ],
            type_rows=[
                (label, n, f"{reverse(t + '-list')}?year={year}")
                for t, label, n in queries.per_type(in_year)
            ],
            kind_rows=[
                (label, n, f"{listing}?year={year}&kind={k}")
                for k, label, n in queries.per_kind(in_year)
            ],
            country_rows=[(c.display_name, c.n, c.get_absolute_url()) for c in countries],
            legend=charts.legend(max((c.n for c in countries), default=0)),
            latest=rows.listing(
                list(in_year.order_by("-updated_at", "-id").values_list("pk", flat=True)[:10]),
                request=self.request,
            ),
        )
        return context


KEY_FIGURES = 6


def _key_figures(figures: list) -> list:
    """The figures the home page leads with: first those that count records the tracker itemizes
    (the report's totals of agreements, delegations, …), then the report's others in its order."""
    counting = [(figure, n) for figure, n in figures if figure.counts_type]
    others = [(figure, n) for figure, n in figures if not figure.counts_type]
    return (counting + others)[:KEY_FIGURES]


def _year_from(request, years: list[int]) -> int | None:
    raw = request.GET.get("year")
    if raw is None:
        return years[0] if years else None
    if not raw.isdigit() or int(raw) not in years:
        raise Http404(_("No records for this year."))
    return int(raw)


@cache_control(max_age=300)
@gzip_page
def world_map(request):
    """The partner countries of a year as an SVG map, shaded by number of activities."""
    years = queries.years_with_data()
    year = _year_from(request, years)
    counts = {}
    if year is not None:
        counts = {c.code: c.n for c in queries.countries_in_year(year)}
    title = _("Partner countries in %(year)s") % {"year": year}
    return HttpResponse(charts.render_world_map(counts, title), content_type="image/svg+xml")


class CountryListView(ListView):
    template_name = "cooperation/country_list.html"
    context_object_name = "countries"

    def get_queryset(self):
        countries = queries.with_activity_counts(
            Country.objects.all(), Activity.objects.published(), queries.involves_country()
        )
        # Narrower than visibility.public(): only countries with something to show, all public.
        mentioned = Exists(Passage.countries.through.objects.filter(country=OuterRef("pk")))
        return countries.filter(Q(n__gt=0) | mentioned).order_by("name")


class OfficeListView(ListView):
    template_name = "cooperation/office_list.html"
    context_object_name = "offices"

    def get_queryset(self):
        return queries.with_activity_counts(
            visibility.public(Office.objects.select_related("country")),
            Activity.objects.published(),
            queries.involves_office(),
        ).order_by("acronym", "name")


class PersonListView(ListView):
    template_name = "cooperation/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        return queries.with_activity_counts(
            visibility.public(Person.objects.select_related("office")),
            Activity.objects.published(),
            queries.involves_person(),
        ).order_by("name")


class ProfileView(TemplateView):
    """Everything done with one country or office, on one timeline, with counts per kind and year."""

    template_name = "cooperation/profile.html"

    def subject(self, queryset, **lookup):
        """The country, office or person of the page: a 404 unless public (cooperation.visibility),
        or the reader is staff who may view hidden ones, who see it marked as not public."""
        subject = get_object_or_404(visibility.with_public_flag(queryset), **lookup)
        if not subject.is_public and not visibility.sees_drafts(self.request.user, queryset.model):
            raise Http404
        return subject

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not context["subject"].is_public:
            add_never_cache_headers(response)
        return response

    def profile(self, activities, passages, key: str, roles=None, **extra):
        """*key* is the list filter that selects the same activities, e.g. 'country=FR';
        *roles*, the subject's roles in each activity by id, where the page shows them."""
        activities = activities.published().order_by(*NEWEST_FIRST)
        listed = rows.listing(list(activities.values_list("pk", flat=True)), request=self.request)
        for row in listed:
            row["roles"] = (roles or {}).get(row["pk"], [])
        listing = reverse("activity-list")
        return {
            "activities": listed,
            "kind_rows": [
                (label, n, f"{listing}?{key}&kind={kind}")
                for kind, label, n in queries.per_kind(activities)
            ],
            "per_type": queries.per_type(activities),
            "per_year": queries.per_year_and_type(activities),
            "type_labels": [t.label for t in ActivityType],
            "passages": passages,
            **extra,
        }


class CountryDetailView(ProfileView):
    def get_context_data(self, **kwargs):
        country = self.subject(Country.objects.all(), code=self.kwargs["code"].upper())
        return super().get_context_data(
            subject=country,
            offices=list(visibility.public(country.offices.all()).order_by("acronym", "name")),
            **self.profile(
                Activity.objects.with_country(country.code),
                queries.mentioning(countries=country),
                key=f"country={country.code}",
            ),
            **kwargs,
        )


class OfficeDetailView(ProfileView):
    def get_context_data(self, **kwargs):
        office = self.subject(Office.objects.select_related("country"), slug=self.kwargs["slug"])
        return super().get_context_data(
            subject=office,
            people=list(visibility.public(office.people.all()).order_by("name")),
            groupings=list(office.groupings.order_by("name")),
            **self.profile(
                Activity.objects.with_office(office.slug),
                queries.mentioning(offices=office),
                key=f"office={office.slug}",
            ),
            **kwargs,
        )


class PersonDetailView(ProfileView):
    template_name = "cooperation/person_detail.html"

    def get_context_data(self, **kwargs):
        person = self.subject(Person.objects.select_related("office"), slug=self.kwargs["slug"])
        roles = defaultdict(list)
        for activity_id, role in person.participations.values_list("activity_id", "role"):
            roles[activity_id].append(PersonRole(role).label)
        return super().get_context_data(
            subject=person,
            **self.profile(
                Activity.objects.with_person(person.slug), [], f"person={person.slug}", roles
            ),
            **kwargs,
        )


@require_safe
def switch_language(request, code: str):
    """Remember the reader's language in a cookie and go back to where they were.

    A link rather than Django's set_language form: a form would need a CSRF token on every
    page, and pages with a token cannot be shared from the cache.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response
