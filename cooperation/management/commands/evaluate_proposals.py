"""Propose records from the 2017 chapter and compare them with the records curated from it."""

import time
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cooperation.ingest import evaluate, gazetteer, read

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = (
        "Read a chapter (by default the 2017 one in fixtures/source/), propose records without "
        "saving them, and print recall and precision per kind against the curated records."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--text", default=str(FIXTURES / "source" / "sipo-annual-report-2017-chapter-vii.txt")
        )
        parser.add_argument("--curated", default=str(FIXTURES / "sipo-2017.yaml"))
        parser.add_argument("--year", type=int, default=2017)
        parser.add_argument("--verbose-errors", action="store_true", help="List every miss.")
        parser.add_argument(
            "--write-readme",
            action="store_true",
            help="Also write the table into README.md, between its evaluate-proposals markers.",
        )

    def handle(self, *args, **options):
        text = Path(options["text"]).read_text(encoding="utf-8")
        names = gazetteer.from_database()
        started = time.perf_counter()
        reading = read.read(text, gazetteer=names, year=options["year"])
        seconds = time.perf_counter() - started
        curated = yaml.safe_load(Path(options["curated"]).read_text(encoding="utf-8"))
        records = evaluate.curated_records(
            curated["activities"], names, curated.get("offices") or []
        )
        result = evaluate.score(reading.proposals, records, names)
        summary = (
            f"{len(reading.passages)} passages, {len(reading.proposals)} proposals "
            f"({sum(p.type == 'figure' for p in reading.proposals)} figures) "
            f"from {len(text.split()):,} words in {seconds:.2f} s."
        )
        self.stdout.write(evaluate.table(result))
        self.stdout.write(f"\n{summary}")
        if options["write_readme"]:
            _write_readme(f"{evaluate.table(result)}\n\n{summary}")
        if options["verbose_errors"]:
            self.stdout.write("\nCurated records not proposed:")
            for record in result.missed:
                self.stdout.write(
                    f"  {record.type} {record.kind} {record.month} {sorted(record.partners)} {record.slug}"
                )
            self.stdout.write("\nProposals matching no curated record:")
            for proposal in result.wrong:
                partners = sorted(proposal.partner_keys(names))
                self.stdout.write(
                    f"  {proposal.type} {proposal.kind} {proposal.month} {partners} "
                    f"{proposal.passage.ref} | {proposal.quote[:90]}"
                )


START, END = "<!-- evaluate-proposals:start -->", "<!-- evaluate-proposals:end -->"


def _write_readme(block: str) -> None:
    """Replace what stands between the README's markers, and nothing else."""
    readme = Path(settings.BASE_DIR) / "README.md"
    text = readme.read_text(encoding="utf-8")
    before, _start, rest = text.partition(START)
    _old, _end, after = rest.partition(END)
    if not _end:
        raise CommandError(f"README.md has no {START} … {END} block.")
    readme.write_text(f"{before}{START}\n{block}\n{END}{after}", encoding="utf-8")
