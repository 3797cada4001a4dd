"""Compare: countries, offices or groupings side by side, counted from published records only."""

import csv
import io
import re

import pytest

from cooperation import services
from cooperation.models import Kind, Status
from tests.factories import (
    AgreementFactory,
    CountryFactory,
    DelegationFactory,
    GroupingFactory,
    MeetingFactory,
    OfficeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    japan = CountryFactory(code="JP", name="Japan")
    korea = CountryFactory(code="KR", name="Republic of Korea")
    jpo = OfficeFactory(slug="jpo", acronym="JPO", country=japan)
    kipo = OfficeFactory(slug="kipo", acronym="KIPO", country=korea)
    GroupingFactory(slug="ip5", name="IP5")
    # Signed in 2017 with no end: in force today once the write path derives its validity.
    standing = AgreementFactory(slug="jpo-mou", parties=[jpo], kind=Kind.MOU, year=2017)
    services.save_activity(activity=standing, fields={"summary": "Without end."})
    # Three years from 2016: ended long before today.
    ended = AgreementFactory(slug="jpo-old", parties=[jpo], kind=Kind.MOU, year=2016, month=1)
    services.save_activity(activity=ended, fields={"term_years": 3})
    AgreementFactory(slug="kipo-mou", parties=[kipo], kind=Kind.MOU, year=2017)
    MeetingFactory(slug="trilateral-2017", parties=[jpo, kipo], year=2017)
    MeetingFactory(slug="trilateral-2016", parties=[jpo, kipo], year=2016)
    MeetingFactory(slug="jpo-only-2017", parties=[jpo], year=2017)
    DelegationFactory(slug="to-korea-2017", countries=[korea], year=2017)
    MeetingFactory(slug="secret-2017", parties=[jpo, kipo], status=Status.DRAFT)
    return {"jpo": jpo, "kipo": kipo}


def table(client, query: str) -> dict[str, list[str]]:
    """The comparison table as {row label: [cells]}, read from the CSV."""
    body = client.get(f"/compare/?{query}&format=csv").content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    return {f"{section}|{label}": cells for section, label, *cells in rows}


def test_two_countries_side_by_side_count_only_published_records(world, client):
    found = table(client, "country=JP&country=KR")
    assert found["section|row"] == ["country=JP", "country=KR"]
    assert found["|All records"] == ["5", "4"]
    assert found["By type|meeting"] == ["3", "2"]
    assert found["By type|delegation"] == ["0", "1"]
    assert found["By kind|memorandum of understanding"] == ["2", "1"]
    assert found["By year|2016"] == ["2", "1"]
    assert found["By year|2017"] == ["3", "3"]


def test_shared_meetings_are_those_both_attended_and_never_a_draft(world, client):
    found = table(client, "country=JP&country=KR")
    shared = [key.split("|")[1] for key in found if key.startswith("Shared meetings|")]
    assert shared == ["trilateral-2017", "trilateral-2016"]
    page = client.get("/compare/?country=JP&country=KR").content.decode()
    assert re.findall(r'<li data-slug="([^"]+)"', page) == ["trilateral-2017", "trilateral-2016"]
    assert "secret-2017" not in page


def test_agreements_in_force_today_leave_out_an_agreement_whose_term_has_ended(world, client):
    found = table(client, "office=jpo&office=kipo")
    (in_force,) = [cells for key, cells in found.items() if key.startswith("Agreements|")]
    assert in_force[0] == "1"


def test_offices_countries_and_groupings_mix_and_the_years_apply_to_every_column(world, client):
    found = table(client, "country=KR&office=jpo&year_min=2017&year_max=2017")
    assert found["section|row"] == ["country=KR", "office=jpo"]
    assert found["|All records"] == ["3", "3"]
    assert "By year|2016" not in found


def test_each_count_links_to_a_list_with_exactly_that_many_records(world, client):
    page = client.get("/compare/?country=JP&country=KR").content.decode()
    links = re.findall(r'<td class="num"><a href="([^"]+)">(\d+)</a></td>', page)
    assert len(links) > 10
    for url, count in links:
        listed = client.get(url.replace("&amp;", "&")).content.decode()
        assert len(re.findall(r"<tr[^>]* data-slug=", listed)) == int(count), url


def test_more_than_four_subjects_is_refused_with_a_clear_message(world, client):
    page = client.get("/compare/?country=JP,KR&office=jpo,kipo&grouping=ip5").content.decode()
    assert "Compare at most 4 countries, offices or groupings; 5 were given." in page
    assert page.count('<th scope="col" class="num" data-subject=') == 4


def test_an_unknown_country_is_named_and_the_known_one_still_shown(world, client):
    page = client.get("/compare/?country=JP&country=XX").content.decode()
    assert "country: Unknown value: XX." in page
    assert 'data-subject="country=JP"' in page


def test_without_subjects_the_page_offers_the_form_and_no_table(world, client):
    page = client.get("/compare/").content.decode()
    assert 'name="country"' in page
    assert "<table" not in page
    assert client.get("/compare/?format=csv")["Content-Type"].startswith("text/html")


def test_the_csv_download_is_an_attachment_named_after_the_subjects(world, client):
    response = client.get("/compare/?country=JP&country=KR&format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="compare-jp-kr.csv"'


def test_four_columns_cost_a_bounded_number_of_queries(
    world, client, django_assert_max_num_queries
):
    # About five a column (its subject, counts by type, kind and year, agreements in force) and
    # the shared meetings, whatever the number of records.
    for n in range(30):
        MeetingFactory(parties=[world["jpo"], world["kipo"]], year=2000 + n)
    with django_assert_max_num_queries(24):
        client.get("/compare/?country=JP,KR&office=jpo&grouping=ip5")


def test_the_compare_page_speaks_chinese(world, client):
    client.get("/language/zh-hans/?next=/compare/")
    page = client.get("/compare/?country=JP&country=KR").content.decode()
    assert "<h1>对比: Japan · Republic of Korea</h1>" in page
    assert "共同参加的会议" in page
    assert "按年份" in page
