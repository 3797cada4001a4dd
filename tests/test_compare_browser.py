"""Compare in a real Chromium: the form without JavaScript, the table's links, axe, phones."""

import pytest

from tests.browser import ConsoleWatch, axe_violations, use_language, wider_than_a_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/compare/", "/compare/?country=FR&country=CL&office=dpma", "/compare/?country=XX"]


@pytest.fixture
def page(catalogue_page):
    return catalogue_page


def test_an_analyst_compares_two_countries_and_follows_a_count_to_its_records(page):
    page.goto("/")
    page.get_by_role("link", name="Compare", exact=True).click()
    page.get_by_label("Countries").fill("FR, CL")
    page.get_by_label("From year").fill("2017")
    page.get_by_role("button", name="Compare").click()
    assert page.locator("h1").inner_text() == "Compare: France · Chile"
    assert "year_min=2017" in page.url
    headers = page.locator("table.compare thead th[data-subject]").all_inner_texts()
    assert headers == ["France", "Chile"]
    row = page.locator(
        "table.compare tbody tr", has=page.get_by_role("rowheader", name="Agreement")
    )
    france = row.locator("td").first
    count = int(france.inner_text())
    france.get_by_role("link").click()
    assert page.locator("table.records tbody tr[data-slug]").count() == count
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this table as CSV").click()
    assert download.value.suggested_filename == "compare-fr-cl.csv"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_axe_finds_no_violation_on_the_compare_page(page, language):
    use_language(page, language)
    assert axe_violations(page, PAGES) == {}


def test_the_compare_page_fits_a_phone_and_breaks_no_content_security_rule(page):
    watch = ConsoleWatch(page)
    wide = wider_than_a_phone(page, PAGES)
    assert wide == {}
    assert watch.messages == []
