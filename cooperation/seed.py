"""Load the readable YAML fixtures into the database: every record upserted by its natural key.

The fixtures carry no primary keys. A record whose values already match the file is not saved
again, so loading twice adds neither rows nor history rows. Link rows (parties, countries,
people, tags) are set to exactly what the file says. One bad entry aborts the whole load.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

try:  # the C version of PyYAML's safe loader, when built; the Python one takes over a second
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader

from agreements.models import Agreement
from delegations.models import Delegation, Meeting, Training

from . import caching, coverage, dates, services
from .models import (
    Activity,
    Country,
    Document,
    Figure,
    Grouping,
    Office,
    PartyRole,
    Passage,
    Person,
    PersonRole,
    Status,
    Topic,
)

ACTIVITY_MODELS = {
    "agreement": Agreement,
    "delegation": Delegation,
    "meeting": Meeting,
    "training": Training,
}

# Fixture key -> role, for the offices, countries and people linked to an activity.
OFFICE_ROLES = {
    "parties": PartyRole.PARTY,
    "facilitators": PartyRole.FACILITATOR,
    "hosts": PartyRole.HOST,
    "participants": PartyRole.PARTICIPANT,
    "visited": PartyRole.VISITED,
    "organizers": PartyRole.ORGANIZER,
    "partners": PartyRole.PARTNER,
    "beneficiaries": PartyRole.BENEFICIARY,
}
COUNTRY_ROLES = {
    "party_countries": PartyRole.PARTY,
    "host_countries": PartyRole.HOST,
    "participant_countries": PartyRole.PARTICIPANT,
    "visited_countries": PartyRole.VISITED,
    "partner_countries": PartyRole.PARTNER,
    "beneficiary_countries": PartyRole.BENEFICIARY,
}
PEOPLE_ROLES = {
    "leaders": PersonRole.LEADER,
    "members": PersonRole.MEMBER,
    "signatories": PersonRole.SIGNATORY,
    "witnesses": PersonRole.WITNESS,
    "counterparts": PersonRole.COUNTERPART,
    "people": PersonRole.PARTICIPANT,
}
ACTIVITY_KEYS = {
    "type", "slug", "kind", "title", "title_zh", "summary", "date", "end_date", "city",
    "venue_country", "occasion", "passage", "other_passages", "staff_reference", "groupings",
    "topics", "status", "on_behalf_of", *OFFICE_ROLES, *COUNTRY_ROLES, *PEOPLE_ROLES,
}  # fmt: skip
# An agreement's links to earlier agreements, each given as the other agreement's slug.
AGREEMENT_RELATIONS = ("renews", "extends", "supersedes", "implements")
TYPE_KEYS = {
    "agreement": {
        "entry_into_force",
        "valid_until",
        "term_years",
        "automatic_renewal",
        "renews",
        "extends",
        "supersedes",
        "implements",
        "implementing_activities",
        "status_changes",
    },
    "delegation": {"purpose", "members_count", "meetings"},
    "meeting": {"series", "edition", "outcomes"},
    "training": {"participants_count", "participants_more_than"},
}
SECTIONS = {
    "countries": {"code", "name", "name_zh", "region", "aliases"},
    "offices": {"slug", "acronym", "name", "name_zh", "kind", "country", "st3_code", "aliases", "website"},
    "people": {"slug", "name", "name_zh", "title", "office"},
    "groupings": {"slug", "name", "name_zh", "description", "member_offices", "member_countries"},
    "topics": {"slug", "name", "name_zh"},
    "passages": {"ref", "section", "heading", "text", "is_caption", "countries", "offices", "groupings"},
    "figures": {
        "slug", "label", "label_zh", "value", "qualifier", "unit", "year", "passage",
        "counts_type", "counts_kind", "status",
    },
    "activities": ACTIVITY_KEYS | set().union(*TYPE_KEYS.values()),
}  # fmt: skip
FILE_KEYS = {"document", "sections", *SECTIONS}
DOCUMENT_KEYS = {"slug", "title", "publisher", "year", "url"}


class SeedError(Exception):
    """A fixture entry that cannot be loaded; the message names the file, the record and why."""


@dataclass(eq=False)
class Entry:
    path: str
    label: str
    key: str
    data: dict

    def fail(self, reason: str) -> SeedError:
        return SeedError(f"{self.path}: {self.label} '{self.key}': {reason}")


@dataclass
class Tally:
    counts: dict = field(default_factory=lambda: defaultdict(int))
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        return f"Seed loaded: {kinds} ({self.created} created, {self.updated} updated, {self.unchanged} unchanged)."


def default_paths() -> list[Path]:
    return sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.yaml"))


@transaction.atomic
def load_seed(*, paths: list[Path] | None = None) -> Tally:
    """Load *paths* (default: every fixtures/*.yaml) all or nothing; raise SeedError on a bad entry."""
    loader = _Loader()
    for path in paths or default_paths():
        loader.read(Path(path))
    with coverage.paused():
        loader.run()
    coverage.refresh()
    caching.bump()
    return loader.tally


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path(settings.BASE_DIR).resolve()).as_posix()
    except ValueError:
        return str(path)


def _message(error: ValidationError) -> str:
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for name, messages in error.message_dict.items():
        text = " ".join(messages)
        parts.append(text if name == NON_FIELD_ERRORS else f"{name}: {text}")
    return "; ".join(parts)


class _Loader:
    def __init__(self):
        self.entries = {name: [] for name in SECTIONS}
        self.documents: list[Entry] = []
        self.tally = Tally()

    # --- reading -------------------------------------------------------------------------------
    def read(self, path: Path) -> None:
        shown = _display(path)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
        except (OSError, yaml.YAMLError) as error:
            raise SeedError(f"{shown}: cannot read: {error}") from error
        if not isinstance(data, dict):
            raise SeedError(f"{shown}: the file must hold a mapping of sections")
        unknown = set(data) - FILE_KEYS
        if unknown:
            raise SeedError(f"{shown}: unknown section(s): {', '.join(sorted(unknown))}")
        document = data.get("document")
        if document is not None:
            self.documents.append(self._entry(shown, "document", document, "slug", DOCUMENT_KEYS))
        sections = data.get("sections") or {}
        for name, allowed in SECTIONS.items():
            label = {"countries": "country", "people": "person", "activities": "activity"}.get(
                name, name[:-1]
            )
            key_field = {"countries": "code", "passages": "ref"}.get(name, "slug")
            for raw in data.get(name) or []:
                entry = self._entry(shown, label, raw, key_field, allowed)
                if name in ("passages", "figures"):
                    if document is None:
                        raise entry.fail("a file with passages or figures needs a 'document'")
                    entry.data["_document"] = document.get("slug")
                    entry.data["_position"] = (
                        len([e for e in self.entries[name] if e.path == shown]) + 1
                    )
                if name == "passages" and "heading" not in raw:
                    if raw.get("section") not in sections:
                        raise entry.fail(f"section: no heading given for {raw.get('section')!r}")
                    entry.data["heading"] = sections[raw["section"]]
                if name == "activities":
                    entry.label = str(raw.get("type", "activity"))
                    if entry.label not in ACTIVITY_MODELS:
                        raise entry.fail(f"type: must be one of {', '.join(ACTIVITY_MODELS)}")
                    extra = set(raw) & (
                        SECTIONS["activities"] - ACTIVITY_KEYS - TYPE_KEYS[entry.label]
                    )
                    if extra:
                        raise entry.fail(
                            f"field(s) not used by a {entry.label}: {', '.join(sorted(extra))}"
                        )
                self.entries[name].append(entry)

    @staticmethod
    def _entry(shown: str, label: str, raw, key_field: str, allowed: set) -> Entry:
        if not isinstance(raw, dict):
            raise SeedError(f"{shown}: {label}: each entry must be a mapping, got {raw!r}")
        key = raw.get(key_field)
        entry = Entry(shown, label, str(key), dict(raw))
        if not key:
            raise entry.fail(f"{key_field}: this field is required")
        unknown = set(raw) - allowed
        if unknown:
            raise entry.fail(f"unknown field(s): {', '.join(sorted(unknown))}")
        return entry

    # --- writing -------------------------------------------------------------------------------
    def run(self) -> None:
        self._check_duplicates()
        self.countries = self._upsert_simple(Country, "countries", "code", self._country_values)
        self.offices = self._upsert_simple(Office, "offices", "slug", self._office_values)
        self.people = self._upsert_simple(Person, "people", "slug", self._person_values)
        self.groupings = self._upsert_simple(Grouping, "groupings", "slug", self._grouping_values)
        self.topics = self._upsert_simple(Topic, "topics", "slug", self._topic_values)
        groupings = self.entries["groupings"]
        self._sync_m2m(
            Grouping, "member_offices", groupings, self.groupings, self.offices, "office"
        )
        self._sync_m2m(
            Grouping, "member_countries", groupings, self.groupings, self.countries, "country"
        )
        self._upsert_documents()
        self._upsert_passages()
        self._upsert_figures()
        self._upsert_activities()

    def _check_duplicates(self) -> None:
        for entries in self.entries.values():
            seen = set()
            for entry in entries:
                key = (entry.data.get("_document"), entry.key)
                if key in seen:
                    raise entry.fail("this key is given twice")
                seen.add(key)

    def _save(self, entry: Entry, model, existing, values: dict, *, new: list | None = None):
        """Validate one record and save it unless nothing changed.

        A new record is appended to *new* (entry, object) when given, for `_create` to insert
        in bulk; otherwise it is saved at once.
        """
        changed = set()
        if existing is None:
            obj = model(**values)
        else:
            obj = existing
            changed = {name for name, value in values.items() if getattr(obj, name) != value}
            for name in changed:
                setattr(obj, name, values[name])
        # For speed (the chapter must load in well under two seconds) nothing here costs a query
        # per record: references were looked up in the database already, a new natural key is
        # unique by construction, and the database itself enforces the other unique and check
        # constraints on insert; `_explain` turns a refusal into the constraint's own message.
        resolved = [name[:-3] for name, value in values.items() if name.endswith("_id") and value]
        try:
            obj.full_clean(
                exclude=resolved, validate_unique=bool(changed), validate_constraints=False
            )
        except ValidationError as error:
            raise entry.fail(_message(error)) from error
        if existing is None and new is not None:
            new.append((entry, obj))
        elif existing is None:
            self._create(model, [(entry, obj)])
        elif changed:
            self._update(entry, obj)
        self.tally.created += existing is None
        self.tally.updated += bool(changed)
        self.tally.unchanged += existing is not None and not changed
        self.tally.counts[model._meta.verbose_name_plural] += 1
        return obj

    def _update(self, entry: Entry, obj) -> None:
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as error:
            self._explain([(entry, obj)], error)

    def _create(self, model, pairs: list) -> None:
        """Insert new records, with their history rows, in a few queries."""
        if not pairs:
            return
        objs = [obj for _, obj in pairs]
        try:
            with transaction.atomic():
                if hasattr(model._meta, "simple_history_manager_attribute"):
                    bulk_create_with_history(objs, model)
                else:
                    model.objects.bulk_create(objs)
        except IntegrityError as error:
            for obj in objs:
                obj.pk = None
            self._explain(pairs, error)

    @staticmethod
    def _explain(pairs: list, error: IntegrityError):
        """Name the record and the constraint the database refused, in the model's own words."""
        for entry, obj in pairs:
            try:
                obj.validate_unique()
                obj.validate_constraints()
            except ValidationError as reason:
                raise entry.fail(_message(reason)) from error
        raise pairs[0][0].fail(str(error)) from error

    def _upsert_simple(self, model, name: str, key_field: str, values_of) -> dict:
        entries = self.entries[name]
        existing = model.objects.in_bulk([e.key for e in entries], field_name=key_field)
        new = []
        for entry in entries:
            self._save(entry, model, existing.get(entry.key), values_of(entry), new=new)
        self._create(model, new)
        return dict(model.objects.values_list(key_field, "pk"))

    def _ref(self, entry: Entry, lookup: dict, name: str, key, what: str):
        if key is None or key == "":
            return None
        if key not in lookup:
            raise entry.fail(f"{name}: unknown {what} '{key}'")
        return lookup[key]

    def _refs(self, entry: Entry, lookup: dict, name: str, what: str) -> list:
        keys = entry.data.get(name) or []
        if not isinstance(keys, list):
            raise entry.fail(f"{name}: give a list")
        if len(set(map(str, keys))) != len(keys):
            raise entry.fail(f"{name}: lists the same {what} twice")
        return [self._ref(entry, lookup, name, key, what) for key in keys]

    @staticmethod
    def _text(entry: Entry, name: str) -> str:
        value = entry.data.get(name)
        return "" if value is None else str(value)

    def _country_values(self, e: Entry) -> dict:
        d = e.data
        return {"code": e.key, "name": self._text(e, "name"), "name_zh": self._text(e, "name_zh"),
                "region": d.get("region") or "", "aliases": self._text(e, "aliases")}  # fmt: skip

    def _office_values(self, e: Entry) -> dict:
        return {
            "slug": e.key,
            "acronym": self._text(e, "acronym"),
            "name": self._text(e, "name"),
            "name_zh": self._text(e, "name_zh"),
            "kind": e.data.get("kind") or "national",
            "country_id": self._ref(e, self.countries, "country", e.data.get("country"), "country"),
            "st3_code": self._text(e, "st3_code"),
            "aliases": self._text(e, "aliases"),
            "website": self._text(e, "website"),
        }

    def _person_values(self, e: Entry) -> dict:
        return {
            "slug": e.key,
            "name": self._text(e, "name"),
            "name_zh": self._text(e, "name_zh"),
            "title": self._text(e, "title"),
            "office_id": self._ref(e, self.offices, "office", e.data.get("office"), "office"),
        }

    def _grouping_values(self, e: Entry) -> dict:
        return {"slug": e.key, "name": self._text(e, "name"), "name_zh": self._text(e, "name_zh"),
                "description": self._text(e, "description")}  # fmt: skip

    def _topic_values(self, e: Entry) -> dict:
        return {"slug": e.key, "name": self._text(e, "name"), "name_zh": self._text(e, "name_zh")}

    def _upsert_documents(self) -> None:
        existing = Document.objects.in_bulk([e.key for e in self.documents], field_name="slug")
        seen = {}
        for e in self.documents:
            values = {
                "slug": e.key,
                "title": self._text(e, "title"),
                "publisher_id": self._ref(
                    e, self.offices, "publisher", e.data.get("publisher"), "office"
                ),
                "year": e.data.get("year"),
                "url": self._text(e, "url"),
            }
            if e.key in seen:
                if seen[e.key] != values:
                    raise e.fail("the same document is described differently in two files")
                continue
            seen[e.key] = values
            self._save(e, Document, existing.get(e.key), values)
        self.documents_by_slug = dict(Document.objects.values_list("slug", "pk"))
        self.document_years = dict(Document.objects.values_list("slug", "year"))

    def _upsert_passages(self) -> None:
        entries = self.entries["passages"]
        existing = {
            (p.document_id, p.ref): p
            for p in Passage.objects.filter(document_id__in=self.documents_by_slug.values())
        }
        new = []
        for e in entries:
            document_id = self.documents_by_slug[e.data["_document"]]
            values = {
                "document_id": document_id,
                "ref": e.key,
                "section": self._text(e, "section"),
                "heading": self._text(e, "heading"),
                "text": self._text(e, "text"),
                "is_caption": bool(e.data.get("is_caption", False)),
                "position": e.data["_position"],
            }
            self._save(e, Passage, existing.get((document_id, e.key)), values, new=new)
        self._create(Passage, new)
        self.passages = defaultdict(dict)
        for doc, ref, pk in Passage.objects.values_list("document__slug", "ref", "pk"):
            self.passages[doc][ref] = pk
        by_pk = {e: self.passages[e.data["_document"]][e.key] for e in entries}
        self._sync_m2m(
            Passage, "countries", entries, by_pk, self.countries, "country", by_entry=True
        )
        self._sync_m2m(Passage, "offices", entries, by_pk, self.offices, "office", by_entry=True)
        self._sync_m2m(
            Passage, "groupings", entries, by_pk, self.groupings, "grouping", by_entry=True
        )

    def _passage(self, e: Entry, name: str, ref, document: str | None = None):
        if ref is None or ref == "":
            return None
        document = document or e.data.get("_document") or self.default_document(e)
        return self._ref(e, self.passages[document], name, ref, "passage")

    def default_document(self, e: Entry) -> str:
        slugs = {d.key for d in self.documents if d.path == e.path} or {
            d.key for d in self.documents
        }
        if len(slugs) != 1:
            raise e.fail("cannot tell which document its passages belong to")
        return slugs.pop()

    def _upsert_figures(self) -> None:
        entries = self.entries["figures"]
        new = []
        existing = {
            (f.document_id, f.slug): f
            for f in Figure.objects.filter(document_id__in=self.documents_by_slug.values())
        }
        for e in entries:
            document = e.data["_document"]
            document_id = self.documents_by_slug[document]
            values = {
                "document_id": document_id,
                "slug": e.key,
                "label": self._text(e, "label"),
                "label_zh": self._text(e, "label_zh"),
                "value": e.data.get("value"),
                "qualifier": e.data.get("qualifier") or "exact",
                "unit": self._text(e, "unit"),
                "year": e.data.get("year") or self.document_years[document],
                "passage_id": self._passage(e, "passage", e.data.get("passage"), document),
                "counts_type": self._text(e, "counts_type"),
                "counts_kind": self._text(e, "counts_kind"),
                "position": e.data["_position"],
                "status": e.data.get("status") or Status.PUBLISHED,
            }
            self._save(e, Figure, existing.get((document_id, e.key)), values, new=new)
        self._create(Figure, new)

    # --- activities ----------------------------------------------------------------------------
    def _upsert_activities(self) -> None:
        """Each record through the write service, as the admin, the API and the import save it."""
        entries = self._occasions_first(self.entries["activities"])
        slugs = [e.key for e in entries]
        existing = {}
        for model in ACTIVITY_MODELS.values():
            for obj in model.objects.filter(slug__in=slugs):
                existing[obj.slug] = obj
        types = dict(Activity.objects.filter(slug__in=slugs).values_list("slug", "type"))
        self.activities = dict(Activity.objects.values_list("slug", "pk"))
        self.meetings = dict(Activity.objects.filter(type="meeting").values_list("slug", "pk"))
        for e in entries:
            if e.key in types and types[e.key] != e.label:
                raise e.fail(f"type: already stored as a {types[e.key]}")
            obj = existing.get(e.key) or ACTIVITY_MODELS[e.label]()
            fields, links = self._activity_values(e), self._activity_links(e)
            try:
                saved = services.save_activity(activity=obj, fields=fields, links=links)
            except ValidationError as error:
                raise e.fail(_message(error)) from error
            except DatabaseError as error:  # refused by the database, e.g. by a trigger
                raise e.fail(str(error).splitlines()[0]) from error
            self.tally.created += saved.created
            self.tally.updated += saved.changed and not saved.created
            self.tally.unchanged += not saved.changed
            self.tally.counts[obj._meta.verbose_name_plural] += 1
            self.activities[e.key] = obj.pk
            self._record_history(e, obj)
            if e.label == "meeting":
                self.meetings[e.key] = obj.pk

    def _record_history(self, e: Entry, obj) -> None:
        """An agreement's status changes, each with its passage: recorded once, in file order,
        through the agreement model's own write path (this module names no leaf app)."""
        changes = e.data.get("status_changes") or []
        if not changes:
            return
        if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
            raise e.fail(
                "status_changes: give a list of {status, date, passage or staff_reference}"
            )
        for change in changes:
            try:
                obj.record_seed_status_change(
                    status=str(change.get("status") or ""),
                    date=str(change.get("date") or ""),
                    passage_id=self._passage(e, "status_changes", change.get("passage")),
                    staff_reference=str(change.get("staff_reference") or ""),
                    note=str(change.get("note") or ""),
                )
            except ValidationError as error:
                raise e.fail(f"status_changes: {_message(error)}") from error

    def _activity_links(self, e: Entry) -> dict:
        """The file's parties, places, people and tags in the write service's terms."""
        behalf = e.data.get("on_behalf_of") or {}
        if not isinstance(behalf, dict):
            raise e.fail("on_behalf_of: give a mapping of office slug to whom it acted for")
        behalf = {
            self._ref(e, self.offices, "on_behalf_of", slug, "office"): str(whom)
            for slug, whom in behalf.items()
        }
        offices = [
            {"office": pk, "role": role, "on_behalf_of": behalf.get(pk, "")}
            for name, role in OFFICE_ROLES.items()
            for pk in self._refs(e, self.offices, name, "office")
        ]
        unlinked = set(behalf) - {row["office"] for row in offices}
        if unlinked:
            raise e.fail("on_behalf_of: names an office that is not linked to this record")
        other_passages = e.data.get("other_passages") or []
        if not isinstance(other_passages, list):
            raise e.fail("other_passages: give a list")
        links = {
            "offices": offices,
            "countries": [
                {"country": pk, "role": role}
                for name, role in COUNTRY_ROLES.items()
                for pk in self._refs(e, self.countries, name, "country")
            ],
            "people": [
                {"person": pk, "role": role}
                for name, role in PEOPLE_ROLES.items()
                for pk in self._refs(e, self.people, name, "person")
            ],
            "groupings": self._refs(e, self.groupings, "groupings", "grouping"),
            "topics": self._refs(e, self.topics, "topics", "topic"),
            "other_passages": [self._passage(e, "other_passages", ref) for ref in other_passages],
        }
        if e.label == "delegation":
            links["meetings"] = self._refs(e, self.meetings, "meetings", "meeting")
        if e.label == "agreement":
            links["implementing_activities"] = self._refs(
                e, self.activities, "implementing_activities", "activity"
            )
        return links

    def _occasions_first(self, entries: list[Entry]) -> list[Entry]:
        by_slug = {e.key: e for e in entries}
        ordered, done, visiting = [], set(), set()

        def visit(e: Entry) -> None:
            if e.key in done:
                return
            if e.key in visiting:
                raise e.fail(
                    "occasion: these records refer to each other in a loop (through occasion, "
                    "meetings, renews, extends, supersedes, implements or implementing_activities)"
                )
            visiting.add(e.key)
            # A record's occasion, the meetings it lists, the agreements it renews (or extends,
            # supersedes, implements) and the activities under it are saved before it.
            before_it = [e.data.get(name) for name in ("occasion", *AGREEMENT_RELATIONS)]
            for name in ("meetings", "implementing_activities"):
                before_it += e.data.get(name) or []
            for before in before_it:
                if before == e.key:
                    continue  # a record naming itself: the write path says why it may not
                if isinstance(before, str) and before in by_slug:
                    visit(by_slug[before])
            visiting.discard(e.key)
            done.add(e.key)
            ordered.append(e)

        for e in entries:
            visit(e)
        return ordered

    @staticmethod
    def _date(e: Entry, name: str):
        value = e.data.get(name)
        if value is None or value == "":
            return None, None, None
        if isinstance(value, datetime.date):
            value = value.isoformat()
        try:
            return dates.parse_partial(str(value))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise e.fail(_message(error)) from error
            raise e.fail(f"{name}: {_message(error)}") from error

    def _activity_values(self, e: Entry) -> dict:
        d = e.data
        if "date" not in d:
            raise e.fail("date: this field is required")
        year, month, day = self._date(e, "date")
        end_year, end_month, end_day = self._date(e, "end_date")
        values = {
            "type": e.label,  # save() sets it too, but the constraints are checked before saving
            "slug": e.key,
            "kind": self._text(e, "kind"),
            "title": self._text(e, "title"),
            "title_zh": self._text(e, "title_zh"),
            "summary": self._text(e, "summary").strip(),
            "year": year,
            "month": month,
            "day": day,
            "end_year": end_year,
            "end_month": end_month,
            "end_day": end_day,
            "city": self._text(e, "city"),
            "venue_country_id": self._ref(
                e, self.countries, "venue_country", d.get("venue_country"), "country"
            ),
            "occasion_id": self._ref(e, self.activities, "occasion", d.get("occasion"), "activity"),
            "passage_id": self._passage(e, "passage", d.get("passage")),
            "staff_reference": self._text(e, "staff_reference"),
            "status": d.get("status") or Status.PUBLISHED,
        }
        if e.label == "delegation":
            values |= {
                "purpose": self._text(e, "purpose").strip(),
                "members_count": d.get("members_count"),
            }
        elif e.label == "meeting":
            values |= {"series": self._text(e, "series"), "edition": d.get("edition"),
                       "outcomes": self._text(e, "outcomes").strip()}  # fmt: skip
        elif e.label == "training":
            values |= {"participants_count": d.get("participants_count"),
                       "participants_more_than": bool(d.get("participants_more_than", False))}  # fmt: skip
        elif e.label == "agreement":
            values |= {
                "entry_into_force": str(d.get("entry_into_force") or ""),
                "valid_until": str(d.get("valid_until") or ""),
                "term_years": d.get("term_years"),
                "automatic_renewal": d.get("automatic_renewal"),
            }
            for name in AGREEMENT_RELATIONS:
                values[f"{name}_id"] = self._ref(e, self.activities, name, d.get(name), "agreement")
        return values

    def _sync_m2m(self, model, name: str, entries, pks: dict, lookup, what: str, by_entry=False):
        """Set a plain many-to-many field (no history) to the file's list, in a few queries."""
        relation = model._meta.get_field(name)
        through = relation.remote_field.through
        source = relation.m2m_field_name() + "_id"
        target = relation.m2m_reverse_field_name() + "_id"
        wanted = set()
        for e in entries:
            owner = pks[e] if by_entry else pks[e.key]
            if lookup is None:  # passages of this activity's document
                keys = e.data.get(name) or []
                if not isinstance(keys, list):
                    raise e.fail(f"{name}: give a list")
                ids = [self._passage(e, name, ref) for ref in keys]
            else:
                ids = self._refs(e, lookup, name, what)
            wanted.update((owner, target_id) for target_id in ids)
        owners = {pks[e] if by_entry else pks[e.key] for e in entries}
        rows = through.objects.filter(**{f"{source}__in": owners}).values_list("pk", source, target)
        have = {(s, t): pk for pk, s, t in rows}
        stale = [pk for key, pk in have.items() if key not in wanted]
        if stale:
            through.objects.filter(pk__in=stale).delete()
        missing = [through(**{source: s, target: t}) for s, t in wanted if (s, t) not in have]
        through.objects.bulk_create(missing)
