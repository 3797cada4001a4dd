"""With the cache in Redis (as in production), every worker shares pages, totals and the data
version: a hit makes no database query, and an edit is visible on the very next request."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation import caching, services
from tests.factories import AgreementFactory, OfficeFactory

REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/7",
    }
}


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = REDIS
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_a_cached_page_is_answered_without_a_database_query(client, redis_cache):
    AgreementFactory(slug="a", title="First", parties=[OfficeFactory()])
    assert client.get("/api/v1/agreements/")["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/agreements/")
    assert response["X-Cache"] == "hit"
    assert len(queries) == 0


@pytest.mark.django_db(transaction=True)
def test_an_edit_is_visible_on_the_next_request_through_the_shared_cache(client, redis_cache):
    agreement = AgreementFactory(slug="a", title="First", parties=[OfficeFactory()])
    client.get("/api/v1/agreements/a/")
    assert client.get("/api/v1/agreements/a/")["X-Cache"] == "hit"
    services.save_activity(activity=agreement, fields={"title": "Second"})
    response = client.get("/api/v1/agreements/a/")
    assert (response["X-Cache"], response.json()["title"]) == ("miss", "Second")
    assert cache.get(caching.VERSION_KEY) == caching._stored_version()


@pytest.mark.django_db(transaction=True)
def test_totals_are_counted_once_per_filter_and_stay_exact_after_an_edit(client, redis_cache):
    office = OfficeFactory()
    for n in range(3):
        AgreementFactory(slug=f"a{n}", title=f"T{n}", year=2017, parties=[office])
    assert client.get("/api/v1/agreements/?year=2017&page_size=1").json()["count"] == 3
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/api/v1/agreements/?year=2017&page_size=1&page=2")
    assert page.json()["count"] == 3
    assert not any("COUNT(" in q["sql"].upper() for q in queries), "page 2 reuses the total"
    AgreementFactory(slug="a9", title="T9", year=2017, parties=[office])
    caching.bump()
    assert client.get("/api/v1/agreements/?year=2017&page_size=1&page=3").json()["count"] == 4


@pytest.mark.django_db(transaction=True)
def test_a_cache_hit_tells_its_own_clients_standing_and_is_not_counted(
    client, redis_cache, settings, monkeypatch
):
    from cooperation.throttling import AnonRateLimit

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_CLASSES": ["cooperation.throttling.AnonRateLimit"],
    }
    monkeypatch.setattr(AnonRateLimit, "THROTTLE_RATES", {"anon": "50/minute"})
    AgreementFactory(slug="a", title="First", parties=[OfficeFactory()])
    miss = client.get("/api/v1/agreements/a/")
    assert (miss["X-Cache"], miss["X-RateLimit-Remaining"]) == ("miss", "49")
    hit = client.get("/api/v1/agreements/a/", REMOTE_ADDR="10.0.0.2")
    assert (hit["X-Cache"], hit["X-RateLimit-Limit"], hit["X-RateLimit-Remaining"]) == (
        "hit", "50", "50",
    )  # fmt: skip
    again = client.get("/api/v1/agreements/a/")
    assert (again["X-Cache"], again["X-RateLimit-Remaining"]) == ("hit", "49")
    assert int(again["X-RateLimit-Reset"]) >= int(miss["X-RateLimit-Reset"])


@pytest.mark.django_db(transaction=True)
def test_a_miss_reads_the_version_and_the_page_in_one_round_trip_and_a_stale_page_is_replaced(
    client, redis_cache, monkeypatch
):
    AgreementFactory(slug="a", title="First", parties=[OfficeFactory()])
    client.get("/api/v1/agreements/a/")  # the version is now in Redis
    calls, backend = [], caches["default"]
    for name in ("get", "get_many", "set"):
        real = getattr(backend, name)
        monkeypatch.setattr(
            backend,
            name,
            lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k),
        )
    client.get("/api/v1/agreements/")
    assert calls[:1] == ["get_many"] and calls.count("set") >= 1
    # A page kept at an older version is not served, and the fresh one takes its place.
    key = caching.AnonymousReadCache._key(client.get("/api/v1/agreements/").wsgi_request)
    version, content, headers = cache.get(key)
    cache.set(key, (version - 1, b'{"stale": true}', headers))
    response = client.get("/api/v1/agreements/")
    assert response["X-Cache"] == "miss" and b"stale" not in response.content
    assert cache.get(key)[0] == version
