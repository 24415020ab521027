"""Conflicts: aligned claims of different outlets that cannot both be true."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.analyze import analyze_article
from rashomon.compare.align import align
from rashomon.compare.conflicts import find_conflicts
from rashomon.records import Article, Conflict

pytestmark = pytest.mark.slow
STORY = "The ferry Santa Maria sank off Lisbon after hitting rocks. "


def conflicts(
    one: str,
    two: str,
    *,
    story: str = STORY,
    published: tuple[dt.date, dt.date] = (dt.date(2024, 3, 4), dt.date(2024, 3, 4)),
) -> list[Conflict]:
    arts = [
        analyze_article(Article(id=f"a{n}", outlet=outlet, text=story + text, published=day))
        for n, (outlet, text, day) in enumerate(
            (("Tagus Wire", one, published[0]), ("Harbour State", two, published[1]))
        )
    ]
    return find_conflicts(align(arts), arts)


FOUND = [
    (
        "number",
        "Twelve people were injured in the crash.",
        "Fewer than ten people were injured in the crash.",
    ),
    ("number", "The crash killed 12 people.", "The crash killed 15 people."),
    (
        "number",
        "Police said 12 people were injured.",
        "Fewer than ten people were injured, police said.",
    ),
    # a part larger than its whole
    (
        "number",
        "Twelve passengers were treated for injuries after the crash.",
        "Fewer than ten people were hurt in the crash.",
    ),
    (
        "negation",
        "The bridge was closed to traffic on Tuesday.",
        "The bridge was not closed to traffic on Tuesday.",
    ),
    (
        "date",
        "The inquiry will open on March 12, 2024.",
        "The inquiry will open on March 19, 2024.",
    ),
    # one action dated on two days, told in other words (and the actor named in the claim is
    # not a source that the date is attributed to)
    (
        "date",
        "A ferry company spokesman on Friday apologized for a post that mocked the rescued crew.",
        "The operator's press officer had to apologize Saturday for an online message about "
        "the sailors.",
    ),
    # a place the other article names, though the tagger cut its name there ("the Calder Bay
    # bridge" read as "Calder Bay"): one place, so the counts clash
    (
        "number",
        "A section of the Calder Bay bridge collapsed into the water on Monday morning, "
        "injuring four people and forcing the closure of the main road.",
        "Questions mounted on Monday over why the Calder Bay bridge remained open after "
        "engineers warned of corrosion, hours after a section collapsed and injured five people.",
    ),
    # a day outside the month the other gives for the same act
    (
        "date",
        "Both parties will hold their primaries for the harbour seat in mid May.",
        "The primary for the harbour seat will be held on April 30.",
    ),
    # the same amount, the same verb, other words around it
    (
        "number",
        "The council will divert $3 million from the school budget to repair the harbour wall.",
        "Officials said the city would divert $4.5 million from its schools for the repairs.",
    ),
]


@pytest.mark.parametrize(("kind", "one", "two"), FOUND)
def test_claims_that_cannot_both_be_true_conflict(kind: str, one: str, two: str) -> None:
    found = conflicts(one, two)
    assert [c.kind for c in found] == [kind]
    c = found[0]
    assert {c.a.article, c.b.article} == {"a0", "a1"}
    assert "Tagus Wire" in c.explanation and "Harbour State" in c.explanation


NOT_FOUND = [
    # a denial told in the speaker's own words and as what she denied
    (
        'Ana Reis said: "I have not given false figures to this or any other committee."',
        "Ana Reis denied that she had ever given false figures to the committee.",
    ),
    # a count that names whom it takes in: a difference of definition
    (
        "The gunman killed three people at the festival on Sunday.",
        "Four people were killed at the festival on Sunday, including the shooter.",
    ),
    # one of the many the other counts
    (
        "The court heard the two cases of police misconduct on Monday.",
        "One case of police misconduct was heard by the court on Monday.",
    ),
    # a near-denial is not a denial
    (
        "The president has not spoken with the senator since the inauguration.",
        "The president has barely spoken with the senator since the inauguration.",
    ),
    # parts add up to the total
    ("214 passengers and nine crew were on board.", "There were 223 people on board."),
    # a bound the exact figure satisfies
    ("At least 200 people were on board.", "There were 214 people on board."),
    ("About 300 people were rescued.", "Rescuers saved 310 people."),
    # different named sources: a denial is a disagreement of sources, shown in the voices
    (
        "Police said the bridge was closed to traffic on Tuesday.",
        "The mayor said the bridge was not closed to traffic on Tuesday.",
    ),
    # the figure changed over time
    ("The death toll rose to 15 on Tuesday.", "Twelve people died."),
    # different measures
    ("Twelve people were injured.", "Three people died."),
    # the same noun, but what happened to it differs: deaths are not passengers on board
    ("Two passengers died in the crash.", "The ferry was carrying 214 passengers in the crash."),
    ("Twelve passengers were hurt in the crash.", "More than 200 passengers were on board."),
    # a part smaller than its whole
    ("Three children were injured in the crash.", "Twelve people were injured in the crash."),
    # different days
    (
        "On March 1, 2024, police arrested 12 people at the port.",
        "On March 2, 2024, police arrested 30 people at the port.",
    ),
    # a count of another, earlier event
    ("The last crash on the river, in 2011, killed one person.", "The crash killed two people."),
    # ages of two people
    (
        "A 67-year-old man from Porto died in the crash.",
        "A 41-year-old woman from Faro died in the crash.",
    ),
    # unrelated claims with different numbers
    ("The ship was built in Norway and cost $40 million.", "Divers searched 12 cabins."),
    # a date that names something ("the March 11 attacks") does not date the statement
    (
        "Victims of the March 11 attacks won the right to sue the airline.",
        "On March 14, 2024, victims of the attacks won the right to sue the airline.",
    ),
    # ranks are not amounts
    (
        "The council re-elected Ada Rossi to the No. 2 post of deputy mayor.",
        "The council re-elected Ada Rossi as deputy mayor, the No. 3 post after the treasurer.",
    ),
    # too short to tell a denial from a different statement
    ("He served during the war.", "He had not served in the war."),
    # agreement
    ("The bridge was closed to traffic.", "Traffic could not use the bridge, which was closed."),
    # two actions on two days, not one action dated twice
    (
        "The ferry company apologized on Friday for the long delays at the port.",
        "The ferry company's director resigned on Saturday over the long delays at the port.",
    ),
    # a weekday that names something ("Wednesday's service") does not date the claim
    (
        "The mayor said Wednesday's memorial service for the crew was moving.",
        "A memorial service for the crew was held on Thursday.",
    ),
    # two amounts with different verbs: one asked for, the other granted
    (
        "Parliament granted $2 million for the harbour wall repairs.",
        "The mayor had demanded $5 million for the harbour wall repairs.",
    ),
    # the same amount verb but different things moved: the counted noun differs
    (
        "Rescuers moved 40 passengers to the second boat.",
        "Rescuers moved 12 cars off the ferry deck.",
    ),
    # sums over spans of time that may not be the same span
    (
        "The ferry company earned $140 million over the eight-year span from its routes.",
        "The ferry company earned nearly $20 million between 2011 and 2014 from its routes.",
    ),
    # what unnamed others speculate is no outlet's assertion to deny
    (
        "Many have speculated that the port offered the captain a desk job.",
        "The port never offered the captain a desk job, a spokesman insisted.",
    ),
]


@pytest.mark.parametrize(("one", "two"), NOT_FOUND)
def test_claims_that_can_both_be_true_do_not_conflict(one: str, two: str) -> None:
    assert conflicts(one, two) == []


def test_a_conflict_cites_both_spans() -> None:
    (c,) = conflicts("The crash killed 12 people.", "The crash killed 15 people.")
    assert c.explanation == "Dead: Tagus Wire says 12; Harbour State says 15."
    assert (c.a.text, c.b.text) == ("The crash killed 12 people.", "The crash killed 15 people.")
    assert c.a.start == len(STORY) and c.a.end == len(STORY) + len(c.a.text)


def test_an_explanation_names_the_sources_the_outlets_cite() -> None:
    (c,) = conflicts(
        "Police said 12 people were injured.", "Fewer than ten people were injured, police said."
    )
    assert c.explanation == (
        "Injured: Tagus Wire (citing Police) says 12; "
        "Harbour State (citing police) says fewer than ten."
    )


def test_a_number_clash_between_two_named_sources_names_both() -> None:
    (c,) = conflicts(
        "Police said 12 people were injured.", "Hospital officials said 15 people were injured."
    )
    assert c.explanation == (
        "Injured: Tagus Wire (citing Police) says 12; "
        "Harbour State (citing Hospital officials) says 15."
    )


def test_one_clash_is_reported_once() -> None:
    found = conflicts(
        "Twelve people were injured in the crash. Twelve passengers were treated for injuries.",
        "Fewer than ten people were injured in the crash.",
    )
    assert [c.kind for c in found] == ["number"]


def test_two_weekday_names_in_reports_a_day_apart_are_two_days() -> None:
    """Reports of Sunday and Saturday: "Saturday" and "Friday" cannot be one day."""
    found = conflicts(
        "A ferry company spokesman apologized on Friday for a post that mocked the crew.",
        "A ferry company spokesman had to apologize Saturday for a post that mocked the crew.",
        published=(dt.date(2024, 3, 9), dt.date(2024, 3, 10)),
    )
    assert [c.kind for c in found] == ["date"]
    assert found[0].explanation == (
        "Date: Tagus Wire says Friday (2024-03-08); Harbour State says Saturday (2024-03-09)."
    )


def test_one_weekday_name_in_reports_of_different_days_is_left_alone() -> None:
    """ "On Monday" read on two publication days may be one Monday misread."""
    assert (
        conflicts(
            "A ferry company spokesman apologized on Monday for a post that mocked the crew.",
            "A ferry company spokesman apologized on Monday for a post that mocked the crew.",
            published=(dt.date(2024, 3, 5), dt.date(2024, 3, 12)),
        )
        == []
    )


def test_one_fact_counted_otherwise_in_reports_of_different_days_is_flagged_with_a_caveat() -> None:
    found = conflicts(
        "Seventeen people were taken to hospital after the footbridge collapsed.",
        "Twenty-three people were taken to hospital after the footbridge collapsed.",
        published=(dt.date(2024, 3, 4), dt.date(2024, 3, 5)),
    )
    assert [c.kind for c in found] == ["number"]
    assert found[0].explanation.endswith(
        "The reports are of different days (2024-03-04, 2024-03-05): the count may have changed."
    )
    assert found[0].confidence < 0.9
