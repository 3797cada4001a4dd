"""General mechanisms found by reading chapters the rules had not seen, on small texts written for
these tests (the offices and the home office of tests.test_ingest_generic)."""

import pytest

from cooperation.ingest.gazetteer import Gazetteer, Hit, _abbreviates_event
from tests.test_ingest_generic import facts, nordland, proposals_of


@pytest.fixture
def names() -> Gazetteer:
    return nordland()


def test_a_sentence_with_no_time_of_its_own_goes_on_with_the_paragraph_s_month(names):
    text = (
        "The 9th Heads Meeting of NPO and ISIPO was held in Reykjavik in March. Visitors toured "
        "the archive, and a work plan for 2025-2026 was signed with ISIPO.\n"
    )
    assert ("agreement", "work-plan", "2024-03", ["IS"]) in facts(text, names)


def test_a_sentence_naming_a_year_of_its_own_takes_no_month_from_the_paragraph(names):
    text = (
        "The 9th Heads Meeting of NPO and ISIPO was held in Reykjavik in March. A work plan "
        "was signed with DNPI in 2024.\n"
    )
    assert ("agreement", "work-plan", "2024", ["UY"]) in facts(text, names)


def test_what_the_office_also_did_takes_no_month_from_the_paragraph(names):
    text = (
        "A work plan was signed with ISIPO in May. The Office also sent two trainers to the "
        "Kenya Industrial Property Institute.\n"
    )
    assert ("training", "trainers-sent", "2024", ["KE"]) in facts(text, names)


def test_the_home_delegation_led_to_a_meeting_told_before_went_to_its_city_s_country(names):
    text = (
        "The 9th Heads Meeting of ISIPO and DNPI was held in Montevideo in March. Director "
        "Ana Berg led the NPO delegation.\n"
    )
    assert ("delegation", "outgoing", "2024-03", ["UY"]) in facts(text, names)


def test_the_delegation_to_one_organization_s_meeting_visits_the_organization_too(names):
    text = (
        "The General Assembly of WIPO was held in Geneva in October. Director Ana Berg headed "
        "the Nordic delegation.\n"
    )
    assert ("delegation", "outgoing", "2024-10", ["CH", "wipo"]) in facts(text, names)


def test_a_delegation_led_to_a_meeting_at_home_is_no_trip(names):
    text = (
        "The 9th Heads Meeting of ISIPO and NPO was held in Nordland in March. Director Ana "
        "Berg led the NPO delegation.\n"
    )
    assert facts(text, names) == [("meeting", "heads-meeting", "2024-03", ["IS"])]


def test_a_heads_meeting_told_in_lower_case_beside_a_seminar_is_a_meeting_too(names):
    text = (
        "In March, the heads meeting of the offices of Nordland, Iceland and Japan was held in "
        "Reykjavik, and a trilateral seminar on patent quality was held alongside it.\n"
    )
    found = facts(text, names)
    assert ("meeting", "heads-meeting", "2024-03", ["IS", "JP"]) in found
    assert ("meeting", "seminar", "2024-03", ["IS", "JP"]) in found


def test_a_joint_or_bilateral_seminar_is_a_meeting_of_peers_not_teaching(names):
    text = "In May, a bilateral seminar on trademarks was held with ISIPO in Reykjavik.\n"
    assert ("meeting", "seminar", "2024-05", ["IS"]) in facts(text, names)


def test_an_acronym_spelling_an_event_s_words_before_a_qualifier_is_the_event_not_an_office():
    text = "The 5th Meeting of the Heads of IP Offices of Nordic countries (HIPO) took place."
    at = text.index("HIPO")
    assert _abbreviates_event(text, Hit("office", "hipo-hu", at, at + 4))


def test_an_office_named_as_host_is_no_event_though_its_name_ends_in_commission(names):
    names.offices["ipc-gh"] = {
        "name": "Ghana Industrial Property Commission",
        "acronym": "GIPC",
        "kind": "national",
        "country": "GH",
    }
    names.add("office", "ipc-gh", "Ghana Industrial Property Commission")
    text = (
        "In May, the 4th Regional Heads Meeting was held in Accra, hosted by the Ghana "
        "Industrial Property Commission.\n"
    )
    assert facts(text, names) == [("meeting", "heads-meeting", "2024-05", ["GH"])]


def test_training_as_the_subject_of_a_document_is_no_training(names):
    text = (
        "In May, Director Ana Berg attended the talks, where a work plan on examiner training "
        "for 2025-2026 was signed with ISIPO.\n"
    )
    assert facts(text, names) == [("agreement", "work-plan", "2024-05", ["IS"])]


def test_a_body_named_by_its_noun_that_met_is_that_body_s_meeting(names):
    text = "The Nordic-Icelandic IP Working Group had met online with ISIPO in April.\n"
    assert ("meeting", "working-group", "2024-04", ["IS"]) in facts(text, names)


def test_heads_of_several_countries_offices_received_at_home_are_a_visit_from_each(names):
    text = (
        "Heads or deputy heads of the IP offices of Iceland, Japan and Kenya were received at "
        "NPO during the year.\n"
    )
    assert sorted(facts(text, names)) == [
        ("delegation", "incoming", "2024", ["IS"]),
        ("delegation", "incoming", "2024", ["JP"]),
        ("delegation", "incoming", "2024", ["KE"]),
    ]


def test_delegations_from_two_offices_are_two_visits_and_a_name_with_and_is_one(names):
    names.offices["dkpto"] = {
        "name": "Danish Patent and Trademark Office",
        "acronym": "DKPTO",
        "kind": "national",
        "country": "DK",
    }
    names.add("office", "dkpto", "Danish Patent and Trademark Office")
    text = "Delegations from the Danish Patent and Trademark Office and ISIPO visited NPO in May.\n"
    assert sorted(facts(text, names)) == [
        ("delegation", "incoming", "2024-05", ["DK"]),
        ("delegation", "incoming", "2024-05", ["IS"]),
    ]


def test_a_visit_to_a_city_of_the_home_country_is_a_visit_received(names):
    names.cities["Nordstad"] = "ND"
    text = "In June, the Director General of ISIPO visited Nordstad.\n"
    assert facts(text, names) == [("delegation", "incoming", "2024-06", ["IS"])]


def test_staff_members_seconded_to_an_organization_are_a_staff_exchange(names):
    text = "Two staff members of NPO were seconded to WIPO.\n"
    assert ("training", "staff-exchange", "2024", ["wipo"]) in facts(text, names)


def test_trainers_who_were_sent_or_went_abroad_are_trainers_sent(names):
    sent = "In July, trainers were sent to the Kenya Industrial Property Institute.\n"
    went = "In July, a group of NPO trainers went to Montevideo to train DNPI examiners.\n"
    assert facts(sent, names) == [("training", "trainers-sent", "2024-07", ["KE"])]
    assert ("training", "trainers-sent", "2024-07", ["UY"]) in facts(went, names)


def test_an_agreement_extending_a_pilot_for_some_years_is_an_extension(names):
    text = "In May, ISIPO and NPO signed an agreement extending their PPH pilot for four years.\n"
    assert facts(text, names) == [("agreement", "extension", "2024-05", ["IS"])]


def _with_grouping(names):
    names.groupings["n3"] = {"name": "N3", "offices": ["npo", "jpo", "ipo-is"], "countries": []}
    names.add("grouping", "n3", "N3")
    return names


def test_a_grouping_s_meeting_chaired_by_one_member_is_a_meeting_of_all_its_members(names):
    text = "The N3 Annual Meeting took place in Tokyo in May under the chairmanship of the JPO.\n"
    found = facts(text, _with_grouping(names))
    assert ("meeting", "heads-meeting", "2024-05", ["IS", "JP"]) in found


def test_a_statement_adopted_by_the_offices_binds_those_of_the_meeting_before(names):
    text = (
        "The N3 Annual Meeting took place in Tokyo in May under the chairmanship of the JPO. "
        "Director Ana Berg attended, and a joint statement was adopted by the three offices.\n"
    )
    found = facts(text, _with_grouping(names))
    assert ("agreement", "joint-statement", "2024-05", ["IS", "JP"]) in found


def test_heads_who_met_in_a_month_with_no_partner_named_held_a_heads_meeting(names):
    text = (
        "In August, the heads of the IP offices of Nordland and ten neighbouring states met "
        "online for the 5th time.\n"
    )
    assert facts(text, names) == [("meeting", "heads-meeting", "2024-08", [])]


def test_heads_of_one_office_named_twice_met_on_a_trip_are_no_list_of_visitors(names):
    text = (
        "In May, Director Ana Berg visited Iceland. The delegation met the heads of ISIPO and of "
        "the Icelandic patent court, and signed a work plan with the Icelandic side.\n"
    )
    assert ("agreement", "work-plan", "2024-05", ["IS"]) in facts(text, names)


def test_talks_held_by_video_with_a_head_are_a_high_level_meeting(names):
    text = "In April, Director Ana Berg held talks by video with the Director General of ISIPO.\n"
    assert facts(text, names) == [("meeting", "high-level-meeting", "2024-04", ["IS"])]


def test_an_action_plan_signed_is_a_work_plan(names):
    text = "In May, ISIPO and NPO signed the bilateral cooperation action plan for 2025-2026.\n"
    assert facts(text, names) == [("agreement", "work-plan", "2024-05", ["IS"])]


def test_a_joint_council_s_meeting_is_an_assembly(names):
    text = "In April, the Nordland-Iceland Joint Council held its meeting online with ISIPO.\n"
    assert ("meeting", "assembly", "2024-04", ["IS"]) in facts(text, names)


def test_students_enrolled_in_a_master_s_programme_are_its_class(names):
    text = "In September, 20 students enrolled in the Master of Laws Programme on IP at NPO.\n"
    assert facts(text, names) == [("training", "master-programme", "2024-09", [])]


def test_a_newly_named_event_with_no_time_takes_no_month_from_the_paragraph(names):
    text = (
        "A course for ISIPO examiners was held in May. The Master Program on IP enrolled its "
        "eighth class of 30 students.\n"
    )
    assert ("training", "master-programme", "2024", []) in facts(text, names)


def test_an_event_held_in_tandem_or_the_next_day_keeps_the_paragraph_s_month(names):
    text = (
        "The 4th Heads Meeting of NPO and ISIPO was held in Reykjavik in March. The "
        "Nordland-Iceland User Symposium was held in tandem.\n"
    )
    assert ("meeting", "conference", "2024-03", ["IS"]) in facts(text, names)


def test_examiners_of_two_offices_in_an_examiner_exchange_are_a_staff_exchange(names):
    text = "Examiners of ISIPO and NPO took part in an online examiner exchange in July.\n"
    assert facts(text, names) == [("training", "staff-exchange", "2024-07", ["IS"])]


def test_an_expert_team_that_trained_examiners_abroad_is_trainers_sent(names):
    text = "An NPO expert team trained examiners of ISIPO in Reykjavik in October.\n"
    assert facts(text, names) == [("training", "trainers-sent", "2024-10", ["IS"])]


def test_an_office_whose_name_ends_in_council_hides_no_course_it_attended(names):
    names.offices["ncc-po"] = {
        "name": "Nordic Cooperation Council Patent Office",
        "acronym": "NCC",
        "kind": "regional",
        "country": None,
    }
    names.add("office", "ncc-po", "Nordic Cooperation Council Patent Office")
    text = (
        "In May, 30 examiners of the Nordic Cooperation Council Patent Office attended an "
        "online training course delivered by NPO.\n"
    )
    assert facts(text, names) == [("training", "workshop", "2024-05", ["ncc-po"])]


def test_a_document_signed_in_the_passive_takes_the_party_named_after_its_verb(names):
    text = (
        "A work plan was signed with DNPI in Montevideo, and an agreement on a PPH pilot "
        "program was signed with ISIPO in Reykjavik.\n"
    )
    found = facts(text, names)
    assert ("agreement", "pph", "2024", ["IS"]) in found
    assert ("agreement", "work-plan", "2024", ["UY"]) in found


def test_a_document_in_its_own_clause_takes_no_party_of_the_next_clause_s_document(names):
    text = (
        "ISIPO and NPO signed an agreement extending their PPH pilot for three years, and a "
        "PPH agreement was signed in December with DNPI.\n"
    )
    found = facts(text, names)
    assert ("agreement", "extension", "2024", ["IS"]) in found
    assert ("agreement", "pph", "2024-12", ["UY"]) in found


def test_trainers_gone_to_a_city_train_the_office_named_after_it(names):
    text = (
        "In July, a group of NPO trainers went to Montevideo, where examiners of the Uruguayan "
        "office were trained.\n"
    )
    assert facts(text, names) == [("training", "trainers-sent", "2024-07", ["UY"])]


def test_an_annual_dialogue_two_offices_held_is_a_dialogue(names):
    text = "In December, NPO and ISIPO held their annual IP dialogue by videoconference.\n"
    assert facts(text, names) == [("meeting", "dialogue", "2024-12", ["IS"])]


def test_the_parties_of_a_signing_during_a_summit_are_not_the_summit_s(names):
    text = (
        "In May, the Nordic-Baltic Summit was held in Nordstad, during which NPO and ISIPO "
        "signed a memorandum of understanding.\n"
    )
    found = facts(text, names)
    assert ("meeting", "conference", "2024-05", []) in found
    assert ("agreement", "mou", "2024-05", ["IS"]) in found


def test_bodies_a_list_names_by_acronym_after_a_named_one_are_meetings_of_its_kind(names):
    text = (
        "Experts of NPO attended the sessions of the Standing Committee on the Law of Patents "
        "(SCP), the CDIP and the IGC at WIPO during the year.\n"
    )
    found = [f for f in facts(text, names) if f[:2] == ("meeting", "assembly")]
    assert len(found) == 3


def test_an_acronym_in_such_a_list_that_names_an_office_is_no_meeting(names):
    text = (
        "Experts of NPO attended the sessions of the Standing Committee on the Law of Patents "
        "(SCP) and the JPO during the year.\n"
    )
    assert len([f for f in facts(text, names) if f[0] == "meeting"]) == 1


def test_an_unnamed_seminar_held_on_days_told_is_an_event_though_no_partner_is_named(names):
    text = (
        "An advanced seminar on IP policy for officials from developing countries was held "
        "in Nordstad from 5 to 14 December.\n"
    )
    assert facts(text, names) == [("training", "seminar", "2024-12-05", [])]


def test_visits_from_several_organizations_the_database_lacks_have_keys_of_their_own(names):
    text = (
        "Its leaders received delegations from the Nordland Chamber of Commerce, the Baltic "
        "Business Council and the Arctic Trade Association.\n"
    )
    keys = [p.key for p in proposals_of(text, names)]
    assert len(keys) == 3
    assert len(set(keys)) == 3


def test_a_grouping_s_meeting_with_industry_is_a_roundtable_of_its_members(names):
    text = (
        "The N3 Industry Consultation Meeting was held in Tokyo in June with users of the "
        "three offices.\n"
    )
    found = facts(text, _with_grouping(names))
    assert ("meeting", "roundtable", "2024-06", ["IS", "JP"]) in found


def test_a_meeting_named_with_its_grouping_s_acronym_inside_is_the_grouping_s(names):
    text = (
        "In December, NPO sent a delegation to the 4th Nordic Three Forum (N3) Annual Meeting "
        "in Tokyo.\n"
    )
    found = facts(text, _with_grouping(names))
    assert ("meeting", "heads-meeting", "2024-12", ["IS", "JP"]) in found


def test_taking_an_active_part_in_a_named_dialogue_is_taking_part(names):
    text = "NPO took an active part in the Nordland-Iceland High-level Trade Dialogue.\n"
    assert ("meeting", "dialogue", "2024", ["IS"]) in facts(text, names)


def test_a_user_session_held_with_a_meeting_is_a_roundtable(names):
    text = (
        "NPO hosted the 5th Heads Meeting with ISIPO in Nordstad from 2 to 3 May. A user "
        "session was organized in tandem with the meeting.\n"
    )
    assert ("meeting", "roundtable", "2024-05-02", []) in facts(text, names)


def test_numbered_meetings_of_a_body_are_one_each_in_their_respective_months(names):
    text = (
        "NPO attended the 14th and 15th meetings of the Arctic Patent Experts Group, in "
        "February and August respectively.\n"
    )
    assert facts(text, names) == [
        ("meeting", "working-group", "2024-02", []),
        ("meeting", "working-group", "2024-08", []),
    ]


def test_a_clause_with_no_known_partner_of_its_own_takes_its_city_s_country(names):
    text = (
        "In May, Director Ana Berg led a delegation to Iceland and Uruguay. In Reykjavik, a "
        "work plan with ISIPO was signed; in Montevideo, a memorandum of understanding was "
        "concluded with the Uruguayan Trademark Board.\n"
    )
    assert ("agreement", "mou", "2024-05", ["UY"]) in facts(text, names)


def test_a_course_held_for_officials_from_offices_trains_them_and_its_backer(names):
    text = (
        "With the support of WIPO, the Nordic Training Course on IP was held online in "
        "September for 40 officials from ISIPO and the Kenya Industrial Property Institute.\n"
    )
    found = facts(text, names)
    assert found == [("training", "workshop", "2024-09", ["IS", "KE", "wipo"])]


def test_a_meeting_abroad_whose_document_is_about_the_home_country_is_no_visit_received(names):
    text = (
        "On the margins of the Assemblies in Geneva, Director Ana Berg met the WIPO Director "
        "General in July, and the two sides signed a memorandum on the network of TISCs in "
        "Nordland.\n"
    )
    assert facts(text, names) == [
        ("meeting", "high-level-meeting", "2024-07", ["wipo"]),
        ("agreement", "mou", "2024-07", ["wipo"]),
    ]


def test_a_delegation_headed_by_someone_that_attended_a_meeting_abroad_went_there(names):
    text = (
        "A Nordic delegation headed by Director Ana Berg attended the 12th General Assembly "
        "of WIPO, which was held in Geneva in July.\n"
    )
    assert ("delegation", "outgoing", "2024-07", ["CH", "wipo"]) in facts(text, names)


def test_a_few_seminars_held_with_a_named_partner_are_one_series_not_a_count(names):
    text = "Two PCT roving seminars were organized together with WIPO, in Nordstad and Sudby.\n"
    assert facts(text, names) == [("training", "roving-seminar", "2024", ["wipo"])]


def test_many_courses_run_are_a_count_for_the_figures_not_an_event(names):
    text = "NPO ran 14 online training courses with WIPO during the year.\n"
    assert facts(text, names) == []


def test_an_agreement_turning_a_pilot_permanent_is_that_pilot_s_document_alone(names):
    text = (
        "In June, ISIPO and NPO signed an agreement turning their PPH pilot program into a "
        "permanent program.\n"
    )
    assert facts(text, names) == [("agreement", "pph", "2024-06", ["IS"])]


def test_each_instrument_of_accession_or_ratification_deposited_is_a_document(names):
    text = (
        "In March, Nordland deposited with WIPO its instrument of accession to the Lisbon "
        "Agreement and its instrument of ratification of the Beijing Treaty.\n"
    )
    assert facts(text, names) == [
        ("agreement", "other-document", "2024-03", ["wipo"]),
        ("agreement", "other-document", "2024-03", ["wipo"]),
    ]


def test_staff_who_started_work_abroad_as_junior_professional_officers_are_an_exchange(names):
    text = "Three NPO staff members started work at WIPO as Junior Professional Officers.\n"
    assert facts(text, names) == [("training", "staff-exchange", "2024", ["wipo"])]


def test_a_paragraph_that_told_several_months_dates_only_what_refers_back(names):
    chronicle = (
        "A seminar with WIPO was held in May. A summer school with WIPO took place in July. "
        "Three NPO staff members started work at WIPO as Junior Professional Officers.\n"
    )
    story = (
        "The deputy heads of NPO and ISIPO met in January. The 5th Heads Meeting of NPO and "
        "ISIPO was held in Reykjavik in June. Director Ana Berg led the NPO delegation.\n"
    )
    assert ("training", "staff-exchange", "2024", ["wipo"]) in facts(chronicle, names)
    assert ("delegation", "outgoing", "2024-06", ["IS"]) in facts(story, names)


def test_a_numbered_bilateral_consultation_two_offices_held_is_a_dialogue(names):
    text = "NPO and ISIPO held their 10th bilateral consultation by video link in May.\n"
    assert facts(text, names) == [("meeting", "dialogue", "2024-05", ["IS"])]


def test_a_trip_to_two_cities_visits_both_countries_though_one_office_is_met(names):
    text = (
        "In July, Director Ana Berg travelled to Reykjavik for talks with ISIPO, and then to "
        "Montevideo, where she visited DNPI.\n"
    )
    outgoing = [f for f in facts(text, names) if f[:2] == ("delegation", "outgoing")]
    assert outgoing == [("delegation", "outgoing", "2024-07", ["IS", "UY"])]


def test_a_named_agreement_renewed_is_one_extension_not_two_documents(names):
    text = "In September, the patent data exchange agreement with ISIPO was renewed.\n"
    assert facts(text, names) == [("agreement", "extension", "2024-09", ["IS"])]


def test_a_speech_at_a_meeting_held_abroad_is_a_trip_there(names):
    text = (
        "Director Ana Berg delivered a keynote speech at the opening of the Global Patent "
        "Summit held in Geneva in March.\n"
    )
    assert ("delegation", "outgoing", "2024-03", ["CH"]) in facts(text, names)


def test_examiners_sent_abroad_for_an_exchange_programme_are_an_exchange_of_staff(names):
    text = "In May, NPO sent three examiners to ISIPO for a two-month exchange programme.\n"
    assert facts(text, names) == [("training", "staff-exchange", "2024-05", ["IS"])]


def test_a_document_signed_in_another_year_is_not_one_of_this_year(names):
    old = "The memorandum of understanding with ISIPO, signed in 2019, remained in force.\n"
    renewed = (
        "In June, NPO and ISIPO renewed for five years the memorandum of understanding they "
        "had signed in 2019.\n"
    )
    assert facts(old, names) == []
    assert [f[0] for f in facts(renewed, names)] == ["agreement"]


def test_visits_received_from_heads_of_two_offices_are_one_each_in_their_months(names):
    text = (
        "Visits were received from the heads of the IP offices of Iceland and Japan in May and "
        "July respectively.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-05", ["IS"]),
        ("delegation", "incoming", "2024-07", ["JP"]),
    ]


def test_a_trip_to_two_cities_keeps_the_city_it_names_as_its_place(names):
    text = (
        "In July, Director Ana Berg travelled to Reykjavik for talks with ISIPO, and then to "
        "Montevideo, where she visited DNPI.\n"
    )
    # Reading it once failed; the trip visits both countries, the talks are the first stop's.
    assert facts(text, names) == [
        ("delegation", "outgoing", "2024-07", ["IS", "UY"]),
        ("meeting", "high-level-meeting", "2024-07", ["IS"]),
    ]
    assert all(isinstance(p.city, str) for p in proposals_of(text, names))
