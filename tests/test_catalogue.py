"""The public catalogue through the Django test client: lists, filters, facets, details, profiles."""

import re
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation import models as m
from tests import catalogue_data
from tests import factories as f

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr data-slug="([^"]+)"')


@pytest.fixture
def world():
    return catalogue_data.build()


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return ROW.findall(response.content.decode())


def test_country_and_year_filter_gives_exactly_the_agreement_signed_with_france_in_2017(
    client, world
):
    assert slugs(client.get("/agreements/?country=FR&year=2017")) == ["inpi-work-plan-2017"]


def test_several_countries_mean_any_of_them_repeated_or_comma_separated(client, world):
    expected = ["pph-chile-2017", "inpi-work-plan-2017", "inpi-mou-2016"]
    assert slugs(client.get("/agreements/?country=FR&country=CL")) == expected
    assert slugs(client.get("/agreements/?country=fr,cl")) == expected


def test_office_grouping_person_month_kind_and_text_filters_narrow_the_list(client, world):
    assert slugs(client.get("/agreements/?office=inpi")) == ["inpi-work-plan-2017", "inpi-mou-2016"]
    assert slugs(client.get("/activities/?grouping=asean")) == ["asean-seminar-2017"]
    assert slugs(client.get("/activities/?person=shen-changyu")) == [
        "inpi-work-plan-2017",
        "visit-to-france-2017",
    ]
    assert slugs(client.get("/agreements/?month=11")) == ["pph-chile-2017"]
    assert slugs(client.get("/activities/?kind=meeting")) == ["ip5-heads-2017"]
    assert slugs(client.get("/agreements/?kind=pph")) == ["pph-chile-2017"]
    assert slugs(client.get("/agreements/?q=bilateral")) == ["inpi-work-plan-2017"]
    assert slugs(client.get("/agreements/?year_min=2017&year_max=2017&ordering=title")) == [
        "dpma-data-2017",
        "pph-chile-2017",
        "inpi-work-plan-2017",
    ]


def test_meeting_list_understands_the_series_filter(client, world):
    assert slugs(client.get("/meetings/?series=ip5 heads of office")) == ["ip5-heads-2017"]
    assert slugs(client.get("/meetings/?series=other")) == []


def test_invalid_filter_values_show_the_error_and_no_records_not_a_500(client, world):
    response = client.get("/agreements/?year=abc&country=ZZ")
    assert slugs(response) == []
    html = response.content.decode()
    assert "Enter a whole number." in html
    assert "Unknown value: ZZ." in html
    assert slugs(client.get("/agreements/?year_min=2018&year_max=2017")) == []
    assert slugs(client.get("/search/?q=%00")) == []


def test_drafts_appear_nowhere(client, world):
    draft = "draft-france"
    assert draft not in slugs(client.get("/agreements/?country=FR"))
    assert draft not in slugs(client.get("/activities/"))
    assert draft not in client.get("/countries/FR/").content.decode()
    assert draft not in client.get("/offices/inpi-fr/").content.decode()
    assert draft not in client.get("/search/?q=Draft").content.decode()
    assert draft not in client.get("/agreements/?format=csv").content.decode()
    assert draft not in client.get("/agreements/feed/").content.decode()
    assert client.get(f"/agreements/{draft}/").status_code == 404


def test_draft_occasion_is_not_linked_from_a_published_record(client, world):
    hidden = f.DelegationFactory(slug="secret-visit", title="Secret visit", status=m.Status.DRAFT)
    f.AgreementFactory(slug="signed-in-secret", occasion=hidden)
    html = client.get("/agreements/signed-in-secret/").content.decode()
    assert "secret-visit" not in html


def test_facets_count_what_each_value_would_give_with_the_other_filters_kept(client, world):
    response = client.get("/agreements/?year=2017")
    facets = response.context["facets"]
    countries = {c.code: c.n for c in facets["country"]}
    assert countries == {"FR": 1, "CL": 1, "DE": 1}
    assert dict(facets["year"]) == {2017: 3, 2016: 1}  # the year facet ignores the year filter
    assert {value: n for value, label, n in facets["kind"]} == {
        "work-plan": 1,
        "pph": 1,
        "data-exchange": 1,
    }
    assert {o.slug: o.n for o in facets["office"]} == {"inpi-fr": 1, "inapi-cl": 1, "dpma": 1}
    for country in facets["country"]:
        assert len(slugs(client.get(f"/agreements/?year=2017&country={country.code}"))) == country.n


def test_facets_on_the_all_activities_list_count_types_and_kinds(client, world):
    facets = client.get("/activities/").context["facets"]
    kinds = {value: n for value, label, n in facets["kind"]}
    assert kinds["agreement"] == 4
    assert kinds["meeting"] == 1
    assert kinds["work-plan"] == 1
    assert {g.slug: g.n for g in facets["grouping"]} == {"asean": 1}


def test_lists_paginate_and_cap_the_page_size(client, world):
    for n in range(120):
        f.TrainingFactory(slug=f"extra-{n}", year=2015)
    assert len(slugs(client.get("/trainings/?page_size=10"))) == 10
    assert len(slugs(client.get("/trainings/?page_size=1000"))) == 100
    assert len(slugs(client.get("/trainings/?page_size=10&page=13"))) == 1
    assert client.get("/trainings/?page_size=10&page=14").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/agreements/",
        "/delegations/",
        "/meetings/",
        "/trainings/",
        "/activities/",
        "/search/?q=Activity",
        "/agreements/?country=FR&year=2017&office=inpi",
    ],
)
def test_list_query_count_does_not_grow_with_the_page_size(
    client, world, django_assert_max_num_queries, url
):
    office = f.OfficeFactory()
    country = f.CountryFactory()
    for n in range(15):
        for factory in (
            f.AgreementFactory,
            f.DelegationFactory,
            f.MeetingFactory,
            f.TrainingFactory,
        ):
            factory(
                slug=f"{factory.__name__}-{n}",
                parties=[office, world["fr_2017"].involvements.first().office],
                countries=[country],
            )
    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as small:
        assert len(slugs(client.get(f"{url}{separator}page_size=10"))) <= 10
    # At most as many: the second page size reuses the total counted for the first.
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(f"{url}{separator}page_size=100")


@pytest.mark.parametrize(
    "url", ["/", "/countries/", "/offices/", "/people/", "/countries/FR/", "/offices/inpi-fr/"]
)
def test_overview_and_profile_query_counts_do_not_grow_with_the_records(
    client, world, django_assert_num_queries, url
):
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    inpi = m.Office.objects.get(slug="inpi-fr")
    for n in range(12):
        f.AgreementFactory(
            slug=f"more-{n}",
            parties=[inpi, f.OfficeFactory()],
            countries=[f.CountryFactory()],
            people=[f.PersonFactory()],
        )
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)


def test_detail_shows_every_field_the_occasion_and_the_quoted_passage(client, world):
    html = client.get("/agreements/inpi-work-plan-2017/").content.decode()
    assert "SIPO–INPI work plan" in html
    assert '<time datetime="2017-05">2017-05</time>' in html
    assert "In May, SIPO and INPI signed the work plan on bilateral cooperation." in html
    assert "VII.5(5)" in html and "Exchanges and Cooperation with EU and European Countries" in html
    assert 'href="/offices/inpi-fr/"' in html
    assert 'href="/people/shen-changyu/"' in html
    assert 'href="/delegations/visit-to-france-2017/"' in html  # the visit it was signed during


def test_visit_lists_what_was_signed_during_it(client, world):
    html = client.get("/delegations/visit-to-france-2017/").content.decode()
    assert 'href="/agreements/inpi-work-plan-2017/"' in html
    assert 'href="/countries/FR/"' in html


def test_type_specific_fields_are_shown(client, world):
    assert "more than 30" in client.get("/trainings/asean-seminar-2017/").content.decode()
    html = client.get("/meetings/ip5-heads-2017/").content.decode()
    assert "IP5 Heads of Office" in html and ">10<" in html


def test_a_day_is_never_invented(client, world):
    assert (
        '<time datetime="2016">2016</time>'
        in client.get("/agreements/inpi-mou-2016/").content.decode()
    )
    assert "2017-11-14" in client.get("/agreements/pph-chile-2017/").content.decode()


def test_country_profile_has_the_timeline_counts_and_passages_that_mention_it(client, world):
    response = client.get("/countries/FR/")
    assert slugs(response) == [] and response.status_code == 200
    html = response.content.decode()
    for slug in ("inpi-work-plan-2017", "visit-to-france-2017", "inpi-mou-2016"):
        assert f'data-slug="{slug}"' in html
    assert response.context["per_year"] == [(2017, [1, 1, 0, 0], 2), (2016, [1, 0, 0, 0], 1)]
    germany = client.get("/countries/de/").content.decode()
    assert "Also mentioned in the report" in germany
    assert "In May, SIPO and INPI signed the work plan" in germany


def test_office_and_person_profiles_list_their_activities(client, world):
    html = client.get("/offices/inpi-fr/").content.decode()
    assert 'data-slug="inpi-work-plan-2017"' in html and 'data-slug="inpi-mou-2016"' in html
    html = client.get("/people/shen-changyu/").content.decode()
    assert 'data-slug="visit-to-france-2017"' in html and "(leader)" in html
    assert client.get("/offices/nope/").status_code == 404


def test_lists_of_countries_offices_and_people_count_published_activities(client, world):
    countries = {c.code: c.n for c in client.get("/countries/").context["countries"]}
    assert countries["FR"] == 3 and countries["DE"] == 2
    offices = {o.slug: o.n for o in client.get("/offices/").context["offices"]}
    assert offices["inpi-fr"] == 2
    people = {p.slug: p.n for p in client.get("/people/").context["people"]}
    assert people["shen-changyu"] == 2


def test_search_finds_records_and_names_from_one_box(client, world):
    response = client.get("/search/?q=INPI")
    assert slugs(response) == ["inpi-work-plan-2017", "inpi-mou-2016"]
    html = response.content.decode()
    assert 'href="/offices/inpi-fr/"' in html
    assert 'href="/countries/CL/"' in client.get("/search/?q=chile").content.decode()


def test_home_shows_headline_figures_beside_the_records_itemized(client, world):
    response = client.get("/")
    assert response.context["year"] == 2017
    [(figure, itemized)] = response.context["figures"]
    assert (figure.value, itemized) == (52, figure.itemized()) == (52, 3)
    html = response.content.decode()
    assert "52 agreements" in html
    assert 'src="/map.svg?year=2017"' in html
    assert client.get("/?year=2016").context["year"] == 2016
    assert client.get("/?year=1999").status_code == 404


def test_world_map_shades_partner_countries(client, world):
    svg = client.get("/map.svg?year=2017").content.decode()
    assert svg.startswith("<svg")
    assert "<title>France: 2</title>" in svg
    assert "<title>Japan</title>" in svg
    assert "style=" not in svg


def test_pages_use_no_inline_style_or_script(client, world):
    for url in [
        "/",
        "/agreements/",
        "/agreements/inpi-work-plan-2017/",
        "/countries/FR/",
        "/search/?q=x",
    ]:
        html = client.get(url).content.decode()
        assert "style=" not in html
        # Scripts only from files of the site: no inline script for the CSP to block.
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            assert 'src="/static/' in attributes and not body.strip()
        assert html.count("<script") == len(re.findall(r"<script[^>]*src=", html))
        assert not re.search(r"\son[a-z]+=", html)


def test_chinese_is_chosen_with_a_link_and_shows_chinese_names(client, world):
    english = client.get("/agreements/inpi-work-plan-2017/").content.decode()
    link = re.search(r'href="(/language/zh-hans/[^"]*)"', english).group(1).replace("&amp;", "&")
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/agreements/inpi-work-plan-2017/"
    html = client.get("/agreements/inpi-work-plan-2017/").content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "中法工作计划" in html
    assert "申长雨" in html
    assert "法国工业产权局" in html
    assert "协议" in html  # "Agreements" in the navigation


def test_unknown_page_uses_the_site_404_template(client, world):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_catalogue_and_api_return_the_same_records_for_the_same_query_string(client, world):
    for query in [
        "country=FR&year=2017",
        "country=FR,CL",
        "year=2017&ordering=title",
        "q=work",
        "kind=pph",
    ]:
        page = slugs(client.get(f"/agreements/?{query}"))
        api = client.get(f"/api/v1/agreements/?{query}", HTTP_ACCEPT="application/json")
        assert api.status_code == 200, query
        paths = [urlparse(row["html_url"]).path for row in api.json()["results"]]
        assert paths == [f"/agreements/{slug}/" for slug in page], query


def test_the_reporting_office_country_is_not_a_partner_on_the_map(client, world):
    china = f.CountryFactory(code="CN", name="China", name_zh="中国")
    sipo = m.Office.objects.get(slug="sipo")
    sipo.country = china
    sipo.save()
    f.AgreementFactory(slug="with-sipo", parties=[sipo, m.Office.objects.get(slug="inpi-fr")])
    codes = [url.split("/")[2] for label, n, url in client.get("/").context["country_rows"]]
    assert "CN" not in codes and codes[0] == "FR"
    assert "<title>China</title>" in client.get("/map.svg?year=2017").content.decode()


def test_profiles_count_activities_per_kind_with_links_to_the_filtered_list(client, world):
    rows = client.get("/countries/FR/").context["kind_rows"]
    assert ("work plan", 1, "/activities/?country=FR&kind=work-plan") in rows
    assert len(slugs(client.get("/activities/?country=FR&kind=work-plan"))) == 1


def test_server_error_page_renders_in_the_site_style_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Server error" in html and 'class="site-header"' in html


def test_year_facet_counts_a_record_spanning_two_years_in_both_as_the_filter_does(client, world):
    f.AgreementFactory(slug="plan-2017-2018", year=2017, month=None, end_year=2018)
    facets = dict(client.get("/agreements/").context["facets"]["year"])
    assert facets == {2018: 1, 2017: 4, 2016: 1}
    for year, n in facets.items():
        assert len(slugs(client.get(f"/agreements/?year={year}"))) == n
