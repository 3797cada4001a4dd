"""Saving a chapter's proposals, bad input, and the review actions' writes."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from cooperation.ingest import export, store
from cooperation.models import (
    Activity,
    Country,
    Document,
    Passage,
    Proposal,
    ProposalStatus,
    Status,
)
from tests.factories import AgreementFactory, CountryFactory, OfficeFactory, PassageFactory

CHAPTER = """\
IX. International Cooperation

1 Europe

In April, Commissioner Ana Lima visited the Nordic Patent Institute and signed a work plan with NPI.

The office continued to deepen relations with IP authorities in Norway.

In October, the office received a delegation from the Patent Office of Freedonia.
"""


@pytest.fixture
def gazetteer_rows(db, settings):
    settings.HOME_OFFICE = "hpo"
    home = CountryFactory(code="HM", name="Homeland")
    CountryFactory(code="NO", name="Norway", aliases="Norwegian")
    OfficeFactory(slug="hpo", acronym="HPO", name="Home Patent Office", country=home)
    nordic = OfficeFactory(
        slug="npi",
        acronym="NPI",
        name="Nordic Patent Institute",
        kind="intergovernmental",
        country=None,
    )
    return nordic


def ingest(text=CHAPTER):
    return store.ingest(text=text, title="Home Annual Report 2019", year=2019)


def test_a_chapter_becomes_a_document_passages_and_pending_proposals(gazetteer_rows):
    result = ingest()
    assert result.document.slug == "home-annual-report-2019"
    assert result.passages_created == 3
    statement = Passage.objects.get(text__contains="Norway")
    assert list(statement.countries.values_list("code", flat=True)) == ["NO"]
    plan = Proposal.objects.pending().get(kind="work-plan")
    assert (plan.date, list(plan.offices.values_list("slug", flat=True))) == ("2019-04", ["npi"])
    assert not Activity.objects.exists()


def test_reading_the_same_text_again_changes_nothing(gazetteer_rows):
    ingest()
    counts = (Passage.objects.count(), Proposal.objects.count())
    again = ingest()
    assert (again.passages_created, again.proposals_created) == (0, 0)
    assert (Passage.objects.count(), Proposal.objects.count()) == counts


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02PK binary", "binary"),
        (b"a" * 20_000_000, "2 MB"),
        ("国家知识产权局与欧洲专利局签署了合作谅解备忘录。".encode(), "English"),
        (b"\xff\xfe\xfa not utf-8 at all", "UTF-8"),
    ],
)
def test_bad_input_gets_a_clear_message_naming_the_file_and_creates_nothing(
    gazetteer_rows, raw, message
):
    with pytest.raises(ValidationError) as error:
        store.decode(raw)
    assert message in " ".join(error.value.message_dict["file"])
    assert (
        not Document.objects.exclude(slug="test-report").exists() and not Proposal.objects.exists()
    )


def test_the_command_writes_proposals_in_the_record_shape(gazetteer_rows, tmp_path):
    chapter, out = tmp_path / "chapter.txt", tmp_path / "out.json"
    chapter.write_text(CHAPTER, encoding="utf-8")
    call_command(
        "propose_from_report",
        str(chapter),
        document="Home Annual Report 2019",
        year=2019,
        json_path=str(out),
        stdout=open("/dev/null", "w"),
    )  # noqa: SIM115
    records = json.loads(out.read_text(encoding="utf-8"))
    plan = next(r for r in records if r["kind"] == "work-plan")
    assert plan["type"] == "agreement" and plan["date"] == "2019-04"
    assert plan["offices"] == [{"office": "NPI", "slug": "npi", "country": None}]
    assert plan["quote"].startswith("In April, Commissioner Ana Lima visited")


def test_the_command_refuses_an_empty_file_naming_it(gazetteer_rows, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="file: The text is empty"):
        call_command("propose_from_report", str(empty), document="X", year=2019)
    assert not Proposal.objects.exists()


def test_accepting_makes_a_draft_record_through_the_write_service(gazetteer_rows, admin_user):
    ingest()
    visit = Proposal.objects.get(kind="outgoing")
    plan = Proposal.objects.get(kind="work-plan")
    store.accept(proposal=visit, user=admin_user)
    store.accept(proposal=plan, user=admin_user)
    plan.refresh_from_db()
    visit.refresh_from_db()
    record = plan.activity.specific()
    assert plan.status == ProposalStatus.ACCEPTED and record.status == Status.DRAFT
    assert (record.type, record.kind, record.date) == ("agreement", "work-plan", "2019-04")
    assert sorted(record.involvements.values_list("office__slug", "role")) == [
        ("hpo", "party"),
        ("npi", "party"),
    ]
    assert record.occasion_id == visit.activity_id
    assert record.history.count() == 1
    with pytest.raises(ValidationError):
        store.accept(proposal=plan, user=admin_user)


def test_rejecting_writes_no_record(gazetteer_rows, admin_user):
    ingest()
    store.reject(proposal=Proposal.objects.get(kind="work-plan"), user=admin_user)
    assert Proposal.objects.get(kind="work-plan").status == ProposalStatus.REJECTED
    assert not Activity.objects.exists()


def test_merging_cites_the_passage_on_the_record_that_looks_the_same(gazetteer_rows, admin_user):
    ingest()
    plan = Proposal.objects.get(kind="work-plan")
    existing = AgreementFactory(
        kind="work-plan", year=2019, month=4, passage=PassageFactory(), status=Status.DRAFT
    )
    existing.involvements.create(office=gazetteer_rows, role="party")
    assert [a.pk for a in store.look_alikes(plan)] == [existing.pk]
    store.merge(proposal=plan, activity=existing, user=admin_user)
    assert plan.passage in existing.other_passages.all()
    assert Proposal.objects.get(pk=plan.pk).status == ProposalStatus.MERGED


def test_an_unknown_name_becomes_an_office_in_one_step(gazetteer_rows):
    ingest()
    received = Proposal.objects.get(kind="incoming")
    assert received.unknown_names == ["Patent Office of Freedonia"]
    office = store.create_office(proposal=received, name="Patent Office of Freedonia")
    assert office in received.offices.all() and received.unknown_names == []


def test_pending_counts_only_proposals_awaiting_review(gazetteer_rows, admin_user):
    ingest()
    total = Proposal.objects.count()
    store.reject(proposal=Proposal.objects.first(), user=admin_user)
    assert Proposal.objects.pending().count() == total - 1


def test_a_proposal_key_read_twice_in_one_chapter_is_stored_once(gazetteer_rows, monkeypatch):
    from cooperation.ingest import read

    real = read.read

    def twice(*args, **kwargs):
        reading = real(*args, **kwargs)
        reading.proposals.append(reading.proposals[0])
        return reading

    monkeypatch.setattr(read, "read", twice)
    result = ingest()
    keys = list(Proposal.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == result.proposals_created


def test_a_state_the_database_lacks_is_added_from_the_world_list_and_kept_as_a_partner(
    gazetteer_rows, client
):
    text = CHAPTER + "\nIn November, a delegation from Kenya visited the office.\n"
    assert not Country.objects.filter(code="KE").exists()
    ingest(text)
    kenya = Country.objects.get(code="KE")
    assert (kenya.name, kenya.region) == ("Kenya", "africa")
    assert "Kenyan" in kenya.aliases
    visit = Proposal.objects.get(quote__contains="from Kenya")
    assert list(visit.countries.values_list("code", flat=True)) == ["KE"]
    assert Passage.objects.get(text__contains="from Kenya").countries.filter(code="KE").exists()
    counts = (Country.objects.count(), Proposal.objects.count())
    assert ingest(text).proposals_created == 0
    assert (Country.objects.count(), Proposal.objects.count()) == counts
    # --json writes it too, as other tools score the proposals.
    assert export.records([visit])[0]["countries"] == ["KE"]
