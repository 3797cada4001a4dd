from functools import partial

from django.core.paginator import Paginator as DjangoPaginator
from django.db import connections
from django.db.models import Count, Q, QuerySet, Window
from django.db.models.query import NamedValuesListIterable
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from . import counts
from .models import NEWEST_FIRST


class CountingPaginator(DjangoPaginator):
    """Django's paginator with the total from cooperation.counts: one count per filter.

    When the total is not known yet, the page and the total come from one statement (a window
    count beside the page's rows): a filter that visits every match, such as a word, then
    visits them once instead of twice.
    """

    def __init__(self, *args, count_key=None, total=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key, self.total = count_key, total

    @cached_property
    def count(self) -> int:
        return counts.count(self.object_list, self.count_key, self.total)

    def page(self, number):
        known = "count" in self.__dict__ or self.total is not None
        known = known or counts.cached(self.count_key) is not None
        if known or not self._windowable() or not str(number).isdigit() or int(number) < 1:
            return super().page(number)
        number = int(number)
        bottom = (number - 1) * self.per_page
        names = self.object_list._fields
        windowed = self.object_list.annotate(window_total=Window(Count("*")))
        rows = list(
            windowed.values_list(*names, "window_total", named=True)[
                bottom : bottom + self.per_page
            ]
        )
        if not rows:  # past the last page, or no match: counted and refused as before
            return super().page(number)
        self.count = rows[0].window_total
        counts.remember(self.count_key, self.count)
        return self._get_page(rows, number, self)

    def _windowable(self) -> bool:
        # Named rows only (the API's list of ids and keys), and no DISTINCT, which a window
        # count would precede. SQLite only: PostgreSQL's planner stops a page early in the
        # newest-first index and counts from the word index in a statement of its own, where a
        # window count made it visit every match in date order (seconds at a million records).
        queryset = self.object_list
        return (
            isinstance(queryset, QuerySet)
            and connections[queryset.db].vendor == "sqlite"
            and queryset._iterable_class is NamedValuesListIterable
            and not queryset.query.distinct
        )


def _whole_number(request, name: str, minimum: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum:
        raise ValidationError(
            {name: [_("Enter a whole number of at least %(min)d.") % {"min": minimum}]}
        )
    return int(raw)


class Pagination(PageNumberPagination):
    """Page numbers (`page`, `page_size`), or `limit` and `offset` for clients that prefer them.

    Page sizes are capped; a number that is not a whole number in range is a 400 naming it.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    limit_query_param, offset_query_param = "limit", "offset"
    cursor_query_param = "cursor"

    def get_page_size(self, request):
        size = _whole_number(request, self.page_size_query_param, 1)
        return self.page_size if size is None else min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        self.limit = None
        self.cursor_mode = False
        self.count_key = counts.key_for(request, view)
        self.total = getattr(view, "known_total", None)
        self.django_paginator_class = partial(
            CountingPaginator, count_key=self.count_key, total=self.total
        )
        params = request.query_params
        self.check_parameters(request)  # all of them, also those that the chosen way ignores
        if self.cursor_query_param in params:
            return self._paginate_by_cursor(queryset, request)
        if self.limit_query_param in params or self.offset_query_param in params:
            return self._paginate_by_offset(queryset, request)
        return super().paginate_queryset(queryset, request, view)

    def _paginate_by_offset(self, queryset, request):
        limit = _whole_number(request, self.limit_query_param, 1)
        self.limit = self.page_size if limit is None else min(limit, self.max_page_size)
        self.offset = _whole_number(request, self.offset_query_param, 0) or 0
        self.count = counts.count(queryset, self.count_key, self.total)
        self.request = request
        if self.offset >= self.count:
            # Past the end: nothing to fetch, and no huge number reaches the database's integers.
            return []
        return list(queryset[self.offset : self.offset + self.limit])

    def _paginate_by_cursor(self, queryset, request):
        """Keyset paging in the newest-first order: every page costs what the first one does.

        `cursor=` (empty) starts; each page's `next` link carries the key of its last record.
        No total is counted.
        """
        if not hasattr(queryset.model, "date_key"):
            raise ValidationError(
                {self.cursor_query_param: [_("Only lists of records page by cursor.")]}
            )
        if request.query_params.get("ordering", "-date") not in ("", "-date"):
            raise ValidationError(
                {self.cursor_query_param: [_("Cursor paging follows the newest-first order: leave out ordering.")]}
            )  # fmt: skip
        raw = request.query_params[self.cursor_query_param]
        if raw:
            key, _dot, pk = raw.partition(".")
            # At most 18 digits each: within the database's 64-bit integers.
            if not all(p.isascii() and p.isdigit() and len(p) <= 18 for p in (key, pk)):
                raise ValidationError(
                    {self.cursor_query_param: [_("Not a cursor from a next link.")]}
                )
            key, pk = int(key), int(pk)
            queryset = queryset.filter(Q(date_key__lt=key) | Q(date_key=key, pk__lt=pk))
        size = _whole_number(request, self.limit_query_param, 1) or self.get_page_size(request)
        self.page_size_now = min(size, self.max_page_size)
        self.cursor_mode, self.request = True, request
        rows = list(queryset.order_by(*NEWEST_FIRST)[: self.page_size_now + 1])
        self.next_cursor = None
        if len(rows) > self.page_size_now:
            rows = rows[: self.page_size_now]
            self.next_cursor = f"{rows[-1].date_key}.{rows[-1].pk}"
        return rows

    def get_paginated_response(self, data):
        if self.cursor_mode:
            url = self.request.build_absolute_uri()
            following = self.next_cursor and replace_query_param(
                url, self.cursor_query_param, self.next_cursor
            )
            return Response({"count": None, "next": following, "previous": None, "results": data})
        if self.limit is None:
            return super().get_paginated_response(data)
        return Response(
            {
                "count": self.count,
                "next": self._offset_link(self.offset + self.limit)
                if self.offset + self.limit < self.count
                else None,
                "previous": self._offset_link(max(self.offset - self.limit, 0))
                if self.offset > 0
                else None,
                "results": data,
            }
        )

    def _offset_link(self, offset: int) -> str:
        url = replace_query_param(
            self.request.build_absolute_uri(), self.limit_query_param, self.limit
        )
        if offset == 0:
            return remove_query_param(url, self.offset_query_param)
        return replace_query_param(url, self.offset_query_param, offset)

    def get_schema_operation_parameters(self, view):
        described = {
            self.limit_query_param: "Records per page, instead of page_size (at most 500).",
            self.offset_query_param: "Records to skip, with limit.",
        }
        cursor = {
            "name": self.cursor_query_param,
            "required": False,
            "in": "query",
            "description": "Keyset paging in the newest-first order, for syncing clients: empty to "
            "start, then follow `next`. No total is counted (`count` is null).",
            "schema": {"type": "string", "pattern": r"^([0-9]{1,18}\.[0-9]{1,18})?$"},
        }
        extra = [
            {
                "name": name,
                "required": False,
                "in": "query",
                "description": text,
                "schema": {"type": "integer", "minimum": 0 if name == "offset" else 1},
            }
            for name, text in described.items()
        ]
        if getattr(view, "cursor_paging", False):
            extra.append(cursor)
        numbered = super().get_schema_operation_parameters(view)
        for parameter in numbered:  # both are refused below 1
            parameter["schema"]["minimum"] = 1
        return numbered + extra

    def check_parameters(self, request) -> None:
        """A 400 for paging parameters that are not whole numbers in range, on lists that do not
        page (CSV gives every row) too: a client learns of its mistake either way."""
        for name in (self.page_size_query_param, self.limit_query_param):
            _whole_number(request, name, 1)
        _whole_number(request, self.offset_query_param, 0)
        if request.query_params.get(self.page_query_param) not in self.last_page_strings:
            _whole_number(request, self.page_query_param, 1)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["nullable"] = True
        return response
