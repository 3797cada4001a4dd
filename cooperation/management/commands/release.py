"""Freeze the published records as a versioned data release: manage.py release 2017.1"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cooperation.releases import directory, make_release


class Command(BaseCommand):
    help = (
        "Freeze the published records as data release VERSION (e.g. 2017.1): a CSV per type, "
        "JSON, a changelog and datapackage.json, served under /releases/. A version is built once."
    )

    def add_arguments(self, parser):
        parser.add_argument("version", help="A year, a dot and a number, e.g. 2017.1.")

    def handle(self, *args, version, **options):
        try:
            release = make_release(version=version)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Release {release.version}: {release.record_count} records "
            f"(+{release.added} ~{release.changed} -{release.removed}) in {directory(version)}"
        )
