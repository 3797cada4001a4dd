"""The sixth round's general mechanisms, on small texts written for these tests (the Nordland
gazetteer of test_ingest_generic: offices and countries no chapter of the fixtures pairs)."""

import pytest

from tests.test_ingest_generic import facts, nordland


@pytest.fixture
def names():
    return nordland()


def test_heads_of_several_offices_received_in_the_passive_are_one_visit_each(names):
    text = (
        "The heads of the patent offices of Iceland, Kenya and Uruguay were also received by "
        "the Commissioner in Nordland.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024", ["IS"]),
        ("delegation", "incoming", "2024", ["KE"]),
        ("delegation", "incoming", "2024", ["UY"]),
    ]


def test_visitors_received_listed_one_by_one_between_semicolons_are_one_visit_each(names):
    text = (
        "Over the year, NPO's leadership received the Director General of ISIPO, Mr. Olaf Dunn; "
        "a group of examiners from KIPI; and the President of the National Directorate of "
        "Industrial Property.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024", ["IS"]),
        ("delegation", "incoming", "2024", ["KE"]),
        ("delegation", "incoming", "2024", ["UY"]),
    ]


def test_a_quarter_of_the_year_dates_by_the_year_and_takes_no_month_from_before(names):
    text = (
        "A work plan was signed with ISIPO on 4 March. A memorandum of understanding was "
        "concluded with KIPI in the first quarter.\n"
    )
    assert facts(text, names) == [
        ("agreement", "work-plan", "2024-03-04", ["IS"]),
        ("agreement", "mou", "2024", ["KE"]),
    ]


def test_a_sentence_ending_in_half_of_the_year_lends_no_month_to_the_next(names):
    text = (
        "Video meetings were held with ISIPO on 4 March and with KIPI in the second half of the "
        "year. The Director of DNPI was also received by the Commissioner in Nordland.\n"
    )
    found = facts(text, names)
    assert ("delegation", "incoming", "2024", ["UY"]) in found
    assert all(f[2] != "2024-03" or f[3] == ["IS"] for f in found)


def test_a_video_meeting_between_the_heads_of_two_offices_is_their_heads_meeting(names):
    text = "A video meeting between the heads of NPO and ISIPO was held on 9 October.\n"
    assert facts(text, names) == [("meeting", "heads-meeting", "2024-10-09", ["IS"])]


def test_an_agreement_on_the_supply_of_patent_data_is_a_data_exchange(names):
    text = "In June, an agreement on the supply of Nordic patent data was signed with KIPI.\n"
    assert facts(text, names) == [("agreement", "data-exchange", "2024-06", ["KE"])]


def test_cooperation_extended_to_more_offices_is_no_document_extended(names):
    text = (
        "In 2024, cooperation was extended to the offices of East Africa, and a memorandum of "
        "understanding was signed with KIPI in May.\n"
    )
    assert facts(text, names) == [("agreement", "mou", "2024-05", ["KE"])]


def test_a_count_of_courses_told_one_by_one_after_a_colon_is_one_training_each(names):
    text = (
        "Two courses for foreign examiners were held by NPO: a seminar on design examination, "
        "in Nordby in early May; and a course on patent searching, in late September.\n"
    )
    assert facts(text, names) == [
        ("training", "seminar", "2024-05", []),
        ("training", "workshop", "2024-09", []),
    ]


def test_meetings_held_in_the_plural_in_two_places_are_one_in_each(names):
    text = "NPO held roundtables with local universities in Nordby and Sudhavn.\n"
    assert facts(text, names) == [
        ("meeting", "roundtable", "2024", []),
        ("meeting", "roundtable", "2024", []),
    ]


def test_partners_each_with_their_own_time_one_of_them_a_half_of_the_year_are_one_each(names):
    text = (
        "Video meetings were held with ISIPO on 14 March and with KIPI in the second half of "
        "the year.\n"
    )
    assert facts(text, names) == [
        ("meeting", "high-level-meeting", "2024-03-14", ["IS"]),
        ("meeting", "high-level-meeting", "2024", ["KE"]),
    ]


def test_a_document_signed_during_a_visit_by_the_offices_official_tells_that_visit(names):
    text = (
        "A memorandum of understanding was signed with KIPI in Nairobi on 3 June, during a "
        "visit by Deputy Commissioner Alva Berg that also took in ISIPO.\n"
    )
    names.cities["Nairobi"] = "KE"
    assert sorted(facts(text, names)) == [
        ("agreement", "mou", "2024-06-03", ["KE"]),
        ("delegation", "outgoing", "2024-06-03", ["IS", "KE"]),
    ]


def test_a_shared_acronym_the_text_defines_keeps_that_office_in_later_paragraphs(names):
    for slug, name, country in (
        ("nipo-uy", "National Industrial Property Office of Uruguay", "UY"),
        ("nipo-ke", "National Industrial Property Office of Kenya", "KE"),
    ):
        names.offices[slug] = {
            "name": name,
            "acronym": "NIPO",
            "kind": "national",
            "country": country,
        }
        names.add("office", slug, "NIPO")
    text = (
        "In March, the Commissioner visited the National Industrial Property Office of Kenya "
        "(NIPO) in Nairobi.\n\n"
        "Over the year, two NPO examiners were seconded to NIPO under an examiner exchange "
        "programme.\n"
    )
    assert ("training", "staff-exchange", "2024", ["KE"]) in facts(text, names)


def test_a_document_signed_by_no_one_named_is_signed_with_the_party_just_told(names):
    text = (
        "On 5 April, the 3rd meeting of the Nordland-Kenya Working Group was held in Nairobi "
        "with KIPI. Deputy Commissioner Alva Berg led the NPO side, and a record of discussion "
        "was signed.\n"
    )
    names.cities["Nairobi"] = "KE"
    found = facts(text, names)
    assert ("agreement", "record-of-discussion", "2024-04", ["KE"]) in found
    assert ("delegation", "outgoing", "2024-04-05", ["KE"]) in found


def test_leading_a_delegation_to_an_event_and_meeting_a_head_is_a_meeting_too(names):
    text = (
        "In October, Deputy Commissioner Alva Berg led the NPO delegation to the 4th "
        "Nordland-Iceland IP Forum in Reykjavik and met Olaf Dunn, Director General of ISIPO.\n"
    )
    assert ("meeting", "high-level-meeting", "2024-10", ["IS"]) in facts(text, names)


def test_an_acronym_the_text_gives_a_countrys_office_names_that_office_later(names):
    text = (
        "In May, a memorandum of understanding was signed with the Kenyan Authority for "
        "Inventions (KAFI).\n\n"
        "Over the year, NPO examiners were sent as trainers to ISIPO and to the KAFI.\n"
    )
    found = facts(text, names)
    assert ("training", "trainers-sent", "2024", ["IS"]) in found
    assert ("training", "trainers-sent", "2024", ["KE"]) in found


def test_an_official_who_called_on_an_office_abroad_paid_it_a_visit(names):
    text = (
        "In September, the Nordland delegation was led by Commissioner Alva Berg, who also "
        "called on KIPI in Nairobi.\n"
    )
    assert facts(text, names) == [("delegation", "outgoing", "2024-09", ["KE"])]


def test_a_groupings_heads_meeting_chaired_by_one_member_is_a_meeting_of_all_members(names):
    names.groupings["t3"] = {"name": "T3", "offices": ["npo", "jpo", "ompi-uy"], "countries": []}
    names.add("grouping", "t3", "T3")
    text = (
        "On 2 June, the 9th T3 Heads of Office Meeting was held in Montevideo under the "
        "chairmanship of DNPI.\n"
    )
    assert ("meeting", "heads-meeting", "2024-06-02", ["JP", "UY"]) in facts(text, names)


def test_examiners_received_under_an_exchange_told_are_the_exchange_not_a_visit(names):
    text = (
        "Over the year, three NPO examiners were seconded to ISIPO under the examiner exchange "
        "programme, and examiners from Kenya and Uruguay were received in Nordland.\n"
    )
    found = facts(text, names)
    assert ("training", "staff-exchange", "2024", ["IS"]) in found
    assert ("training", "staff-exchange", "2024", ["KE", "UY"]) in found
    assert not [f for f in found if f[0] == "delegation"]


def test_an_office_that_is_the_subject_of_a_clause_of_its_own_is_no_party_before_it(names):
    text = (
        "In 2024, new data exchange agreements were concluded with ISIPO and KIPI, and the "
        "Uruguayan office became the fifth user of the Nordic search system.\n"
    )
    assert facts(text, names) == [
        ("agreement", "data-exchange", "2024", ["IS"]),
        ("agreement", "data-exchange", "2024", ["KE"]),
    ]


def test_an_acronym_given_to_a_body_named_for_its_country_names_that_country_later(names):
    text = (
        "On 4 May, the President of the Patent Institute of Ghana (PIG) was received by NPO in "
        "Nordland.\n\n"
        "In June, a PPH pilot agreement was signed by NPO and PIG.\n"
    )
    assert ("agreement", "pph", "2024-06", ["GH"]) in facts(text, names)
