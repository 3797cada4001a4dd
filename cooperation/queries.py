"""Reads across several models: the year overview, country and office profiles, facet counts.

Every function here runs a fixed number of queries, whatever the number of records.
"""

from collections import Counter

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from .models import (
    Activity,
    ActivityCountry,
    ActivityType,
    Country,
    Coverage,
    Document,
    Figure,
    Grouping,
    Involvement,
    Kind,
    Office,
    Participation,
    Passage,
    Person,
)


def count_of(queryset) -> Coalesce:
    """A correlated `SELECT COUNT(*)` over *queryset*, usable in annotate(); 0 when empty."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def involves_country(ref: str = "pk") -> Exists:
    """Activities involving the country at OuterRef(*ref*), read from Coverage as with_country()
    reads it: one statement of the rule (listed, an involved office's, or the venue)."""
    return Exists(Coverage.objects.filter(activity=OuterRef("pk"), country=OuterRef(OuterRef(ref))))


def involves_office(ref: str = "pk") -> Q:
    return Exists(
        Involvement.objects.filter(activity=OuterRef("pk"), office=OuterRef(OuterRef(ref)))
    )


def involves_person(ref: str = "pk") -> Q:
    return Exists(
        Participation.objects.filter(activity=OuterRef("pk"), person=OuterRef(OuterRef(ref)))
    )


def with_activity_counts(queryset, activities, condition):
    """Annotate *queryset* (countries, offices, …) with `n`, how many *activities* involve each."""
    return queryset.annotate(n=count_of(activities.filter(condition)))


# Facets: for each filter, the number of records each value would give with the other filters kept.


def facet_counts(filterset, base) -> dict[str, list]:
    """Counts per value of each facet, from a validated *filterset* over the unfiltered *base*."""
    if not filterset.is_valid():
        return {}

    def without(name):
        qs = base
        filterset.left_out = name
        try:
            for field, value in filterset.form.cleaned_data.items():
                if field not in (name, "ordering") and value not in (None, "", [], ()):
                    qs = filterset.filters[field].filter(qs, value)
        finally:
            filterset.left_out = None
        return qs

    facets = {}
    facets["year"] = _years(without("year"))
    facets["month"] = list(
        without("month")
        .filter(month__isnull=False)
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    kinds = Counter()
    types = Counter()
    for activity_type, kind, n in (
        without("kind").order_by().values_list("type", "kind").annotate(n=Count("pk"))
    ):
        kinds[kind] += n
        types[activity_type] += n
    known = dict(filterset.kind_choices())
    facets["kind"] = [
        (value, known[value], types.get(value) or kinds.get(value))
        for value in known
        if types.get(value) or kinds.get(value)
    ]
    facets["country"] = _country_counts(_ids(without("country")))
    facets["office"] = _counted(
        Office.objects.filter(involvements__activity__in=_ids(without("office"))),
        "involvements__activity",
    )
    facets["grouping"] = _grouping_counts(_ids(without("grouping")))
    facets["person"] = _counted(
        Person.objects.filter(participations__activity__in=_ids(without("person"))),
        "participations__activity",
    )
    return facets


def _ids(activities):
    return activities.order_by().values("pk")


def _years(activities) -> list[tuple[int, int]]:
    """Records per year as the year filter counts them: a record spanning years is in each."""
    per_year: Counter = Counter()
    spans = activities.order_by().values_list("year", "end_year").annotate(n=Count("pk"))
    for first, last, n in spans:
        for year in range(first, max(last or first, first) + 1):
            per_year[year] += n
    return sorted(per_year.items(), reverse=True)


def _counted(joined, activity_path: str) -> list:
    """One GROUP BY: each record of *joined* (already joined to the activities) with `n`."""
    counted = joined.annotate(n=Count(activity_path, distinct=True))
    return list(counted.order_by("-n", "name", "pk"))


def _pairs(queryset, activity: str, value: str):
    """(activity id, `value`) rows; the alias names the column that _ranked_pairs() groups."""
    return queryset.order_by().annotate(value=F(value)).values_list(activity, "value")


def _ranked_pairs(pairs: list, records) -> list:
    """Records of the queryset *records* with `n`, the number of distinct activities paired with each.

    The UNION of *pairs* (see _pairs()) drops duplicates, such as a country both listed and an
    office's, so that one GROUP BY over it counts distinct activities in a single query. Django
    cannot group a union, hence the SQL around the ORM's own.
    """
    sql, params = pairs[0].union(*pairs[1:]).query.sql_with_params()
    value = connection.ops.quote_name("value")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {value}, COUNT(*) FROM ({sql}) pairs "  # noqa: S608 - the ORM's SQL
            f"WHERE {value} IS NOT NULL GROUP BY {value}",
            params,
        )
        counts = dict(cursor.fetchall())
    if not counts:
        return []
    records = list(records.filter(pk__in=list(counts)).order_by("name", "pk"))
    for record in records:
        record.n = counts[record.pk]
    # A stable sort: records with the same count keep the database's order of names.
    return sorted(records, key=lambda record: -record.n)


def _country_counts(ids, countries=None) -> list:
    """Countries as with_country() matches them (listed, an involved office's, or the venue),
    read from Coverage: one row per year, hence distinct pairs."""
    pairs = _pairs(Coverage.objects.filter(activity__in=ids), "activity_id", "country_id")
    return _ranked_pairs(
        [pairs.distinct()], Country.objects.all() if countries is None else countries
    )


def _grouping_counts(ids) -> list:
    """Groupings as with_grouping() matches them: tagged, or a partner (not the reporting office
    or its country) that is a member, or whose country is."""
    home_office, home_country = settings.HOME_OFFICE, settings.HOME_COUNTRY
    partners = Involvement.objects.filter(activity__in=ids).exclude(office__slug=home_office)
    tagged = Activity.groupings.through.objects.filter(activity__in=ids)
    listed = ActivityCountry.objects.filter(activity__in=ids).exclude(country__code=home_country)
    return _ranked_pairs(
        [
            _pairs(tagged, "activity_id", "grouping_id"),
            _pairs(partners, "activity_id", "office__groupings"),
            _pairs(
                partners.exclude(office__country__code=home_country),
                "activity_id",
                "office__country__groupings",
            ),
            _pairs(listed, "activity_id", "country__groupings"),
        ],
        Grouping.objects.all(),
    )


# The year overview on the home page.


def latest_year() -> int | None:
    return Activity.objects.published().order_by("-year").values_list("year", flat=True).first()


def years_with_data() -> list[int]:
    published = Activity.objects.published().order_by("-year")
    return list(published.values_list("year", flat=True).distinct())


def figures_with_itemized(year: int) -> list[tuple[Figure, int | None]]:
    """Published headline figures of *year*, each with the number of records the tracker itemizes.

    Same rule as Figure.itemized(), in one aggregate query instead of one per figure.
    """
    figures = list(
        Figure.objects.published().filter(year=year).select_related("passage").order_by("position")
    )
    rows = (
        Activity.objects.published()
        .filter(year=year)
        .order_by()
        .values_list("type", "kind")
        .annotate(n=Count("pk"))
    )
    by_type, by_kind = Counter(), Counter()
    for activity_type, kind, n in rows:
        by_type[activity_type] += n
        by_kind[activity_type, kind] += n
    result = []
    for figure in figures:
        if not figure.counts_type:
            itemized = None
        elif figure.counts_kind:
            itemized = by_kind[figure.counts_type, figure.counts_kind]
        else:
            itemized = by_type[figure.counts_type]
        result.append((figure, itemized))
    return result


def per_month(year: int) -> list[tuple[int | None, int]]:
    """Activities starting in *year* per month; None collects those known only to the year."""
    rows = dict(
        Activity.objects.published()
        .filter(year=year)
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    months = [(m, rows.get(m, 0)) for m in range(1, 13)]
    if rows.get(None):
        months.append((None, rows[None]))
    return months


def per_type(queryset) -> list[tuple[str, str, int]]:
    rows = dict(queryset.order_by().values_list("type").annotate(n=Count("pk")))
    return [(t.value, t.label, rows.get(t.value, 0)) for t in ActivityType]


def per_kind(activities) -> list[tuple[str, str, int]]:
    rows = activities.order_by().values_list("kind").annotate(n=Count("pk"))
    return sorted(((k, Kind(k).label, n) for k, n in rows), key=lambda row: (-row[2], row[0]))


def countries_in_year(year: int) -> list[Country]:
    """Partner countries of *year*: the reporting office's own country is not a partner."""
    activities = Activity.objects.published().filter(year=year)
    home = Document.objects.filter(year=year, publisher__country__isnull=False)
    partners = Country.objects.exclude(pk__in=home.values("publisher__country"))
    return _country_counts(activities.values("pk"), partners)


# Profiles.


def per_year_and_type(activities) -> list[tuple[int, list[int], int]]:
    """Rows of (year, [count per type in ActivityType order], total), newest year first."""
    table: dict[int, Counter] = {}
    for year, activity_type, n in (
        activities.order_by().values_list("year", "type").annotate(n=Count("pk"))
    ):
        table.setdefault(year, Counter())[activity_type] += n
    return [
        (year, [counts[t.value] for t in ActivityType], sum(counts.values()))
        for year, counts in sorted(table.items(), reverse=True)
    ]


def mentioning(**lookup) -> list[Passage]:
    return list(
        Passage.objects.filter(**lookup).select_related("document").order_by("document", "position")
    )
