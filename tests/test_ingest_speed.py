"""Storing a chapter: one raise of the data version, and few queries for its links."""

from cooperation import caching
from cooperation.models import Proposal
from tests.test_ingest_store import gazetteer_rows, ingest  # noqa: F401 - the fixture by name


def test_storing_a_chapter_raises_the_data_version_once_for_its_rows(gazetteer_rows):  # noqa: F811
    before = caching._stored_version()
    ingest()
    # (once for the new document, once for all its passages and proposals)
    assert caching._stored_version() == before + 2
    assert Proposal.objects.filter(offices__slug="npi").exists()
    ingest()
    assert caching._stored_version() == before + 2


def test_storing_a_chapter_links_its_rows_without_a_query_per_empty_link(
    gazetteer_rows,  # noqa: F811
    django_assert_max_num_queries,
):
    with django_assert_max_num_queries(60):
        ingest()
