"""An activity's links in its history: what each version listed, what changed from one version
to the next ("removed party IP Australia"), and reverts that bring all of it back through the
same service as any other save."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from . import services
from .models import Country, Grouping, Office, PartyRole, Passage, Person, PersonRole, Topic

TARGETS = {
    "offices": Office,
    "countries": Country,
    "people": Person,
    "groupings": Grouping,
    "topics": Topic,
    "other_passages": Passage,
}
ROLE_LABELS = {**dict(PartyRole.choices), **dict(PersonRole.choices)}


class RevertRefused(Exception):
    """The version cannot be brought back as it was, e.g. an office it lists has been deleted."""


def _target(model, name: str):
    return TARGETS.get(name) or model._meta.get_field(name).related_model


def revert_reason(record) -> str:
    when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M:%S")
    return gettext("Reverted to the version of %(date)s") % {"date": when}


# --- what a version listed ---------------------------------------------------------------------


def version_end(record):
    """When the activity version in *record* stopped being current: its next save, or None.

    Only for versions saved before their links were kept with them: their links are those of
    the link rows' own histories written before the activity's next history row.
    """
    pk_name = record.instance_type._meta.pk.attname
    later = Q(history_date__gt=record.history_date) | Q(
        history_date=record.history_date, history_id__gt=record.history_id
    )
    following = type(record).objects.filter(later, **{pk_name: getattr(record, pk_name)})
    return (
        following.order_by("history_date", "history_id")
        .values_list("history_date", flat=True)
        .first()
    )


def _legacy_rows(model, activity_id: int, before) -> list[list]:
    """A link model's rows for the activity as its own history had them just before *before*.

    Rows that never had a history (bulk-made synthetic data) are taken as they are now.
    """
    name = next(n for n, spec in services.ROW_LINKS.items() if spec[0] is model)
    target = services.ROW_LINKS[name][1]
    columns = [f"{target}_id", "role"] + (["on_behalf_of"] if name == "offices" else [])
    ever = model.history.filter(activity_id=activity_id).values("id")
    history = model.history.filter(id__in=ever).order_by("id", "history_date", "history_id")
    state = {}
    for row in history.values("id", "history_type", "history_date", "activity_id", *columns):
        if before is None or row["history_date"] < before:
            state[row["id"]] = row  # the latest record before the bound wins
        elif row["id"] not in state:
            # Its first record comes after the bound: a creation means the row was not there yet;
            # anything else means it predates its history, with the oldest values known.
            existed = row["history_type"] != "+"
            state[row["id"]] = {**row, "history_type": "~" if existed else "-"}
    rows = [
        [row[c] for c in columns]
        for row in state.values()
        if row["history_type"] != "-" and row["activity_id"] == activity_id
    ]
    untracked = model.objects.filter(activity_id=activity_id).exclude(id__in=list(state))
    rows += [list(row) for row in untracked.values_list(*columns)]
    return sorted(rows)


def links_of(record) -> dict:
    """Every link the version in *record* listed; for versions from before links were kept with
    them, its offices, countries and people (its tags are then left as they are)."""
    if record.links is not None:
        return record.links
    before = version_end(record)
    activity_id = getattr(record, record.instance_type._meta.pk.attname)
    return {
        name: _legacy_rows(spec[0], activity_id, before)
        for name, spec in services.ROW_LINKS.items()
    }


def _labels(model, links: dict) -> dict:
    """{(name, id): label} for every record the links name; '(deleted since)' for a gone one."""
    labels = {}
    for name, rows in links.items():
        target = _target(model, name)
        ids = {row[0] if isinstance(row, list) else row for row in rows}
        found = target.objects.in_bulk(ids)
        for pk in ids:
            obj = found.get(pk)
            label = gettext("(deleted since)")
            if obj is not None:
                names = (getattr(obj, a, None) for a in ("label", "short_name", "display_name"))
                label = next((n for n in names if n), None) or str(obj)
            labels[name, pk] = label
    return labels


def _heading(model, name: str) -> str:
    if name in services.ROW_LINKS:
        return str(services.ROW_LINKS[name][0]._meta.verbose_name_plural)
    return str(_target(model, name)._meta.verbose_name_plural)


def _row_label(name: str, row, labels: dict) -> str:
    """'IP Australia (party)', 'France (visited)', 'BRICS'."""
    if name not in services.ROW_LINKS:
        return labels[name, row]
    text = f"{labels[name, row[0]]} ({ROLE_LABELS.get(row[1], row[1])})"
    return f"{text}, {row[2]}" if len(row) > 2 and row[2] else text


def _phrase(model, name: str, row, labels: dict) -> str:
    """'party IP Australia', 'country France (visited)', 'grouping BRICS'."""
    if name == "offices":
        text = f"{ROLE_LABELS.get(row[1], row[1])} {labels[name, row[0]]}"
        return f"{text}, {row[2]}" if len(row) > 2 and row[2] else text
    what = _target(model, name)._meta.verbose_name
    return f"{what} {_row_label(name, row, labels)}"


def describe_links(record) -> list[tuple[str, list[str]]]:
    """What a revert to *record* brings back, for the revert page: (heading, [row, …])."""
    model = record.instance_type
    links = links_of(record)
    labels = _labels(model, links)
    return [
        (_heading(model, name), [_row_label(name, row, labels) for row in rows])
        for name, rows in links.items()
    ]


def link_changes(model, old: dict | None, new: dict | None) -> list[str]:
    """'removed party IP Australia', 'added country France (visited)', … from *old* to *new*."""
    if old is None or new is None:
        return []
    labels = _labels(model, {n: [*old.get(n, []), *new.get(n, [])] for n in {*old, *new}})
    changes = []
    for name in [n for n in services.LINK_NAMES if n in old or n in new]:
        before = [tuple(r) if isinstance(r, list) else r for r in old.get(name, [])]
        after = [tuple(r) if isinstance(r, list) else r for r in new.get(name, [])]
        for row in before:
            if row not in after:
                phrase = _phrase(model, name, list(row) if isinstance(row, tuple) else row, labels)
                changes.append(gettext("removed %(what)s") % {"what": phrase})
        for row in after:
            if row not in before:
                phrase = _phrase(model, name, list(row) if isinstance(row, tuple) else row, labels)
                changes.append(gettext("added %(what)s") % {"what": phrase})
    return changes


def _check_targets(model, links: dict) -> None:
    for name, rows in links.items():
        target = _target(model, name)
        ids = {row[0] if isinstance(row, list) else row for row in rows}
        missing = ids - set(target.objects.filter(pk__in=ids).values_list("pk", flat=True))
        for pk in sorted(missing):
            last = target.history.filter(pk=pk).first() if hasattr(target, "history") else None
            raise RevertRefused(
                gettext(
                    "This version lists the %(what)s “%(name)s”, which has since been deleted; "
                    "restore it first."
                )
                % {"what": target._meta.verbose_name, "name": last.instance if last else pk}
            )


class RevertLinksAdminMixin:
    """A revert restores the version's fields and every link, through the service.

    Put it before VersionedAdminMixin, whose transaction must have been rolled back by the time
    a refused revert is reported here.
    """

    object_history_form_template = "admin/cooperation/activity_history_form.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history = self.model.history.model
        record = get_object_or_404(
            history, **{self.model._meta.pk.attname: object_id, "history_id": version_id}
        )
        context = {"version_links": describe_links(record), **(extra_context or {})}
        try:
            return super().history_form_view(request, object_id, version_id, context)
        except RevertRefused as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        # simple_history builds the revert form's instance from the historical record.
        record = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if record is None:
            return super().save_model(request, obj, form, change)
        links = links_of(record)
        _check_targets(type(obj), links)
        current = type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        if obj.status != current and not request.user.has_perm(services.PUBLISH_PERMISSION):
            obj.status = current
            self.message_user(
                request,
                gettext("The status was kept: you may not publish or unpublish records."),
                messages.WARNING,
            )
        try:
            services.save_activity(
                activity=obj,
                links=links,
                user=request.user,
                seen_version=form.cleaned_data.get("seen_version"),
                reason=revert_reason(record),
            )
        except ValidationError as error:
            raise RevertRefused(" ".join(error.messages)) from error
        form.save_m2m = _nothing  # the links came back with the record, not from the form

    def set_history_delta_changes(self, request, historical_records, *args, **kwargs):
        super().set_history_delta_changes(request, historical_records, *args, **kwargs)
        older = _previous_versions(self.model, list(historical_records))
        for record in historical_records:
            previous = older.get(record.history_id)
            before = previous.links if previous else ({} if record.history_type == "+" else None)
            record.link_changes = link_changes(self.model, before, record.links)


def _previous_versions(model, records) -> dict:
    """{history_id: the version before it} for the records shown on one history page."""
    if not records:
        return {}
    pk_name = model._meta.pk.attname
    everything = model.history.filter(**{pk_name: getattr(records[0], pk_name)}).order_by(
        "history_date", "history_id"
    )
    previous, result = None, {}
    for version in everything.only("history_id", "history_date", "links"):
        result[version.history_id] = previous
        previous = version
    return result


def _nothing():
    return None
