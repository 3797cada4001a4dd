import pytest
from django.core.management import CommandError, call_command

from agreements.models import Agreement
from cooperation import synthetic
from cooperation.models import Activity, ActivityType, Involvement, PartyRole, Status
from delegations.models import Delegation, Meeting, Training

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    """Every synthetic record with its parties and countries, keyed by slug rather than by id."""
    rows = []
    for activity in Activity.objects.order_by("slug").prefetch_related(
        "involvements__office", "activity_countries__country"
    ):
        rows.append(
            (
                activity.slug,
                activity.type,
                activity.kind,
                activity.title,
                activity.date,
                activity.passage.text,
                tuple((i.office.slug, i.role) for i in activity.involvements.all()),
                tuple((c.country.code, c.role) for c in activity.activity_countries.all()),
            )
        )
    return rows


def test_the_same_seed_writes_the_same_records():
    call_command("synthesize", agreements=60, seed=7)
    first = snapshot()
    call_command("synthesize", agreements=60, seed=7)
    assert snapshot() == first
    assert Activity.objects.count() == len(first)


def test_another_seed_writes_other_records():
    call_command("synthesize", agreements=60, seed=7)
    first = snapshot()
    call_command("synthesize", agreements=60, seed=8)
    assert snapshot() != first


def test_types_follow_the_reports_proportions():
    call_command("synthesize", agreements=110, seed=1)
    share = synthetic.proportions()
    expected = {t: round(110 * share[t] / share[ActivityType.AGREEMENT]) for t in share}
    assert Agreement.objects.count() == 110
    assert Delegation.objects.count() == expected[ActivityType.DELEGATION]
    assert Meeting.objects.count() == expected[ActivityType.MEETING]
    assert Training.objects.count() == expected[ActivityType.TRAINING]
    assert Activity.objects.filter(type=ActivityType.AGREEMENT).count() == 110


def test_without_a_seed_fixture_the_proportions_are_the_reports(tmp_path):
    assert synthetic.proportions(tmp_path / "missing.yaml") == {
        ActivityType.AGREEMENT: 55,
        ActivityType.DELEGATION: 40,
        ActivityType.MEETING: 30,
        ActivityType.TRAINING: 15,
    }


def test_agreements_have_about_two_and_a_half_parties():
    call_command("synthesize", agreements=1000, seed=3)
    parties = Involvement.objects.filter(
        activity__type=ActivityType.AGREEMENT, role=PartyRole.PARTY
    ).count()
    assert 2.2 <= parties / 1000 <= 2.9


def test_dates_are_mostly_known_to_the_month():
    call_command("synthesize", agreements=1000, seed=3)
    precisions = [a.date_precision for a in Activity.objects.only("year", "month", "day")]
    share = {p: precisions.count(p) / len(precisions) for p in ("year", "month", "day")}
    assert 0.06 < share["year"] < 0.14
    assert 0.80 < share["month"] < 0.90
    assert 0.02 < share["day"] < 0.08


def test_synthetic_records_are_published_prefixed_and_cite_a_passage():
    call_command("synthesize", agreements=30, seed=2)
    assert not Activity.objects.exclude(slug__startswith="syn-").exists()
    assert not Activity.objects.exclude(status=Status.PUBLISHED).exists()
    assert not Activity.objects.filter(passage__isnull=True).exists()


def test_synthetic_records_are_readable_through_the_models():
    call_command("synthesize", agreements=30, seed=2)
    agreement = Agreement.objects.order_by("slug").first()
    assert agreement.slug == "syn-agreement-0000000"
    assert agreement.specific() == agreement
    assert agreement.involvements.filter(role=PartyRole.PARTY).exists()
    assert Agreement.objects.with_country("CN").count() > 0


def test_synthetic_records_write_no_history():
    call_command("synthesize", agreements=30, seed=2)
    assert Agreement.history.count() == 0
    assert Involvement.history.count() == 0


def test_synthesize_refuses_a_database_with_real_records():
    AgreementFactory(slug="mou-with-inpi")
    with pytest.raises(CommandError, match="not synthetic"):
        call_command("synthesize", agreements=10)
    assert Activity.objects.count() == 1


def test_force_adds_synthetic_records_beside_real_ones_and_keeps_them():
    real = AgreementFactory(slug="mou-with-inpi")
    call_command("synthesize", agreements=10, force=True)
    call_command("synthesize", agreements=10, force=True)
    assert Agreement.objects.filter(pk=real.pk).exists()
    assert Agreement.objects.count() == 11


def test_new_records_after_synthesis_get_fresh_ids():
    call_command("synthesize", agreements=10, seed=2)
    top = Activity.objects.order_by("-pk").first().pk
    assert AgreementFactory(slug="added-later").pk > top


def test_proportions_come_from_the_seed_fixture_when_it_exists(tmp_path):
    fixture = tmp_path / "seed.yaml"
    fixture.write_text(
        "passages: []\nactivities:\n- type: agreement\n- type: agreement\n- type: meeting\n"
    )
    assert synthetic.proportions(fixture) == {
        ActivityType.AGREEMENT: 2,
        ActivityType.DELEGATION: 0,
        ActivityType.MEETING: 1,
        ActivityType.TRAINING: 0,
    }
