from cooperation.filters import ActivityFilterSet
from cooperation.models import ActivityType

from .models import Agreement


class AgreementFilterSet(ActivityFilterSet):
    activity_types = (ActivityType.AGREEMENT,)

    class Meta(ActivityFilterSet.Meta):
        model = Agreement
