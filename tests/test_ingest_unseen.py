"""General mechanisms found by reading chapters the rules had not seen, on small texts written for
these tests (the offices and the home office of tests.test_ingest_generic)."""

import pytest

from cooperation.ingest.gazetteer import Gazetteer
from tests.test_ingest_generic import facts, nordland


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
