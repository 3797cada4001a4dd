"""Every write of a dated record goes through here: one keyword-only function per write, each
one transaction.

The admin, the API's serializers, the spreadsheet import and the seed loader only translate their
input into `fields` (model field name -> value) and `links` (see `LINK_NAMES`) and call these
functions; the rules live here alone: validation, the party rule, duplicates, the version
compare-and-set, the link rows, coverage, the data version and history.

A save that changes nothing writes nothing: no new version, no history row, no `updated_at`.
"""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from . import caching, coverage
from .models import (
    AGREEMENT_ROLES,
    Activity,
    ActivityCountry,
    ActivityType,
    Involvement,
    Participation,
    PartyRole,
    PersonRole,
    Status,
)

PUBLISH_PERMISSION = "cooperation.publish_activity"

# Link rows with a role: name -> (model, the linked record's field, roles it may take).
ROW_LINKS = {
    "offices": (Involvement, "office", PartyRole),
    "countries": (ActivityCountry, "country", PartyRole),
    "people": (Participation, "person", PersonRole),
}
# Plain many-to-many links: every activity has these; a model may add more (a delegation's
# meetings), found from its own fields so that this module names no leaf app.
COMMON_TAGS = ("groupings", "topics", "other_passages")
LINK_NAMES = (*ROW_LINKS, *COMMON_TAGS, "meetings", "implementing_activities")

# Never compared or copied: kept by the database or by this module.
BOOKKEEPING = {"id", "activity_ptr", "version", "created_at", "updated_at", "date_key"}

STALE_MESSAGE = _(
    "This record was changed by someone else since you opened it; reload and re-apply your changes."
)


class StaleVersion(ValidationError):
    """The version the writer saw is no longer the stored one: the API answers 409."""

    def __init__(self):
        super().__init__({"version": [STALE_MESSAGE]}, code="stale")


@dataclass
class Saved:
    activity: Activity
    created: bool
    changed: bool


def tag_names(model) -> list[str]:
    """The plain many-to-many links of *model*: groupings, topics, other passages, meetings."""
    return [
        f.name
        for f in model._meta.many_to_many
        if f.remote_field.through._meta.auto_created and f.name in LINK_NAMES
    ]


def _pk(value):
    return getattr(value, "pk", value)


def normal_links(model, links: dict) -> dict:
    """Links as lists of ids (and roles), storable as JSON in history; rows keep the order they
    were given in (the order a record lists its offices), tags are sorted.

    Rows may be given as dicts ({"office": office or id, "role": ..., "on_behalf_of": ...}) or
    tuples in that order; a missing role takes the model's default.
    """
    known = {*ROW_LINKS, *tag_names(model)}
    unknown = set(links) - known
    if unknown:
        raise ValidationError({name: _("This record has no such list.") for name in unknown})
    normal = {}
    for name, items in links.items():
        if name in ROW_LINKS:
            link_model, target, _roles = ROW_LINKS[name]
            default = link_model._meta.get_field("role").default
            keys = (target, "role", "on_behalf_of")
            rows = []
            for item in items or []:
                row = item if isinstance(item, dict) else dict(zip(keys, item, strict=False))
                values = [_pk(row[target]), row.get("role") or default]
                if name == "offices":
                    values.append((row.get("on_behalf_of") or "").strip())
                rows.append(values)
            normal[name] = rows
        else:
            normal[name] = sorted({_pk(item) for item in items or []})
    return normal


def stored_links(activity) -> dict:
    """The links of a saved activity, in the form of normal_links()."""
    model, pk = type(activity), activity.pk
    links = {}
    for name, (link_model, target, _roles) in ROW_LINKS.items():
        columns = [f"{target}_id", "role"] + (["on_behalf_of"] if name == "offices" else [])
        rows = link_model.objects.filter(activity_id=pk).values_list(*columns)
        links[name] = [list(row) for row in rows]  # in the order they were added
    for name in tag_names(model):
        relation = model._meta.get_field(name)
        through = relation.remote_field.through
        source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        ids = through.objects.filter(**{f"{source}_id": pk}).values_list(f"{target}_id", flat=True)
        links[name] = sorted(ids)
    return links


def _changed_links(wanted: dict, current: dict) -> dict:
    """The link lists whose rows differ, whatever their order."""
    return {name: rows for name, rows in wanted.items() if sorted(rows) != sorted(current[name])}


def _empty_links(model) -> dict:
    return {name: [] for name in (*ROW_LINKS, *tag_names(model))}


def _adding(activity) -> bool:
    # A revert's instance is built from a history row: new to Django, but stored already.
    if activity.pk is not None:
        activity._state.adding = False
    return activity.pk is None


def _apply(activity, fields: dict) -> None:
    # Names are model fields, or their `_id` attributes for a foreign key given as an id.
    for name, value in (fields or {}).items():
        if name not in BOOKKEEPING:
            setattr(activity, name, value)
    if activity.activity_type:
        activity.type = activity.activity_type


def _check_links(activity, links: dict, errors: dict) -> None:
    for name, (_model, target, roles) in ROW_LINKS.items():
        seen = set()
        for row in links.get(name, []):
            if row[1] not in roles.values:
                errors.setdefault(name, []).append(
                    _("“%(role)s” is not a role; use one of: %(roles)s.")
                    % {"role": row[1], "roles": ", ".join(roles.values)}
                )
            if (row[0], row[1]) in seen:
                errors.setdefault(name, []).append(
                    _("The same %(what)s is listed twice in the same role.") % {"what": target}
                )
            seen.add((row[0], row[1]))
    if activity.type == ActivityType.AGREEMENT and not any(
        role in AGREEMENT_ROLES for _office, role, _whom in links.get("offices", [])
    ):
        errors.setdefault("offices", []).append(
            _(
                "An agreement needs at least one office in the role 'party' (or 'facilitator' "
                "for a document the office brought about without signing it)."
            )
        )


def find_duplicate(activity, offices: list) -> Activity | None:
    """Another record of the same type and kind, on the same (partial) date, with the same title
    (any case) and the same offices involved, whatever their roles."""
    if not activity.title or activity.year is None:
        return None
    wanted = {row[0] for row in offices}
    twins = (
        Activity.objects.filter(
            type=activity.type,
            kind=activity.kind,
            year=activity.year,
            month=activity.month,
            day=activity.day,
            title__iexact=activity.title.strip(),
        )
        .exclude(pk=activity.pk)
        .prefetch_related(models.Prefetch("involvements", Involvement.objects.only("office_id")))
    )
    for twin in twins:
        if {i.office_id for i in twin.involvements.all()} == wanted:
            return twin
    return None


def _may_publish(user) -> bool:
    # No user: a loader run by the operator from the command line.
    return user is None or user.has_perm(PUBLISH_PERMISSION)


def check_activity(
    *,
    activity,
    fields: dict | None = None,
    links: dict | None = None,
    seen_version: int | None = None,
    user=None,
) -> dict:
    """Apply *fields* to *activity* (not saved) and refuse what may not be saved.

    Raises StaleVersion when *seen_version* is no longer the stored version, PermissionDenied when
    *user* may not publish or unpublish, and ValidationError naming the fields (model field names,
    or a link name such as 'offices') otherwise. Returns every link as it will be stored.
    """
    _apply(activity, fields)
    wanted = _wanted_links(activity, links, _current_links(activity))
    _validate(activity, wanted, seen_version, user, constraints=True)
    return wanted


def _current_links(activity) -> dict:
    return _empty_links(type(activity)) if _adding(activity) else stored_links(activity)


def _wanted_links(activity, links: dict | None, current: dict) -> dict:
    return {**current, **normal_links(type(activity), links or {})}


def _validate(activity, wanted: dict, seen_version: int | None, user, *, constraints: bool) -> None:
    stored = None
    if not _adding(activity):
        stored = type(activity).objects.filter(pk=activity.pk).values("version", "status").first()
        if stored is None:
            raise ValidationError({NON_FIELD_ERRORS: [_("This record has been deleted.")]})
    if stored and seen_version is not None and seen_version != stored["version"]:
        raise StaleVersion
    old_status = stored["status"] if stored else Status.DRAFT
    if Status.PUBLISHED in {old_status, activity.status} and old_status != activity.status:
        if not _may_publish(user):
            raise PermissionDenied(_("You may not publish or unpublish records."))
    errors = {}
    try:
        activity.full_clean(validate_constraints=constraints)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    _check_links(activity, wanted, errors)
    if not errors:
        twin = find_duplicate(activity, wanted["offices"])
        if twin is not None:
            errors[NON_FIELD_ERRORS] = [
                _("“%(slug)s” already records this: same kind, date, offices and title.")
                % {"slug": twin.slug}
            ]
    if errors:
        raise ValidationError(errors)


def _changed_fields(activity) -> list[str]:
    stored = type(activity).objects.get(pk=activity.pk)
    changed = []
    for field in activity._meta.concrete_fields:
        if field.name in BOOKKEEPING or field.attname in BOOKKEEPING:
            continue
        new, old = getattr(activity, field.attname), getattr(stored, field.attname)
        if isinstance(field, models.FileField):
            if not getattr(new, "_committed", True) or (new.name or "") != (old.name or ""):
                changed.append(field.name)
        elif new != old:
            changed.append(field.name)
    return changed


def would_change(*, activity, fields: dict | None = None, links: dict | None = None) -> bool:
    """Whether saving *fields* and *links* would change the stored record (always, if new)."""
    if _adding(activity):
        return True
    _apply(activity, fields)
    current = _current_links(activity)
    wanted = _wanted_links(activity, links, current)
    return bool(_changed_links(wanted, current)) or bool(_changed_fields(activity))


@transaction.atomic
def save_activity(
    *,
    activity,
    fields: dict | None = None,
    links: dict | None = None,
    user=None,
    seen_version: int | None = None,
    reason: str = "",
) -> Saved:
    """Validate and save *activity* with *fields* and *links* (a link list left out is kept).

    *seen_version*, when given, is the version the writer read: a save from a stale copy is
    refused (StaleVersion), atomically, however the writes interleave.
    """
    adding = _adding(activity)
    if not adding:
        # Writers of one record queue here: the version read below is the one compared.
        list(Activity.objects.select_for_update().filter(pk=activity.pk).values_list("pk"))
    _apply(activity, fields)
    current = _current_links(activity)
    wanted = _wanted_links(activity, links, current)
    changed_links = _changed_links(wanted, current)
    if not adding and not changed_links and not _changed_fields(activity):
        # Nothing to write, so nothing to refuse: an unchanged import row or seed entry.
        return Saved(activity, created=False, changed=False)
    # The check constraints cost a query each to ask in advance; the database asks them as it
    # writes, and a refusal is explained in the constraint's own words below.
    _validate(activity, wanted, seen_version, user, constraints=False)
    if not adding:
        rows = Activity.objects.filter(pk=activity.pk)
        if seen_version is not None:
            rows = rows.filter(version=seen_version)
        if rows.update(version=F("version") + 1) != 1:
            raise StaleVersion
        activity.version = Activity.objects.values_list("version", flat=True).get(pk=activity.pk)
    bulk = coverage.is_paused()
    # The version is dated before its link rows are written, as links written after a version
    # belong to it (which is how versions from before links were kept are read).
    started = timezone.now()
    try:
        with transaction.atomic(), coverage.paused():
            activity.skip_history_when_saving = True
            try:
                activity.save()
            finally:
                del activity.skip_history_when_saving
            _write_links(activity, changed_links, current, user, reason)
    except IntegrityError as error:
        if adding:
            activity.pk = activity.id = None
            activity._state.adding = True
        _explain(activity, error)
    type(activity).history.bulk_history_create(
        [activity],
        update=not adding,
        default_user=user,
        default_change_reason=reason,
        default_date=started,
        custom_historical_attrs={"links": wanted},
    )
    if not bulk:  # a bulk loader rebuilds coverage and raises the data version once at the end
        coverage.refresh([activity.pk])
        caching.bump()
    return Saved(activity, created=adding, changed=True)


def _explain(activity, error: IntegrityError):
    """Turn the database's refusal into the message of the constraint it broke."""
    try:
        activity.validate_constraints()
        activity.validate_unique()
    except ValidationError as reason:
        raise reason from error
    raise error


def _write_links(activity, changed: dict, current: dict, user, reason: str) -> None:
    """Delete, update and add the rows of the *changed* link lists (*current*: as stored)."""

    def mark(row):
        row._history_user, row._change_reason = user, reason
        return row

    for name, rows in changed.items():
        if name not in ROW_LINKS:
            _write_tags(activity, name, set(rows), set(current[name]))
            continue
        link_model, target, _roles = ROW_LINKS[name]
        wanted = {(row[0], row[1]): row[2:] for row in rows}
        stored = link_model.objects.filter(activity_id=activity.pk) if current[name] else []
        for existing in stored:
            key = (getattr(existing, f"{target}_id"), existing.role)
            if key not in wanted:
                mark(existing).delete()
                continue
            extra = wanted.pop(key)
            if extra and existing.on_behalf_of != extra[0]:
                existing.on_behalf_of = extra[0]
                mark(existing).save()
        new = [
            link_model(
                activity=activity,
                role=role,
                **{f"{target}_id": target_id},
                **({"on_behalf_of": extra[0]} if extra else {}),
            )
            for (target_id, role), extra in wanted.items()
        ]
        if new:  # in the order given, each with its history row, in two statements
            bulk_create_with_history(
                new, link_model, default_user=user, default_change_reason=reason
            )


def _write_tags(activity, name: str, wanted: set, stored: set) -> None:
    # Straight to the through table: two statements at most, where .set() takes three a list.
    relation = type(activity)._meta.get_field(name)
    through = relation.remote_field.through
    source, target = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
    if stored - wanted:
        through.objects.filter(**{source: activity.pk, f"{target}__in": stored - wanted}).delete()
    through.objects.bulk_create(
        [through(**{source: activity.pk, target: pk}) for pk in sorted(wanted - stored)]
    )


@transaction.atomic
def delete_activity(*, activity, user=None, reason: str = "") -> None:
    """Delete *activity*; raises ProtectedError when other records still need it."""
    activity._history_user, activity._change_reason = user, reason
    activity.delete()


def set_status(*, activity, status: str, user=None) -> bool:
    """Publish or unpublish through the same rules as any save; True if it changed."""
    if activity.status == status:
        return False
    return save_activity(activity=activity, fields={"status": status}, user=user).changed
