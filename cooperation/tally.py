"""The commonest public lists — a year, a range of years, words, with or without one country —
read from the derived tables alone: the page's ids from the Coverage index, newest first (a
word checked in SearchText row by row, stopping at the page), and the total and facets added
up from Tally without visiting the records they count (with words, the total is counted).

`plan()` says whether a request is one of them; anything else takes the general filters.
`tests/test_coverage_page.py` checks that both give the same totals, records, order and facets.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import BooleanField, Exists, F, OuterRef, Q, Sum
from django.db.models.expressions import RawSQL

from .models import Coverage, SearchText, Status, Tally

# The parameters a plan answers; paging and the default order choose a page, not the records.
PARAMS = {"country", "year", "year_min", "year_max", "q"}
PAGING = {"ordering", "page", "page_size", "limit", "offset"}


@dataclass(frozen=True)
class Plan:
    types: tuple[str, ...]
    country: int | None  # a Country's id; None for every country
    first: int | None  # records that end in or after this year
    last: int | None  # records that start in or before this year
    words: tuple[str, ...] = ()  # each in the record's SearchText (`q`): counted, not tallied

    def ids(self):
        """The matching activities' ids, newest first, from one range of a Coverage index."""
        rows = Coverage.objects.filter(status=Status.PUBLISHED, country_id=self.country)
        # The index's leading columns, constant here, are named in the order too: PostgreSQL
        # does not take `country_id IS NULL` as fixing the column, and would sort every match.
        order = ["country_id", "status"]
        if len(self.types) == 1:
            rows = rows.filter(type=self.types[0])
            order = ["country_id", "type", "status"]
        if self.first is not None and self.first == self.last:
            # One year: one row per record, and an equality the index order can skip.
            rows = rows.filter(year=self.first)
        else:
            if self.last is not None:
                # Implied by the year (a record starts in or before each of its years); stated,
                # it lets the newest-first index start at the last year, not the newest record.
                rows = rows.filter(year__lte=self.last, date_key__lt=(self.last + 1) * 10000)
            # A record spanning years has a row for each: keep one, the first in the range, so
            # the page is a plain range of the index (no DISTINCT, which sorts every match).
            starts = Q(year=F("date_key") / 10000)
            if self.first is not None:
                rows = rows.filter(year__gte=self.first)
                starts |= Q(year=self.first, date_key__lt=self.first * 10000)
            rows = rows.filter(starts)
        for word in self.words:
            rows = rows.filter(
                Exists(SearchText.containing(word).filter(activity=OuterRef("activity")))
            )
        newest_first = rows.order_by(*order, "-date_key", "-activity_id")
        # (id, date key) rows, like the general path's: a page of a new word filter on SQLite
        # can then count its total beside its rows (cooperation.pagination).
        return newest_first.values_list("activity_id", "date_key", named=True)

    def tallies(self):
        rows = Tally.objects.filter(status=Status.PUBLISHED, country=self.country or 0)
        if len(self.types) == 1:
            rows = rows.filter(type=self.types[0])
        if self.first is not None:
            rows = rows.filter(last_year__gte=self.first)
        if self.last is not None:
            rows = rows.filter(first_year__lte=self.last)
        return rows.order_by()

    @property
    def total(self):
        """A function giving the exact total without visiting the records, or None when it must
        be counted (words with years, or words on SQLite, which has no index to count them)."""
        if not self.words:
            return self._summed
        if self.first is None and self.last is None and _vendor(SearchText) == "postgresql":
            return self.word_total
        return None

    def word_total(self) -> int:
        """The records holding every word, counted from the GIN index of SearchText's terms and
        trigrams: the postings of the country's (or every) published records of the types and
        of the words' trigrams, intersected, then each candidate's text checked."""
        terms = [SearchText.term(self.country, t, Status.PUBLISHED) for t in self.types]
        marks = ", ".join(["%s"] * len(terms))
        table = SearchText._meta.db_table
        # A model's table name and placeholders only; the terms are parameters.
        rows = SearchText.objects.filter(
            RawSQL(  # noqa: S611
                f"string_to_array({table}.terms, ',') && ARRAY[{marks}]::text[]",
                terms,
                output_field=BooleanField(),
            )
        )
        for word in self.words:
            rows &= SearchText.containing(word)  # the same rows, so one scan of the one index
        return rows.count()

    def _summed(self) -> int:
        return self.tallies().aggregate(total=Sum("n"))["total"] or 0

    def facets(self) -> tuple[Counter, Counter]:
        """Records per start year and per kind."""
        per_year, per_kind = Counter(), Counter()
        for year, kind, n in self.tallies().values_list("first_year", "kind").annotate(Sum("n")):
            if n:
                per_year[year] += n
                per_kind[kind] += n
        return per_year, per_kind


def _vendor(model) -> str:
    return connections[router.db_for_read(model)].vendor


def plan(request, filterset, *, paging: bool = True) -> Plan | None:
    """The Plan for an anonymous request in the default order whose only filters are one
    country, a year or a range of years and words, read from its validated *filterset*; None
    otherwise."""
    if request.user.is_authenticated:
        return None
    given = dict(request.query_params.lists())
    if any(len(values) > 1 for values in given.values()):
        return None
    # An empty filter is no filter (`?year_max=` from a blank form field), as in the filterset.
    filters = filterset.declared_filters
    params = {k: v[0] for k, v in given.items() if v[0] != "" or k not in filters}
    allowed = PARAMS | PAGING if paging else PARAMS
    if not set(params) <= allowed or params.get("ordering", "-date") != "-date":
        return None
    if "year" in params and ({"year_min", "year_max"} & set(params)):
        return None  # each bound applies on its own: the general path
    data = filterset.form.cleaned_data
    countries = data.get("country") or []
    if len(countries) > 1:
        return None
    if "year" in params:
        first = last = data["year"]
    else:
        first, last = data.get("year_min"), data.get("year_max")
    words = tuple((data.get("q") or "").split())
    country = countries[0].pk if countries else None
    return Plan(tuple(filterset.activity_types), country, first, last, words)
