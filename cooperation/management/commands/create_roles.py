"""Create or refresh the staff roles; safe to run again after every deployment."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from simple_history.models import HistoricalChanges

APPS = ["cooperation", "agreements", "delegations"]
EDITOR_ACTIONS = ["add", "change", "view"]
PUBLISH = ("cooperation", "publish_activity")
# Removing a party, place or person from a record is part of changing the record, so editors may
# delete these link rows (their history keeps them), though not the records themselves.
LINK_MODELS = ["involvement", "activitycountry", "participation"]


def record_models():
    """The apps' models, without simple_history's historical twins (history uses the model's rights)."""
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if not issubclass(model, HistoricalChanges):
                yield model


def permissions_for(actions: list[str]) -> list[Permission]:
    wanted = []
    for model in record_models():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        codenames = [f"{action}_{model._meta.model_name}" for action in actions]
        wanted.extend(Permission.objects.filter(content_type=content_type, codename__in=codenames))
    return wanted


class Command(BaseCommand):
    help = (
        "Create the 'editor' group (add, change, view, publish and import on every record) and the "
        "'viewer' group (view only). Administrators are superusers. Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        # Permissions are created by migrate's post_migrate signal; make sure they exist.
        from django.contrib.auth.management import create_permissions

        for config in apps.get_app_configs():
            create_permissions(config, verbosity=0)

        publish = Permission.objects.get(content_type__app_label=PUBLISH[0], codename=PUBLISH[1])
        roles = {
            "editor": [
                *permissions_for(EDITOR_ACTIONS),
                *Permission.objects.filter(
                    content_type__app_label="cooperation",
                    codename__in=[f"delete_{name}" for name in LINK_MODELS],
                ),
                publish,
            ],
            "viewer": permissions_for(["view"]),
        }
        for name, permissions in roles.items():
            group, created = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions)
            verb = "Created" if created else "Updated"
            self.stdout.write(f"{verb} group '{name}' with {len(permissions)} permissions.")
