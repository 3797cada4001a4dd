"""The rules that read a chapter, on small chapters written for these tests (no 2017 text)."""

import pytest

from cooperation.ingest import build, passages, read, when
from cooperation.ingest.gazetteer import Gazetteer


@pytest.fixture
def names() -> Gazetteer:
    """A gazetteer as the database would give it: a home office and a few partners."""
    g = Gazetteer(home_office="hpo", home_country="HM")
    offices = {
        "hpo": ("HPO", "Home Patent Office", "HM", "national", ""),
        "inpi-br": ("INPI", "National Institute of Industrial Property", "BR", "national", ""),
        "ipi-ch": ("IPI", "Swiss Federal Institute of Intellectual Property", "CH", "national", ""),
        "kipo": ("KIPO", "Korean Intellectual Property Office", "KR", "national", "韩国知识产权局"),
        "wipo": ("WIPO", "World Intellectual Property Organization", None, "intergovernmental", ""),
        "gov-hm": ("", "Government of Homeland", "HM", "government", ""),
    }
    for slug, (acronym, name, country, kind, alias) in offices.items():
        g.offices[slug] = {"name": name, "acronym": acronym, "kind": kind, "country": country}
        for surface in (acronym, name, alias):
            g.add("office", slug, surface)
    countries = {
        "HM": ("Homeland", "Home"),
        "BR": ("Brazil", "Brazilian"),
        "CH": ("Switzerland", "Swiss"),
        "KR": ("Republic of Korea", "Korean; Korea"),
        "NO": ("Norway", "Norwegian"),
        "PE": ("Peru", "Peruvian"),
    }
    for code, (name, aliases) in countries.items():
        g.countries[code] = name
        g.add("country", code, name)
        for surface in aliases.split("; "):
            g.add("country", code, surface, "alias")
    g.national_office = {"BR": "inpi-br", "CH": "ipi-ch", "KR": "kipo"}
    g.people["lin-mei"] = {"name": "Lin Mei", "title": "Commissioner", "office": "hpo"}
    g.add("person", "lin-mei", "Lin Mei")
    return g


CHAPTER = """\
VIII. International Cooperation

1 Cooperation with Europe

In March, Commissioner Lin Mei visited the Swiss Federal Institute of Intellectual Property and signed a MOU with IPI.

HPO continued to deepen relations with IP authorities in Norway and Peru.

In June, HPO received a delegation from the Brazilian office and the two offices held the 3rd Heads Meeting between HPO and INPI. The two sides signed a work plan for 2019.



Commissioner Lin Mei had a meeting with the delegation of INPI.

2 Cooperation with Asia

(1) Korea

The cooperation with KIPO in the field of examination gained positive progress. The exchange of



The 5th Heads Meeting between HPO and KIPO.

examiners was extended. In November, HPO and KIPO held the 5th Heads Meeting between HPO and KIPO in Seoul, Republic of Korea.

Throughout the year, HPO trained more than 300 examiners from about 40 countries, and almost 12 seminars were held.
"""


def proposals_of(text, names, year=2019):
    return [p for p in read.read(text, gazetteer=names, year=year).proposals if p.type != "figure"]


def test_a_paragraph_broken_by_a_caption_is_joined_and_the_caption_follows_it():
    found = passages.split(CHAPTER)
    joined = next(p for p in found if p.text.startswith("The cooperation with KIPO"))
    assert "The exchange of examiners was extended." in joined.text
    caption = found[found.index(joined) + 1]
    assert caption.is_caption and caption.text == "The 5th Heads Meeting between HPO and KIPO."


def test_headings_give_each_passage_its_section_and_are_not_passages():
    found = passages.split(CHAPTER)
    assert [p.section for p in found[:2]] == ["VIII.1", "VIII.1"]
    assert found[-1].section == "VIII.2(1)" and found[-1].heading == "Korea"
    assert not any(p.text.startswith(("1 Cooperation", "(1) Korea")) for p in found)


def test_a_month_is_taken_only_where_the_sentence_names_it_and_never_a_day_it_does_not():
    def date(sentence):
        found = when.find(sentence, year=2019)
        return found.year, found.month, found.day

    assert date("In May, the office signed a MOU.") == (2019, 5, None)
    assert date("The offices may sign a MOU. May they.") == (2019, None, None)
    assert date("On 14 June, the offices met.") == (2019, 6, 14)
    assert date("The offices met.") == (2019, None, None)


def test_a_visit_abroad_is_a_delegation_sent_with_the_office_visited(names):
    sent = next(p for p in proposals_of(CHAPTER, names) if p.type == "delegation" and p.month == 3)
    assert (sent.kind, sent.direction, sent.offices) == ("outgoing", "sent", ["ipi-ch"])
    assert sent.people == [{"name": "Lin Mei", "title": "Commissioner", "person": "lin-mei"}]


def test_a_delegation_received_from_the_brazilian_office_is_found_by_the_demonym(names):
    received = next(p for p in proposals_of(CHAPTER, names) if p.kind == "incoming")
    assert received.direction == "received" and received.offices == ["inpi-br"]
    assert received.date == "2019-06"


def test_an_agreement_signed_during_a_visit_has_the_visit_as_occasion(names):
    found = proposals_of(CHAPTER, names)
    mou = next(p for p in found if p.kind == "mou")
    assert mou.offices == ["ipi-ch"] and mou.date == "2019-03"
    assert mou.occasion is not None and mou.occasion.kind == "outgoing"


def test_a_sentence_about_the_two_sides_takes_the_date_of_the_one_before_and_quotes_both(names):
    plan = next(p for p in proposals_of(CHAPTER, names) if p.kind == "work-plan")
    assert plan.date == "2019-06"
    assert plan.quote.startswith("In June") and plan.quote.endswith("for 2019.")


def test_a_general_statement_proposes_no_record_but_its_passage_names_the_countries(names):
    found = proposals_of(CHAPTER, names)
    assert not any("Norway" in p.quote for p in found)
    statement = next(p for p in passages.split(CHAPTER) if "Norway" in p.text)
    assert {h.key for h in names.find(statement.text) if h.kind == "country"} == {"NO", "PE"}


def test_a_fact_told_by_a_caption_and_its_paragraph_is_one_proposal_citing_both(names):
    heads = [
        p for p in proposals_of(CHAPTER, names) if p.kind == "heads-meeting" and "KIPO" in p.quote
    ]
    assert len(heads) == 1
    assert heads[0].date == "2019-11" and heads[0].offices == ["kipo"]
    assert [p.text for p in heads[0].other_passages] == [
        "The 5th Heads Meeting between HPO and KIPO."
    ]


def test_a_meeting_with_a_city_and_country_gets_both(names):
    heads = next(
        p for p in proposals_of(CHAPTER, names) if p.kind == "heads-meeting" and p.month == 11
    )
    assert (heads.city, heads.venue_country) == ("Seoul", "KR")


def test_every_quote_is_verbatim_from_its_passage_and_every_month_is_in_its_quote(names):
    found = proposals_of(CHAPTER, names)
    assert found
    for proposal in found:
        assert proposal.quote in proposal.passage.text
        if proposal.month:
            assert when.MONTHS[proposal.month - 1] in proposal.quote


def test_headline_figures_keep_their_qualifier(names):
    figures = [
        p for p in read.read(CHAPTER, gazetteer=names, year=2019).proposals if p.type == "figure"
    ]
    assert {(f.figure_value, f.figure_qualifier, f.figure_unit) for f in figures} >= {
        (300, "more-than", "examiners"), (40, "about", "countries"), (12, "almost", "seminars"),
    }  # fmt: skip


def test_names_are_found_by_acronym_chinese_name_and_alias_but_not_inside_words(names):
    hits = names.find(
        "SIPO met 韩国知识产权局 and the Korean office; WIPOS and inpi are not names."
    )
    assert [(h.kind, h.key) for h in hits] == [("office", "kipo"), ("office", "kipo")]


def test_an_organization_the_database_does_not_know_is_flagged(names):
    hits = names.find("HPO signed a MOU with the Patent Office of Freedonia.")
    assert [(h.kind, h.key) for h in hits] == [
        ("office", "hpo"),
        ("unknown", "Patent Office of Freedonia"),
    ]


def test_an_organization_named_slightly_differently_is_found_by_fuzzy_matching(names):
    hits = names.find("HPO met the Swiss Federal Institute for Intellectual Property.")
    assert [(h.kind, h.key, h.via) for h in hits] == [
        ("office", "hpo", "name"),
        ("office", "ipi-ch", "fuzzy"),
    ]


def test_the_same_text_gives_the_same_keys(names):
    first = [p.key for p in proposals_of(CHAPTER, names)]
    assert first == [p.key for p in proposals_of(CHAPTER, names)]
    assert len(set(first)) == len(first)


def test_partners_are_compared_by_country_and_the_home_office_is_left_out(names):
    assert build.partner_keys(names, ["hpo", "inpi-br", "wipo"], ["BR", "HM"]) == {"BR", "wipo"}


SECOND_CHAPTER = """\
X. International Cooperation

1 The Americas

In February, President Rui Costa witnessed the signature of the MOU between HPO and IPI during his visit to Switzerland.

In May, Commissioner Lin Mei visited Peru and Brazil and signed the MOU on data exchange and the MOU on PPH with the respective offices.

In June, Commissioner Lin Mei visited Norway and Peru and signed relevant cooperation documents.

In July, Commissioner Lin Mei participated in the 7th Heads Meeting between HPO and KIPO in Seoul, Republic of Korea.

In August, HPO held a training workshop for Latin-American countries such as Brazil, Peru and Norway.

HPO sent examination experts to NIPO and KIPO to carry out training missions.

The senior management of HPO met with heads of IP authorities of Norway, Peru and Brazil.

In October, the senior management of HPO met with heads of IP authorities of Norway and Peru in Homeland.

In November, the 2nd Meeting of NORDIC Heads of Office was held in Oslo, Norway.

In September, Vice-Premier Ana Ruiz witnessed the signature of the Memorandum of Understanding between HPO and the Korean Intellectual Property Office and HPO held the IP roundtable in collaboration with NIPO.

Under the support of WIPO, HPO helped developing countries. It organized the 3rd Training Seminar on Patent Examination for Asian Countries.

HPO continued its involvement in the Homeland-Peru intellectual property dialogue mechanisms and took part in the negotiations on the IP chapters of the Homeland-Norway Free Trade Agreement, the Homeland-Brazil Economic Partnership and the Trade Agreement between Homeland and the Republic of Korea.
"""


@pytest.fixture
def more_names(names) -> Gazetteer:
    names.offices["indecopi"] = {"name": "National Institute of Industrial Property of Peru", "acronym": "INPI", "kind": "national", "country": "PE"}  # fmt: skip
    names.add("office", "indecopi", "INPI")
    names.national_office["PE"] = "indecopi"
    names.countries["US"] = "United States"
    names.add("country", "US", "United States")
    names.add("country", "US", "American", "alias")
    names.offices["nipo"] = {"name": "Norwegian Industrial Property Office", "acronym": "NIPO", "kind": "national", "country": "NO"}  # fmt: skip
    names.add("office", "nipo", "NIPO")
    names.groupings["nordic"] = {
        "name": "NORDIC",
        "offices": ["hpo", "nipo", "ipi-ch"],
        "countries": [],
    }
    names.add("grouping", "nordic", "NORDIC")
    return names


def second(more_names, kind=None, month=None):
    found = proposals_of(SECOND_CHAPTER, more_names)
    return [
        p for p in found
        if (kind is None or p.kind == kind) and (month is None or p.month == month)
    ]  # fmt: skip


def test_a_head_of_states_visit_during_a_signing_is_no_delegation_of_the_office(more_names):
    february = second(more_names, month=2)
    assert [(p.type, p.kind, p.offices) for p in february] == [("agreement", "mou", ["ipi-ch"])]


def test_documents_signed_with_the_respective_offices_pair_in_order(more_names):
    may = {p.kind: p for p in second(more_names, month=5) if p.type == "agreement"}
    assert may["data-exchange"].countries == ["PE"] and may["pph"].countries == ["BR"]


def test_plural_documents_with_several_partners_are_one_proposal_each(more_names):
    documents = second(more_names, kind="other-document", month=6)
    assert sorted(p.countries[0] for p in documents) == ["NO", "PE"]


def test_attending_a_meeting_abroad_is_a_meeting_and_a_delegation_to_the_venue(more_names):
    july = {p.type: p for p in second(more_names, month=7)}
    assert july["meeting"].kind == "heads-meeting" and july["meeting"].offices == ["kipo"]
    assert july["delegation"].kind == "outgoing" and july["delegation"].countries == ["KR"]
    assert july["meeting"].city == "Seoul"


def test_an_adjective_joined_by_a_hyphen_names_no_country(more_names):
    workshop = second(more_names, kind="workshop")[0]
    assert sorted(workshop.countries) == ["BR", "NO", "PE"]


def test_experts_sent_to_several_offices_are_one_mission_each(more_names):
    missions = second(more_names, kind="trainers-sent")
    assert sorted(p.offices[0] for p in missions) == ["kipo", "nipo"]


def test_an_acronym_shared_by_two_offices_is_read_by_the_country_named(more_names):
    hits = more_names.find("HPO signed a MOU with INPI in Lima, Peru.")
    assert ("office", "indecopi") in [(h.kind, h.key) for h in hits]


def test_heads_met_in_a_list_are_visits_received_at_home_and_no_record_otherwise(more_names):
    visits = second(more_names, kind="incoming")
    assert sorted((p.month, p.countries[0] if p.countries else p.offices[0]) for p in visits) == [
        (10, "NO"), (10, "PE"),
    ]  # fmt: skip


def test_a_meeting_of_a_grouping_of_offices_lists_its_members_but_not_the_venue(more_names):
    meeting = second(more_names, kind="heads-meeting", month=11)[0]
    assert sorted(meeting.offices) == ["ipi-ch", "nipo"] and meeting.countries == []


def test_bodies_and_negotiations_named_in_a_statement_of_the_year_are_proposed(more_names):
    talks = second(more_names, kind="dialogue")
    assert [(p.month, p.countries, p.offices) for p in talks] == [
        (None, ["PE"], []), (None, ["NO"], []), (None, ["BR"], []), (None, ["KR"], []),
    ]  # fmt: skip
    assert (
        talks[1].title
        == "Negotiations on the IP chapters of the Homeland-Norway Free Trade Agreement"
    )


def test_an_organization_backing_the_paragraph_is_the_partner_of_the_training_it_told(more_names):
    seminar = next(p for p in second(more_names, kind="seminar") if p.type == "training")
    assert seminar.offices == ["wipo"] and seminar.title.startswith("3rd Training Seminar")
    assert seminar.quote.startswith("Under the support of WIPO") and seminar.quote.endswith(
        "Countries."
    )


def test_a_memorandum_spelled_out_is_a_mou_and_a_roundtable_in_lower_case_is_a_meeting(more_names):
    september = {p.kind: p for p in second(more_names, month=9)}
    assert september["mou"].offices == ["kipo"]
    assert september["roundtable"].offices == ["nipo"]
    assert "outgoing" not in september


THIRD_CHAPTER = """\
IX. International Cooperation

1 Bilateral Cooperation

In February, Mr. Paulo Lima, President of INPI of Brazil, led a delegation to HPO. The two offices signed a memorandum on patent examination.

In April, Commissioner Lin Mei received KIPO Director General Mr. Park Sun in Homeland City.

From late May to early June, Commissioner Lin Mei headed the Homeland delegation at the 61st series of Meetings of the Assemblies of the Member States of WIPO in Geneva, Switzerland.

In August, HPO and NIPO agreed to extend their PPH pilot program for another three years.

In September, HPO and KIPO launched their PPH pilot program.

The 4th NORDIC Annual Meeting was held in Oslo, Norway in October. That month, HPO also hosted the Homeland-Peru IP Roundtable.

The 9th Heads Meeting between HPO and NIPO was held in December. The 2nd Meeting of the Homeland-Norway IP Working Group was held back to back with it.

HPO took an active part in the Homeland-Brazil economic and trade consultations and in free trade negotiations, including the Homeland-Korea FTA and the Homeland-Peru FTA.

In November, Commissioner Lin Mei held bilateral talks with the heads of KIPO and IPI respectively.

In March, Commissioner Lin Mei visited Brazil and signed a work plan with INPI and a letter of intent with the Riverland Invention Institute.

In June, HPO and WIPO co-hosted the High-Level Dialogue on Patents for Coastal Countries.

In July, HPO received a delegation from NIPO.



Commissioner Lin Mei had a meeting with the NIPO delegation.

2 Industry

In 2019, HPO received delegations from the Riverland Inventors Association, KIPO and the Swiss office.
"""


def third(more_names, **wanted):
    return [
        p for p in proposals_of(THIRD_CHAPTER, more_names)
        if all(getattr(p, key) == value for key, value in wanted.items())
    ]  # fmt: skip


def test_a_delegation_led_to_the_home_office_is_received_and_the_two_offices_are_its_parties(
    more_names,
):
    february = {(p.type, p.kind): p for p in third(more_names, month=2)}
    assert february["delegation", "incoming"].offices == ["inpi-br"]
    assert february["agreement", "mou"].offices == ["inpi-br"]
    assert february["agreement", "mou"].quote.startswith("In February, Mr. Paulo Lima")


def test_receiving_a_foreign_official_is_a_visit_received(more_names):
    april = third(more_names, month=4)
    assert [(p.type, p.kind, p.offices) for p in april] == [("delegation", "incoming", ["kipo"])]


def test_heading_the_national_delegation_from_late_one_month_is_a_delegation_sent_then(
    more_names,
):
    sent = third(more_names, kind="outgoing")
    assert [(p.month, p.countries) for p in sent if p.month in (5, 6)] == [(5, ["CH"])]


def test_extending_a_programme_for_more_years_or_launching_one_are_documents(more_names):
    assert [(p.kind, p.offices) for p in third(more_names, month=8)] == [("extension", ["nipo"])]
    assert [(p.kind, p.offices) for p in third(more_names, month=9)] == [("pph", ["kipo"])]


def test_that_month_and_back_to_back_take_the_month_of_the_sentence_before(more_names):
    assert [p.month for p in third(more_names, kind="roundtable")] == [10]
    assert [p.month for p in third(more_names, kind="working-group")] == [12]


def test_an_annual_meeting_of_a_grouping_of_offices_is_its_heads_meeting(more_names):
    nordic = [p for p in third(more_names, month=10) if p.type == "meeting" and "NORDIC" in p.title]
    assert [(p.kind, sorted(p.offices), p.countries) for p in nordic] == [
        ("heads-meeting", ["ipi-ch", "nipo"], [])
    ]


def test_consultations_and_negotiations_listed_after_including_are_talks_each(more_names):
    talks = third(more_names, kind="dialogue")
    assert sorted(p.countries[0] for p in talks) == ["BR", "KR", "PE"]


def test_talks_with_heads_respectively_are_one_meeting_each(more_names):
    november = third(more_names, month=11, kind="high-level-meeting")
    assert sorted(p.offices[0] for p in november) == ["ipi-ch", "kipo"]


def test_a_document_with_an_unknown_organization_takes_no_other_partner(more_names):
    letter = third(more_names, kind="letter-of-intent")[0]
    assert letter.offices == [] and letter.countries == []
    assert "Riverland Invention Institute" in letter.unknown_names


def test_a_dialogue_for_many_countries_is_a_conference(more_names):
    assert [(p.kind, p.offices) for p in third(more_names, month=6, type="meeting")] == [
        ("conference", ["wipo"])
    ]


def test_a_caption_of_a_meeting_with_a_delegation_is_that_delegation(more_names):
    july = third(more_names, month=7)
    assert [(p.kind, p.offices) for p in july] == [("incoming", ["nipo"])]
    assert len(july[0].other_passages) == 1


def test_delegations_received_from_a_list_are_one_visit_each_known_or_not(more_names):
    visits = [p for p in third(more_names, kind="incoming") if p.month is None]
    assert sorted(p.offices[0] if p.offices else "" for p in visits) == ["", "ipi-ch", "kipo"]


FOURTH_CHAPTER = """\
X. International Cooperation

1 Cooperation with the World Intellectual Property Organization

HPO took part in the sessions of the Committee on Patent Classification and the Madrid Working Group.

In May, Commissioner Lin Mei received WIPO Deputy Director General Mr. Ola Berg. The two sides signed an agreement extending the WIPO-Homeland Trust Fund for a further four years, and a memorandum on training.

In June, HPO and WIPO co-hosted the Forum on Patents, where the participants adopted *the Joint Initiative on Patent Data*. The third class of the Master Program on Patents for Coastal Countries graduated in Homeland City in the autumn.

2 Bilateral Cooperation

Deputy Commissioner Lin Mei, in March, led a delegation to the 7th NORDIC Heads Meeting in Oslo, Norway. The heads approved the NORDIC cooperation work plan for 2020.

HPO took part in the Homeland-NO economic consultations.

In July, HPO held a training course on trademarks for examiners of the ARC Patent Office in Homeland City.

HPO also held the Homeland-Peru Seminar on Trademarks and the Homeland-Brazil Roundtable on Designs.
"""


@pytest.fixture
def fourth(more_names):
    more_names.offices["arc-po"] = {"name": "Patent Office of the Arctic Council", "acronym": "", "kind": "intergovernmental", "country": None}  # fmt: skip
    more_names.groupings["arc"] = {"name": "ARC", "offices": ["arc-po"], "countries": []}
    more_names.add("grouping", "arc", "ARC")
    return proposals_of(FOURTH_CHAPTER, more_names)


def test_meetings_with_no_partner_take_the_one_organization_their_heading_names(fourth):
    bodies = [p for p in fourth if p.passage.position == 1]
    assert [(p.kind, p.offices) for p in bodies] == [
        ("assembly", ["wipo"]), ("working-group", ["wipo"]),
    ]  # fmt: skip


def test_an_extension_and_a_memorandum_after_it_are_two_documents_with_the_visitor(fourth):
    may = [(p.type, p.kind, p.offices) for p in fourth if p.month == 5]
    assert may == [
        ("delegation", "incoming", ["wipo"]),
        ("agreement", "extension", ["wipo"]),
        ("agreement", "mou", ["wipo"]),
    ]


def test_a_joint_initiative_is_a_declaration_and_a_class_graduating_in_a_season_has_no_month(
    fourth,
):
    assert [p.month for p in fourth if p.kind == "declaration"] == [6]
    assert [p.month for p in fourth if p.kind == "master-programme"] == [None]


def test_a_month_set_off_after_the_subject_dates_the_paragraph_and_approved_is_adopted(fourth):
    plans = [p for p in fourth if p.kind == "work-plan"]
    assert [(p.month, sorted(p.offices)) for p in plans] == [(3, ["ipi-ch", "nipo"])]


def test_a_country_code_paired_with_the_home_country_names_the_country(fourth):
    talks = [p for p in fourth if p.kind == "dialogue"]
    assert [p.countries for p in talks] == [["NO"]]


def test_a_groupings_patent_office_is_its_office_and_a_training_course_a_workshop(fourth):
    july = [(p.type, p.kind, p.offices) for p in fourth if p.month == 7]
    assert july == [("training", "workshop", ["arc-po"])]


def test_two_named_events_joined_by_and_the_are_two_events(fourth):
    named = [(p.kind, p.countries) for p in fourth if p.kind in ("seminar", "roundtable")]
    assert named == [("seminar", ["PE"]), ("roundtable", ["BR"])]


FIFTH_CHAPTER = """\
XI. International Cooperation

1 Multilateral Cooperation

In April, Deputy Commissioner Lin Mei attended the 5th Homeland-Norway Dialogue in Oslo, Norway. The Homeland-Norway IP Working Group met twice in the year.

The 8th Heads Meeting of HPO and WIPO was held in Lima, Peru in August.

The 3rd NORDIC Annual Meeting was held in Bern, Switzerland, in October. A HPO delegation attended it.

In December, Commissioner Lin Mei visited Brazil and signed a work plan with INPI. During the same trip, she visited KIPO in Seoul.
"""


def fifth(more_names, **wanted):
    return [
        p for p in proposals_of(FIFTH_CHAPTER, more_names)
        if all(getattr(p, key) == value for key, value in wanted.items())
    ]  # fmt: skip


def test_a_body_that_met_several_times_takes_no_month_from_its_paragraph(more_names):
    assert [p.month for p in fifth(more_names, kind="working-group")] == [None]


def test_a_meeting_of_the_home_office_held_abroad_is_a_delegation_to_the_venue_and_partner(
    more_names,
):
    august = fifth(more_names, month=8, type="delegation")
    assert [(p.kind, p.offices, p.countries) for p in august] == [("outgoing", ["wipo"], ["PE"])]


def test_a_delegation_that_attended_it_went_to_the_meeting_of_the_sentence_before(more_names):
    october = fifth(more_names, month=10, type="delegation")
    assert [(p.kind, p.countries) for p in october] == [("outgoing", ["CH"])]


def test_places_visited_during_the_same_trip_belong_to_that_visit(more_names):
    trips = fifth(more_names, month=12, type="delegation")
    assert [(sorted(p.offices), p.countries) for p in trips] == [(["inpi-br", "kipo"], [])]
    assert trips[0].quote.endswith("in Seoul.")


def test_staff_sent_to_an_organization_is_an_exchange_of_staff_beside_the_sentences_seminar(
    more_names,
):
    text = (
        "XII. Cooperation\n\nIn cooperation with WIPO, HPO held a roving seminar on designs in two "
        "cities, and sent a third group of Junior Professional Officers to the International "
        "Bureau.\n"
    )
    found = [(p.kind, p.offices) for p in proposals_of(text, more_names)]
    assert found == [("roving-seminar", ["wipo"]), ("staff-exchange", ["wipo"])]


def test_the_heads_of_a_grouping_of_offices_meeting_others_is_one_meeting_of_its_members(
    more_names,
):
    text = (
        "XII. Cooperation\n\nIn March, the 2nd NORDIC Heads Meeting was held in Bern, Switzerland. "
        "The NORDIC Heads also met representatives of users.\n"
    )
    met = [p for p in proposals_of(text, more_names) if p.kind == "high-level-meeting"]
    assert [(p.month, sorted(p.offices)) for p in met] == [(3, ["ipi-ch", "nipo"])]


def test_an_office_a_document_is_about_is_not_its_party(more_names):
    text = (
        "XII. Cooperation\n\nIn May, HPO and WIPO signed a memorandum on the operation of the "
        "Korean Intellectual Property Office liaison desk.\n"
    )
    assert [(p.kind, p.offices) for p in proposals_of(text, more_names)] == [("mou", ["wipo"])]


def test_visits_received_welcomed_or_led_to_visit_the_home_office_and_documents_to_come(
    more_names,
):
    text = (
        "XII. Cooperation\n\n"
        "In January, the President of NIPO led a delegation to visit HPO. They signed a work plan.\n\n"
        "In February, Commissioner Lin Mei welcomed KIPO Director General Mr. Park Sun.\n\n"
        "In March, HPO and IPI renewed their MOU for another three years.\n\n"
        "In April, HPO and INPI agreed to begin talks on a PPH pilot program, and HPO plans to "
        "sign a MOU with KIPO in the coming year.\n"
    )
    found = [(p.month, p.kind, p.offices) for p in proposals_of(text, more_names)]
    assert found == [
        (1, "incoming", ["nipo"]),
        (1, "work-plan", ["nipo"]),
        (2, "incoming", ["kipo"]),
        (3, "extension", ["ipi-ch"]),
    ]


def test_a_listed_sender_the_database_does_not_know_is_a_visit_of_its_own(more_names):
    text = (
        "XII. Cooperation\n\nIn 2019, HPO received delegations from the Coastal Brands Protection "
        "Group, the Swiss office and NIPO.\n\n"
        "Also in May, HPO signed a MOU with KIPO. The two offices held the 3rd Seminar on Designs.\n"
    )
    found = proposals_of(text, more_names)
    visits = [(p.offices, p.unknown_names) for p in found if p.kind == "incoming"]
    assert visits == [([], ["Coastal Brands Protection Group"]), (["ipi-ch"], []), (["nipo"], [])]
    assert [p.month for p in found if p.kind != "incoming"] == [5, 5]


def test_extensions_to_a_year_or_renewed_before_their_document_and_data_exchanged(more_names):
    text = (
        "XII. Cooperation\n\n"
        "In March, HPO and KIPO agreed to extend their memorandum of understanding on designs "
        "until 2027.\n\n"
        "In April, HPO and IPI agreed to renew, for a further five years, the memorandum of "
        "understanding on training.\n\n"
        "In June, HPO and INPI signed an agreement on the exchange of patent family status data.\n\n"
        "In July, HPO exchanged letters with NIPO on a PPH pilot program.\n"
    )
    found = [(p.month, p.kind, p.offices) for p in proposals_of(text, more_names)]
    assert found == [
        (3, "extension", ["kipo"]),
        (4, "extension", ["ipi-ch"]),
        (6, "data-exchange", ["inpi-br"]),
        (7, "pph", ["nipo"]),
    ]


def test_heads_who_met_or_held_a_heads_meeting_and_talks_held_by_video(more_names):
    text = (
        "XII. Cooperation\n\n"
        "In March, the heads of HPO and KIPO met by video conference.\n\n"
        "In April, HPO held its annual heads meeting with INPI online.\n\n"
        "In May, Commissioner Lin Mei held separate video talks with the President of IPI.\n\n"
        "In June, Commissioner Lin Mei held a video conference with the Director General of NIPO.\n"
    )
    found = [(p.month, p.kind, p.offices) for p in proposals_of(text, more_names)]
    assert found == [
        (3, "heads-meeting", ["kipo"]),
        (4, "heads-meeting", ["inpi-br"]),
        (5, "high-level-meeting", ["ipi-ch"]),
        (6, "high-level-meeting", ["nipo"]),
    ]


def test_courses_and_seminars_given_to_officials_are_training_in_a_language_not_a_country(
    more_names,
):
    text = (
        "XII. Cooperation\n\n"
        "In March, HPO and WIPO jointly held the online Advanced Course on Trademark "
        "Examination.\n\n"
        "In April, HPO organized an online training course in Portuguese on patent examination "
        "for examiners of INPI.\n\n"
        "In May, HPO held an online seminar in Norwegian on utility models for IP officials from "
        "Latin American countries such as Peru.\n"
    )
    found = [
        (p.month, p.type, p.kind, p.offices, p.countries) for p in proposals_of(text, more_names)
    ]
    assert found == [
        (3, "training", "workshop", ["wipo"], []),
        (4, "training", "workshop", ["inpi-br"], []),
        (5, "training", "seminar", [], ["PE"]),
    ]


def test_talks_held_ahead_of_a_meeting_take_no_month_from_the_paragraph(more_names):
    text = (
        "XII. Cooperation\n\n"
        "In October, the 4th Heads Meeting of HPO and KIPO was held online. Ahead of the meeting, "
        "Commissioner Lin Mei held video talks with the President of IPI.\n"
    )
    found = [(p.month, p.kind, p.offices) for p in proposals_of(text, more_names)]
    assert found == [(10, "heads-meeting", ["kipo"]), (None, "high-level-meeting", ["ipi-ch"])]


def test_an_acronym_abbreviating_an_event_is_no_office_and_three_heads_take_the_parties_before(
    more_names,
):
    text = (
        "XII. Cooperation\n\n"
        "In May, the 3rd Network of Industrial Property Offices (NIPO) Meeting was held in Norway.\n\n"
        "In June, the 2nd Trilateral Seminar of HPO, KIPO and IPI was held online. The three heads "
        "also exchanged views by video link.\n\n"
        "In July, HPO and INPI adopted a cooperation roadmap.\n"
    )
    event = "the 3rd Network of Industrial Property Offices (NIPO) Meeting was held online"
    assert [h.key for h in more_names.find(event)] == []
    office = "a delegation of the Norwegian Industrial Property Office (NIPO) visited HPO"
    assert "nipo" in [h.key for h in more_names.find(office)]
    found = [(p.month, p.kind, sorted(p.offices)) for p in proposals_of(text, more_names)]
    assert (6, "heads-meeting", ["ipi-ch", "kipo"]) in found
    assert (7, "programme", ["inpi-br"]) in found


def test_heads_met_online_or_at_home_are_a_meeting_with_each(more_names):
    text = (
        "XII. Cooperation\n\nThe senior management of HPO also met, online or in Homeland, with "
        "the heads of the IP authorities of Brazil, Norway and Peru.\n"
    )
    found = [(p.kind, p.offices or p.countries) for p in proposals_of(text, more_names)]
    assert found == [
        ("high-level-meeting", ["inpi-br"]),
        ("high-level-meeting", ["NO"]),
        ("high-level-meeting", ["PE"]),
    ]


def test_a_delegation_attending_by_video_link_travelled_nowhere_and_the_delegation_visited_joins_the_trip(
    more_names,
):
    text = (
        "XII. Cooperation\n\n"
        "In October, Commissioner Lin Mei led the delegation of Homeland to attend, by video link, "
        "the 30th General Assembly of WIPO.\n\n"
        "In March, Commissioner Lin Mei led a delegation to visit Brazil and Peru. In Sao Paulo, the "
        "delegation visited INPI and signed a work plan.\n"
    )
    found = [(p.month, p.kind, p.offices, p.countries) for p in proposals_of(text, more_names)]
    assert [f for f in found if f[1] == "outgoing"] == [(3, "outgoing", ["inpi-br"], ["BR", "PE"])]
    assert (10, "assembly", ["wipo"], []) in found


def test_a_document_the_heads_approved_at_a_groupings_meeting_binds_its_member_offices(
    more_names,
):
    text = (
        "XII. Cooperation\n\n"
        "In April, the 5th NORDIC Heads Meeting was held online under the chairmanship of KIPO, "
        "and the heads endorsed a joint statement on digital services.\n"
    )
    found = [(p.month, p.kind, sorted(p.offices)) for p in proposals_of(text, more_names)]
    assert (4, "joint-statement", ["ipi-ch", "nipo"]) in found


def test_a_document_that_was_extended_is_one_extension_and_a_delegation_met_came_on_a_visit(
    more_names,
):
    text = (
        "XII. Cooperation\n\n"
        "In August, the PPH pilot program between HPO and the Korean Intellectual Property Office "
        "(KIPO) was extended for another three years.\n\n"
        "In September, Commissioner Lin Mei met with a delegation from IPI.\n"
    )
    found = [(p.month, p.kind, p.offices) for p in proposals_of(text, more_names)]
    assert found[0] == (8, "extension", ["kipo"]) and len([f for f in found if f[0] == 8]) == 1
    assert (9, "incoming", ["ipi-ch"]) in found


def test_a_delegation_visiting_an_organization_travels_to_the_country_of_its_seat(more_names):
    more_names.seats = {"wipo": "CH"}
    text = (
        "XII. Cooperation\n\n"
        "In May, Commissioner Lin Mei visited WIPO and signed a work plan.\n\n"
        "In June, Commissioner Lin Mei visited Norway and WIPO.\n"
    )
    found = [(p.month, p.kind, p.offices, p.countries) for p in proposals_of(text, more_names)]
    assert (5, "outgoing", ["wipo"], ["CH"]) in found
    assert (5, "work-plan", ["wipo"], []) in found  # a document's party is no place
    assert (6, "outgoing", ["wipo"], ["NO", "CH"]) in found


def test_the_seats_of_organizations_are_data_with_a_country_code_each():
    from cooperation.ingest.gazetteer import _seats

    seats = _seats()
    assert seats and all(len(seat["country"]) == 2 and seat["city"] for seat in seats.values())


def test_a_countrys_other_name_after_in_and_a_trip_with_an_online_event_are_kept(more_names):
    assert [h.key for h in more_names.find("The seminar was held in Korea.")] == ["KR"]
    assert [h.key for h in more_names.find("a course in Korean on designs")] == []
    text = (
        "XII. Cooperation\n\n"
        "In May, Commissioner Lin Mei visited IPI and attended an online seminar there.\n"
    )
    found = [(p.month, p.kind, p.offices) for p in proposals_of(text, more_names)]
    assert (5, "outgoing", ["ipi-ch"]) in found


def test_in_the_course_of_is_no_course_and_a_meeting_held_in_a_country_is_not_at_the_seat(
    more_names,
):
    more_names.seats = {"wipo": "CH"}
    text = (
        "XII. Cooperation\n\n"
        "In the course of the year, HPO held talks with KIPO.\n\n"
        "In May, Commissioner Lin Mei attended the 3rd WIPO Regional Meeting held in Seoul, "
        "Republic of Korea.\n"
    )
    found = [(p.type, p.kind, p.countries) for p in proposals_of(text, more_names)]
    assert not any(type_ == "training" for type_, _, _ in found)
    assert not any("CH" in countries for _, _, countries in found)


def test_a_caption_of_talks_in_a_city_the_data_places_abroad_is_no_visit_received(more_names):
    text = (
        "XII. Cooperation\n\n"
        "In January, Commissioner Lin Mei led a delegation to visit Switzerland. In Bern she held "
        "talks with Mr. Hans Muster, Director General of IPI.\n\n\n\n"
        "Commissioner Lin Mei held talks with Mr. Hans Muster, Director General of IPI, in Bern.\n"
    )
    assert "incoming" in [p.kind for p in proposals_of(text, more_names)]  # Bern unknown
    more_names.cities = {"Bern": "CH"}
    assert "incoming" not in [p.kind for p in proposals_of(text, more_names)]


def test_the_cities_are_data_with_a_country_code_each():
    from cooperation.ingest.gazetteer import _places

    cities = _places("cities")
    assert cities and all(len(code) == 2 and code.isupper() for code in cities.values())
