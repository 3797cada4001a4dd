"""An editor works through the back-office in a real Chromium, under the real CSP."""

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

from agreements.models import Agreement
from tests.factories import OfficeFactory
from tests.test_admin import create_roles, staff

PASSWORD = "a long and unusual password"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def csp_violations(page) -> list[str]:
    """Collect what Chromium reports when the Content-Security-Policy blocks something."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def choose_office(page, row: str, acronym: str) -> None:
    page.locator(f"#{row} .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill(acronym)
    page.locator(".select2-results__option", has_text=acronym).first.click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_adds_finds_edits_an_agreement_and_sees_its_history(live_server, page):
    create_roles()
    editor = staff("editor", "editor")
    editor.set_password(PASSWORD)
    editor.save()
    OfficeFactory(
        slug="inpi-fr", acronym="INPI", name="Institut national de la propriété industrielle"
    )
    OfficeFactory(slug="epo", acronym="EPO", name="European Patent Office", country=None)
    violations = csp_violations(page)

    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.get_by_text("Cooperation Tracker administration").first.wait_for()

    page.goto(f"{live_server.url}/admin/agreements/agreement/add/")
    page.select_option("#id_kind", "mou")
    # Typed key by key: the admin fills the slug from the title on each key press.
    page.locator("#id_title").press_sequentially("Memorandum on examination cooperation")
    assert page.input_value("#id_slug") == "memorandum-on-examination-cooperation"
    page.fill("#id_year", "2017")
    page.fill("#id_month", "5")
    page.fill("#id_staff_reference", "File 2017/44")
    choose_office(page, "involvements-0", "INPI")
    page.locator("#involvements-group .add-row a").click()
    choose_office(page, "involvements-1", "EPO")
    page.click("input[name=_save]")

    page.locator(".messagelist .success").wait_for()
    agreement = Agreement.objects.get(slug="memorandum-on-examination-cooperation")
    assert agreement.date == "2017-05"
    assert set(agreement.involvements.values_list("office__acronym", flat=True)) == {"INPI", "EPO"}
    # Django keys connections by context, and this one was opened under Playwright's: close it
    # here, or it outlives the test and PostgreSQL cannot drop the test database.
    connections.close_all()

    page.fill("#searchbar", "examination")
    page.press("#searchbar", "Enter")
    row = page.locator("#result_list tbody tr", has_text="Memorandum on examination cooperation")
    assert "2017-05" in row.inner_text() and "INPI" in row.inner_text()
    row.locator("a").first.click()

    page.fill("#id_title", "Memorandum on examination and classification")
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()
    page.locator("a.historylink").click()
    history = page.locator("#change-history").inner_text()
    assert "Memorandum on examination cooperation" in history
    assert "Memorandum on examination and classification" in history

    page.goto(f"{live_server.url}/admin/agreements/agreement/import/")
    page.goto(f"{live_server.url}/admin/agreements/agreement/export/")
    assert violations == []
