from django.urls import path

from cooperation.feeds import ActivityFeed

from . import views
from .filters import DelegationFilterSet, MeetingFilterSet, TrainingFilterSet

urlpatterns = [
    path("delegations/", views.DelegationListView.as_view(), name="delegation-list"),
    path(
        "delegations/feed/",
        ActivityFeed(DelegationFilterSet, "delegation-list", views.DelegationListView.heading),
        name="delegation-feed",
    ),
    path(
        "delegations/<slug:slug>/", views.DelegationDetailView.as_view(), name="delegation-detail"
    ),
    path("meetings/", views.MeetingListView.as_view(), name="meeting-list"),
    path(
        "meetings/feed/",
        ActivityFeed(MeetingFilterSet, "meeting-list", views.MeetingListView.heading),
        name="meeting-feed",
    ),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("trainings/", views.TrainingListView.as_view(), name="training-list"),
    path(
        "trainings/feed/",
        ActivityFeed(TrainingFilterSet, "training-list", views.TrainingListView.heading),
        name="training-feed",
    ),
    path("trainings/<slug:slug>/", views.TrainingDetailView.as_view(), name="training-detail"),
]
