"""Reverting an activity in the admin brings back its parties, places and people too."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from cooperation import services
from cooperation.models import Involvement, PartyRole, Status, Topic
from delegations.models import Delegation
from tests.factories import (
    AgreementFactory,
    CountryFactory,
    GroupingFactory,
    MeetingFactory,
    OfficeFactory,
    PassageFactory,
    PersonFactory,
)
from tests.test_admin import (
    ADD_URL,
    change_url,
    form_data,
    new_agreement_data,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(editor):
    """May change records but not publish them."""
    user = staff("author")
    user.user_permissions.set(editor.groups.get().permissions.exclude(codename="publish_activity"))
    return user


@pytest.fixture
def offices(db):
    return {name: OfficeFactory(slug=f"office-{name}", acronym=name) for name in "ABC"}


def revert_url(agreement, record) -> str:
    return reverse(
        "admin:agreements_agreement_simple_history", args=[agreement.pk, record.history_id]
    )


def versions(agreement) -> list:
    return list(agreement.history.order_by("history_date", "history_id"))


def parties(agreement) -> set[str]:
    return set(agreement.involvements.values_list("office__acronym", flat=True))


def create_with_parties_a_and_b(client, offices) -> Agreement:
    data = new_agreement_data(client, party=offices["A"], title="Title one")
    data.update(
        {
            "involvements-TOTAL_FORMS": "2",
            "involvements-1-office": str(offices["B"].pk),
            "involvements-1-role": PartyRole.PARTY,
        }
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["errors"]
    return Agreement.objects.get()


def row_index(data: dict, office) -> str:
    return next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("involvements-") and key.endswith("-office") and value == office.pk
    )


def create_with_parties_a_and_b_then_edit_to_a_and_c(client, offices) -> Agreement:
    """As an editor does it, through the add form and then the change form.

    Editors may not delete rows, so B's row is changed into C's.
    """
    agreement = create_with_parties_a_and_b(client, offices)
    data = form_data(client.get(change_url(agreement)))
    data.update(
        {
            "title": "Title two",
            f"involvements-{row_index(data, offices['B'])}-office": offices["C"].pk,
        }
    )
    response = client.post(change_url(agreement), data)
    assert response.status_code == 302, response.context["errors"]
    agreement.refresh_from_db()
    assert (agreement.title, parties(agreement)) == ("Title two", {"A", "C"})
    return agreement


def test_reverting_to_the_first_version_brings_back_its_title_and_parties(client, editor, offices):
    client.force_login(editor)
    agreement = create_with_parties_a_and_b_then_edit_to_a_and_c(client, offices)
    first = versions(agreement)[0]

    url = revert_url(agreement, first)
    page = client.get(url)
    # The revert page says which parties come back.
    listed = f"{offices['A'].label} (party); {offices['B'].label} (party)"
    assert f"<strong>Offices involved:</strong> {listed}" in page.content.decode()
    assert "<strong>Groupings:</strong>" in page.content.decode()
    response = client.post(url, form_data(page))
    assert response.status_code == 302

    agreement.refresh_from_db()
    assert (agreement.title, parties(agreement)) == ("Title one", {"A", "B"})
    assert agreement.version == 3
    assert [v.title for v in versions(agreement)] == ["Title one", "Title two", "Title one"]


def test_the_revert_is_in_the_history_by_whom_and_why_with_every_link(client, editor, offices):
    client.force_login(editor)
    agreement = create_with_parties_a_and_b_then_edit_to_a_and_c(client, offices)
    url = revert_url(agreement, versions(agreement)[0])
    client.post(url, form_data(client.get(url)))

    latest = versions(agreement)[-1]
    assert latest.history_change_reason.startswith("Reverted to the version of ")
    assert latest.history_user == editor
    party_ids = sorted(row[0] for row in latest.links["offices"])
    assert party_ids == sorted([offices["A"].pk, offices["B"].pk])
    # The rows it recreated carry the same user and reason in their own history.
    row = Involvement.objects.get(office=offices["B"])
    last = Involvement.history.filter(id=row.pk).latest("history_date")
    assert (last.history_user, last.history_change_reason) == (
        editor,
        latest.history_change_reason,
    )


def test_the_history_page_says_which_parties_were_removed_and_added(client, offices):
    client.force_login(staff("admin", is_superuser=True))
    agreement = create_with_parties_a_and_b(client, offices)
    data = form_data(client.get(change_url(agreement)))
    extra = data["involvements-TOTAL_FORMS"] - 1
    data.update(
        {
            "title": "Title two",
            f"involvements-{row_index(data, offices['B'])}-DELETE": "on",
            f"involvements-{extra}-office": offices["C"].pk,
            f"involvements-{extra}-role": PartyRole.PARTY,
        }
    )
    assert client.post(change_url(agreement), data).status_code == 302
    assert parties(agreement) == {"A", "C"}
    page = client.get(reverse("admin:agreements_agreement_history", args=[agreement.pk]))
    text = page.content.decode()
    assert f"removed party {offices['B'].label}" in text
    assert f"added party {offices['C'].label}" in text

    url = revert_url(agreement, versions(agreement)[0])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    assert parties(agreement) == {"A", "B"}
    text = client.get(reverse("admin:agreements_agreement_history", args=[agreement.pk]))
    assert f"removed party {offices['C'].label}" in text.content.decode()


def test_a_viewer_cannot_revert_and_nothing_changes(client, editor, viewer, offices):
    client.force_login(editor)
    agreement = create_with_parties_a_and_b_then_edit_to_a_and_c(client, offices)
    url = revert_url(agreement, versions(agreement)[0])
    data = form_data(client.get(url))
    rows_of_history = Involvement.history.count()

    client.force_login(viewer)
    assert client.get(url).status_code == 200  # viewers may look at old versions
    assert client.post(url, data).status_code == 403
    agreement.refresh_from_db()
    assert (agreement.title, parties(agreement)) == ("Title two", {"A", "C"})
    assert Involvement.history.count() == rows_of_history


def test_a_changed_row_gets_its_office_role_and_principal_back_in_place(client, editor, offices):
    agreement = AgreementFactory(title="Before", parties=[offices["A"], offices["B"]])
    client.force_login(editor)
    data = form_data(client.get(change_url(agreement)))
    index = row_index(data, offices["B"])
    data.update(
        {
            "title": "After",
            f"involvements-{index}-office": offices["C"].pk,
            f"involvements-{index}-role": PartyRole.HOST,
            f"involvements-{index}-on_behalf_of": "the Government",
        }
    )
    assert client.post(change_url(agreement), data).status_code == 302
    assert (offices["C"].pk, "host", "the Government") in rows(agreement)

    url = revert_url(agreement, versions(agreement)[0])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    assert rows(agreement) == {(offices["A"].pk, "party", ""), (offices["B"].pk, "party", "")}


def rows(agreement) -> set[tuple]:
    return set(agreement.involvements.values_list("office", "role", "on_behalf_of"))


def test_countries_and_people_come_back_too(client, editor, offices):
    france, person = CountryFactory(code="FR", name="France"), PersonFactory()
    agreement = AgreementFactory(
        title="Before", parties=[offices["A"]], countries=[france], people=[person]
    )
    agreement.title = "After"
    agreement.save()
    agreement.activity_countries.all().delete()
    agreement.participations.all().delete()

    client.force_login(editor)
    url = revert_url(agreement, versions(agreement)[0])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    assert list(agreement.activity_countries.values_list("country__code", "role")) == [
        ("FR", PartyRole.VISITED)
    ]
    assert list(agreement.participations.values_list("person", flat=True)) == [person.pk]


def test_rows_that_swapped_offices_are_put_back_without_breaking_uniqueness(
    client, editor, offices
):
    agreement = AgreementFactory(title="Before", parties=[offices["A"], offices["B"]])
    first_row, second_row = agreement.involvements.order_by("pk")
    agreement.title = "After"
    agreement.save()
    # The two rows swap offices, through a third one, as three later edits could do.
    for row, office in [(first_row, "C"), (second_row, "A"), (first_row, "B")]:
        row.office = offices[office]
        row.save()
    client.force_login(editor)
    url = revert_url(agreement, versions(agreement)[0])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    assert sorted(agreement.involvements.values_list("office__acronym", flat=True)) == ["A", "B"]


def test_reverting_to_a_published_version_without_the_publish_right_stays_a_draft(
    client, author, offices
):
    agreement = AgreementFactory(
        title="Published", status=Status.PUBLISHED, parties=[offices["A"], offices["B"]]
    )
    agreement.title, agreement.status = "Withdrawn", Status.DRAFT
    agreement.save()
    agreement.involvements.filter(office=offices["B"]).delete()
    client.force_login(author)
    url = revert_url(agreement, versions(agreement)[0])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.status) == ("Published", Status.DRAFT)
    assert parties(agreement) == {"A", "B"}


def test_a_revert_to_a_version_listing_a_deleted_office_is_refused_and_changes_nothing(
    client, editor, offices
):
    agreement = AgreementFactory(title="Before", parties=[offices["A"], offices["B"]])
    agreement.title = "After"
    agreement.save()
    agreement.involvements.filter(office=offices["B"]).delete()
    offices["B"].delete()
    client.force_login(editor)
    url = revert_url(agreement, versions(agreement)[0])
    response = client.post(url, form_data(client.get(url)), follow=True)
    assert "which has since been deleted" in response.content.decode()
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version, parties(agreement)) == ("After", 1, {"A"})


def test_rows_without_any_history_are_left_alone(client, editor, offices):
    agreement = AgreementFactory(title="Before", parties=[offices["A"]])
    agreement.title = "After"
    agreement.save()
    # Bulk-made rows (synthetic data) have no history: nothing says when they were added.
    Involvement.objects.bulk_create(
        [Involvement(activity=agreement, office=offices["C"], role=PartyRole.PARTY)]
    )
    client.force_login(editor)
    url = revert_url(agreement, versions(agreement)[0])
    assert client.post(url, form_data(client.get(url))).status_code == 302
    assert parties(agreement) == {"A", "C"}


def test_a_revert_brings_back_groupings_topics_other_passages_and_a_delegations_meetings(
    client, editor, offices
):
    brics, ip5 = GroupingFactory(slug="brics"), GroupingFactory(slug="ip5")
    topic = Topic.objects.create(slug="pph", name="PPH")
    caption, summit = PassageFactory(is_caption=True), MeetingFactory(slug="summit")
    delegation = Delegation(kind="outgoing", title="Visit", slug="visit", year=2017, month=5)
    delegation.staff_reference = "File 7"
    links = {
        "offices": [{"office": offices["A"], "role": "visited"}],
        "groupings": [brics],
        "topics": [topic],
        "other_passages": [caption],
        "meetings": [summit],
    }
    services.save_activity(activity=delegation, links=links, user=editor)
    empty = {"groupings": [ip5], "topics": [], "other_passages": [], "meetings": []}
    services.save_activity(activity=delegation, fields={"title": "Visit, edited"}, links=empty)

    client.force_login(editor)
    first = delegation.history.order_by("history_date", "history_id").first()
    url = reverse("admin:delegations_delegation_simple_history", args=[delegation.pk, first.pk])
    page = client.get(url)
    assert "<strong>Groupings:</strong>" in page.content.decode()
    assert client.post(url, form_data(page)).status_code == 302

    delegation.refresh_from_db()
    assert delegation.title == "Visit"
    assert list(delegation.groupings.all()) == [brics]
    assert list(delegation.topics.all()) == [topic]
    assert list(delegation.other_passages.all()) == [caption]
    assert list(delegation.meetings.all()) == [summit]
    history = client.get(reverse("admin:delegations_delegation_history", args=[delegation.pk]))
    assert "added grouping" in history.content.decode()
