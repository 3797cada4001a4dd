"""Back-office for the shared records, and the base admin that every dated activity uses."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.db.models import BLANK_CHOICE_DASH, F, Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm
from simple_history.admin import SimpleHistoryAdmin

from . import models as m
from .admin_forms import PublishAdminMixin, VersionedAdminMixin, VersionedForm
from .admin_history import RevertLinksAdminMixin
from .resources import CountryResource, OfficeResource

admin.site.site_header = _("Cooperation Tracker administration")
admin.site.site_title = _("Cooperation Tracker administration")
admin.site.index_title = _("Records")


class OfficeChoicesMixin:
    """An office reads 'INPI (France) – …' in a form, which reads its country: fetch both at once."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is m.Office and "queryset" not in kwargs:
            kwargs["queryset"] = m.Office.objects.select_related("country")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is m.Office and "queryset" not in kwargs:
            kwargs["queryset"] = m.Office.objects.select_related("country")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class HistoryAdmin(OfficeChoicesMixin, SimpleHistoryAdmin):
    # The packaged history list has an inline style attribute, which our CSP refuses.
    object_history_list_template = "admin/cooperation/object_history_list.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ImportExportAdmin(ImportExportMixin):
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    # The field-picking export form has an inline handler and styles, which our CSP refuses.
    export_form_class = ExportForm
    import_template_name = "admin/cooperation/import.html"

    def add_success_message(self, result, request):
        totals = result.totals
        self.message_user(
            request,
            _("Import finished: %(new)d new, %(updated)d updated, %(unchanged)d unchanged.")
            % {"new": totals["new"], "updated": totals["update"], "unchanged": totals["skip"]},
            messages.SUCCESS,
        )

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # import-export keeps the valid rows of a confirmed file with invalid ones; we keep none.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                _(
                    "Nothing was imported: some rows are invalid. Upload the file again to see which."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
            )
        return super().process_result(result, request)


# Shared records


@admin.register(m.Country)
class CountryAdmin(ImportExportAdmin, HistoryAdmin):
    resource_classes = [CountryResource]
    list_display = ["code", "name", "name_zh", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name", "name_zh"]


@admin.register(m.Office)
class OfficeAdmin(ImportExportAdmin, HistoryAdmin):
    resource_classes = [OfficeResource]
    list_display = ["acronym", "name", "kind", "country"]
    list_filter = ["kind", "country__region"]
    list_select_related = ["country"]
    search_fields = [
        "acronym", "name", "name_zh", "slug", "aliases", "country__name", "country__name_zh",
    ]  # fmt: skip

    def get_queryset(self, request):
        # Autocomplete shows each office as 'INPI (France) – …', which reads its country.
        return super().get_queryset(request).select_related("country")

    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ("acronym",)}


@admin.register(m.Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "name_zh", "title", "office"]
    list_select_related = ["office__country"]
    search_fields = ["name", "name_zh", "slug", "office__acronym"]
    autocomplete_fields = ["office"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(m.Grouping)
class GroupingAdmin(HistoryAdmin):
    list_display = ["name", "name_zh"]
    search_fields = ["name", "name_zh", "slug"]
    autocomplete_fields = ["member_offices", "member_countries"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(m.Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "name_zh"]
    search_fields = ["name", "name_zh", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(m.Document)
class DocumentAdmin(HistoryAdmin):
    list_display = ["title", "year", "publisher"]
    list_select_related = ["publisher__country"]
    search_fields = ["title", "slug"]
    autocomplete_fields = ["publisher"]


@admin.register(m.Passage)
class PassageAdmin(HistoryAdmin):
    list_display = ["section", "heading", "ref", "document", "is_caption"]
    list_filter = ["document", "is_caption"]
    list_select_related = ["document"]
    search_fields = ["text", "ref", "section", "heading"]
    autocomplete_fields = ["countries", "offices"]


@admin.register(m.Figure)
class FigureAdmin(PublishAdminMixin, HistoryAdmin):
    list_display = ["label", "qualifier", "value", "unit", "year", "status"]
    list_filter = ["year", "status"]
    search_fields = ["label", "label_zh", "slug"]
    autocomplete_fields = ["passage"]
    actions = ["publish", "unpublish"]


# Activities


class CountryFilter(admin.SimpleListFilter):
    """Places, beneficiaries and the countries of the offices involved, as the catalogue counts them."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return [(c.code, c.display_name) for c in m.Country.objects.only("code", "name", "name_zh")]

    def queryset(self, request, queryset):
        return queryset.with_country(self.value()) if self.value() else queryset


class YearFilter(admin.SimpleListFilter):
    """A year filter, since dates are partial and `date_hierarchy` needs whole dates."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.model.objects.order_by("-year").values_list("year", flat=True)
        return [(str(year), str(year)) for year in years.distinct()]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.in_year(int(value)) if value and value.isdigit() else queryset


class KindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(k.value, k.label) for k in m.KINDS_BY_TYPE[model_admin.model.activity_type]]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class OfficeFilter(admin.SimpleListFilter):
    title = _("office")
    parameter_name = "office"

    def lookups(self, request, model_admin):
        offices = (
            m.Office.objects.filter(involvements__activity__type=model_admin.model.activity_type)
            .select_related("country")
            .distinct()
        )
        return sorted(((o.slug, o.label) for o in offices), key=lambda choice: choice[1])

    def queryset(self, request, queryset):
        return queryset.with_office(self.value()) if self.value() else queryset


class InvolvementInline(OfficeChoicesMixin, admin.TabularInline):
    model = m.Involvement
    fields = ["office", "role", "on_behalf_of"]
    autocomplete_fields = ["office"]
    extra = 1

    def get_queryset(self, request):
        # Each row is titled 'INPI (France) (party)', which reads the office and its country.
        return super().get_queryset(request).select_related("office__country")


class ActivityCountryInline(admin.TabularInline):
    model = m.ActivityCountry
    fields = ["country", "role"]
    autocomplete_fields = ["country"]
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = m.Participation
    fields = ["person", "role"]
    autocomplete_fields = ["person"]
    extra = 0


class DateOrderedChangeList(ChangeList):
    """Orders by the full partial date, a month or day not known last within its year or month,
    whichever way the column is sorted: 2017-12, 2017-03, 2017 (and 2017-03, 2017-12, 2017).

    Descending, the stored date key already does that (an unknown part counts 0) and is indexed;
    ascending, it would put 2017 first, so the year, month and day are sorted with nulls last.
    """

    OLDEST_FIRST = [F("year").asc(), F("month").asc(nulls_last=True), F("day").asc(nulls_last=True)]

    def get_ordering(self, request, queryset):
        ordering = []
        for item in super().get_ordering(request, queryset):
            ordering += self.OLDEST_FIRST if item == "date_key" else [item]
        return ordering


class ActivityAdmin(RevertLinksAdminMixin, VersionedAdminMixin, PublishAdminMixin, HistoryAdmin):
    """The admin every activity type shares; subclasses add `specific_fieldsets`."""

    form = VersionedForm
    list_display = ["title", "kind", "date_display", "parties", "status", "updated_at"]
    list_filter = [CountryFilter, YearFilter, KindFilter, OfficeFilter, "status"]
    search_fields = [
        "title",
        "title_zh",
        "slug",
        "staff_reference",
        "offices__acronym",
        "offices__name",
        "offices__name_zh",
        "people__name",
        "people__name_zh",
    ]
    autocomplete_fields = ["venue_country", "passage", "other_passages", "groupings", "topics"]
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ["date_display", "created_at", "updated_at"]
    inlines = [InvolvementInline, ActivityCountryInline, ParticipationInline]
    actions = ["publish", "unpublish"]
    history_list_display = ["status", "version"]
    list_per_page = 50
    party_roles = tuple(m.PartyRole.values)
    specific_fieldsets: list = []

    def get_changelist(self, request, **kwargs):
        return DateOrderedChangeList

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["kind", "title", "title_zh", "slug", "summary", "seen_version"]}),
            (
                _("Date"),
                {
                    "fields": [("year", "month", "day"), ("end_year", "end_month", "end_day")]
                    + (["date_display"] if obj else []),
                    "description": _(
                        "As precise as the source: a year, a year and month, or a full day. "
                        "Leave the end empty for a single date."
                    ),
                },
            ),
            (_("Place"), {"fields": ["city", "venue_country", "occasion"]}),
            *self.specific_fieldsets,
            (
                _("Source"),
                {
                    "fields": ["passage", "other_passages", "staff_reference"],
                    "description": _(
                        "Link the report passage, or, for a record entered by staff, "
                        "give a staff reference (file number or link)."
                    ),
                },
            ),
            (_("Tags"), {"fields": ["groupings", "topics"]}),
            (
                _("Publication"),
                {"fields": ["status"] + (["created_at", "updated_at"] if obj else [])},
            ),
        ]

    def get_queryset(self, request):
        involvements = m.Involvement.objects.select_related("office__country")
        return (
            super().get_queryset(request).prefetch_related(Prefetch("involvements", involvements))
        )

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "kind":
            kinds = m.KINDS_BY_TYPE[self.model.activity_type]
            kwargs["choices"] = BLANK_CHOICE_DASH + [(k.value, k.label) for k in kinds]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "occasion":
            kwargs["queryset"] = m.Activity.objects.exclude(type=m.ActivityType.AGREEMENT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("date"), ordering="date_key")
    def date_display(self, obj) -> str:
        if obj.end_year is not None:
            return f"{obj.date} – {obj.end_date}"
        return obj.date

    @admin.display(description=_("parties"))
    def parties(self, obj) -> str:
        names = [i.office.label for i in obj.involvements.all() if i.role in self.party_roles]
        return ", ".join(dict.fromkeys(names))


# Registered here so that every admin module loads with this one.
from . import admin_proposals, admin_releases  # noqa: E402, F401
