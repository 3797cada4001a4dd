"""An editor reads a new chapter and reviews its proposals in a real Chromium, under the CSP."""

import pytest
from django.db import connections

from cooperation.models import Activity, Office, Proposal, ProposalStatus, Status
from tests.factories import CountryFactory, OfficeFactory
from tests.test_admin import create_roles, staff
from tests.test_admin_browser import PASSWORD, csp_violations, page  # noqa: F401 (fixture)

CHAPTER = """\
IX. International Cooperation

1 Europe

In April, Commissioner Ana Lima visited the Nordic Patent Institute and signed a work plan with NPI.

In October, the office received a delegation from the Patent Office of Freedonia.

In November, the office held the 2nd Heads Meeting between HPO and NPI in Oslo, Norway.
"""


@pytest.fixture
def editor(settings):
    """An editor, a home office and a partner the chapters below name."""
    settings.HOME_OFFICE = "hpo"
    create_roles()
    user = staff("editor", "editor")
    user.set_password(PASSWORD)
    user.save()
    home = CountryFactory(code="HM", name="Homeland")
    CountryFactory(code="NO", name="Norway")
    OfficeFactory(slug="hpo", acronym="HPO", name="Home Patent Office", country=home)
    OfficeFactory(
        slug="npi", acronym="NPI", name="Nordic Patent Institute", kind="intergovernmental",
        country=None,
    )  # fmt: skip
    return user


def sign_in(page, live_server):  # noqa: F811
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.get_by_text("Cooperation Tracker administration").first.wait_for()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_pastes_a_chapter_and_accepts_rejects_edits_and_creates_an_office(
    live_server,
    page,  # noqa: F811
    editor,
):
    violations = csp_violations(page)
    sign_in(page, live_server)

    page.goto(f"{live_server.url}/admin/cooperation/proposal/")
    page.get_by_text("New report chapter").click()
    page.fill("#id_document", "Home Annual Report 2019")
    page.fill("#id_year", "2019")
    page.fill("#id_text", "这不是英文。" * 20)
    page.click("input[type=submit]")
    assert "does not read as English" in page.locator(".errorlist").inner_text()
    assert not Proposal.objects.exists()

    page.fill("#id_text", CHAPTER)
    page.click("input[type=submit]")
    page.locator(".messagelist .success").wait_for()
    total = Proposal.objects.count()
    assert f"0 of {total} reviewed" in page.locator(".ingest-progress").inner_text()

    # Accept the work plan as it stands: the passage shows the matched words marked.
    page.locator("#result_list a", has_text="Work plan").click()
    page.locator(".ingest-passage mark").first.wait_for()
    marks = page.locator(".ingest-passage mark").all_inner_texts()
    assert "April" in marks and "NPI" in marks
    page.click("input[name=_accept]")
    page.locator(".messagelist .success").wait_for()
    plan = Proposal.objects.get(kind="work-plan")
    assert plan.status == ProposalStatus.ACCEPTED
    assert plan.activity.status == Status.DRAFT and plan.activity.month == 4
    connections.close_all()

    # The next pending proposal opens: the visit from an office the database does not know.
    received = Proposal.objects.get(kind="incoming")
    page.goto(f"{live_server.url}/admin/cooperation/proposal/{received.pk}/change/")
    page.click("button[name=_create_office]")
    page.locator(".messagelist .success").wait_for()
    assert Office.objects.filter(name="Patent Office of Freedonia").exists()
    page.click("input[name=_reject]")
    page.locator(".messagelist .success").wait_for()
    assert Proposal.objects.get(pk=received.pk).status == ProposalStatus.REJECTED
    connections.close_all()

    # Edit then accept: the meeting's month corrected before it becomes a record.
    heads = Proposal.objects.get(kind="heads-meeting")
    page.goto(f"{live_server.url}/admin/cooperation/proposal/{heads.pk}/change/")
    page.fill("#id_month", "12")
    page.click("input[name=_accept]")
    page.locator(".messagelist .success").wait_for()
    meeting = Activity.objects.get(pk=Proposal.objects.get(pk=heads.pk).activity_id)
    assert (meeting.type, meeting.month, meeting.status) == ("meeting", 12, Status.DRAFT)
    connections.close_all()

    page.goto(f"{live_server.url}/admin/cooperation/proposal/")
    reviewed = Proposal.objects.reviewed().count()
    assert f"{reviewed} of {total} reviewed" in page.locator(".ingest-progress").inner_text()
    assert not Activity.objects.published().exists()
    assert violations == []
    connections.close_all()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editor_merges_a_proposal_into_the_record_that_looks_the_same(
    live_server,
    page,  # noqa: F811
    editor,
):
    from cooperation.ingest import store

    store.ingest(text=CHAPTER, title="Home Annual Report 2019", year=2019)
    first = store.ingest(
        text=CHAPTER.replace("IX.", "X."), title="Home Annual Report 2019 (reprint)", year=2019
    )
    plan = Proposal.objects.filter(kind="work-plan").order_by("pk").first()
    store.accept(proposal=plan, user=editor)
    twin = next(p for p in first.proposals if p.kind == "work-plan")
    sign_in(page, live_server)

    page.goto(f"{live_server.url}/admin/cooperation/proposal/{twin.pk}/change/")
    page.click("button[name=_merge]")
    page.locator(".messagelist .success").wait_for()
    twin.refresh_from_db()
    assert (
        twin.status == ProposalStatus.MERGED
        and twin.activity_id == Proposal.objects.get(pk=plan.pk).activity_id
    )
    assert twin.passage in twin.activity.other_passages.all()
    connections.close_all()
