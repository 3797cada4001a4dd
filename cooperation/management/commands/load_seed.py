from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cooperation.seed import SeedError, load_seed


class Command(BaseCommand):
    help = "Load the YAML fixtures (countries, offices, the 2017 report chapter) into the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            dest="files",
            action="extend",
            nargs="+",
            type=Path,
            metavar="PATH",
            help="Fixture files to load instead of every fixtures/*.yaml.",
        )

    def handle(self, *args, files=None, **options):
        try:
            tally = load_seed(paths=files)
        except SeedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(tally.summary())
