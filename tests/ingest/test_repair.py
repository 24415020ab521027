"""Repairing crawled text: furniture out, bylines lifted, every word of prose kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.ingest.repair import byline_of, clean_body, is_furniture, repair

GLUED = [
    ("the ferry sank.Rossi reminded them", "the ferry sank. Rossi reminded them"),
    ("sank in 2025.The ministry said", "sank in 2025. The ministry said"),
    ("Is it safe?Nobody knows.", "Is it safe? Nobody knows."),
    ("he said.“We tried,” she said", "he said. “We tried,” she said"),
    ("“We tried.”Lopes added", "“We tried.” Lopes added"),
    ("it sank...Then nothing", "it sank... Then nothing"),
    ("ferries,buses and trains", "ferries, buses and trains"),
    # must not change
    ("The U.S. Navy helped.", "The U.S. Navy helped."),
    ("The U.S.Navy helped.", "The U.S.Navy helped."),
    ("tools, e.g. sonar and divers", "tools, e.g. sonar and divers"),
    ("see example.com for details", "see example.com for details"),
    ("winds of 3.5 knots", "winds of 3.5 knots"),
    ("a Ph.D. student", "a Ph.D. student"),
    ("1,200 people", "1,200 people"),
    ("at 10:30 a.m. on Tuesday", "at 10:30 a.m. on Tuesday"),
    ("ASP.NET and Node.js", "ASP.NET and Node.js"),
]


@pytest.mark.parametrize(("text", "expected"), GLUED)
def test_glued_sentences_get_their_space_back(text: str, expected: str) -> None:
    assert repair(text) == expected


QUOTES = [
    ('"We did everything," he said.', "“We did everything,” he said."),
    ('He said: "It sank." Then he left.', "He said: “It sank.” Then he left."),
    ("the captain's brother", "the captain’s brother"),
    ("'It was terrible,' she said.", "‘It was terrible,’ she said."),
    ("in the '90s", "in the ’90s"),
    ("„Guten Tag“ and ‚so‘", "“Guten Tag“ and ‘so‘"),
    ("``Yes,'' he said.", "“Yes,” he said."),
    ("“Already curly,” she said.", "“Already curly,” she said."),
    ("O'Neill and O’Rourke don't agree.", "O'Neill and O'Rourke don’t agree."),
    # a stray space before the closing mark of an open quotation
    (
        'He wrote, "It is wrong. "He means "the memo."',
        "He wrote, “It is wrong.” He means “the memo.”",
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotes_become_curly_by_context(text: str, expected: str) -> None:
    assert repair(text) == expected


SPACES = [
    ("two  spaces\tand\u00a0a nbsp", "two spaces and a nbsp"),
    ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
    ("windows\r\nline ends", "windows\nline ends"),
    ("  padded line  ", "padded line"),
]


@pytest.mark.parametrize(("text", "expected"), SPACES)
def test_whitespace_and_invisible_characters(text: str, expected: str) -> None:
    assert repair(text) == expected


FURNITURE = [
    "Share on Facebook",
    "Share on Twitter",
    "Tweet",
    "Email",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Read more",
    "Read more: Ferry operators face new safety rules",
    "READ MORE | Ferry operators face new safety rules",
    "Related stories",
    "Photo: Ana Costa/Tagus Wire",
    "Photograph by Rui Lopes for Tagus Wire",
    "Image credit: Coast guard handout",
    "(Reuters)",
    "AP Photo/Ana Costa",
    "Copyright 2026 Tagus Wire. All rights reserved.",
    "© Tagus Wire",
    "(Reporting by Ana Costa; Editing by Rui Lopes)",
    "Updated March 3, 2026 10:42 GMT",
    "Sign up for our morning newsletter",
    "Rescue efforts",  # a subheading: no sentence, no claim
    "4 min read",
    "Getty.",
    "Bloomberg via Getty Images.",
    "Ana Costa/Reuters",
    "Follow Ana Costa on Twitter @anacosta.",
    "Twitter: @anacosta",
    "9:05 p.m.",
    "TOP STORIES.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_page_furniture_is_dropped(line: str) -> None:
    assert is_furniture(line)


PROSE = [
    "Twelve people died.",
    "Share prices of the ferry operator fell 12% on Wednesday.",
    "Read the ministry's report and you will see the problem, Lopes said.",
    "Photographs of the wreck were shared widely on Tuesday.",
    "Copyright law was not the issue, the lawyer said.",
    "Published figures show 12 people died.",
    "Watch the rescuers at work and you understand the risk, she said.",
    "Updated safety rules will come into force next year.",
    "- 12 dead",
    "The ministry listed the causes:",
    "2025 was the worst year for ferries.",
    "Follow the money, the inspector told the inquiry.",
    "At 9:05 p.m. the ferry sent a distress call.",
]


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_kept(line: str) -> None:
    assert not is_furniture(line)


BYLINES = [
    ("By Ana Costa", "Ana Costa"),
    ("BY ANA COSTA", "ANA COSTA"),
    ("By Ana Costa and Rui Lopes", "Ana Costa and Rui Lopes"),
    ("By Ana Costa, Tagus Wire", "Ana Costa, Tagus Wire"),
    ("By The Associated Press", "The Associated Press"),
    ("Written by Maria da Silva", "Maria da Silva"),
    ("By Ana Costa.", "Ana Costa"),
    ("BYLINE: Ana Costa.", "Ana Costa"),
    # not bylines
    ("By Tuesday, the death toll had risen to 12.", None),
    ("By then the ferry had sunk", None),
    ("By March the inquiry will report", None),
    ("By Lisbon standards it was a calm night.", None),
    ("Ana Costa", None),
]


@pytest.mark.parametrize(("line", "expected"), BYLINES)
def test_bylines(line: str, expected: str | None) -> None:
    assert byline_of(line) == expected


def test_clean_body_keeps_prose_lifts_byline_and_drops_furniture() -> None:
    raw = (
        "By Ana Costa\nShare on Facebook\nTweet\n\n"
        "A ferry sank off Lisbon on Tuesday.The coast guard said 12 people died.\n"
        "Photo: Ana Costa/Tagus Wire\nAdvertisement\n"
        '"We did everything we could," said captain Rui Lopes.\n'
        "Rescue efforts\n"
        "The search continued into the night, with divers working in\n"
        "shifts along the coast until the weather turned.\n\n"
        "Read more: Ferry operators face new rules\n"
    )
    body = clean_body(raw)
    assert body.byline == "Ana Costa"
    assert body.text == (
        "A ferry sank off Lisbon on Tuesday. The coast guard said 12 people died.\n\n"
        "“We did everything we could,” said captain Rui Lopes.\n\n"
        "The search continued into the night, with divers working in shifts along the coast "
        "until the weather turned."
    )


def test_hyphen_broken_words_are_rejoined() -> None:
    raw = "The ferry was operated by a Lisbon-\nbased company that had run the route for years."
    assert clean_body(raw).text == (
        "The ferry was operated by a Lisbon-based company that had run the route for years."
    )


# ----------------------------------------------------------------------------- properties

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
_FIRST = st.sampled_from(["The", "A", "Officials", "Ferry", "Lopes", "It", "Nobody", "Rescuers"])
_SENTENCE = st.builds(
    lambda first, rest, end: " ".join([first, *rest]) + end,
    _FIRST,
    st.lists(_WORD, min_size=4, max_size=25),
    st.sampled_from([".", "!", "?", ".”"]),
)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=5)
_SEPARATOR = st.sampled_from([" ", "", "\n", "\n\n", "  ", "\t"])


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_PARAGRAPH, _SEPARATOR), min_size=1, max_size=6))
def test_no_sentence_of_prose_is_ever_dropped(paragraphs: list[tuple[list[str], str]]) -> None:
    raw = "\n\n".join(separator.join(sentences) for sentences, separator in paragraphs)
    cleaned = clean_body(raw).text
    assert _words(cleaned) == _words(raw)
    for sentences, _ in paragraphs:
        for sentence in sentences:
            assert " ".join(sentence.rstrip(".!?”").split()) in " ".join(cleaned.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_repair_is_idempotent(text: str) -> None:
    once = repair(text)
    assert repair(once) == once


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_SENTENCE, st.sampled_from(FURNITURE), st.sampled_from(PROSE), _WORD),
        max_size=12,
    ).map("\n".join)
)
def test_clean_body_is_idempotent(text: str) -> None:
    once = clean_body(text)
    twice = clean_body(once.text)
    assert twice.text == once.text
    assert twice.byline == ""
