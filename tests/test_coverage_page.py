"""A country-and-year list read from the Coverage index alone answers exactly what the general
filters answer: the same total, the same records, in the same order."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count
from rest_framework.test import APIClient

from cooperation.models import Activity, Coverage, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic(db, settings):
    settings.PAGE_CACHE_SECONDS = 0  # each request must reach its view
    call_command("synthesize", agreements=400, seed=3, stdout=None)
    # A few drafts, which no anonymous page may show.
    drafts = list(Activity.objects.order_by("pk").values_list("pk", flat=True)[::7])
    for activity in Activity.objects.filter(pk__in=drafts):
        activity.status = Status.DRAFT
        activity.save()
    # Some records span years: each has a Coverage row per year, and must be listed once.
    spanning = list(Activity.objects.order_by("pk").values_list("pk", flat=True)[3::5])
    for activity in Activity.objects.filter(pk__in=spanning):
        activity.end_year = activity.year + 1 + activity.pk % 3
        activity.save()


def pages(client, url: str) -> tuple:
    first = client.get(url + "&page_size=20").json()
    ids = [r["id"] for r in first["results"]]
    if first["count"] > 20:
        ids += [r["id"] for r in client.get(url + "&page_size=20&page=2").json()["results"]]
    return first["count"], ids


@pytest.mark.parametrize("endpoint", ["agreements", "meetings", "activities"])
def test_the_coverage_page_equals_the_general_filters(synthetic, endpoint):
    anonymous = APIClient()
    signed_in = APIClient()  # any signed-in reader takes the general path
    signed_in.force_authenticate(User.objects.create(username="reader"))
    # The busiest country-years (pages to order) and some of the rest.
    combos = list(
        Coverage.objects.filter(country__isnull=False, status=Status.PUBLISHED)
        .values_list("country__code", "year")
        .annotate(n=Count("activity"))
        .order_by("-n", "country__code", "year")
    )
    longest = 0
    for code, year, _n in combos[:15] + combos[15::40]:
        url = f"/api/v1/{endpoint}/?country={code}&year={year}"
        fast, general = pages(anonymous, url), pages(signed_in, url)
        assert fast == general, url
        longest = max(longest, len(fast[1]))
    for year in (2005, 2012, 2017):
        url = f"/api/v1/{endpoint}/?year={year}"
        assert pages(anonymous, url) == pages(signed_in, url)
    busiest, other = combos[0][0], combos[len(combos) // 2][0]
    for code, first, last in [(busiest, 2015, 2019), (other, 2000, 2010), (None, 2018, None),
                              (None, None, 2001), (busiest, None, 2012), (other, None, None),
                              (None, None, None)]:  # fmt: skip
        query = {"country": code, "year_min": first, "year_max": last}
        url = f"/api/v1/{endpoint}/?" + "&".join(f"{k}={v}" for k, v in query.items() if v)
        assert pages(anonymous, url) == pages(signed_in, url), url
    found = 0
    # Without years, PostgreSQL counts words from the index of SearchText's terms and trigrams.
    for query in [f"country={busiest}&q=patent", f"country={other}&q=DATA&year_min=2010",
                  "q=examination%20patent&year_max=2012", f"country={busiest}&year=2016&q=ip",
                  "q=Data", f"country={other}&q=patent%20data", f"country={other}&q=zzzq"]:  # fmt: skip
        url = f"/api/v1/{endpoint}/?{query}"
        fast = pages(anonymous, url)
        assert fast == pages(signed_in, url), url
        found += fast[0] > 0
    assert longest >= 10 and found >= 4


@pytest.mark.parametrize("endpoint", ["agreements", "activities"])
def test_facets_added_up_from_tally_equal_the_general_filters(synthetic, endpoint):
    anonymous = APIClient()
    signed_in = APIClient()
    signed_in.force_authenticate(User.objects.create(username="reader"))
    busiest, other = (
        Coverage.objects.filter(country__isnull=False)
        .values_list("country__code", flat=True)
        .annotate(n=Count("activity"))
        .order_by("-n", "country__code")[:2]
    )
    for query in [f"country={busiest}", f"country={other}&year_min=2005&year_max=2012",
                  "year=2017", "year_min=2010", "year_max=2003", "", f"country={busiest}&year=2016"]:  # fmt: skip
        url = f"/api/v1/{endpoint}/facets/?{query}"
        fast, general = anonymous.get(url).json(), signed_in.get(url).json()
        assert fast == general, url
        assert sum(item["count"] for item in fast["kind"]) > 0, url


def test_facets_of_a_country_and_years_cost_a_fixed_number_of_queries(
    synthetic, django_assert_num_queries
):
    code = Coverage.objects.filter(country__isnull=False).values_list("country__code").first()[0]
    # An empty filter from a blank form field is no filter: the same sum answers.
    for blank in ("", "&kind=&office="):
        url = f"/api/v1/agreements/facets/?country={code}&year_min=2001{blank}"
        with django_assert_num_queries(2) as queries:
            response = APIClient().get(url)
        assert response.status_code == 200
        # the country, checked by its filter (the plan reads it from there, not again); one sum
        # of Tally rows
        assert "cooperation_tally" in queries.captured_queries[-1]["sql"]


def test_the_coverage_page_costs_a_fixed_number_of_queries(
    synthetic, django_assert_max_num_queries
):
    code, year = (
        Coverage.objects.filter(country__isnull=False, status=Status.PUBLISHED)
        .values_list("country__code", "year")
        .first()
    )
    client = APIClient()
    # the data version; the filter's check of the country; its id; the total; the page's ids;
    # the rows; their offices, countries, people, groupings, topics and other passages
    for size in (5, 50):
        with django_assert_max_num_queries(12):
            client.get(f"/api/v1/agreements/?country={code}&year={year}&page_size={size}")
