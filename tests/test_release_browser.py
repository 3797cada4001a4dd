"""Data releases in a real Chromium: from a record to its release, its files, accessibility, phones."""

import json

import pytest

from agreements.models import Agreement
from cooperation import releases, services
from tests import catalogue_data
from tests.browser import ConsoleWatch, axe_violations, use_language, wider_than_a_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/releases/", "/releases/2017.2/", "/releases/2017.1/", "/agreements/inpi-work-plan-2017/"]


@pytest.fixture
def page(new_page, settings, tmp_path):
    settings.RELEASES_ROOT = tmp_path / "releases"
    catalogue_data.build()
    releases.make_release(version="2017.1")
    record = Agreement.objects.get(slug="dpma-data-2017")
    services.save_activity(activity=record, fields={"summary": "Revised after review."})
    releases.make_release(version="2017.2")
    return new_page()


def test_a_reader_goes_from_a_record_to_its_release_and_downloads_the_package(page):
    page.goto("/")
    page.get_by_role("link", name="Data releases").click()
    assert page.locator("table.releases tbody tr").evaluate_all(
        "rows => rows.map(row => row.dataset.version)"
    ) == ["2017.2", "2017.1"]
    page.goto("/agreements/inpi-work-plan-2017/")
    page.locator(".in-releases").get_by_role("link", name="2017.2").click()
    assert page.locator("h1").inner_text() == "Data release 2017.2"
    changed = page.get_by_role("heading", name="Changed (1)")
    assert changed.is_visible()
    assert page.locator("ul.release-changes a", has_text="dpma-data-2017").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="agreements.csv").click()
    assert download.value.suggested_filename == "2017.2-agreements.csv"
    package = json.loads(page.request.get("/releases/2017.2/datapackage.json").body())
    shown = page.locator("code.checksum").all_inner_texts()
    assert shown == [r["hash"].removeprefix("sha256:") for r in package["resources"]]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_axe_finds_no_violation_on_the_release_pages(page, language):
    use_language(page, language)
    assert axe_violations(page, PAGES) == {}


def test_the_release_pages_fit_a_phone_and_break_no_content_security_rule(page):
    watch = ConsoleWatch(page)
    wide = wider_than_a_phone(page, PAGES)
    assert wide == {}
    assert watch.messages == []
