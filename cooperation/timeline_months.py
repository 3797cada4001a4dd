"""A profile's records laid out by month: for each year, one bar per record over twelve months.

Partial dates stay honest. A record dated to a day or a month sits in its month; a range runs
from its start month to its end month, cut at the edge of each year and continued in the next;
a record whose month is not given covers every month it may fall in (a year-only record, the
whole year) and is flagged, so that it is never shown as if it happened in January.

Pure functions over the plain rows of cooperation.rows.listing: no database, no request.
"""

from dataclasses import dataclass
from itertools import chain

from .dates import parse_partial

FIRST_MONTH, LAST_MONTH = 1, 12


@dataclass(frozen=True)
class Bar:
    """One record's stretch of one year: months *first* to *last*, both included."""

    row: dict
    year: int
    first: int
    last: int
    month_given: bool  # False when a month at either end of this stretch is not known
    continued: bool  # the record began in an earlier year
    continues: bool  # the record goes on into a later year

    @property
    def span(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class Year:
    year: int
    bars: list[Bar]


def bars_of(row: dict) -> list[Bar]:
    """The stretches of *row*, one per year that it touches, oldest first."""
    start_year, start_month, _day = parse_partial(row["date"])
    end_year, end_month = start_year, start_month
    if row.get("end_date"):
        end_year, end_month, _day = parse_partial(row["end_date"])
        if (end_year, end_month or LAST_MONTH) < (start_year, start_month or FIRST_MONTH):
            end_year, end_month = start_year, start_month  # an end before the start says nothing
    bars = []
    for year in range(start_year, end_year + 1):
        opens, closes = year == start_year, year == end_year
        bars.append(
            Bar(
                row=row,
                year=year,
                first=(start_month or FIRST_MONTH) if opens else FIRST_MONTH,
                last=(end_month or LAST_MONTH) if closes else LAST_MONTH,
                month_given=not (opens and start_month is None or closes and end_month is None),
                continued=not opens,
                continues=not closes,
            )
        )
    return bars


def by_year(rows: list[dict]) -> list[Year]:
    """Years newest first; in each, the bars of the records that touch it, in the rows' order."""
    years: dict[int, list[Bar]] = {}
    for bar in chain.from_iterable(bars_of(row) for row in rows):
        years.setdefault(bar.year, []).append(bar)
    return [Year(year, bars) for year, bars in sorted(years.items(), reverse=True)]
