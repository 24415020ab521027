"""Datelines and publication dates."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.ingest.dateline import split_dateline
from rashomon.ingest.dates import latest_before, month_day, parse_date

DATELINES = [
    ("LISBON, Portugal, March 3. A ferry sank.", "LISBON, Portugal, March 3", "A ferry sank."),
    ("LISBON (Tagus Wire) — A ferry sank.", "LISBON (Tagus Wire)", "A ferry sank."),
    ("WASHINGTON ― The talks ended.", "WASHINGTON", "The talks ended."),
    ("LISBON — A ferry sank.", "LISBON", "A ferry sank."),
    ("LISBON -- A ferry sank.", "LISBON", "A ferry sank."),
    ("Lisbon, March 3 (Reuters) - A ferry sank.", "Lisbon, March 3 (Reuters)", "A ferry sank."),
    ("LISBON, March 3 (Reuters) - A ferry sank.", "LISBON, March 3 (Reuters)", "A ferry sank."),
    ("Lisbon (CNN)A ferry sank.", "Lisbon (CNN)", "A ferry sank."),
    ("(CNN) — A ferry sank.", "(CNN)", "A ferry sank."),
    ("NEW YORK, N.Y. — A ferry sank.", "NEW YORK, N.Y.", "A ferry sank."),
    (
        "ST. LOUIS, Mo., Jan. 5, 2026 — A barge sank.",
        "ST. LOUIS, Mo., Jan. 5, 2026",
        "A barge sank.",
    ),
    ("LISBON — “We tried,” he said.", "LISBON", "“We tried,” he said."),
    # no dateline
    ("A ferry sank off Lisbon.", "", "A ferry sank off Lisbon."),
    ("BREAKING: A ferry sank.", "", "BREAKING: A ferry sank."),
    ("FIX IS IN: Inspectors missed the leak.", "", "FIX IS IN: Inspectors missed the leak."),
    ("AP: A ferry sank.", "", "AP: A ferry sank."),
    ("NATO officials said a ferry sank.", "", "NATO officials said a ferry sank."),
    ("The U.S. Navy (USN) said it helped.", "", "The U.S. Navy (USN) said it helped."),
    ("U.S. — officials said.", "", "U.S. — officials said."),
    ("Police said on Tuesday — a day later.", "", "Police said on Tuesday — a day later."),
    ("In Lisbon (Portugal) The ferry sank.", "", "In Lisbon (Portugal) The ferry sank."),
]


@pytest.mark.parametrize(("text", "dateline", "rest"), DATELINES)
def test_split_dateline(text: str, dateline: str, rest: str) -> None:
    assert split_dateline(text) == (dateline, rest)


DATES = [
    ("2026-03-03", dt.date(2026, 3, 3)),
    ("2026-03-03T09:15:00Z", dt.date(2026, 3, 3)),
    ("2026/3/3", dt.date(2026, 3, 3)),
    ("Tue, 03 Mar 2026 09:15:00 GMT", dt.date(2026, 3, 3)),
    ("March 3, 2026", dt.date(2026, 3, 3)),
    ("3 March 2026", dt.date(2026, 3, 3)),
    ("Sept. 30, 2025", dt.date(2025, 9, 30)),
    (1772528400, dt.date(2026, 3, 3)),
    (1772528400000, dt.date(2026, 3, 3)),
    (dt.datetime(2026, 3, 3, 9, 0), dt.date(2026, 3, 3)),
    # no date
    ("March 3", None),
    ("2026-02-30", None),
    ("yesterday", None),
    ("", None),
    (None, None),
    (True, None),
    ({"date": "2026-03-03"}, None),
]


@pytest.mark.parametrize(("value", "expected"), DATES)
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_month_day_reads_both_orders() -> None:
    assert month_day("LISBON, Portugal, March 3") == (3, 3, None)
    assert month_day("LISBON, 3 March 2026") == (3, 3, 2026)
    assert month_day("LISBON (Tagus Wire)") is None


YEARS = [
    ((3, 3), dt.date(2026, 3, 10), dt.date(2026, 3, 3)),
    ((12, 30), dt.date(2026, 1, 2), dt.date(2025, 12, 30)),  # a dateline just before New Year
    ((3, 3), dt.date(2026, 3, 3), dt.date(2026, 3, 3)),
    ((2, 29), dt.date(2026, 3, 1), dt.date(2024, 2, 29)),
    ((2, 30), dt.date(2026, 3, 1), None),
]


@pytest.mark.parametrize(("month_and_day", "today", "expected"), YEARS)
def test_a_dateline_year_is_the_latest_not_in_the_future(
    month_and_day: tuple[int, int], today: dt.date, expected: dt.date | None
) -> None:
    assert latest_before(*month_and_day, today) == expected
