from django.urls import path

from cooperation.feeds import ActivityFeed

from . import calendar, views
from .filters import AgreementFilterSet

urlpatterns = [
    path("agreements/", views.AgreementListView.as_view(), name="agreement-list"),
    path(
        "agreements/feed/",
        ActivityFeed(AgreementFilterSet, "agreement-list", views.AgreementListView.heading),
        name="agreement-feed",
    ),
    path("agreements/calendar.ics", calendar.staff_calendar, name="agreement-calendar"),
    path(
        "agreements/calendar/<str:token>.ics",
        calendar.token_calendar,
        name="agreement-calendar-token",
    ),
    path("agreements/<slug:slug>/", views.AgreementDetailView.as_view(), name="agreement-detail"),
]
