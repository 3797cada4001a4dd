"""The catalogue's downloads of agreements carry their validity as the source gives it; other
lists keep the columns every record has."""

import csv
import io

import pytest
from openpyxl import load_workbook

from agreements.services import record_status_change
from cooperation import services
from tests.factories import AgreementFactory, MeetingFactory, OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements():
    party = OfficeFactory(slug="inpi", acronym="INPI")
    mou = AgreementFactory(slug="mou-2015", year=2015, month=6, parties=[party])
    services.save_activity(activity=mou, fields={"entry_into_force": "2015-09", "term_years": 5})
    record_status_change(agreement=mou, status="in-force", date="2015-09", staff_reference="F")
    plan = AgreementFactory(slug="plan-2017", year=2017, parties=[party])
    services.save_activity(activity=plan, fields={"valid_until": "2018"})
    MeetingFactory(slug="meeting-2017", year=2017, parties=[party])


def csv_download(client, url: str) -> list[dict]:
    lines = client.get(url).content.decode().splitlines()
    assert lines[0].lstrip('"').startswith("# Cite as")
    return list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))


def test_an_agreement_download_carries_validity_as_precise_as_the_source(client, agreements):
    rows = {r["slug"]: r for r in csv_download(client, "/agreements/?format=csv")}
    mou, plan = rows["mou-2015"], rows["plan-2017"]
    assert (mou["validity_status"], mou["entry_into_force"], mou["term_years"], mou["expiry"]) == (
        "in-force", "2015-09", "5", "2020-09",
    )  # fmt: skip
    assert (plan["validity_status"], plan["valid_until"], plan["expiry"]) == (
        "signed",
        "2018",
        "2018",
    )
    assert plan["term_years"] == plan["automatic_renewal"] == plan["entry_into_force"] == ""


def test_json_and_xlsx_downloads_carry_the_same_columns(client, agreements):
    data = client.get("/agreements/?format=json").json()
    found = {r["slug"]: r for r in data["results"]}
    assert found["mou-2015"]["expiry"] == "2020-09"
    sheet = load_workbook(io.BytesIO(client.get("/agreements/?format=xlsx").content)).active
    header = [cell.value for cell in sheet[2]]
    assert header[-6:] == ["validity_status", "entry_into_force", "valid_until", "term_years",
                           "automatic_renewal", "expiry"]  # fmt: skip


def test_other_lists_keep_the_common_columns(client, agreements):
    header = client.get("/meetings/?format=csv").content.decode().splitlines()[1]
    assert "validity_status" not in header and header.startswith("slug,url,type")
    everything = csv_download(client, "/activities/?format=csv")
    assert len(everything) == 3 and "expiry" not in everything[0]


def test_an_agreement_download_costs_one_query_more_per_chunk(
    client, agreements, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        assert client.get("/agreements/?format=csv").status_code == 200
