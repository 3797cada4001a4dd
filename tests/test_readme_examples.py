"""The README's write examples run as written, with curl, against a live server."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from agreements.models import Agreement
from cooperation.models import Deletion
from cooperation.seed import load_seed
from tests.test_admin import create_roles, staff

README = Path(settings.BASE_DIR) / "README.md"
PASSWORD = "a long and unusual password"


def example(marker: str = "<!-- write-example -->") -> str:
    text = README.read_text(encoding="utf-8")
    block = re.search(re.escape(marker) + r"\s*```sh\n(.*?)```", text, re.DOTALL)
    assert block, f"README.md has no sh block after {marker}"
    return block.group(1)


def run(script: str, base: str) -> subprocess.CompletedProcess:
    script = script.replace("http://127.0.0.1:8000/api/v1", f"{base}/api/v1")
    return subprocess.run(  # noqa: S603 - our own README, run by bash
        ["bash", "-c", "set -euo pipefail\n" + script],  # noqa: S607
        env={"EDITOR_USER": "editor", "EDITOR_PASSWORD": PASSWORD, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def server(live_server, transactional_db, settings):
    settings.AXES_ENABLED = False
    load_seed()
    create_roles()
    editor = staff("editor", "editor")
    editor.user_permissions.add(Permission.objects.get(codename="delete_agreement"))
    return live_server.url


def test_the_readme_write_example_creates_changes_refuses_a_stale_copy_and_deletes(server):
    result = run(example(), server)
    assert result.returncode == 0, result.stderr + result.stdout
    out = result.stdout
    assert '"id":"ipos-mou-2018"' in out and '"version":1' in out  # the create
    assert '"title":"Memorandum of understanding between SIPO and IPOS"' in out
    assert '"version":2' in out  # the change
    assert out.rstrip().endswith("409")  # the stale copy
    assert not Agreement.objects.filter(slug="ipos-mou-2018").exists()
    assert Deletion.objects.filter(slug="ipos-mou-2018").exists()


def test_the_readme_example_fails_when_the_api_refuses_it(server):
    # The same script with a party the API does not know stops at the create.
    broken = example().replace('"office": "IPOS"', '"office": "NOWHERE"')
    result = run(broken, server)
    assert result.returncode != 0
    assert not Agreement.objects.filter(slug="ipos-mou-2018").exists()


def test_the_readme_error_examples_are_what_the_api_answers(server):
    token = run(example().split("AUTH=")[0] + 'echo "$TOKEN"', server).stdout.strip()
    body = '{"id": "x", "kind": "mou", "title": "T", "date": "2018", "offices": [%s], "source": {"entered_by_staff": "F"}}'
    for offices, expected in [
        ("", "An agreement needs at least one office in the role 'party'"),
        ('{"office": "XYZ", "role": "party"}', "No office has the slug or acronym 'XYZ'."),
    ]:
        answer = subprocess.run(  # noqa: S603
            ["curl", "-s", "-X", "POST", f"{server}/api/v1/agreements/",  # noqa: S607
             "-H", f"Authorization: Token {token}", "-H", "Content-Type: application/json",
             "-d", body % offices],
            capture_output=True, text=True, timeout=30,
        ).stdout  # fmt: skip
        assert answer.startswith('{"offices":') and expected in answer
        assert expected.split("'")[0] in README.read_text(encoding="utf-8")
