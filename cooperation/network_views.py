"""The partner network's page (/network/, with its matrix as CSV) and API (/api/v1/network/)."""

from django.http import HttpResponse
from django.views.generic import TemplateView
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from . import network
from .filters import ActivityFilterSet
from .models import Activity, Status
from .renderers import FastJSONRenderer

MATRICES = ("kind", "year")


class NetworkView(TemplateView):
    """The network drawn as SVG on the server, the same as a table, and `?format=csv&by=kind|year`
    for the bilateral matrix."""

    template_name = "cooperation/network.html"

    def get(self, request, *args, **kwargs):
        self.records, self.filterset, self.data = network.filtered(request.GET, request)
        self.partners = network.partners(self.records)
        if request.GET.get("format") == "csv":
            by = request.GET.get("by") if request.GET.get("by") in MATRICES else "kind"
            response = HttpResponse(
                network.matrix_csv(self.partners, by), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="partners-by-{by}.csv"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.data.copy()
        context.update(
            form=self.filterset.form,
            partners=self.partners,
            home=network.home_label(),
            drawing=network.drawing(self.partners, self.data),
            rows=network.table_rows(self.partners, self.data),
            csv_kind=f"{query.urlencode()}&format=csv&by=kind".lstrip("&"),
            csv_year=f"{query.urlencode()}&format=csv&by=year".lstrip("&"),
        )
        return context


class FilteredSchema(AutoSchema):
    """The network is one object, not a list, yet takes the lists' filters: document them."""

    def get_filter_backends(self):
        return self.view.filter_backends


class NetworkAPIView(GenericAPIView):
    """The partner network as nodes and weighted edges (by kind and year), each edge with the URL
    of its records' list. Takes the same filters as the activity lists."""

    renderer_classes = [FastJSONRenderer]
    # Read-only and public: published records only, whoever asks.
    permission_classes = [AllowAny]
    queryset = Activity.objects.filter(status=Status.PUBLISHED)
    filterset_class = ActivityFilterSet
    filter_backends = [DjangoFilterBackend]
    pagination_class = None
    schema = FilteredSchema()

    @extend_schema(operation_id="network", responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        records, filterset, data = network.filtered(request.query_params, request)
        if not filterset.is_valid():
            # As the lists answer a bad filter: a 400 naming the field.
            raise translate_validation(filterset.errors)
        return Response(network.as_json(network.partners(records), data, request))
