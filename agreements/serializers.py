from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cooperation.models import Activity, PersonRole
from cooperation.serializers import ACTIVITY_FIELDS, ActivitySerializer, VisibleSlugField

from .models import Agreement


class AgreementSerializer(ActivitySerializer):
    occasion = VisibleSlugField(
        slug_field="slug",
        queryset=Activity.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Slug of the visit or meeting during which it was signed."),
    )
    witnesses = serializers.SerializerMethodField()

    class Meta(ActivitySerializer.Meta):
        model = Agreement
        fields = [*ACTIVITY_FIELDS, "occasion", "witnesses"]

    # What the lean read path (cooperation.rows) derives from a row, as the methods below do.
    row_extras = {
        "witnesses": lambda row: [
            p["slug"] for p in row["people"] if p["role"] == PersonRole.WITNESS
        ]
    }

    def get_witnesses(self, obj) -> list[str]:
        """Slugs of the people listed as witnesses (write them through `people` with role 'witness')."""
        return [p.person.slug for p in obj.participations.all() if p.role == PersonRole.WITNESS]
