"""Plain-text rendering details."""

from __future__ import annotations

import pytest

from rashomon.records import ArticleInfo, ClaimRef, Comparison, Fact
from rashomon.render.text import render_comparison, when


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


def test_facts_of_one_outlet_are_split_by_whether_another_outlet_has_a_close_claim() -> None:
    mill = ArticleInfo("mill", "Mill Times", "", None, "report")
    gazette = ArticleInfo("gazette", "Eastbrook Gazette", "", None, "report")
    alone = ClaimRef("mill", "c1", "The mayor cut the ribbon.", 0, 25)
    delayed = ClaimRef("mill", "c2", "Repairs were delayed for a year.", 26, 58)
    close = ClaimRef("gazette", "c1", "The repair work slipped by twelve months.", 0, 41)
    facts = (
        Fact("f1", "exclusive", ("Mill Times",), (alone,), alone.text),
        Fact("f2", "similar", ("Mill Times",), (delayed,), delayed.text, nearest=(close,)),
    )
    text = render_comparison(Comparison((mill, gazette), facts, (), (), (), (), (), (), ()))
    only, similar = text.split("ONLY IN ONE OUTLET (1 facts")[1].split("ONLY IN ONE OUTLET'S WORDS")
    assert "The mayor cut the ribbon." in only and "Repairs" not in only
    assert "Repairs were delayed" in similar
    assert "≈ Eastbrook Gazette: “The repair work slipped by twelve months.”" in similar


def test_words_a_speaker_denies_are_marked_as_denied_wherever_they_are_shown() -> None:
    mill = ArticleInfo("mill", "Mill Times", "", None, "report")
    gazette = ArticleInfo("gazette", "Eastbrook Gazette", "", None, "report")
    denied = ClaimRef("mill", "c1", "she had misled the council", 0, 26, "Ana Reis", "denied")
    said = ClaimRef("gazette", "c1", "I never misled the council.", 0, 27, "Ana Reis", "said")
    facts = (
        Fact("f1", "similar", ("Mill Times",), (denied,), denied.text, nearest=(said,)),
        Fact("f2", "similar", ("Eastbrook Gazette",), (said,), said.text, nearest=(denied,)),
    )
    text = render_comparison(Comparison((mill, gazette), facts, (), (), (), (), (), (), ()))
    assert text.count("she had misled the council”  — Ana Reis, denying") == 1
    assert "she had misled the council — Ana Reis, denying" in text
    assert "I never misled the council. — Ana Reis  @0" in text


def test_a_claim_that_says_who_spoke_is_not_credited_again() -> None:
    mill = ArticleInfo("mill", "Mill Times", "", None, "report")
    told = ClaimRef(
        "mill", "c1", "Mayor Ana Reis laid out a careful plan", 0, 38, "Ana Reis", "laid out"
    )
    quoted = ClaimRef("mill", "c2", "The plan is careful.", 39, 59, "Ana Reis", "said")
    facts = (
        Fact("f1", "exclusive", ("Mill Times",), (told,), told.text),
        Fact("f2", "exclusive", ("Mill Times",), (quoted,), quoted.text),
    )
    text = render_comparison(Comparison((mill,), facts, (), (), (), (), (), (), ()))
    assert "a careful plan  @0" in text and "The plan is careful. — Ana Reis  @39" in text
