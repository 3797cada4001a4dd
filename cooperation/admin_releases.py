"""Data releases in the back-office: listed for staff to see what was frozen when, never edited.

A release is built by `manage.py release` and is immutable, so every permission but viewing is off.
"""

from django.contrib import admin

from .release_models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ("version", "data_as_of", "record_count", "added", "changed", "removed")
    readonly_fields = list_display + ("previous",)
    search_fields = ("version",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
