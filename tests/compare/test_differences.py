"""Differences: what one side of an agreed fact adds that another leaves out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from rashomon.analyze import analyze_article
from rashomon.compare.align import align
from rashomon.compare.differences import contrast_score, differences, with_differences
from rashomon.records import AnalyzedArticle, Article, Claim, Difference

pytestmark = pytest.mark.slow


OUTLETS = ("Tagus Wire", "Harbour State", "Lisbon View")


def analyzed(*texts: str) -> list[AnalyzedArticle]:
    return [
        analyze_article(
            Article(id=f"a{n}", outlet=outlet, text=text, published=dt.date(2024, 3, 4))
        )
        for n, (outlet, text) in enumerate(zip(OUTLETS, texts, strict=False))
    ]


def found(*texts: str) -> list[Difference]:
    arts = analyzed(*texts)
    facts = [f for f in align(arts) if f.status == "agreed"]
    assert facts, "the claims should align"
    return [d for f in facts for d in differences(f, arts)]


ADDS = [
    (
        "place",
        "Geneva",
        "The peace talks ended without a deal in Geneva.",
        "The peace talks ended without a deal.",
    ),
    (
        "number",
        "14 people",
        "The storm flooded the valley and killed 14 people.",
        "The storm flooded the valley and killed people.",
    ),
    (
        "actor",
        "Ada Rossi",
        "Transport minister Ada Rossi visited the wreck of the sunken ferry.",
        "A minister visited the wreck of the sunken ferry.",
    ),
    (
        "cause",
        "because of dense fog",
        "The ferry hit the rocks because of dense fog.",
        "The ferry hit the rocks.",
    ),
]


@pytest.mark.parametrize(("kind", "text", "one", "two"), ADDS)
def test_a_detail_only_one_side_gives_is_a_difference(
    kind: str, text: str, one: str, two: str
) -> None:
    diffs = [d for d in found(one, two) if d.kind == kind]
    assert [(d.text, d.article, d.missing_in) for d in diffs] == [(text, "a0", ("a1",))]
    assert one[diffs[0].start : diffs[0].end] == text
    assert diffs[0].explanation.startswith("Tagus Wire ")


@pytest.mark.parametrize(
    ("texts", "explanation"),
    [
        (
            ("The peace talks ended without a deal in Geneva.",
             "The peace talks ended without a deal."),
            "Tagus Wire says where: Geneva; Harbour State does not say where.",
        ),
        (
            ("The peace talks ended without a deal in Geneva.",
             "The peace talks ended without a deal.",
             "The peace talks ended, and without a deal."),
            "Tagus Wire says where: Geneva; Harbour State and Lisbon View do not say where.",
        ),
        (
            ("Transport minister Ada Rossi visited the wreck of the sunken ferry.",
             "A minister visited the wreck of the sunken ferry."),
            "Tagus Wire names Ada Rossi; Harbour State does not.",
        ),
        (
            ("The storm flooded the valley and killed 14 people.",
             "The storm flooded the valley and killed people."),
            "Tagus Wire gives the number: 14 people (dead); Harbour State gives no such number.",
        ),
    ],
)  # fmt: skip
def test_the_explanation_says_what_is_missing(texts: tuple[str, ...], explanation: str) -> None:
    assert [d.explanation for d in found(*texts)] == [explanation]


NOTHING = [
    # the other article names the place elsewhere
    (
        "The peace talks ended without a deal in Geneva.",
        "Delegates met in Geneva. The peace talks ended without a deal.",
    ),
    # the other article writes the name, with another case
    (
        "The ferry hit a pillar of the Vasco da Gama Bridge in thick fog.",
        "In thick fog the ferry hit a pillar of the Vasco da Gama bridge.",
    ),
    # both give the same details
    (
        "The storm killed 14 people in the valley.",
        "In the valley, 14 people were killed by the storm.",
    ),
    # another figure for the same count is a conflict, not a gap
    (
        "The storm killed 14 people in the valley.",
        "The storm killed 15 people in the valley.",
    ),
    # an age, a vague number, a time with no date: nothing a reader would miss
    (
        "A 45-year-old fisherman found the wreck of the ferry.",
        "A fisherman found the wreck of the ferry.",
    ),
    (
        "The ferry sank a few hundred metres from the shore.",
        "The ferry sank near the shore.",
    ),
    (
        "The ferry sank on a foggy winter morning.",
        "The ferry sank on a foggy morning.",
    ),
    # the other side writes the detail in another form
    (  # the title the person holds
        "Transport minister Ada Rossi visited the wreck of the sunken ferry.",
        "The transport minister visited the wreck of the sunken ferry.",
    ),
    (  # a state's abbreviation
        "The governor opened the new bridge in Little Rock, Ark., on Monday.",
        "The governor opened the new bridge in Little Rock, Arkansas, on Monday.",
    ),
    (  # an acronym and its words
        "The bombers had sworn loyalty to ISIS, officials said.",
        "The bombers had sworn loyalty to the Islamic State, officials said.",
    ),
    (  # a place in other words: "this country"
        "He doubted that the senator was born in the United States.",
        "He doubted that the senator was born in this country.",
    ),
    (  # two places for one fact are a clash, not a gap
        "The senator spoke about his service at an event in Norfolk.",
        "The senator spoke about his service at an event in Norwalk.",
    ),
    (  # a month, and a day in it in another sentence
        "The ruling is due in March, the court said.",
        "The court said the ruling is due soon. Judges will sit again on March 3.",
    ),
    (  # one sum told roundly, in another sentence
        "The plan cut more than $700 billion from the health budget.",
        "The plan cut the health budget. The cuts came to $716 billion.",
    ),
    (  # a quote in other spelling
        "We will stay because we're gonna win, the coach said.",
        "We will stay because we're going to win, the coach said.",
    ),
    (  # a name called out in a quote, spelt another way
        "'Momma, look, you won,' the boy told his mother.",
        "'Mama, look, you won,' the boy told his mother.",
    ),
    (  # a name written without its accent
        "Democrats chose Linda Sánchez as vice chair of their caucus on Tuesday.",
        "On Tuesday, Democrats chose Rep. Linda Sanchez as their caucus vice chair.",
    ),
    (  # a name spelt another way
        "Moammar will lose the war against the rebels, the senator said on Monday.",
        "On Monday the senator predicted that Muammar would lose the war against the rebels.",
    ),
    (  # a body by the word that says what it is
        "The party could lose its majority in the House of Representatives in November.",
        "The party could lose its majority in the House in November.",
    ),
    (  # one figure to other precision, one side without its unit
        "Her return showed that her 2024 federal tax rate was 35.72, and with city taxes it was "
        "a combined rate of 45.",
        "Her effective federal tax rate for 2024 was 35.7 percent, while the combined rate was 45.",
    ),
    # not details
    (  # a dateline
        "WASHINGTON (AP) — The president and the speaker met at the White House on Sunday.",
        "The president and the speaker met at the White House on Sunday.",
    ),
    (  # a dateline set off by a horizontal bar
        "WASHINGTON ― The president and the speaker met at the White House on Sunday.",
        "The president and the speaker met at the White House on Sunday.",
    ),
    (  # a day word as a figure of speech
        "She called the mayor a leader from yesterday who failed the city.",
        "She called the mayor a leader who failed the city.",
    ),
    (  # people counted again
        "The meeting between the two men will go ahead, the aide said.",
        "The meeting will go ahead, the aide said.",
    ),
]


@pytest.mark.parametrize(("one", "two"), NOTHING)
def test_a_detail_the_other_article_gives_anywhere_is_no_difference(one: str, two: str) -> None:
    assert found(one, two) == []


def test_a_quote_that_leaves_a_name_out_lacks_it() -> None:
    diffs = found(
        "'Join Ada Rossi, Luca Bianchi and the whole party,' she said.",
        "'Join Ada Rossi and the whole party,' she said.",
    )
    assert [(d.kind, d.text, d.article) for d in diffs] == [("actor", "Luca Bianchi", "a0")]


def test_an_exclusive_fact_has_no_differences() -> None:
    arts = analyzed("The ferry sank off Lisbon.", "Divers found the wreck on Tuesday.")
    facts = [f for f in align(arts) if f.status == "exclusive"]
    assert facts and all(differences(f, arts) == [] for f in facts)


def test_a_detail_is_listed_once() -> None:
    arts = analyzed(
        "Ada Rossi said the ferry sank near Geneva, and Ada Rossi said Geneva was foggy.",
        "Officials said the ferry sank, and officials said it was foggy.",
    )
    diffs = [d for f in with_differences(align(arts), arts) for d in f.differences]
    keys = [(d.article, d.kind, d.text) for d in diffs]
    assert keys and len(keys) == len(set(keys))


def claim(text: str, speaker: str | None = None) -> Claim:
    return Claim("c1", "a0", text, 0, len(text), 0, speaker=speaker)


PUSHES = claim("The owner denied that the fire was started on purpose.", "the owner")
CLAIMED = claim("The fire was started on purpose, the police said.", "police")


@pytest.mark.parametrize(
    ("b", "cosine"),
    [
        # a restatement
        (claim("Police said the fire had been started on purpose.", "police"), 0.9),
        # an unrelated claim
        (claim("The town council approved the new budget."), 0.1),
    ],
)
def test_a_claim_from_another_source_that_denies_pulls_hardest(b: Claim, cosine: float) -> None:
    assert contrast_score(CLAIMED, PUSHES, 0.45) > contrast_score(CLAIMED, b, cosine)


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        ("Senate", "Leaders of the Senate met.", "the Senate"),
        ("WASHINGTON", "WASHINGTON (AP) — Leaders met.", "Washington"),
        ("Ada Rossi", "Minister Ada Rossi spoke.", "Ada Rossi"),
        ("NATO", "Leaders of NATO met.", "NATO"),
    ],
)
def test_names_are_shown_as_a_sentence_can_use_them(name: str, text: str, shown: str) -> None:
    from rashomon.compare.differences import _as_written

    assert _as_written(name, text, text.index(name)) == shown


@pytest.mark.parametrize(
    ("name", "text", "given"),
    [
        ("Ark.", "in Hope, Arkansas, on Monday", True),
        ("Hope, Ark.", "in Hope, Arkansas", True),
        ("Arkansas", "in Hope, Ark., on Monday", True),
        ("Mass.", "in Boston, MA", True),
        ("Indiana", "he was in the city", False),  # "in" is not "IN"
        ("Ark.", "the ark of the covenant", False),
    ],
)
def test_a_state_is_given_by_its_abbreviation(name: str, text: str, given: bool) -> None:
    from rashomon.compare.differences import _state_written

    assert _state_written(name, text) is given


def test_first_name_variants() -> None:
    from rashomon.compare.differences import Detail, _variants

    detail = Detail("actor", "Elizabeth", 0, 9, "x1", "Elizabeth Cheney", person=True)
    assert "Liz Cheney" in _variants(detail)
    assert _variants(replace(detail, person=False)) == set()


@pytest.mark.parametrize(
    ("text", "name", "kind", "aside"),
    [
        ("Sen. Ada Rossi, D-Mass., voted no.", "D-Mass.", "place", True),
        ("Rep. Ada Rossi (R-Tenn.) voted no.", "Tenn.", "place", True),
        ("GENEVA — Talks ended.", "GENEVA", "place", True),
        ("'Momma, look, you won.'", "Momma", "person", True),
        ("Talks ended in Geneva.", "Geneva", "place", False),
        ("'Rossi won,' he said.", "Rossi", "person", False),
    ],
)
def test_tags_datelines_and_called_names_are_not_details(
    text: str, name: str, kind: str, aside: bool
) -> None:
    from rashomon.compare.differences import _aside
    from rashomon.records import Entity, Mention

    start = text.index(name)
    mention = Mention(start, start + len(name), name)
    entity = Entity("e1", name, kind, (mention,))  # type: ignore[arg-type]
    assert _aside(entity, (mention.start, mention.end, name), text) is aside


def test_a_number_given_otherwise_is_shown_not_called_missing() -> None:
    # Hurt and treated in hospital: not known to count the same people, so no conflict; but
    # the other side does give a number, and the reader sees both.
    explanations = [
        d.explanation
        for d in found(
            "Eighteen people were hurt when the footbridge collapsed into the canal on Wednesday.",
            "Twenty-three people were treated in hospital after the footbridge collapsed into the "
            "canal on Wednesday.",
        )
    ]
    assert (
        "Tagus Wire gives the number: Eighteen people (injured); Harbour State gives "
        "Twenty-three people." in explanations
    )
    assert not any("no such number" in e for e in explanations)


def test_numbers_that_pair_up_by_value_leave_the_extra_one_a_detail_of_its_own() -> None:
    # Both give the tax rate; only one gives the share given away. That share is not
    # another figure for the tax rate.
    explanations = [
        d.explanation
        for d in found(
            "The couple paid a tax rate of 35.7 percent and gave over 10 percent of their "
            "income to charity.",
            "The couple paid a tax rate of 35.7 percent, while their total rate was 45.8 percent.",
        )
    ]
    assert not any("gives 45.8 percent" in e or "gives 35.7 percent" in e for e in explanations)


def test_dates_given_otherwise_are_shown_side_by_side() -> None:
    explanations = [
        d.explanation
        for d in found(
            "The old ferry pier, which served the island from 1967 to 1979, will be torn down.",
            "The old ferry pier, in use from 1966 to 1978, will be torn down.",
        )
    ]
    assert "Tagus Wire gives 1967, 1979; Harbour State gives 1966, 1978." in explanations
    assert not any("Harbour State gives 1966, 1978; Tagus Wire" in e for e in explanations)


def test_one_speaker_quoted_with_a_word_swapped_is_shown() -> None:
    said = "“We reject his {}. We will not meet him,” the mayor Ada Rossi said on Monday."
    diffs = found(said.format("visit"), said.format("message"), said.format("visit"))
    (swap,) = [d for d in diffs if "quote" in d.explanation]
    assert swap.article == "a1" and swap.missing_in == ("a0", "a2")
    assert swap.explanation == (
        "Harbour State quotes “We reject his message”; "
        "Tagus Wire, Lisbon View quote “We reject his visit”."
    )


@pytest.mark.parametrize(
    ("mine", "other"),
    [
        ("“We reject his visit,”", "“We reject his vissit,”"),
        ("“We reject his visit,”", "“We reject the visit of him,”"),
        ("“We reject the F.B.I. visit,”", "“We reject the FBI visit,”"),
        ("“We are going to reject his visit,”", "“We are gonna reject his visit,”"),
        ("“We reject one in three visits,”", "“We reject 1 in 3 visits,”"),
    ],
)
def test_a_quote_written_otherwise_or_longer_is_not_quoted_differently(
    mine: str, other: str
) -> None:
    said = "{} the mayor Ada Rossi said on Monday."
    diffs = found(said.format(mine), said.format(other))
    assert not [d for d in diffs if "quote" in d.explanation]
