"""Text in, passages and proposals out: the whole reading, without touching the database."""

from dataclasses import dataclass

from . import build, passages
from .gazetteer import Gazetteer


@dataclass
class Reading:
    passages: list
    proposals: list  # events first, in reading order, then headline figures


def read(text: str, *, gazetteer: Gazetteer, year: int) -> Reading:
    found = passages.split(text)
    gazetteer.define_acronyms(text)
    try:
        proposals = build.propose(found, gazetteer=gazetteer, year=year)
    finally:
        gazetteer.defined, gazetteer.defined_country = {}, {}
    proposals.sort(key=lambda p: (p.passage.position, p.start))
    return Reading(found, proposals + build.figures(found, year=year))
