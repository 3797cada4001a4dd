"""What every activity admin shares: stale-form refusal, the publish right, the party check,
and reverts that bring back an activity's parties, places and people with its fields."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import Q, prefetch_related_objects
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from .models import ActivityCountry, Involvement, Participation, PartyRole, Status

PUBLISH_PERMISSION = "cooperation.publish_activity"

STALE_MESSAGE = _(
    "This record was changed by someone else since you opened it; reload and re-apply your changes."
)


class StaleRecord(Exception):
    """Raised when the compare-and-increment of `version` finds another save got there first."""


class VersionedForm(forms.ModelForm):
    """Carries the version the editor saw, so that a save from a stale form is refused."""

    # Not named `version`: a ModelForm may not list the model's non-editable field.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # Read from the table, not the instance: a revert form's instance is an old version.
            current = self.current_version()
            self.initial["seen_version"] = current

    def current_version(self) -> int | None:
        model = type(self.instance)
        return model.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("seen_version") != self.current_version():
            raise ValidationError(STALE_MESSAGE, code="stale")
        return cleaned


class PartiesFormSet(BaseInlineFormSet):
    """An agreement needs at least one party, and must not repeat another agreement."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        parties = {
            form.cleaned_data["office"].pk
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("office")
            and form.cleaned_data.get("role") == PartyRole.PARTY
        }
        if not parties:
            raise ValidationError(
                _("An agreement needs at least one office in the role 'party'."), code="no_party"
            )
        duplicate = self.find_duplicate(parties)
        if duplicate is not None:
            raise ValidationError(
                _("The same agreement is already recorded: “%(title)s” (%(slug)s)."),
                params={"title": duplicate.title, "slug": duplicate.slug},
                code="duplicate",
            )

    def find_duplicate(self, parties: set[int]):
        agreement = self.instance
        if not agreement.title or agreement.year is None:
            return None
        candidates = (
            type(agreement)
            .objects.filter(
                kind=agreement.kind,
                year=agreement.year,
                month=agreement.month,
                day=agreement.day,
                title__iexact=agreement.title.strip(),
            )
            .exclude(pk=agreement.pk)
        )
        for candidate in candidates:
            theirs = set(
                Involvement.objects.filter(activity=candidate, role=PartyRole.PARTY).values_list(
                    "office_id", flat=True
                )
            )
            if theirs == parties:
                return candidate
        return None


class VersionedAdminMixin:
    """Compare-and-increment `version` inside the admin's transaction; refuse stale saves."""

    def save_model(self, request, obj, form, change):
        if change:
            seen = form.cleaned_data.get("seen_version")
            model = type(obj)
            updated = model.objects.filter(pk=obj.pk, version=seen).update(version=(seen or 0) + 1)
            if updated != 1:
                raise StaleRecord
            obj.version = seen + 1
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleRecord:
            # The transaction around the view has been rolled back: nothing was saved.
            self.message_user(request, STALE_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history lets anyone who may view history post a revert; reverting is a change.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except StaleRecord:
            self.message_user(request, STALE_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class PublishAdminMixin:
    """Only holders of `cooperation.publish_activity` set or clear the published status."""

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("status")
        return readonly

    def save_model(self, request, obj, form, change):
        # A revert, too, may bring back a published version; only publishers may publish.
        if obj.status == Status.PUBLISHED and not self.has_publish_permission(request):
            was_published = (
                change and type(obj).objects.filter(pk=obj.pk, status=Status.PUBLISHED).exists()
            )
            if not was_published:
                obj.status = Status.DRAFT
                self.message_user(
                    request, _("Saved as a draft: you may not publish records."), messages.WARNING
                )
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Unpublish selected records"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        changed = 0
        with transaction.atomic(using=router.db_for_write(self.model)):
            # Saved one by one so that each change is in the history and raises the version.
            locked = self.model.objects.select_for_update().filter(pk__in=queryset.values("pk"))
            for obj in locked.exclude(status=status):
                obj.status = status
                if hasattr(obj, "version"):
                    obj.version += 1
                obj._history_user = request.user
                obj.save()
                changed += 1
        self.message_user(
            request, _("%(count)d records changed.") % {"count": changed}, messages.SUCCESS
        )


class _PrivateFile:
    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class PrivateFileInput(AdminFileWidget):
    """Links the current file to the staff-only download view, not to an unserved media URL."""

    download_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            filename = str(value.name).rsplit("/", 1)[-1]
            context["widget"]["value"] = _PrivateFile(filename, self.download_url)
        return context


# Reverts: an activity's parties, places and people come back with its fields.

# The rows an activity lists; each has its own history table, and the revert form has no inlines.
LINKED_MODELS = (Involvement, ActivityCountry, Participation)


class RevertRefused(Exception):
    """The version cannot be brought back as it was, e.g. an office it lists has been deleted."""


def version_end(record):
    """When the activity version in *record* stopped being current: its next save, or None.

    Every writer saves the activity first and its parties, places and people a moment later in
    the same request and transaction (admin inlines after the form, the API's nested rows, the
    import's parties, the seed's links). So the links of this version are those written before
    the activity's next history row, whatever the time the request took; a fixed window after
    `record.history_date` would miss the links of a slow save or catch those of a quick next one.
    Links changed later with no save of the activity (only the seed does that) belong to the
    version that was current then, which is what the catalogue showed.
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


def _fields(model) -> list[str]:
    return [
        f.attname for f in model._meta.concrete_fields if not f.primary_key and f.name != "activity"
    ]


def _unique_key(model) -> list[str]:
    constraint = next(c for c in model._meta.constraints if isinstance(c, models.UniqueConstraint))
    return [model._meta.get_field(name).attname for name in constraint.fields if name != "activity"]


def links_at(model, activity_id: int, before) -> tuple[dict[int, dict], set[int]]:
    """The activity's *model* rows as they stood just before *before* (None: at the latest).

    Returns {row id: field values} and the ids of every row with a history, so that rows that
    never had one (bulk-made synthetic data) are left alone rather than taken for later additions.
    """
    fields = _fields(model)
    ever = model.history.filter(activity_id=activity_id).values("id")
    history = model.history.filter(id__in=ever).order_by("id", "history_date", "history_id")
    state = {}
    for row in history.values("id", "history_type", "history_date", "activity_id", *fields):
        if before is None or row["history_date"] < before:
            state[row["id"]] = row  # the latest record before the bound wins
        elif row["id"] not in state:
            # Its first record comes after the bound: a creation means the row was not there yet;
            # anything else means it predates its history, so it existed, with these values or
            # (after a change) the oldest ones known.
            existed = row["history_type"] != "+"
            state[row["id"]] = {**row, "history_type": "~" if existed else "-"}
    wanted = {
        pk: {f: row[f] for f in fields}
        for pk, row in state.items()
        if row["history_type"] != "-" and row["activity_id"] == activity_id
    }
    return wanted, set(state)


def _check_targets(model, wanted: dict[int, dict]) -> None:
    for field in model._meta.concrete_fields:
        if not field.is_relation or field.name == "activity":
            continue
        target = field.related_model
        ids = {values[field.attname] for values in wanted.values()}
        missing = ids - set(target.objects.filter(pk__in=ids).values_list("pk", flat=True))
        for pk in sorted(missing):
            known = target.history.filter(**{target._meta.pk.attname: pk})
            last = known.order_by("-history_date").first()
            raise RevertRefused(
                gettext(
                    "This version lists the %(what)s “%(name)s”, which has since been deleted; "
                    "restore it first."
                )
                % {"what": target._meta.verbose_name, "name": last.instance if last else pk}
            )


def _restore(model, activity_id: int, before, user, reason: str) -> None:
    wanted, tracked = links_at(model, activity_id, before)
    _check_targets(model, wanted)
    fields, unique = _fields(model), _unique_key(model)

    def mark(row):
        row._history_user, row._change_reason = user, reason
        return row

    live = {}
    for row in model.objects.filter(activity_id=activity_id):
        if row.pk in tracked and row.pk not in wanted:
            mark(row).delete()
        else:
            live[row.pk] = row
    holders = {tuple(getattr(row, f) for f in unique): pk for pk, row in live.items()}
    pending = {
        pk: values
        for pk, values in wanted.items()
        if pk not in live or any(getattr(live[pk], f) != v for f, v in values.items())
    }
    # Rows are updated or recreated once no other row holds their (office, role) or alike,
    # so that the unique constraints hold after every statement.
    while pending:
        progress = False
        for pk, values in list(pending.items()):
            key = tuple(values[f] for f in unique)
            if holders.get(key, pk) != pk:
                continue
            row = live.get(pk)
            if row is not None:
                holders.pop(tuple(getattr(row, f) for f in unique))
                for f in fields:
                    setattr(row, f, values[f])
                mark(row).save()
            else:
                # Under its old id, so that the row's history reads on; a fresh id if it is taken.
                free = not model.objects.filter(pk=pk).exists()
                row = mark(model(pk=pk if free else None, activity_id=activity_id, **values))
                row.save(force_insert=True)
            holders[key] = pk
            live[pk] = row
            del pending[pk]
            progress = True
        if progress:
            continue
        # Two rows that swapped places: take one out; the next round recreates it.
        blocked = next((pk for pk in pending if pk in live), None)
        if blocked is None:
            raise RevertRefused(gettext("This version's rows clash with rows added since."))
        row = live.pop(blocked)
        holders.pop(tuple(getattr(row, f) for f in unique))
        mark(row).delete()


def restore_links(activity, record, user) -> None:
    """Set the parties, places and people of *activity* to those of its version in *record*."""
    before = version_end(record)
    reason = revert_reason(record)
    for model in LINKED_MODELS:
        _restore(model, activity.pk, before, user, reason)


def revert_reason(record) -> str:
    when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M:%S")
    return gettext("Reverted to the version of %(date)s") % {"date": when}


def describe_links(record) -> list[tuple[str, list[str]]]:
    """What a revert to *record* brings back, for the revert page: (heading, [row, …])."""
    before = version_end(record)
    activity_id = getattr(record, record.instance_type._meta.pk.attname)
    described = []
    for model in LINKED_MODELS:
        wanted, _tracked = links_at(model, activity_id, before)
        rows = [model(pk=pk, activity_id=activity_id, **values) for pk, values in wanted.items()]
        target = next(
            f.name for f in model._meta.concrete_fields if f.is_relation and f.name != "activity"
        )
        prefetch_related_objects(rows, target)
        labels = []
        for row in rows:
            try:
                labels.append(str(row))
            except ObjectDoesNotExist:
                labels.append(gettext("(deleted since)"))
        described.append((str(model._meta.verbose_name_plural), labels))
    return described


class RevertLinksAdminMixin:
    """A revert restores the version's parties, places and people, in the same transaction.

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
        if record is not None:
            obj._change_reason = revert_reason(record)
        super().save_model(request, obj, form, change)
        if record is not None:
            restore_links(obj, record, request.user)
