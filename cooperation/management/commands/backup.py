"""manage.py backup FILE: every record of the database, history and users included, to one file."""

import os
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

# dumpdata and loaddata pick format and compression from the file name. YAML, because Django's
# JSON encoder cuts times to milliseconds, and history is ordered by time.
SUFFIXES = (".yaml", ".yaml.gz", ".yaml.bz2", ".yaml.xz", ".yaml.lzma")


def check_backup_name(path: Path) -> None:
    if not path.name.endswith(SUFFIXES):
        raise CommandError(f"Name the backup file *.yaml.gz (or *{', *'.join(SUFFIXES)}).")


class Command(BaseCommand):
    help = (
        "Write every record of the database (activities, their history, users, permissions) to a "
        "YAML file, compressed by its extension, e.g. backup.yaml.gz. Restore it with "
        "`manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", type=Path, help="File to write, e.g. backup-2017-12-31.yaml.gz."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database to back up.")

    def handle(self, *args, path: Path, database: str, **options):
        check_backup_name(path)
        if not path.parent.is_dir():
            raise CommandError(f"No directory {path.parent} to write the backup into.")
        # Written beside the target and renamed when complete, so a failed run leaves no half file.
        partial = path.with_name(f".partial-{path.name}")
        try:
            connection = connections[database]
            first_in_transaction = not connection.in_atomic_block
            with transaction.atomic(using=database):
                if connection.vendor == "postgresql" and first_in_transaction:
                    # One snapshot for all tables, so rows written meanwhile cannot half-appear.
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                # Primary keys are kept: history rows refer to records by id.
                call_command(
                    "dumpdata",
                    all=True,
                    # Derived rows: restore rebuilds them.
                    exclude=["cooperation.Coverage", "cooperation.DataVersion"],
                    format="yaml",
                    database=database,
                    output=str(partial),
                    verbosity=0,
                )
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        if options["verbosity"]:
            self.stdout.write(f"Backed up database '{database}' to {path}.")
