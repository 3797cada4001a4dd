"""The back-office: rights, validation, stale forms, publishing and history."""

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from agreements.models import Agreement
from cooperation.admin_forms import STALE_MESSAGE
from cooperation.models import Figure, Involvement, PartyRole, Status
from cooperation.services import StaleVersion
from tests.factories import AgreementFactory, OfficeFactory, PassageFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:agreements_agreement_add")
LIST_URL = reverse("admin:agreements_agreement_changelist")


def change_url(agreement):
    return reverse("admin:agreements_agreement_change", args=[agreement.pk])


def staff(username: str, group: str | None = None, **extra) -> User:
    user = User.objects.create_user(username, password="a long and unusual password", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for key, value in extra.items():
        setattr(user, key, value)
    user.save()
    return user


def create_roles() -> None:
    call_command("create_roles", stdout=SimpleNamespace(write=lambda *a, **k: None))


@pytest.fixture
def author(roles):
    """May add and change records but not publish them."""
    user = staff("author")
    editing = Group.objects.get(name="editor").permissions.exclude(codename="publish_activity")
    user.user_permissions.set(editing)
    return user


def form_data(response) -> dict:
    """The POST data a browser would send back for the admin form in *response*, unchanged."""
    data = {}

    def collect(form):
        for bound in form:
            value = bound.value()
            if value is None or value is False or bound.name == "signed_document":
                continue
            data[bound.html_name] = "on" if value is True else value

    collect(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        collect(formset.management_form)
        for form in formset.forms:
            collect(form)
    data["_save"] = "Save"
    return data


def new_agreement_data(client, **fields) -> dict:
    """A complete add-form submission with one party; *fields* override the defaults."""
    data = form_data(client.get(ADD_URL))
    party = fields.pop("party", None) or OfficeFactory(slug="inpi-fr", acronym="INPI")
    data.update(
        {
            "kind": "mou",
            "title": "Memorandum on patent examination",
            "slug": "mou-patent-examination",
            "year": "2017",
            "month": "5",
            "staff_reference": "File 2017/12",
            "involvements-0-office": str(party.pk),
            "involvements-0-role": PartyRole.PARTY,
        }
    )
    data.update(fields)
    return data


# Rights


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_viewer_can_see_the_list_but_cannot_change_a_record(client, viewer):
    agreement = AgreementFactory(title="Viewed")
    client.force_login(viewer)
    assert client.get(LIST_URL).status_code == 200
    response = client.get(change_url(agreement))
    assert response.status_code == 200
    data = form_data(response)
    data["title"] = "Changed by a viewer"
    assert client.post(change_url(agreement), data).status_code == 403
    agreement.refresh_from_db()
    assert agreement.title == "Viewed"


def test_viewer_cannot_add_or_import(client, viewer):
    client.force_login(viewer)
    assert client.get(ADD_URL).status_code == 403
    assert client.get(reverse("admin:agreements_agreement_import")).status_code == 403


def test_editor_adds_an_agreement_with_a_month_only_date(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_agreement_data(client))
    assert response.status_code == 302, response.context["errors"]
    agreement = Agreement.objects.get(slug="mou-patent-examination")
    assert agreement.date == "2017-05"
    assert agreement.status == Status.DRAFT
    assert list(agreement.involvements.values_list("office__slug", "role")) == [
        ("inpi-fr", "party")
    ]


def test_create_roles_can_run_twice_and_gives_viewers_only_view_rights(roles):
    call_command("create_roles", stdout=SimpleNamespace(write=lambda *a, **k: None))
    assert Group.objects.filter(name__in=["editor", "viewer"]).count() == 2
    viewer_codenames = set(
        Group.objects.get(name="viewer").permissions.values_list("codename", flat=True)
    )
    assert "view_agreement" in viewer_codenames
    assert all(codename.startswith("view_") for codename in viewer_codenames)
    editor_codenames = set(
        Group.objects.get(name="editor").permissions.values_list("codename", flat=True)
    )
    assert {"add_agreement", "change_office", "publish_activity"} <= editor_codenames
    deletes = {c for c in editor_codenames if c.startswith("delete_")}
    # Editors may drop a party, place or person from a record, but never delete a record.
    assert deletes == {"delete_involvement", "delete_activitycountry", "delete_participation"}
    assert not any("historical" in c for c in editor_codenames)


# Publishing


def test_a_user_without_the_publish_right_saves_only_drafts(client, author):
    client.force_login(author)
    response = client.post(ADD_URL, new_agreement_data(client, status=Status.PUBLISHED))
    assert response.status_code == 302
    assert Agreement.objects.get().status == Status.DRAFT


def test_an_editor_can_publish_on_the_form(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_agreement_data(client, status=Status.PUBLISHED))
    assert response.status_code == 302
    assert Agreement.objects.get().status == Status.PUBLISHED


def test_publish_action_is_refused_without_the_publish_right(client, author):
    draft = AgreementFactory(status=Status.DRAFT)
    client.force_login(author)
    client.post(LIST_URL, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_publish_and_unpublish_actions_change_status_and_version(client, editor):
    first, second = AgreementFactory.create_batch(2, status=Status.DRAFT, parties=[OfficeFactory()])
    client.force_login(editor)
    client.post(
        LIST_URL,
        {"action": "publish", "_selected_action": [first.pk, second.pk], "confirmed": "yes"},
    )
    assert set(Agreement.objects.values_list("status", "version")) == {(Status.PUBLISHED, 2)}
    client.post(LIST_URL, {"action": "unpublish", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert (first.status, first.version) == (Status.DRAFT, 3)


def test_headline_figures_are_published_by_the_same_action(client, editor):
    passage = PassageFactory()
    figure = Figure.objects.create(
        document=passage.document, slug="new-agreements", label="New agreements", value=52,
        unit="agreements", year=2017, passage=passage,
    )  # fmt: skip
    client.force_login(editor)
    url = reverse("admin:cooperation_figure_changelist")
    client.post(url, {"action": "publish", "_selected_action": [figure.pk]})
    figure.refresh_from_db()
    assert figure.status == Status.PUBLISHED


# Validation


def test_impossible_date_is_a_form_error_on_the_day_and_nothing_is_saved(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_agreement_data(client, month="2", day="30"))
    assert response.status_code == 200
    assert "2017-02 has no day 30." in response.context["adminform"].form.errors["day"]
    assert not Agreement.objects.exists()


def test_end_before_start_is_a_form_error_on_the_end(client, editor):
    client.force_login(editor)
    data = new_agreement_data(client, day="14", end_year="2017", end_month="5", end_day="2")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "end_year" in response.context["adminform"].form.errors
    assert not Agreement.objects.exists()


def test_a_record_needs_a_passage_or_a_staff_reference(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_agreement_data(client, staff_reference=""))
    assert response.status_code == 200
    assert "staff_reference" in response.context["adminform"].form.errors
    passage = PassageFactory()
    response = client.post(
        ADD_URL, new_agreement_data(client, staff_reference="", passage=passage.pk)
    )
    assert response.status_code == 302
    assert Agreement.objects.get().passage == passage


def test_agreement_without_parties_is_refused(client, editor):
    client.force_login(editor)
    data = new_agreement_data(client)
    data["involvements-0-role"] = PartyRole.ORGANIZER
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    errors = " ".join(response.context["inline_admin_formsets"][0].formset.non_form_errors())
    assert "An agreement needs at least one office in the role 'party'" in errors
    assert not Agreement.objects.exists()


def test_duplicate_agreement_is_refused(client, editor):
    party = OfficeFactory(slug="inpi-fr", acronym="INPI")
    existing = AgreementFactory(
        kind="mou", title="Memorandum on patent examination", year=2017, month=5, parties=[party]
    )
    client.force_login(editor)
    data = new_agreement_data(client, party=party, slug="another-slug")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "already records this" in errors and existing.slug in errors
    assert Agreement.objects.count() == 1
    # The same title with another party is a different agreement.
    data["involvements-0-office"] = str(OfficeFactory().pk)
    assert client.post(ADD_URL, data).status_code == 302


def test_kind_choices_are_limited_to_agreement_kinds(client, editor):
    client.force_login(editor)
    choices = dict(client.get(ADD_URL).context["adminform"].form.fields["kind"].choices)
    assert "mou" in choices and "outgoing" not in choices


# Stale forms


def test_saving_a_stale_form_is_refused_and_keeps_the_other_save(client, editor):
    agreement = AgreementFactory(title="Original", parties=[OfficeFactory()])
    client.force_login(editor)
    first = form_data(client.get(change_url(agreement)))
    second = form_data(client.get(change_url(agreement)))

    first["title"] = "First editor's title"
    assert client.post(change_url(agreement), first).status_code == 302

    second["title"] = "Second editor's title"
    response = client.post(change_url(agreement), second)
    assert response.status_code == 200
    assert STALE_MESSAGE in response.context["adminform"].form.non_field_errors()
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("First editor's title", 2)


def test_compare_and_increment_refuses_a_save_that_lost_the_race(editor):
    agreement = AgreementFactory(parties=[OfficeFactory()])
    Agreement.objects.filter(pk=agreement.pk).update(version=5)
    model_admin = admin.site._registry[Agreement]
    request = RequestFactory().post("/")
    request.user = editor
    agreement.title = "Changed"
    form = SimpleNamespace(
        instance=agreement, cleaned_data={"seen_version": 4}, _meta=SimpleNamespace(model=Agreement)
    )
    with pytest.raises(StaleVersion):
        model_admin.save_related(request, form, [], change=True)
    form.cleaned_data["seen_version"] = 5
    model_admin.save_related(request, form, [], change=True)
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Changed", 6)


# History


def test_an_edit_is_in_the_history_with_the_previous_values_and_can_be_reverted(client, editor):
    agreement = AgreementFactory(title="Before", parties=[OfficeFactory()])
    client.force_login(editor)
    data = form_data(client.get(change_url(agreement)))
    data["title"] = "After"
    assert client.post(change_url(agreement), data).status_code == 302

    versions = list(agreement.history.order_by("history_date", "history_id"))
    assert [v.title for v in versions] == ["Before", "After"]
    assert versions[-1].history_user == editor
    history_page = client.get(reverse("admin:agreements_agreement_history", args=[agreement.pk]))
    assert "Before" in history_page.content.decode() and "After" in history_page.content.decode()

    revert_url = reverse(
        "admin:agreements_agreement_simple_history", args=[agreement.pk, versions[0].history_id]
    )
    revert = form_data(client.get(revert_url))
    assert revert["title"] == "Before"
    assert client.post(revert_url, revert).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Before", 3)
    assert agreement.history.count() == 3


def test_a_viewer_cannot_revert(client, viewer):
    agreement = AgreementFactory(title="Before")
    agreement.title = "After"
    agreement.save()
    first = agreement.history.earliest("history_date")
    client.force_login(viewer)
    revert_url = reverse("admin:agreements_agreement_simple_history", args=[agreement.pk, first.pk])
    assert client.post(revert_url, {"title": "Before", "_save": "Revert"}).status_code == 403
    agreement.refresh_from_db()
    assert agreement.title == "After"


# Lists


def test_list_shows_date_as_given_and_parties_and_filters_by_country_and_year(client, editor):
    france = OfficeFactory(
        slug="inpi-fr", acronym="INPI", country__code="FR", country__name="France"
    )
    AgreementFactory(title="French memorandum", year=2017, month=5, parties=[france])
    AgreementFactory(title="Older memorandum", year=2016, month=None, parties=[OfficeFactory()])
    client.force_login(editor)
    page = client.get(LIST_URL).content.decode()
    assert "2017-05" in page and "INPI" in page
    by_country = client.get(LIST_URL, {"country": "FR"}).context["cl"].result_list
    assert [a.title for a in by_country] == ["French memorandum"]
    by_year = client.get(LIST_URL, {"year": "2016"}).context["cl"].result_list
    assert [a.title for a in by_year] == ["Older memorandum"]
    by_office = client.get(LIST_URL, {"q": "INPI"}).context["cl"].result_list
    assert [a.title for a in by_office] == ["French memorandum"]


def test_list_query_count_does_not_grow_with_rows(client, editor, django_assert_max_num_queries):
    for _ in range(12):
        AgreementFactory(parties=[OfficeFactory(), OfficeFactory()])
    client.force_login(editor)
    with django_assert_max_num_queries(11):
        assert client.get(LIST_URL).status_code == 200


def test_a_release_is_listed_for_staff_and_cannot_be_changed(admin_client):
    from cooperation.release_models import Release

    release = Release.objects.create(
        version="2017.1", data_as_of="2018-01-01T00:00Z", record_count=3
    )
    listing = admin_client.get("/admin/cooperation/release/")
    assert listing.status_code == 200 and "2017.1" in listing.content.decode()
    assert admin_client.get("/admin/cooperation/release/add/").status_code == 403
    page = admin_client.get(f"/admin/cooperation/release/{release.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.post(f"/admin/cooperation/release/{release.pk}/delete/").status_code == 403


def test_every_model_has_an_admin():
    from django.apps import apps

    for label in ["cooperation", "agreements", "delegations"]:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical") or model._meta.auto_created:
                continue
            if model in (Involvement,) or model.__name__ in {
                "ActivityCountry",
                "Participation",
                "Activity",
            }:
                continue  # edited as inlines of their activity
            derived = {
                "Coverage",
                "Tally",
                "SearchText",
                "DataVersion",
                "Deletion",
                "ReleaseRecord",
            }
            if model.__name__ in derived:
                continue  # derived from the records, never edited
            assert model in admin.site._registry, model


def test_admin_speaks_simplified_chinese(client, editor):
    client.force_login(editor)
    response = client.get(LIST_URL, headers={"accept-language": "zh-hans"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="zh-hans"' in page
    assert "搜索" in page  # Django's own "Search", from its zh-hans catalogue


def test_admin_header_names_the_tracker(client, editor):
    client.force_login(editor)
    assert "Cooperation Tracker administration" in client.get("/admin/").content.decode()


def test_other_activity_admins_open(client, editor):
    client.force_login(editor)
    for name in ["delegation", "meeting", "training"]:
        assert client.get(reverse(f"admin:delegations_{name}_add")).status_code == 200
        assert client.get(reverse(f"admin:delegations_{name}_changelist")).status_code == 200
    for name in [
        "country",
        "office",
        "person",
        "grouping",
        "topic",
        "document",
        "passage",
        "figure",
    ]:
        assert client.get(reverse(f"admin:cooperation_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:cooperation_{name}_add")).status_code == 200


def test_a_user_without_the_publish_right_sees_status_read_only(client, author):
    client.force_login(author)
    form = client.get(ADD_URL).context["adminform"].form
    assert "status" not in form.fields
    assert Permission.objects.filter(codename="publish_activity").exists()
