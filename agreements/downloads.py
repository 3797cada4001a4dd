"""The catalogue's downloads of agreements carry their validity, beside the columns every record
has (cooperation/exports.py): what the source says, as precise as it says it."""

from django.core.exceptions import ValidationError

from . import validity
from .models import Agreement, ValidityStatus

COLUMNS = (
    "validity_status",
    "entry_into_force",
    "valid_until",
    "term_years",
    "automatic_renewal",
    "expiry",
)
_RENEWAL = {True: "yes", False: "no", None: ""}


def validity_columns(ids: list[int]) -> dict[int, dict]:
    """The validity columns of the agreements *ids*, by id: one query."""
    rows = Agreement.objects.filter(pk__in=ids).order_by().values(
        "pk", "validity_status", "entry_into_force", "valid_until", "term_years",
        "automatic_renewal", "year", "month", "day",
    )  # fmt: skip
    found = {}
    for row in rows:
        signed = (row["year"], row["month"], row["day"]) if row["year"] else None
        try:
            expiry = validity.text(validity.expiry_parts(
                valid_until=row["valid_until"], term_years=row["term_years"],
                entry_into_force=row["entry_into_force"], signed=signed,
            ))  # fmt: skip
        except (ValueError, ValidationError):  # a stored date the form would refuse
            expiry = ""
        found[row["pk"]] = {
            "validity_status": ValidityStatus(row["validity_status"]).value,
            "entry_into_force": row["entry_into_force"],
            "valid_until": row["valid_until"],
            "term_years": row["term_years"] if row["term_years"] is not None else "",
            "automatic_renewal": _RENEWAL[row["automatic_renewal"]],
            "expiry": expiry,
        }
    return found
