"""The seed: the whole 2017 chapter as YAML, loaded by natural key, all or nothing."""

import re
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from agreements.models import Agreement
from cooperation.models import (
    Activity,
    Country,
    Document,
    Figure,
    Grouping,
    Office,
    Passage,
    Person,
    Topic,
)
from cooperation.seed import default_paths, load_seed
from delegations.models import Delegation, Meeting, Training

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SOURCE = FIXTURES / "source" / "sipo-annual-report-2017-chapter-vii.txt"
CHAPTER = "sipo-annual-report-2017"


def _yaml() -> dict:
    merged: dict[str, list] = {}
    for path in default_paths():
        for name, value in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            if isinstance(value, list):
                merged.setdefault(name, []).extend(value)
    return merged


def _row_counts() -> dict[str, int]:
    """Rows of every table the seed writes, history tables included."""
    labels = ("cooperation", "agreements", "delegations")
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in labels:
            counts[model._meta.db_table] = model._default_manager.count()
    return counts


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def seeded():
    return load_seed()


def test_every_record_of_the_files_is_loaded_once(seeded):
    data = _yaml()
    assert Country.objects.count() == len(data["countries"])
    assert Office.objects.count() == len(data["offices"])
    assert Person.objects.count() == len(data["people"])
    assert Grouping.objects.count() == len(data["groupings"])
    assert Topic.objects.count() == len(data["topics"])
    assert Passage.objects.filter(document__slug=CHAPTER).count() == len(data["passages"])
    assert Figure.objects.filter(document__slug=CHAPTER).count() == len(data["figures"])
    by_type = {}
    for entry in data["activities"]:
        by_type[entry["type"]] = by_type.get(entry["type"], 0) + 1
    assert Agreement.objects.count() == by_type["agreement"]
    assert Delegation.objects.count() == by_type["delegation"]
    assert Meeting.objects.count() == by_type["meeting"]
    assert Training.objects.count() == by_type["training"]
    assert not Activity.objects.exclude(status="published").exists()


def test_the_whole_chapter_is_there_as_counted_by_hand(seeded):
    # Counted on the source text: 101 paragraphs and captions, 25 of them photo captions.
    assert Passage.objects.count() == 101
    assert Passage.objects.filter(is_caption=True).count() == 25
    assert Figure.objects.count() >= 24
    assert Agreement.objects.count() >= 45
    assert Country.objects.filter(code="CN", name_zh="中国").exists()


def test_every_passage_is_quoted_verbatim_from_the_source(seeded):
    source = SOURCE.read_text(encoding="utf-8")
    captions = set(Passage.objects.filter(is_caption=True).values_list("text", flat=True))
    # A paragraph interrupted by a photo caption is stored whole; compare it with the source
    # without the caption lines.
    reading = "\n".join(line for line in source.splitlines() if line.strip() not in captions)
    whole, without_captions = _collapse(source), _collapse(reading)
    for passage in Passage.objects.all():
        haystack = whole if passage.is_caption else without_captions
        assert _collapse(passage.text) in haystack, passage.ref
    assert (
        "*the Joint Statement of the IP5 2017*"
        in Passage.objects.get(ref="vii-4-1-ip5-heads-10").text
    )


def test_passages_follow_the_reading_order_of_the_source(seeded):
    source = _collapse(SOURCE.read_text(encoding="utf-8"))
    start = 0
    for passage in Passage.objects.order_by("position"):
        # Each passage begins after the one before it (some sentences are printed twice).
        found = source.find(_collapse(passage.text)[:60], start)
        assert found >= start, passage.ref
        start = found


def test_every_activity_cites_its_sentence_and_other_passages_exist(seeded):
    assert not Activity.objects.filter(passage__isnull=True).exists()
    refs = set(Passage.objects.values_list("ref", flat=True))
    for entry in _yaml()["activities"]:
        assert entry["passage"] in refs
        assert set(entry.get("other_passages", [])) <= refs


def test_swiss_mou_was_signed_in_january_witnessed_by_xi_jinping(seeded):
    mou = Agreement.objects.get(slug="swiss-ipi-mou-2017")
    assert (mou.kind, mou.date, mou.date_precision) == ("mou", "2017-01", "month")
    assert set(mou.involvements.values_list("office__slug", "role")) == {
        ("sipo", "party"),
        ("ipi-ch", "party"),
    }
    assert list(mou.participations.values_list("person__slug", "role")) == [
        ("xi-jinping", "witness")
    ]
    assert mou.passage.section == "VII.5(5)"
    assert "President Xi Jinping witnessed the signature" in mou.passage.text


def test_tenth_ip5_heads_meeting_was_in_valletta_in_may(seeded):
    meeting = Meeting.objects.get(slug="ip5-heads-10")
    assert (meeting.series, meeting.edition, meeting.date) == ("IP5 Heads of Office", 10, "2017-05")
    assert (meeting.city, meeting.venue_country.code) == ("Valletta", "MT")
    assert meeting.other_passages.get().text == "The 10th Meeting of IP5 Heads of Office."
    delegation = meeting.delegations.get()
    assert delegation.participations.get(role="leader").person.name == "Shen Changyu"
    statement = Agreement.objects.get(slug="ip5-joint-statement-2017")
    assert statement.occasion_id == meeting.pk
    assert statement.kind == "joint-statement"


def test_czech_letter_of_intent_on_pph_in_june_is_one_record_told_twice(seeded):
    letter = Agreement.objects.get(kind="letter-of-intent")
    assert letter.date == "2017-06"
    assert set(letter.offices.values_list("slug", flat=True)) == {"sipo", "upv-cz"}
    assert letter.topics.filter(slug="pph").exists()
    assert letter.other_passages.get().section == "VII.7"
    assert letter.occasion.specific().kind == "outgoing"


def test_aripo_pph_makes_sipo_its_first_partner(seeded):
    pph = Agreement.objects.get(slug="aripo-pph-agreement-2017")
    assert (pph.kind, pph.date) == ("pph", "2017")
    assert pph.offices.get(slug="aripo").st3_code == "AP"
    assert "first PPH partner" in pph.passage.text
    assert Agreement.objects.filter(kind="pph").count() == 5  # ARIPO, EAPO, Chile, Brazil, Egypt


def test_china_africa_seminar_in_guangzhou_had_more_than_fifty_participants(seeded):
    seminar = Training.objects.get(slug="china-africa-ip-seminar-2017")
    assert (seminar.city, seminar.date) == ("Guangzhou", "2017-07")
    assert (seminar.participants_count, seminar.participants_more_than) == (50, True)
    beneficiaries = seminar.activity_countries.filter(role="beneficiary")
    assert set(beneficiaries.values_list("country__code", flat=True)) == {"AO", "EG", "ET"}
    assert seminar.other_passages.count() == 2  # VII.3(2) and the photo caption


def test_belt_and_road_agreement_told_in_two_sections_is_one_record(seeded):
    agreement = Agreement.objects.get(slug="wipo-belt-and-road-agreement-2017")
    assert agreement.involvements.get(office__slug="sipo").on_behalf_of == "the Chinese Government"
    sections = {
        agreement.passage.section,
        *agreement.other_passages.values_list("section", flat=True),
    }
    assert sections == {"VII.1", "VII.3(2)"}
    assert agreement.occasion.title == "Belt and Road Forum for International Cooperation"


def test_trilateral_heads_meeting_was_held_in_tandem_with_the_vladivostok_seminar(seeded):
    heads = Meeting.objects.get(slug="china-mongolia-russia-heads-2017")
    assert heads.occasion.specific().edition == 5
    assert heads.venue_country.code == "RU"
    assert heads.groupings.get().slug == "china-mongolia-russia"


def test_unnamed_cooperation_documents_get_one_honest_record_per_partner(seeded):
    documents = Agreement.objects.filter(occasion__slug="he-zhimin-bd-pk-visit-2017")
    assert set(documents.values_list("title", flat=True)) == {
        "Cooperation documents with Bangladesh",
        "Cooperation documents with Pakistan",
    }
    assert all("does not name" in d.summary for d in documents)


def test_headline_figures_read_as_the_report_states_them(seeded):
    agreements = Figure.objects.get(slug="new-agreements")
    assert (agreements.value, agreements.qualifier, agreements.counts_type) == (
        52,
        "exact",
        "agreement",
    )
    assert "52 new bilateral" in agreements.passage.text
    participants = Figure.objects.get(slug="conference-participants")
    assert (participants.value, participants.qualifier) == (2000, "more-than")
    assert Figure.objects.get(slug="delegations-abroad").counts_kind == "outgoing"
    assert Figure.objects.get(slug="cloud-examination-trial-users").value == 39


def test_dates_render_as_the_report_gives_them(seeded):
    assert Agreement.objects.get(slug="aripo-pph-agreement-2017").date == "2017"
    assert Meeting.objects.get(slug="wipo-general-assembly-57").date == "2017-10"
    assert not Activity.objects.filter(day__isnull=False).exists()
    assert set(Activity.objects.values_list("year", flat=True)) == {2017}


def test_reference_data_identifies_offices_and_people(seeded):
    sipo = Office.objects.get(slug="sipo")
    assert "CNIPA" in sipo.aliases and sipo.country.code == "CN"
    assert {o.slug: o.st3_code for o in Office.objects.filter(country__isnull=True, kind="intergovernmental") if o.st3_code} == {
        "wipo": "WO", "epo": "EP", "eapo": "EA", "aripo": "AP", "oapi": "OA", "gcc-po": "GC", "euipo": "EM",
    }  # fmt: skip
    assert Person.objects.get(slug="shen-changyu").name_zh == "申长雨"
    assert set(Grouping.objects.get(slug="ip5").member_offices.values_list("slug", flat=True)) == {
        "sipo", "epo", "jpo", "kipo", "uspto",
    }  # fmt: skip


def test_loading_twice_changes_nothing(seeded):
    before = _row_counts()
    again = load_seed()
    assert _row_counts() == before
    assert again.created == again.updated == 0


def test_a_changed_value_is_updated_in_place_with_one_history_row(tmp_path, seeded):
    text = (FIXTURES / "sipo-2017.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "sipo-2017.yaml"
    edited.write_text(text.replace("title: Asian Regional IP Seminar", "title: Asian IP Seminar"))
    history = Training.history.filter(slug="asian-regional-ip-seminar-2017")
    assert history.count() == 1
    tally = load_seed(paths=[FIXTURES / "countries.yaml", FIXTURES / "offices.yaml", edited])
    assert tally.updated == 1
    assert Training.objects.get(slug="asian-regional-ip-seminar-2017").title == "Asian IP Seminar"
    assert history.count() == 2


def test_links_are_set_exactly_to_what_the_file_says(tmp_path, seeded):
    text = (FIXTURES / "sipo-2017.yaml").read_text(encoding="utf-8")
    old = "    parties: [sipo, ipi-ch]\n    witnesses: [xi-jinping]\n"
    assert text.count(old) == 1
    edited = tmp_path / "sipo-2017.yaml"
    edited.write_text(text.replace(old, "    parties: [sipo]\n"), encoding="utf-8")
    load_seed(paths=[FIXTURES / "countries.yaml", FIXTURES / "offices.yaml", edited])
    mou = Agreement.objects.get(slug="swiss-ipi-mou-2017")
    assert list(mou.offices.values_list("slug", flat=True)) == ["sipo"]
    assert not mou.participations.exists()


def _bad_file(tmp_path, body: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    return path


BAD_AGREEMENT = """
activities:
  - type: agreement
    slug: foo
    kind: mou
    title: A memorandum
    date: "{date}"
    parties: [{party}]
    passage: vii-intro
"""


@pytest.mark.parametrize(
    ("date", "party", "reason"),
    [
        ("2017-13", "sipo", "month: Month must be between 1 and 12."),
        ("2017-05", "no-such-office", "parties: unknown office 'no-such-office'"),
        ("2017-02-30", "sipo", "day: 2017-02 has no day 30."),
    ],
)
def test_a_bad_entry_names_file_record_and_reason_and_saves_nothing(tmp_path, date, party, reason):
    bad = _bad_file(tmp_path, BAD_AGREEMENT.format(date=date, party=party))
    before = _row_counts()
    with pytest.raises(CommandError) as error:
        call_command("load_seed", "--file", *[str(p) for p in default_paths()], "--file", str(bad))
    assert str(error.value) == f"{bad}: agreement 'foo': {reason}"
    assert _row_counts() == before


def test_command_can_take_several_files(tmp_path, capsys):
    args = []
    for path in default_paths():
        args += ["--file", str(path)]
    call_command("load_seed", *args)
    assert "101 passages" in capsys.readouterr().out


def test_a_constraint_refused_by_the_database_is_named_in_the_models_words(tmp_path, seeded):
    bad = _bad_file(
        tmp_path,
        """
offices:
  - slug: sipo
    acronym: SIPO
    name: State Intellectual Property Office of the People's Republic of China
    kind: intergovernmental
    country: CN
""",
    )
    before = _row_counts()
    with pytest.raises(
        CommandError, match=r"bad.yaml: office 'sipo': An international organization"
    ):
        call_command("load_seed", "--file", str(bad))
    assert _row_counts() == before
    assert Office.objects.get(slug="sipo").kind == "national"


def test_command_loads_the_fixtures_and_prints_one_line(capsys):
    call_command("load_seed")
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("Seed loaded: 77 countries")
    assert Document.objects.get(slug=CHAPTER).publisher.slug == "sipo"


def test_loading_costs_a_bounded_number_of_queries(django_assert_max_num_queries):
    # Reference records go in bulk; each of the 161 dated records goes through the write service
    # like an admin save (its checks, its links, its history row), in a bounded number of queries,
    # and a reload compares each record with what is stored and writes nothing.
    records = 161
    with django_assert_max_num_queries(200 + 22 * records):
        load_seed()
    with django_assert_max_num_queries(60 + 11 * records):
        load_seed()
