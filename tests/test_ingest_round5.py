"""The fifth round's general mechanisms, on small texts written for these tests (the Nordland
gazetteer of test_ingest_generic: offices and countries no chapter of the fixtures pairs)."""

import pytest

from cooperation.ingest import build, passages
from tests.test_ingest_generic import facts, nordland, proposals_of


@pytest.fixture
def names():
    return nordland()


def test_documents_signed_with_offices_respectively_are_paired_in_order(names):
    text = (
        "In February, Commissioner Alva Berg visited Iceland, Kenya and Uruguay. She signed the "
        "MOU on the PPH, the MOU on cooperation and the work plan for 2025 with ISIPO, KIPI and "
        "DNPI respectively.\n"
    )
    assert [f for f in facts(text, names) if f[0] == "agreement"] == [
        ("agreement", "pph", "2024-02", ["IS"]),
        ("agreement", "mou", "2024-02", ["KE"]),
        ("agreement", "work-plan", "2024-02", ["UY"]),
    ]


def test_the_office_head_meeting_a_foreign_head_in_a_home_city_is_a_visit_received_only(names):
    names.cities["Nordby"] = "ND"
    text = (
        "In May, Deputy Commissioner Alva Berg met Mr. Jon Sigurdsson, Director General of "
        "ISIPO, in Nordby.\n"
    )
    assert facts(text, names) == [("delegation", "incoming", "2024-05", ["IS"])]


def test_a_minister_meeting_a_foreign_head_at_home_is_a_meeting_besides_the_visit(names):
    text = "In May, Minister Oda Lund met with the Director General of ISIPO in Nordland.\n"
    assert sorted(facts(text, names)) == [
        ("delegation", "incoming", "2024-05", ["IS"]),
        ("meeting", "high-level-meeting", "2024-05", ["IS"]),
    ]


def test_heads_of_several_offices_received_at_home_are_one_visit_each(names):
    names.cities["Nordby"] = "ND"
    text = (
        "In July, NPO received the heads of the IP offices of Iceland, Kenya and Uruguay in "
        "Nordby. They exchanged views on examination.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-07", ["IS"]),
        ("delegation", "incoming", "2024-07", ["KE"]),
        ("delegation", "incoming", "2024-07", ["UY"]),
    ]


def test_a_photo_of_a_meeting_with_a_head_received_is_that_visit(names):
    text = (
        "(3) Asia\n\n"
        "In the autumn, NPO received the heads of the offices of Iceland and Kenya in Nordland.\n"
        "\n\n\nDeputy Commissioner Alva Berg met Mr. Jon Sigurdsson, Director General of ISIPO.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024", ["IS"]),
        ("delegation", "incoming", "2024", ["KE"]),
    ]


def test_the_meeting_named_by_its_noun_alone_adopts_with_its_month_and_parties(names):
    text = (
        "On 14 October, NPO and KIPI co-hosted the 5th Nordland-Kenya IP Forum in Nordland. "
        "The Forum adopted *the Nordland-Kenya Work Plan 2025-2026*.\n"
    )
    assert facts(text, names)[-1] == ("agreement", "work-plan", "2024-10-14", ["KE"])


def test_a_consensus_adopted_is_a_declaration_and_reaching_consensus_is_not(names):
    text = (
        "In March, NPO hosted the Northern IP Conference in Nordland. The participants adopted "
        "*the Nordby Consensus on IP Cooperation*.\n\n"
        "In June, NPO and ISIPO reached consensus on examination practice.\n"
    )
    kinds = [(kind, date) for type_, kind, date, _ in facts(text, names) if type_ == "agreement"]
    assert kinds == [("declaration", "2024-03")]


def test_a_sentence_about_the_visit_that_names_no_one_keeps_the_parties_for_the_next(names):
    text = (
        "In September, a delegation of the Kenya Industrial Property Institute visited NPO. "
        "It was led by its Managing Director Ms. Wanjiru Otieno. The two offices signed a work "
        "plan on examination cooperation.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-09", ["KE"]),
        ("agreement", "work-plan", "2024-09", ["KE"]),
    ]


def test_officials_listed_as_attending_join_the_training_just_told(names):
    text = (
        "In October, NPO held the Seminar on Design Law for Northern Countries in Nordland. "
        "More than 30 officials from ISIPO, Kenya and Uruguay attended.\n"
    )
    assert facts(text, names) == [("training", "seminar", "2024-10", ["IS", "KE", "UY"])]


def test_a_meeting_abroad_is_in_the_country_of_the_city_its_words_name_first(names):
    text = "The Heads Meeting took place in Reykjavik, after a preparatory session in Geneva."
    passage = passages.Passage(text, "VII.1", "")
    meeting = build.Proposal("meeting", "heads-meeting", "", 2024, 5, None, text, passage, 4)
    assert list(names.cities)[0] == "Geneva"  # first in the data, second in the words
    assert build._venue_abroad(meeting, names) == "IS"


def test_a_quote_no_longer_in_its_passage_starts_at_the_passage_and_does_not_fail(names):
    passage = passages.Passage("In May, NPO met ISIPO. They signed a plan.", "VII.1", "")
    assert build._quote_at(passage, "They signed a plan.") == 23
    assert build._quote_at(passage, "A sentence rewritten since.") == 0


def test_a_term_written_in_words_extends_and_courses_counted_in_words_are_no_event(names):
    text = (
        "In March, NPO and ISIPO agreed to extend their cooperation for eight years.\n\n"
        "In May, NPO ran twelve training courses for officials from Kenya.\n\n"
        "In June, NPO ran thirty-two training courses for officials from Uruguay.\n"
    )
    assert facts(text, names) == [("agreement", "extension", "2024-03", ["IS"])]


def test_memoranda_on_one_subject_signed_with_two_offices_are_one_each(names):
    text = "In April, NPO signed MOUs on the PPH with the Icelandic and Kenyan offices.\n"
    assert facts(text, names) == [
        ("agreement", "pph", "2024-04", ["IS"]),
        ("agreement", "pph", "2024-04", ["KE"]),
    ]


def test_agreeing_to_hold_the_next_meeting_is_a_plan_not_a_meeting(names):
    text = (
        "On 3 June, Commissioner Alva Berg and the Director General of ISIPO held the 4th Heads "
        "Meeting of NPO and ISIPO in Reykjavik. They agreed to hold the next Heads Meeting in "
        "Nordland in 2025.\n"
    )
    assert [f for f in facts(text, names) if f[0] == "meeting"] == [
        ("meeting", "heads-meeting", "2024-06-03", ["IS"])
    ]


def test_the_memorandum_of_the_heads_meeting_is_a_record_not_another_meeting(names):
    text = (
        "On 9 May, Commissioner Alva Berg attended the 7th Heads Meeting of NPO, ISIPO and KIPI. "
        "The three heads signed the Memorandum of the Heads Meeting.\n"
    )
    assert [f for f in facts(text, names) if f[0] != "delegation"] == [
        ("meeting", "heads-meeting", "2024-05-09", ["IS", "KE"]),
        ("agreement", "record-of-discussion", "2024-05-09", ["IS", "KE"]),
    ]


def test_a_country_named_among_an_events_parties_stays_one_when_it_is_also_the_venue(names):
    text = (
        "On 4 March, NPO attended the 6th Trilateral IP Seminar of Nordland, Iceland and Kenya "
        "in Reykjavik, Iceland.\n"
    )
    assert ("meeting", "seminar", "2024-03-04", ["IS", "KE"]) in facts(text, names)


def test_a_working_group_co_chaired_under_a_commission_is_one_meeting_with_the_co_chair(names):
    text = (
        "In August, NPO and ISIPO co-chaired the 5th Meeting of the Working Group on Patents "
        "under the Nordland-Iceland Commission for Regular Meetings of Heads of Government.\n"
    )
    assert facts(text, names) == [("meeting", "working-group", "2024-08", ["IS"])]


def test_experts_sent_to_the_sessions_of_named_bodies_attend_each_meeting(names):
    text = (
        "2 Cooperation with WIPO\n\n"
        "Over the year, NPO sent experts to the sessions of the Standing Committee on Design "
        "Law (SCD), the Madrid Working Group and the Committee on Development (CDIP).\n"
    )
    assert facts(text, names) == [
        ("meeting", "assembly", "2024", ["wipo"]),
        ("meeting", "working-group", "2024", ["wipo"]),
        ("meeting", "assembly", "2024", ["wipo"]),
    ]


def test_a_master_programme_that_admitted_a_class_is_training_in_its_month(names):
    text = (
        "In October, the Master Program on Intellectual Property for Northern Countries "
        "admitted its fourth class of 30 students.\n"
    )
    assert facts(text, names) == [("training", "master-programme", "2024-10", [])]


def test_a_head_received_after_a_courtesy_title_is_a_visit_received(names):
    text = (
        "On 12 April, Commissioner Alva Berg received Mr. Jon Sigurdsson, Director General of "
        "the Icelandic Intellectual Property Office.\n"
    )
    assert facts(text, names) == [("delegation", "incoming", "2024-04-12", ["IS"])]


def test_the_two_offices_after_a_time_set_before_them_are_the_parties_told(names):
    text = (
        "KIPI hosted the 8th Heads Meeting of NPO and KIPI on 3 September. On the same day, the "
        "two offices signed a PPH MOU.\n"
    )
    assert ("agreement", "pph", "2024-09-03", ["KE"]) in facts(text, names)


def test_the_heads_holding_talks_days_later_meet_in_the_month_told(names):
    text = (
        "In March, NPO and the Kenya Industrial Property Institute signed a work plan. Two days "
        "later, the heads held talks in Nordland.\n"
    )
    assert facts(text, names) == [
        ("agreement", "work-plan", "2024-03", ["KE"]),
        ("meeting", "heads-meeting", "2024-03", ["KE"]),
    ]


def test_a_roundtable_told_after_its_verb_is_a_meeting_and_a_video_conference_is_not_one(names):
    text = (
        "In February, NPO held a roundtable with Icelandic users.\n\n"
        "In May, Commissioner Alva Berg held a video conference with the Director General of "
        "KIPI.\n"
    )
    assert facts(text, names) == [
        ("meeting", "roundtable", "2024-02", ["IS"]),
        ("meeting", "high-level-meeting", "2024-05", ["KE"]),
    ]


def test_a_delegation_that_travelled_for_a_named_meeting_attends_it(names):
    text = "In the autumn, an NPO delegation travelled to Geneva for the WIPO General Assembly.\n"
    assert ("meeting", "assembly", "2024", ["wipo"]) in facts(text, names)


def test_foreign_examiners_who_received_training_are_trained(names):
    text = "Seven Kenyan examiners received training at NPO in November.\n"
    assert facts(text, names) == [("training", "workshop", "2024-11", ["KE"])]


def test_months_told_before_the_partners_respectively_date_each_in_order(names):
    text = (
        "In May and June respectively, NPO received delegations from ISIPO and the Kenya "
        "Industrial Property Institute.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-05", ["IS"]),
        ("delegation", "incoming", "2024-06", ["KE"]),
    ]


def test_a_sentence_opening_with_its_year_takes_no_month_of_the_sentence_before(names):
    text = (
        "In January, NPO received a delegation from ISIPO. In 2024, NPO also held an online "
        "roundtable with KIPI.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-01", ["IS"]),
        ("meeting", "roundtable", "2024", ["KE"]),
    ]


def test_a_photo_of_a_roundtable_with_a_home_country_body_is_the_roundtable_told(names):
    names.offices["ncc"] = {
        "name": "Nordland Chamber of Commerce",
        "acronym": "NCC",
        "kind": "association",
        "country": "ND",
    }
    names.add("office", "ncc", "Nordland Chamber of Commerce")
    text = (
        "7 Exchanges with Industry\n\n"
        "NPO kept close contact with industry. In 2024, NPO held an online roundtable with the "
        "Nordland Chamber of Commerce.\n\n\n\n"
        "Online roundtable between NPO and the Nordland Chamber of Commerce.\n"
    )
    assert facts(text, names) == [("meeting", "roundtable", "2024", [])]


def test_delegations_led_to_two_countries_each_in_its_month_are_two_trips(names):
    text = (
        "Deputy Commissioner Alva Berg led delegations to Iceland in April and to Uruguay in "
        "September.\n"
    )
    assert facts(text, names) == [
        ("delegation", "outgoing", "2024-04", ["IS"]),
        ("delegation", "outgoing", "2024-09", ["UY"]),
    ]


def test_the_numbered_meeting_of_their_working_group_in_lower_case_is_a_meeting(names):
    text = (
        "NPO and the Kenya Industrial Property Institute held the 11th meeting of their working "
        "group by video link in November.\n"
    )
    assert facts(text, names) == [("meeting", "working-group", "2024-11", ["KE"])]


def test_each_item_of_a_bulleted_list_is_a_sentence_of_its_own_quoted_without_its_bullet(names):
    text = (
        "The main activities were as follows:\n"
        "- In January, a PPH agreement was signed with ISIPO.\n"
        "- In February, KIPI sent a delegation to NPO.\n"
    )
    found = [p for p in build.propose(passages.split(text), gazetteer=names, year=2024)]
    assert [(p.type, p.kind, p.date, sorted(p.partner_keys(names))) for p in found] == [
        ("agreement", "pph", "2024-01", ["IS"]),
        ("delegation", "incoming", "2024-02", ["KE"]),
    ]
    assert [p.quote for p in found] == [
        "In January, a PPH agreement was signed with ISIPO.",
        "In February, KIPI sent a delegation to NPO.",
    ]


def test_a_day_written_with_its_ordinal_ending_dates_the_month_only(names):
    text = "On 5th May, NPO received a delegation from ISIPO.\n"
    assert facts(text, names) == [("delegation", "incoming", "2024-05", ["IS"])]


def test_heads_of_offices_named_by_adjectives_welcomed_are_one_visit_each(names):
    text = "In November, NPO welcomed the heads of the Icelandic and Kenyan offices.\n"
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-11", ["IS"]),
        ("delegation", "incoming", "2024-11", ["KE"]),
    ]


def test_the_home_office_visited_by_a_delegation_in_the_passive_received_it(names):
    text = "NPO was visited by a delegation of the Japan Patent Office in February.\n"
    assert facts(text, names) == [("delegation", "incoming", "2024-02", ["JP"])]


def test_a_numbered_meeting_of_the_home_office_and_a_partner_in_lower_case_is_a_meeting(names):
    text = "The 13th NPO-KIPI working-level meeting was convened in Nordland in March.\n"
    assert facts(text, names) == [("meeting", "working-group", "2024-03", ["KE"])]


def test_talks_held_in_the_passive_with_a_head_are_a_meeting(names):
    text = "Talks were held with the Director General of ISIPO in April.\n"
    assert facts(text, names) == [("meeting", "high-level-meeting", "2024-04", ["IS"])]


def test_a_head_hosted_is_a_visit_received_and_a_meeting_hosted_by_another_office_is_not(names):
    text = (
        "Deputy Commissioner Alva Berg hosted Mr. Jon Sigurdsson, Director General of ISIPO, in "
        "August.\n\n"
        "In 2024, the 9th Northern Heads Meeting was hosted by the Office of the Registrar of "
        "Kenya via video link, with the offices of Iceland and Uruguay attending.\n"
    )
    assert [f for f in facts(text, names) if f[0] == "delegation"] == [
        ("delegation", "incoming", "2024-08", ["IS"])
    ]


def test_each_named_training_takes_the_month_in_brackets_after_its_name(names):
    text = (
        "NPO held the Advanced Course on Patent Examination (May), the Workshop on Trademark "
        "Law (July) and the Seminar on IP Management for Kenyan Officials (October) in "
        "Nordland.\n"
    )
    assert [(f[1], f[2]) for f in facts(text, names)] == [
        ("workshop", "2024-05"),
        ("workshop", "2024-07"),
        ("seminar", "2024-10"),
    ]


def test_delegations_met_at_a_meeting_abroad_are_one_meeting_each_besides_the_meeting(names):
    text = (
        "NPO took part in the 65th WIPO Assemblies in Geneva in July, where it also met the "
        "delegations of Iceland and Kenya.\n"
    )
    assert sorted(facts(text, names)) == [
        ("delegation", "outgoing", "2024-07", ["CH", "wipo"]),
        ("meeting", "assembly", "2024-07", ["wipo"]),
        ("meeting", "high-level-meeting", "2024-07", ["IS"]),
        ("meeting", "high-level-meeting", "2024-07", ["KE"]),
    ]


def test_a_groupings_industry_consultation_is_a_roundtable_of_its_offices(names):
    names.groupings["n3"] = {"name": "N3", "offices": ["npo", "jpo", "ipo-is"]}
    names.add("grouping", "n3", "N3")
    text = "In May, NPO attended the N3 Industry Consultation in Reykjavik.\n"
    assert ("meeting", "roundtable", "2024-05", ["IS", "JP"]) in facts(text, names)


def test_a_letter_of_intent_initialled_is_signed(names):
    text = "In March, NPO and ISIPO initialled a letter of intent on cooperation.\n"
    assert facts(text, names) == [("agreement", "letter-of-intent", "2024-03", ["IS"])]


def test_the_agreement_a_new_one_replaces_is_not_signed_again(names):
    text = (
        "NPO and KIPI signed a new cooperation agreement, replacing the agreement of 2015, in "
        "August.\n"
    )
    assert facts(text, names) == [("agreement", "cooperation-agreement", "2024-08", ["KE"])]


def test_addressing_a_numbered_session_abroad_is_attending_it(names):
    text = (
        "Deputy Commissioner Alva Berg addressed the opening of the 3rd session of the WIPO "
        "Committee on WIPO Standards (CWS) in Geneva in June.\n"
    )
    assert sorted(facts(text, names)) == [
        ("delegation", "outgoing", "2024-06", ["CH", "wipo"]),
        ("meeting", "assembly", "2024-06", ["wipo"]),
    ]


def test_bilateral_talks_with_two_offices_are_one_meeting_with_each(names):
    text = "In December, NPO held bilateral talks with ISIPO and KIPI.\n"
    assert facts(text, names) == [
        ("meeting", "high-level-meeting", "2024-12", ["IS"]),
        ("meeting", "high-level-meeting", "2024-12", ["KE"]),
    ]


def test_headline_numbers_written_as_words_are_figures_and_small_ones_are_not():
    text = (
        "In 2024, NPO signed 12 cooperation documents and trained about 300 IP officials from "
        "more than forty countries. It had PPH cooperation with thirty-three offices. The two "
        "sides met three times.\n"
    )
    found = build.figures(passages.split(text), year=2024)
    assert [(f.figure_value, f.figure_qualifier, f.figure_unit) for f in found] == [
        (12, "exact", "documents"),
        (300, "about", "officials"),
        (40, "more-than", "countries"),
        (33, "exact", "offices"),
    ]


def test_an_opening_article_is_no_part_of_an_unknown_organizations_name(names):
    text = "The Office sent a delegation to the 5th Northern Heads Meeting in Reykjavik in April.\n"
    assert all(not p.unknown_names for p in proposals_of(text, names))


def test_a_heads_meeting_with_its_president_during_a_visit_is_with_the_office_visited(names):
    text = (
        "Commissioner Alva Berg visited ISIPO in Reykjavik in March and held the annual heads "
        "meeting with its Director General.\n"
    )
    assert ("meeting", "heads-meeting", "2024-03", ["IS"]) in facts(text, names)


def test_each_numbered_meeting_of_a_body_has_the_bodys_partner(names):
    text = (
        "NPO held the 8th and 9th meetings of the Nordland-Kenya IP Working Group in March and "
        "October respectively.\n"
    )
    assert facts(text, names) == [
        ("meeting", "working-group", "2024-03", ["KE"]),
        ("meeting", "working-group", "2024-10", ["KE"]),
    ]


def test_two_offices_that_sent_delegations_to_the_home_office_are_one_visit_each(names):
    text = "Both the Icelandic and the Kenyan offices sent delegations to NPO in August.\n"
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-08", ["IS"]),
        ("delegation", "incoming", "2024-08", ["KE"]),
    ]


def test_the_head_met_by_he_after_a_visit_is_the_visits_meeting_not_one_of_its_own(names):
    text = (
        "In May, Commissioner Alva Berg visited Iceland. He met the Director General of the "
        "Icelandic Intellectual Property Office. They signed an MOU on PPH.\n"
    )
    assert facts(text, names) == [
        ("delegation", "outgoing", "2024-05", ["IS"]),
        ("agreement", "pph", "2024-05", ["IS"]),
    ]


def test_the_sides_after_a_visit_received_are_its_parties(names):
    text = (
        "In June, a delegation of KIPI came to NPO. It met Deputy Commissioner Oda Lund. The "
        "sides agreed on a work plan.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-06", ["KE"]),
        ("agreement", "work-plan", "2024-06", ["KE"]),
    ]


def test_a_head_who_went_to_a_city_abroad_travelled_and_trainers_who_went_did_not(names):
    text = (
        "Deputy Commissioner Oda Lund went to Montevideo in November.\n\n"
        "In July, a group of NPO trainers went to Reykjavik, where examiners of ISIPO were "
        "trained.\n"
    )
    assert [f for f in facts(text, names) if f[0] == "delegation"] == [
        ("delegation", "outgoing", "2024-11", ["UY"])
    ]


def test_officials_opening_the_sentence_as_attendees_join_the_forum_just_told(names):
    text = (
        "NPO hosted the 5th Northern IP Forum in Nordland in September. Officials from Iceland "
        "and Kenya attended.\n"
    )
    assert facts(text, names) == [("meeting", "conference", "2024-09", ["IS", "KE"])]


def test_a_month_told_as_a_bound_dates_nothing_and_takes_no_month_of_the_paragraph(names):
    text = (
        "In May, NPO signed a work plan with ISIPO. By the end of June, NPO had signed an MOU "
        "with KIPI.\n"
    )
    assert facts(text, names) == [
        ("agreement", "work-plan", "2024-05", ["IS"]),
        ("agreement", "mou", "2024", ["KE"]),
    ]


def test_a_working_level_meeting_held_with_an_office_is_a_working_groups_meeting(names):
    text = "In March, NPO and the Kenyan office held a working-level meeting online.\n"
    assert facts(text, names) == [("meeting", "working-group", "2024-03", ["KE"])]


def test_a_document_signed_with_a_party_in_an_earlier_year_is_not_signed_this_year(names):
    text = (
        "The MOU signed with the Kenya Industrial Property Institute in 2021 remained in force.\n"
    )
    assert facts(text, names) == []


def test_a_document_signed_with_the_office_just_told_is_with_that_office(names):
    text = (
        "In May, NPO hosted a delegation from the Kenya Industrial Property Institute. It also "
        "signed a work plan with the office.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-05", ["KE"]),
        ("agreement", "work-plan", "2024-05", ["KE"]),
    ]


def test_a_memorandum_signed_during_the_visit_told_is_new_and_of_its_month(names):
    text = "In September, NPO welcomed a delegation of KIPI. An MOU was signed during the visit.\n"
    assert [f[:3] for f in facts(text, names)] == [
        ("delegation", "incoming", "2024-09"),
        ("agreement", "mou", "2024-09"),
    ]


def test_she_then_travelled_on_to_another_country_is_the_same_trip(names):
    text = (
        "In June, Deputy Commissioner Oda Lund led a delegation to Iceland. There, she signed an "
        "MOU with ISIPO. She then travelled to Kenya.\n"
    )
    assert facts(text, names) == [
        ("delegation", "outgoing", "2024-06", ["IS", "KE"]),
        ("agreement", "mou", "2024-06", ["IS"]),
    ]


def test_talks_held_by_two_offices_and_a_signing_the_next_day_take_the_month_not_the_day(names):
    text = (
        "On 3 July, NPO and ISIPO held talks online. The next day, they signed a PPH agreement.\n"
    )
    assert facts(text, names) == [
        ("meeting", "high-level-meeting", "2024-07-03", ["IS"]),
        ("agreement", "pph", "2024-07", ["IS"]),
    ]


def test_a_statement_the_offices_adopted_at_a_groupings_meeting_binds_its_offices(names):
    names.groupings["n3"] = {"name": "N3", "offices": ["npo", "jpo", "ipo-is"]}
    names.add("grouping", "n3", "N3")
    text = (
        "In April, Commissioner Alva Berg attended the N3 Heads Meeting, hosted by ISIPO in "
        "Reykjavik, where the three offices adopted a joint statement.\n"
    )
    assert ("agreement", "joint-statement", "2024-04", ["IS", "JP"]) in facts(text, names)


def test_bilateral_meetings_held_on_the_sidelines_of_a_meeting_are_one_with_each(names):
    text = (
        "The 15th Northern Annual Meeting was held in Reykjavik in November; the NPO delegation "
        "also held bilateral meetings with the JPO and KIPI on its sidelines.\n"
    )
    found = facts(text, names)
    assert ("meeting", "high-level-meeting", "2024-11", ["JP"]) in found
    assert ("meeting", "high-level-meeting", "2024-11", ["KE"]) in found


def test_the_numbered_meetings_of_a_body_named_before_them_are_one_each_in_their_months(names):
    text = (
        "NPO supported the Nordland-Kenya IP Experts Group and attended its 8th and 9th meetings "
        "in February and August respectively.\n"
    )
    assert facts(text, names) == [
        ("meeting", "working-group", "2024-02", ["KE"]),
        ("meeting", "working-group", "2024-08", ["KE"]),
    ]


def test_bodies_listed_after_one_named_for_an_organization_are_that_organizations(names):
    text = (
        "Over the year, NPO took part in the meetings of the WIPO Coordination Committee, the "
        "Program and Budget Committee and the Advisory Committee on Enforcement (ACE).\n"
    )
    assert facts(text, names) == [("meeting", "assembly", "2024", ["wipo"])] * 3


def test_a_trip_made_to_two_countries_is_a_delegation_sent_to_both(names):
    text = "In April, Deputy Commissioner Oda Lund made a trip to Iceland and Kenya.\n"
    assert facts(text, names) == [("delegation", "outgoing", "2024-04", ["IS", "KE"])]


def test_home_officials_received_by_a_foreign_office_were_sent_to_it(names):
    text = "In May, NPO officials were received by ISIPO in Reykjavik.\n"
    assert facts(text, names) == [("delegation", "outgoing", "2024-05", ["IS"])]


def test_examiners_who_joined_the_office_for_a_secondment_are_a_staff_exchange(names):
    text = "Two examiners from Kenya joined NPO for a six-month secondment in July.\n"
    assert facts(text, names) == [("training", "staff-exchange", "2024-07", ["KE"])]
