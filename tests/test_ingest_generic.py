"""The ingest's general mechanisms (clauses, event nouns, cue words), on small texts written for
these tests with offices, countries and months that no chapter of the fixtures uses."""

import pytest

from cooperation.ingest import read
from cooperation.ingest.gazetteer import Gazetteer


@pytest.fixture
def names() -> Gazetteer:
    return nordland()


def nordland() -> Gazetteer:
    """A home office (Nordland's NPO) and partners the fixtures' chapters never pair with it."""
    g = Gazetteer(home_office="npo", home_country="ND")
    offices = {
        "npo": ("NPO", "Nordland Patent Office", "ND", "national"),
        "jpo": ("JPO", "Japan Patent Office", "JP", "national"),
        "ipo-is": ("ISIPO", "Icelandic Intellectual Property Office", "IS", "national"),
        "ompi-uy": ("DNPI", "National Directorate of Industrial Property", "UY", "national"),
        "ipo-ke": ("KIPI", "Kenya Industrial Property Institute", "KE", "national"),
        "euipo": (
            "EUIPO",
            "European Union Intellectual Property Office",
            None,
            "intergovernmental",
        ),
        "wipo": ("WIPO", "World Intellectual Property Organization", None, "intergovernmental"),
    }
    for slug, (acronym, name, country, kind) in offices.items():
        g.offices[slug] = {"name": name, "acronym": acronym, "kind": kind, "country": country}
        for surface in (acronym, name):
            g.add("office", slug, surface)
    countries = {
        "ND": ("Nordland", "Nordic"),
        "JP": ("Japan", "Japanese"),
        "IS": ("Iceland", "Icelandic"),
        "UY": ("Uruguay", "Uruguayan"),
        "KE": ("Kenya", "Kenyan"),
        "GH": ("Ghana", "Ghanaian"),
        "CH": ("Switzerland", "Swiss"),
    }
    for code, (name, alias) in countries.items():
        g.countries[code] = name
        g.add("country", code, name)
        g.add("country", code, alias, "alias")
    g.national_office = {"JP": "jpo", "IS": "ipo-is", "UY": "ompi-uy", "KE": "ipo-ke"}
    g.seats = {"wipo": "CH"}
    g.cities = {"Geneva": "CH", "Montevideo": "UY", "Reykjavik": "IS"}
    return g


def proposals_of(text, names, year=2024):
    return [p for p in read.read(text, gazetteer=names, year=year).proposals if p.type != "figure"]


def facts(text, names, year=2024):
    """(type, kind, date, partners) of each proposal, partners sorted."""
    return [
        (p.type, p.kind, p.date, sorted(p.partner_keys(names)))
        for p in proposals_of(text, names, year)
    ]


def test_two_clauses_of_one_sentence_each_keep_their_own_month_and_partner(names):
    text = (
        "A work plan for 2025-2026 was renewed with ISIPO in March, and a memorandum of "
        "understanding was concluded with the Kenyan office in October.\n"
    )
    assert facts(text, names) == [
        ("agreement", "work-plan", "2024-03", ["IS"]),
        ("agreement", "mou", "2024-10", ["KE"]),
    ]


def test_a_clause_dated_by_its_year_alone_takes_no_month_from_the_next_clause(names):
    text = (
        "The PPH cooperation with the Japan Patent Office was extended for three years in 2024, "
        "and in April a cooperation work plan was signed with DNPI.\n"
    )
    assert facts(text, names) == [
        ("agreement", "extension", "2024", ["JP"]),
        ("agreement", "work-plan", "2024-04", ["UY"]),
    ]


def test_a_clause_that_refers_back_to_the_heads_keeps_the_parties_of_the_clause_before(names):
    text = (
        "In February, the 4th Heads Meeting between NPO and ISIPO was held online, and the two "
        "heads signed a memorandum of understanding.\n"
    )
    found = facts(text, names)
    assert ("agreement", "mou", "2024-02", ["IS"]) in found
    assert ("meeting", "heads-meeting", "2024-02", ["IS"]) in found


def test_a_name_that_says_its_country_is_never_another_countrys_office(names):
    text = "A memorandum of understanding with the Ghanaian Patent Office was signed in June.\n"
    assert facts(text, names) == [("agreement", "mou", "2024-06", ["GH"])]


def test_a_document_whatever_its_noun_renewed_or_made_permanent_is_an_extension(names):
    text = (
        "The partnership between NPO and EUIPO was renewed in May.\n\n"
        "In July, NPO and KIPI agreed to make their PPH pilot programme permanent.\n"
    )
    assert facts(text, names) == [
        ("agreement", "extension", "2024-05", ["euipo"]),
        ("agreement", "extension", "2024-07", ["KE"]),
    ]


def test_a_document_with_no_party_named_takes_the_organization_of_its_section(names):
    text = (
        "2 Cooperation with WIPO\n\n"
        "The agreement on NPO's functioning as an International Searching Authority was "
        "extended until 2030 in September.\n"
    )
    assert facts(text, names) == [("agreement", "extension", "2024-09", ["wipo"])]


def test_the_same_month_dates_a_sentence_wherever_the_words_stand(names):
    text = (
        "The 3rd Heads Meeting between NPO and ISIPO was held in November. During the same "
        "month, a data-exchange agreement was concluded between NPO and DNPI.\n"
    )
    assert ("agreement", "data-exchange", "2024-11", ["UY"]) in facts(text, names)


def test_an_unnamed_seminar_or_course_given_with_a_partner_is_training(names):
    text = (
        "In May, a seminar on trade secrets was co-hosted in Reykjavik with ISIPO.\n\n"
        "Online training on trademark examination was provided in August to examiners of DNPI.\n\n"
        "NPO examiners delivered lectures remotely to staff of the Kenya Industrial Property "
        "Institute.\n"
    )
    assert facts(text, names) == [
        ("training", "seminar", "2024-05", ["IS"]),
        ("training", "workshop", "2024-08", ["UY"]),
        ("training", "workshop", "2024", ["KE"]),
    ]


def test_a_school_named_after_its_organizers_is_a_training_seminar(names):
    text = "Held online in April, the WIPO-NPO Winter School on Patents drew 300 participants.\n"
    assert facts(text, names) == [("training", "seminar", "2024-04", ["wipo"])]


def test_a_count_of_courses_is_a_figure_not_an_event(names):
    text = "Over the year, 22 online courses were held, training more than 900 people/times.\n"
    assert proposals_of(text, names) == []


def test_a_visit_agreed_in_principle_or_a_meeting_put_off_is_no_event(names):
    text = (
        "A visit to Nordland by the head of ISIPO has been agreed in principle and will be "
        "arranged next year.\n\n"
        "The 2nd Heads Meeting between NPO and DNPI, planned for May, was postponed.\n"
    )
    assert proposals_of(text, names) == []


def test_a_document_named_in_full_and_by_its_short_name_in_brackets_is_one(names):
    text = (
        "In June, a pilot programme on the Patent Prosecution Highway (PPH) was agreed with "
        "the Icelandic Intellectual Property Office.\n"
    )
    assert facts(text, names) == [("agreement", "pph", "2024-06", ["IS"])]


def test_an_arrangement_gives_way_to_what_it_is_about(names):
    text = "In March, an arrangement on the exchange of trademark data was concluded with DNPI.\n"
    assert facts(text, names) == [("agreement", "data-exchange", "2024-03", ["UY"])]


def test_a_seminar_that_officials_attend_teaches_them(names):
    text = (
        "Some 60 officials from Kenya and Ghana took part in the Nordland-Africa Patent Seminar, "
        "held in October.\n"
    )
    assert facts(text, names) == [("training", "seminar", "2024-10", ["GH", "KE"])]


def test_talks_held_with_each_partner_in_its_own_month_are_one_meeting_each(names):
    text = (
        "Video conferences were held with ISIPO in February, with DNPI in June and with the "
        "Kenyan office in November.\n"
    )
    assert facts(text, names) == [
        ("meeting", "high-level-meeting", "2024-02", ["IS"]),
        ("meeting", "high-level-meeting", "2024-06", ["UY"]),
        ("meeting", "high-level-meeting", "2024-11", ["KE"]),
    ]


def test_a_video_conference_between_two_heads_is_a_high_level_meeting(names):
    text = (
        "In April, during a video conference between the Commissioner of NPO and the Director "
        "of DNPI, a work plan for 2024-2025 was signed by the two offices.\n"
    )
    found = facts(text, names)
    assert ("meeting", "high-level-meeting", "2024-04", ["UY"]) in found
    assert ("agreement", "work-plan", "2024-04", ["UY"]) in found


def test_a_video_conference_of_experts_on_examination_is_a_working_group(names):
    text = "In May, NPO held a video conference on design examination with ISIPO.\n"
    assert facts(text, names) == [("meeting", "working-group", "2024-05", ["IS"])]


def test_bilateral_heads_meetings_with_two_offices_are_one_each(names):
    text = (
        "The 7th Heads Meeting between NPO, ISIPO and DNPI was held in March. During the same "
        "month, the bilateral heads meetings of NPO with ISIPO and with DNPI were convened.\n"
    )
    found = facts(text, names)
    assert ("meeting", "heads-meeting", "2024-03", ["IS"]) in found
    assert ("meeting", "heads-meeting", "2024-03", ["UY"]) in found


def test_representatives_met_online_are_met_one_by_one_known_or_not(names):
    text = (
        "In 2024, the senior management of NPO met online with representatives of the "
        "International Inventors Association, the Japan Patent Office and DNPI.\n"
    )
    found = proposals_of(text, names)
    assert [(p.kind, sorted(p.partner_keys(names))) for p in found] == [
        ("high-level-meeting", ["JP"]),
        ("high-level-meeting", ["UY"]),
        ("high-level-meeting", []),
    ]
    assert found[-1].unknown_names == ["International Inventors Association"]


def test_the_home_offices_own_delegation_attending_abroad_is_a_delegation_sent(names):
    text = (
        "An NPO delegation headed by the Commissioner attended the 65th Series of Meetings of "
        "the Assemblies of the Member States of WIPO in Geneva in July.\n"
    )
    sent = next(p for p in proposals_of(text, names) if p.type == "delegation")
    assert (sent.kind, sent.date, sorted(sent.partner_keys(names))) == (
        "outgoing",
        "2024-07",
        ["CH", "wipo"],
    )


def test_a_sentence_naming_a_partner_of_the_dated_sentence_before_takes_its_month(names):
    text = (
        "The 9th Heads Meeting between NPO and ISIPO was hosted online by ISIPO in August. "
        "The heads of NPO and ISIPO endorsed *the Joint Statement on Green Patents*.\n"
    )
    assert ("agreement", "joint-statement", "2024-08", ["IS"]) in facts(text, names)


def test_teaching_given_by_any_verb_to_a_partner_is_training_and_to_no_one_a_summary(names):
    text = (
        "In October, NPO trained examiners from Kenya and Ghana in a two-week course.\n\n"
        "NPO experts gave a workshop on patent drafting for KIPI staff in August.\n\n"
        "Through its online courses, NPO trained about 900 people from over 40 countries.\n"
    )
    assert facts(text, names) == [
        ("training", "workshop", "2024-10", ["GH", "KE"]),
        ("training", "workshop", "2024-08", ["KE"]),
    ]


def test_delegations_welcomed_from_each_partner_in_its_own_month_are_one_each(names):
    text = (
        "The Commissioner received visiting delegations from ISIPO in April and from DNPI in "
        "June.\n\nIn May, NPO welcomed a delegation of the Kenya Industrial Property Institute.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-04", ["IS"]),
        ("delegation", "incoming", "2024-06", ["UY"]),
        ("delegation", "incoming", "2024-05", ["KE"]),
    ]


def test_a_meeting_told_by_its_noun_alone_is_a_meeting_and_a_webinar_a_seminar(names):
    text = (
        "An online symposium on patents and AI was jointly organized by NPO and the JPO in May.\n\n"
        "A forum on IP financing, jointly hosted with DNPI, took place in Montevideo in November."
        "\n\nNPO and EUIPO co-organized a webinar on design protection in March.\n"
    )
    assert facts(text, names) == [
        ("meeting", "conference", "2024-05", ["JP"]),
        ("meeting", "conference", "2024-11", ["UY"]),
        ("training", "seminar", "2024-03", ["euipo"]),
    ]


def test_a_meeting_attended_in_a_city_the_data_places_abroad_is_a_trip_there(names):
    text = (
        "NPO attended the 12th Meeting of the Working Group on PCT Reform, held in Geneva in "
        "June.\n"
    )
    assert ("delegation", "outgoing", "2024-06", ["CH"]) in facts(text, names)


def test_a_visit_to_the_home_office_is_received_whoever_is_named_first(names):
    text = (
        "In September, the Director General of DNPI paid a visit to NPO.\n\n"
        "A Kenyan delegation visited NPO in January.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-09", ["UY"]),
        ("delegation", "incoming", "2024-01", ["KE"]),
    ]


def test_examiners_seconded_to_another_office_are_a_staff_exchange(names):
    text = "Two NPO examiners were seconded to ISIPO for six months from March.\n"
    assert facts(text, names) == [("training", "staff-exchange", "2024-03", ["IS"])]


def test_the_organization_of_the_occasion_is_not_a_partner_of_the_talks_held_there(names):
    text = (
        "In June, the Commissioner had a bilateral meeting with the Director General of ISIPO "
        "on the margins of the WIPO General Assembly.\n"
    )
    assert facts(text, names) == [("meeting", "high-level-meeting", "2024-06", ["IS"])]


def test_those_who_took_part_in_the_seminar_just_told_are_its_partners_not_a_new_seminar(names):
    text = (
        "In May, NPO held the Nordland-Africa Seminar on Patent Law with WIPO. Officials from "
        "Kenya and Ghana participated in the seminar.\n"
    )
    found = proposals_of(text, names)
    assert [(p.type, p.kind, sorted(p.partner_keys(names))) for p in found] == [
        ("training", "seminar", ["GH", "KE", "wipo"])
    ]
    assert found[0].quote == text.strip()


def test_consultations_held_with_an_office_are_a_dialogue_and_a_programme_agreed_on_a_document(
    names,
):
    text = (
        "NPO held its first bilateral consultations with the Kenyan office in December.\n\n"
        "In July, ISIPO and NPO agreed on a new cooperation programme for 2025-2027.\n"
    )
    assert facts(text, names) == [
        ("meeting", "dialogue", "2024-12", ["KE"]),
        ("agreement", "programme", "2024-07", ["IS"]),
    ]


def test_a_document_reviewed_is_not_a_document_signed(names):
    text = (
        "In April, the Commissioner received the Director General of ISIPO; the two heads signed "
        "a memorandum of understanding on PPH and reviewed the work plan.\n"
    )
    assert [f for f in facts(text, names) if f[0] == "agreement"] == [
        ("agreement", "pph", "2024-04", ["IS"])
    ]


def test_months_in_brackets_or_paired_respectively_date_each_partners_own_record(names):
    text = (
        "NPO hosted delegations from the JPO (May), DNPI (September) and KIPI (November).\n\n"
        "The PPH pilot programmes with ISIPO and DNPI were launched in January and March "
        "respectively.\n"
    )
    assert facts(text, names) == [
        ("delegation", "incoming", "2024-05", ["JP"]),
        ("delegation", "incoming", "2024-09", ["UY"]),
        ("delegation", "incoming", "2024-11", ["KE"]),
        ("agreement", "pph", "2024-01", ["IS"]),
        ("agreement", "pph", "2024-03", ["UY"]),
    ]


def test_a_month_before_the_next_partner_dates_that_partners_clause_not_the_one_before(names):
    text = "In May, NPO signed a MOU with ISIPO, and in June, a delegation of DNPI visited NPO.\n"
    assert facts(text, names) == [
        ("agreement", "mou", "2024-05", ["IS"]),
        ("delegation", "incoming", "2024-06", ["UY"]),
    ]


def test_the_head_met_during_a_visit_is_no_meeting_of_its_own(names):
    text = "In October, the Commissioner visited EUIPO and met its Executive Director.\n"
    assert facts(text, names) == [("delegation", "outgoing", "2024-10", ["euipo"])]


def test_a_stop_of_the_trip_just_told_is_not_another_trip(names):
    text = (
        "In May, the Commissioner led a delegation to Ghana and Kenya. In Accra, the delegation "
        "met officials of the Ghanaian registry; in Nairobi, it visited KIPI and signed an MOU "
        "on patent examination.\n"
    )
    found = proposals_of(text, names)
    trips = [p for p in found if p.kind == "outgoing"]
    assert [sorted(p.partner_keys(names)) for p in trips] == [["GH", "KE"]]
    mou = next(p for p in found if p.kind == "mou")
    assert (mou.date, mou.offices, mou.title) == ("2024-05", ["ipo-ke"], "MOU with KIPI")


def test_a_programme_being_prepared_is_no_event_but_one_signed_that_is_to_start_is(names):
    text = (
        "NPO is also preparing a PPH pilot programme with KIPI, to be launched next year.\n\n"
        "In June, NPO and DNPI signed a memorandum of understanding on a PPH pilot programme, "
        "which is to be launched next year.\n"
    )
    assert facts(text, names) == [("agreement", "pph", "2024-06", ["UY"])]


def test_a_day_of_another_year_dates_what_is_to_come_not_the_event(names):
    text = (
        "The heads of NPO and ISIPO met online in April and agreed to extend the PPH pilot "
        "programme for three more years from 1 February 2025.\n"
    )
    assert ("agreement", "extension", "2024-04", ["IS"]) in facts(text, names)
    assert all(p.month == 4 for p in proposals_of(text, names))


def test_the_heads_or_partner_offices_of_the_sentence_after_a_meeting_keep_its_month(names):
    text = (
        "NPO hosted the annual meeting of the heads of NPO and DNPI in Montevideo in August. "
        "The heads adopted a joint statement on digital services.\n\n"
        "The heads of NPO and JPO met online in February. The partner offices adopted a joint "
        "statement on patent quality.\n"
    )
    statements = [p for p in proposals_of(text, names) if p.kind == "joint-statement"]
    assert [(p.date, sorted(p.partner_keys(names))) for p in statements] == [
        ("2024-08", ["UY"]),
        ("2024-02", ["JP"]),
    ]


def test_a_meeting_still_to_be_hosted_or_a_visit_under_preparation_is_no_event(names):
    text = (
        "The next heads meeting is to be hosted by JPO in 2025. A visit to Iceland is under "
        "preparation for 2025.\n"
    )
    assert facts(text, names) == []


def test_an_acronym_whose_name_says_another_country_gives_that_country_and_is_flagged(names):
    # JPO is Japan's in the database; the name before the brackets says Iceland's.
    text = "In July, NPO signed a memorandum with the Icelandic Patent Bureau (JPO).\n"
    (mou,) = proposals_of(text, names)
    assert (mou.kind, mou.date, mou.offices, mou.countries) == ("mou", "2024-07", [], ["IS"])
    assert mou.unknown_names == ["Icelandic Patent Bureau"]


def test_an_acronym_spelling_words_that_hold_an_acronym_names_the_event_not_an_office(names):
    # "GIPO" is Ghana's office here, but it also spells "Group of IP Offices".
    names.offices["gipo"] = {
        "name": "Ghana IP Office",
        "acronym": "GIPO",
        "kind": "national",
        "country": "GH",
    }
    names.add("office", "gipo", "GIPO")
    text = "In April, NPO chaired the 5th Meeting of the Group of IP Offices (GIPO) with DNPI.\n"
    assert [(p.type, sorted(p.partner_keys(names))) for p in proposals_of(text, names)] == [
        ("meeting", ["UY"])
    ]


def test_a_course_given_in_a_language_online_is_not_for_that_language_s_country(names):
    text = "A training course was given in Icelandic online in October for DNPI examiners.\n"
    assert [(p.kind, sorted(p.partner_keys(names))) for p in proposals_of(text, names)] == [
        ("workshop", ["UY"])
    ]


def test_an_office_paired_by_hyphen_before_a_heads_meeting_is_its_partner(names):
    # the section heading names an organization, which must not replace the pair's partner
    text = "(2) Cooperation with Europe and WIPO\n\nThe NPO-ISIPO annual heads meeting took place online in May.\n"
    assert facts(text, names) == [("meeting", "heads-meeting", "2024-05", ["IS"])]


def test_the_day_a_treaty_entered_into_force_dates_no_event(names):
    text = (
        "NPO took part in the Nordland-Uruguay trade consultations with DNPI, and helped apply "
        "the IP chapter of the treaty, which entered into force on 1 March.\n"
    )
    assert [p.month for p in proposals_of(text, names)] == [None]


def test_between_may_and_a_later_month_starts_in_may(names):
    text = "Between May and August, NPO-WIPO roving seminars on the PCT were held in four cities.\n"
    assert [(p.type, p.month) for p in proposals_of(text, names)] == [("training", 5)]


def test_a_document_issued_at_the_close_of_the_meeting_just_told_takes_its_month(names):
    text = (
        "The Nordland Conference on IP was held in Reykjavik from 3 to 4 October. Officials of "
        "ISIPO attended, and a joint statement was issued at its close.\n"
    )
    statement = next(p for p in proposals_of(text, names) if p.kind == "joint-statement")
    assert statement.month == 10


def test_a_month_told_before_a_later_day_dates_the_event(names):
    text = (
        "A PPH memorandum was signed with DNPI in February, and the pilot programme started on "
        "15 April.\n"
    )
    assert facts(text, names) == [("agreement", "pph", "2024-02", ["UY"])]


def test_heads_who_held_their_annual_meeting_hold_a_heads_meeting(names):
    text = "The heads of NPO and DNPI held their annual meeting in Montevideo in September.\n"
    assert ("meeting", "heads-meeting", "2024-09", ["UY"]) in facts(text, names)


def test_an_undated_photo_of_talks_or_of_the_heads_meeting_is_the_meeting_told(names):
    text = (
        "5 Bilateral Cooperation\n\n"
        "The heads of NPO and JPO met online in November and reviewed their cooperation.\n\n\n\n"
        "The NPO Director in talks with the JPO Commissioner by video link.\n\n\n\n"
        "The NPO Director and the JPO Commissioner at the heads meeting.\n"
    )
    found = proposals_of(text, names)
    assert [(p.kind, p.date, sorted(p.partner_keys(names))) for p in found] == [
        ("heads-meeting", "2024-11", ["JP"])
    ]
    assert len(found[0].other_passages) == 2


def test_a_range_of_days_written_with_to_starts_on_its_first_day(names):
    text = "From 3 to 7 March, an NPO delegation visited DNPI in Montevideo.\n"
    assert facts(text, names) == [("delegation", "outgoing", "2024-03-03", ["UY"])]


def test_a_statement_the_heads_of_the_offices_endorsed_binds_the_offices_whose_heads_met(names):
    text = (
        "In May, the heads meeting of NPO, JPO and DNPI was hosted by ISIPO in Reykjavik, and the "
        "heads of the four offices endorsed a joint statement.\n"
    )
    statement = next(p for p in proposals_of(text, names) if p.kind == "joint-statement")
    meeting = next(p for p in proposals_of(text, names) if p.kind == "heads-meeting")
    assert sorted(statement.partner_keys(names)) == sorted(meeting.partner_keys(names))
    assert "JP" in statement.partner_keys(names)


def test_the_partner_offices_after_a_grouping_s_meeting_are_the_grouping_s_offices(names):
    names.groupings["t3"] = {"name": "T3", "offices": ["npo", "jpo", "ompi-uy"], "countries": []}
    names.add("grouping", "t3", "T3")
    text = (
        "NPO hosted the 4th T3 Annual Meeting in Nordland in June. The partner offices "
        "adopted a joint statement on design examination.\n"
    )
    statement = next(p for p in proposals_of(text, names) if p.kind == "joint-statement")
    assert (statement.date, sorted(statement.partner_keys(names))) == ("2024-06", ["JP", "UY"])


def test_a_name_without_a_country_is_not_an_office_whose_name_says_one(names):
    names.offices["ipi"] = {
        "name": "Swiss Federal Institute of Intellectual Property",
        "acronym": "IPI",
        "kind": "national",
        "country": "CH",
    }
    names.add("office", "ipi", "Swiss Federal Institute of Intellectual Property")
    text = (
        "In June, NPO signed a memorandum with the National Institute of Intellectual Property "
        "(NIIP) of Ghana.\n"
    )
    (mou,) = proposals_of(text, names)
    assert "CH" not in mou.partner_keys(names)
    assert mou.unknown_names == ["National Institute of Intellectual Property"]


def test_the_delegation_meeting_heads_on_the_trip_just_told_holds_no_meeting_of_its_own(names):
    text = (
        "In May, the NPO Director visited Iceland and Uruguay. The delegation met the heads of "
        "ISIPO and DNPI.\n"
    )
    assert [(p.kind, sorted(p.partner_keys(names))) for p in proposals_of(text, names)] == [
        ("outgoing", ["IS", "UY"])
    ]


def test_teaching_that_took_place_or_was_staged_is_training(names):
    text = (
        "The NPO-WIPO Summer School on IP took place online in July. Two roadshows on the PCT "
        "were also staged for users in October.\n"
    )
    assert [(p.type, p.month) for p in proposals_of(text, names)] == [
        ("training", 7),
        ("training", 10),
    ]
