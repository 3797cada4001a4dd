"""REST API v1 routes (see cooperation/api.py and each app's api.py), its schema and its docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers

from agreements.api import AgreementViewSet
from delegations.api import DelegationViewSet, MeetingViewSet, TrainingViewSet

from . import api, auth_api, deletions_api
from .network_views import NetworkAPIView
from .renderers import FastJSONRenderer

app_name = "api"


class RootView(routers.APIRootView):
    """International Cooperation Tracker API v1. Lists are filtered by query parameters; add
    `format=csv` for every selected row as CSV. Schema: schema/, interactive docs: docs/."""

    renderer_classes = [FastJSONRenderer]


class Router(routers.DefaultRouter):
    APIRootView = RootView
    include_format_suffixes = False


class DocsView(SpectacularSwaggerSplitView):
    # Without the inline <style> of drf-spectacular's page, which the CSP would block.
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


router = Router()
router.register("activities", api.ActivityViewSet, basename="activity")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("delegations", DelegationViewSet, basename="delegation")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("trainings", TrainingViewSet, basename="training")
router.register("countries", api.CountryViewSet, basename="country")
router.register("offices", api.OfficeViewSet, basename="office")
router.register("people", api.PersonViewSet, basename="person")
router.register("groupings", api.GroupingViewSet, basename="grouping")
router.register("figures", api.FigureViewSet, basename="figure")
router.register("deleted", deletions_api.DeletionViewSet, basename="deletion")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
    path("auth/token/", auth_api.TokenLoginView.as_view(), name="token"),
    path("network/", NetworkAPIView.as_view(), name="network"),
    *router.urls,
]
