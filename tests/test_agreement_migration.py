"""Agreements stored before they had a validity come out of the migration valid and findable: in
force from the first day their signing date may be, and nothing else invented."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from agreements.models import Agreement
from tests import factories as f

BEFORE, AFTER = (
    ("agreements", "0004_history_links"),
    ("agreements", "0005_validity_status_relations"),
)


@pytest.mark.django_db(transaction=True)
def test_existing_agreements_are_in_force_from_their_signing_after_the_migration():
    office = f.OfficeFactory(slug="sipo")
    f.AgreementFactory(slug="month-only", year=2017, month=5, parties=[office])
    f.AgreementFactory(slug="year-only", year=2016, month=None, parties=[office])
    f.AgreementFactory(slug="full-day", year=2015, month=3, day=9, parties=[office])
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])
        executor.loader.build_graph()
        executor.migrate([AFTER])
    finally:
        call_command("migrate", verbosity=0)
    found = dict(Agreement.objects.values_list("slug", "in_force_from"))
    assert found == {
        "month-only": datetime.date(2017, 5, 1),
        "year-only": datetime.date(2016, 1, 1),
        "full-day": datetime.date(2015, 3, 9),
    }
    assert set(Agreement.objects.values_list("validity_status", "valid_until", "expires_on")) == {
        ("signed", "", None)
    }


@pytest.mark.django_db(transaction=True)
def test_an_expiry_stored_before_expires_from_existed_gets_its_first_possible_day():
    from cooperation import services

    office = f.OfficeFactory(slug="sipo")
    year_only = f.AgreementFactory(slug="year-only", year=2015, parties=[office])
    services.save_activity(activity=year_only, fields={"valid_until": "2020"})
    leap = f.AgreementFactory(slug="leap", year=2016, month=2, day=29, parties=[office])
    services.save_activity(activity=leap, fields={"term_years": 1})
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([AFTER])
        executor.loader.build_graph()
        executor.migrate([("agreements", "0006_expires_from")])
    finally:
        call_command("migrate", verbosity=0)
    found = dict(Agreement.objects.values_list("slug", "expires_from"))
    assert found == {"year-only": datetime.date(2020, 1, 1), "leap": datetime.date(2017, 2, 28)}
