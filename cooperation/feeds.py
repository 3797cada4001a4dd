"""Atom feeds of any filtered list: `/agreements/feed/?grouping=asean`."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .filters import ActivityFilterSet

FEED_SIZE = 50


class ActivityFeed(Feed):
    feed_type = Atom1Feed
    filterset_class = ActivityFilterSet
    list_url_name = "activity-list"
    heading = "All activities"

    def __init__(self, filterset_class=None, list_url_name=None, heading=None):
        super().__init__()
        self.filterset_class = filterset_class or self.filterset_class
        self.list_url_name = list_url_name or self.list_url_name
        self.heading = heading or self.heading

    def get_object(self, request, *args, **kwargs):
        model = self.filterset_class._meta.model
        records = model.objects.published().select_related("passage")
        filterset = self.filterset_class(data=request.GET, queryset=records)
        filterset.list_url = reverse(self.list_url_name)
        if request.GET:
            filterset.list_url += "?" + request.GET.urlencode()
        return filterset

    def title(self, filterset):
        return _("%(list)s – International Cooperation Tracker") % {"list": self.heading}

    def link(self, filterset):
        return filterset.list_url

    def subtitle(self, filterset):
        return _("Newest published records first.")

    def items(self, filterset):
        if not filterset.is_valid():
            return []
        return filterset.qs.order_by("-updated_at", "-id")[:FEED_SIZE]

    def item_title(self, activity):
        return f"{activity.title} ({activity.date})"

    def item_description(self, activity):
        if activity.summary:
            return activity.summary
        return activity.passage.text if activity.passage else activity.staff_reference

    def item_updateddate(self, activity):
        return activity.updated_at

    def item_pubdate(self, activity):
        return activity.created_at

    def item_categories(self, activity):
        return [activity.type, activity.kind]
