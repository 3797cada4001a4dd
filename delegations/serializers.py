from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cooperation.serializers import ACTIVITY_FIELDS, ActivitySerializer, VisibleSlugField

from .models import Delegation, Meeting, Training


class DelegationSerializer(ActivitySerializer):
    direction = serializers.CharField(
        source="kind", read_only=True, help_text=_("outgoing or incoming (= kind).")
    )
    meetings = VisibleSlugField(
        slug_field="slug", many=True, queryset=Meeting.objects.all(), required=False
    )

    # What the lean read path (cooperation.rows) derives from a row.
    row_extras = {"direction": lambda row: row["kind"]}

    class Meta(ActivitySerializer.Meta):
        model = Delegation
        fields = [*ACTIVITY_FIELDS, "direction", "purpose", "members_count", "meetings"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # A meeting the reader may not see is dropped, not shown as null.
        data["meetings"] = [slug for slug in data["meetings"] if slug is not None]
        return data


class MeetingSerializer(ActivitySerializer):
    class Meta(ActivitySerializer.Meta):
        model = Meeting
        fields = [*ACTIVITY_FIELDS, "series", "edition", "outcomes"]


class TrainingSerializer(ActivitySerializer):
    class Meta(ActivitySerializer.Meta):
        model = Training
        fields = [*ACTIVITY_FIELDS, "participants_count", "participants_more_than"]
