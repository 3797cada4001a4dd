"""The list pages' filter panel through the Django test client: checkboxes with counts in place of
multi-select boxes, the same GET parameters as before, errors beside their fields, and a home page
that leads with the year's figures and folds its long tables."""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode, urlparse

import pytest

from cooperation import models as m
from tests import catalogue_data
from tests import factories as f

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr data-slug="([^"]+)"')


@pytest.fixture
def world():
    records = catalogue_data.build()
    japan = f.CountryFactory(code="JP", name="Japan", name_zh="日本", region=m.Region.ASIA)
    korea = f.CountryFactory(code="KR", name="Republic of Korea", name_zh="韩国")
    jpo = f.OfficeFactory(slug="jpo", acronym="JPO", name="Japan Patent Office", country=japan)
    kipo = f.OfficeFactory(slug="kipo", acronym="KIPO", name="Korean IP Office", country=korea)
    f.AgreementFactory(slug="pph-japan-2016", kind=m.Kind.PPH, year=2016, parties=[jpo])
    f.AgreementFactory(slug="pph-korea-2017", kind=m.Kind.PPH, year=2017, parties=[kipo])
    f.AgreementFactory(slug="mou-korea-2018", kind=m.Kind.MOU, year=2018, parties=[kipo])
    return records


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return ROW.findall(response.content.decode())


class FormControls(HTMLParser):
    """The filter form's controls, read as a browser would submit them (its successful controls)."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.select: str | None = None
        self.pairs: list[tuple[str, str]] = []
        self.checkboxes: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "filter-form" in (a.get("class") or ""):
            self.in_form = True
        elif not self.in_form:
            return
        elif tag == "input" and a.get("type") == "checkbox":
            self.checkboxes[a["id"]] = a
            if "checked" in a:
                self.pairs.append((a["name"], a["value"]))
        elif tag == "input" and a.get("name"):
            self.pairs.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.pairs.append((self.select, a["value"]))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None


def controls(response) -> FormControls:
    parser = FormControls()
    parser.feed(response.content.decode())
    return parser


def count_beside(html: str, box_id: str) -> int | None:
    """The count printed in a checkbox's label, if any."""
    label = re.search(rf'<label for="{box_id}">(.*?)</label>', html, re.S).group(1)
    count = re.search(r'<span class="count">(\d+)</span>', label)
    return int(count.group(1)) if count else None


def test_no_choice_needs_a_multiple_select_box(client, world):
    html = client.get("/activities/").content.decode()
    assert "<select multiple" not in html and "multiple>" not in html
    boxes = controls(client.get("/activities/")).checkboxes
    assert {"id_country_FR", "id_country_JP", "id_grouping_asean", "id_region_asia"} <= set(boxes)
    assert {"id_kind_agreement", "id_kind_pph", "id_kind_outgoing"} <= set(boxes)


def test_each_kind_checkbox_shows_its_count_under_the_other_filters(client, world):
    response = client.get("/agreements/?year=2017&kind=mou")
    html = response.content.decode()
    counts = {value: n for value, _label, n in response.context["facets"]["kind"]}
    # The kind filter itself is left out of its counts: PPH still counts, MOU stays ticked.
    assert counts == {"work-plan": 1, "pph": 2, "data-exchange": 1}
    assert count_beside(html, "id_kind_pph") == 2
    assert count_beside(html, "id_kind_work-plan") == 1
    assert count_beside(html, "id_kind_mou") == 0
    assert "checked" in controls(response).checkboxes["id_kind_mou"]


def test_country_and_office_checkboxes_show_their_counts(client, world):
    response = client.get("/agreements/?kind=pph")
    html = response.content.decode()
    assert count_beside(html, "id_country_JP") == 1
    assert count_beside(html, "id_country_KR") == 1
    assert count_beside(html, "id_country_FR") == 0
    assert count_beside(html, "id_office_kipo") == 1  # offices with records under the filters


def test_chosen_values_are_shown_ticked_outside_the_folded_lists(client, world):
    html = client.get("/agreements/?country=JP&country=KR&office=kipo").content.decode()
    chosen = html.split('data-name="country"')[1].split("<details")[0]
    assert 'value="JP" id="id_country_JP" checked' in chosen
    assert 'value="KR" id="id_country_KR" checked' in chosen
    office = html.split('data-name="office"')[1].split("</fieldset>")[0]
    assert re.search(r'value="kipo"[^>]* checked', office.split("<details")[0])


@pytest.mark.parametrize(
    "query",
    [
        "country=JP&country=KR&kind=pph&year_min=2016&year_max=2017",
        "country=JP,KR&kind=pph,mou",
        "office=KIPO&year=2018",
        "office=jpo,kipo&grouping=&region=asia",
        "person=shen-changyu&ordering=title",
        "year=2017&month=5",
        "q=work&country=FR",
    ],
)
def test_submitting_the_rendered_form_selects_the_same_records_as_the_link(client, world, query):
    """Existing links keep working, and the form they render submits the same selection."""
    response = client.get(f"/agreements/?{query}")
    records = slugs(response)
    api = client.get(f"/api/v1/agreements/?{query}", HTTP_ACCEPT="application/json").json()
    assert records == [urlparse(r["html_url"]).path.split("/")[2] for r in api["results"]]
    resubmitted = client.get(f"/agreements/?{urlencode(controls(response).pairs)}")
    assert slugs(resubmitted) == records


def test_the_brief_example_gives_the_pph_agreements_with_japan_and_korea(client, world):
    url = "/agreements/?country=JP&country=KR&kind=pph&year_min=2016&year_max=2017"
    assert slugs(client.get(url)) == ["pph-korea-2017", "pph-japan-2016"]


def test_a_bad_year_shows_its_error_beside_the_field_with_the_typed_value(client, world):
    html = client.get("/agreements/?year=abc").content.decode()
    field = html.split('class="field field-year has-error"')[1].split("</div>\n")[1]
    assert "Enter a whole number." in html.split('id="id_year_error"')[1].split("</div>")[0]
    assert 'value="abc"' in field
    # The folded single-year box is opened so the error is in view.
    assert '<details class="one-date" open>' in html


def test_an_unknown_office_shows_its_error_and_what_was_typed(client, world):
    html = client.get("/agreements/?office=kipo,NOPE").content.decode()
    office = html.split('data-name="office"')[1].split("</fieldset>")[0]
    assert "Unknown value: NOPE." in office
    assert 'value="kipo,NOPE"' in office
    assert 'aria-invalid="true"' in office


def test_an_unknown_country_and_a_reversed_range_show_their_errors(client, world):
    html = client.get("/agreements/?country=XX").content.decode()
    assert "Unknown value: XX." in html.split('data-name="country"')[1].split("</fieldset>")[0]
    html = client.get("/agreements/?year_min=2018&year_max=2016").content.decode()
    years = html.split('class="years"')[1].split("</fieldset>")[0]
    assert "From year must not be after to year." in years


def test_clear_all_and_the_script_are_on_every_list(client, world):
    for url in ["/activities/", "/agreements/", "/delegations/", "/meetings/", "/search/?q=x"]:
        html = client.get(url).content.decode()
        assert '<a href="?">Clear all</a>' in html
        assert '<script src="/static/cooperation/filters.js" defer></script>' in html


def test_type_ahead_terms_carry_both_names_and_the_code(client, world):
    html = client.get("/agreements/").content.decode()
    assert 'data-label="Japan" data-terms="japan 日本 jp"' in html
    chinese = client.get("/agreements/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-label="日本" data-terms="japan 日本 jp"' in chinese


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/agreements/", 16),
        ("/activities/", 17),
        ("/agreements/?country=FR&year=2017", 17),
        ("/agreements/?office=inpi-fr&person=shen-changyu", 18),
        ("/agreements/?year=abc", 3),
    ],
)
def test_the_panel_costs_no_query_more_than_the_select_boxes_did(
    client, world, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        client.get(url)


def test_the_home_page_leads_with_the_figures_and_the_map_and_folds_the_tables(client, world):
    html = client.get("/?year=2017").content.decode()
    lead, folded = html.split('<details class="fold"', 1)
    assert '<ul class="key-numbers">' in lead and "New agreements" in lead
    assert 'src="/map.svg?year=2017"' in lead
    assert "<table" not in lead
    for heading in [
        "Activities per partner country",
        "What the report says, and what is itemized here",
        "Records by type",
        "Activities per month",
        "Activities per kind",
        "Recently updated",
    ]:
        assert re.search(rf"<summary><h2 id=\"[a-z-]+\">{heading}", folded), heading
    assert '<details class="fold" open' not in html
