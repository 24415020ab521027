"""Voices: how outlets introduce one speaker's words."""

from __future__ import annotations

import pytest

from rashomon.compare.voices import _by_full_name, _cue_contrast, _spoken, _wording
from rashomon.records import QuoteRef


def quote(outlet: str, cue: str, text: str, start: int = 0) -> QuoteRef:
    return QuoteRef(outlet, outlet, "Rossi", cue, text, start, start + len(text), True)


def test_one_statement_with_different_verbs_is_noted() -> None:
    refs = [
        quote("Wire", "told", "“We do not yet know the cause, and I will not guess,” she told"),
        quote("View", "admitted", "“We do not yet know the cause,”"),
    ]
    assert list(_cue_contrast(refs, {})) == [
        "same statement, different verbs: Wire “told”, View “admitted” — "
        "“We do not yet know the cause”"
    ]


@pytest.mark.parametrize(
    "refs",
    [
        # two different statements of one speaker: the verbs say nothing about each other
        [
            quote("Wire", "added", "that a commission would report by the end of April"),
            quote("View", "has promised", "that the state will pay the families of the dead"),
        ],
        # one statement, neutral verbs on both sides
        [
            quote("Wire", "said", "We do not yet know the cause"),
            quote("View", "told", "We do not yet know the cause"),
        ],
        # one outlet with two verbs is not a difference between outlets
        [
            quote("View", "said", "We do not yet know the cause"),
            quote("View", "admitted", "We do not yet know the cause", 50),
        ],
        # too few words to call two quotes one statement
        [quote("Wire", "said", "“No.”"), quote("View", "insisted", "“No.”")],
    ],
)
def test_finds_nothing(refs: list[QuoteRef]) -> None:
    assert list(_cue_contrast(refs, {})) == []


def test_one_fact_with_some_shared_words_is_one_statement() -> None:
    refs = [
        quote("Wire", "said", "the state will pay relatives of the victims within 30 days"),
        quote("View", "has promised", "the state will pay the families of the dead"),
    ]
    facts = {("Wire", 0): "f1", ("View", 0): "f1"}
    [note] = _cue_contrast(refs, facts)
    assert note.startswith("same statement, different verbs: Wire “said”, View “has promised”")


@pytest.mark.parametrize(
    ("cue", "spoken"),
    [
        ("said", True),
        ("has denied", True),
        ("according to", True),
        ("push in the county for", False),  # a campaign, not words
        ("support for", False),
        ("urged", True),
        ("in a statement", True),
        ("emailed", True),
        ("scoffed", True),
        # a stance or a decision is in the claims, but nobody is quoted
        ("backed", False),
        ("decided", False),
        ("voted against", False),
        ("believes", False),
        # no words passed on
        ("did not respond to", False),
        ("declined to", False),
        ("didn't say", False),
        # not said yet, or only maybe
        ("will ask", False),
        ("could argue", False),
        ("'ll say", False),
        ("would say", True),  # "would say only that": reported speech
        ("according to", True),
        ("push in the county for", False),  # a campaign, not words
        ("support for", False),
    ],
)
def test_voices_are_what_someone_said(cue: str, spoken: bool) -> None:
    assert _spoken(cue) is spoken


def test_a_speaker_known_by_surname_joins_the_one_full_name() -> None:
    wire, view = quote("Wire", "said", "a"), quote("View", "said", "b")
    grouped = {"Aitan Goelman": [wire], "Mr. Goelman": [view], "Goelman": [view]}
    assert _by_full_name(grouped) == {"Aitan Goelman": [wire, view, view]}


def test_a_surname_two_full_names_end_with_stays_apart() -> None:
    refs = {"Ada Rossi": [], "Luca Rossi": [], "Rossi": [quote("Wire", "said", "a")]}
    assert set(_by_full_name(refs)) == {"Ada Rossi", "Luca Rossi", "Rossi"}


def test_a_role_before_a_full_name_joins_that_name() -> None:
    refs = {
        "Joseph diGenova": [quote("Wire", "told", "a")],
        "former U.S. attorney for the District of Columbia Joseph diGenova": [
            quote("Wire", "blasted", "b")
        ],
    }
    assert list(_by_full_name(refs)) == ["Joseph diGenova"]


def test_a_document_named_in_other_plain_words_is_one_voice() -> None:
    refs = {
        name: [quote("Wire", "alleges", name)]
        for name in ["The 24-page indictment", "the indictment", "an indictment", "The indictment"]
    }
    assert list(_by_full_name(refs)) == ["the indictment"]


def test_a_name_among_the_words_keeps_a_voice_apart() -> None:
    names = ["the Trump campaign", "the campaign", "the source", "unnamed source"]
    refs = {name: [quote("Wire", "said", name)] for name in names}
    assert set(_by_full_name(refs)) == set(names)


def test_the_same_name_in_other_capitals_is_one_voice() -> None:
    refs = {"WikiLeaks": [quote("Wire", "wrote", "a")], "Wikileaks": [quote("Post", "said", "b")]}
    assert list(_by_full_name(refs)) == ["WikiLeaks"]


@pytest.mark.parametrize(
    ("speaker", "cue", "direct", "kept"),
    [
        (None, "was charged", False, False),  # what happened to someone
        (None, "were promised", False, False),
        ("the prosecutor", "was quoted", False, True),  # somebody is named
        (None, "was quoted", True, True),  # a quotation is still somebody's words
        (None, "said", False, True),
    ],
)
def test_a_passive_with_nobody_speaking_is_no_voice(
    speaker: str | None, cue: str, direct: bool, kept: bool
) -> None:
    from rashomon.compare.voices import _nobody_passive
    from rashomon.records import Quote

    q = Quote("q1", speaker, None, cue, "text", 0, 4, direct)
    assert _nobody_passive(q) is not kept


def test_a_word_swapped_in_one_quote_is_quoted_differently() -> None:
    refs = [
        quote("Wire", "said", "“We reject his visit,”"),
        quote("View", "said", "“We reject his message.”"),
    ]
    assert list(_wording(refs)) == [
        "quoted differently: Wire “We reject his visit” / View “We reject his message”"
    ]


def test_a_longer_quote_of_the_same_words_is_not_quoted_differently() -> None:
    long = "“I regret it,” Rossi said. “I will always work for a civil public debate.”"
    refs = [
        quote("Wire", "said", long),
        quote("View", "said", "“I will always work for a civil public debate.”"),
    ]
    assert list(_wording(refs)) == []


def test_the_outlets_own_words_between_quoted_parts_are_not_the_quote() -> None:
    wire = "“We stay,” Rossi told the Wire in an interview. “The port is safe.”"
    view = "“We stay,” Mayor Rossi told the View in a statement. “The port is safe.”"
    assert list(_wording([quote("Wire", "told", wire), quote("View", "told", view)])) == []
