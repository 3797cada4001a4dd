"""The word search reads SearchText, a derived row per activity kept in step on every save."""

import pytest
from django.db import connection

from cooperation.models import Activity, SearchText, Status
from cooperation.tally import Plan
from tests.factories import AgreementFactory, CountryFactory, PassageFactory

pytestmark = pytest.mark.django_db


def found(word: str) -> set[str]:
    return set(Activity.objects.search(word).values_list("slug", flat=True))


def test_a_word_is_found_in_a_title_a_chinese_title_a_summary_or_the_quoted_passage():
    AgreementFactory(slug="t", title="Memorandum on Fjords")
    AgreementFactory(slug="z", title_zh="峡湾合作")
    AgreementFactory(slug="s", summary="About glaciers.")
    AgreementFactory(slug="p", passage=PassageFactory(text="Signed among the geysers."))
    assert (found("fjord"), found("峡湾"), found("GLACIER"), found("geyser")) == (
        {"t"},
        {"z"},
        {"s"},
        {"p"},
    )


def test_editing_a_title_changes_what_the_search_finds():
    agreement = AgreementFactory(slug="a", title="Memorandum on Fjords")
    agreement.title = "Memorandum on Volcanoes"
    agreement.save()
    assert (found("fjords"), found("volcano")) == (set(), {"a"})


def test_editing_a_quoted_passage_changes_what_the_search_finds_for_its_records():
    passage = PassageFactory(text="Signed among the geysers.")
    AgreementFactory(slug="a", passage=passage)
    passage.text = "Signed beside the lava fields."
    passage.save()
    assert (found("geysers"), found("lava")) == (set(), {"a"})


def test_a_word_never_matches_across_the_end_of_one_text_and_the_start_of_the_next():
    AgreementFactory(slug="a", title="Work plan on ice", summary="berg studies")
    assert (found("iceberg"), found("ice"), found("berg")) == (set(), {"a"}, {"a"})


def test_a_deleted_record_leaves_no_search_row():
    agreement = AgreementFactory()
    agreement.delete()
    assert not SearchText.objects.exists()


def test_the_search_reads_one_column_with_a_trigram_index_on_postgresql():
    query = str(Activity.objects.search("fjord").query)
    assert "cooperation_searchtext" in query and "cooperation_passage" not in query
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'searchtext_trigram'")
            (definition,) = cursor.fetchone()
            # The expression Django's icontains writes, or the planner would not use the index.
            assert "gin_trgm_ops" in definition and "upper(text)" in definition
            assert '."text"::text) LIKE UPPER(' in query
        else:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'searchtext_trigram'")
            assert cursor.fetchone() == (0,)


def test_words_in_a_country_are_counted_from_one_index_of_terms_and_trigrams_on_postgresql():
    fr = CountryFactory(code="FR")
    AgreementFactory(title="Fjord cooperation", countries=[fr])
    AgreementFactory(title="Fjord data", countries=[fr], status=Status.DRAFT)
    AgreementFactory(title="Fjord elsewhere")
    plan = Plan(("agreement",), fr.pk, None, None, ("fjord",))
    if connection.vendor == "postgresql":
        assert plan.total() == 1
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'searchtext_terms_words'"
            )
            (definition,) = cursor.fetchone()
        assert "string_to_array(terms, ','::text)" in definition
        assert "upper(text) gin_trgm_ops" in definition
    else:  # no such index: the word is counted over the country's rows
        assert plan.total is None
    assert Plan(("agreement",), None, None, None, ("fjord",)).ids().count() == 2
