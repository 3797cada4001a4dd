"""The floor: the thinnest WSGI handler that answers the benchmark's requests like the app does.

Standard library only (sqlite3, json, csv). It runs the same SQL as the Datasette canned queries
(bench/queries.py) and shapes the rows into the app's JSON. Served by gunicorn with the app's
settings: `FLOOR_DB=path.sqlite3 gunicorn --pythonpath bench floor:application`.
"""

import csv
import io
import json
import os
import re
import sqlite3
import threading
from collections import Counter
from html import escape
from urllib.parse import parse_qs, urlencode

import queries

DB = os.environ.get("FLOOR_DB", "cooperation.sqlite3")
SQL = {name: query["sql"] for name, query in queries.QUERIES.items()}
DETAIL = re.compile(r"^/api/v1/agreements/([-a-zA-Z0-9_]+)/$")
KIND_LABELS = {
    "mou": "memorandum of understanding", "work-plan": "work plan",
    "pph": "PPH agreement or pilot", "data-exchange": "data-exchange agreement",
    "cooperation-agreement": "cooperation agreement", "record-of-discussion": "record of discussion",
    "joint-statement": "joint statement", "letter-of-intent": "letter of intent",
    "framework-agreement": "framework agreement", "programme": "programme",
    "arrangement": "arrangement", "guidelines": "guidelines", "declaration": "declaration", "extension": "extension of an agreement",
    "other-document": "other cooperation document",
}  # fmt: skip
_local = threading.local()


def connection() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        _local.conn = conn
    return conn


def partial(year, month, day) -> str | None:
    if year is None:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def record(row: sqlite3.Row, base: str) -> dict:
    people = json.loads(row["people"])
    precision = "day" if row["day"] else "month" if row["month"] else "year"
    source = (
        {
            "document": row["source_document"],
            "section": row["source_section"],
            "heading": row["source_heading"],
            "passage": row["source_passage"],
            "ref": row["source_ref"],
        }
        if row["source_document"]
        else {"entered_by_staff": row["staff_reference"]}
    )
    return {
        "id": row["id"],
        "url": f"{base}/api/v1/agreements/{row['id']}/",
        "html_url": f"{base}/agreements/{row['id']}/",
        "type": row["type"],
        "kind": row["kind"],
        "kind_label": KIND_LABELS.get(row["kind"], row["kind"]),
        "title": row["title"],
        "title_zh": row["title_zh"],
        "date": partial(row["year"], row["month"], row["day"]),
        "date_precision": precision,
        "year": row["year"],
        "month": row["month"],
        "day": row["day"],
        "end_date": partial(row["end_year"], row["end_month"], row["end_day"]),
        "city": row["city"],
        "venue_country": row["venue_country"],
        "offices": json.loads(row["offices"]),
        "countries": json.loads(row["countries"]),
        "people": people,
        "groupings": json.loads(row["groupings"]),
        "topics": json.loads(row["topics"]),
        "summary": row["summary"],
        "source": source,
        "other_sources": json.loads(row["other_sources"]),
        "status": row["status"],
        "version": row["version"],
        "created_at": row["created_at"].replace(" ", "T") + "Z",
        "updated_at": row["updated_at"].replace(" ", "T") + "Z",
        "occasion": row["occasion"],
        "witnesses": [p["slug"] for p in people if p["role"] == "witness"],
    }


def respond(start_response, status: str, body: bytes, content_type: str):
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]


def as_json(start_response, data, status: str = "200 OK"):
    return respond(
        start_response,
        status,
        json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(),
        "application/json",
    )


def page_links(base: str, path: str, params: dict, page: int, total: int) -> tuple:
    def link(number):
        return f"{base}{path}?{urlencode({**params, 'page': number})}"

    last = max(1, -(-total // queries.PAGE_SIZE))
    return (link(page + 1) if page < last else None, link(page - 1) if page > 1 else None)


def agreements(params: dict, base: str, path: str) -> tuple[dict, list[sqlite3.Row]]:
    db = connection()
    if "cursor" in params:
        after_key, after_id = params["cursor"].split(".")
        rows = db.execute(
            SQL["agreements_after"],
            {**_filters(params), "after_key": after_key, "after_id": after_id},
        ).fetchall()
        following = None
        if len(rows) == queries.PAGE_SIZE:
            last = rows[-1]
            key = f"{last['date_key']}.{last['pk']}"
            following = f"{base}{path}?{urlencode({**params, 'cursor': key})}"
        return {"next": following, "previous": None}, rows
    page = int(params.get("page", "1"))
    name, bound = _list_query(params)
    rows = db.execute(SQL[name], {**bound, "offset": (page - 1) * queries.PAGE_SIZE}).fetchall()
    total = rows[0]["total"] if rows else 0
    following, previous = page_links(base, path, params, page, total)
    return {"count": total, "next": following, "previous": previous}, rows


def _filters(params: dict) -> dict:
    return {"country": params.get("country", "").upper(), "year": params.get("year", "")}


def _list_query(params: dict) -> tuple[str, dict]:
    """The canned query for a list's filters (the shapes of bench/workload.py), and its values."""
    country = params.get("country", "").upper()
    years = {"year_min": params.get("year_min", ""), "year_max": params.get("year_max", "")}
    if "q" in params:
        if "country" in params:
            return "agreements_country_search", {"country": country, "q": params["q"]}
        return "agreements_search", {"q": params["q"]}
    if "year_min" in params or "year_max" in params:
        if "country" in params:
            return "agreements_country_years", {"country": country, **years}
        return "agreements_years", years
    return "agreements_page", _filters(params)


def export(params: dict, start_response):
    cursor = connection().execute(
        SQL["agreements_export"],
        {"country": params.get("country", "").upper(), "year_min": params.get("year_min", "")},
    )
    start_response(
        "200 OK",
        [("Content-Type", "text/csv; charset=utf-8"),
         ("Content-Disposition", 'attachment; filename="agreements.csv"')],
    )  # fmt: skip

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([column[0] for column in cursor.description])
        while rows := cursor.fetchmany(500):
            writer.writerows(rows)
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue().encode()

    return lines()


def html_list(params: dict, base: str, path: str, start_response):
    page, rows = agreements(params, base, path)
    items = "".join(
        f'<tr><td><a href="/agreements/{escape(r["id"])}/">{escape(r["title"])}</a></td>'
        f"<td>{partial(r['year'], r['month'], r['day'])}</td>"
        f"<td>{escape(', '.join(o['acronym'] for o in json.loads(r['offices'])))}</td></tr>"
        for r in rows
    )
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Agreements</title>'
        f"</head><body><h1>Agreements</h1><p>{page.get('count', '')} records</p>"
        f"<table><tbody>{items}</tbody></table></body></html>"
    )
    return respond(start_response, "200 OK", body.encode(), "text/html; charset=utf-8")


def facets(params: dict, start_response, name: str = "facets"):
    bound = {"country": params.get("country", "").upper()}
    if name == "agreement_facets" and "year_min" in params:
        name = "agreement_facets_years"
        bound.update(year_min=params["year_min"], year_max=params.get("year_max", ""))
    rows = connection().execute(SQL[name], bound)
    per_year, per_kind = Counter(), Counter()
    for year, kind, count in rows:
        per_year[year] += count
        per_kind[kind] += count
    result = {
        facet: [{"value": value, "count": n} for value, n in sorted(counts.items())]
        for facet, counts in (("year", per_year), ("kind", per_kind))
    }
    return as_json(start_response, result)


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    params = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    base = f"http://{environ.get('HTTP_HOST', 'localhost')}"
    if path == "/api/v1/agreements/":
        if params.get("format") == "csv":
            return export(params, start_response)
        page, rows = agreements(params, base, path)
        return as_json(start_response, {**page, "results": [record(r, base) for r in rows]})
    if path == "/api/v1/agreements/facets/":  # before the detail path, which it would match
        return facets(params, start_response, "agreement_facets")
    if match := DETAIL.match(path):
        row = connection().execute(SQL["agreement"], {"slug": match[1]}).fetchone()
        if row is None:
            return as_json(start_response, {"detail": "Not found."}, "404 Not Found")
        return as_json(start_response, record(row, base))
    if path == "/api/v1/facets/":
        return facets(params, start_response)
    if path == "/agreements/":
        return html_list(params, base, path, start_response)
    return as_json(start_response, {"detail": "Not found."}, "404 Not Found")
