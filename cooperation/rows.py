"""One row builder for every read of activities: the API's lists, details and CSV.

A page's ids come first (one index range); then the rows and their links come in a fixed number
of set queries, whatever the page size, and are put together as plain dicts in exactly the shape
the serializers describe. Serializers stay for writes and for the schema; building thousands of
model instances and nested serializers per page cost most of a list's time.
"""

import functools
from collections import defaultdict
from functools import partial

from django.db import connections, router
from django.db.models import Case, F, When
from django.urls import NoReverseMatch
from django.utils.translation import get_language
from rest_framework.fields import DateTimeField

from . import compiled, dates
from .models import (
    Activity,
    ActivityCountry,
    ActivityType,
    Involvement,
    Kind,
    Participation,
    Status,
)

BASE = (
    "id", "slug", "type", "kind", "title", "title_zh", "summary", "year", "month", "day",
    "end_year", "end_month", "end_day", "city", "venue_country__code", "passage_id",
    "staff_reference", "status", "version", "created_at", "updated_at", "occasion__slug",
    "occasion__status", "passage__document__slug", "passage__section", "passage__heading",
    "passage__text", "passage__ref", "passage__document__title", "venue_country__name",
    "venue_country__name_zh",
)  # fmt: skip
PASSAGE = ("id", "document__slug", "section", "heading", "text", "ref")
KIND_LABELS = dict(Kind.choices)
TYPE_LABELS = dict(ActivityType.choices)
_timestamp = DateTimeField().to_representation


def _passage(row: dict) -> dict:
    return {
        "document": row["document__slug"],
        "section": row["section"],
        "heading": row["heading"],
        "passage": row["text"],
        "ref": row["ref"],
    }


class Urls:
    """Absolute URLs of a slug's API detail and catalogue page, each view reversed once."""

    def __init__(self, request):
        from .serializers import page_url, slug_url

        self.request, self.api, self.page = request, {}, {}
        self._slug_url, self._page_url = slug_url, page_url

    def api_url(self, activity_type: str, slug: str) -> str:
        if activity_type not in self.api:
            try:
                self.api[activity_type] = self._slug_url(
                    self.request, f"api:{activity_type}-detail"
                )
            except NoReverseMatch:
                self.api[activity_type] = lambda s: None
        return self.api[activity_type](slug)

    def page_url(self, activity_type: str, slug: str) -> str | None:
        if activity_type not in self.page:
            self.page[activity_type] = self._page_url(self.request, f"{activity_type}-detail")
        return self.page[activity_type](slug)


def _offices(ids: list[int], localized: bool = False):
    """(activity id, office dict) in the order they were listed; *localized* adds what the
    catalogue shows: Chinese names and the office's country."""
    columns = ["office__slug", "office__acronym", "office__name", "office__country__code", "role",
               "on_behalf_of"]  # fmt: skip
    extra = ["office__name_zh", "office__country__name", "office__country__name_zh"]
    keys = ["slug", "acronym", "name", "country", "role", "on_behalf_of"]
    if localized:
        columns, keys = columns + extra, keys + ["name_zh", "country_name", "country_name_zh"]
    query = partial(_linked_rows, Involvement, columns)
    found = compiled.rows(f"rows.offices.{localized}", query, ids, model=Involvement)
    for activity_id, *values in found:
        yield activity_id, dict(zip(keys, values, strict=True))


def _countries(ids: list[int], localized: bool = False):
    columns, keys = ["country__code", "country__name", "role"], ["code", "name", "role"]
    if localized:
        columns, keys = columns + ["country__name_zh"], keys + ["name_zh"]
    query = partial(_linked_rows, ActivityCountry, columns)
    found = compiled.rows(f"rows.countries.{localized}", query, ids, model=ActivityCountry)
    for activity_id, *values in found:
        yield activity_id, dict(zip(keys, values, strict=True))


def _linked_rows(model, columns: list[str], ids: list[int]):
    """An activity's links of one kind (*model*: offices or countries), in the order listed."""
    return (
        model.objects.filter(activity_id__in=ids)
        .order_by("id")
        .values_list("activity_id", *columns)
    )


def _table(model) -> str:
    return model._meta.db_table


@functools.cache
def _links_sql(vendor: str) -> str:
    """Every kind of link in one statement: a detail or a page costs one round trip for its
    links, where the ORM's six querysets cost most of a detail's time. Each part orders its
    links as the serializers do; the sort columns n1, t1, n2 mean what each part puts in them.
    {ids} stands for the placeholders of the activity ids; table and column names come from the
    models' _meta, never from input (hence the S608 waivers)."""
    from .models import Country, Document, Grouping, Office, Passage, Person, Topic

    number = "CAST(NULL AS bigint)" if vendor == "postgresql" else "NULL"
    text = "CAST(NULL AS text)" if vendor == "postgresql" else "NULL"

    def through(name):
        field = Activity._meta.get_field(name)
        return _table(field.remote_field.through), field.m2m_column_name(), field.m2m_reverse_name()

    def tags(tag, name, target):
        table, source, other = through(name)
        return (
            f"SELECT '{tag}', l.{source}, {number}, x.name, {number}, x.slug, {text}, {text}, "  # noqa: S608
            f"{text}, {text}, {text} FROM {table} l JOIN {_table(target)} x ON x.id = l.{other} "
            f"WHERE l.{source} IN ({{ids}})"
        )

    passages, source, other = through("other_passages")
    parts = [
        f"SELECT 'o', i.activity_id, i.id, {text}, {number}, o.slug, o.acronym, o.name, c.code, "  # noqa: S608
        f"i.role, i.on_behalf_of FROM {_table(Involvement)} i "
        f"JOIN {_table(Office)} o ON o.id = i.office_id "
        f"LEFT JOIN {_table(Country)} c ON c.id = o.country_id WHERE i.activity_id IN ({{ids}})",
        f"SELECT 'c', a.activity_id, a.id, {text}, {number}, c.code, c.name, a.role, {text}, "  # noqa: S608
        f"{text}, {text} FROM {_table(ActivityCountry)} a "
        f"JOIN {_table(Country)} c ON c.id = a.country_id WHERE a.activity_id IN ({{ids}})",
        f"SELECT 'p', x.activity_id, x.id, {text}, {number}, p.slug, p.name, x.role, {text}, "  # noqa: S608
        f"{text}, {text} FROM {_table(Participation)} x "
        f"JOIN {_table(Person)} p ON p.id = x.person_id WHERE x.activity_id IN ({{ids}})",
        tags("g", "groupings", Grouping),
        tags("t", "topics", Topic),
        f"SELECT 's', l.{source}, -d.year, d.title, p.position, d.slug, p.section, p.heading, "  # noqa: S608
        f"p.text, p.ref, {text} FROM {passages} l JOIN {_table(Passage)} p ON p.id = l.{other} "
        f"JOIN {_table(Document)} d ON d.id = p.document_id WHERE l.{source} IN ({{ids}})",
    ]
    return " UNION ALL ".join(parts) + " ORDER BY 1, 3, 4, 5"


LINK_CHUNK = 900  # ids per statement: six IN lists stay far below SQLite's variable limit


def _links(ids: list[int]) -> dict:
    """Every link of the activities *ids*, grouped by activity, in one statement per chunk."""
    links = defaultdict(lambda: defaultdict(list))
    connection = connections[router.db_for_read(Activity)]
    for first in range(0, len(ids), LINK_CHUNK):
        chunk = ids[first : first + LINK_CHUNK]
        sql = _links_sql(connection.vendor).replace("{ids}", ", ".join(["%s"] * len(chunk)))
        with connection.cursor() as cursor:
            cursor.execute(sql, chunk * 6)
            found = cursor.fetchall()
        for tag, activity_id, _n1, _t1, _n2, *values in found:
            into = links[activity_id]
            if tag == "o":
                keys = ("slug", "acronym", "name", "country", "role", "on_behalf_of")
                into["offices"].append(dict(zip(keys, values, strict=True)))
            elif tag == "c":
                into["countries"].append(
                    dict(zip(("code", "name", "role"), values[:3], strict=True))
                )
            elif tag == "p":
                into["people"].append(dict(zip(("slug", "name", "role"), values[:3], strict=True)))
            elif tag in ("g", "t"):
                into["groupings" if tag == "g" else "topics"].append(values[0])
            else:
                keys = ("document", "section", "heading", "passage", "ref")
                into["other_sources"].append(dict(zip(keys, values[:5], strict=True)))
    return links


def build(serializer_class, ids: list[int], *, request, can_see_drafts: bool) -> list[dict]:
    """What *serializer_class* shows of the activities *ids*, in that order, as plain dicts.

    Its model's own columns and many-to-many links are read when its fields name them; its
    `row_extras` (field name -> function of the row) add what is derived from the row, its
    `row_queries(ids, can_see_drafts=...)` what it reads from its own tables.
    """
    model, fields = serializer_class.Meta.model, serializer_class.Meta.fields
    extras = getattr(serializer_class, "row_extras", {})
    if not ids:
        return []
    base = _base(ids)
    links = _links(ids)
    own = _own_columns(model, fields, ids, can_see_drafts)
    # A type's lists read from its own tables (an agreement's status changes), one query each.
    queries = getattr(serializer_class, "row_queries", None)
    if queries is not None:
        for pk, values in queries(ids, can_see_drafts=can_see_drafts).items():
            own.setdefault(pk, {}).update(values)
    urls = Urls(request)
    rows = []
    for pk in ids:
        row = base.get(pk)
        if row is None:
            continue
        found = links[pk]
        start = (row["year"], row["month"], row["day"])
        end = (row["end_year"], row["end_month"], row["end_day"])
        if row["passage_id"]:
            source = _passage({name: row[f"passage__{name}"] for name in PASSAGE[1:]})
        else:
            source = {"entered_by_staff": row["staff_reference"]}
        data = {
            "id": row["slug"],
            "url": urls.api_url(row["type"], row["slug"]),
            "html_url": urls.page_url(row["type"], row["slug"]),
            "type": row["type"],
            "kind": row["kind"],
            "kind_label": str(KIND_LABELS.get(row["kind"], row["kind"])),
            "title": row["title"],
            "title_zh": row["title_zh"],
            "date": dates.format_partial(*start) or None,
            "date_precision": dates.precision(*start),
            "year": row["year"],
            "month": row["month"],
            "day": row["day"],
            "end_date": dates.format_partial(*end) or None,
            "city": row["city"],
            "venue_country": row["venue_country__code"],
            "offices": found["offices"],
            "countries": found["countries"],
            "people": found["people"],
            "groupings": found["groupings"],
            "topics": found["topics"],
            "summary": row["summary"],
            "source": source,
            "other_sources": found["other_sources"],
            "status": row["status"],
            "version": row["version"],
            "created_at": _timestamp(row["created_at"]),
            "updated_at": _timestamp(row["updated_at"]),
        }
        data["occasion"] = _visible_slug(
            row["occasion__slug"], row["occasion__status"], can_see_drafts
        )
        data.update(own.get(pk, {}))
        for name, make in extras.items():
            data[name] = make(data)
        rows.append({name: data[name] for name in fields})
    return rows


def _base(ids: list[int]) -> dict:
    found = compiled.rows("rows.base", _base_query, ids, model=Activity)
    return {row["id"]: row for row in found}


def _base_query(ids: list[int]):
    return Activity.objects.filter(id__in=ids).order_by().values(*BASE)


def _visible_slug(slug, status, can_see_drafts: bool):
    if slug is None:
        return None
    return slug if status == Status.PUBLISHED or can_see_drafts else None


def _own_columns(model, fields, ids: list[int], can_see_drafts: bool) -> dict:
    """A type's own columns and many-to-many links to other activities (a delegation's
    meetings, visible ones only) that *fields* name, by activity id."""
    if model is Activity:
        return {}
    names, related = [], []
    for f in model._meta.local_concrete_fields:
        if f.primary_key or f.name not in fields:
            continue
        # A link to another activity (an agreement's renewal) reads as its slug, if visible.
        if f.is_relation and issubclass(f.related_model, Activity):
            related.append(f.name)
        else:
            names.append(f.attname)
    columns = [*names, *(f"{name}__{part}" for name in related for part in ("slug", "status"))]
    own = {}
    if columns:
        query = partial(_own_query, model, columns)
        for row in compiled.rows(f"rows.own.{model._meta.label}", query, ids, model=model):
            for name in related:
                slug, status = row.pop(f"{name}__slug"), row.pop(f"{name}__status")
                row[name] = _visible_slug(slug, status, can_see_drafts)
            own[row.pop("pk")] = row
    for field in model._meta.local_many_to_many:
        if field.name not in fields:
            continue
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        query = partial(_linked_query, through, source, target, can_see_drafts)
        name = f"rows.linked.{through._meta.label}.{can_see_drafts}"
        pairs = compiled.rows(name, query, ids, model=through)
        for pk in ids:
            own.setdefault(pk, {})[field.name] = []
        for pk, slug in pairs:
            if slug is not None:
                own[pk][field.name].append(slug)
    return own


def listing(ids: list[int], *, request, absolute: bool = False) -> list[dict]:
    """What the catalogue's lists and downloads show of the activities *ids*, in that order, in
    the reader's language: build()'s base query, and one each for offices and countries.

    Countries follow the country filter's rule: those listed, then the offices', then the venue.
    """
    if not ids:
        return []
    from .serializers import page_url  # the serializers import this module

    chinese = (get_language() or "").startswith("zh")

    def shown(name: str, name_zh: str | None) -> str:
        return name_zh if chinese and name_zh else name

    urls = {
        view: page_url(request if absolute else None, f"{view}-detail")
        for view in ("office", "country", *ActivityType.values)
    }
    base = _base(ids)
    offices, countries = defaultdict(list), defaultdict(dict)
    for activity_id, country in _countries(ids, localized=True):
        countries[activity_id].setdefault(
            country["code"], shown(country["name"], country["name_zh"])
        )
    for activity_id, office in _offices(ids, localized=True):
        offices[activity_id].append(
            {
                "slug": office["slug"],
                "short_name": office["acronym"] or shown(office["name"], office["name_zh"]),
                "url": urls["office"](office["slug"]),
            }
        )
        if office["country"]:
            name = shown(office["country_name"], office["country_name_zh"])
            countries[activity_id].setdefault(office["country"], name)
    rows = []
    for pk in ids:
        row = base.get(pk)
        if row is None:
            continue
        venue = row["venue_country__code"]
        if venue:
            name = shown(row["venue_country__name"], row["venue_country__name_zh"])
            countries[pk].setdefault(venue, name)
        has_passage = row["passage_id"] is not None
        rows.append(
            {
                "pk": pk,
                "slug": row["slug"],
                "html_url": urls[row["type"]](row["slug"]),
                "type": row["type"],
                "type_label": str(TYPE_LABELS.get(row["type"], row["type"])),
                "kind": row["kind"],
                "kind_label": str(KIND_LABELS.get(row["kind"], row["kind"])),
                "title": row["title"],
                "title_zh": row["title_zh"],
                "display_title": shown(row["title"], row["title_zh"]),
                "year": row["year"],
                "date": dates.format_partial(row["year"], row["month"], row["day"]),
                "end_date": dates.format_partial(row["end_year"], row["end_month"], row["end_day"]),
                "city": row["city"],
                "venue_country": venue or "",
                "offices": offices[pk],
                "countries": [
                    {"code": code, "display_name": name, "url": urls["country"](code)}
                    for code, name in countries[pk].items()
                ],
                "source": row["passage__document__title"] if has_passage else "",
                "section": row["passage__section"] if has_passage else "",
                "heading": row["passage__heading"] if has_passage else "",
                "passage": row["passage__text"] if has_passage else "",
                "staff_reference": row["staff_reference"],
            }
        )
    return rows


def _own_query(model, columns: list[str], ids: list[int]):
    return model.objects.filter(pk__in=ids).order_by().values("pk", *columns)


def _linked_query(through, source: str, target: str, can_see_drafts: bool, ids: list[int]):
    """The slugs of the activities linked to *ids*, a hidden draft's as None. Visibility is a
    column, not a condition: with `status = 'published'` in WHERE, SQLite read the links from the
    index of every published activity (a scan per detail) rather than from the few ids asked."""
    slug = F(f"{target}__slug")
    if not can_see_drafts:
        slug = Case(When(**{f"{target}__status": Status.PUBLISHED}, then=slug), default=None)
    return (
        through.objects.filter(**{f"{source}_id__in": ids})
        .order_by(f"-{target}__date_key", f"-{target}_id")
        .values_list(f"{source}_id", slug)
    )
