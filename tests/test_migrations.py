import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from agreements.models import Agreement
from tests import factories as f

OUR_APPS = ("cooperation", "agreements", "delegations")


def _our_migrations_in_order() -> list[tuple[str, str]]:
    """Our apps' migrations in an order that applies each after its dependencies."""
    graph = MigrationLoader(connection).graph
    plan: list[tuple[str, str]] = []
    for leaf in sorted(graph.leaf_nodes()):
        for node in graph.forwards_plan(leaf):
            if node[0] in OUR_APPS and node not in plan:
                plan.append(node)
    return plan


def _previous(node: tuple[str, str], plan: list[tuple[str, str]]) -> str:
    earlier = [name for app, name in plan[: plan.index(node)] if app == node[0]]
    return earlier[-1] if earlier else "zero"


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _some_records() -> None:
    france = f.CountryFactory(code="FR")
    inpi = f.OfficeFactory(slug="inpi-fr", country=france)
    # Explicit slugs: each activity factory counts its own sequence from zero.
    f.AgreementFactory(slug="mou", parties=[inpi], countries=[france], people=[f.PersonFactory()])
    f.MeetingFactory(slug="meeting", countries=[france])
    f.DelegationFactory(slug="delegation", month=None)
    f.TrainingFactory(slug="training", status="draft")


@pytest.mark.django_db(transaction=True)
def test_every_migration_unapplies_and_reapplies_one_by_one_over_existing_records():
    _some_records()
    plan = _our_migrations_in_order()
    assert plan, "no migrations found for our apps"
    executor = MigrationExecutor(connection)
    try:
        for node in reversed(plan):
            previous = _previous(node, plan)
            executor.migrate([(node[0], None if previous == "zero" else previous)])
            executor.loader.build_graph()
        assert not {"cooperation_activity", "agreements_agreement"} & _tables()

        for node in plan:
            executor.migrate([node])
            executor.loader.build_graph()
    finally:
        call_command("migrate", verbosity=0)

    assert {"cooperation_activity", "agreements_agreement"} <= _tables()
    f.AgreementFactory(slug="after-the-round-trip", parties=[f.OfficeFactory()])
    assert Agreement.objects.get().slug == "after-the-round-trip"


@pytest.mark.django_db(transaction=True)
def test_models_and_migrations_agree():
    call_command("makemigrations", *OUR_APPS, check=True, dry_run=True, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_later_migrations_unapply_and_reapply_over_the_seeded_2017_data():
    from cooperation.models import Activity, Figure, Passage
    from cooperation.seed import load_seed

    load_seed()

    def counts():
        return (
            Activity.objects.count(),
            Agreement.objects.count(),
            Passage.objects.count(),
            Figure.objects.count(),
        )

    before = counts()
    plan = [node for node in _our_migrations_in_order() if not node[1].startswith("0001")]
    assert plan, "only initial migrations: nothing to unapply over data"
    executor = MigrationExecutor(connection)
    try:
        for node in reversed(plan):
            executor.migrate([(node[0], _previous(node, _our_migrations_in_order()))])
            executor.loader.build_graph()
        for node in plan:
            executor.migrate([node])
            executor.loader.build_graph()
    finally:
        call_command("migrate", verbosity=0)
    assert counts() == before
    load_seed()  # the schema is whole again: loading the seed over it changes no record
    assert counts() == before
