"""Catalogue downloads: a filtered list as CSV, JSON or XLSX, each with a line saying how to cite it."""

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from . import dates
from .models import ActivityCountry, ActivityType, Involvement, Office
from .serializers import slug_url

FORMATS = ("csv", "json", "xlsx")
MAX_ROWS = 10_000
SITE_NAME = "International Cooperation Tracker"
COLUMNS = (
    "slug",
    "url",
    "type",
    "kind",
    "title",
    "title_zh",
    "date",
    "end_date",
    "city",
    "venue_country",
    "countries",
    "offices",
    "source",
    "section",
    "heading",
    "passage",
    "staff_reference",
)
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cite_as(request, title: str) -> str:
    return _("%(site)s, %(title)s, %(url)s, accessed %(date)s") % {
        "site": SITE_NAME,
        "title": title,
        "url": request.build_absolute_uri(_view_url(request)),
        "date": timezone.now().date().isoformat(),
    }


def _view_url(request) -> str:
    query = request.GET.copy()
    query.pop("format", None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


# What rows() reads from each record.
VALUES = (
    "pk", "slug", "type", "kind", "title", "title_zh", "year", "month", "day", "end_year",
    "end_month", "end_day", "city", "venue_country__code", "passage", "passage__document__title",
    "passage__section", "passage__heading", "passage__text", "staff_reference",
)  # fmt: skip
CHUNK = 500


def rows(request, records) -> Iterator[dict]:
    """One dict per record, from plain values and, per chunk of records, one query each for
    offices and countries: model instances cost more than the rest of a download."""
    pages = {t: slug_url(request, f"{t}-detail") for t in ActivityType.values}
    values = records.select_related(None).prefetch_related(None).values_list(*VALUES)
    values = values.iterator(chunk_size=CHUNK)
    while chunk := list(islice(values, CHUNK)):
        ids = [record[0] for record in chunk]
        countries, offices = defaultdict(dict), defaultdict(list)
        # The order of involved_countries(): listed, then the offices', then the venue.
        listed = ActivityCountry.objects.filter(activity__in=ids).order_by("id")
        for activity_id, code in listed.values_list("activity_id", "country__code"):
            countries[activity_id].setdefault(code)
        involved = Involvement.objects.filter(activity__in=ids).order_by("id")
        for activity_id, acronym, name, name_zh, code in involved.values_list(
            "activity_id", "office__acronym", "office__name", "office__name_zh",
            "office__country__code",
        ):  # fmt: skip
            # Office.short_name, without building the office.
            offices[activity_id].append(acronym or Office(name=name, name_zh=name_zh).display_name)
            if code:
                countries[activity_id].setdefault(code)
        for record in chunk:
            r = dict(zip(VALUES, record, strict=True))
            if r["venue_country__code"]:
                countries[r["pk"]].setdefault(r["venue_country__code"])
            has_passage = r["passage"] is not None
            yield {
                "slug": r["slug"],
                "url": pages[r["type"]](r["slug"]),
                "type": r["type"],
                "kind": r["kind"],
                "title": r["title"],
                "title_zh": r["title_zh"],
                "date": dates.format_partial(r["year"], r["month"], r["day"]),
                "end_date": dates.format_partial(r["end_year"], r["end_month"], r["end_day"]),
                "city": r["city"],
                "venue_country": r["venue_country__code"] or "",
                "countries": ";".join(countries[r["pk"]]),
                "offices": ";".join(offices[r["pk"]]),
                "source": r["passage__document__title"] if has_passage else "",
                "section": r["passage__section"] if has_passage else "",
                "heading": r["passage__heading"] if has_passage else "",
                "passage": r["passage__text"] if has_passage else "",
                "staff_reference": r["staff_reference"],
            }


def download(request, records, fmt: str, title: str) -> HttpResponse:
    results = list(rows(request, records[:MAX_ROWS]))
    citation = cite_as(request, title)
    filename = f"{slugify(title) or 'records'}-{timezone.now().date().isoformat()}.{fmt}"
    if fmt == "json":
        body = json.dumps(
            {"cite_as": citation, "count": len(results), "results": results}, ensure_ascii=False
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "csv":
        response = HttpResponse(_csv(results, citation), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _xlsx(results, citation),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv(rows: list[dict], citation: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    label = _("Cite as")
    writer.writerow([f"# {label}: {citation}"])
    writer.writerow(COLUMNS)
    for record in rows:
        writer.writerow([neutralise(record[c]) for c in COLUMNS])
    return out.getvalue()


def _xlsx(rows: list[dict], citation: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "records"
    label = _("Cite as")
    sheet.append([neutralise(f"{label}: {citation}")])
    sheet.append(list(COLUMNS))
    for record in rows:
        sheet.append([neutralise(record[c]) for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
