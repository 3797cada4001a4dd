from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cooperation import compiled
from cooperation.models import Activity, PersonRole
from cooperation.serializers import (
    ACTIVITY_FIELDS,
    PARTIAL_DATE_SCHEMA,
    ActivitySerializer,
    VisibleSlugField,
)

from . import validity
from .models import Agreement, StatusChange, ValidityStatus

VALIDITY_FIELDS = [
    "entry_into_force", "valid_until", "term_years", "automatic_renewal", "expiry",
    "validity_status", "renews", "extends", "supersedes", "implements", "implementing_activities",
    "status_changes",
]  # fmt: skip

STATUS_CHANGE_SCHEMA = {
    "type": "object",
    "properties": {
        "status": {"type": "string", "enum": ValidityStatus.values},
        "date": PARTIAL_DATE_SCHEMA,
        "source": {
            "type": "object",
            "description": "{document, ref} of the report passage, or {entered_by_staff}.",
        },
        "note": {"type": "string"},
    },
}


def _relation(help_text) -> VisibleSlugField:
    return VisibleSlugField(
        slug_field="slug",
        queryset=Agreement.objects.all(),
        allow_null=True,
        required=False,
        help_text=help_text,
    )


def status_changes(ids: list[int]) -> dict:
    """The status changes of the agreements *ids*, oldest first, in one query."""
    found = {pk: [] for pk in ids}
    rows = compiled.rows("agreements.status_changes", _status_changes, ids, model=StatusChange)
    for pk, status, date, document, ref, staff_reference, note in rows:
        source = (
            {"document": document, "ref": ref} if ref else {"entered_by_staff": staff_reference}
        )
        found[pk].append({"status": status, "date": date, "source": source, "note": note})
    return found


def _status_changes(ids: list[int]):
    return StatusChange.objects.filter(agreement_id__in=ids).values_list(
        "agreement_id", "status", "date", "passage__document__slug", "passage__ref",
        "staff_reference", "note",
    )  # fmt: skip


class AgreementSerializer(ActivitySerializer):
    occasion = VisibleSlugField(
        slug_field="slug",
        queryset=Activity.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Slug of the visit or meeting during which it was signed."),
    )
    witnesses = serializers.SerializerMethodField()
    entry_into_force = serializers.CharField(
        allow_blank=True, required=False, max_length=10,
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source; empty if unknown."),
    )  # fmt: skip
    valid_until = serializers.CharField(
        allow_blank=True, required=False, max_length=10,
        help_text=_("The end of validity the text states (YYYY, YYYY-MM or YYYY-MM-DD)."),
    )  # fmt: skip
    expiry = serializers.SerializerMethodField()
    validity_status = serializers.ChoiceField(
        ValidityStatus.choices, read_only=True,
        help_text=_("The latest recorded status; 'signed' until a change is recorded."),
    )  # fmt: skip
    renews = _relation(_("Slug of the agreement this one renews."))
    extends = _relation(_("Slug of the agreement whose term this one extends."))
    supersedes = _relation(_("Slug of the agreement this one replaces."))
    implements = _relation(_("Slug of the agreement this one carries out (a work plan's MOU)."))
    implementing_activities = VisibleSlugField(
        slug_field="slug", many=True, queryset=Activity.objects.all(), required=False,
        help_text=_("Slugs of the delegations, meetings and trainings carried out under it."),
    )  # fmt: skip
    status_changes = serializers.SerializerMethodField()

    class Meta(ActivitySerializer.Meta):
        model = Agreement
        fields = [*ACTIVITY_FIELDS, "occasion", "witnesses", *VALIDITY_FIELDS]

    # What the lean read path (cooperation.rows) derives from a row, as the methods below do.
    row_extras = {
        "witnesses": lambda row: [
            p["slug"] for p in row["people"] if p["role"] == PersonRole.WITNESS
        ],
        "expiry": lambda row: validity.row_expiry(row) or None,
    }

    @staticmethod
    def row_queries(ids: list[int], *, can_see_drafts: bool) -> dict:
        """What the read path reads per page from the agreements' own tables: status changes."""
        changes = status_changes(ids)
        return {pk: {"status_changes": changes[pk]} for pk in ids}

    def get_witnesses(self, obj) -> list[str]:
        """Slugs of the people listed as witnesses (write them through `people` with role 'witness')."""
        return [p.person.slug for p in obj.participations.all() if p.role == PersonRole.WITNESS]

    @extend_schema_field({**PARTIAL_DATE_SCHEMA, "nullable": True, "readOnly": True})
    def get_expiry(self, obj) -> str | None:
        """The end of validity: stated, or the entry into force (else the signing) plus the term."""
        return obj.expiry or None

    @extend_schema_field({"type": "array", "items": STATUS_CHANGE_SCHEMA, "readOnly": True})
    def get_status_changes(self, obj) -> list:
        """Every recorded status change, oldest first (write them through …/status-changes/)."""
        return status_changes([obj.pk])[obj.pk]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # An activity the reader may not see is dropped, not shown as null.
        data["implementing_activities"] = [s for s in data["implementing_activities"] if s]
        return data


class StatusChangeSerializer(serializers.Serializer):
    """A status change to record: POST to an agreement's status-changes/."""

    status = serializers.ChoiceField(ValidityStatus.choices)
    date = serializers.CharField(max_length=10, help_text=PARTIAL_DATE_SCHEMA["description"])
    document = serializers.CharField(required=False, allow_blank=True)
    ref = serializers.CharField(required=False, allow_blank=True)
    entered_by_staff = serializers.CharField(required=False, allow_blank=True, max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, max_length=400)
    version = serializers.IntegerField(required=False, min_value=1)
