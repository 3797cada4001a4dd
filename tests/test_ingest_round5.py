"""The fifth round's general mechanisms, on small texts written for these tests (the Nordland
gazetteer of test_ingest_generic: offices and countries no chapter of the fixtures pairs)."""

import pytest

from tests.test_ingest_generic import facts, nordland


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
