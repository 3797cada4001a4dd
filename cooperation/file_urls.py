"""Staff-only file downloads (see cooperation/files.py)."""

from django.urls import path

from . import files

urlpatterns = [
    path("agreements/<slug:slug>/", files.agreement_document, name="agreement-document"),
]
