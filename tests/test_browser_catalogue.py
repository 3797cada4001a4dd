"""The catalogue in a real Chromium: filtering, reading, Chinese, downloads, accessibility, CSP, phones."""

import csv
import io

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import ConsoleWatch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_TYPES = [
    "/",
    "/agreements/",
    "/agreements/?country=FR&year=2017",
    "/agreements/?year=abc",
    "/activities/",
    "/delegations/",
    "/meetings/",
    "/trainings/",
    "/agreements/inpi-work-plan-2017/",
    "/delegations/visit-to-france-2017/",
    "/meetings/ip5-heads-2017/",
    "/trainings/asean-seminar-2017/",
    "/countries/",
    "/countries/FR/",
    "/offices/",
    "/offices/inpi-fr/",
    "/people/",
    "/people/shen-changyu/",
    "/search/?q=INPI",
    "/no-such-page/",
]


@pytest.fixture
def page(catalogue_page):
    return catalogue_page


def rows(page) -> list[str]:
    return page.locator("table.records tbody tr[data-slug]").evaluate_all(
        "rows => rows.map(row => row.dataset.slug)"
    )


def test_filtering_agreements_by_country_and_year_gives_exactly_the_right_rows(page):
    page.goto("/agreements/")
    assert len(rows(page)) == 4
    page.get_by_role("combobox", name="Add a country").fill("fra")
    page.keyboard.press("Enter")
    page.get_by_role("group", name="Years").get_by_text("One year or month").click()
    page.fill("#id_year", "2017")
    page.click("form.filter-form button[type=submit]")
    page.wait_for_url("**/agreements/?*")
    assert "country=FR" in page.url and "year=2017" in page.url
    assert rows(page) == ["inpi-work-plan-2017"]
    assert page.locator("#id_country_FR").is_checked()
    assert page.get_by_role("button", name="Remove France").is_visible()


def test_facet_links_refine_the_list(page):
    page.goto("/agreements/?country=CL")
    page.get_by_text("Records per year and month").click()
    page.locator("#facet-year + ul a", has_text="2017").click()
    page.wait_for_url("**year=2017**")
    assert rows(page) == ["pph-chile-2017"]


def test_opening_a_record_shows_its_passage_section_and_heading(page):
    page.goto("/agreements/?country=FR&year=2017")
    page.click("table.records a:text('SIPO–INPI work plan')")
    page.wait_for_url("**/agreements/inpi-work-plan-2017/")
    passage = page.locator(".source .passage").first
    assert "SIPO and INPI signed the work plan on bilateral cooperation" in passage.inner_text()
    assert "VII.5(5)" in passage.inner_text()
    assert page.locator("time").first.inner_text() == "2017-05"


def test_switching_to_chinese_and_back_without_javascript_help(page):
    page.goto("/agreements/inpi-work-plan-2017/")
    page.click(".language a[hreflang=zh-Hans]")
    page.wait_for_load_state()
    assert page.url.endswith("/agreements/inpi-work-plan-2017/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1").inner_text() == "中法工作计划"
    assert "协议" in page.locator(".site-header > nav").inner_text()
    page.click(".language a[hreflang=en]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "SIPO–INPI work plan"


def test_downloaded_csv_has_the_rows_of_the_page(page):
    page.goto("/agreements/?year=2017")
    shown = rows(page)
    with page.expect_download() as info:
        page.click(".list-tools a:text('CSV')")
    path = info.value.path()
    with open(path, encoding="utf-8") as handle:
        cite, header, *records = list(csv.reader(io.StringIO(handle.read())))
    assert cite[0].startswith("# Cite as:")
    assert (
        [record[0] for record in records]
        == shown
        == ["pph-chile-2017", "inpi-work-plan-2017", "dpma-data-2017"]
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_axe_finds_no_violation_on_any_page_type(page, language):
    if language != "en":
        page.goto("/")
        page.click(".language a[hreflang=zh-Hans]")
        page.wait_for_load_state()
    axe = Axe()
    found = {}
    for url in PAGE_TYPES:
        page.goto(url)
        results = axe.run(page)
        if results.violations_count:
            found[url] = results.generate_report()
    assert found == {}


def test_no_content_security_policy_violation_on_any_page_type(page):
    watch = ConsoleWatch(page)
    for url in PAGE_TYPES + ["/?year=2016", "/map.svg?year=2017"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert watch.csp_violations == []
    assert [m for m in watch.messages if "404" not in m] == []


def test_a_360_pixel_wide_screen_has_no_horizontal_scroll(page):
    page.set_viewport_size({"width": 360, "height": 740})
    wide = {}
    for url in PAGE_TYPES:
        page.goto(url)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide[url] = scroll
    assert wide == {}
