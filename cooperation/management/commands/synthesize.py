import time

from django.core.management.base import BaseCommand, CommandError

from cooperation import synthetic


class Command(BaseCommand):
    help = (
        "Replace the synthetic records (slugs starting with 'syn-') with N agreements and the "
        "delegations, meetings and trainings that go with them, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, required=True, help="How many agreements.")
        parser.add_argument("--seed", type=int, default=2017, help="Same seed, same records.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds records that are not synthetic.",
        )

    def handle(self, *args, agreements, seed, force, **options):
        if agreements < 1:
            raise CommandError("--agreements must be at least 1.")
        started = time.perf_counter()
        try:
            written = synthetic.synthesize(agreements=agreements, seed=seed, force=force)
        except synthetic.RefusedError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(f"Wrote {synthetic.summary(sorted(written.items()))} in {seconds:.1f} s.")
