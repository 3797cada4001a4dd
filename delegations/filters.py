import django_filters
from django.utils.translation import gettext_lazy as _

from cooperation.filters import ActivityFilterSet
from cooperation.models import ActivityType

from .models import Delegation, Meeting, Training


class DelegationFilterSet(ActivityFilterSet):
    activity_types = (ActivityType.DELEGATION,)

    class Meta(ActivityFilterSet.Meta):
        model = Delegation


class MeetingFilterSet(ActivityFilterSet):
    activity_types = (ActivityType.MEETING,)
    series = django_filters.CharFilter(label=_("Series"), lookup_expr="iexact", max_length=200)

    class Meta(ActivityFilterSet.Meta):
        model = Meeting


class TrainingFilterSet(ActivityFilterSet):
    activity_types = (ActivityType.TRAINING,)

    class Meta(ActivityFilterSet.Meta):
        model = Training
