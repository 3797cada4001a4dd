"""Saving a reading and reviewing its proposals: the only writes of cooperation.ingest.

Reading the same text again changes nothing: the document, passages and proposals are keyed by
the title, the passage's place and the fact's words. Accepting makes a draft record through
cooperation.services.save_activity, like any other save; nothing here publishes.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import caching, coverage, services
from ..models import (
    Activity,
    ActivityType,
    Country,
    Document,
    Figure,
    Grouping,
    Office,
    OfficeKind,
    PartyRole,
    Passage,
    Person,
    PersonRole,
    Proposal,
    ProposalStatus,
    Status,
)
from ..proposals import FIGURE
from . import gazetteer as names
from . import read

MAX_BYTES = 2_000_000  # a chapter is some 30 kB; a whole report's text stays far below this
# Function words that any English prose is full of; a text without them is not English.
ENGLISH_WORDS = {"the", "and", "of", "in", "to", "with", "a", "on", "for", "was", "were"}


@dataclass
class Ingested:
    document: Document
    passages_created: int
    proposals_created: int
    proposals: list


def decode(raw: bytes, *, field: str = "file") -> str:
    """The text of an upload, or a ValidationError naming *field* that says what is wrong."""
    if not raw or not raw.strip():
        raise ValidationError({field: _("The text is empty.")})
    if len(raw) > MAX_BYTES:
        raise ValidationError(
            {field: _("The text is %(size)s MB; a report chapter is at most 2 MB of text.")
             % {"size": f"{len(raw) / 1_000_000:.1f}"}}
        )  # fmt: skip
    if b"\x00" in raw[:8192]:
        raise ValidationError(
            {field: _("This is a binary file; upload the chapter as plain text (.txt).")}
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            {field: _("This is not UTF-8 text; save the chapter as UTF-8 plain text (.txt).")}
        ) from error
    check_text(text, field=field)
    return text


def check_text(text: str, *, field: str = "text") -> None:
    if not text.strip():
        raise ValidationError({field: _("The text is empty.")})
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValidationError(
            {field: _("The text is longer than 2 MB; a report chapter is far shorter.")}
        )
    control = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t")
    if control > len(text) / 100:
        raise ValidationError(
            {field: _("This is a binary file; upload the chapter as plain text (.txt).")}
        )
    words = re.findall(r"[^\W\d_]+", text.lower())
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    if len(words) < 5 or english < len(words) * 0.05:
        raise ValidationError(
            {
                field: _(
                    "This text does not read as English; the rules read the English edition of the report."
                )
            }
        )


@transaction.atomic
def ingest(*, text: str, title: str, year: int, url: str = "") -> Ingested:
    """Save *text*'s passages and proposals under the document *title* (created if new)."""
    check_text(text)
    if not title.strip():
        raise ValidationError({"document": _("Give the document's title.")})
    if not 1883 <= year <= 2200:
        raise ValidationError({"year": _("Year must be between 1883 and 2200.")})
    gazetteer = names.from_database()
    reading = read.read(text, gazetteer=gazetteer, year=year)
    try:
        publisher = Office.objects.get(slug=settings.HOME_OFFICE)
    except Office.DoesNotExist as error:
        raise ValidationError(
            {
                "document": _("The home office '%(slug)s' is not in the database.")
                % {"slug": settings.HOME_OFFICE}
            }
        ) from error
    document, _created = Document.objects.get_or_create(
        slug=slugify(title)[:80],
        defaults={"title": title.strip(), "publisher": publisher, "year": year, "url": url},
    )
    if document.year != year:
        raise ValidationError(
            {
                "year": _("“%(title)s” is the report for %(year)s.")
                % {"title": document.title, "year": document.year}
            }
        )
    before = document.proposals.count()
    hits = {p.ref: gazetteer.find(p.text) for p in reading.passages}
    _add_states(reading, hits, gazetteer)
    # One raise of the data version for the whole chapter, not one for each row and link.
    with coverage.paused():
        stored = _store_passages(document, reading.passages, hits, gazetteer)
        saved = _store_proposals(document, reading.proposals, stored)
    created = document.proposals.count() - before
    if stored["created"] or created:
        caching.bump()
    return Ingested(document, stored["created"], created, saved)


def _countries_named(hits, gazetteer) -> set[str]:
    """The countries a passage names: by name, or as an office's country."""
    return {gazetteer.country_of(h) for h in hits if h.kind in ("country", "office")}


def _add_states(reading, hits: dict, gazetteer) -> None:
    """The states a chapter names that the database does not hold yet (Kenya, say), added from
    the gazetteer's world list so that its proposals and passages keep them as partners and
    places; like any country, one is public only once a published record or a passage names it."""
    named = set()
    for proposal in reading.proposals:
        named |= set(proposal.countries) | {proposal.venue_country}
    for found in hits.values():
        named |= _countries_named(found, gazetteer)
    for code in sorted(named & gazetteer.unheld):
        country = Country(code=code, **gazetteer.world[code])
        try:
            country.full_clean()
        except ValidationError:
            continue  # a name the database holds under another code: left out, as before
        country.save()


def _store_passages(document, passages, hits: dict, gazetteer) -> dict:
    existing = {p.ref: p for p in document.passages.all()}
    stored, created = {}, 0
    offices = {o.slug: o for o in Office.objects.all()}
    countries = {c.code: c for c in Country.objects.all()}
    groupings = {g.slug: g for g in Grouping.objects.all()}
    for passage in passages:
        row = existing.get(passage.ref)
        if row is None:
            row = Passage.objects.create(
                document=document, ref=passage.ref, section=passage.section[:20] or "—",
                heading=passage.heading[:200], text=passage.text, is_caption=passage.is_caption,
                position=passage.position,
            )  # fmt: skip
            found = hits[passage.ref]
            _link(row.countries, countries, _countries_named(found, gazetteer))
            _link(row.offices, offices, {h.key for h in found if h.kind == "office"})
            _link(row.groupings, groupings, {h.key for h in found if h.kind == "grouping"})
            created += 1
        stored[passage.ref] = row
    stored["created"] = created
    return stored


def _link(related, known: dict, keys) -> None:
    """Link a new row to the known objects of *keys*; no query where there is none."""
    objects = [known[k] for k in dict.fromkeys(keys) if k in known]
    if objects:
        related.add(*objects)


def _store_proposals(document, proposals, stored) -> list:
    existing = {p.key: p for p in document.proposals.all()}
    rows_by_key = {}
    countries = {c.code: c for c in Country.objects.all()}
    offices = {o.slug: o for o in Office.objects.all()}
    for position, proposal in enumerate(proposals, start=1):
        # A key the chapter gives twice is one fact told twice: the first row holds it.
        row = existing.get(proposal.key) or rows_by_key.get(proposal.key)
        if row is None:
            row = Proposal.objects.create(
                document=document, key=proposal.key, position=position, type=proposal.type,
                kind=proposal.kind, title=proposal.title[:400], year=proposal.year,
                month=proposal.month, day=proposal.day, direction=proposal.direction,
                city=proposal.city[:100], venue_country=countries.get(proposal.venue_country),
                people=proposal.people, unknown_names=proposal.unknown_names, quote=proposal.quote,
                passage=stored[proposal.passage.ref], matches=proposal.matches,
                figure_value=proposal.figure_value, figure_qualifier=proposal.figure_qualifier,
                figure_unit=proposal.figure_unit[:60],
            )  # fmt: skip
            _link(row.offices, offices, proposal.offices)
            _link(row.countries, countries, proposal.countries)
            if proposal.other_passages:
                row.other_passages.add(*[stored[p.ref] for p in proposal.other_passages])
        rows_by_key[proposal.key] = row
    for proposal in proposals:
        row = rows_by_key[proposal.key]
        if (
            proposal.occasion is not None
            and row.occasion_id is None
            and proposal.occasion.key in rows_by_key
        ):
            row.occasion = rows_by_key[proposal.occasion.key]
            row.save(update_fields=["occasion"])
    return list(rows_by_key.values())


# --- review --------------------------------------------------------------------------------


def activity_model(activity_type: str):
    """The leaf app's model for *activity_type*, found through the app registry."""
    for model in apps.get_models():
        if issubclass(model, Activity) and getattr(model, "activity_type", "") == activity_type:
            return model
    raise LookupError(activity_type)


def _roles(proposal: Proposal) -> tuple[str, str]:
    """(role of the home office, role of the partners) for the proposal's type and direction."""
    if proposal.type == ActivityType.AGREEMENT:
        return PartyRole.PARTY, PartyRole.PARTY
    if proposal.type == ActivityType.DELEGATION:
        if proposal.kind == "incoming":
            return PartyRole.HOST, PartyRole.PARTICIPANT
        return "", PartyRole.VISITED
    if proposal.type == ActivityType.TRAINING:
        return PartyRole.ORGANIZER, PartyRole.BENEFICIARY
    return PartyRole.PARTICIPANT, PartyRole.PARTICIPANT


def _links(proposal: Proposal) -> dict:
    home_role, partner_role = _roles(proposal)
    offices = []
    home = Office.objects.filter(slug=settings.HOME_OFFICE).first()
    if home_role and home is not None:
        offices.append({"office": home, "role": home_role})
    offices += [{"office": o, "role": partner_role} for o in proposal.offices.all() if o != home]
    countries = [{"country": c, "role": partner_role} for c in proposal.countries.all()]
    wanted = {p.get("person") for p in proposal.people if p.get("person")}
    role = PersonRole.LEADER if proposal.type == ActivityType.DELEGATION else PersonRole.PARTICIPANT
    people = [{"person": p, "role": role} for p in Person.objects.filter(slug__in=wanted)]
    return {
        "offices": offices, "countries": countries, "people": people,
        "other_passages": list(proposal.other_passages.all()),
    }  # fmt: skip


def _unique_slug(base: str) -> str:
    base = slugify(base)[:100] or "record"
    slug, n = base, 1
    while Activity.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _reviewed(proposal: Proposal, status: str, user) -> None:
    proposal.status, proposal.reviewed_by, proposal.reviewed_at = status, user, timezone.now()


@transaction.atomic
def accept(*, proposal: Proposal, user=None) -> Proposal:
    """Make *proposal* a draft record (or draft figure) through the rules of any save."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(_("This proposal has been reviewed already."))
    if proposal.type == FIGURE:
        figure = Figure.objects.create(
            document=proposal.document, slug=_figure_slug(proposal), label=proposal.title[:250],
            value=proposal.figure_value or 0, qualifier=proposal.figure_qualifier or "exact",
            unit=proposal.figure_unit or "items", year=proposal.year, passage=proposal.passage,
            status=Status.DRAFT,
        )  # fmt: skip
        proposal.figure = figure
    else:
        model = activity_model(proposal.type)
        occasion = (
            proposal.occasion.activity
            if proposal.occasion_id and proposal.occasion.activity_id
            else None
        )
        fields = {
            "kind": proposal.kind, "title": proposal.title, "year": proposal.year,
            "month": proposal.month, "day": proposal.day, "city": proposal.city,
            "venue_country": proposal.venue_country, "passage": proposal.passage,
            "slug": _unique_slug(f"{proposal.title}-{proposal.year}"), "status": Status.DRAFT,
            "occasion": occasion,
        }  # fmt: skip
        saved = services.save_activity(
            activity=model(),
            fields=fields,
            links=_links(proposal),
            user=user,
            reason=_("Accepted from a proposal"),
        )
        proposal.activity_id = saved.activity.pk
    _reviewed(proposal, ProposalStatus.ACCEPTED, user)
    proposal.save()
    return proposal


def _figure_slug(proposal: Proposal) -> str:
    base = slugify(f"{proposal.figure_value}-{proposal.figure_unit}")[:70] or "figure"
    slug, n = base, 1
    while Figure.objects.filter(document=proposal.document, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def reject(*, proposal: Proposal, user=None) -> Proposal:
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(_("This proposal has been reviewed already."))
    _reviewed(proposal, ProposalStatus.REJECTED, user)
    proposal.save()
    return proposal


def look_alikes(proposal: Proposal):
    """Records that look the same: same type, kind, year and month, and the same partner offices."""
    if proposal.type == FIGURE:
        return Activity.objects.none()
    wanted = {o.pk for o in proposal.offices.all()} - set(
        Office.objects.filter(slug=settings.HOME_OFFICE).values_list("pk", flat=True)
    )
    candidates = Activity.objects.filter(
        type=proposal.type, kind=proposal.kind, year=proposal.year, month=proposal.month
    ).prefetch_related("involvements")
    home = settings.HOME_OFFICE
    return [
        a for a in candidates
        if {i.office_id for i in a.involvements.all() if i.office.slug != home} == wanted
    ]  # fmt: skip


@transaction.atomic
def merge(*, proposal: Proposal, activity: Activity, user=None) -> Proposal:
    """Cite the proposal's passages on *activity*, which already records the fact."""
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(_("This proposal has been reviewed already."))
    record = activity.specific()
    current = set(record.other_passages.values_list("pk", flat=True))
    cited = {proposal.passage_id, *proposal.other_passages.values_list("pk", flat=True)} - {
        record.passage_id
    }
    if cited - current:
        services.save_activity(
            activity=record,
            links={"other_passages": sorted(current | cited)},
            user=user,
            reason=_("Merged from a proposal"),
        )
    proposal.activity = activity
    _reviewed(proposal, ProposalStatus.MERGED, user)
    proposal.save()
    return proposal


@transaction.atomic
def create_office(*, proposal: Proposal, name: str) -> Office:
    """An office for a name the database did not know, linked to the proposal."""
    if name not in proposal.unknown_names:
        raise ValidationError({"name": _("This proposal names no such organization.")})
    acronym = (
        re.search(
            r"\(([A-Z]{2,10})\)", proposal.quote[proposal.quote.find(name) :][: len(name) + 15]
        )
        or [None, ""]
    )[1]
    office = Office.objects.filter(name__iexact=name).first()
    if office is None:
        base = slugify(acronym or name)[:70] or "office"
        slug, n = base, 1
        while Office.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        office = Office(slug=slug, name=name, acronym=acronym, kind=OfficeKind.OTHER)
        office.full_clean()
        office.save()
    proposal.offices.add(office)
    proposal.unknown_names = [n for n in proposal.unknown_names if n != name]
    proposal.save(update_fields=["unknown_names"])
    return office
