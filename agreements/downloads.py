"""The catalogue's downloads of agreements carry their validity, beside the columns every record
has (cooperation/exports.py): what the source says, as precise as it says it."""

from . import validity
from .models import Agreement

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
        found[row["pk"]] = {
            "validity_status": row["validity_status"],
            "entry_into_force": row["entry_into_force"],
            "valid_until": row["valid_until"],
            "term_years": row["term_years"] if row["term_years"] is not None else "",
            "automatic_renewal": _RENEWAL[row["automatic_renewal"]],
            "expiry": validity.row_expiry(row),
        }
    return found
