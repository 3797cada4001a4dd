"""Data releases in the back-office: listed for staff to see what was frozen when, never edited.

A release is built by `manage.py release` and is immutable, so every permission but viewing is off.
"""

from django.contrib import admin

from .admin_forms import ReadOnlyAdmin
from .release_models import Release


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    list_display = ("version", "data_as_of", "record_count", "added", "changed", "removed")
    readonly_fields = list_display + ("previous",)
    search_fields = ("version",)
