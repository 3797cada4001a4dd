"""Catalogue downloads: a filtered list as CSV, JSON or XLSX, each with a line saying how to cite it."""

import csv
import io
import json

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .queries import involved_countries

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


def row(request, activity) -> dict:
    passage = activity.passage
    return {
        "slug": activity.slug,
        "url": request.build_absolute_uri(activity.get_absolute_url()),
        "type": activity.type,
        "kind": activity.kind,
        "title": activity.title,
        "title_zh": activity.title_zh,
        "date": activity.date,
        "end_date": activity.end_date,
        "city": activity.city,
        "venue_country": activity.venue_country.code if activity.venue_country else "",
        "countries": ";".join(c.code for c in involved_countries(activity)),
        "offices": ";".join(inv.office.short_name for inv in activity.involvements.all()),
        "source": passage.document.title if passage else "",
        "section": passage.section if passage else "",
        "heading": passage.heading if passage else "",
        "passage": passage.text if passage else "",
        "staff_reference": activity.staff_reference,
    }


def download(request, records, fmt: str, title: str) -> HttpResponse:
    rows = [row(request, activity) for activity in records[:MAX_ROWS]]
    citation = cite_as(request, title)
    filename = f"{slugify(title) or 'records'}-{timezone.now().date().isoformat()}.{fmt}"
    if fmt == "json":
        body = json.dumps(
            {"cite_as": citation, "count": len(rows), "results": rows}, ensure_ascii=False
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "csv":
        response = HttpResponse(_csv(rows, citation), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            _xlsx(rows, citation),
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
