"""Grouping pages: the list of public groupings and each grouping's profile, whose records are
those the grouping filter selects (ActivityQuerySet.with_grouping)."""

from django.views.generic import ListView

from . import queries, visibility
from .models import Activity, Grouping
from .views import ProfileView


class GroupingListView(ListView):
    template_name = "cooperation/grouping_list.html"
    context_object_name = "groupings"

    def get_queryset(self):
        groupings = visibility.public(Grouping.objects.all())
        return groupings.annotate(
            n=queries.count_of(visibility.published_records_of_grouping())
        ).order_by("name")


class GroupingDetailView(ProfileView):
    template_name = "cooperation/grouping_detail.html"

    def get_context_data(self, **kwargs):
        grouping = self.subject(Grouping.objects.all(), slug=self.kwargs["slug"])
        offices = visibility.public(grouping.member_offices.select_related("country"))
        countries = visibility.public(grouping.member_countries.all())
        return super().get_context_data(
            subject=grouping,
            member_offices=list(offices.order_by("acronym", "name")),
            member_countries=list(countries.order_by("name")),
            **self.profile(
                Activity.objects.with_grouping(grouping.slug),
                queries.mentioning(groupings=grouping),
                key=f"grouping={grouping.slug}",
            ),
            **kwargs,
        )
