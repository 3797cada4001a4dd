"""Data releases: manage.py release freezes the published records as files that never change."""

import csv
import hashlib
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from cooperation import releases, services
from cooperation.models import Release, ReleaseRecord, Status
from tests.factories import AgreementFactory, MeetingFactory, OfficeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def releases_root(settings, tmp_path):
    settings.RELEASES_ROOT = tmp_path / "releases"
    return settings.RELEASES_ROOT


@pytest.fixture
def records():
    office = OfficeFactory(acronym="INPI", slug="inpi-fr")
    return {
        "mou": AgreementFactory(slug="mou-2017", title="=SUM(A1) work plan", parties=[office]),
        "meeting": MeetingFactory(slug="heads-2017", year=2017, month=None),
        "draft": AgreementFactory(slug="secret-draft", status=Status.DRAFT, parties=[office]),
    }


def files(version: str) -> dict[str, bytes]:
    folder = releases.directory(version)
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode())))


def test_a_release_holds_published_records_and_never_a_draft(records):
    release = releases.make_release(version="2017.1")
    written = files("2017.1")
    assert release.record_count == 2
    assert set(release.records.values_list("slug", flat=True)) == {"mou-2017", "heads-2017"}
    assert [row["id"] for row in csv_rows(written["agreements.csv"])] == ["mou-2017"]
    everything = json.loads(written["records.json"])["records"]
    assert [row["id"] for row in everything["agreement"]] == ["mou-2017"]
    assert all(b"secret-draft" not in data for data in written.values())


def test_building_the_same_data_twice_gives_the_same_bytes(records):
    releases.make_release(version="2017.1")
    first = files("2017.1")
    again = releases.freeze(version="2017.1", previous=None)
    assert again.files == first


def test_a_partial_date_stays_partial_and_a_formula_is_not_run_by_a_spreadsheet(records):
    releases.make_release(version="2017.1")
    written = files("2017.1")
    (meeting,) = csv_rows(written["meetings.csv"])
    assert (meeting["date"], meeting["month"], meeting["day"]) == ("2017", "", "")
    (agreement,) = csv_rows(written["agreements.csv"])
    assert agreement["title"] == "'=SUM(A1) work plan"
    assert json.loads(agreement["offices"])[0]["acronym"] == "INPI"
    records_json = json.loads(written["records.json"])["records"]
    assert records_json["meeting"][0]["date"] == "2017"


def test_the_data_package_lists_every_file_with_its_checksum_schema_licence_and_citation(
    records, settings
):
    settings.RELEASES_LICENSE = "CC-BY-4.0"
    releases.make_release(version="2017.1")
    written = files("2017.1")
    package = json.loads(written["datapackage.json"])
    assert package["version"] == "2017.1"
    assert package["licenses"] == [{"name": "CC-BY-4.0"}]
    assert "data release 2017.1" in package["citation"]
    newest = max(r.updated_at for r in (records["mou"], records["meeting"]))
    assert package["created"] == newest.isoformat().replace("+00:00", "Z")
    listed = {r["path"]: r for r in package["resources"]}
    assert set(listed) | {"datapackage.json"} == set(written)
    for name, resource in listed.items():
        assert resource["hash"] == "sha256:" + hashlib.sha256(written[name]).hexdigest()
        assert resource["bytes"] == len(written[name])
    header = next(csv.reader(io.StringIO(written["meetings.csv"].decode())))
    fields = listed["meetings.csv"]["schema"]["fields"]
    assert [f["name"] for f in fields] == header
    assert {f["name"]: f["type"] for f in fields}["day"] == "integer"


def test_a_version_is_built_once_and_a_second_build_changes_nothing(records):
    releases.make_release(version="2017.1")
    before = files("2017.1")
    AgreementFactory(slug="later-2017")
    with pytest.raises(CommandError, match="exists; releases never change"):
        call_command("release", "2017.1")
    assert files("2017.1") == before
    assert ReleaseRecord.objects.count() == 2


@pytest.mark.parametrize("version", ["2017", "v1", "2017.1/../x", "../2017.1"])
def test_a_version_that_is_not_a_year_and_a_number_is_refused_and_saves_nothing(
    records, version, releases_root
):
    with pytest.raises(ValidationError) as error:
        releases.make_release(version=version)
    assert "version" in error.value.message_dict
    assert not Release.objects.exists()
    assert not releases_root.exists()


def test_nothing_published_is_refused(db, releases_root):
    AgreementFactory(status=Status.DRAFT)
    with pytest.raises(ValidationError, match="No record is published"):
        releases.make_release(version="2017.1")
    assert not Release.objects.exists()


def test_the_changelog_says_what_was_added_changed_and_removed_since_the_previous_release(
    records, client
):
    releases.make_release(version="2017.1")
    services.save_activity(activity=records["mou"], fields={"title": "Work plan, revised"})
    services.set_status(activity=records["draft"], status=Status.PUBLISHED)
    services.delete_activity(activity=records["meeting"])
    second = releases.make_release(version="2017.2")
    assert (second.previous.version, second.added, second.changed, second.removed) == (
        "2017.1", 1, 1, 1
    )  # fmt: skip
    assert json.loads(files("2017.2")["changelog.json"]) == {
        "version": "2017.2",
        "previous": "2017.1",
        "added": ["secret-draft"],
        "changed": ["mou-2017"],
        "removed": ["heads-2017"],
    }
    page = client.get("/releases/2017.2/").content.decode()
    assert '<a href="/agreements/secret-draft/">secret-draft</a>' in page
    assert '<a href="/agreements/mou-2017/">mou-2017</a>' in page
    # The deleted meeting is named, with no link to a page that no longer exists.
    assert "<li>heads-2017</li>" in page


def test_the_list_page_shows_a_new_release_at_once(records, client):
    assert "No release yet." in client.get("/releases/").content.decode()
    releases.make_release(version="2017.1")
    page = client.get("/releases/").content.decode()
    assert 'data-version="2017.1"' in page


def test_the_list_page_costs_the_same_queries_whatever_the_number_of_releases(
    records, client, django_assert_max_num_queries
):
    releases.make_release(version="2017.1")
    AgreementFactory()
    releases.make_release(version="2017.2")
    with django_assert_max_num_queries(4):
        assert client.get("/releases/").status_code == 200


def test_each_file_is_served_as_written_and_nothing_else_is(records, client):
    releases.make_release(version="2017.1")
    written = files("2017.1")
    response = client.get("/releases/2017.1/agreements.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == written["agreements.csv"]
    package = client.get("/releases/2017.1/datapackage.json")
    assert b"".join(package.streaming_content) == written["datapackage.json"]
    for missing in ("/releases/2017.1/secret.txt", "/releases/2017.1/..%2F..%2Fsettings.py",
                    "/releases/2099.1/", "/releases/2099.1/agreements.csv"):  # fmt: skip
        assert client.get(missing).status_code == 404, missing


def test_the_release_page_shows_its_citation_files_and_checksums(records, client):
    releases.make_release(version="2017.1")
    page = client.get("/releases/2017.1/").content.decode()
    package = json.loads(files("2017.1")["datapackage.json"])
    assert "data release 2017.1" in page
    assert "http://testserver/releases/2017.1/" in page
    for resource in package["resources"]:
        assert f'href="/releases/2017.1/{resource["path"]}"' in page
        assert resource["hash"].removeprefix("sha256:") in page


def test_a_record_page_names_the_releases_that_hold_it(records, client):
    releases.make_release(version="2017.1")
    newer = AgreementFactory(slug="newer-2017")
    releases.make_release(version="2017.2")
    old_page = client.get("/agreements/mou-2017/").content.decode()
    assert 'href="/releases/2017.1/">2017.1</a>, <a href="/releases/2017.2/">2017.2</a>' in old_page
    new_page = client.get(newer.get_absolute_url()).content.decode()
    assert 'href="/releases/2017.2/"' in new_page
    assert 'href="/releases/2017.1/"' not in new_page


def test_the_command_reports_what_it_froze(records, capsys):
    call_command("release", "2017.1")
    assert "Release 2017.1: 2 records (+2 ~0 -0)" in capsys.readouterr().out


def test_the_release_pages_speak_chinese(records, client):
    releases.make_release(version="2017.1")
    client.get("/language/zh-hans/?next=/releases/")
    assert "<h1>数据版本</h1>" in client.get("/releases/").content.decode()
    assert "数据版本 2017.1" in client.get("/releases/2017.1/").content.decode()
    assert "所在数据版本" in client.get("/agreements/mou-2017/").content.decode()
