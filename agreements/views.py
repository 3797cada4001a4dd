from django.utils.translation import gettext_lazy as _

from cooperation.views import ActivityDetailView, ActivityListView

from .filters import AgreementFilterSet
from .models import Agreement


class AgreementListView(ActivityListView):
    filterset_class = AgreementFilterSet
    heading = _("Agreements")
    list_url_name = "agreement-list"
    feed_url_name = "agreement-feed"


class AgreementDetailView(ActivityDetailView):
    model = Agreement
