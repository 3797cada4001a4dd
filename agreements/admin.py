import secrets

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cooperation import services
from cooperation.admin import ActivityAdmin, ImportExportAdmin
from cooperation.admin_forms import PrivateFileInput, ReadOnlyAdmin, VersionedForm
from cooperation.models import PartyRole, Passage, Status
from cooperation.resources import AgreementResource

from . import desk, validity
from .models import Agreement, CalendarToken, ReminderSent, StatusChange, ValidityStatus
from .services import record_status_change


class AgreementForm(VersionedForm):
    class Meta:
        widgets = {"signed_document": PrivateFileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "signed_document" in self.fields:
            widget = self.fields["signed_document"].widget
            widget.download_url = reverse("agreement-document", args=[self.instance.slug])


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "validity"

    def lookups(self, request, model_admin):
        return ValidityStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(validity_status=self.value()) if self.value() else queryset


class ExpiryFilter(admin.SimpleListFilter):
    """The staff desk's two questions: what expires soon, what is past its term unheard of."""

    title = _("expiry")
    parameter_name = "expires"

    def lookups(self, request, model_admin):
        return [
            ("soon", _("in the next %(days)d days") % {"days": desk.warning_days()}),
            ("unknown", _("past term, status unknown")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "soon":
            return queryset.filter(pk__in=desk.expiring_soon().values("pk"))
        if self.value() == "unknown":
            return queryset.unknown_past_term(desk.today())
        return queryset


class InForceFilter(admin.SimpleListFilter):
    """`?in_force_on=2018-06-30`, a month or a year, as in the catalogue and the API."""

    title = _("in force")
    parameter_name = "in_force_on"

    def lookups(self, request, model_admin):
        this_year = desk.today().year
        return [(str(year), str(year)) for year in range(this_year, this_year - 6, -1)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            return queryset.in_force_on(*validity.as_bounds(self.value()))
        except ValidationError:
            return queryset.none()


class ExpiresBeforeFilter(InForceFilter):
    """`?expires_before=2019` (or a month or a day), as in the catalogue and the API."""

    title = _("expires before")
    parameter_name = "expires_before"

    def lookups(self, request, model_admin):
        this_year = desk.today().year
        return [(str(year), str(year)) for year in range(this_year + 1, this_year + 4)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            return queryset.expiring_before(validity.as_bounds(self.value())[0])
        except ValidationError:
            return queryset.none()


class StatusChangeInline(admin.TabularInline):
    """Shown, not typed in here: a change is recorded with the "Record a status change" action,
    which checks its order and source and writes a new version of the agreement."""

    model = StatusChange
    fields = ["status", "date", "passage", "staff_reference", "note", "recorded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _staff():
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=ValidityStatus.choices)
    date = forms.CharField(
        label=_("date"), max_length=10, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD, as the source.")
    )
    passage = forms.CharField(
        label=_("report passage"), required=False, max_length=120,
        help_text=_("The passage's reference, e.g. vii-5-2-shen-euipo."),
    )  # fmt: skip
    staff_reference = forms.CharField(label=_("staff reference"), required=False, max_length=200)
    note = forms.CharField(label=_("note"), required=False, max_length=400)

    def clean_passage(self):
        ref = self.cleaned_data["passage"].strip()
        if not ref:
            return None
        passage = Passage.objects.filter(ref=ref).first()
        if passage is None:
            raise forms.ValidationError(_("No passage has this reference."))
        return passage


class ResponsibleForm(forms.Form):
    responsible = forms.ModelChoiceField(
        label=_("responsible"), queryset=_staff(), required=False,
        help_text=_("Empty to clear."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _staff()


@admin.register(Agreement)
class AgreementAdmin(ImportExportAdmin, ActivityAdmin):
    form = AgreementForm
    resource_classes = [AgreementResource]
    inlines = [*ActivityAdmin.inlines, StatusChangeInline]
    party_roles = (PartyRole.PARTY,)
    list_display = [*ActivityAdmin.list_display[:-2], "validity_status", "expiry_display",
                    "status", "updated_at"]  # fmt: skip
    list_filter = [*ActivityAdmin.list_filter, ValidityFilter, ExpiryFilter, InForceFilter,
                   ExpiresBeforeFilter]  # fmt: skip
    readonly_fields = [
        *ActivityAdmin.readonly_fields, "signed_document_link", "validity_status", "expiry_display"
    ]  # fmt: skip
    autocomplete_fields = [*ActivityAdmin.autocomplete_fields, "renews", "extends", "supersedes",
                           "implements", "responsible"]  # fmt: skip
    raw_id_fields = ["implementing_activities"]
    # The yearly work plan: open last year's, change the year and title, "Save as new".
    save_as = True
    actions = [*ActivityAdmin.actions, "record_status_change", "set_responsible"]
    specific_fieldsets = [
        (_("Signed document"), {"fields": ["signed_document", "signed_document_link"]}),
        (
            _("Validity"),
            {
                "fields": [
                    ("entry_into_force", "valid_until", "term_years"),
                    "automatic_renewal", "responsible", "validity_status", "expiry_display",
                ],
                "description": _(
                    "As precise as the source says, and only what it says. Status changes "
                    "(in force, renewed, expired, …) are recorded with the action of the list."
                ),
            },
        ),
        (_("Related agreements"), {"fields": ["renews", "extends", "supersedes", "implements"]}),
        (_("Carried out by"), {"fields": ["implementing_activities"]}),
    ]  # fmt: skip

    @admin.display(description=_("download"))
    def signed_document_link(self, obj) -> str:
        if not obj or not obj.signed_document:
            return "–"
        url = reverse("agreement-document", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, _("Open the signed PDF"))

    @admin.display(description=_("expiry"), ordering="expires_on")
    def expiry_display(self, obj) -> str:
        return obj.expiry or "–"

    # -- actions with a second step: a form or a confirmation, then the write path per record

    def _second_step(self, request, queryset, *, title, form=None, action, button):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "queryset": queryset,
            "form": form,
            "action": action,
            "button": button,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/agreements/action_step.html", context)

    @admin.action(description=_("Publish selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        if request.POST.get("confirmed") != "yes":
            drafts = queryset.exclude(status=Status.PUBLISHED)
            return self._second_step(
                request, drafts, title=_("Publish these records?"), action="publish",
                button=_("Yes, publish them"),
            )  # fmt: skip
        return super().publish(request, queryset)

    @admin.action(description=_("Record a status change for selected agreements"),
                  permissions=["change"])  # fmt: skip
    def record_status_change(self, request, queryset):
        form = StatusChangeForm(request.POST if request.POST.get("confirmed") == "yes" else None)
        if not form.is_valid():
            return self._second_step(
                request, queryset, title=_("Record a status change"), form=form,
                action="record_status_change", button=_("Record"),
            )  # fmt: skip
        data = form.cleaned_data
        self.write_each(
            request,
            queryset,
            lambda agreement: record_status_change(agreement=agreement, user=request.user, **data),
        )

    @admin.action(description=_("Set the responsible person of selected agreements"),
                  permissions=["change"])  # fmt: skip
    def set_responsible(self, request, queryset):
        form = ResponsibleForm(request.POST if request.POST.get("confirmed") == "yes" else None)
        if not form.is_valid():
            return self._second_step(
                request, queryset, title=_("Set the responsible person"), form=form,
                action="set_responsible", button=_("Save"),
            )  # fmt: skip
        fields = {"responsible": form.cleaned_data["responsible"]}
        self.write_each(
            request,
            queryset,
            lambda agreement: (
                services.save_activity(activity=agreement, fields=fields, user=request.user).changed
            ),
        )


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "status", "date", "passage", "staff_reference", "recorded_at"]
    list_filter = ["status"]
    list_select_related = ["agreement", "passage__document"]
    search_fields = ["agreement__title", "agreement__slug", "staff_reference"]


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["agreement", "recipient", "sent_on", "expires_on"]
    list_select_related = ["agreement"]
    date_hierarchy = "sent_on"


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    """A staff member's secret address of the expiry calendar; delete it to revoke it."""

    list_display = ["user", "created_at", "calendar_link"]
    fields = ["user", "calendar_link"]
    readonly_fields = ["calendar_link"]
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if not obj.token:
            obj.token = secrets.token_urlsafe(32)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("calendar address"))
    def calendar_link(self, obj) -> str:
        if not obj or not obj.token:
            return "–"
        url = reverse("agreement-calendar-token", args=[obj.token])
        return format_html('<a href="{}">{}</a>', url, url)
