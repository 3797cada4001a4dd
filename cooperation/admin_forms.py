"""What every activity admin shares: stale-form refusal, the publish right, the party check."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from .models import Involvement, PartyRole, Status

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
