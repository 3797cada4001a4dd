from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cooperation.admin import ActivityAdmin

from .models import Delegation, Meeting, Training


@admin.register(Delegation)
class DelegationAdmin(ActivityAdmin):
    specific_fieldsets = [(_("Delegation"), {"fields": ["purpose", "members_count", "meetings"]})]
    autocomplete_fields = [*ActivityAdmin.autocomplete_fields, "meetings"]


@admin.register(Meeting)
class MeetingAdmin(ActivityAdmin):
    specific_fieldsets = [(_("Meeting"), {"fields": ["series", "edition", "outcomes"]})]


@admin.register(Training)
class TrainingAdmin(ActivityAdmin):
    specific_fieldsets = [
        (_("Training"), {"fields": ["participants_count", "participants_more_than"]}),
    ]
