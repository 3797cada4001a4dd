"""Back-office for report ingest: a new chapter, and the review of what it proposes."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .ingest import store
from .models import Activity, Proposal, ProposalStatus


class ChapterForm(forms.Form):
    document = forms.CharField(
        label=_("document"), max_length=300, help_text=_("e.g. 'SIPO Annual Report 2018'.")
    )
    year = forms.IntegerField(label=_("year covered"), min_value=1883, max_value=2200)
    file = forms.FileField(
        label=_("chapter as a .txt file"), required=False,
        help_text=_("UTF-8 plain text copied from the report; at most 2 MB."),
    )  # fmt: skip
    text = forms.CharField(
        label=_("or paste the text"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )

    def clean(self):
        data = super().clean()
        upload, pasted = data.get("file"), (data.get("text") or "")
        if not upload and not pasted.strip():
            raise ValidationError({"file": _("Upload the chapter or paste its text.")})
        try:
            if upload:
                if upload.size > store.MAX_BYTES:
                    raise ValidationError(
                        {
                            "file": _(
                                "The file is larger than 2 MB; a report chapter is far shorter."
                            )
                        }
                    )
                data["chapter"] = store.decode(upload.read(), field="file")
            else:
                store.check_text(pasted, field="text")
                data["chapter"] = pasted
        except ValidationError as error:
            raise error
        return data


def _can_add_record(user, proposal) -> bool:
    if proposal.type == "figure":
        return user.has_perm("cooperation.add_figure")
    model = store.activity_model(proposal.type)
    return user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["position", "type", "kind", "date", "title", "partners", "status"]
    list_display_links = ["title"]
    list_filter = ["status", "type", "document"]
    search_fields = ["title", "quote"]
    list_per_page = 200
    actions = ["accept_selected", "reject_selected"]
    autocomplete_fields = ["offices", "countries"]
    change_list_template = "admin/cooperation/proposal/change_list.html"
    change_form_template = "admin/cooperation/proposal/change_form.html"
    readonly_fields = [
        "status", "highlighted_passage", "quote", "other_passages_list", "people_list",
        "unknown_names_list", "look_alikes", "record",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["status", "highlighted_passage", "quote", "other_passages_list"]}),
        (_("The record"), {"fields": [
            "type", "kind", "title", ("year", "month", "day"), "direction", "city",
            "venue_country", "offices", "countries", "people_list", "occasion",
        ]}),
        (_("Headline figure"), {"fields": ["figure_value", "figure_qualifier", "figure_unit"], "classes": ["collapse"]}),
        (_("Review"), {"fields": ["unknown_names_list", "look_alikes", "record"]}),
    ]  # fmt: skip

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("passage", "document")
            .prefetch_related("offices", "countries")
        )

    def has_add_permission(self, request):
        return False  # proposals come from a chapter: "New report chapter"

    def get_urls(self):
        ingest = self.admin_site.admin_view(self.ingest_view)
        return [path("ingest/", ingest, name="cooperation_proposal_ingest"), *super().get_urls()]

    # --- lists ---------------------------------------------------------------------------

    @admin.display(description=_("partners"))
    def partners(self, obj):
        names = [o.acronym or o.name for o in obj.offices.all()]
        names += [c.name for c in obj.countries.all()]
        return ", ".join(names) or "—"

    def changelist_view(self, request, extra_context=None):
        documents = request.GET.get("document__id__exact")
        rows = Proposal.objects.all()
        if documents:
            rows = rows.filter(document_id=documents)
        total = rows.count()
        reviewed = rows.reviewed().count()
        extra_context = {
            **(extra_context or {}),
            "progress": _("%(reviewed)d of %(total)d reviewed") % {"reviewed": reviewed, "total": total},
            "progress_reviewed": reviewed, "progress_total": total,
        }  # fmt: skip
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Accept selected proposals as draft records"))
    def accept_selected(self, request, queryset):
        self._review(request, queryset, store.accept, _("accepted"))

    @admin.action(description=_("Reject selected proposals"))
    def reject_selected(self, request, queryset):
        self._review(request, queryset, store.reject, _("rejected"))

    def _review(self, request, queryset, action, done):
        count = 0
        for proposal in queryset.pending():
            try:
                if action is store.accept and not _can_add_record(request.user, proposal):
                    raise PermissionDenied
                action(proposal=proposal, user=request.user)
                count += 1
            except PermissionDenied:
                self.message_user(
                    request,
                    _("You may not add this kind of record: %(p)s") % {"p": proposal},
                    messages.ERROR,
                )
            except ValidationError as error:
                self.message_user(
                    request, f"{proposal}: {' '.join(error.messages)}", messages.ERROR
                )
        if count:
            self.message_user(
                request,
                ngettext("%(n)d proposal %(done)s.", "%(n)d proposals %(done)s.", count)
                % {"n": count, "done": done},
                messages.SUCCESS,
            )

    # --- one proposal ----------------------------------------------------------------------

    @admin.display(description=_("passage"))
    def highlighted_passage(self, obj):
        text = obj.passage.text
        spans = sorted({(s, e, label) for s, e, label in obj.matches if 0 <= s < e <= len(text)})
        pieces, cursor = [], 0
        for start, end, label in spans:
            if start < cursor:
                continue
            pieces.append(format_html("{}", text[cursor:start]))
            pieces.append(
                format_html(
                    '<mark class="ingest-{}" title="{}">{}</mark>', label, label, text[start:end]
                )
            )
            cursor = end
        pieces.append(format_html("{}", text[cursor:]))
        caption = _("photo caption") if obj.passage.is_caption else _("paragraph")
        return format_html(
            '<div class="ingest-passage"><p class="help">{} {} · {}</p><p>{}</p></div>',
            obj.passage.section, obj.passage.heading, caption, format_html_join("", "{}", ((p,) for p in pieces)),
        )  # fmt: skip

    @admin.display(description=_("also told in"))
    def other_passages_list(self, obj):
        return (
            format_html_join("", "<p>{}</p>", ((p.text,) for p in obj.other_passages.all())) or "—"
        )

    @admin.display(description=_("people"))
    def people_list(self, obj):
        return (
            format_html_join(
                ", ", "{} ({})", ((p.get("name", ""), p.get("title", "")) for p in obj.people)
            )
            or "—"
        )

    @admin.display(description=_("names not in the database"))
    def unknown_names_list(self, obj):
        if not obj.unknown_names:
            return "—"
        return format_html_join(
            "",
            '<p>{} <button type="submit" class="button" name="_create_office" value="{}">{}</button></p>',
            ((name, name, _("Create office")) for name in obj.unknown_names),
        )

    @admin.display(description=_("records that look the same"))
    def look_alikes(self, obj):
        if obj.status != ProposalStatus.PENDING:
            return "—"
        found = store.look_alikes(obj)
        if not found:
            return _("None: same kind, partners and month.")
        return format_html_join(
            "",
            '<p>{} ({}) <button type="submit" class="button" name="_merge" value="{}">{}</button></p>',
            ((a.title, a.date, a.pk, _("Merge into this record")) for a in found),
        )

    @admin.display(description=_("record"))
    def record(self, obj):
        if obj.activity_id:
            url = reverse(
                f"admin:{self._activity_admin(obj.activity)}_change", args=[obj.activity_id]
            )
            return format_html('<a href="{}">{}</a>', url, obj.activity)
        return "—"

    @staticmethod
    def _activity_admin(activity: Activity) -> str:
        model = store.activity_model(activity.type)
        return f"{model._meta.app_label}_{model._meta.model_name}"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != ProposalStatus.PENDING:
            return [f.name for f in Proposal._meta.fields if f.editable] + [
                "offices",
                "countries",
                *self.readonly_fields,
            ]
        return self.readonly_fields

    def response_change(self, request, obj):
        action = next(
            (
                name
                for name in ("_accept", "_reject", "_merge", "_create_office")
                if name in request.POST
            ),
            None,
        )
        if action is None:
            return super().response_change(request, obj)
        try:
            if action == "_accept":
                if not _can_add_record(request.user, obj):
                    raise PermissionDenied
                store.accept(proposal=obj, user=request.user)
                self.message_user(
                    request,
                    _(
                        "Accepted: a draft record was made. Nothing is published until someone publishes it."
                    ),
                    messages.SUCCESS,
                )
            elif action == "_reject":
                store.reject(proposal=obj, user=request.user)
                self.message_user(request, _("Rejected."), messages.SUCCESS)
            elif action == "_merge":
                target = Activity.objects.get(pk=request.POST["_merge"])
                store.merge(proposal=obj, activity=target, user=request.user)
                self.message_user(
                    request, _("Merged: the record now cites this passage."), messages.SUCCESS
                )
            else:
                office = store.create_office(proposal=obj, name=request.POST["_create_office"])
                self.message_user(
                    request,
                    _("Office “%(name)s” created and added.") % {"name": office.name},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.path)
        except PermissionDenied:
            self.message_user(request, _("You may not add this kind of record."), messages.ERROR)
            return HttpResponseRedirect(request.path)
        except (ValidationError, Activity.DoesNotExist) as error:
            self.message_user(
                request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
            )
            return HttpResponseRedirect(request.path)
        following = (
            Proposal.objects.pending()
            .filter(document=obj.document, position__gt=obj.position)
            .first()
        )
        if following is not None:
            return HttpResponseRedirect(
                reverse("admin:cooperation_proposal_change", args=[following.pk])
            )
        return HttpResponseRedirect(
            reverse("admin:cooperation_proposal_changelist") + "?status__exact=pending"
        )

    # --- a new chapter ---------------------------------------------------------------------

    def ingest_view(self, request):
        if not request.user.has_perm("cooperation.change_proposal") or not request.user.has_perm(
            "cooperation.add_passage"
        ):
            raise PermissionDenied
        form = ChapterForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = store.ingest(
                    text=form.cleaned_data["chapter"],
                    title=form.cleaned_data["document"],
                    year=form.cleaned_data["year"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                self.message_user(
                    request,
                    _("%(document)s: %(passages)d passages and %(proposals)d proposals created.")
                    % {
                        "document": result.document.title,
                        "passages": result.passages_created,
                        "proposals": result.proposals_created,
                    },
                    messages.SUCCESS,
                )
                url = reverse("admin:cooperation_proposal_changelist")
                return HttpResponseRedirect(
                    f"{url}?document__id__exact={result.document.pk}&status__exact=pending"
                )
        context = {
            **self.admin_site.each_context(request), "form": form, "opts": self.model._meta,
            "title": _("New report chapter"),
        }  # fmt: skip
        return TemplateResponse(request, "admin/cooperation/proposal/ingest.html", context)
