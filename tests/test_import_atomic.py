"""An import that fails midway leaves nothing half-loaded: no records, no links, no history.

The failures come from the database itself, after earlier rows and their history rows were
written in the same transaction: a trigger refuses one insert, but only once it can see those
earlier rows, so a test in which they were never written fails instead of passing vacuously.
"""

from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from agreements.models import Agreement
from cooperation.models import Activity, Participation
from delegations.models import Meeting
from tests.factories import AgreementFactory, OfficeFactory
from tests.test_admin_import import HEADER, confirm, upload

pytestmark = pytest.mark.django_db

REFUSAL = "refused by the database for this test"


def row_counts() -> dict[str, int]:
    """Rows of every table of the apps, history tables and link tables included."""
    labels = ("cooperation", "agreements", "delegations")
    return {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in labels
    }


@contextmanager
def refused_insert(table: str, condition: str):
    """While open, the database refuses an insert into *table* when *condition* (SQL) holds."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN IF {condition} THEN RAISE EXCEPTION '{REFUSAL}'; END IF; RETURN NEW; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse_for_test BEFORE INSERT ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION refuse_for_test()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER refuse_for_test BEFORE INSERT ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}') WHERE {condition}; END"
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS refuse_for_test ON {table}")
                cursor.execute("DROP FUNCTION IF EXISTS refuse_for_test()")
            else:
                cursor.execute("DROP TRIGGER IF EXISTS refuse_for_test")


def count_of(model, condition: str) -> str:
    # Built from the test's own constants, never from input.
    return f"(SELECT COUNT(*) FROM {model._meta.db_table} WHERE {condition})"  # noqa: S608


# The admin import (django-import-export's confirm step)


ROWS = (
    HEADER
    + "mou-inpi,mou,New title,2017-06,epo,File 1\n"
    + "good-two,mou,A new agreement,2017-07,inpi-fr; epo,File 2\n"
    + "boom,mou,The row the database refuses,2017-08,epo,File 3\n"
)


@pytest.fixture
def offices(db):
    return OfficeFactory(slug="inpi-fr", acronym="INPI"), OfficeFactory(slug="epo")


def test_a_row_refused_by_the_database_at_confirmation_leaves_no_record_and_no_history(
    client, editor, offices
):
    inpi, epo = offices
    existing = AgreementFactory(slug="mou-inpi", title="Old title", parties=[inpi])
    client.force_login(editor)
    preview = upload(client, ROWS.encode())
    assert not preview.context["result"].has_errors(), "the preview must pass for this test"
    before = row_counts()

    history = Agreement.history.model
    added = count_of(history, "slug = 'good-two' AND history_type = '+'")
    updated = count_of(history, "slug = 'mou-inpi' AND title = 'New title'")
    condition = f"NEW.slug = 'boom' AND {added} = 1 AND {updated} = 1"
    with refused_insert(Activity._meta.db_table, condition):
        response = confirm(client, preview)
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()

    assert "Nothing was imported" in page
    assert row_counts() == before
    assert not Activity.objects.filter(slug__in=["good-two", "boom"]).exists()
    existing.refresh_from_db()
    assert (existing.title, existing.version) == ("Old title", 1)
    assert list(existing.involvements.values_list("office__slug", flat=True)) == ["inpi-fr"]
    assert epo.involvements.count() == 0


def test_the_same_file_imports_when_the_database_accepts_every_row(client, editor, offices):
    AgreementFactory(slug="mou-inpi", title="Old title", parties=[offices[0]])
    client.force_login(editor)
    assert confirm(client, upload(client, ROWS.encode())).status_code == 302
    assert Agreement.objects.get(slug="mou-inpi").title == "New title"
    assert set(Agreement.objects.values_list("slug", flat=True)) == {"mou-inpi", "good-two", "boom"}
    assert Agreement.history.count() == 4


# The seed (manage.py load_seed)

SEED = """
countries:
  - code: XA
    name: Xanadu
    region: asia
offices:
  - slug: xa-ipo
    acronym: XAIPO
    name: Xanadu Intellectual Property Office
    country: XA
people:
  - slug: xa-head
    name: Head of XAIPO
    office: xa-ipo
activities:
  - type: agreement
    slug: xa-mou
    kind: mou
    title: Memorandum with Xanadu
    date: "2017-05"
    parties: [xa-ipo]
    staff_reference: File 1
  - type: meeting
    slug: xa-heads-meeting
    kind: heads-meeting
    title: Heads meeting with Xanadu
    date: "2017-06"
    hosts: [xa-ipo]
    leaders: [xa-head]
    edition: {edition}
    staff_reference: File 2
"""


def seed_file(tmp_path, edition: int):
    path = tmp_path / "xanadu.yaml"
    path.write_text(SEED.format(edition=edition), encoding="utf-8")
    return path


def test_a_seed_whose_last_record_breaks_a_constraint_leaves_no_row_and_no_history(tmp_path):
    # The seed leaves this check to the database (meeting_edition_positive), so the countries,
    # offices, people and the agreement before it were already inserted when it is refused.
    before = row_counts()
    with pytest.raises(CommandError, match="meeting 'xa-heads-meeting': An edition is a positive"):
        call_command("load_seed", "--file", str(seed_file(tmp_path, edition=0)))
    assert row_counts() == before


def test_a_seed_refused_at_its_last_link_leaves_no_row_and_no_history(tmp_path):
    # The people of the last record are linked after the records before it were saved with
    # their history rows; the refusal waits until those history rows are there.
    agreements = count_of(Agreement.history.model, "slug = 'xa-mou'")
    before = row_counts()
    with refused_insert(Participation._meta.db_table, f"{agreements} = 1"):
        with pytest.raises(CommandError, match=f"meeting 'xa-heads-meeting': {REFUSAL}"):
            call_command("load_seed", "--file", str(seed_file(tmp_path, edition=1)))
    assert row_counts() == before


def test_the_seed_file_loads_when_the_database_accepts_it(tmp_path):
    call_command("load_seed", "--file", str(seed_file(tmp_path, edition=1)))
    meeting = Meeting.objects.get(slug="xa-heads-meeting")
    assert list(meeting.participations.values_list("person__slug", flat=True)) == ["xa-head"]
    assert Meeting.history.filter(slug="xa-heads-meeting").count() == 1
    assert Participation.history.count() == 1
