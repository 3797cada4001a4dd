from django.utils.translation import gettext_lazy as _

from cooperation import exports
from cooperation.views import ActivityDetailView, ActivityListView

from . import downloads, timeline
from .filters import AgreementFilterSet
from .models import Agreement


class AgreementListView(ActivityListView):
    filterset_class = AgreementFilterSet
    heading = _("Agreements")
    list_url_name = "agreement-list"
    feed_url_name = "agreement-feed"
    download_extra = exports.Extra(downloads.COLUMNS, downloads.validity_columns)


class AgreementDetailView(ActivityDetailView):
    model = Agreement

    def extra_fields(self, activity):
        renewal = {True: _("yes"), False: _("no"), None: ""}[activity.automatic_renewal]
        return [
            (_("validity"), activity.get_validity_status_display()),
            (_("entry into force"), activity.entry_into_force),
            (_("valid until"), activity.expiry),
            (_("term (years)"), activity.term_years),
            (_("renews automatically"), renewal),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = timeline.timeline(self.object, self.request.user)
        context["earlier"] = timeline.earlier(self.object, self.request.user)
        return context
