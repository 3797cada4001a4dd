import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    """Tests make many anonymous requests in a burst; throttling is tested on its own."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


@pytest.fixture(autouse=True)
def _default_language():
    """A request in Chinese leaves its language active in the thread; each test starts afresh."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Cached pages are keyed by the data version, which each test's rolled-back database repeats."""
    from django.core.cache import cache

    cache.clear()


# Chromium for the browser tests: one browser per module, a fresh context per page.


@pytest.fixture(scope="module")
def browser():
    from tests.browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture
def new_page(browser, live_server):
    """Opens pages on the live server, each in its own context (cookies, JavaScript on or off)."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, accept_downloads=True, **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def catalogue_page(new_page):
    """A page on the live server over the catalogue's small world (tests/catalogue_data.py)."""
    from tests import catalogue_data

    catalogue_data.build()
    return new_page()


# The admin's roles and a staff member in each, for every admin test module.


@pytest.fixture
def roles(db):
    from tests.test_admin import create_roles

    create_roles()


@pytest.fixture
def editor(roles):
    from tests.test_admin import staff

    return staff("editor", "editor")


@pytest.fixture
def viewer(roles):
    from tests.test_admin import staff

    return staff("viewer", "viewer")
