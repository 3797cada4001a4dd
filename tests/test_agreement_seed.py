"""The 2017 data records what the report says of agreements' lives, and nothing it does not; the
seed file's status changes go through the same write path and rules as any other."""

import pytest
import yaml

from agreements.models import Agreement
from cooperation.seed import SeedError, load_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    return load_seed()


def test_the_egypt_pph_pilot_is_in_force_from_2017_citing_its_passage(seeded):
    pilot = Agreement.objects.get(slug="egypt-pph-pilot-2017")
    change = pilot.status_changes.get()
    assert (change.status, change.date, change.passage.ref) == (
        "in-force",
        "2017",
        "vii-7-patent-examination",
    )
    assert pilot.validity_status == "in-force"
    assert pilot.history.first().history_change_reason == "in force (2017)"


def test_the_2017_2018_work_plans_and_programme_run_to_2018_and_nothing_else_is_invented(seeded):
    ends = dict(Agreement.objects.exclude(valid_until="").values_list("slug", "valid_until"))
    assert ends == {
        "china-asean-ip-cooperation-programme-2017-2018": "2018",
        "impi-work-plan-2017-2018": "2018",
        "ip-australia-work-plan-2017-2018": "2018",
    }
    assert not Agreement.objects.exclude(entry_into_force="").exists()
    assert not Agreement.objects.filter(term_years__isnull=False).exists()
    assert Agreement.objects.filter(
        slug="euipo-upgraded-mou-2017", supersedes__isnull=True
    ).exists()


def test_loading_the_seed_twice_records_each_status_change_once(seeded):
    again = load_seed()
    assert again.created == 0 and again.updated == 0
    assert Agreement.objects.get(slug="egypt-pph-pilot-2017").status_changes.count() == 1


def _load(tmp_path, **extra):
    entry = {"type": "agreement", "slug": "mou-x", "kind": "mou", "title": "MOU X",
             "date": "2017-05", "parties": ["sipo"], "staff_reference": "F-1", **extra}  # fmt: skip
    offices = [{"slug": "sipo", "acronym": "SIPO", "name": "SIPO", "kind": "national"}]
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump({"offices": offices, "activities": [entry]}), encoding="utf-8")
    return load_seed(paths=[path])


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"status_changes": [{"status": "expired", "date": "2016", "staff_reference": "x"}]},
         "before the signing"),
        ({"status_changes": [{"status": "in-force", "date": "2018"}]}, "staff reference"),
        ({"valid_until": "2017-01"}, "valid_until"),
        ({"renews": "mou-x"}, "renews: unknown agreement 'mou-x'"),
    ],
)  # fmt: skip
def test_a_bad_agreement_in_a_seed_file_is_named_and_its_changes_are_refused(
    tmp_path, extra, reason
):
    with pytest.raises(SeedError) as error:
        _load(tmp_path, **extra)
    assert "mou-x" in str(error.value) and reason in str(error.value)
