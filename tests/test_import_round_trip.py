"""Export, then import the same file: nothing changes, and an edited row changes only itself."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from agreements.models import Agreement
from cooperation.models import PartyRole
from cooperation.seed import load_seed
from tests.factories import AgreementFactory, OfficeFactory
from tests.test_admin import form_data
from tests.test_admin_import import CSV_FORMAT, EXPORT_URL, XLSX_FORMAT, confirm, upload

pytestmark = pytest.mark.django_db


def state() -> dict:
    """What an import must not touch when nothing changed: versions, update times, history."""
    return {
        slug: (version, updated_at, Agreement.history.filter(slug=slug).count())
        for slug, version, updated_at in Agreement.objects.values_list(
            "slug", "version", "updated_at"
        )
    }


def export(client, fmt=CSV_FORMAT) -> bytes:
    response = client.post(EXPORT_URL, {"format": fmt, "resource": "0"})
    assert response.status_code == 200
    return response.content


def rows_of(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def as_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_importing_an_unedited_export_of_the_seeded_data_changes_nothing(client, editor):
    load_seed()
    before = state()
    client.force_login(editor)
    preview = upload(client, export(client))
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (0, 0, 50)
    assert "0 new, 0 updated, 50 unchanged" in preview.content.decode()
    response = confirm(client, preview)
    assert response.status_code == 302
    assert state() == before


def test_an_export_with_two_rows_edited_updates_those_two_only(client, editor):
    load_seed()
    before = state()
    client.force_login(editor)
    rows = rows_of(export(client))
    rows[0]["title"] += " (amended)"
    rows[1]["summary"] = "A new summary."
    preview = upload(client, as_csv(rows))
    result = preview.context["result"]
    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (0, 2, 48)
    confirm(client, preview)
    after = state()
    changed = {slug for slug in before if before[slug] != after[slug]}
    assert changed == {rows[0]["slug"], rows[1]["slug"]}
    for slug in changed:
        assert after[slug][0] == before[slug][0] + 1  # one new version
        assert after[slug][2] == before[slug][2] + 1  # one history row


def test_the_declaration_sipo_facilitated_survives_the_round_trip(client, editor):
    load_seed()
    client.force_login(editor)
    rows = {row["slug"]: row for row in rows_of(export(client))}
    assert rows["brics-xiamen-declaration-2017"]["parties"] == "sipo (facilitator)"
    declaration = Agreement.objects.get(slug="brics-xiamen-declaration-2017")
    assert list(declaration.involvements.values_list("office__slug", "role")) == [
        ("sipo", PartyRole.FACILITATOR)
    ]


def test_the_preview_shows_every_column_of_a_new_and_a_changed_row(client, editor):
    office = OfficeFactory(slug="inpi-fr", acronym="INPI")
    AgreementFactory(slug="old", title="Old title", parties=[office], staff_reference="F 1")
    client.force_login(editor)
    content = (
        "slug,kind,title,date,parties,passage,staff_reference\n"
        "old,mou,New title,2017-05,inpi-fr,,F 1\n"
        "new,mou,Brand new,2017-06,inpi-fr,,F 2\n"
    )
    preview = upload(client, content.encode())
    result = preview.context["result"]
    headers = result.diff_headers
    cells = [dict(zip(headers, row.diff, strict=True)) for row in result.valid_rows()]
    assert "2017-06" in cells[1]["date"] and "inpi-fr" in cells[1]["parties"]
    assert "2017-05" in cells[0]["date"] and "inpi-fr" in cells[0]["parties"]
    assert "New" in cells[0]["title"] and "Old" in cells[0]["title"]


TRICKY = ["=SUM(A1)", "+1+2", "-3 delegates", "@home", "'quoted'", "''", "plain"]


@pytest.mark.parametrize("fmt", [CSV_FORMAT, XLSX_FORMAT])
def test_text_that_looks_like_a_formula_comes_back_byte_for_byte(client, editor, fmt):
    office = OfficeFactory(slug="inpi-fr", acronym="INPI")
    for n, text in enumerate(TRICKY):
        AgreementFactory(slug=f"a-{n}", title=f"T{n}", summary=text, parties=[office])
    client.force_login(editor)
    content = export(client, fmt)
    if fmt == XLSX_FORMAT:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    name = "agreements.xlsx" if fmt == XLSX_FORMAT else "agreements.csv"
    preview = upload(client, content, name=name, fmt=fmt)
    assert preview.context["result"].totals["skip"] == len(TRICKY)
    confirm(client, preview)
    summaries = dict(Agreement.objects.values_list("slug", "summary"))
    assert [summaries[f"a-{n}"] for n in range(len(TRICKY))] == TRICKY


def test_every_seeded_agreement_saves_unchanged_from_its_change_form(client, editor):
    load_seed()
    client.force_login(editor)
    for agreement in Agreement.objects.all():
        url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
        response = client.post(url, form_data(client.get(url)))
        assert response.status_code == 302, response.context["errors"]
        seeded = agreement.version  # 2 where the seed recorded a status change
        agreement.refresh_from_db()
        assert agreement.version == seeded  # nothing changed, nothing written
