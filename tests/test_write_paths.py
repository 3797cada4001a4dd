"""The four ways a record is written (admin form, REST API, spreadsheet import, seed file) give
the same verdict on the same record and store the same rows: they all call cooperation.services."""

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Agreement
from cooperation import services
from cooperation.seed import SeedError, load_seed
from tests.factories import OfficeFactory
from tests.test_admin import ADD_URL, STALE_MESSAGE, change_url, form_data, staff
from tests.test_admin_import import CSV_FORMAT, IMPORT_URL, confirm
from tests.test_api import staff_client

pytestmark = pytest.mark.django_db

PATHS = ["admin", "api", "import", "seed"]

GOOD_SLUG = "mou-inpi-2017"
GOOD = {
    "slug": GOOD_SLUG,
    "kind": "mou",
    "title": "Memorandum on patent examination",
    "date": "2017-05",
    "end_date": "",
    "parties": ["inpi-fr", "epo"],
    "staff_reference": "File 2017/12",
    "entry_into_force": "",
    "valid_until": "",
    "renews": "",
    "supersedes": "",
}

# Each case: what changes from GOOD, and the verdict every path must give (None: accepted;
# otherwise the field it is refused on).
CASES = {
    "good": ({}, None),
    "no party": ({"parties": []}, "offices"),
    "impossible date": ({"date": "2017-02-30"}, "date"),
    "month 13": ({"date": "2017-13"}, "date"),
    "end before start": ({"date": "2017-05-10", "end_date": "2017-05-02"}, "end_date"),
    "unknown office": ({"parties": ["nowhere"]}, "offices"),
    "10,000-character title": ({"title": "T" * 10_000}, "title"),
    "duplicate": ({"slug": "twin"}, "duplicate"),
    "stale version": ({"title": "Edited"}, "version"),
    "end before entry into force": (
        {"entry_into_force": "2018-03", "valid_until": "2018-01"},
        "valid_until",
    ),
    "entry into force before signing": ({"entry_into_force": "2016"}, "entry_into_force"),
    "impossible end of validity": ({"valid_until": "2018-02-30"}, "valid_until"),
    # Changes to the stored GOOD record (see UPDATES):
    "renews itself": ({"renews": GOOD_SLUG}, "renews"),
    "cycle of supersedes": ({"supersedes": "older-mou"}, "supersedes"),
}
# Cases written over a stored GOOD record, rather than as a new one.
UPDATES = {"renews itself", "cycle of supersedes"}


@pytest.fixture
def offices(db):
    return {
        "inpi-fr": OfficeFactory(slug="inpi-fr", acronym="INPI"),
        "epo": OfficeFactory(slug="epo", acronym="EPO", country=None, kind="intergovernmental"),
    }


def existing_agreement(offices, **fields) -> Agreement:
    """GOOD as stored by the service, for the duplicate and stale cases."""
    agreement = Agreement()
    values = {"kind": "mou", "title": GOOD["title"], "year": 2017, "month": 5}
    services.save_activity(
        activity=agreement,
        fields={**values, "slug": GOOD["slug"], "staff_reference": GOOD["staff_reference"]}
        | fields,
        links={"offices": [{"office": offices[s], "role": "party"} for s in GOOD["parties"]]},
    )
    return agreement


# --- the four writers, each returning None (accepted) or the field it was refused on ---------


def _date_parts(text: str) -> tuple:
    parts = text.split("-") if text else []
    return tuple(parts + [""] * (3 - len(parts)))


def _pk_of(slug: str) -> str:
    return str(Agreement.objects.get(slug=slug).pk) if slug else ""


def write_admin(client, record, offices, stale_from=None, update=None):
    client.force_login(staff("editor-user", is_superuser=True))
    if update is not None:
        data = form_data(client.get(change_url(update)))
        url = change_url(update)
    elif stale_from is not None:
        data = form_data(client.get(change_url(stale_from)))
        stale_from.title = "Changed meanwhile"
        services.save_activity(activity=stale_from)
        url = change_url(stale_from)
    else:
        data = form_data(client.get(ADD_URL))
        url = ADD_URL
    year, month, day = _date_parts(record["date"])
    end_year, end_month, end_day = _date_parts(record["end_date"])
    data.update(
        {
            "kind": record["kind"], "title": record["title"], "slug": record["slug"],
            "year": year, "month": month.lstrip("0"), "day": day.lstrip("0"),
            "end_year": end_year, "end_month": end_month.lstrip("0"), "end_day": end_day.lstrip("0"),
            "staff_reference": record["staff_reference"],
            "entry_into_force": record["entry_into_force"], "valid_until": record["valid_until"],
            "renews": _pk_of(record["renews"]), "supersedes": _pk_of(record["supersedes"]),
        }
    )  # fmt: skip
    rows = [k for k in data if k.startswith("involvements-") and k.endswith("-office")]
    for key in rows:
        data[key.replace("-office", "-DELETE")] = "on"
    first = int(data["involvements-TOTAL_FORMS"])
    for i, slug in enumerate(record["parties"], start=first):
        office = offices.get(slug)
        data[f"involvements-{i}-office"] = str(office.pk) if office else "999999"
        data[f"involvements-{i}-role"] = "party"
    data["involvements-TOTAL_FORMS"] = str(first + len(record["parties"]))
    response = client.post(url, data)
    if response.status_code == 302:
        return None
    form = response.context["adminform"].form
    fields = set(form.errors)
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model.__name__ == "Involvement" and (
            inline.formset.non_form_errors() or any(inline.formset.errors)
        ):
            fields.add("offices")
    if STALE_MESSAGE in form.non_field_errors():
        return "version"
    return _canonical(fields)


def write_api(client, record, offices, stale_from=None, update=None):
    body = {
        "id": record["slug"],
        "kind": record["kind"],
        "title": record["title"],
        "date": record["date"],
        "end_date": record["end_date"] or None,
        "offices": [{"office": slug, "role": "party"} for slug in record["parties"]],
        "source": {"entered_by_staff": record["staff_reference"]},
        "entry_into_force": record["entry_into_force"],
        "valid_until": record["valid_until"],
        "renews": record["renews"] or None,
        "supersedes": record["supersedes"] or None,
    }
    if update is not None:
        response = client.patch(f"/api/v1/agreements/{update.slug}/", body, format="json")
    elif stale_from is not None:
        version = stale_from.version
        stale_from.title = "Changed meanwhile"
        services.save_activity(activity=stale_from)
        response = client.patch(
            f"/api/v1/agreements/{stale_from.slug}/",
            {"title": record["title"], "version": version},
            format="json",
        )
    else:
        response = client.post("/api/v1/agreements/", body, format="json")
    if response.status_code in (200, 201):
        return None
    if response.status_code == 409:
        return "version"
    assert response.status_code == 400, response.content
    return _canonical(set(response.json()))


def write_import(client, record, offices, stale_from=None, update=None):
    client.force_login(staff("importer", is_superuser=True))
    version = ""
    if stale_from is not None:
        version = str(stale_from.version)
        stale_from.title = "Changed meanwhile"
        services.save_activity(activity=stale_from)
    header = (
        "slug,kind,title,date,end_date,parties,staff_reference,version,"
        "entry_into_force,valid_until,renews,supersedes\n"
    )
    cells = [
        record["slug"], record["kind"], record["title"], record["date"], record["end_date"],
        "; ".join(record["parties"]), record["staff_reference"], version,
        record["entry_into_force"], record["valid_until"], record["renews"], record["supersedes"],
    ]  # fmt: skip
    content = header + ",".join(f'"{c}"' for c in cells) + "\n"
    preview = client.post(
        IMPORT_URL,
        {"format": CSV_FORMAT, "import_file": SimpleUploadedFile("a.csv", content.encode())},
    )
    result = preview.context["result"]
    if not (result.has_errors() or result.has_validation_errors()):
        assert confirm(client, preview).status_code == 302
        return None
    fields = set()
    for row in result.invalid_rows:
        fields |= set(row.error_dict)
    if "version" in fields:
        return "version"
    return _canonical(fields)


def write_seed(client, record, offices, stale_from=None, tmp_path=None, update=None):
    entry = {
        "type": "agreement",
        "slug": record["slug"],
        "kind": record["kind"],
        "title": record["title"],
        "date": record["date"],
        "parties": record["parties"],
        "staff_reference": record["staff_reference"],
        "status": "draft",
    }
    if record["end_date"]:
        entry["end_date"] = record["end_date"]
    for name in ("entry_into_force", "valid_until", "renews", "supersedes"):
        if record[name]:
            entry[name] = record[name]
    path = tmp_path / "records.yaml"
    path.write_text(yaml.safe_dump({"activities": [entry]}), encoding="utf-8")
    try:
        load_seed(paths=[path])
    except SeedError as error:
        return _canonical_text(str(error))
    return None


def _canonical(fields: set[str]) -> str:
    names = {
        "year": "date", "month": "date", "day": "date", "date": "date",
        "end_year": "end_date", "end_month": "end_date", "end_day": "end_date",
        "end_date": "end_date", "offices": "offices", "parties": "offices", "title": "title",
        "__all__": "duplicate", "non_field_errors": "duplicate", "version": "version",
        "entry_into_force": "entry_into_force", "valid_until": "valid_until",
        "renews": "renews", "supersedes": "supersedes",
    }  # fmt: skip
    found = {names.get(f, f) for f in fields}
    assert len(found) == 1, found
    return found.pop()


def _canonical_text(message: str) -> str:
    reason = message.split("': ", 1)[1]
    for prefix, name in [
        ("end_", "end_date"), ("date", "date"), ("year", "date"), ("month", "date"),
        ("day", "date"), ("parties", "offices"), ("offices", "offices"), ("title", "title"),
        ("entry_into_force", "entry_into_force"), ("valid_until", "valid_until"),
        ("renews", "renews"), ("supersedes", "supersedes"),
    ]:  # fmt: skip
        if reason.startswith(prefix):
            return name
    if "already records this" in reason:
        return "duplicate"
    return reason


WRITERS = {"admin": write_admin, "api": write_api, "import": write_import, "seed": write_seed}


def stored(slug: str) -> dict:
    agreement = Agreement.objects.get(slug=slug)
    return {
        "kind": agreement.kind,
        "title": agreement.title,
        "date": agreement.date,
        "parties": sorted(agreement.involvements.values_list("office__slug", "role")),
        "staff_reference": agreement.staff_reference,
        "status": agreement.status,
        "version": agreement.version,
        "history": agreement.history.count(),
    }


# A seed file carries no version: it is the operator's own source of truth, applied as a whole.
COMBINATIONS = [
    (path, case) for path in PATHS for case in CASES if (path, case) != ("seed", "stale version")
]


@pytest.mark.parametrize(("path", "case"), COMBINATIONS)
def test_every_write_path_gives_the_same_verdict_and_stores_the_same_rows(
    path, case, offices, client, tmp_path
):
    changes, verdict = CASES[case]
    record = {**GOOD, **changes}
    stale_from = None
    if case == "duplicate":
        existing_agreement(offices)
    if case == "stale version":
        stale_from = existing_agreement(offices)
    update = None
    if case in UPDATES:
        update = existing_agreement(offices)
        older = Agreement(slug="older-mou", kind="mou", title="Older MOU", year=2017, month=5,
                          staff_reference="File 2016/1")  # fmt: skip
        services.save_activity(
            activity=older,
            fields={"supersedes": update},
            links={"offices": [{"office": offices["epo"], "role": "party"}]},
        )
    before = Agreement.objects.count()
    api_client = staff_client(
        "agreements.add_agreement", "agreements.change_agreement", username="api-writer"
    )[0]
    kwargs = {"tmp_path": tmp_path} if path == "seed" else {}
    writer_client = api_client if path == "api" else client
    if update is not None:
        kwargs["update"] = update
    got = WRITERS[path](writer_client, record, offices, stale_from=stale_from, **kwargs)
    assert got == verdict
    if verdict is None:
        assert stored(record["slug"]) == {
            "kind": "mou",
            "title": GOOD["title"],
            "date": "2017-05",
            "parties": [("epo", "party"), ("inpi-fr", "party")],
            "staff_reference": GOOD["staff_reference"],
            "status": "draft",
            "version": 1,
            "history": 1,
        }
    elif update is not None:
        assert Agreement.objects.get(slug=GOOD_SLUG).version == 1, "a refused change writes nothing"
    elif case != "stale version":
        assert Agreement.objects.count() == before, "a refused record leaves nothing"
    else:
        assert Agreement.objects.get().title == "Changed meanwhile"
