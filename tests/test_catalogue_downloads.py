"""Downloads (CSV, JSON, XLSX) and Atom feeds of the catalogue's filtered lists."""

import csv
import io
import re
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from tests import catalogue_data

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr data-slug="([^"]+)"')
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def world():
    return catalogue_data.build()


def page_slugs(client, query: str) -> list[str]:
    return ROW.findall(client.get(f"/agreements/?{query}").content.decode())


def csv_rows(client, query: str) -> list[list[str]]:
    response = client.get(f"/agreements/?{query}&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    "query", ["country=FR&year=2017", "year=2017", "country=FR,CL", "kind=pph", "q=zzz"]
)
def test_csv_rows_are_the_rows_of_the_page(client, world, query):
    cite, header, *rows = csv_rows(client, query)
    assert [row[header.index("slug")] for row in rows] == page_slugs(client, query)


def test_csv_starts_with_how_to_cite_it_then_ids_urls_and_dates_as_given(client, world):
    cite, header, *rows = csv_rows(client, "country=FR")
    assert cite[0].startswith("# Cite as: International Cooperation Tracker, Agreements, ")
    assert "http://testserver/agreements/?country=FR" in cite[0]
    assert "format=" not in cite[0]
    assert re.search(r"accessed \d{4}-\d{2}-\d{2}$", cite[0])
    records = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    plan = records["inpi-work-plan-2017"]
    assert plan["url"] == "http://testserver/agreements/inpi-work-plan-2017/"
    assert plan["date"] == "2017-05"
    assert records["inpi-mou-2016"]["date"] == "2016"
    assert plan["countries"] == "FR"
    assert plan["offices"] == "INPI"
    assert plan["section"] == "VII.5(5)"


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(client, world):
    cite, header, *rows = csv_rows(client, "country=DE")
    [row] = rows
    assert row[header.index("title")] == "'=SUM(1) data exchange with DPMA"
    book = load_workbook(io.BytesIO(client.get("/agreements/?country=DE&format=xlsx").content))
    sheet = book.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[2][values[1].index("title")] == "'=SUM(1) data exchange with DPMA"


def test_xlsx_has_a_cite_row_a_header_row_and_the_rows_of_the_page(client, world):
    response = client.get("/agreements/?year=2017&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = [
        [cell.value for cell in row]
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()
    ]
    assert rows[0][0].startswith("Cite as: International Cooperation Tracker")
    assert rows[1][:3] == ["slug", "url", "type"]
    assert [row[0] for row in rows[2:]] == page_slugs(client, "year=2017")


def test_json_has_cite_as_and_the_rows_of_the_page(client, world):
    data = client.get("/agreements/?country=FR&format=json").json()
    assert data["cite_as"].startswith(
        "International Cooperation Tracker, Agreements, http://testserver/"
    )
    assert data["count"] == 2
    assert [row["slug"] for row in data["results"]] == page_slugs(client, "country=FR")
    assert data["results"][0]["url"] == "http://testserver/agreements/inpi-work-plan-2017/"


def test_download_of_an_invalid_filter_is_empty_and_of_an_unknown_format_is_404(client, world):
    assert client.get("/agreements/?year=abc&format=json").json()["results"] == []
    assert client.get("/agreements/?format=pdf").status_code == 404


def test_every_list_downloads(client, world):
    for url in ["/activities/", "/delegations/", "/meetings/", "/trainings/", "/search/?q=visit"]:
        separator = "&" if "?" in url else "?"
        assert client.get(f"{url}{separator}format=json").status_code == 200


def feed_entries(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    return [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]


def test_atom_feed_follows_the_filters_of_the_list(client, world):
    assert feed_entries(client, "/agreements/feed/?country=FR&year=2017") == [
        "http://testserver/agreements/inpi-work-plan-2017/"
    ]
    assert feed_entries(client, "/activities/feed/?grouping=asean") == [
        "http://testserver/trainings/asean-seminar-2017/"
    ]
    assert len(feed_entries(client, "/agreements/feed/")) == 4
    assert feed_entries(client, "/agreements/feed/?year=abc") == []


def test_each_list_links_its_feed_and_downloads(client, world):
    html = client.get("/meetings/?year=2017").content.decode()
    assert 'href="/meetings/feed/?year=2017"' in html
    assert 'href="?year=2017&amp;format=csv"' in html
    assert feed_entries(client, "/meetings/feed/?year=2017") == [
        "http://testserver/meetings/ip5-heads-2017/"
    ]
    assert feed_entries(client, "/delegations/feed/") == [
        "http://testserver/delegations/visit-to-france-2017/"
    ]
    assert feed_entries(client, "/trainings/feed/?year=2016") == []
