"""The seventh round's general mechanisms, on small texts written for these tests (the Nordland
gazetteer of test_ingest_generic: offices and countries no chapter of the fixtures pairs)."""

import pytest

from cooperation.ingest import evaluate, passages
from tests.test_ingest_generic import facts, nordland, proposals_of


@pytest.fixture
def names():
    gazetteer = nordland()
    gazetteer.add_world_countries()
    return gazetteer


def test_a_state_the_database_does_not_hold_is_still_a_country_visited(names):
    text = (
        "In May, the Commissioner visited Zambia and Malawi and signed a memorandum of "
        "understanding with the Zambian patent registry.\n"
    )
    found = facts(text, names)
    assert ("delegation", "outgoing", "2024-05", ["MW", "ZM"]) in found
    assert ("agreement", "mou", "2024-05", ["ZM"]) in found


def test_a_state_the_database_holds_keeps_its_own_name(names):
    assert names.countries["KE"] == "Kenya"
    assert "KE" not in names.unheld and "ZM" in names.unheld


def test_a_state_the_database_lacks_counts_as_a_partner_as_storage_keeps_it(names):
    text = "In May, the Commissioner visited Kenya and Zambia.\n"
    proposals = proposals_of(text, names)
    both = [evaluate.Curated("delegation", "outgoing", 5, frozenset({"KE", "ZM"}), "trip")]
    assert evaluate.score(proposals, both, names).right == 1
    one = [evaluate.Curated("delegation", "outgoing", 5, frozenset({"KE"}), "trip")]
    scored = evaluate.score(proposals, one, names)
    assert (scored.right, scored.partner_errors) == (0, 1)


def test_a_paragraph_cut_by_a_page_footer_goes_on_after_it_and_the_next_keeps_its_own_date(
    names,
):
    text = (
        "In October, NPO held a video meeting with KIPI on examination practice, search tools "
        "and\n\nNPO Annual Report 2024\n\n\n\nexamination guidelines. NPO also kept in touch with "
        "EUIPO.\n\nThe Commissioner met with the heads of the patent offices of Iceland and "
        "Uruguay in Nordland.\n"
    )
    found = passages.split(text)
    assert [p.is_caption for p in found] == [False, False]
    assert "Annual Report" not in found[0].text
    assert found[0].text.endswith("kept in touch with EUIPO.")
    dated = facts(text, names)
    assert ("delegation", "incoming", "2024", ["IS"]) in dated
    assert ("delegation", "incoming", "2024", ["UY"]) in dated


def test_an_agreement_renewed_by_an_active_verb_after_another_signed_is_an_extension(names):
    text = (
        "In May, the Commissioner visited Iceland, signed a work plan with ISIPO and renewed "
        "the PPH pilot programme with it.\n"
    )
    found = facts(text, names)
    assert ("agreement", "work-plan", "2024-05", ["IS"]) in found
    assert ("agreement", "extension", "2024-05", ["IS"]) in found
    assert not any(f[1] == "pph" for f in found)


def test_the_scope_of_a_document_extended_is_no_extension(names):
    text = "In May, NPO and KIPI agreed to extend the scope of their PPH pilot programme.\n"
    assert ("agreement", "extension", "2024-05", ["KE"]) not in facts(text, names)


def test_a_month_of_a_later_year_dates_a_plan_not_the_signing(names):
    text = (
        "In September, the Director of DNPI visited NPO. NPO and DNPI signed an MOU on PPH and "
        "agreed to launch the pilot in February 2025.\n"
    )
    found = facts(text, names)
    assert ("agreement", "pph", "2024-09", ["UY"]) in found
    assert not any(f[2].startswith("2025") for f in found)


def test_the_acronym_of_a_body_named_by_its_countrys_adjective_names_that_country(names):
    text = (
        "In April, Mr. Aru Dale, President of the Zambian Patents and Companies Agency (ZPCA), "
        "visited NPO. NPO and ZPCA signed a work plan.\n"
    )
    found = facts(text, names)
    assert ("delegation", "incoming", "2024-04", ["ZM"]) in found
    assert ("agreement", "work-plan", "2024-04", ["ZM"]) in found


def test_an_undated_photo_of_a_meeting_in_a_city_visited_is_the_visit(names):
    text = (
        "From 3 to 7 June, the Deputy Commissioner led a delegation to the Icelandic "
        "Intellectual Property Office (ISIPO) in Reykjavik and to Uruguay.\n\n\n"
        "The Deputy Commissioner met with Ms. Ana Berg, Director General of ISIPO, in "
        "Reykjavik.\n"
    )
    assert facts(text, names) == [("delegation", "outgoing", "2024-06-03", ["IS", "UY"])]


def test_a_numbered_session_of_an_organizations_committee_by_its_acronym_is_its_meeting(names):
    text = (
        "NPO took part in the sessions of the WIPO Standing Committee on Trademarks (SCT) and "
        "the WIPO Coordination Committee.\n\n"
        "In May, the Deputy Commissioner attended the 45th session of the SCT in Geneva.\n"
    )
    found = facts(text, names)
    assert ("delegation", "outgoing", "2024-05", ["CH", "wipo"]) in found
    assert ("meeting", "assembly", "2024-05", ["wipo"]) in found
    # (the year's summary told that session too: one meeting, in its month)
    assert found.count(("meeting", "assembly", "2024", ["wipo"])) == 1


def test_a_sentences_opening_preposition_is_no_part_of_an_event_name(names):
    text = (
        "In March, the Commissioner led the delegation to the 12th Nordic Patent Assembly in "
        "Reykjavik. During the Assembly, the Commissioner met heads of several offices.\n"
    )
    assert facts(text, names) == [
        ("delegation", "outgoing", "2024-03", ["IS"]),
        ("meeting", "assembly", "2024-03", []),
    ]


def test_talks_held_at_home_with_the_visitor_just_told_are_a_meeting_of_the_visit(names):
    text = (
        "In March, ISIPO Director General Ms. Ana Berg visited NPO. The Commissioner held talks "
        "with her in Nordland and the two sides signed a work plan.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-03", ["IS"]),
        ("meeting", "high-level-meeting", "2024-03", ["IS"]),
        ("agreement", "work-plan", "2024-03", ["IS"]),
    ]


def test_a_seminar_the_two_sides_held_together_is_a_meeting_of_peers(names):
    text = (
        "In May, the Director of KIPI visited NPO. The two sides also held the 3rd "
        "Nordland-Kenya Seminar on Utility Models.\n"
    )
    found = facts(text, names)
    assert ("meeting", "seminar", "2024-05", ["KE"]) in found
    assert not any(f[0] == "training" for f in found)


def test_offices_named_in_a_clause_of_their_own_after_a_list_of_visitors_sent_no_one(names):
    text = (
        "The Commissioner met with heads of IP offices of Iceland, Kenya and Uruguay in "
        "Nordland, and NPO newly established cooperation relations with the IP office of Ghana.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024", ["IS"]),
        ("delegation", "incoming", "2024", ["KE"]),
        ("delegation", "incoming", "2024", ["UY"]),
    ]


def test_delegations_received_from_a_list_end_where_a_clause_of_its_own_begins(names):
    text = (
        "NPO received delegations from ISIPO and KIPI, and the Commissioner later signed a work "
        "plan with DNPI.\n"
    )
    found = facts(text, names)
    assert ("delegation", "incoming", "2024", ["UY"]) not in found
    assert ("delegation", "incoming", "2024", ["IS"]) in found


def test_a_city_whose_name_has_a_particle_is_the_venue_not_a_partner(names):
    names.cities["Rio de Janeiro"] = "UY"  # (a city of the test's own, with a particle)
    text = (
        "In April, the Deputy Commissioner attended the 5th Meeting of Heads of IP Offices of "
        "Iceland and Kenya in Rio de Janeiro, Uruguay.\n"
    )
    found = facts(text, names)
    assert ("delegation", "outgoing", "2024-04", ["UY"]) in found
    assert ("meeting", "heads-meeting", "2024-04", ["IS", "KE"]) in found


def test_a_delegation_headed_by_someone_that_attended_the_meetings_told_went_to_their_venue(
    names,
):
    text = (
        "The 4th Meeting of Heads of IP Offices of Iceland and Kenya was held in Reykjavik on "
        "3 May. A NPO delegation headed by the Deputy Commissioner attended the meeting. On the "
        "way back, the delegation stopped in Montevideo, where a work plan was signed with "
        "DNPI.\n"
    )
    found = facts(text, names)
    assert ("delegation", "outgoing", "2024-05-03", ["IS", "UY"]) in found
    assert ("agreement", "work-plan", "2024-05-03", ["UY"]) in found


def test_the_heads_of_delegation_of_the_offices_just_told_who_met_held_their_heads_meeting(
    names,
):
    text = (
        "In June, the Deputy Commissioner led a delegation to the 7th Trilateral Seminar of NPO, "
        "ISIPO and KIPI in Reykjavik. The heads of delegation of the three offices met on the "
        "margins of the seminar.\n"
    )
    assert ("meeting", "heads-meeting", "2024-06", ["IS", "KE"]) in facts(text, names)


def test_offices_whose_heads_attended_the_meeting_just_told_are_its_participants(names):
    text = (
        "In July, NPO hosted the 3rd Nordland-Atlantic Heads of IP Offices Meeting. Heads and "
        "representatives of the IP offices of Iceland, Kenya and Uruguay attended the meeting "
        "and a joint statement was adopted.\n"
    )
    found = facts(text, names)
    assert ("meeting", "heads-meeting", "2024-07", ["IS", "KE", "UY"]) in found
    assert [f for f in found if f[0] == "agreement"] == [
        ("agreement", "joint-statement", "2024-07", ["IS", "KE", "UY"])
    ]


def test_a_document_signed_and_another_renewed_in_the_next_clause_are_two(names):
    text = (
        "In May, an MOU was signed with ISIPO, and the work plan with KIPI was renewed for two "
        "years.\n"
    )
    assert facts(text, names) == [
        ("agreement", "mou", "2024-05", ["IS"]),
        ("agreement", "extension", "2024-05", ["KE"]),
    ]


def test_officials_sent_to_work_somewhere_under_a_secondment_programme_go_to_it(names):
    text = (
        "NPO sent 2 more examiners to work at EUIPO under the secondment programme and supported "
        "KIPI in drafting its examination guidelines.\n"
    )
    assert facts(text, names) == [("training", "staff-exchange", "2024", ["euipo"])]


def test_a_predicate_of_its_own_after_and_has_its_own_object(names):
    text = "In May, NPO held a training workshop with ISIPO and supported KIPI in its reform.\n"
    assert facts(text, names) == [("training", "workshop", "2024-05", ["IS"])]


def test_examiners_of_other_offices_on_a_study_visit_at_home_are_a_staff_exchange(names):
    text = (
        "In July, 9 examiners from ISIPO and KIPI completed a two-week study visit at the NPO "
        "examination centre in Nordland.\n"
    )
    assert facts(text, names) == [("training", "staff-exchange", "2024-07", ["IS", "KE"])]


def test_the_following_month_is_a_month_not_written_so_the_year_alone(names):
    text = (
        "In March, the Commissioner visited Iceland and signed a work plan with ISIPO. The "
        "following month, a delegation of KIPI visited NPO. The two sides signed an MOU.\n"
    )
    found = facts(text, names)
    assert ("delegation", "incoming", "2024", ["KE"]) in found
    assert ("agreement", "mou", "2024", ["KE"]) in found
    assert not any(f[2] == "2024-03" and f[3] == ["KE"] for f in found)


def test_an_agreement_on_the_exchange_of_patent_documentation_is_a_data_exchange(names):
    text = "An agreement on the exchange of patent documentation was signed with KIPI in May.\n"
    assert facts(text, names) == [("agreement", "data-exchange", "2024-05", ["KE"])]


def test_bilateral_talks_held_on_the_margins_of_a_meeting_are_one_meeting_with_each(names):
    text = (
        "On the margins of the WIPO General Assembly in July, the Commissioner held bilateral "
        "talks with the heads of KIPI and DNPI.\n"
    )
    assert facts(text, names) == [
        ("meeting", "assembly", "2024-07", ["wipo"]),
        ("meeting", "high-level-meeting", "2024-07", ["KE"]),
        ("meeting", "high-level-meeting", "2024-07", ["UY"]),
    ]


def test_examiners_welcomed_to_a_training_course_are_taught(names):
    text = (
        "NPO welcomed 25 examiners from Kenya and Ghana to a three-week training course in "
        "Nordland in May.\n"
    )
    assert facts(text, names) == [("training", "workshop", "2024-05", ["GH", "KE"])]


def test_an_unnamed_meeting_of_the_heads_of_offices_is_their_heads_meeting(names):
    text = (
        "In October, NPO hosted the annual meeting of the heads of the Nordic-Atlantic IP "
        "offices, attended by the heads of ISIPO, KIPI and DNPI.\n"
    )
    assert facts(text, names) == [("meeting", "heads-meeting", "2024-10", ["IS", "KE", "UY"])]


def test_a_named_body_with_a_tail_to_its_name_that_met_held_its_meeting(names):
    text = "On 5 and 6 December, the NPO-EUIPO Working Group on Trademarks met in Alicante.\n"
    assert facts(text, names) == [("meeting", "working-group", "2024-12-05", ["euipo"])]


def test_the_first_meeting_of_a_joint_body_in_words_is_its_meeting(names):
    text = (
        "In October, NPO and ISIPO held the first meeting of their joint working group on patent "
        "examination via video link.\n"
    )
    assert facts(text, names) == [("meeting", "working-group", "2024-10", ["IS"])]


def test_documents_signed_after_meeting_the_heads_of_several_offices_are_kept(names):
    text = (
        "In September, the delegation met the heads of ISIPO and of KIPI, signed a work plan "
        "with the Icelandic side and concluded an MoU with the Kenyan institute.\n"
    )
    found = facts(text, names)
    assert ("agreement", "work-plan", "2024-09", ["IS"]) in found
    assert ("agreement", "mou", "2024-09", ["KE"]) in found


def test_an_acronym_given_before_the_country_of_the_body_names_that_country(names):
    text = (
        "In May, NPO signed a work plan with the Patents and Companies Agency (ZPB) of Zambia.\n\n"
        "The Commissioner and the Director of ZPB signed the work plan in Lusaka.\n"
    )
    assert facts(text, names) == [("agreement", "work-plan", "2024-05", ["ZM"])]


def test_a_named_committee_whose_session_someone_co_chaired_met(names):
    text = (
        "In October, the Deputy Commissioner visited Iceland, where he co-chaired the 12th session "
        "of the Nordland-Iceland Joint Committee on Intellectual Property with ISIPO.\n"
    )
    found = facts(text, names)
    assert ("meeting", "assembly", "2024-10", ["IS"]) in found


def test_a_photo_of_people_signing_the_document_shows_the_one_its_section_told(names):
    text = (
        "1 Bilateral Cooperation\n\n"
        "In May, Commissioner Ann Holm visited ISIPO in Reykjavik and signed a work plan with "
        "Director General Olaf Dunn.\n\n\n\n"
        "Commissioner Ann Holm and Director General Olaf Dunn signing the work plan.\n"
    )
    assert facts(text, names) == [
        ("delegation", "outgoing", "2024-05", ["IS"]),
        ("agreement", "work-plan", "2024-05", ["IS"]),
    ]


def test_an_implementation_plan_for_their_memorandum_is_a_plan_not_a_memorandum(names):
    text = "In September, NPO and KIPI signed an implementation plan for their MOU.\n"
    assert facts(text, names) == [("agreement", "work-plan", "2024-09", ["KE"])]


def test_a_hyphenated_word_before_delegation_or_visit_still_tells_the_trip(names):
    text = (
        "In April, the Commissioner led a high-level delegation to Iceland and Uruguay.\n\n"
        "In February, ISIPO's Deputy Director General led a five-person delegation to NPO.\n\n"
        "In March, the Deputy Commissioner paid a three-day visit to Kenya.\n"
    )
    assert facts(text, names) == [
        ("delegation", "outgoing", "2024-04", ["IS", "UY"]),
        ("delegation", "incoming", "2024-02", ["IS"]),
        ("delegation", "outgoing", "2024-03", ["KE"]),
    ]


def test_working_level_or_technical_talks_are_a_working_groups_kind(names):
    text = "In May, NPO held technical talks with KIPI on search tools.\n"
    assert facts(text, names) == [("meeting", "working-group", "2024-05", ["KE"])]


def test_a_one_on_one_meeting_on_the_sidelines_of_a_meeting_is_a_meeting_of_its_own(names):
    text = (
        "In October, the Commissioner held a one-on-one meeting with the President of KIPI on "
        "the sidelines of the WIPO General Assembly.\n"
    )
    found = facts(text, names)
    assert ("meeting", "high-level-meeting", "2024-10", ["KE"]) in found
    assert ("meeting", "assembly", "2024-10", ["wipo"]) in found


def test_a_study_visit_of_foreign_examiners_hosted_at_home_is_a_staff_exchange(names):
    text = "In November, NPO hosted a week-long study visit of 15 examiners from Ghana.\n"
    assert facts(text, names) == [("training", "staff-exchange", "2024-11", ["GH"])]


def test_representing_the_office_at_a_meeting_abroad_is_a_trip_there(names):
    text = (
        "In May, Deputy Commissioner Per Lind represented NPO at the 10th Nordic Heads of Office "
        "Meeting in Reykjavik.\n"
    )
    assert ("delegation", "outgoing", "2024-05", ["IS"]) in facts(text, names)


def test_the_minutes_of_their_numbered_meeting_are_a_record_of_discussion(names):
    text = "In May, NPO and KIPI signed the minutes of their 4th annual meeting.\n"
    assert facts(text, names) == [("agreement", "record-of-discussion", "2024-05", ["KE"])]
