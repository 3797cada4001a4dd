"""The filter panel and the home page in a real Chromium: type-ahead and chips by keyboard alone,
the same GET form without JavaScript, no CSP error, axe, and a home page folded to a screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from cooperation import models as m
from cooperation.seed import load_seed
from tests import catalogue_data
from tests import factories as f
from tests.browser import ConsoleWatch, axe_violations, use_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_PAGES = ["/activities/", "/agreements/", "/agreements/?country=JP&office=kipo", "/"]


def build_world():
    catalogue_data.build()
    japan = f.CountryFactory(code="JP", name="Japan", name_zh="日本", region=m.Region.ASIA)
    korea = f.CountryFactory(code="KR", name="Republic of Korea", name_zh="韩国")
    jpo = f.OfficeFactory(slug="jpo", acronym="JPO", name="Japan Patent Office", country=japan)
    kipo = f.OfficeFactory(
        slug="kipo", acronym="KIPO", name="Korean Intellectual Property Office", country=korea
    )
    f.AgreementFactory(slug="pph-japan-2016", kind=m.Kind.PPH, year=2016, parties=[jpo])
    f.AgreementFactory(slug="pph-korea-2017", kind=m.Kind.PPH, year=2017, parties=[kipo])


@pytest.fixture
def page(new_page):
    build_world()
    return new_page()


@pytest.fixture
def plain_page(new_page):
    build_world()
    return new_page(java_script_enabled=False)


def rows(page) -> list[str]:
    return page.locator("table.records tbody tr[data-slug]").evaluate_all(
        "rows => rows.map(row => row.dataset.slug)"
    )


def countries_in(url: str) -> list[str]:
    return sorted(
        part.split("=")[1] for part in url.split("?")[1].split("&") if part.startswith("country=")
    )


def test_typing_jap_then_enter_adds_a_japan_chip_and_submitting_lists_japan(page):
    watch = ConsoleWatch(page)
    page.goto("/agreements/")
    box = page.get_by_role("combobox", name="Add a country")
    box.focus()
    page.keyboard.type("jap")
    assert box.get_attribute("aria-expanded") == "true"
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").inner_text() == "Japan"
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Remove Japan").is_visible()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == ""
    assert page.url.endswith("/agreements/")  # Enter chose; it did not submit
    page.keyboard.press("Enter")  # the list is closed: Enter submits the form
    page.wait_for_url("**/agreements/?*")
    assert countries_in(page.url) == ["JP"]
    assert rows(page) == ["pph-japan-2016"]
    assert page.get_by_role("button", name="Remove Japan").is_visible()
    assert watch.messages == []


def test_suggestions_match_the_chinese_name_and_the_code_anywhere_in_the_word(page):
    page.goto("/agreements/")
    box = page.get_by_role("combobox", name="Add a country")
    listbox = page.get_by_role("listbox", name="Country")
    for typed, expected in [
        ("日本", "Japan"),
        ("KR", "Republic of Korea"),
        ("ORE", "Republic of Korea"),
    ]:
        box.fill(typed)
        assert expected in listbox.get_by_role("option").all_inner_texts(), typed
    box.fill("zzz")
    assert box.get_attribute("aria-expanded") == "false"


def test_arrow_keys_move_through_the_suggestions_and_escape_closes_them(page):
    page.goto("/agreements/")
    box = page.get_by_role("combobox", name="Add a country")
    box.focus()
    page.keyboard.type("an")  # France, Germany, Japan
    options = page.get_by_role("listbox", name="Country").get_by_role("option")
    names = options.all_inner_texts()
    assert {"France", "Germany", "Japan"} <= set(names)
    first = box.get_attribute("aria-activedescendant")
    page.keyboard.press("ArrowDown")
    second = box.get_attribute("aria-activedescendant")
    assert second != first
    assert page.locator(f"#{second}").inner_text() == names[1]
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None
    page.keyboard.press("Escape")
    assert box.input_value() == ""


def test_removing_a_chip_by_keyboard_removes_its_parameter(page):
    page.goto("/agreements/?country=JP&country=KR&kind=pph")
    assert sorted(rows(page)) == ["pph-japan-2016", "pph-korea-2017"]
    page.get_by_role("button", name="Remove Japan").focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Remove Japan").count() == 0
    # The focus stays among the chips, on the one left.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Remove Republic of Korea"
    )
    page.get_by_role("button", name="Apply filters").press("Enter")
    page.wait_for_load_state()
    assert countries_in(page.url) == ["KR"]
    assert "kind=pph" in page.url
    assert rows(page) == ["pph-korea-2017"]


def test_an_office_is_found_through_the_api_by_a_word_of_its_name(page):
    page.goto("/agreements/")
    box = page.get_by_role("combobox", name="Add an office")
    box.focus()
    page.keyboard.type("korean")
    option = page.get_by_role("listbox", name="Office").get_by_role("option")
    option.first.wait_for()
    assert option.all_inner_texts() == ["KIPO – Korean Intellectual Property Office"]
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Remove KIPO").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/agreements/?*")
    assert "office=kipo" in page.url
    assert rows(page) == ["pph-korea-2017"]
    page.get_by_role("button", name="Remove KIPO").press("Enter")
    page.get_by_role("button", name="Apply filters").press("Enter")
    page.wait_for_load_state()
    assert "office=kipo" not in page.url
    assert len(rows(page)) == 6


def test_without_javascript_the_plain_form_chooses_and_unchooses_by_keyboard(plain_page):
    page = plain_page
    page.goto("/agreements/")
    assert page.locator("input[role=combobox]").count() == 0
    summary = page.get_by_text("Choose countries")
    summary.focus()
    page.keyboard.press("Enter")  # opens the folded list
    page.get_by_role("checkbox", name="Japan").focus()
    page.keyboard.press("Space")
    page.get_by_role("checkbox", name="PPH agreement or pilot").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Apply filters").press("Enter")
    page.wait_for_load_state()
    assert countries_in(page.url) == ["JP"]
    assert "kind=pph" in page.url
    assert rows(page) == ["pph-japan-2016"]
    # The choice is shown ticked, outside the folded list, and unticking it removes it.
    japan = page.get_by_role("checkbox", name="Japan")
    assert japan.is_visible() and japan.is_checked()
    japan.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Apply filters").press("Enter")
    page.wait_for_load_state()
    assert "country=" not in page.url
    assert sorted(rows(page)) == ["pph-chile-2017", "pph-japan-2016", "pph-korea-2017"]


def test_without_javascript_an_office_is_typed_by_its_key_and_a_bad_one_is_shown(plain_page):
    page = plain_page
    page.goto("/agreements/")
    page.get_by_label("Add an office").fill("KIPO,nope")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "office=KIPO%2Cnope" in page.url
    assert page.get_by_role("alert").filter(has_text="Unknown value: nope.").is_visible()
    assert page.get_by_label("Add an office").input_value() == "KIPO,nope"


def test_no_console_or_csp_error_while_filtering(page):
    watch = ConsoleWatch(page)
    for url in AXE_PAGES + ["/search/?q=PPH", "/agreements/?year=abc"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    box = page.get_by_role("combobox", name="Add a person")
    box.fill("shen")
    page.get_by_role("listbox", name="Person").get_by_role("option").first.wait_for()
    assert watch.messages == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_axe_finds_no_violation_on_the_panel_and_the_home_page(page, language):
    use_language(page, language)
    assert axe_violations(page, AXE_PAGES) == {}
    # And with the suggestions open and a chip chosen.
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/agreements/?country=FR")
    page.get_by_role("combobox").first.fill("a")
    assert page.get_by_role("option").count() > 0
    assert Axe().run(page).violations_count == 0


def test_the_panel_fits_a_screen_with_the_report_data(new_page):
    load_seed()  # 77 countries, 55 offices, 24 people, 12 groupings
    for script, screen in [(True, 800), (False, 960)]:
        page = new_page(viewport={"width": 1280, "height": 800}, java_script_enabled=script)
        for url in ["/agreements/", "/activities/"]:
            page.goto(url)
            height = page.locator("form.filter-form").evaluate("form => form.offsetHeight")
            assert height <= screen, (script, url, height)


def test_the_home_page_is_folded_to_well_under_half_its_length(new_page):
    load_seed()  # the report's 2017 chapter: 25 headline figures, 48 partner countries
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto("/")
    assert page.get_by_role("img", name="World map").is_visible()
    assert page.locator(".key-numbers li").count() == 6
    month_rows = page.locator("#months-section tbody tr")
    assert month_rows.count() > 0 and not month_rows.first.is_visible()
    folded = page.evaluate("document.documentElement.scrollHeight")
    page.get_by_role("heading", name="Activities per month").click()
    assert month_rows.first.is_visible()
    assert not page.locator("#countries-section tbody tr").first.is_visible()
    page.locator("details.fold").evaluate_all("sections => sections.forEach(s => s.open = true)")
    opened = page.evaluate("document.documentElement.scrollHeight")
    assert folded * 2.5 < opened, (folded, opened)
    assert folded < 1600
