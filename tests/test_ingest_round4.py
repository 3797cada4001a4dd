"""The fourth round's general mechanisms, on small texts written for these tests (the Nordland
gazetteer of test_ingest_generic: offices and countries no chapter of the fixtures pairs)."""

import pytest

from cooperation.ingest import build, passages
from tests.test_ingest_generic import facts, nordland, proposals_of


@pytest.fixture
def names():
    return nordland()


def test_a_trip_told_stop_by_stop_after_a_colon_gives_each_stop_its_own_partner(names):
    text = (
        "In March, the Director General visited Iceland and Kenya: in Reykjavik she signed a "
        "work plan with ISIPO, and in Nairobi she signed a memorandum of understanding with "
        "KIPI.\n"
    )
    found = facts(text, names)
    assert ("agreement", "work-plan", "2024-03", ["IS"]) in found
    assert ("agreement", "mou", "2024-03", ["KE"]) in found


def test_the_day_a_document_took_effect_does_not_date_its_signing(names):
    text = (
        "In April, NPO signed with ISIPO the agreement on the PPH pilot program, which took "
        "effect on 1 July.\n"
    )
    assert facts(text, names) == [("agreement", "pph", "2024-04", ["IS"])]


def test_a_clause_without_a_day_of_its_own_takes_the_month_of_the_clause_before_not_its_day(
    names,
):
    text = (
        "In June, the Director General visited Iceland and Uruguay: in Reykjavik, on 9 June, it signed a work plan with "
        "ISIPO, and in Montevideo DNPI and NPO signed a memorandum of understanding.\n"
    )
    days = {p.kind: p.day for p in proposals_of(text, names) if p.type == "agreement"}
    assert days == {"work-plan": 9, "mou": None}


def test_talks_on_the_implementation_of_an_agreement_sign_no_agreement(names):
    text = (
        "In May, NPO held talks with KIPI on the implementation of the two offices' agreement "
        "on examination work sharing.\n"
    )
    assert not [f for f in facts(text, names) if f[0] == "agreement"]


def test_a_participle_that_tells_another_action_ends_the_partners_of_the_document(names):
    text = (
        "In May, the Commissioner visited Kenya and Uruguay, signing the memorandum of "
        "understanding between NPO and KIPI and holding talks with DNPI on patent quality.\n"
    )
    found = [f for f in facts(text, names) if f[0] == "agreement"]
    assert found == [("agreement", "mou", "2024-05", ["KE"])]


def test_heads_named_before_meeting_representatives_hold_one_meeting_not_one_each(names):
    text = (
        "The 5th Heads Meeting of NPO, ISIPO and DNPI was held in Reykjavik on 4 September: the "
        "Director General led the NPO delegation, and the heads also met the representatives "
        "of industry.\n"
    )
    found = facts(text, names)
    assert ("meeting", "heads-meeting", "2024-09-04", ["IS", "UY"]) in found
    assert not [f for f in found if f[1] == "high-level-meeting" and len(f[3]) == 1]


def test_a_delegation_to_a_heads_meeting_held_abroad_goes_to_the_venue_not_to_each_office(names):
    text = (
        "The 5th Heads Meeting of NPO, ISIPO and DNPI was held in Reykjavik on 4 September, and "
        "the Director General led the NPO delegation.\n"
    )
    delegations = [f for f in facts(text, names) if f[0] == "delegation"]
    assert delegations == [("delegation", "outgoing", "2024-09", ["IS"])]


def test_visitors_listed_in_a_clause_told_over_the_year_take_no_month_of_the_clause_before(names):
    text = (
        "In March, the Director General met a delegation of ISIPO in Nordland; over the year, "
        "NPO also met delegations from KIPI and DNPI.\n"
    )
    found = facts(text, names)
    assert ("delegation", "incoming", "2024-03", ["IS"]) in found
    assert ("delegation", "incoming", "2024", ["KE"]) in found
    assert ("delegation", "incoming", "2024", ["UY"]) in found


def test_the_memorandum_of_a_meeting_is_its_record_and_not_a_second_meeting(names):
    text = (
        "The 7th Heads Meeting of NPO and ISIPO was held in Reykjavik in May, at which the two "
        "heads signed the Memorandum of the 7th Heads Meeting.\n"
    )
    found = facts(text, names)
    assert ("agreement", "record-of-discussion", "2024-05", ["IS"]) in found
    assert [f[1] for f in found if f[0] == "meeting"] == ["heads-meeting"]


def test_bilateral_heads_meetings_held_on_the_margins_are_one_with_each_office(names):
    text = (
        "The 3rd Trilateral Forum of NPO, ISIPO and KIPI was held in Reykjavik in May; on the "
        "margins, the Director General held bilateral heads meetings with the head of ISIPO and "
        "the head of KIPI, and NPO and KIPI signed a memorandum on the exchange of examination "
        "results.\n"
    )
    found = facts(text, names)
    assert ("meeting", "heads-meeting", "2024-05", ["IS"]) in found
    assert ("meeting", "heads-meeting", "2024-05", ["KE"]) in found
    assert ("agreement", "data-exchange", "2024-05", ["KE"]) in found


def test_a_paragraph_cut_by_a_page_break_mid_phrase_ends_in_the_block_after_it(names):
    text = (
        "NPO received delegations from the IP offices of Iceland, Kenya and the\n\n\n\n"
        "Uruguayan side, with which the work plans for the year were reviewed.\n\n"
        "(2) Cooperation with Other Countries\n\n"
        "NPO signed a work plan with DNPI in June.\n"
    )
    found = passages.split(text)
    assert "Uruguayan side" in found[0].text and not found[0].is_caption
    assert ("delegation", "incoming", "2024", ["UY"]) in facts(text, names)


def test_a_photo_caption_inside_a_cut_paragraph_stays_a_caption(names):
    text = (
        "In May, NPO and ISIPO signed a memorandum of understanding between\n\n\n\n"
        "The Director General with the head of ISIPO in Reykjavik.\n\n\n\n"
        "the two offices on patent data.\n"
    )
    found = passages.split(text)
    assert [p.is_caption for p in found] == [False, True]
    assert found[0].text.endswith("the two offices on patent data.")


def test_a_clause_that_refers_back_to_the_two_sides_takes_no_partner_told_after_it(names):
    text = (
        "In May, the 4th Heads Meeting between NPO and ISIPO was held in Reykjavik, at which the "
        "two sides signed the Work Plan for 2025 and a memorandum on the exchange of full-text "
        "patent data; in Montevideo, the "
        "Director General met DNPI Director Ms. Ana Silva and renewed the MOU between the two "
        "offices for a further five years.\n"
    )
    found = facts(text, names)
    assert ("agreement", "data-exchange", "2024-05", ["IS"]) in found


def test_a_clause_opening_with_its_own_month_after_a_semicolon_tells_an_occasion_of_its_own(
    names,
):
    text = (
        "In March, NPO signed a work plan with ISIPO in Reykjavik; in October, the Director "
        "General led the NPO delegation to the Regional Forum on Designs in Montevideo.\n"
    )
    spans = passages.split(text)[0].sentences
    assert len(spans) == 2
    found = facts(text, names)
    assert ("agreement", "work-plan", "2024-03", ["IS"]) in found
    assert ("delegation", "outgoing", "2024-10", ["UY"]) in found


def test_a_short_name_introduced_with_its_purpose_or_venue_is_an_event_not_a_reference(names):
    text = (
        "In June, NPO officials took part in the Diplomatic Conference to Adopt a Treaty on "
        "Designs, held in Geneva from 2 to 14 June.\n"
    )
    kinds = [(f[0], f[1], f[2]) for f in facts(text, names)]
    assert ("meeting", "conference", "2024-06-02") in kinds or (
        "meeting",
        "conference",
        "2024-06",
    ) in kinds


def test_heads_received_at_home_are_a_visit_each_and_the_sentences_other_event_stays(names):
    text = (
        "NPO also received, in Nordland, the heads of ISIPO, KIPI and DNPI, and held in the "
        "summer the Nordland-Japan Seminar on Designs together with the JPO.\n"
    )
    found = facts(text, names)
    for code in ("IS", "KE", "UY"):
        assert ("delegation", "incoming", "2024", [code]) in found
    assert ("meeting", "seminar", "2024", ["JP"]) in found
    assert len(found) == 4


def test_a_head_met_in_a_clause_of_its_own_is_a_meeting_besides_the_named_one(names):
    text = (
        "In May, the 6th Heads Meeting between NPO and ISIPO was held in Reykjavik; in "
        "Montevideo, the Director General met DNPI Director Ms. Ana Silva and signed a work "
        "plan.\n"
    )
    found = facts(text, names)
    assert ("meeting", "heads-meeting", "2024-05", ["IS"]) in found
    assert ("meeting", "high-level-meeting", "2024-05", ["UY"]) in found


def test_the_heads_who_met_industry_after_their_meeting_are_its_partners(names):
    text = (
        "The 5th Heads Meeting of NPO, ISIPO and DNPI was held in Reykjavik on 4 September, and "
        "the heads also met the representatives of industry.\n"
    )
    found = facts(text, names)
    assert ("meeting", "high-level-meeting", "2024-09", ["IS", "UY"]) in found


def test_attending_or_taking_a_constructive_part_in_named_bodies_is_taking_part(names):
    text = (
        "NPO took a constructive part in the work of WIPO throughout the year, attending the "
        "sessions of the Standing Committee on Designs (SCD), the PCT Working Group and the "
        "Advisory Committee on Enforcement (ACE).\n"
    )
    titles = [p.title for p in proposals_of(text, names) if p.type == "meeting"]
    assert titles == [
        "Standing Committee on Designs",
        "PCT Working Group",
        "Advisory Committee on Enforcement",
    ]


def test_an_organization_met_at_a_stop_of_a_trip_is_visited_by_the_trip(names):
    text = (
        "In May, the Director General paid a working visit to Switzerland and Uruguay. In "
        "Geneva, the 9th Heads Meeting between NPO and EUIPO was held on 6 May.\n"
    )
    trips = [p for p in proposals_of(text, names) if p.kind == "outgoing"]
    assert len(trips) == 1
    assert "euipo" in trips[0].offices
    assert sorted(trips[0].countries) == ["CH", "UY"]


def test_an_office_whose_work_was_reviewed_is_no_party_to_the_document_signed(names):
    text = (
        "In July, the Director General met the WIPO Deputy Director General in Geneva, and the "
        "two sides signed a work plan on patent information and reviewed the work of the "
        "National Directorate of Industrial Property.\n"
    )
    plans = [f for f in facts(text, names) if f[1] == "work-plan"]
    assert plans == [("agreement", "work-plan", "2024-07", ["wipo"])]


def test_a_city_and_its_country_after_a_month_and_a_comma_are_the_venue(names):
    sentence = (
        "in October, Director General Ana Silva led the NPO delegation to the Regional "
        "Conference on Designs in Accra, Ghana, which closed on 22 October."
    )
    assert build._place(sentence, names.find(sentence), names) == ("Accra", "GH")


def test_a_signing_in_the_presence_of_a_head_of_state_on_a_state_visit_is_no_delegation(names):
    text = (
        "On 3 July, in the presence of the President of Nordland, who was on a state visit to "
        "Iceland, the Director General and the head of ISIPO signed in Reykjavik a memorandum "
        "of understanding.\n"
    )
    assert [f[0] for f in facts(text, names)] == ["agreement"]
