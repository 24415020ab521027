"""Plain-text rendering details."""

from __future__ import annotations

import pytest

from rashomon.render.text import when


@pytest.mark.parametrize(
    ("date", "granularity", "shown"),
    [
        ("2011-01-01", "year", "2011"),
        ("2026-01-01", "month", "January 2026"),
        ("2026-03-02", "week", "week of 2026-03-02"),
        ("2026-03-03", "day", "2026-03-03"),
        ("2026-03-03", "time", "2026-03-03"),
        ("not a date", "day", "not a date"),
    ],
)
def test_dates_show_only_the_precision_they_have(date, granularity, shown):  # type: ignore[no-untyped-def]
    assert when(date, granularity) == shown
