"""Keeps the Coverage, Tally and SearchText tables in step with activities, their places, offices,
dates and texts.

Each activity has a row per (country, year) it concerns and a row per year with no country,
with the activity's type, status, date key and kind; Tally counts them per country, type,
status, kind and span of years.

Every save of an activity, an involvement or a listed country rewrites that activity's rows
and its part of Tally (seven statements, one transaction). Bulk loaders (seed, synthetic data,
restore) pause the signals and rebuild everything once at the end instead.
"""

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import (
    Activity,
    ActivityCountry,
    Coverage,
    Involvement,
    Office,
    Passage,
    SearchText,
    Tally,
)

# The longest span the activity constraints allow (1883 to 2200).
MAX_SPAN = 320

_PLACES = """
  SELECT ac.activity_id, ac.country_id FROM cooperation_activitycountry ac {where_ac}
  UNION
  SELECT i.activity_id, o.country_id FROM cooperation_involvement i
    JOIN cooperation_office o ON o.id = i.office_id
   WHERE o.country_id IS NOT NULL {and_i}
  UNION
  SELECT a.id, a.venue_country_id FROM cooperation_activity a
   WHERE a.venue_country_id IS NOT NULL {and_a}
{year_rows}"""
_YEAR_ROWS = """
  UNION
  SELECT a.id, NULL FROM cooperation_activity a WHERE 1 = 1 {and_a}"""

_INSERT = """WITH RECURSIVE span(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM span WHERE n < {max_span}),
places(activity_id, country_id) AS ({places})
INSERT INTO cooperation_coverage (activity_id, country_id, year, type, status, date_key, kind)
SELECT a.id, p.country_id, a.year + span.n, a.type, a.status, a.date_key, a.kind
  FROM places p
  JOIN cooperation_activity a ON a.id = p.activity_id
  JOIN span ON span.n <= coalesce(a.end_year, a.year) - a.year"""

# A literal line break between the texts (see SearchText), written the same in both dialects;
# the terms are read from the Coverage rows written just before.
_SEARCH_INSERT = """INSERT INTO cooperation_searchtext (activity_id, text, terms)
SELECT a.id, a.title || '
' || a.title_zh || '
' || a.summary || '
' || coalesce(p.text, ''), coalesce((SELECT {terms} FROM cooperation_coverage v
                                      WHERE v.activity_id = a.id), '')
  FROM cooperation_activity a
  LEFT JOIN cooperation_passage p ON p.id = a.passage_id"""
_TERM = "coalesce(v.country_id, 0) || ':' || v.type || ':' || v.status"
_TERMS = {
    "postgresql": f"string_agg(DISTINCT {_TERM}, ',')",
    "sqlite": f"group_concat(DISTINCT {_TERM})",
}


def search_insert_sql(vendor: str) -> str:
    return _SEARCH_INSERT.format(terms=_TERMS[vendor])


# Each activity's part of Tally, read from its Coverage rows (the first and last year of an
# activity and country are the least and greatest of its rows' years), added with the sign
# given. `WHERE 1 = 1` keeps SQLite from reading ON CONFLICT as a join's ON.
_TALLY_PARTS = """SELECT country, type, status, kind, first_year, last_year, {sign}COUNT(*)
  FROM (SELECT coalesce(country_id, 0) AS country, type, status, kind,
               MIN(year) AS first_year, MAX(year) AS last_year
          FROM cooperation_coverage WHERE 1 = 1 {and_c}
         GROUP BY activity_id, country_id, type, status, kind) parts
 WHERE 1 = 1
 GROUP BY country, type, status, kind, first_year, last_year"""
_TALLY_INSERT = """INSERT INTO cooperation_tally (country, type, status, kind, first_year, last_year, n)
"""
_TALLY_UPSERT = """
 ORDER BY country, type, status, kind, first_year, last_year
ON CONFLICT (country, type, status, kind, first_year, last_year)
DO UPDATE SET n = cooperation_tally.n + excluded.n"""

# Parts taken away leave rows at 0; a rebuild has none, and neither does the table after a change.
_DROP_EMPTY = "DELETE FROM cooperation_tally WHERE n = 0"

_state = threading.local()


def _sql(ids: list[int] | None, year_rows: bool = True) -> str:
    and_a = "" if ids is None else f"AND a.id IN ({', '.join(['%s'] * len(ids))})"
    where_ac, and_i = "", ""
    if ids is not None:
        marks = ", ".join(["%s"] * len(ids))
        where_ac, and_i = f"WHERE ac.activity_id IN ({marks})", f"AND i.activity_id IN ({marks})"
    places = _PLACES.format(
        where_ac=where_ac,
        and_i=and_i,
        and_a=and_a,
        year_rows=_YEAR_ROWS.format(and_a=and_a) if year_rows else "",
    )
    return _INSERT.format(max_span=MAX_SPAN, places=places)


def rebuild_sql(year_rows: bool = True) -> str:
    """The statement that fills an empty coverage table from every activity; migration 0003,
    from before the rows without a country, leaves those out."""
    return _sql(None, year_rows)


def tally_sql(ids: list[int] | None = None, sign: int = 1) -> str:
    """The statement that adds (sign 1) or takes away (-1) the Tally part of the activities
    *ids*, or that fills an empty Tally from all of Coverage (None)."""
    and_c = "" if ids is None else f"AND activity_id IN ({', '.join(['%s'] * len(ids))})"
    parts = _TALLY_PARTS.format(sign="-" if sign < 0 else "", and_c=and_c)
    return _TALLY_INSERT + parts + ("" if ids is None else _TALLY_UPSERT)


def refresh(ids: Iterable[int] | None = None, *, using: str = "default") -> None:
    """Rewrite the coverage of the activities *ids*, or of every activity when None."""
    # Plain DELETEs: the ORM's delete() would fetch every row to send signals for it.
    table, texts, tally = Coverage._meta.db_table, SearchText._meta.db_table, Tally._meta.db_table
    if ids is None:
        with transaction.atomic(using), connections[using].cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a model's table name
            cursor.execute(rebuild_sql())
            cursor.execute(f"DELETE FROM {tally}")  # noqa: S608 - a model's table name
            cursor.execute(tally_sql())
            cursor.execute(f"DELETE FROM {texts}")  # noqa: S608 - a model's table name
            cursor.execute(search_insert_sql(cursor.db.vendor))
        return
    ids = sorted(set(ids))
    for start in range(0, len(ids), 300):  # well under every database's parameter limit
        chunk = ids[start : start + 300]
        marks = ", ".join(["%s"] * len(chunk))
        # One transaction: the tally's part goes and comes back with the rows it is read from.
        with transaction.atomic(using), connections[using].cursor() as cursor:
            cursor.execute(tally_sql(chunk, -1), chunk)
            cursor.execute(f"DELETE FROM {table} WHERE activity_id IN ({marks})", chunk)  # noqa: S608
            cursor.execute(_sql(chunk), chunk * 4)
            cursor.execute(tally_sql(chunk), chunk)
            cursor.execute(_DROP_EMPTY)
            cursor.execute(f"DELETE FROM {texts} WHERE activity_id IN ({marks})", chunk)  # noqa: S608
            cursor.execute(f"{search_insert_sql(cursor.db.vendor)} WHERE a.id IN ({marks})", chunk)


def forget(ids: list[int], *, using: str = "default") -> None:
    """Take the Tally part of activities about to be deleted (their Coverage goes with them)."""
    if ids:
        with connections[using].cursor() as cursor:
            cursor.execute(tally_sql(ids, -1), ids)
            cursor.execute(_DROP_EMPTY)


@contextmanager
def paused():
    """Skip the per-save work (coverage, data version) inside this block: a bulk loader
    rebuilds the coverage and raises the data version once afterwards."""
    before = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = before


def is_paused() -> bool:
    return getattr(_state, "paused", False)


def _active(raw: bool) -> bool:
    return not raw and not is_paused()


@receiver(post_save)
def _activity_saved(sender, instance, raw=False, **kwargs):
    if isinstance(instance, Activity) and _active(raw):
        refresh([instance.pk])


@receiver(pre_delete, sender=Activity)
def _activity_deleting(sender, instance, using="default", **kwargs):
    # Deleting a type's record deletes its Activity row too, and this runs once, for that row.
    if not is_paused():
        forget([instance.pk], using=using)


@receiver(post_save, sender=Involvement)
@receiver(post_delete, sender=Involvement)
@receiver(post_save, sender=ActivityCountry)
@receiver(post_delete, sender=ActivityCountry)
def _link_changed(sender, instance, raw=False, origin=None, **kwargs):
    # Deleting the activity itself deletes its links too: its coverage goes with it.
    origin_model = getattr(origin, "model", type(origin))
    if _active(raw) and not issubclass(origin_model, Activity):
        refresh([instance.activity_id])


@receiver(post_save, sender=Office)
def _office_saved(sender, instance, raw=False, created=False, **kwargs):
    if created or not _active(raw):
        return
    refresh(Involvement.objects.filter(office=instance).values_list("activity_id", flat=True))


@receiver(post_save, sender=Passage)
def _passage_saved(sender, instance, raw=False, created=False, **kwargs):
    # A passage's text is searched as part of the activities that quote it.
    if created or not _active(raw):
        return
    refresh(Activity.objects.filter(passage=instance).values_list("pk", flat=True))
