"""A typed Python client generated from the API's schema (openapi-python-client), driving a live
server: if the schema lies about a field, a status or a parameter, the client fails to decode."""

import importlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from .factories import (
    AgreementFactory,
    CountryFactory,
    DelegationFactory,
    MeetingFactory,
    OfficeFactory,
    PassageFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PACKAGE = "coop_api_client"


@pytest.fixture
def generated(tmp_path):
    """The client package, generated from the schema into a temporary folder and imported."""
    folder = tmp_path
    schema = folder / "schema.json"
    schema.write_text(json.dumps(APIClient().get("/api/v1/schema/?format=json").json()))
    tool = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))
    assert tool, "openapi-python-client is not installed beside the interpreter"
    # PATH: the generator formats its output with the venv's ruff.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(  # noqa: S603 - a tool from our own venv, no shell
        [tool, "generate", "--path", str(schema), "--output-path", str(folder / PACKAGE),
         "--meta", "none"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    # A warning means a piece of the schema the generator could not turn into code.
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(folder))
    try:
        yield lambda name: importlib.import_module(f"{PACKAGE}.{name}")
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.fixture
def world(editor):
    # Editors add and change; deleting is a permission of its own.
    editor.user_permissions.add(Permission.objects.get(codename="delete_agreement"))
    france = CountryFactory(code="FR", name="France")
    chile = CountryFactory(code="CL", name="Chile")
    inpi = OfficeFactory(slug="inpi-fr", acronym="INPI", country=france)
    inapi = OfficeFactory(slug="inapi-cl", acronym="INAPI", country=chile)
    AgreementFactory(slug="inpi-2017", parties=[inpi], countries=[france], year=2017, month=5)
    AgreementFactory(slug="inpi-2016", parties=[inpi], countries=[france], year=2016, month=3)
    AgreementFactory(slug="inapi-2017", parties=[inapi], countries=[chile], year=2017, month=2)
    for n in range(3):
        DelegationFactory(slug=f"delegation-{n}")
        MeetingFactory(slug=f"meeting-{n}")
        TrainingFactory(slug=f"training-{n}")
    return {"passage": PassageFactory(ref="inpi-mou"), "token": Token.objects.create(user=editor)}


def test_a_generated_client_reads_and_writes_the_api_without_one_decoding_error(
    generated, live_server, world
):
    client_module = generated("client")
    client = client_module.AuthenticatedClient(
        base_url=live_server.url, token=world["token"].key, prefix="Token",
        raise_on_unexpected_status=True,
    )  # fmt: skip
    agreements = generated("api.agreements.agreements_list")
    page = agreements.sync(client=client, country=["FR"], year=2017)
    assert [a.id for a in page.results] == ["inpi-2017"]
    assert page.results[0].countries[0].code == "FR"

    activities = generated("api.activities.activities_list")
    seen, cursor = [], ""
    while cursor is not None:
        page = activities.sync(client=client, cursor=cursor, limit=4)
        seen += [a.id for a in page.results]
        assert page.count is None
        cursor = parse_qs(urlsplit(page.next_).query)["cursor"][0] if page.next_ else None
    assert len(seen) == len(set(seen)) == 12

    detail = generated("api.agreements.agreements_retrieve").sync("inapi-2017", client=client)
    assert (detail.id, detail.date, detail.offices[0].acronym) == ("inapi-2017", "2017-02", "INAPI")
    figures = generated("api.figures.figures_list").sync(client=client)
    assert figures.count == len(figures.results)

    models = generated("models")
    passage = world["passage"]
    body = models.AgreementRequest.from_dict(
        {"id": "draft-mou", "kind": "mou", "title": "A draft MoU", "date": "2018",
         "offices": [{"office": "INPI", "role": "party"}],
         "source": {"document": passage.document.slug, "ref": passage.ref}}
    )  # fmt: skip
    created = generated("api.agreements.agreements_create").sync(client=client, body=body)
    assert (created.id, created.status.value, created.date) == ("draft-mou", "draft", "2018")

    change = models.PatchedAgreementRequest.from_dict(
        {"date": "2018-06", "version": created.version}
    )
    updated = generated("api.agreements.agreements_partial_update").sync(
        "draft-mou", client=client, body=change
    )
    assert (updated.date, updated.version) == ("2018-06", created.version + 1)

    destroy = generated("api.agreements.agreements_destroy")
    assert destroy.sync_detailed("draft-mou", client=client).status_code == 204
    missing = generated("api.agreements.agreements_retrieve").sync_detailed(
        "draft-mou", client=client
    )
    assert missing.status_code == 404 and missing.parsed.detail
