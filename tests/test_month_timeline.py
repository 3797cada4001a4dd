"""The month timeline's layout (cooperation.timeline_months), from plain rows, without a database."""

from cooperation.timeline_months import by_year


def row(slug: str, date: str, end_date: str = "") -> dict:
    return {"slug": slug, "date": date, "end_date": end_date}


def layout(rows: list[dict]) -> dict[int, list[tuple]]:
    """{year: [(slug, first, last, month_given, continued, continues), …]}, years in page order."""
    return {
        year.year: [
            (b.row["slug"], b.first, b.last, b.month_given, b.continued, b.continues)
            for b in year.bars
        ]
        for year in by_year(rows)
    }


def test_a_year_only_record_spans_its_year_and_is_flagged_as_month_not_given():
    [year] = by_year([row("mou", "2017")])
    [bar] = year.bars
    assert (year.year, bar.first, bar.last, bar.span) == (2017, 1, 12, 12)
    assert bar.month_given is False
    assert (bar.continued, bar.continues) == (False, False)


def test_a_month_only_record_sits_in_its_month():
    assert layout([row("visit", "2017-05")]) == {2017: [("visit", 5, 5, True, False, False)]}


def test_a_record_dated_to_a_day_sits_in_its_month():
    [year] = by_year([row("pph", "2017-11-14")])
    [bar] = year.bars
    assert (bar.first, bar.span, bar.month_given) == (11, 1, True)


def test_a_range_within_a_year_spans_from_its_start_month_to_its_end_month():
    assert layout([row("trip", "2017-03-28", "2017-04-02")]) == {
        2017: [("trip", 3, 4, True, False, False)]
    }


def test_a_range_across_two_years_is_cut_at_the_year_and_continued_in_the_next():
    assert layout([row("course", "2016-11", "2017-02-10")]) == {
        2017: [("course", 1, 2, True, True, False)],
        2016: [("course", 11, 12, True, False, True)],
    }


def test_a_range_across_three_years_fills_the_year_between():
    assert layout([row("programme", "2015-10", "2017-03")])[2016] == [
        ("programme", 1, 12, True, True, True)
    ]


def test_an_end_without_a_month_is_flagged_only_in_the_year_it_ends():
    assert layout([row("study", "2016-09", "2017")]) == {
        2017: [("study", 1, 12, False, True, False)],
        2016: [("study", 9, 12, True, False, True)],
    }


def test_a_start_without_a_month_is_not_pinned_to_january_but_flagged():
    assert layout([row("talks", "2017", "2017-05")]) == {
        2017: [("talks", 1, 5, False, False, False)]
    }


def test_years_come_newest_first_and_records_keep_the_order_they_were_given_in():
    rows = [
        row("late-2017", "2017-12"),
        row("course", "2016-11", "2017-01"),
        row("early-2017", "2017-02"),
        row("year-2016", "2016"),
    ]
    assert [(year.year, [bar.row["slug"] for bar in year.bars]) for year in by_year(rows)] == [
        (2017, ["late-2017", "course", "early-2017"]),
        (2016, ["course", "year-2016"]),
    ]


def test_no_rows_give_no_years():
    assert by_year([]) == []
