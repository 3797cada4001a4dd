"""Months and days, only as precise as the text says: a sentence without a month has none."""

import re
from dataclasses import dataclass

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_MONTH = "|".join(MONTHS)
# "14 May", "May 14", "14-16 May", "May 14-16": a day only with its month, next to it.
# ("from 12 to 16 September", "between 5 and 9 May": the first day)
# ("5th May", "May 5th": the day with its ordinal ending)
DAY_FIRST = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*(?:[-–]|to|and)\s*[0-3]?\d(?:st|nd|rd|th)?)?"
    rf"\s+(?:of\s+)?(?P<month>{_MONTH})\b"
)
DAY_AFTER = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d)?\b"
    rf"(?!\s*(?:th|st|nd|rd)\b)(?!\s+(?:\w+\s+)?(?:meeting|session|edition)s?\b)"
)
MONTH = re.compile(rf"\b(?P<month>{_MONTH})\b(?:\s+(?P<year>(?:19|20)\d\d))?")
YEAR_LEAD = re.compile(r"^\s*(?:In|By|During)\s+(?P<year>(?:19|20)\d\d)\b")
# "May" is also a verb: as a month it follows a preposition, starts a sentence, or has a day.
MAY_AS_MONTH = re.compile(
    r"(?:\b(?:In|in|On|on|of|Since|since|until|Until|From|from|to|Between|between|early|late|mid-?)\s+|^)May\b|\bMay\s+[0-3]?\d\b|[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?May\b|\(May\)"
)


@dataclass(frozen=True)
class When:
    year: int
    month: int | None = None
    day: int | None = None
    start: int = -1  # span of the words that gave the month, for highlighting
    end: int = -1


def find(sentence: str, *, year: int) -> When:
    """The first date that *sentence* names; *year* where it names no year of its own."""
    days = [
        match
        for pattern in (DAY_FIRST, DAY_AFTER)
        for match in pattern.finditer(sentence)
        if _is_month(sentence, match.start("month"))
        and not _other_year(sentence, match, year)
        and not IN_FORCE.search(sentence, 0, match.start())
    ]
    day = min(days, key=lambda m: m.start("month"), default=None)
    for match in MONTH.finditer(sentence):
        if not _is_month(sentence, match.start()) or IN_FORCE.search(sentence, 0, match.start()):
            continue
        if day is not None and day.start("month") <= match.start():
            break
        # "signed in March, and the pilot started on 1 June": the first date told is the event's.
        named_year = int(match["year"]) if match["year"] else year
        if named_year > year:
            # ("… and agreed to launch the pilot in January <next year>": a plan's date)
            continue
        return When(named_year, MONTHS.index(match["month"]) + 1, None, *match.span())
    if day is not None:
        # ("On 5th May": the month, and the day only where it is written as a number alone, as
        # a quote is checked for it)
        ordinal = re.match(r"\d+(?:st|nd|rd|th)", sentence[day.start("day") :])
        number = None if ordinal else int(day["day"])
        return When(year, MONTHS.index(day["month"]) + 1, number, *day.span())
    lead = YEAR_LEAD.match(sentence)
    if lead:
        return When(int(lead["year"]), None, None, *lead.span("year"))
    return When(year)


# "(RCEP), which entered into force on 1 January", "which took effect on 1 December": the day a
# document binds, not the day of the event told.
IN_FORCE = re.compile(
    r"\b(?:(?:(?:enter(?:ed|s)?|c[ao]me|comes) into|in) (?:force|effect)|t(?:ook|akes?|aking) effect"
    r"|(?:became|becomes|become) effective|effective) (?:on|from|since|in|as of)\s+(?:[0-3]?\d\s+)?$"
)
OF_YEAR = re.compile(r",?\s+((?:19|20)\d\d)\b")


def _other_year(sentence: str, match: re.Match, year: int) -> bool:
    """'from 1 January 2023' in a 2022 report dates something to come, not the event told."""
    written = OF_YEAR.match(sentence, match.end())
    return bool(written) and int(written[1]) != year


# "By the end of June, X had signed …", "until 30 June": a bound, not the month of the event.
BOUND = re.compile(
    r"\b(?:[Bb]y|[Uu]ntil|[Tt]ill) (?:the (?:end|middle) of )?(?:early |mid-|late )?"
    r"(?:[0-3]?\d(?:st|nd|rd|th)? (?:of )?)?$"
)


def _is_month(sentence: str, start: int) -> bool:
    if BOUND.search(sentence, max(0, start - 30), start):
        return False
    if not sentence.startswith("May", start):
        return True
    return any(
        m.end() == start + 3 or m.start() <= start < m.end()
        for m in MAY_AS_MONTH.finditer(sentence)
    )
