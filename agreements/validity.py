"""An agreement's life after signing: partial dates of validity, and what is derived from them.

Dates stay as precise as the source ("2019", "2019-06" or "2019-06-30"); where a query needs a day,
a partial start counts from its first possible day and a partial end to its last, so that "in force
on" means "may be in force on", and a year-only expiry is never moved to January.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cooperation import dates

# As for an activity's year: the Paris Convention's year to a distant but possible end of term.
FIRST_YEAR, LAST_YEAR = 1883, 2200


def _parse_stored(text: str) -> tuple[int, int | None, int | None]:
    parts = dates.parse_partial(text)
    if not FIRST_YEAR <= parts[0] <= LAST_YEAR:
        raise ValidationError(
            _("The year must be between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return parts


def parse(text: str, field: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a partial date typed in *field*, None when empty."""
    if not (text or "").strip():
        return None
    try:
        return _parse_stored(text)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


def first_day(parts) -> datetime.date | None:
    """The first day a partial date may be; None for none, or for an impossible date (which the
    record's own checks, or the database's, refuse with their message)."""
    if parts is None:
        return None
    year, month, day = parts
    try:
        return datetime.date(year, month or 1, day or 1)
    except (ValueError, TypeError):
        return None


def last_day(parts) -> datetime.date | None:
    """The last day a partial date may be; None as for first_day()."""
    if parts is None:
        return None
    year, month, day = parts
    try:
        month = month or 12
        return datetime.date(year, month, day or calendar.monthrange(year, month)[1])
    except (ValueError, TypeError, calendar.IllegalMonthError):
        return None


def add_years(parts, years: int):
    """'2015-06' plus 5 years is '2020-06'; 29 February falls back to the 28th."""
    if parts is None:
        return None
    year, month, day = parts
    year += years
    if day is not None:
        day = min(day, calendar.monthrange(year, month)[1])
    return year, month, day


def expiry_parts(*, valid_until: str, term_years: int | None, entry_into_force: str, signed):
    """The end of validity: stated, else the entry into force (else *signed*) plus the term."""
    stated = parse(valid_until, "valid_until")
    if stated or not term_years:
        return stated
    return add_years(parse(entry_into_force, "entry_into_force") or signed, term_years)


def text(parts) -> str:
    return dates.format_partial(*parts) if parts else ""


def row_expiry(row: dict) -> str:
    """The end of validity of an agreement read as a row of values (the read path, downloads):
    as Agreement.expiry gives it; empty when unknown or stored before the rules refused it."""
    signed = (row["year"], row["month"], row["day"]) if row["year"] else None
    try:
        return text(expiry_parts(
            valid_until=row["valid_until"], term_years=row["term_years"],
            entry_into_force=row["entry_into_force"], signed=signed,
        ))  # fmt: skip
    except (ValueError, ValidationError):
        return ""


def key(parts) -> int:
    """Orders partial dates as the timeline shows them: a year-only date after its dated items."""
    if parts is None:
        return 0
    year, month, day = parts
    return year * 10000 + (month or 99) * 100 + (day or 99)


def as_bounds(value: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day that a filter value ('2018', '2018-06' or '2018-06-30') covers."""
    parts = dates.parse_partial(value)
    return first_day(parts), last_day(parts)


def validate_text(value: str) -> None:
    """Field validator: empty, or a partial date."""
    if value and value.strip():
        try:
            _parse_stored(value)
        except ValidationError as error:  # a field's validator names no field
            raise ValidationError(error.messages) from error


def check_order(earlier, later, *, field: str, message) -> None:
    """Refuse *later* when it is certainly before *earlier* (compared at their common precision)."""
    if earlier is None or later is None:
        return
    size = min(len([p for p in earlier if p is not None]), len([p for p in later if p is not None]))
    if tuple(later[:size]) < tuple(earlier[:size]):
        raise ValidationError({field: message})


END_BEFORE_START = _("The end of validity cannot be before the entry into force.")
