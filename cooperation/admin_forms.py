"""What every activity admin shares: forms that show the write service's verdict, saves and
deletes through it, the publish right, and the private file widget."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from . import services
from .models import ActivityCountry, Involvement, Participation, Status

PUBLISH_PERMISSION = services.PUBLISH_PERMISSION
STALE_MESSAGE = services.STALE_MESSAGE


# The admin's inline rows -> the service's link names.
FORMSET_LINKS = {Involvement: "offices", ActivityCountry: "countries", Participation: "people"}


def admin_links(form, formsets) -> dict:
    """The links the change form asks for: its inline rows and its many-to-many fields."""
    links = {}
    for formset in formsets:
        name = FORMSET_LINKS.get(formset.model)
        if name is None:
            continue
        target = services.ROW_LINKS[name][1]
        rows = []
        for row_form in formset.forms:
            data = getattr(row_form, "cleaned_data", None) or {}
            if data.get(target) and not formset._should_delete_form(row_form):
                rows.append({k: data.get(k) for k in (target, "role", "on_behalf_of")})
        links[name] = rows
    for name in services.tag_names(form._meta.model):
        if name in form.cleaned_data:
            links[name] = form.cleaned_data[name]
    return links


class VersionedForm(forms.ModelForm):
    """Carries the version the editor saw, and shows the service's verdict on the form.

    The admin hands the inline formsets to the form (on its instance), so that the rules that
    span the record and its rows (the party rule, duplicates) are checked with the form, and a
    refusal comes back with everything the editor typed.
    """

    # Not named `version`: a ModelForm may not list the model's non-editable field.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    request_user = None  # set per request by the admin

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # Read from the table, not the instance: a revert form's instance is an old version.
            current = type(self.instance).objects.filter(pk=self.instance.pk)
            self.initial["seen_version"] = current.values_list("version", flat=True).first()

    def _post_clean(self):
        super()._post_clean()
        formsets = getattr(self.instance, "_admin_formsets", None)
        if formsets is None or self.errors or not all(fs.is_valid() for fs in formsets):
            return
        try:
            services.check_activity(
                activity=self.instance,
                links=admin_links(self, formsets),
                seen_version=self.cleaned_data.get("seen_version") if self.instance.pk else None,
                user=self.request_user,
            )
        except PermissionDenied as error:
            self.add_error("status" if "status" in self.fields else None, str(error))
        except ValidationError as error:
            self.show_errors(error, formsets)

    def show_errors(self, error: ValidationError, formsets) -> None:
        by_link = {FORMSET_LINKS.get(fs.model): fs for fs in formsets}
        for name, texts in error.message_dict.items():
            if name in by_link:
                # Shown above the rows, and makes the admin's own all_valid() refuse the save.
                by_link[name]._non_form_errors.extend(texts)
            else:
                self.add_error(name if name in self.fields else None, texts)


class VersionedAdminMixin:
    """Every save, revert and delete goes through cooperation.services, in the admin's transaction."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request_user = request.user  # a class made for this request
        return form

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        obj._admin_formsets = formsets
        return formsets, inline_instances

    def save_model(self, request, obj, form, change):
        """Nothing here: the record is saved with its rows by save_related(), in one call."""

    def save_related(self, request, form, formsets, change):
        services.save_activity(
            activity=form.instance,
            links=admin_links(form, formsets),
            user=request.user,
            seen_version=form.cleaned_data.get("seen_version") if change else None,
        )
        for formset in formsets:
            # What the admin's change message reads; the history holds the details.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def set_status(self, obj, status, user) -> bool:
        return services.set_status(activity=obj, status=status, user=user)

    def delete_model(self, request, obj):
        services.delete_activity(activity=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_activity(activity=obj, user=request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleVersion:
            # Lost the race between the form's check and the save: the transaction around the
            # view has been rolled back, nothing was saved.
            self.message_user(request, STALE_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history lets anyone who may view history post a revert; reverting is a change.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except services.StaleVersion:
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

    @admin.action(description=_("Publish selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Unpublish selected records"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        records = queryset.exclude(status=status)
        self.write_each(request, records, lambda obj: self.set_status(obj, status, request.user))

    def write_each(self, request, records, write) -> None:
        """Call *write(obj)* (true if it changed the record) for each record and say how many
        changed and which were refused, and why."""
        changed, refused = 0, []
        with transaction.atomic(using=router.db_for_write(self.model)):
            # One by one, so that each change is in the history and raises the version.
            for obj in records:
                try:
                    changed += bool(write(obj))
                except (ValidationError, PermissionDenied) as error:
                    reason = " ".join(getattr(error, "messages", None) or [str(error)])
                    refused.append(f"{obj}: {reason}")
        if refused:
            self.message_user(
                request,
                _("Not changed, as they break a rule: %(records)s")
                % {"records": "; ".join(refused)},
                messages.ERROR,
            )
        self.message_user(
            request, _("%(count)d records changed.") % {"count": changed}, messages.SUCCESS
        )

    def set_status(self, obj, status, user) -> bool:
        obj.status, obj._history_user = status, user
        obj.save()
        return True


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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the write path or a command, never typed in: listed for staff to read."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
