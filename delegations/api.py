from rest_framework import viewsets

from cooperation.api import ActivityEndpoint

from .filters import DelegationFilterSet, MeetingFilterSet, TrainingFilterSet
from .models import Delegation, Meeting, Training
from .serializers import DelegationSerializer, MeetingSerializer, TrainingSerializer


class DelegationViewSet(ActivityEndpoint, viewsets.ModelViewSet):
    queryset = Delegation.objects.all()
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    related_prefetch = ("meetings",)


class MeetingViewSet(ActivityEndpoint, viewsets.ModelViewSet):
    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet


class TrainingViewSet(ActivityEndpoint, viewsets.ModelViewSet):
    queryset = Training.objects.all()
    serializer_class = TrainingSerializer
    filterset_class = TrainingFilterSet
