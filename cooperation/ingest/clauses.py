"""Clauses: the parts of a sentence that each tell their own event, with their own month and
partners ("A work plan was renewed with X in February, and an arrangement was concluded with Y
in December" is two facts, one in February with X, one in December with Y).

A sentence is cut where a clause of its own begins ("; ", ", and ", ", while ", ", but ",
", whereas "), but only where the events found lie on both sides of the cut: a list of names
("A, B, and the C took part") is never cut, since no event starts after its last comma.
"""

import re

from . import when

# ("visited A and B: in X it signed …, and in Y …": each stop a clause of its own)
BREAK = re.compile(r";\s+|:\s+(?=[a-z])|,\s+(?:and|while|whereas|but)\s+")
# A part of the year longer than a month: "in the first quarter", "in the second half of the
# year", "later in the year", "in the course of the year" date by the year alone.
PART_OF_YEAR = (
    r"\b(?:in|during|over|throughout) the (?:first|second|third|fourth|last|final|latter|early)"
    r" (?:quarter|half|part|months)\b(?! of (?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b)"
    r"|\b(?:later|earlier) (?:in|that) year\b|\b(?:later|earlier) in the year\b"
    r"|\b(?:in|during|over) the course of the year\b"
)
PART_OF_YEAR_RE = re.compile(PART_OF_YEAR)
# A clause that dates itself by a year alone, or by no one month: no month from the others.
NO_MONTH = re.compile(
    r"\b(?:in|during|over|throughout) (?:the (?:whole )?)?(?:year|(?:19|20)\d\d)\b(?!-)"
    r"|\b(?:in|during|over) (?:the )?(?:early |late )?(?:spring|summer|autumn|fall|winter)\b"
    r"|\b(?:twice|several times|\w+ times)\b"
    r"|" + PART_OF_YEAR
)


def bounds(sentence: str, starts: list[int]) -> list[tuple[int, int]]:
    """The clauses of *sentence* (spans), cut only between the *starts* of events found in it."""
    cuts, last = [], 0
    for match in BREAK.finditer(sentence):
        if any(last <= s < match.start() for s in starts) and any(s >= match.end() for s in starts):
            cuts.append(match.end())
            last = match.end()
    edges = [0, *cuts, len(sentence)]
    return list(zip(edges, edges[1:], strict=False))


def months(sentence: str, spans: list[tuple[int, int]], *, year: int, told) -> list:
    """Each clause's date: the month it names; none where it names only a year or no one month;
    else the month of an earlier clause; else *told*, the date the sentence took from before it
    (or the year alone when the sentence's own month is in a later clause)."""
    dates = []
    for start, end in spans:
        clause = sentence[start:end]
        own = when.find(clause, year=year)
        if own.month is not None:
            dates.append(
                when.When(own.year, own.month, own.day, start + own.start, start + own.end)
            )
        elif NO_MONTH.search(clause) and len(spans) > 1:
            dates.append(when.When(own.year))
        else:
            earlier = next((d for d in reversed(dates) if d.month is not None), None)
            # (the day belongs to the clause that told it: "in A, on 14 May, it signed …, and in
            # B it signed …" dates the second to May alone)
            dates.append(when.When(earlier.year, earlier.month) if earlier else told)
    return dates


# "and the heads approved …", "adopted there", "on the same occasion": the parties of the clause
# before.
REFERS_BACK = re.compile(
    r"\b(?:the|both|their|its|whose) (?:\w+ )?(?:heads|sides|parties|offices|delegations)\b|\bthere\b"
    r"|\b(?:at|during|on) (?:the|this|that) (?:meeting|occasion|visit|same occasion)\b|\bthem\b"
    # "and a seminar was held alongside it": the event of the clause before, with its partners
    r"|\b(?:alongside|with) it\b|\bin tandem\b"
)


# "has been agreed in principle and will be arranged", "was postponed", "is planned for": not
# done in the year told ("…, which will run for two years" describes a thing done).
NOT_YET = re.compile(
    r"\b(?:will|shall)\s+(?:be\s+|now\s+)?\w+"
    r"|\b(?:has|have|had) been agreed in principle\b"
    r"|\b(?:is|are|was|were|has been|have been) (?:planned|scheduled|foreseen|expected|postponed|"
    r"cancell?ed|to be held)\b|\bplans? to\b|\bintends? to\b"
    r"|\b(?:is|are|was|were) (?:preparing|negotiating|planning)\b|\bto be (?:launched|signed|held|concluded)\b"
    # "is to be hosted by X in <next year>", "is under preparation": any deed still to come.
    r"|\b(?:is|are) to be \w+ed\b|\b(?:is|are) (?:under|in) preparation\b"
    # "agreed to hold the next heads meeting in <place>": a meeting to come
    r"|\bagreed to (?:hold|host|convene|organi[sz]e)\b|\bthe next (?:[\w-]+ ){0,3}?(?:meeting|session|round)\b"
)


def not_yet(sentence: str, span: tuple[int, int]) -> bool:
    """Whether the clause *span* of *sentence* tells something planned, not done."""
    # (what a relative clause says of the thing done is not the thing: "…, which is to be
    # launched in 2021")
    told = RELATIVE.sub("", sentence[span[0] : span[1]])
    return bool(NOT_YET.search(told))


RELATIVE = re.compile(r",?\s+(?:which|that|who)\b[^,;]*")
