"""The partner network in a real Chromium: the drawing's links, the table, axe, phones."""

import pytest

from tests import catalogue_data
from tests.browser import ConsoleWatch, axe_violations, use_language, wider_than_a_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/network/", "/network/?year=2017&kind=mou", "/network/?year=abc"]


@pytest.fixture
def page(settings, new_page):
    settings.HOME_OFFICE = "sipo"
    catalogue_data.build()
    return new_page()


def test_a_tie_in_the_drawing_leads_to_the_records_it_counts(page):
    page.goto("/")
    page.get_by_role("link", name="Network", exact=True).click()
    row = page.locator("table.network-table tbody tr").first
    count = int(row.locator("td.num").inner_text())
    partner = row.get_attribute("data-partner")
    link = row.locator("th a").get_attribute("href")
    assert page.locator("svg.network-graph a.net-edge").first.get_attribute("href") == link
    page.locator("svg.network-graph a.net-node").first.click()
    assert page.url.endswith(link)
    assert page.locator("table.records tbody tr[data-slug]").count() == count
    page.go_back()
    assert page.locator("table.network-table tbody tr").first.get_attribute("data-partner") == (
        partner
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="partner × year").click()
    assert download.value.suggested_filename == "partners-by-year.csv"


def test_the_kind_filter_works_without_javascript(browser, live_server, settings):
    settings.HOME_OFFICE = "sipo"
    catalogue_data.build()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/network/")
    page.get_by_label("Kind", exact=True).select_option("pph")
    page.get_by_role("button", name="Apply filters").click()
    assert "kind=pph" in page.url
    partners = page.locator("table.network-table tbody tr").evaluate_all(
        "rows => rows.map(row => row.dataset.partner)"
    )
    assert partners == ["country:CL", "office:inapi-cl"]
    context.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_axe_finds_no_violation_on_the_network_page(page, language):
    use_language(page, language)
    assert axe_violations(page, PAGES) == {}


def test_the_network_page_fits_a_phone_and_breaks_no_content_security_rule(page):
    watch = ConsoleWatch(page)
    wide = wider_than_a_phone(page, PAGES)
    assert wide == {}
    assert watch.messages == []
