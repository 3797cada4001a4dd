"""GET /api/v1/deleted/: the tombstones of deleted records (see cooperation.tombstones), so that a
client syncing with `updated_since` learns what to remove.

Oldest first, so that a client can page through and keep the last `deleted_at` it saw as its next
`since`. Anonymous readers see only deletions of records that were published when deleted (a
draft was never public); staff who may view a type's drafts see every deletion of that type.
Who deleted is never shown.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework import serializers as drf

from .api import ApiViewSetMixin
from .filters import KindFilter
from .models import Activity, ActivityType, Deletion, Status
from .renderers import FastJSONRenderer
from .serializers import can_view_drafts
from .tombstones import activity_models


class DeletionSerializer(drf.Serializer):
    type = drf.ChoiceField(
        choices=ActivityType.choices, read_only=True, help_text="The deleted record's type."
    )
    id = drf.CharField(
        source="slug",
        read_only=True,
        help_text="The deleted record's key, as `id` in its type's list.",
    )
    deleted_at = drf.DateTimeField(read_only=True, help_text="When it was deleted.")


class DeletionFilterSet(django_filters.FilterSet):
    since = django_filters.IsoDateTimeFilter(
        label=_("Deleted since"),
        field_name="deleted_at",
        lookup_expr="gte",
        help_text=_(
            "ISO 8601 timestamp, e.g. 2025-01-31T00:00:00Z: deletions at or after it. "
            "Pass the last `deleted_at` seen; a repeated deletion is harmless."
        ),
    )
    type = KindFilter(
        label=_("Type"),
        field_name="type",
        choices=ActivityType.choices,
        help_text=_("agreement, delegation, meeting or training; several mean any of them."),
    )

    class Meta:
        model = Deletion
        fields: list[str] = []


def visible_deletions(queryset, user):
    """Deletions of published records, plus those of the types whose drafts *user* may view."""
    if can_view_drafts(user, Activity):
        return queryset
    types = [t for t, model in activity_models().items() if can_view_drafts(user, model)]
    return queryset.filter(Q(status=Status.PUBLISHED) | Q(type__in=types))


class DeletionViewSet(ApiViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Records deleted since a moment, oldest first: what a syncing client removes."""

    serializer_class = DeletionSerializer
    filterset_class = DeletionFilterSet
    renderer_classes = [FastJSONRenderer]

    def get_queryset(self):
        deletions = Deletion.objects.only("type", "slug", "deleted_at").order_by("deleted_at", "id")
        return visible_deletions(deletions, self.request.user)

    @extend_schema(
        summary="Deleted records",
        description=(
            "The agreements, delegations, meetings and trainings deleted at or after `since`, "
            "oldest first. A client that syncs with `updated_since` removes these. Anonymous "
            "readers see deletions of published records only."
        ),
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
