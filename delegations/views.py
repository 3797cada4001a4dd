from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cooperation.models import NEWEST_FIRST
from cooperation.views import ActivityDetailView, ActivityListView

from .filters import DelegationFilterSet, MeetingFilterSet, TrainingFilterSet
from .models import Delegation, Meeting, Training


class DelegationListView(ActivityListView):
    filterset_class = DelegationFilterSet
    heading = _("Delegations")
    list_url_name = "delegation-list"
    feed_url_name = "delegation-feed"


class MeetingListView(ActivityListView):
    filterset_class = MeetingFilterSet
    heading = _("Meetings")
    list_url_name = "meeting-list"
    feed_url_name = "meeting-feed"


class TrainingListView(ActivityListView):
    filterset_class = TrainingFilterSet
    heading = _("Trainings")
    list_url_name = "training-list"
    feed_url_name = "training-feed"


class DelegationDetailView(ActivityDetailView):
    model = Delegation

    def get_queryset(self):
        meetings = Meeting.objects.published().order_by(*NEWEST_FIRST)
        return super().get_queryset().prefetch_related(Prefetch("meetings", meetings))

    def extra_fields(self, activity):
        return [
            (_("purpose"), activity.purpose),
            (_("number of members"), activity.members_count),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_title"] = _("Meetings attended")
        context["related"] = list(self.object.meetings.all())
        return context


class MeetingDetailView(ActivityDetailView):
    model = Meeting

    def get_queryset(self):
        delegations = Delegation.objects.published().order_by(*NEWEST_FIRST)
        return super().get_queryset().prefetch_related(Prefetch("delegations", delegations))

    def extra_fields(self, activity):
        return [
            (_("series"), activity.series),
            (_("edition"), activity.edition),
            (_("outcomes"), activity.outcomes),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_title"] = _("Delegations attending")
        context["related"] = list(self.object.delegations.all())
        return context


class TrainingDetailView(ActivityDetailView):
    model = Training

    def extra_fields(self, activity):
        count = activity.participants_count
        if count is not None and activity.participants_more_than:
            count = _("more than %(count)s") % {"count": count}
        return [(_("number of participants"), count)]
