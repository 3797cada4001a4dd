"""The README's write examples run as written, with curl and bash, against a live server.

The commands are the ```sh block right after `<!-- write-example -->` in README.md; only the
server's address and the editor's credentials are substituted.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token

from agreements.models import Agreement
from cooperation.models import Deletion
from cooperation.seed import load_seed
from tests.test_admin import create_roles, staff

README = Path(settings.BASE_DIR) / "README.md"
MARKER = "<!-- write-example -->"
BASE_LINE = "BASE=http://127.0.0.1:8000/api/v1"
PASSWORD = "a long and unusual password"
SLUG = "ipos-mou-2018"


def example() -> str:
    text = README.read_text(encoding="utf-8")
    block = re.search(re.escape(MARKER) + r"\s*```sh\n(.*?)```", text, re.DOTALL)
    assert block, f"README.md has no sh block after {MARKER}"
    return block.group(1)


def run(script: str, base: str) -> subprocess.CompletedProcess:
    # Not a skip: a machine without curl fails here, and `make system-packages` installs it.
    assert shutil.which("curl"), "curl is missing: `make system-packages` installs it"
    assert script.count(BASE_LINE) == 1, f"the example no longer sets {BASE_LINE}"
    script = script.replace(BASE_LINE, f"BASE={base}/api/v1")
    return subprocess.run(  # noqa: S603 - our own README, run by bash
        ["bash", "-c", "set -euo pipefail\n" + script],  # noqa: S607
        env={"PATH": os.environ["PATH"], "EDITOR_USER": "editor", "EDITOR_PASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        timeout=60,
    )


def answers(stdout: str) -> list[tuple[int, dict | None]]:
    """The example prints each answer's body, then its status on a line of its own."""
    result, body = [], []
    for line in stdout.splitlines():
        if re.fullmatch(r"\d{3}", line):
            text = "\n".join(body).strip()
            result.append((int(line), json.loads(text) if text else None))
            body = []
        else:
            body.append(line)
    assert not "".join(body).strip(), f"output after the last status: {body}"
    return result


def statuses_in_comments(script: str) -> list[int]:
    """The statuses the README's comments promise, in order ('...: 201 {...}')."""
    return [int(code) for code in re.findall(r"^#[^\n]*?: (\d{3})\b", script, re.MULTILINE)]


@pytest.fixture
def server(live_server, transactional_db, settings):
    settings.AXES_ENABLED = False
    load_seed()
    create_roles()
    editor = staff("editor", "editor")
    # Editors may not delete by default; the README asks for one who may.
    editor.user_permissions.add(Permission.objects.get(codename="delete_agreement"))
    return live_server.url


def test_the_readme_write_example_creates_reads_changes_refuses_a_stale_copy_and_deletes(server):
    script = example()
    result = run(script, server)
    assert result.returncode == 0, result.stderr + result.stdout
    (created, c_body), (changed, ch_body), (stale, s_body), (deleted, d_body) = answers(
        result.stdout
    )
    assert [created, changed, stale, deleted] == [201, 200, 409, 204]
    assert [created, changed, stale, deleted] == statuses_in_comments(script)

    assert c_body["id"] == SLUG and c_body["version"] == 1 and c_body["status"] == "draft"
    assert c_body["kind"] == "mou" and c_body["date"] == "2018-03"
    assert c_body["title"] == "MOU between SIPO and IPOS"
    assert [(o["acronym"], o["role"]) for o in c_body["offices"]] == [
        ("SIPO", "party"),
        ("IPOS", "party"),
    ]
    assert c_body["source"] == {"entered_by_staff": "File 2018/12"}

    assert ch_body["version"] == 2
    assert ch_body["title"] == "Memorandum of understanding between SIPO and IPOS"
    assert "version" in s_body  # the stale copy, refused naming the version
    assert d_body is None

    assert not Agreement.objects.filter(slug=SLUG).exists()
    assert Deletion.objects.filter(slug=SLUG).exists()  # found under /deleted/


def test_the_readme_example_fails_when_the_api_refuses_it(server):
    # The same commands with a party the API does not know: the create answers 400, and the
    # read-back (curl -f) stops the script.
    broken = example().replace('"office": "IPOS"', '"office": "NOWHERE"')
    result = run(broken, server)
    assert result.returncode != 0
    assert answers(result.stdout)[0][0] == 400
    assert not Agreement.objects.filter(slug=SLUG).exists()


def test_the_readme_error_examples_are_what_the_api_answers(server):
    from django.contrib.auth.models import User

    token = Token.objects.create(user=User.objects.get(username="editor")).key
    body = (
        '{"id": "x", "kind": "mou", "title": "T", "date": "2018", "offices": [%s],'
        ' "source": {"entered_by_staff": "F"}}'
    )
    readme = README.read_text(encoding="utf-8")
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
        assert expected.split("'")[0] in readme
