"""manage.py restore FILE: replace the whole database with a file written by `manage.py backup`."""

from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from cooperation import caching, coverage

from .backup import check_backup_name


class Command(BaseCommand):
    help = (
        "Replace every record of a migrated database with the contents of a backup file, in one "
        "transaction: if anything fails, the database keeps what it held before."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="File written by `manage.py backup`.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database to restore.")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="Do not ask for confirmation.",
        )  # fmt: skip

    def handle(self, *args, path: Path, database: str, interactive: bool, **options):
        check_backup_name(path)
        if not path.is_file():
            raise CommandError(f"No backup file {path}.")
        connection = connections[database]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                f"Database '{database}' has unapplied migrations; run `manage.py migrate` first."
            )
        if interactive:
            answer = input(
                f"This replaces every record in database '{database}' with {path}.\n"
                "Type 'yes' to continue, or 'no' to cancel: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")

        try:
            with transaction.atomic(using=database):
                tables = connection.introspection.django_table_names(
                    only_existing=True, include_views=False
                )
                connection.ops.execute_sql_flush(
                    connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
                )
                # loaddata checks every foreign key and resets the primary-key sequences.
                call_command("loaddata", str(path.resolve()), database=database, verbosity=0)
                coverage.refresh(using=database)
                caching.bump(using=database)
                # The backup's content types replace those whose ids this process has cached.
                ContentType.objects.clear_cache()
                # Content types and permissions of models newer than the backup.
                emit_post_migrate_signal(verbosity=0, interactive=False, db=database)
        finally:
            ContentType.objects.clear_cache()
        if options["verbosity"]:
            self.stdout.write(f"Restored database '{database}' from {path}.")
