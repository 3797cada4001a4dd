"""Catalogue downloads: a filtered list as CSV, JSON or XLSX, each with a line saying how to cite it."""

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .rows import listing

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


CHUNK = 500


@dataclass(frozen=True)
class Extra:
    """Columns a type's list adds after the common ones: their names, and a function of a chunk
    of ids that gives each id's values (e.g. an agreement's validity)."""

    columns: tuple[str, ...]
    values: Callable[[list[int]], dict[int, dict]]


def rows(request, records, extra: Extra | None = None) -> Iterator[dict]:
    """One dict per record, from cooperation.rows.listing() a chunk of records at a time."""
    ids = records.values_list("pk", flat=True).iterator(chunk_size=CHUNK)
    while chunk := list(islice(ids, CHUNK)):
        more = extra.values(chunk) if extra else {}
        for row in listing(chunk, request=request, absolute=True):
            yield {
                **{name: row.get(name, "") for name in COLUMNS},
                "url": row["html_url"],
                "countries": ";".join(c["code"] for c in row["countries"]),
                "offices": ";".join(o["short_name"] for o in row["offices"]),
                **more.get(row["pk"], {}),
            }


def download(request, records, fmt: str, title: str, extra: Extra | None = None) -> HttpResponse:
    columns = COLUMNS + (extra.columns if extra else ())
    results = list(rows(request, records[:MAX_ROWS], extra))
    citation = cite_as(request, title)
    filename = f"{slugify(title) or 'records'}-{timezone.now().date().isoformat()}.{fmt}"
    if fmt == "json":
        body = json.dumps(
            {"cite_as": citation, "count": len(results), "results": results}, ensure_ascii=False
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "csv":
        response = HttpResponse(
            _csv(results, citation, columns), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            _xlsx(results, citation, columns),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv(rows: list[dict], citation: str, columns: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    label = _("Cite as")
    writer.writerow([f"# {label}: {citation}"])
    writer.writerow(columns)
    for record in rows:
        writer.writerow([neutralise(record.get(c, "")) for c in columns])
    return out.getvalue()


def _xlsx(rows: list[dict], citation: str, columns: tuple[str, ...]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "records"
    label = _("Cite as")
    sheet.append([neutralise(f"{label}: {citation}")])
    sheet.append(list(columns))
    for record in rows:
        sheet.append([neutralise(record.get(c, "")) for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
