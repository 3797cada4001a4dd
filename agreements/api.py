from rest_framework import viewsets

from cooperation.api import ActivityEndpoint

from .filters import AgreementFilterSet
from .models import Agreement
from .serializers import AgreementSerializer


class AgreementViewSet(ActivityEndpoint, viewsets.ModelViewSet):
    queryset = Agreement.objects.all()
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    related_select = ("occasion",)
