"""Partial dates: a year, a year and month, or a full day, shown exactly as precise as known."""

import calendar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YEAR, MONTH, DAY = "year", "month", "day"


def precision(year: int | None, month: int | None, day: int | None) -> str:
    if day is not None:
        return DAY
    if month is not None:
        return MONTH
    return YEAR


def format_partial(year: int | None, month: int | None, day: int | None) -> str:
    """Return '2017', '2017-05' or '2017-05-14'; never invent a month or a day."""
    if year is None:
        return ""
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


def parse_partial(text: str) -> tuple[int, int | None, int | None]:
    """Parse '2017', '2017-05' or '2017-05-14' into (year, month, day), validating each part."""
    parts = (text or "").strip().split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValidationError(_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."), code="invalid")
    numbers = [int(p) for p in parts] + [None] * (3 - len(parts))
    validate_partial(*numbers)
    return numbers[0], numbers[1], numbers[2]


def validate_partial(year: int | None, month: int | None, day: int | None, field: str = "") -> None:
    prefix = f"{field}_" if field else ""
    if year is None and (month is not None or day is not None):
        raise ValidationError({f"{prefix}year": _("A month or day needs a year.")})
    if day is not None and month is None:
        raise ValidationError({f"{prefix}day": _("A day needs a month.")})
    if month is not None and not 1 <= month <= 12:
        raise ValidationError({f"{prefix}month": _("Month must be between 1 and 12.")})
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValidationError(
                {
                    f"{prefix}day": _("%(y)04d-%(m)02d has no day %(d)d.")
                    % {"y": year, "m": month, "d": day}
                }
            )


def sort_key(year: int | None, month: int | None, day: int | None) -> tuple[int, int, int]:
    return (year or 0, month or 0, day or 0)
