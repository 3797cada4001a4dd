"""The network, compare and data release pages, from the 2017 seed, are valid HTML."""

import pytest

from cooperation import releases
from cooperation.seed import load_seed
from tests.test_html_validity import problems_in

pytestmark = pytest.mark.django_db

URLS = [
    "/network/",
    "/network/?year=2017&kind=mou",
    "/network/?year=abc",
    "/compare/",
    "/compare/?country=JP&country=KR&grouping=brics",
    "/compare/?country=XX",
    "/releases/",
    "/releases/2017.1/",
    "/agreements/?country=FR",
]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_analysis_pages_are_valid_html(client, tmp_path, settings, language):
    settings.RELEASES_ROOT = tmp_path / "releases"
    load_seed()
    release = releases.make_release(version="2017.1")
    record = release.records.first().activity.get_absolute_url()
    client.cookies["django_language"] = language
    files = []
    for number, url in enumerate([*URLS, record]):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files.append((url, path))
    assert problems_in(files) == []
