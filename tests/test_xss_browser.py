"""Scripts stored in records stay text in a real Chromium, and the CSP reports no violation.

Escaping is checked with the CSP switched off in the browser (bypass_csp), so that each defence
is tested on its own: a template that forgot to escape fails here even though the CSP would
still have blocked the script."""

import csv
import io
import json
from urllib.parse import urlencode

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from django.urls import reverse

from tests.browser import ConsoleWatch
from tests.test_security import (
    FORMULAS,
    PAYLOAD,
    admin_urls,
    catalogue_urls,
    hostile_world,
    log_a_hostile_admin_action,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Injected by Playwright before any script of the page runs, so no violation is missed.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""
API_URLS = ["/api/v1/", "/api/v1/activities/", "/api/v1/agreements/hostile-agreement/",
            "/api/v1/offices/hostile-office/",
            "/api/v1/activities/?" + urlencode({"q": PAYLOAD})]  # fmt: skip
FEED_URLS = ["/activities/feed/", "/agreements/feed/", "/meetings/feed/?country=XS"]


@pytest.fixture
def world(live_server):
    world = hostile_world()
    yield world
    # Connections opened while Playwright's loop runs belong to another context: close them, or
    # PostgreSQL cannot drop the test database.
    connections.close_all()


@pytest.fixture
def superuser_session(world) -> str:
    user = User.objects.create_superuser("root", password="unused but required")
    log_a_hostile_admin_action(user, world)
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


class Visitor:
    """A browser tab that records dialogs, console messages and CSP violations."""

    def __init__(self, browser, live_server, *, bypass_csp: bool, session: str | None = None):
        self.watch_policy = not bypass_csp
        self.context = browser.new_context(
            base_url=live_server.url, bypass_csp=bypass_csp, accept_downloads=True
        )
        if session:
            cookie = {"name": "sessionid", "value": session, "url": live_server.url}
            self.context.add_cookies([cookie])
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.dialogs: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.console = ConsoleWatch(self.page)

    def _on_dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status < 500, url
        # Violation reports are queued as tasks; let them and late requests arrive.
        self.page.wait_for_load_state("networkidle" if self.watch_policy else "load")
        self.assert_nothing_ran(url)

    def assert_nothing_ran(self, where: str) -> None:
        assert self.page.evaluate("typeof window.pwned") == "undefined", where
        assert self.page.locator("img[src='x']").count() == 0, where
        assert self.dialogs == [], where

    def text(self) -> str:
        return self.page.locator("body").inner_text()

    @property
    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visitor_factory(browser, live_server):
    opened = []

    def open_visitor(**kwargs) -> Visitor:
        visitor = Visitor(browser, live_server, **kwargs)
        opened.append(visitor)
        return visitor

    yield open_visitor
    for visitor in opened:
        visitor.close()


def download(visitor: Visitor, link_text: str) -> bytes:
    with visitor.page.expect_download() as info:
        visitor.page.locator("a[download]", has_text=link_text).first.click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def run_the_docs_page_request(visitor: Visitor, slug: str) -> str:
    """Open the docs, try GET /api/v1/agreements/{slug}/ and return the response the page shows.

    A detail, because "Try it out" fills every parameter with the schema's example, and the list's
    examples select records this hostile world does not hold."""
    visitor.visit("/api/v1/docs/")
    operation = visitor.page.locator("#operations-agreements-agreements_retrieve")
    operation.locator(".opblock-summary").click()
    operation.locator("button.try-out__btn").click()
    operation.locator('tr[data-param-name="slug"] input').fill(slug)
    operation.locator("button.execute").click()
    shown = operation.locator(".live-responses-table .response-col_description pre").first
    shown.wait_for()
    return shown.inner_text()


def test_scripts_in_records_stay_text_on_every_public_page(visitor_factory, world):
    visitor = visitor_factory(bypass_csp=True)
    for url in catalogue_urls(world):
        visitor.visit(url)
    for name in ["agreement", "delegation", "meeting", "training"]:
        visitor.visit(world[name].get_absolute_url())
        assert PAYLOAD in visitor.text(), name
    for url in ["/countries/XS/", "/offices/hostile-office/", "/people/hostile-person/"]:
        visitor.visit(url)
        assert PAYLOAD in visitor.text(), url
    for url in FEED_URLS + API_URLS:
        visitor.visit(url)


def test_downloads_hold_scripts_as_data_and_formulas_neutralised(visitor_factory, world):
    visitor = visitor_factory(bypass_csp=True)
    visitor.visit("/agreements/")
    cells = [c for row in csv.reader(io.StringIO(download(visitor, "CSV").decode())) for c in row]
    assert PAYLOAD in cells
    sheet = openpyxl.load_workbook(io.BytesIO(download(visitor, "XLSX"))).active
    cells += [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert [c for c in cells if c.startswith(("=", "+", "-", "@"))] == []
    assert "'" + FORMULAS[0] in cells
    records = json.loads(download(visitor, "JSON"))["results"]
    assert PAYLOAD in [record["title"] for record in records]
    visitor.assert_nothing_ran("/agreements/ after downloads")


def test_scripts_in_records_stay_text_in_the_api_docs_try_it_out(visitor_factory, world):
    visitor = visitor_factory(bypass_csp=True)
    shown = run_the_docs_page_request(visitor, world["agreement"].slug)
    assert "window.pwned=1" in shown
    visitor.assert_nothing_ran("/api/v1/docs/ after Execute")


def test_scripts_in_records_stay_text_on_every_admin_page(
    visitor_factory, world, superuser_session
):
    visitor = visitor_factory(bypass_csp=True, session=superuser_session)
    for url in admin_urls(world):
        visitor.visit(url)
    visitor.visit(reverse("admin:index"))
    assert PAYLOAD in visitor.text()
    visitor.visit(reverse("admin:agreements_agreement_change", args=[world["agreement"].pk]))
    assert visitor.page.input_value("#id_title") == PAYLOAD
    # The office picker (select2) renders names that the server sends as JSON.
    visitor.page.locator("#involvements-0 .select2-selection").click()
    visitor.page.locator(".select2-dropdown .select2-search__field").fill("pwned")
    option = visitor.page.locator(".select2-results__option", has_text="window.pwned").first
    option.wait_for()
    assert "<script>" in option.inner_text()
    visitor.assert_nothing_ran("office picker")


def test_no_page_type_reports_a_content_security_policy_violation(
    visitor_factory, world, superuser_session
):
    public = visitor_factory(bypass_csp=False)
    for url in [*catalogue_urls(world), "/map.svg?year=2017", "/no-such-page/", *API_URLS]:
        public.visit(url)
        assert public.violations == [], url
    assert "window.pwned=1" in run_the_docs_page_request(public, world["agreement"].slug)
    assert public.violations == [], "/api/v1/docs/"
    public.visit(reverse("admin:login"))
    assert public.violations == [], "admin login"

    staff = visitor_factory(bypass_csp=False, session=superuser_session)
    for url in admin_urls(world):
        staff.visit(url)
        assert staff.violations == [], url
    staff.visit(reverse("admin:agreements_agreement_change", args=[world["agreement"].pk]))
    staff.page.locator("#involvements-0 .select2-selection").click()
    staff.page.locator(".select2-dropdown .select2-search__field").fill("pwned")
    staff.page.locator(".select2-results__option", has_text="window.pwned").first.wait_for()
    assert staff.violations == [], "office picker"
    assert public.console.csp_violations == [] and staff.console.csp_violations == []


def test_the_violation_watch_sees_an_inline_script_the_policy_blocks(visitor_factory, world):
    visitor = visitor_factory(bypass_csp=False)
    visitor.visit("/")
    visitor.page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.pwned = 1'; document.body.append(s); }"
    )
    visitor.page.wait_for_function("window.__violations.length > 0")
    assert visitor.violations[0].startswith("script-src")
    assert visitor.page.evaluate("typeof window.pwned") == "undefined"
