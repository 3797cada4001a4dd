from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cooperation.admin import ActivityAdmin, ImportExportAdmin
from cooperation.admin_forms import PrivateFileInput, VersionedForm
from cooperation.models import PartyRole
from cooperation.resources import AgreementResource

from .models import Agreement


class AgreementForm(VersionedForm):
    class Meta:
        widgets = {"signed_document": PrivateFileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "signed_document" in self.fields:
            widget = self.fields["signed_document"].widget
            widget.download_url = reverse("agreement-document", args=[self.instance.slug])


@admin.register(Agreement)
class AgreementAdmin(ImportExportAdmin, ActivityAdmin):
    form = AgreementForm
    resource_classes = [AgreementResource]
    inlines = ActivityAdmin.inlines
    party_roles = (PartyRole.PARTY,)
    readonly_fields = [*ActivityAdmin.readonly_fields, "signed_document_link"]
    specific_fieldsets = [
        (_("Signed document"), {"fields": ["signed_document", "signed_document_link"]}),
    ]

    @admin.display(description=_("download"))
    def signed_document_link(self, obj) -> str:
        if not obj or not obj.signed_document:
            return "–"
        url = reverse("agreement-document", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, _("Open the signed PDF"))
