"""The partner network: the reporting office at the centre, its partner offices and countries
around it, each tie weighted by the published records they share, by kind and by year.

The records are the catalogue's filter (ActivityFilterSet) over published records; a partner
office is one involved in a record (not the reporting office), a partner country one the
country filter finds for it (listed, an involved office's, the venue: Coverage), not the home
country. So each tie's count is what its link, the list filtered by that partner, shows.
"""

import csv
import io
import math
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from .exports import neutralise
from .filters import ActivityFilterSet
from .models import Activity, Coverage, Involvement, Kind, Office, Status

KIND_LABELS = dict(Kind.choices)
SUBJECT_KEYS = ("country", "office")
IGNORED = ("format", "by", "page", "page_size")
DRAWN = 30  # partners drawn in the picture; the table lists them all


@dataclass
class Partner:
    key: str  # "office" or "country", the filter that finds its records
    value: str  # the office's slug or the country's code
    label: str
    records: int = 0
    by_kind: Counter = field(default_factory=Counter)
    by_year: Counter = field(default_factory=Counter)

    @property
    def id(self) -> str:
        return f"{self.key}:{self.value}"


def filtered(query, request):
    """The published records the query's filters select, and the filter (for its errors)."""
    data = query.copy()
    for name in IGNORED:
        data.pop(name, None)
    published = Activity.objects.filter(status=Status.PUBLISHED)
    filterset = ActivityFilterSet(data, queryset=published, request=request)
    records = filterset.qs.order_by() if filterset.is_valid() else published.none()
    return records, filterset, data


def partners(records) -> list[Partner]:
    """Every partner of *records*, the most records first: three queries, whatever their number."""
    ids = records.values("pk")
    kinds = dict(Activity.objects.filter(pk__in=ids).values_list("pk", "kind"))
    years = dict(Activity.objects.filter(pk__in=ids).values_list("pk", "year"))
    chinese = (get_language() or "").startswith("zh")
    found: dict[tuple, Partner] = {}

    def add(key, value, label, activity_id, seen):
        if (key, value, activity_id) in seen:
            return
        seen.add((key, value, activity_id))
        partner = found.setdefault((key, value), Partner(key, value, label))
        partner.records += 1
        partner.by_kind[kinds[activity_id]] += 1
        partner.by_year[years[activity_id]] += 1

    seen = set()
    offices = (
        Involvement.objects.filter(activity__in=ids)
        .exclude(office__slug=settings.HOME_OFFICE)
        .values_list(
            "activity_id", "office__slug", "office__acronym", "office__name", "office__name_zh"
        )  # fmt: skip
    )
    for activity_id, slug, acronym, name, name_zh in offices:
        add("office", slug, acronym or (name_zh if chinese and name_zh else name), activity_id,
            seen)  # fmt: skip
    countries = (
        Coverage.objects.filter(activity__in=ids, country__isnull=False)
        .exclude(country__code=settings.HOME_COUNTRY)
        .values_list("activity_id", "country__code", "country__name", "country__name_zh")
    )
    for activity_id, code, name, name_zh in countries:
        add("country", code, name_zh if chinese and name_zh else name, activity_id, seen)
    return sorted(found.values(), key=lambda p: (-p.records, p.key, p.value))


def list_url(data, partner: Partner, **extra) -> str:
    """The catalogue list of the partner's records under the same filters (the partner's key
    replaces any value of that filter given)."""
    query = {k: data.getlist(k) for k in data if k != partner.key}
    query[partner.key] = [partner.value]
    query.update({k: [str(v)] for k, v in extra.items()})
    pairs = [(k, v) for k, values in sorted(query.items()) for v in values]
    return f"{reverse('activity-list')}?{urlencode(pairs)}"


def home_label() -> str:
    office = Office.objects.filter(slug=settings.HOME_OFFICE).first()
    return (office.acronym or office.name) if office else settings.HOME_OFFICE


def as_json(found: list[Partner], data, request) -> dict:
    """The network as the API gives it: nodes and weighted edges, each with its list's URL."""

    def absolute(url: str) -> str:
        return request.build_absolute_uri(url) if request is not None else url

    home = f"office:{settings.HOME_OFFICE}"
    return {
        "nodes": [
            {
                "id": home,
                "type": "office",
                "key": settings.HOME_OFFICE,
                "label": home_label(),
                "home": True,
                "records": None,
            }
        ]  # fmt: skip
        + [
            {
                "id": p.id,
                "type": p.key,
                "key": p.value,
                "label": p.label,
                "home": False,
                "records": p.records,
            }  # fmt: skip
            for p in found
        ],
        "edges": [
            {
                "source": home,
                "target": p.id,
                "records": p.records,
                "by_kind": dict(sorted(p.by_kind.items())),
                "by_year": {str(y): n for y, n in sorted(p.by_year.items())},
                "html_url": absolute(list_url(data, p)),
            }
            for p in found
        ],
    }


def matrix_csv(found: list[Partner], by: str) -> str:
    """The bilateral matrix: one row per partner, one column per kind (or year), then the total."""
    counts = "by_year" if by == "year" else "by_kind"
    columns = sorted({c for p in found for c in getattr(p, counts)})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["partner_type", "partner", "name", *map(str, columns), "total"])
    for p in found:
        cells = [getattr(p, counts).get(c, 0) for c in columns]
        writer.writerow([p.key, p.value, neutralise(p.label), *cells, p.records])
    return out.getvalue()


def table_rows(found: list[Partner], data) -> list[dict]:
    """The partner × kind × count table, each count a link to its records."""
    return [
        {
            "partner": p,
            "url": list_url(data, p),
            "kinds": [
                (str(KIND_LABELS.get(kind, kind)), n, list_url(data, p, kind=kind))
                for kind, n in sorted(p.by_kind.items(), key=lambda item: (-item[1], item[0]))
            ],
        }
        for p in found
    ]


SIZE, CENTRE, RADIUS = 900, 450, 260


def drawing(found: list[Partner], data) -> dict:
    """Positions for the server-drawn SVG: the home office in the centre, the partners with the
    most records on a circle around it, line width and node size by records."""
    shown = found[:DRAWN]
    most = max((p.records for p in shown), default=1)
    nodes = []
    for i, p in enumerate(shown):
        angle = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        x, y = CENTRE + RADIUS * math.cos(angle), CENTRE + RADIUS * math.sin(angle)
        label_x = CENTRE + (RADIUS + 18) * math.cos(angle)
        label_y = CENTRE + (RADIUS + 18) * math.sin(angle)
        nodes.append(
            {
                "partner": p,
                "url": list_url(data, p),
                "x": round(x, 1),
                "y": round(y, 1),
                "r": round(5 + 11 * math.sqrt(p.records / most), 1),
                "width": round(1 + 9 * p.records / most, 1),
                "label_x": round(label_x, 1),
                "label_y": round(label_y + 4, 1),
                "anchor": "start"
                if math.cos(angle) > 0.01
                else ("end" if math.cos(angle) < -0.01 else "middle"),  # fmt: skip
            }
        )
    return {"size": SIZE, "centre": CENTRE, "nodes": nodes, "hidden": len(found) - len(shown)}
