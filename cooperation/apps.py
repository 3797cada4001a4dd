from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connect the signals that keep the coverage and the data version current, and that
        # leave a tombstone of each deleted record.
        from . import caching, coverage, tombstones  # noqa: F401

        caching.connect_signals()
