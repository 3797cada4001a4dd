"""The API's permission rule: anyone may read; writing needs the model's Django permission."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly


class ReadOrModelPermission(DjangoModelPermissionsOrAnonReadOnly):
    """DRF's own rule, answered for reads before it builds the view's queryset: its map asks no
    permission of GET, HEAD or OPTIONS, and building the queryset cost a read a millisecond."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)
