"""Public catalogue routes and staff-only file routes."""

from django.urls import include, path

from . import compare, grouping_views, network_views, release_views, views
from .feeds import ActivityFeed

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("map.svg", views.world_map, name="world-map"),
    path("activities/", views.ActivityListView.as_view(), name="activity-list"),
    path("activities/feed/", ActivityFeed(), name="activity-feed"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("countries/", views.CountryListView.as_view(), name="country-list"),
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="country-detail"),
    path("offices/", views.OfficeListView.as_view(), name="office-list"),
    path("offices/<slug:slug>/", views.OfficeDetailView.as_view(), name="office-detail"),
    path("groupings/", grouping_views.GroupingListView.as_view(), name="grouping-list"),
    path(
        "groupings/<slug:slug>/",
        grouping_views.GroupingDetailView.as_view(),
        name="grouping-detail",
    ),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("compare/", compare.CompareView.as_view(), name="compare"),
    path("network/", network_views.NetworkView.as_view(), name="network"),
    path("releases/", release_views.ReleaseListView.as_view(), name="release-list"),
    path(
        "releases/<str:version>/",
        release_views.ReleaseDetailView.as_view(),
        name="release-detail",
    ),
    path("releases/<str:version>/<str:name>", release_views.release_file, name="release-file"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", views.switch_language, name="switch-language"),
    path("", include("agreements.urls")),
    path("", include("delegations.urls")),
]
