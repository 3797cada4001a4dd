"""Read a chapter of a report and save its passages and proposed records for staff review."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cooperation.ingest import export, store


class Command(BaseCommand):
    help = (
        "Create the source document and its passages from a chapter's plain text, and propose "
        "the records it tells for review in the admin. Running it again on the same text "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The chapter as UTF-8 plain text.")
        parser.add_argument("--document", required=True, help="e.g. 'SIPO Annual Report 2018'.")
        parser.add_argument("--year", type=int, required=True, help="The year the report covers.")
        parser.add_argument("--json", dest="json_path", help="Also write the proposals here.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"file: cannot read {path}: {error.strerror}") from error
        try:
            text = store.decode(raw)
            result = store.ingest(text=text, title=options["document"], year=options["year"])
        except ValidationError as error:
            raise CommandError(_message(error)) from error
        self.stdout.write(
            f"{result.document.title}: {result.passages_created} passages and "
            f"{result.proposals_created} proposals created; "
            f"{result.document.proposals.pending().count()} proposals await review."
        )
        if options["json_path"]:
            records = export.records(result.proposals)
            Path(options["json_path"]).write_text(
                json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8"
            )
            self.stdout.write(f"{len(records)} proposals written to {options['json_path']}.")


def _message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)
