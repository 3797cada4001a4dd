"""An editor works the staff desk in a real Chromium, under the real CSP: from the admin home to
the expiring agreements, a status change recorded for them, and a publication confirmed."""

import datetime

import pytest

from agreements.models import Agreement
from cooperation import services
from cooperation.models import Status
from tests.factories import AgreementFactory, OfficeFactory
from tests.test_admin import create_roles, staff
from tests.test_admin_browser import PASSWORD, csp_violations, page  # noqa: F401 (fixture)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_follows_the_desk_to_expiring_agreements_and_records_their_renewal(
    live_server,
    page,  # noqa: F811
):
    create_roles()
    editor = staff("editor", "editor")
    editor.set_password(PASSWORD)
    editor.save()
    party = OfficeFactory(slug="inpi-fr", acronym="INPI")
    soon = AgreementFactory(slug="mou-soon", title="MOU ending soon", year=2021, parties=[party])
    in_30_days = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    services.save_activity(activity=soon, fields={"valid_until": in_30_days})
    draft = AgreementFactory(
        slug="draft-plan", title="Draft work plan", status=Status.DRAFT, parties=[party]
    )
    violations = csp_violations(page)

    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    desk = page.locator(".staff-desk")
    desk.get_by_text("Agreements expiring in the next 90 days").wait_for()
    assert "1" in desk.locator("tr", has_text="expiring").inner_text()

    desk.get_by_role("link", name="Agreements expiring in the next 90 days").click()
    page.get_by_text("MOU ending soon").wait_for()
    assert page.locator("#result_list tbody tr").count() == 1
    page.locator("#result_list tbody input.action-select").first.check()
    page.select_option("select[name=action]", "record_status_change")
    page.click("button[name=index]")
    page.select_option("#id_status", "renewed")
    page.fill("#id_date", in_30_days[:7])
    page.fill("#id_staff_reference", "Exchange of letters 12")
    page.click("input[type=submit][value=Record]")
    page.get_by_text("1 records changed.").wait_for()
    assert Agreement.objects.get(slug="mou-soon").validity_status == "renewed"

    page.goto(f"{live_server.url}/admin/agreements/agreement/?status__exact=draft")
    page.locator("#result_list tbody input.action-select").first.check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.get_by_role("heading", name="Publish these records?").wait_for()
    assert Agreement.objects.get(pk=draft.pk).status == Status.DRAFT
    page.click("input[type=submit][value='Yes, publish them']")
    page.get_by_text("1 records changed.").wait_for()
    assert Agreement.objects.get(pk=draft.pk).status == Status.PUBLISHED
    assert violations == []
