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
