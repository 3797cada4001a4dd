"""Grouping pages from the 2017 seed: the list with counts, a profile with its members, month
timeline and passages, and the rule that a grouping no published record names stays hidden."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from cooperation import models as m
from cooperation.seed import load_seed
from tests import factories as f

pytestmark = pytest.mark.django_db

RECORD = re.compile(r'<li class="month-row" data-slug="([^"]+)"')


@pytest.fixture
def seeded():
    load_seed()


def brics_records() -> list[str]:
    records = m.Activity.objects.published().with_grouping("brics").order_by(*m.NEWEST_FIRST)
    return list(records.values_list("slug", flat=True))


def test_the_list_shows_each_grouping_with_its_published_records_counted(client, seeded):
    response = client.get("/groupings/")
    counts = {g.slug: g.n for g in response.context["groupings"]}
    assert counts["brics"] == len(brics_records()) == 12
    assert counts["ip5"] == m.Activity.objects.published().with_grouping("ip5").count()
    assert 'href="/groupings/brics/"' in response.content.decode()


def test_the_brics_profile_shows_its_members_records_by_month_and_passages(client, seeded):
    response = client.get("/groupings/brics/")
    html = response.content.decode()
    assert "<h1>BRICS</h1>" in html
    assert 'href="/offices/inpi-br/"' in html and 'href="/countries/BR/"' in html
    assert RECORD.findall(html) == brics_records()
    assert response.context["per_year"] == [(2017, [2, 3, 6, 1], 12)]
    assert 'href="/activities/?grouping=brics&amp;kind=heads-meeting"' in html
    assert "Also mentioned in the report" in html
    assert 'href="/activities/?grouping=brics">12 records in the catalogue</a>' in html
    # The BRICS heads' meeting of April sits in April: one column, the fourth.
    meeting = html[html.index('data-slug="brics-hipo-8"') :]
    assert '<time datetime="2017-04">2017-04</time>' in meeting[: meeting.index("</li>")]
    assert 'class="month-bar start-4 span-1"' in meeting[: meeting.index("</li>")]


def test_a_year_only_record_spans_the_year_and_says_its_month_is_not_given(client, seeded):
    html = client.get("/groupings/ip5/").content.decode()
    items = re.findall(r'<li class="month-row" data-slug=.*?</li>', html, re.S)
    year_only = [i for i in items if '<time datetime="2017">2017</time>' in i]
    assert (
        len(year_only)
        == m.Activity.objects.published().with_grouping("ip5").filter(month=None).count()
        == 6
    )
    for item in year_only:
        assert "month not given" in item
        assert 'class="month-bar start-1 span-12 month-not-given"' in item
    dated = [i for i in items if i not in year_only]
    assert dated and not any("month not given" in i or "start-1 span-12" in i for i in dated)


def test_a_stay_across_the_new_year_is_cut_and_continued_on_the_profile(client, seeded):
    germany = m.Country.objects.get(code="DE")
    f.DelegationFactory(
        slug="winter-course",
        title="Winter course",
        year=2017,
        month=12,
        end_year=2018,
        end_month=1,
        end_day=20,
        countries=[germany],
    )
    html = client.get("/countries/DE/").content.decode()
    assert [y for y in re.findall(r'<h3 id="timeline-(\d+)">', html)] == ["2018", "2017"]
    pieces = re.findall(r'data-slug="winter-course">.*?</li>', html, re.S)
    assert len(pieces) == 2
    assert "continued from 2017" in pieces[0] and "start-1 span-1 continued" in pieces[0]
    assert "continues in 2018" in pieces[1] and "start-12 span-1 continues" in pieces[1]
    assert '<time datetime="2018-01-20">2018-01-20</time>' in pieces[0]


def test_a_grouping_no_published_record_names_is_a_404_for_anonymous_readers(client, seeded):
    dormant = f.GroupingFactory(slug="dormant", name="Dormant Club")
    dormant.member_offices.add(m.Office.objects.get(slug="sipo"))  # the home office never counts
    f.AgreementFactory(slug="dormant-draft", status=m.Status.DRAFT).groupings.add(dormant)
    assert client.get("/groupings/dormant/").status_code == 404
    assert client.get("/groupings/nope/").status_code == 404
    assert "dormant" not in [g.slug for g in client.get("/groupings/").context["groupings"]]
    staff = User.objects.create_user("grouping-viewer", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_grouping"))
    preview = Client()
    preview.force_login(staff)
    response = preview.get("/groupings/dormant/")
    assert response.status_code == 200
    assert "Not public" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    f.AgreementFactory(slug="dormant-published").groupings.add(dormant)
    assert client.get("/groupings/dormant/").status_code == 200


def test_a_grouping_a_passage_mentions_is_public_without_a_record(client, seeded):
    quoted = f.GroupingFactory(slug="quoted", name="Quoted Club")
    f.PassageFactory(text="SIPO met the Quoted Club.").groupings.add(quoted)
    html = client.get("/groupings/quoted/").content.decode()
    assert "SIPO met the Quoted Club." in html and "No published records yet." in html


def test_office_profiles_and_the_country_list_link_to_the_groupings(client, seeded):
    epo = client.get("/offices/epo/").content.decode()
    assert 'href="/groupings/ip5/">IP5</a>' in epo
    assert 'href="/groupings/"' in epo
    assert 'href="/groupings/"' in client.get("/countries/").content.decode()


def test_the_profile_in_chinese_names_the_grouping_and_the_months_in_chinese(client, seeded):
    client.cookies["django_language"] = "zh-hans"
    html = client.get("/groupings/brics/").content.decode()
    assert "<h1>金砖国家</h1>" in html
    assert '<span class="month-name">十二月</span>' in html
    assert "巴西" in html  # Brazil, a member country


def test_a_grouping_profile_runs_a_fixed_number_of_queries(
    client, seeded, django_assert_num_queries
):
    # The cache's data version, the grouping, its members (2), passages, the records' ids and rows
    # (3), and the counts per kind, type and year: the same for 28 records as for 12.
    with django_assert_num_queries(12):
        client.get("/groupings/ip5/")
    with django_assert_num_queries(12):
        client.get("/groupings/brics/")
    with django_assert_num_queries(2):
        client.get("/groupings/")
