"""Spreadsheet import and export in the back-office."""

import csv
import io
import os

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.tmp_storages import TempFolderStorage

from agreements.models import Agreement
from cooperation.models import Office, Status
from tests.factories import AgreementFactory, CountryFactory, OfficeFactory, PassageFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:agreements_agreement_import")
PROCESS_URL = reverse("admin:agreements_agreement_process_import")
EXPORT_URL = reverse("admin:agreements_agreement_export")
CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADER = "slug,kind,title,date,parties,staff_reference\n"


def upload(
    client, content: bytes, name: str = "agreements.csv", fmt: str = CSV_FORMAT, url=IMPORT_URL
):
    return client.post(url, {"format": fmt, "import_file": SimpleUploadedFile(name, content)})


def confirm(client, preview, url=PROCESS_URL):
    """Press 'Confirm import' on a preview page."""
    assert preview.status_code == 200
    form = preview.context["confirm_form"]
    assert form is not None, "the preview offers no confirmation"
    return client.post(url, form.initial)


@pytest.fixture
def offices(db):
    return [OfficeFactory(slug="inpi-fr", acronym="INPI"), OfficeFactory(slug="epo", acronym="EPO")]


def test_csv_import_previews_then_saves_partial_dates_and_parties_as_drafts(
    client, editor, offices
):
    client.force_login(editor)
    rows = HEADER + "mou-inpi,mou,Memorandum with INPI,2017-05,inpi-fr; EPO,File 1\n"
    preview = upload(client, rows.encode())
    assert not Agreement.objects.exists(), "the preview is a dry run"
    assert confirm(client, preview).status_code == 302
    agreement = Agreement.objects.get(slug="mou-inpi")
    assert (agreement.date, agreement.status) == ("2017-05", Status.DRAFT)
    assert set(agreement.involvements.values_list("office__slug", flat=True)) == {"inpi-fr", "epo"}


def test_csv_with_one_bad_row_saves_nothing_and_names_the_row_and_reason(client, editor, offices):
    client.force_login(editor)
    rows = (
        HEADER
        + "good-one,mou,A good row,2017-05,inpi-fr,File 1\n"
        + "bad-one,mou,A bad row,2017-02-30,nobody,File 2\n"
    )
    response = upload(client, rows.encode())
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    invalid = response.context["result"].invalid_rows
    assert [row.number for row in invalid] == [2]
    page = response.content.decode()
    assert "2017-02 has no day 30." in page
    assert "Unknown or ambiguous office: nobody." in page
    assert not Agreement.objects.exists()


def test_confirming_a_file_that_has_become_bad_saves_nothing(client, editor, offices):
    client.force_login(editor)
    preview = upload(client, (HEADER + "good-one,mou,Good,2017,inpi-fr,File 1\n").encode())
    form = dict(preview.context["confirm_form"].initial)
    # Between preview and confirmation the stored file is replaced by one with a bad row
    # (as a crafted request could do): the confirmation must not save the good rows.
    bad = TempFolderStorage()
    bad.save((HEADER + "good-two,mou,Good,2017,epo,F\nbad,mou,Bad,2017,nobody,F\n").encode())
    form["import_file_name"] = os.path.basename(bad.name)
    response = client.post(PROCESS_URL, form, follow=True)
    assert not Agreement.objects.exists()
    assert "Nothing was imported" in response.content.decode()


def test_import_updates_an_existing_agreement_and_raises_its_version(client, editor, offices):
    existing = AgreementFactory(slug="mou-inpi", title="Old title", parties=[offices[0]])
    client.force_login(editor)
    rows = HEADER + "mou-inpi,mou,New title,2017-06-02,epo,File 1\n"
    confirm(client, upload(client, rows.encode()))
    existing.refresh_from_db()
    assert (existing.title, existing.date, existing.version) == ("New title", "2017-06-02", 2)
    assert list(existing.involvements.values_list("office__slug", flat=True)) == ["epo"]


def test_xlsx_import_works_and_accepts_a_passage_key(client, editor, offices):
    passage = PassageFactory()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["slug", "kind", "title", "date", "parties", "passage"])
    sheet.append(
        [
            "pph-epo",
            "pph",
            "PPH with the EPO",
            2017,
            "EPO",
            f"{passage.document.slug}/{passage.ref}",
        ]
    )
    content = io.BytesIO()
    book.save(content)
    client.force_login(editor)
    preview = upload(client, content.getvalue(), name="agreements.xlsx", fmt=XLSX_FORMAT)
    assert confirm(client, preview).status_code == 302
    agreement = Agreement.objects.get(slug="pph-epo")
    assert (agreement.date, agreement.passage) == ("2017", passage)


def test_viewer_cannot_post_an_import(client, viewer, offices):
    client.force_login(viewer)
    response = upload(client, (HEADER + "a,mou,A,2017,epo,F\n").encode())
    assert response.status_code == 403
    assert not Agreement.objects.exists()


def test_export_neutralises_cells_that_a_spreadsheet_would_run(client, editor, offices):
    for n, title in enumerate(['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "Plain"]):
        AgreementFactory(slug=f"a-{n}", title=title, parties=[offices[0]])
    client.force_login(editor)
    response = client.post(EXPORT_URL, {"format": CSV_FORMAT, "resource": "0"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    titles = sorted(row["title"] for row in rows)
    assert titles == sorted(['\'=HYPERLINK("http://x")', "'+1+2", "'-3", "'@SUM(A1)", "Plain"])
    assert {row["date"] for row in rows} == {"2017-05"}
    assert {row["parties"] for row in rows} == {"inpi-fr"}


def test_xlsx_export_writes_no_formula(client, editor, offices):
    AgreementFactory(title="=1+1", parties=[offices[0]])
    client.force_login(editor)
    response = client.post(EXPORT_URL, {"format": XLSX_FORMAT, "resource": "0"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert "'=1+1" in [cell.value for cell in cells]
    assert all(cell.data_type != "f" for cell in cells)


def test_offices_import_with_their_country_code(client, editor):
    CountryFactory(code="FR", name="France")
    client.force_login(editor)
    url = reverse("admin:cooperation_office_import")
    rows = b"slug,acronym,name,kind,country\ninpi-fr,INPI,Institut national,national,FR\n"
    preview = upload(client, rows, url=url)
    confirm(client, preview, url=reverse("admin:cooperation_office_process_import"))
    assert Office.objects.get(slug="inpi-fr").country.code == "FR"
