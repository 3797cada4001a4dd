"""Versioned, citable data releases: the published records frozen as files.

A release is a directory under settings.RELEASES_ROOT named after its version: one CSV per type
of record, every record as JSON, the changelog against the previous release, and a Frictionless
`datapackage.json` (schema, licence, sha256 checksums, suggested citation). Rows are the API's
(cooperation.rows.build), in English, with relative links, in slug order; files are written with
sorted keys and a date taken from the data, never from the clock. So the same data gives the
same bytes, and a version once built is never built again.
"""

import csv
import hashlib
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .exports import SITE_NAME, neutralise
from .models import Activity, ActivityType, Release, ReleaseRecord
from .release_models import VERSION_PATTERN
from .rows import build

RECORDS_FILE = "records.json"
CHANGELOG_FILE = "changelog.json"
PACKAGE_FILE = "datapackage.json"
CHANGE_LABELS = (
    ("added", _("Added")),
    ("changed", _("Changed")),
    ("removed", _("Removed")),
)


@dataclass(frozen=True)
class Frozen:
    """What a release holds before it is written: its files and its records' digests."""

    version: str
    data_as_of: str
    files: dict[str, bytes]
    digests: dict[str, tuple[int, str, str]]  # slug -> (activity id, type, digest)
    changelog: dict


def serializers_by_type() -> dict[str, type]:
    """Each type's API serializer, read from the API's router (the wiring that names every app)."""
    from .api_urls import router

    types = set(ActivityType.values)
    return {basename: viewset.serializer_class for _p, viewset, basename in router.registry
            if basename in types}  # fmt: skip


def root() -> Path:
    return Path(settings.RELEASES_ROOT)


def directory(version: str) -> Path:
    return root() / version


def _json(data) -> bytes:
    return (json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _cell(value):
    """A row's value as one CSV cell: lists of keys joined by ';', anything nested as JSON."""
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ";".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return neutralise(value)


def _field_type(serializer, name: str) -> str:
    field = serializer().fields[name]
    if isinstance(field, serializers.BooleanField):
        return "boolean"
    if isinstance(field, serializers.IntegerField):
        return "integer"
    return "string"


def _csv(fields: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in fields])
    return out.getvalue().encode()


def citation(version: str, data_as_of: str, where: str = "") -> str:
    """How to cite a release; *where* is its page's address (the files hold the path only: the
    site's host is not the data's)."""
    return (
        f"{SITE_NAME}. Published cooperation records, data release {version} "
        f"(data as of {data_as_of[:10]}). {where or f'/releases/{version}/'}"
    )


def _changelog(version: str, digests: dict, previous: Release | None) -> dict:
    before = dict(previous.records.values_list("slug", "digest")) if previous else {}
    return {
        "version": version,
        "previous": previous.version if previous else None,
        "added": sorted(set(digests) - set(before)),
        "changed": sorted(s for s in set(digests) & set(before) if digests[s][2] != before[s]),
        "removed": sorted(set(before) - set(digests)),
    }


def freeze(*, version: str, previous: Release | None) -> Frozen:
    """The files of release *version* of the published records, and the changelog against
    *previous*; nothing is written."""
    published = Activity.objects.published()
    newest = published.aggregate(newest=Max("updated_at"))["newest"]
    if newest is None:
        raise ValidationError({"version": "No record is published: a release would be empty."})
    data_as_of = newest.isoformat().replace("+00:00", "Z")
    files, digests, resources, everything = {}, {}, [], {}
    with translation.override("en"):
        for activity_type, serializer in sorted(serializers_by_type().items()):
            ids = list(
                published.filter(type=activity_type).order_by("slug").values_list("pk", flat=True)
            )
            rows = build(serializer, ids, request=None, can_see_drafts=False)
            fields = list(serializer.Meta.fields)
            name = f"{activity_type}s.csv"
            files[name] = _csv(fields, rows)
            everything[activity_type] = rows
            for pk, row in zip(ids, rows, strict=True):
                digests[row["id"]] = (pk, activity_type, _digest(_json(row)))
            schema = {
                "fields": [{"name": f, "type": _field_type(serializer, f)} for f in fields],
                "primaryKey": "id",
            }
            resources.append((name, "csv", "text/csv", schema))
    files[RECORDS_FILE] = _json({"version": version, "records": everything})
    resources.append((RECORDS_FILE, "json", "application/json", None))
    changelog = _changelog(version, digests, previous)
    files[CHANGELOG_FILE] = _json(changelog)
    resources.append((CHANGELOG_FILE, "json", "application/json", None))
    files[PACKAGE_FILE] = _json(_package(version, data_as_of, files, resources))
    return Frozen(version, data_as_of, files, digests, changelog)


def _package(version: str, data_as_of: str, files: dict, resources: list) -> dict:
    entries = []
    for name, fmt, mediatype, schema in resources:
        entry = {
            "name": name.rsplit(".", 1)[0].replace("_", "-"),
            "path": name,
            "format": fmt,
            "mediatype": mediatype,
            "encoding": "utf-8",
            "bytes": len(files[name]),
            "hash": f"sha256:{_digest(files[name])}",
        }
        if schema:
            entry["schema"] = schema
        entries.append(entry)
    return {
        "name": "cooperation-records",
        "title": f"{SITE_NAME}: published records, release {version}",
        "version": version,
        "created": data_as_of,
        "licenses": [{"name": settings.RELEASES_LICENSE}],
        "citation": citation(version, data_as_of),
        "resources": entries,
    }


def make_release(*, version: str) -> Release:
    """Freeze the published records as release *version*, write its files and record which
    records it holds. A version that exists (as a row or a directory) is refused: releases are
    immutable."""
    if not re.match(VERSION_PATTERN, version):
        raise ValidationError({"version": f"{version!r} is not a year, a dot and a number."})
    target = directory(version)
    if Release.objects.filter(version=version).exists() or target.exists():
        raise ValidationError({"version": f"Release {version} exists; releases never change."})
    with transaction.atomic():
        previous = Release.objects.order_by("-id").first()
        frozen = freeze(version=version, previous=previous)
        release = Release.objects.create(
            version=version,
            data_as_of=frozen.data_as_of.replace("Z", "+00:00"),
            record_count=len(frozen.digests),
            previous=previous,
            added=len(frozen.changelog["added"]),
            changed=len(frozen.changelog["changed"]),
            removed=len(frozen.changelog["removed"]),
        )
        ReleaseRecord.objects.bulk_create(
            ReleaseRecord(release=release, activity_id=pk, slug=slug, type=kind, digest=digest)
            for slug, (pk, kind, digest) in sorted(frozen.digests.items())
        )
        _write(target, frozen.files)
    return release


def _write(target: Path, files: dict[str, bytes]) -> None:
    # Written beside the target and renamed: a reader never sees half a release.
    partial = target.with_name(f".{target.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for name, data in files.items():
        (partial / name).write_bytes(data)
    partial.rename(target)


def package(release: Release) -> dict:
    """The release's datapackage.json as written."""
    return json.loads((directory(release.version) / PACKAGE_FILE).read_bytes())


def changelog(release: Release) -> dict:
    return json.loads((directory(release.version) / CHANGELOG_FILE).read_bytes())


def file_path(release: Release, name: str) -> Path | None:
    """The path of one of the release's files, or None for a name it does not list."""
    listed = {PACKAGE_FILE} | {r["path"] for r in package(release)["resources"]}
    return directory(release.version) / name if name in listed else None
