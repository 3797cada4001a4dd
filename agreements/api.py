from operator import itemgetter

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.response import Response

from cooperation import services
from cooperation.api import ACTIVITY_CSV, ActivityEndpoint
from cooperation.models import Passage
from cooperation.serializers import StaleVersion

from .filters import AgreementFilterSet
from .models import Agreement
from .serializers import AgreementSerializer, StatusChangeSerializer
from .services import record_status_change


def _changes_cell(row: dict) -> str:
    return "; ".join(f"{c['status']} {c['date']}" for c in row["status_changes"])


# The API's CSV of agreements: every activity's columns, then the agreement's life.
AGREEMENT_CSV = [
    *ACTIVITY_CSV,
    *((name, itemgetter(name)) for name in (
        "entry_into_force", "valid_until", "term_years", "automatic_renewal", "expiry",
        "validity_status", "renews", "extends", "supersedes", "implements",
    )),
    ("implementing_activities", lambda row: "; ".join(row["implementing_activities"])),
    ("status_changes", _changes_cell),
]  # fmt: skip


class MayChange(DjangoModelPermissions):
    """Recording a status change changes the agreement: the change permission, not the add one."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "POST": ["%(app_label)s.change_%(model_name)s"],
    }


class AgreementViewSet(ActivityEndpoint, viewsets.ModelViewSet):
    queryset = Agreement.objects.all()
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    related_select = ("occasion", "renews", "extends", "supersedes", "implements")
    related_prefetch = ("implementing_activities",)

    def csv_columns(self):
        return AGREEMENT_CSV

    @extend_schema(request=StatusChangeSerializer, responses={201: AgreementSerializer})
    @action(
        detail=True, methods=["post"], url_path="status-changes", permission_classes=[MayChange]
    )
    def status_changes(self, request, *args, **kwargs):
        """Record a dated status change (in force, renewed, expired, …) with its source; answers
        the agreement as it now reads."""
        agreement = self.get_object()
        given = StatusChangeSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        passage = None
        if data.get("document") and data.get("ref"):
            passage = Passage.objects.filter(
                document__slug=data["document"], ref=data["ref"]
            ).first()
            if passage is None:
                raise drf.ValidationError({"ref": ["No such passage in that document."]})
        try:
            record_status_change(
                agreement=agreement,
                status=data["status"],
                date=data["date"],
                passage=passage,
                staff_reference=data.get("entered_by_staff", ""),
                note=data.get("note", ""),
                user=request.user,
                seen_version=data.get("version"),
            )
        except services.StaleVersion:
            raise StaleVersion() from None
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        except DjangoValidationError as error:
            named = {"staff_reference": "entered_by_staff", "passage": "ref"}
            raise drf.ValidationError(
                {named.get(k, k): v for k, v in error.message_dict.items()}
            ) from error
        return Response(self.rows([agreement.pk])[0], status=status.HTTP_201_CREATED)
