from django.urls import path

from cooperation.feeds import ActivityFeed

from . import views
from .filters import AgreementFilterSet

urlpatterns = [
    path("agreements/", views.AgreementListView.as_view(), name="agreement-list"),
    path(
        "agreements/feed/",
        ActivityFeed(AgreementFilterSet, "agreement-list", views.AgreementListView.heading),
        name="agreement-feed",
    ),
    path("agreements/<slug:slug>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
]
