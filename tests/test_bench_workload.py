"""The benchmark's mixed workloads (bench/workload.py), on a small synthesized SQLite file."""

import os
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import queries  # noqa: E402
import run as bench_run  # noqa: E402
import workload  # noqa: E402

REQUESTS = 20_000


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    # A file of its own, whatever database the tests use: the benchmark reads SQLite.
    return bench_run.prepare_database(3000, 1, tmp_path_factory.mktemp("bench"))


@pytest.fixture(scope="module")
def dist(database):
    return workload.Distribution.read(database)


@pytest.fixture(scope="module")
def mixes(dist):
    return workload.generate(dist, seed=1, requests=REQUESTS)


def urls(requests) -> list[str]:
    return [r.app() for r in requests]


def test_the_same_seed_gives_the_same_requests(dist, mixes):
    again = workload.generate(dist, seed=1, requests=REQUESTS)
    assert urls(again.lists) == urls(mixes.lists)
    assert urls(again.details) == urls(mixes.details)
    assert [r.datasette() for r in again.lists] == [r.datasette() for r in mixes.lists]
    other = workload.generate(dist, seed=2, requests=REQUESTS)
    assert urls(other.lists) != urls(mixes.lists)


def test_thousands_of_distinct_urls_in_every_shape(mixes):
    assert len(mixes.lists) == len(mixes.details) == REQUESTS
    assert len(set(urls(mixes.lists))) >= 1000
    assert len(set(urls(mixes.details))) >= 1000
    shapes = Counter(r.shape for r in mixes.lists)
    assert set(shapes) == set(workload.LIST_SHAPES)
    generated = [r for r in mixes.lists if not r.popular]
    for shape, share in workload.LIST_SHAPES.items():
        assert abs(sum(r.shape == shape for r in generated) / len(generated) - share) < 0.02


def test_the_popular_share_is_a_fifth(mixes):
    for requests, size in ((mixes.lists, workload.POPULAR_LISTS),
                           (mixes.details, workload.POPULAR_DETAILS)):  # fmt: skip
        popular = [r for r in requests if r.popular]
        assert abs(len(popular) / len(requests) - workload.POPULAR_SHARE) < 0.015
        assert len(set(urls(popular))) == size


def test_no_page_is_past_the_last(mixes):
    for request in mixes.lists:
        assert 1 <= request.page <= min(workload.MAX_PAGE, request.last_page)
        assert request.total is not None
    assert max(r.page for r in mixes.lists) > 1  # deeper pages are asked for too


def test_totals_and_pages_hold_in_the_canned_queries(database, mixes):
    """The SQL that Datasette and the floor run finds the generator's total, and every page
    asked for has records."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    for request in workload.sample(mixes, per_shape=15, seed=3):
        name, params = request.canned()
        assert name in queries.QUERIES
        rows = conn.execute(queries.QUERIES[name]["sql"], params).fetchall()
        if request.shape == "detail":
            assert [row["id"] for row in rows] == [request.slug]
        elif request.shape == "facets":
            assert sum(row["count"] for row in rows) == request.total
        else:
            assert rows, request.app()
            assert rows[0]["total"] == request.total
        # The Datasette URL carries the same parameters as the SQL's.
        query = dict(parse_qsl(urlsplit(request.datasette()).query))
        assert {k: v for k, v in query.items() if not k.startswith("_")} == params


def test_each_client_walks_its_own_slice():
    paths = [f"/{n}" for n in range(100)]
    slices = bench_run.client_slices(paths, 16)
    assert sum(slices, []) == paths
    assert bench_run.client_slices(["/one"], 16) == [["/one"]] * 16


# Collected only in the PostgreSQL run of the suite, where a server is at hand.
if os.environ.get("DATABASE_URL", "").startswith("postgres"):

    def test_the_generator_reads_the_same_distribution_from_postgresql_as_from_sqlite(database):
        import postgres  # bench/postgres.py

        server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        url = f"{server}/cooperation_bench_test"
        postgres.prepare(url, 3000, 1)  # the same data as the SQLite file: same count, same seed
        on_postgres, on_sqlite = (
            workload.Distribution.read(url),
            workload.Distribution.read(database),
        )
        for name in ("codes", "country_year", "per_country", "years", "spans", "words",
                     "word_counts", "slugs"):  # fmt: skip
            assert getattr(on_postgres, name) == getattr(on_sqlite, name), name
        country = max(on_sqlite.per_country, key=on_sqlite.per_country.get)
        assert on_postgres._count_in_sql(country, 2000, 2020) == on_sqlite._count_in_sql(
            country, 2000, 2020
        )
