"""Compare up to four countries, offices or groupings side by side: /compare/?country=JP&country=KR

Each column is the catalogue's filter (ActivityFilterSet) with one subject in place of the
country, office and grouping filters; every other filter in the URL (years, kind, text...)
applies to all columns alike. Only published records are counted, whoever asks: the table is
meant to be cited. Each count links to the list it counts.
"""

import csv
import io
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .exports import neutralise
from .filters import ActivityFilterSet
from .models import Activity, ActivityType, Kind, Status
from .templatetags.catalogue import office_label
from .visibility import activity_models

SUBJECT_KEYS = ("country", "office", "grouping")
MAX_SUBJECTS = 4
MAX_SHARED = 100
KIND_LABELS = dict(Kind.choices)
TYPE_LABELS = dict(ActivityType.choices)


@dataclass
class Column:
    key: str  # country, office or grouping
    value: str  # as given in the URL
    label: str = ""
    url: str = ""
    records: object = None  # the column's published records
    query: dict = field(default_factory=dict)  # its filters, for the links of its counts


def requested(query) -> list[tuple[str, str]]:
    """(key, value) of each subject in the URL, in order; a comma separates several."""
    pairs = []
    for key in SUBJECT_KEYS:
        for given in query.getlist(key):
            pairs += [(key, v.strip()) for v in given.split(",") if v.strip()]
    return list(dict.fromkeys(pairs))


def columns(query, request) -> tuple[list[Column], list[str]]:
    """The columns the URL asks for and the errors that keep any of them out (naming the field)."""
    pairs, errors = requested(query), []
    if len(pairs) > MAX_SUBJECTS:
        errors.append(
            _("Compare at most %(n)d countries, offices or groupings; %(given)d were given.")
            % {"n": MAX_SUBJECTS, "given": len(pairs)}
        )
        pairs = pairs[:MAX_SUBJECTS]
    found = []
    published = Activity.objects.filter(status=Status.PUBLISHED)
    for key, value in pairs:
        data = query.copy()
        for other in (*SUBJECT_KEYS, "format", "page", "page_size"):
            data.pop(other, None)
        data.setlist(key, [value])
        filterset = ActivityFilterSet(data, queryset=published, request=request)
        if not filterset.is_valid():
            for name, messages in filterset.form.errors.items():
                errors += [f"{name}: {message}" for message in messages]
            continue
        subject = filterset.form.cleaned_data[key][0]
        label = office_label(subject) if key == "office" else subject.display_name
        url = (
            f"{reverse('activity-list')}?grouping={subject.slug}"
            if key == "grouping"
            else subject.get_absolute_url()
        )
        found.append(Column(key, value, str(label), url, filterset.qs.order_by(), _plain(data)))
    return found, list(dict.fromkeys(errors))


def _plain(data) -> dict:
    return {k: data.getlist(k) for k in data}


def _link(column: Column, view: str = "activity-list", **extra) -> str:
    query = {**column.query, **{k: [str(v)] for k, v in extra.items()}}
    pairs = [(k, v) for k, values in sorted(query.items()) for v in values]
    return f"{reverse(view)}?{urlencode(pairs)}"


def table(cols: list[Column]) -> list[dict]:
    """The rows of the comparison: records, by type, by kind, by year, agreements in force.
    Each cell is (count, link to the list of those records)."""
    by = {name: [_counts(c.records, name) for c in cols] for name in ("type", "kind", "year")}
    rows = [_row(_("All records"), "", cols, [sum(t.values()) for t in by["type"]], {})]
    for section, name, labels in (
        (_("By type"), "type", TYPE_LABELS),
        (_("By kind"), "kind", KIND_LABELS),
        (_("By year"), "year", {}),
    ):
        keys = sorted({k for counts in by[name] for k in counts}, key=str)
        for key in keys:
            label = str(labels.get(key, key))
            values = [counts.get(key, 0) for counts in by[name]]
            filter_name = "kind" if name == "kind" else name
            if name == "type":
                rows.append(_typed_row(label, section, cols, values, key))
            else:
                rows.append(_row(label, section, cols, values, {filter_name: key}))
    today = timezone.localdate()
    agreements = activity_models()[ActivityType.AGREEMENT].objects
    in_force = [
        agreements.filter(pk__in=c.records.filter(type=ActivityType.AGREEMENT).values("pk"))
        .in_force_on(today)
        .count()
        for c in cols
    ]
    rows.append(
        {
            "section": _("Agreements"),
            "label": _("In force today (%(day)s)") % {"day": today.isoformat()},
            "cells": [
                (n, _link(c, "agreement-list", in_force_on=today.isoformat()))
                for n, c in zip(in_force, cols, strict=True)
            ],
        }
    )
    return rows


def _counts(records, name: str) -> dict:
    return dict(records.values_list(name).annotate(n=Count("pk")).order_by())


def _row(label, section, cols, values, extra) -> dict:
    return {
        "section": section,
        "label": label,
        "cells": [(n, _link(c, **extra)) for n, c in zip(values, cols, strict=True)],
    }


def _typed_row(label, section, cols, values, activity_type) -> dict:
    return {
        "section": section,
        "label": label,
        "cells": [
            (n, _link(c, f"{activity_type}-list")) for n, c in zip(values, cols, strict=True)
        ],
    }


def shared_meetings(cols: list[Column]) -> list[Activity]:
    """Meetings that every column counts: those the compared partners attended together."""
    if len(cols) < 2:
        return []
    meetings = cols[0].records.filter(type=ActivityType.MEETING)
    for column in cols[1:]:
        meetings = meetings.filter(pk__in=column.records.values("pk"))
    return list(meetings.order_by("-date_key", "-id")[:MAX_SHARED])


def to_csv(cols: list[Column], rows: list[dict], meetings: list[Activity]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([_("section"), _("row"), *(f"{c.key}={c.value}" for c in cols)])
    for row in rows:
        writer.writerow(
            [
                neutralise(str(row["section"])),
                neutralise(str(row["label"])),
                *(n for n, _url in row["cells"]),
            ]  # fmt: skip
        )
    for meeting in meetings:
        writer.writerow([_("Shared meetings"), neutralise(meeting.slug), *([1] * len(cols))])
    return out.getvalue()


class CompareView(TemplateView):
    """Countries, offices or groupings side by side, with the table as CSV (`?format=csv`)."""

    template_name = "cooperation/compare.html"
    heading = gettext_lazy("Compare")

    def get(self, request, *args, **kwargs):
        self.columns, self.errors = columns(request.GET, request)
        self.rows = table(self.columns) if self.columns else []
        self.meetings = shared_meetings(self.columns)
        if request.GET.get("format") == "csv" and self.columns:
            response = HttpResponse(
                to_csv(self.columns, self.rows, self.meetings),
                content_type="text/csv; charset=utf-8",
            )
            names = slugify("-".join(c.value for c in self.columns)) or "table"
            response["Content-Disposition"] = f'attachment; filename="compare-{names}.csv"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("format", None)
        context.update(
            columns=self.columns,
            errors=self.errors,
            rows=self.rows,
            meetings=self.meetings,
            max_subjects=MAX_SUBJECTS,
            values={key: ", ".join(query.getlist(key)) for key in SUBJECT_KEYS},
            csv_query=f"{query.urlencode()}&format=csv",
        )
        return context
