"""Proposals in the API's record shape, for tools that score them."""

from ..models import Proposal
from ..proposals import FIGURE


def records(proposals: list[Proposal]) -> list[dict]:
    """Events only (figures are not records): type, kind, date, direction, offices, countries,
    people and quote."""
    found = []
    for proposal in proposals:
        if proposal.type == FIGURE:
            continue
        found.append({
            "type": proposal.type,
            "kind": proposal.kind,
            "title": proposal.title,
            "date": proposal.date,
            "direction": proposal.direction,
            "offices": [
                {"office": o.acronym or o.slug, "slug": o.slug,
                 "country": o.country.code if o.country_id else None}
                for o in proposal.offices.select_related("country")
            ],
            "countries": sorted(c.code for c in proposal.countries.all()),
            "people": proposal.people,
            "city": proposal.city,
            "quote": proposal.quote,
            "passage": proposal.passage.ref,
        })  # fmt: skip
    return found
