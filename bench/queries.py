"""The SQL that Datasette (as canned queries) and the floor both run: one source, identical text.

Each statement mirrors what the app's ORM asks, on the same tables and indexes: `country` and
`year` read the Coverage table as ActivityQuerySet.with_country does (a listed country, an
involved office's country or the venue, in a year the record spans), and the order is
NEWEST_FIRST (date_key, id). Parameters arrive from query strings as text, hence CAST.
"""

# The statements are assembled from constants; values are always bound parameters.
# ruff: noqa: S608

import json
from pathlib import Path

DATABASE = "cooperation"  # Datasette names a database after its file: cooperation.sqlite3
METADATA = Path(__file__).parent / "datasette" / "metadata.json"
PAGE_SIZE = 50

# The app's Coverage table: one row per (activity, country, year), derived from listed places,
# involved offices' countries and the venue. Years are those the activity spans.
COVERED = """a.id IN (SELECT cv.activity_id FROM cooperation_coverage cv
                 WHERE cv.country_id = (SELECT id FROM cooperation_country WHERE code = :country)
                   {years}{type})"""
IN_YEAR = "AND cv.year = CAST(:year AS INTEGER)"
FROM_YEAR = "AND cv.year >= CAST(:year_min AS INTEGER)"
# A country and a range: the filters fold year_min and year_max into the country's Coverage rows.
IN_YEARS = """AND cv.year >= CAST(:year_min AS INTEGER)
                   AND cv.year <= CAST(:year_max AS INTEGER)"""
# A range without a country: overlapping_years() reads the rows without a country, once for each
# bound (a record with a year from year_min on, and a year up to year_max).
YEARS_ONLY = """a.id IN (SELECT cv.activity_id FROM cooperation_coverage cv
                 WHERE cv.country_id IS NULL AND cv.year >= CAST(:year_min AS INTEGER))
    AND a.id IN (SELECT cv.activity_id FROM cooperation_coverage cv
                 WHERE cv.country_id IS NULL AND cv.year <= CAST(:year_max AS INTEGER))"""
AGREEMENT_ROWS = "\n                   AND cv.type = 'agreement'"
WORD = """(a.title LIKE '%' || :q || '%' OR a.title_zh LIKE '%' || :q || '%'
         OR a.summary LIKE '%' || :q || '%' OR p.text LIKE '%' || :q || '%')"""
AGREEMENTS = """FROM cooperation_activity a
  JOIN agreements_agreement g ON g.activity_ptr_id = a.id
  LEFT JOIN cooperation_passage p ON p.id = a.passage_id
  WHERE a.status = 'published'"""
# date_key is year * 10000 + month * 100 + day, 0 for unknown parts: newest first, unknowns last.
NEWEST_FIRST = "date_key DESC, id DESC"
# Keyset ("cursor") paging on the same key.
AFTER_KEY = """(date_key, id) < (CAST(:after_key AS INTEGER), CAST(:after_id AS INTEGER))"""

RECORD = """a.id AS pk, a.date_key, a.slug AS id, a.type, a.kind, a.title, a.title_zh, a.year, a.month, a.day,
  a.end_year, a.end_month, a.end_day, a.city, vc.code AS venue_country, a.summary, a.status,
  a.version, a.created_at, a.updated_at, a.staff_reference, d.slug AS source_document,
  p.section AS source_section, p.heading AS source_heading, p.text AS source_passage,
  p.ref AS source_ref, CASE WHEN occ.status = 'published' THEN occ.slug END AS occasion,
  (SELECT json_group_array(json_object('slug', o.slug, 'acronym', o.acronym, 'name', o.name,
            'country', oc.code, 'role', i.role, 'on_behalf_of', i.on_behalf_of))
     FROM cooperation_involvement i JOIN cooperation_office o ON o.id = i.office_id
     LEFT JOIN cooperation_country oc ON oc.id = o.country_id
    WHERE i.activity_id = a.id) AS offices,
  (SELECT json_group_array(json_object('code', c.code, 'name', c.name, 'role', ac.role))
     FROM cooperation_activitycountry ac JOIN cooperation_country c ON c.id = ac.country_id
    WHERE ac.activity_id = a.id) AS countries,
  (SELECT json_group_array(json_object('slug', pe.slug, 'name', pe.name, 'role', pa.role))
     FROM cooperation_participation pa JOIN cooperation_person pe ON pe.id = pa.person_id
    WHERE pa.activity_id = a.id) AS people,
  (SELECT json_group_array(gr.slug) FROM cooperation_activity_groupings ag
     JOIN cooperation_grouping gr ON gr.id = ag.grouping_id WHERE ag.activity_id = a.id) AS groupings,
  (SELECT json_group_array(t.slug) FROM cooperation_activity_topics at
     JOIN cooperation_topic t ON t.id = at.topic_id WHERE at.activity_id = a.id) AS topics,
  (SELECT json_group_array(json_object('document', od.slug, 'section', op.section,
            'heading', op.heading, 'passage', op.text, 'ref', op.ref))
     FROM cooperation_activity_other_passages ao
     JOIN cooperation_passage op ON op.id = ao.passage_id
     JOIN cooperation_document od ON od.id = op.document_id
    WHERE ao.activity_id = a.id) AS other_sources"""
RECORD_JOINS = """FROM page
JOIN cooperation_activity a ON a.id = page.id
LEFT JOIN cooperation_passage p ON p.id = a.passage_id
LEFT JOIN cooperation_document d ON d.id = p.document_id
LEFT JOIN cooperation_country vc ON vc.id = a.venue_country_id
LEFT JOIN cooperation_activity occ ON occ.id = a.occasion_id
ORDER BY a.date_key DESC, a.id DESC"""
# The JSON columns that Datasette should parse (`_json=`) and the floor embeds as lists.
JSON_COLUMNS = ["offices", "countries", "people", "groupings", "topics", "other_sources"]


def _page(where: str, *, offset: bool = True, after: bool = False) -> str:
    keyset = f"WHERE {AFTER_KEY}" if after else ""
    paging = (
        f"LIMIT {PAGE_SIZE} OFFSET CAST(:offset AS INTEGER)" if offset else f"LIMIT {PAGE_SIZE}"
    )
    total = "(SELECT count(*) FROM matched)" if offset else "NULL"
    return f"""WITH matched AS (
  SELECT a.id, a.date_key {AGREEMENTS}
    AND {where}
),
page AS (SELECT id FROM matched {keyset} ORDER BY {NEWEST_FIRST} {paging})
SELECT {total} AS total, {RECORD}
{RECORD_JOINS}"""


def _agreement_facets(years: str) -> str:
    return f"""SELECT a.year, a.kind, count(*) AS count FROM cooperation_activity a
JOIN agreements_agreement g ON g.activity_ptr_id = a.id
WHERE a.status = 'published' AND {COVERED.format(years=years, type=AGREEMENT_ROWS)}
GROUP BY a.year, a.kind"""


EXPORT_FROM = """FROM cooperation_activity a
  JOIN agreements_agreement g ON g.activity_ptr_id = a.id
  LEFT JOIN cooperation_passage p ON p.id = a.passage_id
  LEFT JOIN cooperation_document d ON d.id = p.document_id
  LEFT JOIN cooperation_country vc ON vc.id = a.venue_country_id
  WHERE a.status = 'published'"""
DATE = """CASE WHEN a.day IS NOT NULL THEN printf('%04d-%02d-%02d', a.year, a.month, a.day)
       WHEN a.month IS NOT NULL THEN printf('%04d-%02d', a.year, a.month)
       ELSE printf('%04d', a.year) END"""

QUERIES = {
    "agreements_page": {
        "title": "Agreements of a country and a year, 50 a page, parties embedded, with the total",
        "sql": _page(COVERED.format(years=IN_YEAR, type=AGREEMENT_ROWS)),
    },
    "agreements_after": {
        "title": "The same list, the 50 records after a key (keyset paging, no total)",
        "sql": _page(COVERED.format(years=IN_YEAR, type=AGREEMENT_ROWS), offset=False, after=True),
    },
    "agreement": {
        "title": "One agreement by its slug",
        "sql": _page("a.slug = :slug", offset=False),
    },
    "agreements_search": {
        "title": "Agreements whose title, summary or passage contains a word, 50 a page",
        "sql": _page(WORD),
    },
    "facets": {
        "title": "Published records per (start) year and kind for one country, as the app groups them",
        "sql": f"""SELECT a.year, a.kind, count(*) AS count FROM cooperation_activity a
WHERE a.status = 'published' AND {COVERED.format(years="", type="")}
GROUP BY a.year, a.kind""",
    },
    # The mixed workload's other list shapes (bench/workload.py), each the app's filter as SQL.
    "agreements_years": {
        "title": "Agreements overlapping a range of years, 50 a page, with the total",
        "sql": _page(YEARS_ONLY),
    },
    "agreements_country_years": {
        "title": "Agreements of a country over a range of years, 50 a page, with the total",
        "sql": _page(COVERED.format(years=IN_YEARS, type=AGREEMENT_ROWS)),
    },
    "agreements_country_search": {
        "title": "Agreements of a country whose title, summary or passage contains a word",
        "sql": _page(f"{COVERED.format(years='', type=AGREEMENT_ROWS)}\n    AND {WORD}"),
    },
    "agreement_facets": {
        "title": "A country's agreements per (start) year and kind, as /api/v1/agreements/facets/",
        "sql": _agreement_facets(""),
    },
    "agreement_facets_years": {
        "title": "The same over a range of years",
        "sql": _agreement_facets(IN_YEARS),
    },
    "agreements_export": {
        "title": "Every agreement of a country from a year on, one flat row each (CSV export)",
        "sql": f"""SELECT a.slug AS id, a.type, a.kind, a.title, a.title_zh,
  {DATE} AS date,
  a.year, a.month, a.day, a.city, vc.code AS venue_country,
  (SELECT group_concat(o.slug, '; ') FROM cooperation_involvement i
     JOIN cooperation_office o ON o.id = i.office_id WHERE i.activity_id = a.id) AS offices,
  (SELECT group_concat(c.code, '; ') FROM cooperation_activitycountry ac
     JOIN cooperation_country c ON c.id = ac.country_id WHERE ac.activity_id = a.id) AS countries,
  a.summary, d.slug AS source, a.status, a.version, a.created_at, a.updated_at
{EXPORT_FROM}
  AND {COVERED.format(years=FROM_YEAR, type=AGREEMENT_ROWS)}
ORDER BY a.date_key DESC, a.id DESC""",
    },
}


def metadata() -> dict:
    return {
        "title": "International Cooperation Tracker (benchmark)",
        "databases": {DATABASE: {"queries": QUERIES}},
    }


def write_metadata() -> Path:
    METADATA.parent.mkdir(exist_ok=True)
    METADATA.write_text(json.dumps(metadata(), indent=2) + "\n", encoding="utf-8")
    return METADATA


if __name__ == "__main__":
    print(write_metadata())
