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
