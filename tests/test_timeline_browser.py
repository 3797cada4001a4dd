"""Month timelines and grouping pages in a real Chromium: bars laid out by month, axe, phones."""

import pytest

from cooperation.seed import load_seed
from tests.browser import ConsoleWatch, axe_violations, use_language, wider_than_a_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/countries/DE/", "/groupings/", "/groupings/ip5/", "/offices/epo/"]


@pytest.fixture
def page(new_page):
    load_seed()
    return new_page()


def boxes(item) -> tuple[dict, dict]:
    """The bounding boxes of a timeline item's track of twelve months and of its bar."""
    return item.locator(".month-track").bounding_box(), item.locator(".month-bar").bounding_box()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_year_only_bar_spans_the_twelve_months_and_a_dated_bar_its_own(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/countries/DE/")
    year_only = page.locator("li.month-row", has=page.locator('time[datetime="2017"]'))
    assert year_only.count() == 3
    for item in year_only.all():
        track, bar = boxes(item)
        assert abs(bar["x"] - track["x"]) < 1 and abs(bar["width"] - track["width"]) < 1
        assert "month not given" in item.inner_text()
    month = track["width"] / 12
    dated = page.locator("li.month-row", has=page.locator('time[datetime^="2017-"]'))
    assert dated.count() == 3
    for item in dated.all():
        number = int(item.locator("time").first.get_attribute("datetime")[5:7])
        track, bar = boxes(item)
        assert abs(bar["x"] - (track["x"] + (number - 1) * month)) < 1
        assert abs(bar["width"] - month) < 1
    heading = page.locator(".month-heading .month-track").first.bounding_box()
    assert abs(heading["x"] - track["x"]) < 1 and abs(heading["width"] - track["width"]) < 1


def test_a_reader_goes_from_an_office_to_its_grouping_and_on_to_a_record(page):
    page.goto("/offices/epo/")
    page.get_by_role("link", name="IP5", exact=True).click()
    assert page.locator("h1").inner_text() == "IP5"
    region = page.get_by_role("region", name="2017", exact=True)
    assert region.get_by_role("listitem").count() == page.locator("li[data-slug]").count() == 28
    first = region.get_by_role("listitem").first
    title = first.locator("a").inner_text()
    first.locator("a").click()
    assert page.locator("h1").inner_text() == title


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_axe_finds_no_violation_on_timelines_and_grouping_pages(page, language):
    use_language(page, language)
    assert axe_violations(page, PAGES) == {}


def test_timelines_fit_a_phone_and_break_no_content_security_rule(page):
    watch = ConsoleWatch(page)
    assert wider_than_a_phone(page, PAGES) == {}
    assert watch.messages == []
