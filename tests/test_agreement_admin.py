"""The staff desk on the admin home and the agreement list's actions: each with its second step,
each writing through the one write path."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import Agreement
from agreements.services import record_status_change
from cooperation import services
from cooperation.models import Status
from tests.factories import AgreementFactory, OfficeFactory, PassageFactory
from tests.test_admin import ADD_URL, LIST_URL, change_url, form_data, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def party():
    return OfficeFactory(slug="sipo", acronym="SIPO")


@pytest.fixture
def boss(client):
    user = staff("boss", is_superuser=True, email="boss@example.org")
    client.force_login(user)
    return user


def in_days(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


def test_the_admin_home_lists_drafts_expiring_and_unknown_agreements_as_links(client, boss, party):
    AgreementFactory(status=Status.DRAFT, parties=[party])
    soon = AgreementFactory(year=2015, parties=[party])
    services.save_activity(activity=soon, fields={"valid_until": in_days(30)})
    past = AgreementFactory(year=2010, parties=[party])
    services.save_activity(activity=past, fields={"valid_until": "2012"})
    page = client.get(reverse("admin:index")).content.decode()
    assert "Agreements: drafts awaiting publication" in page
    assert f'href="{LIST_URL}?expires=soon"' in page
    assert f'href="{LIST_URL}?expires=unknown"' in page
    listed = client.get(f"{LIST_URL}?expires=soon").context["cl"].result_list
    assert [a.pk for a in listed] == [soon.pk]
    listed = client.get(f"{LIST_URL}?expires=unknown").context["cl"].result_list
    assert [a.pk for a in listed] == [past.pk]


def test_an_agreement_with_a_recorded_end_is_no_longer_unknown_past_its_term(client, boss, party):
    past = AgreementFactory(year=2010, parties=[party])
    services.save_activity(activity=past, fields={"valid_until": "2012"})
    record_status_change(agreement=past, status="expired", date="2012", staff_reference="x")
    listed = client.get(f"{LIST_URL}?expires=unknown").context["cl"].result_list
    assert list(listed) == []


def test_the_admin_list_filters_agreements_in_force_on_a_date(client, boss, party):
    current = AgreementFactory(year=2016, parties=[party])
    services.save_activity(activity=current, fields={"term_years": 5})
    AgreementFactory(year=2019, parties=[party])
    listed = client.get(f"{LIST_URL}?in_force_on=2018-06-30").context["cl"].result_list
    assert [a.pk for a in listed] == [current.pk]
    listed = client.get(f"{LIST_URL}?expires_before=2022").context["cl"].result_list
    assert [a.pk for a in listed] == [current.pk]
    listed = client.get(f"{LIST_URL}?expires_before=2021-05").context["cl"].result_list
    assert list(listed) == []
    listed = client.get(f"{LIST_URL}?validity=signed").context["cl"].result_list
    assert len(listed) == 2


def test_publish_selected_asks_for_confirmation_first(client, boss, party):
    draft = AgreementFactory(status=Status.DRAFT, parties=[party])
    asked = client.post(LIST_URL, {"action": "publish", "_selected_action": [draft.pk]})
    assert asked.status_code == 200
    assert "Yes, publish them" in asked.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    client.post(LIST_URL, {"action": "publish", "_selected_action": [draft.pk], "confirmed": "yes"})
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (Status.PUBLISHED, 2)


def test_bulk_status_change_records_a_dated_change_on_each_agreement(client, boss, party):
    first, second = AgreementFactory.create_batch(2, year=2015, parties=[party])
    data = {"action": "record_status_change", "_selected_action": [first.pk, second.pk]}
    asked = client.post(LIST_URL, data)
    assert asked.status_code == 200 and "new status" in asked.content.decode()
    client.post(
        LIST_URL,
        {**data, "confirmed": "yes", "status": "renewed", "date": "2020-06",
         "staff_reference": "Letter 2020/4"},
    )  # fmt: skip
    assert set(Agreement.objects.values_list("validity_status", "version")) == {("renewed", 2)}


def test_bulk_status_change_out_of_order_changes_nothing_and_says_why(client, boss, party):
    mou = AgreementFactory(year=2015, parties=[party])
    response = client.post(
        LIST_URL,
        {"action": "record_status_change", "_selected_action": [mou.pk], "confirmed": "yes",
         "status": "expired", "date": "2014", "staff_reference": "x"},
        follow=True,
    )  # fmt: skip
    assert "before the signing" in response.content.decode()
    assert not mou.status_changes.exists()


def test_bulk_edit_sets_the_responsible_person_through_the_write_path(client, boss, party):
    first, second = AgreementFactory.create_batch(2, parties=[party])
    client.post(
        LIST_URL,
        {"action": "set_responsible", "_selected_action": [first.pk, second.pk],
         "confirmed": "yes", "responsible": boss.pk},
    )  # fmt: skip
    assert set(Agreement.objects.values_list("responsible", "version")) == {(boss.pk, 2)}
    assert Agreement.objects.get(pk=first.pk).history.first().responsible_id == boss.pk


def test_save_as_new_copies_last_years_work_plan_with_its_parties(client, boss, party):
    plan = AgreementFactory(kind="work-plan", title="Work plan 2017", slug="plan-2017",
                            parties=[party])  # fmt: skip
    data = form_data(client.get(change_url(plan)))
    data.update({"title": "Work plan 2018", "slug": "plan-2018", "year": "2018", "_saveasnew": "1"})
    response = client.post(change_url(plan), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    copy = Agreement.objects.get(slug="plan-2018")
    assert list(copy.involvements.values_list("office__slug", flat=True)) == ["sipo"]
    assert Agreement.objects.get(slug="plan-2017").title == "Work plan 2017"


def test_the_change_form_refuses_an_end_before_the_entry_into_force(client, boss, party):
    mou = AgreementFactory(year=2015, parties=[party])
    data = form_data(client.get(change_url(mou)))
    data.update({"entry_into_force": "2016-03", "valid_until": "2016-01"})
    response = client.post(change_url(mou), data)
    assert "valid_until" in response.context["adminform"].form.errors
    mou.refresh_from_db()
    assert mou.valid_until == ""


def test_the_add_form_has_the_validity_fields(client, boss):
    page = client.get(ADD_URL).content.decode()
    for name in ("entry_into_force", "valid_until", "term_years", "renews", "supersedes"):
        assert f'name="{name}"' in page


def test_the_desk_counts_pending_proposals_and_links_to_them(client, boss):
    from django.apps import apps

    proposal = apps.get_model("cooperation", "Proposal")
    passage = PassageFactory()
    for key, status in [("a", "pending"), ("b", "pending"), ("c", "rejected")]:
        proposal.objects.create(
            document=passage.document, passage=passage, key=key, type="agreement", title=key,
            year=2017, quote="…", status=status,
        )  # fmt: skip
    page = client.get(reverse("admin:index")).content.decode()
    url = reverse("admin:cooperation_proposal_changelist")
    row = page[page.index(f'href="{url}?status__exact=pending"') :]
    assert row.index('class="desk-count">2<') < row.index("</tr>")


def test_the_desk_costs_the_same_queries_whatever_the_number_of_records(
    client, boss, party, django_assert_max_num_queries
):
    AgreementFactory(status=Status.DRAFT, parties=[party])
    client.get(reverse("admin:index"))  # sessions and permissions cached
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("admin:index"))
    for n in range(10):
        mou = AgreementFactory(status=Status.DRAFT, year=2010 + n, parties=[party])
        services.save_activity(activity=mou, fields={"valid_until": in_days(n)})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("admin:index"))
