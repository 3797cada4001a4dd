"""How well the proposals for a chapter match the records staff curated from it by hand.

A proposal is right when its type, kind, month and partner set match a curated record not yet
matched. Of the wrong ones, a proposal that would be right but for its month is a month error,
one that would be right but for its partners a partner error.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from . import when
from .build import Proposal, partner_keys
from .gazetteer import Gazetteer

# The curated fixture's keys for the offices and countries linked to a record, whatever the role.
OFFICE_KEYS = (
    "parties",
    "hosts",
    "participants",
    "visited",
    "organizers",
    "partners",
    "beneficiaries",
    "facilitators",
)
COUNTRY_KEYS = (
    "party_countries",
    "host_countries",
    "participant_countries",
    "visited_countries",
    "organizer_countries",
    "partner_countries",
    "beneficiary_countries",
)


@dataclass
class Curated:
    type: str
    kind: str
    month: int | None
    partners: frozenset
    slug: str
    offices: frozenset = frozenset()  # the exact offices, to prefer the closest twin


@dataclass
class Score:
    rows: list = field(default_factory=list)  # (type, kind, curated, proposed, right)
    month_errors: int = 0
    partner_errors: int = 0
    invented_dates: int = 0
    quotes_not_verbatim: int = 0
    proposed: int = 0
    curated: int = 0
    right: int = 0
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.right / self.curated if self.curated else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 0.0


def curated_records(
    activities: list[dict], gazetteer: Gazetteer, new_offices: list[dict] = ()
) -> list[Curated]:
    """The curated records' keys; `new_offices` are those the curated file adds to the database.

    An office the database lacks is compared by the country the curated file gives it, as any
    office is: left out, a record with a partner would wrongly match a proposal with none.
    """
    country_of = {office["slug"]: office.get("country") for office in new_offices}
    records = []
    for entry in activities:
        offices = [slug for key in OFFICE_KEYS for slug in entry.get(key) or []]
        countries = [code for key in COUNTRY_KEYS for code in entry.get(key) or []]
        for slug in offices:
            if slug not in gazetteer.offices and slug in country_of:
                countries.append(country_of[slug] or slug)
        date = str(entry.get("date", ""))
        month = int(date.split("-")[1]) if date.count("-") >= 1 else None
        records.append(
            Curated(
                entry["type"],
                entry["kind"],
                month,
                partner_keys(gazetteer, offices, countries),
                entry.get("slug", ""),
                frozenset(offices) - {gazetteer.home_office},
            )
        )
    return records


def _twin(proposal: Proposal, unmatched: list[Curated], gazetteer: Gazetteer, *, exact: bool):
    # A state the database does not hold yet counts: storage adds it (store._add_states).
    partners = proposal.partner_keys(gazetteer)
    offices = frozenset(proposal.offices) - {gazetteer.home_office}
    for record in unmatched:
        if (record.type, record.kind, record.month, record.partners) != (
            proposal.type,
            proposal.kind,
            proposal.month,
            partners,
        ):
            continue
        if not exact or record.offices == offices:
            return record
    return None


def score(proposals: list[Proposal], curated: list[Curated], gazetteer: Gazetteer) -> Score:
    result = Score()
    events = [p for p in proposals if p.type != "figure"]
    result.proposed, result.curated = len(events), len(curated)
    unmatched = list(curated)
    by_kind_curated = Counter((c.type, c.kind) for c in curated)
    by_kind_proposed = Counter((p.type, p.kind) for p in events)
    by_kind_right: Counter = Counter()
    # Twins with the very same offices first, so that a visit from JETRO is not counted as the
    # one from the Japan Patent Office (both Japan's), then by country.
    pending = list(events)
    for exact in (True, False):
        left = []
        for proposal in pending:
            twin = _twin(proposal, unmatched, gazetteer, exact=exact)
            if twin is None:
                left.append(proposal)
                continue
            unmatched.remove(twin)
            by_kind_right[(proposal.type, proposal.kind)] += 1
        pending = left
    wrong = pending
    for proposal in wrong:
        partners = proposal.partner_keys(gazetteer)
        same = [c for c in unmatched if (c.type, c.kind) == (proposal.type, proposal.kind)]
        if any(c.partners == partners for c in same):
            result.month_errors += 1
        elif any(c.month == proposal.month for c in same):
            result.partner_errors += 1
    for proposal in proposals:
        result.invented_dates += _invented(proposal)
        if proposal.quote not in proposal.passage.text:
            result.quotes_not_verbatim += 1
    result.right = sum(by_kind_right.values())
    for kind in sorted(set(by_kind_curated) | set(by_kind_proposed)):
        result.rows.append(
            (*kind, by_kind_curated[kind], by_kind_proposed[kind], by_kind_right[kind])
        )
    result.missed, result.wrong = unmatched, wrong
    return result


def _invented(proposal: Proposal) -> int:
    """1 if the proposal's month or day is not written in its own quote."""
    if proposal.month is None:
        return 0
    named = re.search(rf"\b{when.MONTHS[proposal.month - 1]}\b", proposal.quote)
    if not named:
        return 1
    if proposal.day is not None and not re.search(rf"\b{proposal.day}\b", proposal.quote):
        return 1
    return 0


def table(result: Score) -> str:
    lines = [
        "| type | kind | curated | proposed | right | recall | precision |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for type_, kind, curated, proposed, right in result.rows:
        recall = f"{right / curated:.0%}" if curated else "–"
        precision = f"{right / proposed:.0%}" if proposed else "–"
        lines.append(
            f"| {type_} | {kind} | {curated} | {proposed} | {right} | {recall} | {precision} |"
        )
    lines.append(
        f"| **all events** | | {result.curated} | {result.proposed} | {result.right} | "
        f"**{result.recall:.0%}** | **{result.precision:.0%}** |"
    )
    lines.append("")
    lines.append(
        f"Month errors: {result.month_errors}. Partner errors: {result.partner_errors}. "
        f"Invented months or days: {result.invented_dates}. Quotes not verbatim: {result.quotes_not_verbatim}."
    )
    return "\n".join(lines)
