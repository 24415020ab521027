"""Quantities: numbers with what they count, and when two of them can both be true."""

from __future__ import annotations

import pytest

from rashomon.analyze import quantities
from rashomon.analyze.quantities import (
    compatible,
    consistent,
    contradicts,
    label,
    number_text,
    number_value,
    same_measure,
)
from rashomon.records import Quantity


def found(nlp, text: str) -> list[tuple[str, float, str, str, str, str]]:  # type: ignore[no-untyped-def]
    return [
        (q.text, q.value, q.unit, q.kind, q.bound, q.predicate)
        for q in quantities.extract(nlp(text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ferry carried 214 passengers and nine crew.",
            [
                ("214 passengers", 214, "passenger", "count", "exact", "aboard"),
                ("nine crew", 9, "crew", "count", "exact", "aboard"),
            ],
        ),
        ("Officials said 12 were injured.", [("12", 12, "", "count", "exact", "injury")]),
        (
            "The blast killed at least 40 people.",
            [("at least 40 people", 40, "people", "count", "at_least", "death")],
        ),
        (
            "Fewer than ten people were slightly hurt.",
            [("Fewer than ten people", 10, "people", "count", "at_most", "injury")],
        ),
        (
            "About 300 workers left.",
            [("About 300 workers", 300, "worker", "count", "about", "leave")],
        ),
        (
            "The storm left 12 people dead.",
            [("12 people", 12, "people", "count", "exact", "death")],
        ),
        ("The death toll rose to 40.", [("40", 40, "death toll", "count", "exact", "death")]),
        (
            "The firm paid $2.5 million.",
            [("$2.5 million", 2_500_000, "USD", "money", "exact", "pay")],
        ),
        ("The fine was €30,000.", [("€30,000", 30_000, "EUR", "money", "exact", "")]),
        ("Turnout fell 12%.", [("12%", 12, "percent", "percent", "exact", "")]),
        ("Turnout fell 12 percent.", [("12 percent", 12, "percent", "percent", "exact", "")]),
        (
            "Two-thirds of voters agreed.",
            [("Two-thirds", 66.67, "percent", "percent", "exact", "agree")],
        ),
        (
            "Nearly a third of us go.",
            [("Nearly a third", 33.33, "percent", "percent", "at_most", "")],
        ),
        ("The wreck lies 3 km offshore.", [("3 km", 3, "km", "measure", "exact", "")]),
        (
            "A magnitude 5.6 quake hit.",
            [("magnitude 5.6", 5.6, "magnitude", "measure", "exact", "")],
        ),
        ("A 45-year-old man was detained.", [("45-year-old", 45, "age", "measure", "exact", "")]),
        ("It sank for the third time.", [("third time", 3, "time", "ordinal", "exact", "")]),
        ("Dozens of people were hurt.", [("Dozens", 24, "people", "count", "at_least", "injury")]),
        (
            "She led 47 percent to 43 percent.",
            [
                ("47 percent", 47, "percent", "percent", "exact", "lead"),
                ("43 percent", 43, "percent", "percent", "exact", ""),
            ],
        ),
        (
            "He presided over three trials.",
            [("three trials", 3, "trial", "count", "exact", "preside")],
        ),
        (
            "It cost more than $1.5 million.",
            [("more than $1.5 million", 1.5e6, "USD", "money", "at_least", "cost")],
        ),
        (
            "She gave several million euros.",
            [("several million euros", 2e6, "EUR", "money", "at_least", "give")],
        ),
        (
            "The wreck lies a few hundred metres away.",
            [("a few hundred metres", 200, "m", "measure", "at_least", "")],
        ),
        (
            "About half of the money was lost.",
            [("About half", 50, "percent", "percent", "about", "")],
        ),
        ("Pick two or three of them.", [("two or three", 2, "", "count", "at_least", "pick")]),
        ("No more than 20 came.", [("No more than 20", 20, "", "count", "at_most", "come")]),
        (
            "It paid as much as $16 million.",
            [("as much as $16 million", 16e6, "USD", "money", "at_most", "pay")],
        ),
        (
            "Some 10-15 guards came.",
            [("Some 10-15 guards", 10, "guard", "count", "at_least", "come")],
        ),
    ],
)
def test_extracts_numbers_with_what_they_count(nlp, text, expected):  # type: ignore[no-untyped-def]
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Two passengers lost their lives in the crash.", "death"),
        ("Two passengers were killed.", "death"),
        ("Three climbers died on the ridge.", "death"),
        ("The two hikers who died were from Porto.", "death"),
        ("Rescuers found four people dead in the hut.", "death"),
        ("The attack claimed 30 lives.", "death"),
        ("The floods caused 40 deaths.", "death"),
        ("12 were injured.", "injury"),
        ("Twelve passengers were treated for injuries at the clinic.", "injury"),
        ("Fewer than ten people were slightly hurt.", "injury"),
        ("Guards wounded three protesters.", "injury"),
        ("Five people were taken to hospital.", "hospital"),
        ("The ferry was carrying 214 passengers.", "aboard"),
        ("There were 223 people on board.", "aboard"),
        ("Officials evacuated 3,000 residents.", "evacuation"),
        ("Police arrested 14 men after the match.", "arrest"),
        ("Nine fishermen are still missing.", "missing"),
        ("Coast guards rescued 40 migrants.", "rescue"),
        ("The firm laid off 200 workers.", "layoff"),
        ("About 9,000 people use the crossing every day.", "use"),
        ("The report lists 12 ships.", "list"),
    ],
)
def test_a_count_says_what_happened_to_what_it_counts(nlp, text, predicate):  # type: ignore[no-untyped-def]
    counts = [q for q in quantities.extract(nlp(text)) if q.kind == "count"]
    assert [q.predicate for q in counts] == [predicate]


@pytest.mark.parametrize(
    "text",
    [
        "The law passed in 2015.",
        "The ferry left at 06:40 on March 3.",
        "Call 555-123-4567 for details.",
        "Flight 370 was delayed.",
        "Article 5 applies to all members.",
        "The first lady visited the port.",
        "The home side won 3-1.",
        "The court ruled 5-4 against the port.",
        "The crew was held for three days.",
        "The captain denied any wrongdoing.",
        "It is one thing to promise and another to pay.",
        "He called her a third-rate reporter.",
        "At first glance the key figures were due around 0200 GMT.",
        "Tips for the week:\n6 Sleep well.\n7 Eat well.",
    ],
)
def test_finds_nothing(nlp, text):  # type: ignore[no-untyped-def]
    assert found(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("214", 214),
        ("1,200", 1200),
        ("2.5 million", 2_500_000),
        ("twenty-five", 25),
        ("one hundred and twenty", 120),
        ("a dozen", 12),
        ("two thirds", 2 / 3),
        ("5bn", 5e9),
        ("nine", 9),
        ("several", None),
        ("", None),
    ],
)
def test_number_value(text, value):  # type: ignore[no-untyped-def]
    assert number_value(text) == (pytest.approx(value) if value is not None else None)


def q(
    value: float,
    unit: str,
    bound: str = "exact",
    kind: str = "count",
    text: str = "",
    did: str = "",
) -> Quantity:
    """A quantity as the reader would make it; ``text`` matters for rounding ("2.5 million"),
    ``did`` is its predicate."""
    approximate = bound == "about"
    return Quantity(0, 1, text or f"{value:g}", value, unit, kind, approximate, bound, did)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (q(12, "", did="injury"), q(12, "people", did="injury"), True),
        (q(3, "people", did="death"), q(3, "persons", did="death"), True),
        (q(3, "", did="death"), q(3, "death toll", did="death"), True),
        (q(214, "passenger", did="aboard"), q(214, "passengers", did="aboard"), True),
        (q(214, "passenger"), q(200, "traveller"), True),
        # a noun and what happened to it: different predicates are different counts
        (q(2, "passenger", did="death"), q(214, "passenger", did="aboard"), False),
        (q(12, "passenger", did="injury"), q(200, "passenger", did="aboard"), False),
        (q(2, "passenger", did="death"), q(214, "passenger"), False),
        (q(9000, "people", did="use"), q(223, "people", did="aboard"), False),
        (q(214, "passenger", did="aboard"), q(9, "crew", did="aboard"), False),
        (q(12, "", did="injury"), q(12, "", did="death"), False),
        (q(12, "percent", kind="percent"), q(12, "passenger"), False),
        (q(5, "USD", kind="money"), q(5, "EUR", kind="money"), False),
        (q(5, ""), q(5, ""), False),
    ],
)
def test_same_measure(a, b, same):  # type: ignore[no-untyped-def]
    assert same_measure(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (q(200, "passenger", "at_least"), q(214, "passenger"), True),
        (q(10, "people", "at_most", did="injury"), q(12, "", did="injury"), False),
        (q(10, "people", "at_most", did="injury"), q(8, "", did="injury"), True),
        (q(300, "worker", "about"), q(310, "worker"), True),
        (q(300, "worker", "about"), q(400, "worker"), False),
        (q(2.5e6, "USD", kind="money", text="2.5 million"), q(2.54e6, "USD", kind="money"), True),
        (q(2.5e6, "USD", kind="money", text="2.5 million"), q(2.6e6, "USD", kind="money"), False),
        (q(12, "percent", kind="percent"), q(12.4, "percent", kind="percent", text="12.4"), True),
        (q(40, "", did="death"), q(41, "people", did="death"), False),
        (q(40, "", did="death"), q(40, "", did="injury"), False),
    ],
)
def test_compatible(a, b, ok):  # type: ignore[no-untyped-def]
    assert compatible(a, b) is ok


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (q(12, "", did="injury"), q(10, "people", "at_most", did="injury"), True),
        # a part larger than its whole
        (q(12, "passenger", did="injury"), q(10, "people", "at_most", did="injury"), True),
        # a part smaller than its whole: both can be true
        (q(3, "child", did="injury"), q(12, "", did="injury"), False),
        (q(2, "passenger", did="death"), q(3, "people", did="death"), False),
        # different predicates, sums and bounds
        (q(2, "passenger", did="death"), q(214, "passenger", did="aboard"), False),
        (q(200, "passenger", "at_least", did="aboard"), q(214, "passenger", did="aboard"), False),
        (q(12, "", did="death"), q(40, "", did="casualty"), False),
        (q(52, "age", kind="measure"), q(41, "age", kind="measure"), True),
    ],
)
def test_contradicts(a, b, clash):  # type: ignore[no-untyped-def]
    assert contradicts(a, b) is clash
    assert contradicts(b, a) is clash


@pytest.mark.parametrize(
    ("parts", "total", "ok"),
    [
        (
            [q(214, "passenger", did="aboard"), q(9, "crew", did="aboard")],
            q(223, "people", did="aboard"),
            True,
        ),
        (
            [q(214, "passenger", did="aboard"), q(20, "crew", did="aboard")],
            q(223, "people", did="aboard"),
            False,
        ),
        ([q(214, "passenger", did="aboard")], q(223, "people", did="aboard"), True),
        (
            [q(200, "passenger", "at_least", did="aboard"), q(9, "crew", did="aboard")],
            q(223, "person", did="aboard"),
            True,
        ),
        ([q(214, "passenger", did="aboard")], q(223, "people", did="death"), False),
        ([q(12, "", did="death"), q(3, "people", did="death")], q(15, "death", did="death"), True),
        ([q(12, "", did="death"), q(3, "people", did="death")], q(16, "death", did="death"), False),
        (
            [q(12, "", did="death"), q(30, "", did="injury")],
            q(42, "casualty", did="casualty"),
            True,
        ),
        ([q(214, "passenger")], q(223, "vote"), False),
        ([], q(223, "people"), False),
    ],
)
def test_consistent(parts, total, ok):  # type: ignore[no-untyped-def]
    assert consistent(parts, total) is ok


@pytest.mark.parametrize(
    ("quantity", "number", "what"),
    [
        (
            q(10, "people", "at_most", text="Fewer than ten people", did="injury"),
            "fewer than ten",
            "Injured",
        ),
        (q(12, "", text="12", did="injury"), "12", "Injured"),
        (q(214, "passenger", text="214 passengers", did="aboard"), "214", "On board"),
        (q(2, "passenger", text="Two passengers"), "two", "Passengers"),
        (
            q(2.5e6, "USD", kind="money", text="$2.5 million", did="pay"),
            "$2.5 million",
            "Amount (USD)",
        ),
    ],
)
def test_number_and_label_for_a_reader(quantity, number, what):  # type: ignore[no-untyped-def]
    assert (number_text(quantity), label(quantity)) == (number, what)
