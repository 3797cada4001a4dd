"""Tombstones: every deleted agreement, delegation, meeting or training leaves a Deletion row, so
that a client syncing with `updated_since` learns what to remove (the API's /deleted/ list).

One `post_delete` receiver per activity model records it, whichever way the record goes: the
admin's delete view and its "delete selected" action (queryset.delete() sends post_delete for
each row of a model with receivers), the API's DELETE, the write service, a cascade from the
parent Activity row. Django sends post_delete inside the delete's own transaction, so the
tombstone is written or rolled back with the delete.

Who deleted: set `instance._history_user` before deleting (as cooperation.services does, and as
django-simple-history reads it for its own history row); without it, the signed-in user of the
current request as simple-history's middleware exposes it (the admin); else nobody (a shell, a
loader). Or call record() directly.

Only the four activity types: they alone carry `updated_at` for incremental sync. Countries,
offices, people and groupings have none; a client reads those lists whole, and a deleted row is
simply absent.
"""

from django.apps import apps
from django.db.models.signals import post_delete
from simple_history.models import HistoricalRecords

from .models import Activity, Deletion


def activity_models() -> dict[str, type[Activity]]:
    """The four activity types' models by type (agreement, delegation, meeting, training)."""
    return {
        model.activity_type: model
        for model in apps.get_models()
        if issubclass(model, Activity) and model is not Activity and model.activity_type
    }


def deleting_user(instance):
    """The user deleting *instance*: its `_history_user`, else the request's signed-in user."""
    user = getattr(instance, "_history_user", None)
    if user is None:
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return None
    return user


def record(instance, *, user=None, using: str = "default") -> Deletion:
    """Write the tombstone of *instance*, an activity being deleted (or just deleted)."""
    return Deletion.objects.using(using).create(
        type=instance.type or instance.activity_type,
        slug=instance.slug,
        record_id=instance.pk,
        status=instance.status,
        deleted_by=user,
    )


def _activity_deleted(sender, instance, using, **kwargs):
    record(instance, user=deleting_user(instance), using=using)


for _model in activity_models().values():
    post_delete.connect(
        _activity_deleted, sender=_model, dispatch_uid=f"tombstone-{_model._meta.label}"
    )
