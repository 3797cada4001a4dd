"""The mixed workloads: tens of thousands of requests over thousands of distinct URLs, from a seed.

    .venv/bin/python bench/workload.py path/to/cooperation.sqlite3 [--seed 1] [--requests 20000]

prints how many requests and distinct URLs each mix holds, per shape. bench/run.py replays them.

The generator first reads the benchmark database for its real distribution (`Distribution`):
how many published agreements each country has in each year (the Coverage table the app's
country and year filters read), the years present, the commonest words of agreement titles and
how many agreements of each country contain each of them, and every agreement's slug. Every
generated filter's total is known before a request is made, so that a page is never past the
last one.

Two mixes, each a shuffled list of requests (`generate`):

- **list**: 80 % generated — a country and a year (40 %; the pair drawn with the weight of its
  number of agreements), a range of years (15 %; `year_min` uniform over the years present, 1 to
  10 years long), a country and a range (15 %), a country and a word (15 %; `q`), and the facets
  of a country, with a range half the time (15 %). Pages run from 1 to 20, page k drawn with
  weight 1/k, never past the last page. The other 20 % are drawn from 20 popular URLs (page 1
  of the same kinds of filter).
- **detail**: 80 % one of all the published agreements, uniformly; 20 % one of 50 popular ones.

Each request has its URL in the app's API, in Datasette (a canned query of bench/queries.py
with the same SQL semantics: same ids, same total, same newest-first order) and in the floor
(bench/floor.py, the app's paths).
"""

import argparse
import math
import random
import re
import sqlite3
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queries  # noqa: E402

PAGE_SIZE = queries.PAGE_SIZE
MAX_PAGE = 20
POPULAR_SHARE = 0.2
POPULAR_LISTS = 20
POPULAR_DETAILS = 50
WORDS = 24
LONGEST_RANGE = 10
# Generated list shapes and their shares of the generated part of the list mix.
LIST_SHAPES = {
    "country-year": 0.40,
    "years": 0.15,
    "country-years": 0.15,
    "country-word": 0.15,
    "facets": 0.15,
}
SHAPES = (*LIST_SHAPES, "detail")
# Parameters that Datasette should parse as JSON, and the shape of its rows.
DS_JSON = "".join(f"&_json={c}" for c in queries.JSON_COLUMNS) + "&_shape=objects"
STOPWORDS = {"with", "from", "between", "under", "into", "their", "other", "about"}


@dataclass(frozen=True)
class Request:
    """One request of a mix: a filter (or a slug), a page, and what the answer must hold."""

    shape: str
    params: tuple[tuple[str, str], ...] = ()
    page: int = 1
    total: int | None = None  # the filter's number of agreements, for lists
    slug: str = ""
    popular: bool = False

    @property
    def last_page(self) -> int:
        return max(1, math.ceil((self.total or 0) / PAGE_SIZE))

    def app(self) -> str:
        """The path in the app's API (the floor answers the same paths)."""
        if self.shape == "detail":
            return f"/api/v1/agreements/{self.slug}/"
        if self.shape == "facets":
            return f"/api/v1/agreements/facets/?{urlencode(self.params)}"
        page = (("page", str(self.page)),) if self.page > 1 else ()
        return f"/api/v1/agreements/?{urlencode(self.params + page)}"

    floor = app

    def canned(self) -> tuple[str, dict]:
        """The Datasette canned query and its parameters."""
        given = dict(self.params)
        if self.shape == "detail":
            return "agreement", {"slug": self.slug}
        if self.shape == "facets":
            return ("agreement_facets_years" if "year_min" in given else "agreement_facets"), given
        name = {
            "country-year": "agreements_page",
            "years": "agreements_years",
            "country-years": "agreements_country_years",
            "country-word": "agreements_country_search",
        }[self.shape]
        return name, {**given, "offset": str((self.page - 1) * PAGE_SIZE)}

    def datasette(self) -> str:
        name, params = self.canned()
        shape = "&_shape=objects" if self.shape == "facets" else DS_JSON
        return f"/{queries.DATABASE}/{name}.json?{urlencode(params)}{shape}"

    def url(self, contestant: str) -> str:
        return self.datasette() if contestant == "datasette" else self.app()


@dataclass
class Distribution:
    """What the database holds, read once: the weights the generator draws from."""

    codes: dict[int, str]
    # published agreements per (country id, year), per country, and the years present
    country_year: dict[tuple[int, int], int]
    per_country: dict[int, int]
    years: list[int]
    # (first year, last year, number of years) -> agreements, per country and without a country
    spans: dict[int | None, Counter]
    words: list[str]
    word_counts: dict[tuple[int, str], int]  # (country id, word) -> agreements
    slugs: list[str]
    _conn: sqlite3.Connection | None = field(default=None, repr=False)
    _counted: dict = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, db: "Path | str | sqlite3.Connection") -> "Distribution":
        conn = db if isinstance(db, sqlite3.Connection | PostgresReader) else _open(db)
        codes = dict(conn.execute("SELECT id, code FROM cooperation_country ORDER BY id"))
        published = "cv.type = 'agreement' AND cv.status = 'published'"
        country_year = {
            (country, year): n
            for country, year, n in conn.execute(
                f"""SELECT cv.country_id, cv.year, count(*) FROM cooperation_coverage cv
                    WHERE {published} AND cv.country_id IS NOT NULL
                    GROUP BY cv.country_id, cv.year ORDER BY cv.country_id, cv.year"""  # noqa: S608
            )
        }
        # Each agreement's first and last year (and how many years it has rows for), per
        # country and in the rows without a country, counted: a range's total is then a sum.
        spans: dict[int | None, Counter] = {}
        for country, first, last, count, n in conn.execute(
            f"""SELECT country_id, first, last, years, count(*) FROM (
                  SELECT cv.country_id, cv.activity_id, min(cv.year) AS first,
                         max(cv.year) AS last, count(*) AS years
                  FROM cooperation_coverage cv WHERE {published}
                  GROUP BY cv.country_id, cv.activity_id) AS per_activity
                GROUP BY country_id, first, last, years
                ORDER BY country_id, first, last, years"""  # noqa: S608
        ):
            spans.setdefault(country, Counter())[first, last, count] = n
        per_country = {c: sum(s.values()) for c, s in spans.items() if c is not None}
        years = sorted({year for _, year in country_year})
        words = title_words(conn)
        word_counts = {}
        for word in words:
            for country, n in conn.execute(
                f"""SELECT cv.country_id, count(DISTINCT cv.activity_id)
                    FROM cooperation_coverage cv
                    WHERE {published} AND cv.country_id IS NOT NULL AND cv.activity_id IN (
                      SELECT a.id FROM cooperation_activity a
                      LEFT JOIN cooperation_passage p ON p.id = a.passage_id
                      WHERE a.type = 'agreement' AND {queries.WORD})
                    GROUP BY cv.country_id ORDER BY cv.country_id""",  # noqa: S608
                {"q": word},
            ):
                word_counts[country, word] = n
        slugs = [
            slug
            for (slug,) in conn.execute(
                "SELECT a.slug FROM cooperation_activity a "
                "JOIN agreements_agreement g ON g.activity_ptr_id = a.id "
                "WHERE a.status = 'published' ORDER BY a.id"
            )
        ]
        return cls(codes, country_year, per_country, years, spans, words, word_counts, slugs, conn)

    def range_total(self, country: int | None, first: int, last: int) -> int:
        """Agreements of *country* (None: any) with a year in [first, last], as the app counts."""
        key = (country, first, last)
        if key in self._counted:
            return self._counted[key]
        total = 0
        for (low, high, count), n in self.spans.get(country, Counter()).items():
            if country is None:
                # Without a country the app asks for a year >= first and a year <= last.
                total += n if high >= first and low <= last else 0
            elif count == high - low + 1:  # the years are contiguous: an overlap test is exact
                total += n if high >= first and low <= last else 0
            else:
                total = self._count_in_sql(country, first, last)
                break
        self._counted[key] = total
        return total

    def _count_in_sql(self, country: int, first: int, last: int) -> int:
        (total,) = self._conn.execute(
            """SELECT count(DISTINCT activity_id) FROM cooperation_coverage
               WHERE type = 'agreement' AND status = 'published' AND country_id = ?
                 AND year BETWEEN ? AND ?""",
            (country, first, last),
        ).fetchone()
        return total


def _open(db):
    if str(db).startswith(("postgres://", "postgresql://")):
        return PostgresReader(str(db))
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


class PostgresReader:
    """The generator's SQLite statements run on PostgreSQL (bench/postgres.py): the same reads,
    with PostgreSQL's placeholders, and ILIKE for SQLite's case-blind ASCII LIKE."""

    def __init__(self, url: str):
        import psycopg

        self.connection = psycopg.connect(url, autocommit=True)

    def execute(self, sql: str, params=()):
        if params:
            sql = sql.replace("%", "%%")
        sql = re.sub(r":(\w+)", r"%(\1)s", sql).replace("?", "%s").replace(" LIKE ", " ILIKE ")
        return self.connection.execute(sql, params or None)


def title_words(conn: sqlite3.Connection, how_many: int = WORDS) -> list[str]:
    """The commonest words of agreement titles, leaving out those in more than a third of them
    (the kinds' labels, 'with') and office codes: words a reader would search for."""
    counts: Counter = Counter()
    titles = 0
    for (title,) in conn.execute(
        "SELECT title FROM cooperation_activity WHERE type = 'agreement' AND status = 'published' "
        "ORDER BY id LIMIT 50000"
    ):
        titles += 1
        counts.update({w.lower() for w in re.findall(r"[A-Za-z]{5,}", title)} - STOPWORDS)
    ranked = sorted(
        (w for w, n in counts.items() if n <= titles / 3), key=lambda w: (-counts[w], w)
    )
    return ranked[:how_many]


def weighted(rng: random.Random, items: list, weights: list[float]):
    return rng.choices(items, weights, k=1)[0]


class Generator:
    """Draws requests from a Distribution with its own random stream."""

    def __init__(self, dist: Distribution, rng: random.Random):
        self.dist, self.rng = dist, rng
        self.pairs = sorted(dist.country_year)
        self.pair_weights = [dist.country_year[p] for p in self.pairs]
        self.countries = sorted(dist.per_country)
        self.country_weights = [dist.per_country[c] for c in self.countries]
        self.words_of = {}
        for (country, word), n in sorted(dist.word_counts.items()):
            if n:
                self.words_of.setdefault(country, []).append(word)

    def page(self, total: int, first_only: bool) -> int:
        last = min(MAX_PAGE, max(1, math.ceil(total / PAGE_SIZE)))
        if first_only or last == 1:
            return 1
        pages = list(range(1, last + 1))
        return weighted(self.rng, pages, [1 / p for p in pages])

    def year_range(self) -> tuple[int, int]:
        first = self.rng.choice(self.dist.years)
        last = min(first + self.rng.randint(1, LONGEST_RANGE) - 1, self.dist.years[-1])
        return first, last

    def country(self) -> int:
        return weighted(self.rng, self.countries, self.country_weights)

    def list_request(self, shape: str, first_only: bool = False) -> Request:
        d = self.dist
        if shape == "country-year":
            country, year = weighted(self.rng, self.pairs, self.pair_weights)
            params = (("country", d.codes[country]), ("year", str(year)))
            total = d.country_year[country, year]
        elif shape == "years":
            first, last = self.year_range()
            params = (("year_min", str(first)), ("year_max", str(last)))
            total = d.range_total(None, first, last)
        elif shape == "country-years":
            country, (first, last) = self.country(), self.year_range()
            params = (
                ("country", d.codes[country]),
                ("year_min", str(first)),
                ("year_max", str(last)),
            )
            total = d.range_total(country, first, last)
        elif shape == "country-word":
            country = self.country()
            while country not in self.words_of:  # no common word in its titles: another one
                country = self.country()
            word = self.rng.choice(self.words_of[country])
            params = (("country", d.codes[country]), ("q", word))
            total = d.word_counts[country, word]
        elif shape == "facets":
            country = self.country()
            params = (("country", d.codes[country]),)
            if self.rng.random() < 0.5:
                first, last = self.year_range()
                params += (("year_min", str(first)), ("year_max", str(last)))
                total = d.range_total(country, first, last)
            else:
                total = d.per_country[country]
            return Request("facets", params, 1, total)
        else:
            raise ValueError(shape)
        return Request(shape, params, self.page(total, first_only), total)

    def list_shape(self) -> str:
        return weighted(self.rng, list(LIST_SHAPES), list(LIST_SHAPES.values()))


@dataclass
class Workload:
    seed: int
    lists: list[Request]
    details: list[Request]
    popular_lists: list[Request]
    popular_details: list[Request]

    @property
    def mixes(self) -> dict[str, list[Request]]:
        return {"list": self.lists, "detail": self.details}

    def summary(self) -> str:
        lines = []
        for name, requests in self.mixes.items():
            distinct = len({r.app() for r in requests})
            popular = sum(r.popular for r in requests)
            shapes = Counter(r.shape for r in requests)
            per_shape = ", ".join(
                f"{s} {shapes[s]:,} ({len({r.app() for r in requests if r.shape == s}):,} distinct)"
                for s in SHAPES
                if shapes[s]
            )
            lines.append(
                f"{name} mix: {len(requests):,} requests, {distinct:,} distinct URLs, "
                f"{popular / len(requests):.1%} popular; {per_shape}"
            )
        return "\n".join(lines)


def generate(dist: Distribution, seed: int, requests: int = 20_000) -> Workload:
    """Both mixes, *requests* each, the same for the same database and seed."""
    rng = random.Random(seed)  # noqa: S311 -- a reproducible stream, not a secret
    gen = Generator(dist, rng)
    popular_lists: list[Request] = []
    seen = set()
    while len(popular_lists) < POPULAR_LISTS:
        request = gen.list_request(gen.list_shape(), first_only=True)
        if request.app() not in seen:
            seen.add(request.app())
            popular_lists.append(Request(**{**request.__dict__, "popular": True}))
    lists = [
        rng.choice(popular_lists)
        if rng.random() < POPULAR_SHARE
        else gen.list_request(gen.list_shape())
        for _ in range(requests)
    ]
    slugs = dist.slugs
    popular_details = [
        Request("detail", slug=slug, popular=True)
        for slug in rng.sample(slugs, min(POPULAR_DETAILS, len(slugs)))
    ]
    details = [
        rng.choice(popular_details)
        if rng.random() < POPULAR_SHARE
        else Request("detail", slug=rng.choice(slugs))
        for _ in range(requests)
    ]
    return Workload(seed, lists, details, popular_lists, popular_details)


def sample(workload: Workload, per_shape: int, seed: int) -> list[Request]:
    """Up to *per_shape* distinct requests of each shape, for the correctness check."""
    rng = random.Random(seed)  # noqa: S311 -- a reproducible stream, not a secret
    chosen = []
    for shape in SHAPES:
        pool = {r.app(): r for r in [*workload.lists, *workload.details] if r.shape == shape}
        keys = sorted(pool)
        chosen += [pool[k] for k in rng.sample(keys, min(per_shape, len(keys)))]
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="The benchmark's SQLite file.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=20_000, help="Requests per mix.")
    parser.add_argument("--show", type=int, default=0, help="Print the first N of each mix.")
    args = parser.parse_args()
    workload = generate(Distribution.read(args.database), args.seed, args.requests)
    print(workload.summary())
    for name, requests in workload.mixes.items():
        for request in requests[: args.show]:
            print(f"{name:6} {request.app()}\n       {request.datasette()}")


if __name__ == "__main__":
    main()
