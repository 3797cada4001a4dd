import gzip

import pytest
import yaml
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError

from agreements.models import Agreement
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every table, ordered by primary key.

    The rows of Django's own many-to-many tables, and the derived Coverage and Tally rows
    (rebuilt by the restore), are compared without their ids: nothing refers to those ids.
    """
    snapshot = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or model._meta.label == "cooperation.DataVersion":
            continue  # raised by every change, restore included
        derived = model._meta.label in ("cooperation.Coverage", "cooperation.Tally")
        if model._meta.auto_created or derived:
            fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
            snapshot[model._meta.label] = sorted(
                model._base_manager.values_list(*fields), key=lambda row: tuple(map(str, row))
            )
        else:
            snapshot[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return snapshot


def _some_records() -> None:
    editor = User.objects.create_user("editor", "editor@example.org", "a long pass phrase")
    france, chile = f.CountryFactory(code="FR"), f.CountryFactory(code="CL")
    inpi = f.OfficeFactory(slug="inpi-fr", acronym="INPI", country=france)
    grouping = f.GroupingFactory(slug="ip5")
    grouping.member_offices.add(inpi)
    agreement = f.AgreementFactory(
        slug="inpi-mou", parties=[inpi], countries=[france], people=[f.PersonFactory()]
    )
    agreement.title = "Memorandum with INPI, revised"
    agreement._history_user = editor
    agreement.save()
    meeting = f.MeetingFactory(slug="ip5-heads", countries=[chile])
    delegation = f.DelegationFactory(slug="to-chile", month=None)
    delegation.meetings.add(meeting)
    f.TrainingFactory(slug="seminar", status="draft")


def test_restore_after_flush_gives_back_every_record_with_its_history(tmp_path):
    _some_records()
    before = _snapshot()
    assert len(before["agreements.HistoricalAgreement"]) == 2
    assert before["agreements.HistoricalAgreement"][1]["history_user_id"] is not None
    backup = tmp_path / "backup.yaml.gz"

    call_command("backup", str(backup), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert not Agreement.objects.exists()
    call_command("restore", str(backup), interactive=False, verbosity=0)

    assert _snapshot() == before


def test_backup_is_compressed_yaml_that_keeps_microseconds(tmp_path):
    _some_records()
    backup = tmp_path / "backup.yaml.gz"

    call_command("backup", str(backup), verbosity=0)

    records = yaml.safe_load(gzip.decompress(backup.read_bytes()))
    agreement = Agreement.objects.get(slug="inpi-mou")
    [saved] = [
        r for r in records if r["model"] == "cooperation.activity" and r["pk"] == agreement.pk
    ]
    assert saved["fields"]["updated_at"] == agreement.updated_at


def test_restore_of_a_broken_backup_leaves_the_database_as_it_was(tmp_path):
    _some_records()
    backup = tmp_path / "backup.yaml.gz"
    call_command("backup", str(backup), verbosity=0)
    # Offices removed: the activities' parties now point at nothing.
    records = yaml.safe_load(gzip.decompress(backup.read_bytes()))
    broken = tmp_path / "broken.yaml.gz"
    without_offices = [r for r in records if r["model"] != "cooperation.office"]
    broken.write_bytes(gzip.compress(yaml.safe_dump(without_offices).encode()))
    f.AgreementFactory(slug="signed-after-the-backup")
    before = _snapshot()

    with pytest.raises((IntegrityError, CommandError)):
        call_command("restore", str(broken), interactive=False, verbosity=0)

    assert _snapshot() == before


def test_backup_refuses_a_file_name_that_does_not_say_yaml(tmp_path):
    with pytest.raises(CommandError, match="yaml.gz"):
        call_command("backup", str(tmp_path / "backup.tar"), verbosity=0)
