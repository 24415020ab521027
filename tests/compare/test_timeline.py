"""The timeline: dated events across outlets, merged when they are one event, in date order."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from rashomon.analyze import timex
from rashomon.compare import timeline
from rashomon.records import (
    AnalyzedArticle,
    Article,
    Claim,
    ClaimRef,
    Fact,
    GenreCall,
)

PUBLISHED = dt.date(2026, 3, 5)


def analyzed(nlp, article_id: str, text: str, *, attach: bool = True) -> AnalyzedArticle:  # type: ignore[no-untyped-def]
    """One claim per sentence, with the time expressions timex finds in it."""
    doc = nlp(text)
    times = timex.extract(doc, PUBLISHED)
    claims = []
    for n, sent in enumerate(doc.sents, 1):
        inside = tuple(t for t in times if sent.start_char <= t.start and t.end <= sent.end_char)
        claims.append(
            Claim(
                id=f"{article_id}:c{n}",
                article=article_id,
                text=sent.text,
                start=sent.start_char,
                end=sent.end_char,
                sentence=n - 1,
                times=inside if attach else (),
            )
        )
    return AnalyzedArticle(
        article=Article(article_id, article_id.upper(), text, published=PUBLISHED),
        claims=tuple(claims),
        quotes=(),
        entities=(),
        quantities=(),
        times=tuple(times),
        genre=GenreCall("report", 0.0, 0.0, 0.0, 0.0, 0.0),
    )


def test_events_are_dated_labelled_and_sorted(nlp):  # type: ignore[no-untyped-def]
    a = analyzed(nlp, "a", "Police arrested the captain on Tuesday. The ferry sank on Monday.")
    entries = timeline.build([a])
    assert [(e.date, e.granularity, e.label) for e in entries] == [
        ("2026-03-02", "day", "The ferry sank"),
        ("2026-03-03", "day", "Police arrested the captain"),
    ]
    assert entries[0].sources[0].text == "The ferry sank on Monday."
    assert entries[0].expressions == ("Monday",)


def test_same_date_and_label_merge_across_outlets(nlp):  # type: ignore[no-untyped-def]
    a = analyzed(nlp, "a", "The ferry sank on Monday.")
    b = analyzed(nlp, "b", "The ferry sank on Monday, March 2.")
    entries = timeline.build([a, b])
    assert len(entries) == 1
    assert [r.article for r in entries[0].sources] == ["a", "b"]
    assert entries[0].expressions == ("Monday", "Monday, March 2")


def test_facts_merge_differently_worded_claims(nlp):  # type: ignore[no-untyped-def]
    a = analyzed(nlp, "a", "The ferry sank on Monday.")
    b = analyzed(nlp, "b", "A passenger boat went down on March 2.")
    fact = Fact(
        id="f1",
        status="agreed",
        outlets=("A", "B"),
        claims=tuple(
            ClaimRef(c.article, c.id, c.text, c.start, c.end) for c in (*a.claims, *b.claims)
        ),
        label="the ferry sank",
    )
    assert len(timeline.build([a, b])) == 2
    merged = timeline.build([a, b], [fact])
    assert len(merged) == 1
    assert {r.article for r in merged[0].sources} == {"a", "b"}


def test_times_of_the_article_serve_claims_without_their_own(nlp):  # type: ignore[no-untyped-def]
    a = analyzed(nlp, "a", "The ferry sank on Monday.", attach=False)
    assert [e.date for e in timeline.build([a])] == ["2026-03-02"]


@pytest.mark.parametrize(
    "text",
    [
        "The ferry sank in the harbour.",
        "The crew had worked for three days.",  # a duration has no date
        "A week later the ferry was raised.",  # nothing to count from
    ],
)
def test_undated_claims_make_no_entries(nlp, text):  # type: ignore[no-untyped-def]
    assert timeline.build([analyzed(nlp, "a", text)]) == []


def test_coarser_periods_follow_finer_on_the_same_first_day(nlp):  # type: ignore[no-untyped-def]
    a = analyzed(nlp, "a", "Fares rose in March. The strike began on March 1.")
    entries = timeline.build([a])
    assert [(e.date, e.granularity) for e in entries] == [
        ("2026-03-01", "day"),
        ("2026-03-01", "month"),
    ]


@pytest.mark.parametrize(
    ("sentence", "words", "label"),
    [
        ("Police held the captain late on Tuesday.", "late on Tuesday", "Police held the captain"),
        ("On Monday the ministry said it would act.", "Monday", "the ministry said it would act"),
        ("Tugs towed the ferry to a shipyard later on Tuesday.", "later on Tuesday",
         "Tugs towed the ferry to a shipyard"),
        ("The firm issued a two-line statement last night.", "last night",
         "The firm issued a two-line statement"),
        ("She is expected to brief parliament next week.", "next week",
         "She is expected to brief parliament"),
        ("The last fatal accident was in 2011.", "2011", "The last fatal accident was in 2011"),
        ("The firm will meet investors next week.", "next week", "The firm will meet investors"),
        ("The port closed and the crew left on Friday.", "Friday", "the crew left"),
        # a date on a noun that is not the subject dates that noun
        ("The council would lift a 2014 ban made by the mayor.", "2014",
         "a ban made by the mayor"),
        ("The 2012 election was close.", "2012", "The election was close"),
        ("The harbour master, who runs the port board, plans to close the old pier during a "
         "review of the port on Friday.", "Friday",
         "The harbour master plans to close the old pier"),
    ],
)  # fmt: skip
def test_event_phrase_is_the_verb_the_time_modifies(nlp, sentence, words, label):  # type: ignore[no-untyped-def]
    start = sentence.index(words)
    assert timeline.event_phrase(nlp(sentence), start, start + len(words)) == label


@pytest.mark.parametrize(
    ("sentence", "words", "label"),
    [
        ("The mayor stopped short of calling on the chief to resign on Monday.", "Monday",
         "The mayor stopped short of calling on the chief to resign"),
        ("The chief continued his refusal to step down on Tuesday.", "Tuesday",
         "The chief continued his refusal to step down"),
        ("The union did not expect to be striking in March.", "March",
         "The union did not expect to be striking"),
        ("No official said the ferry left on Monday.", "Monday", "No official said the ferry left"),
        ("Nothing in the report shows that the mayor moved the vote in 2012.", "2012",
         "Nothing in the report shows the mayor moved the vote"),
        ("Nothing in the emails supports theories that the notes were changed in order to sway "
         "the 2012 vote.", "2012",
         "Nothing in the emails supports theories that the notes were changed in order to …"),
        ("The mayor answered allegations that the port chief had taken bribes in 2019.", "2019",
         "allegations that the port chief had taken bribes"),
    ],
)  # fmt: skip
def test_a_label_keeps_the_words_that_deny_its_event(nlp, sentence, words, label):  # type: ignore[no-untyped-def]
    start = sentence.index(words)
    assert timeline.event_phrase(nlp(sentence), start, start + len(words)) == label


def test_a_denied_word_above_an_unrelated_event_does_not_take_its_label(nlp):  # type: ignore[no-untyped-def]
    sentence = "The union opposes the plan unveiled on Monday by the mayor."
    start = sentence.index("Monday")
    assert "opposes" not in timeline.event_phrase(nlp(sentence), start, start + len("Monday"))


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("It was not clear whether the repair had been made by Tuesday.", "Tuesday"),
        ("The hull had been checked before Tuesday.", "Tuesday"),
        ("Nobody will be charged until Friday.", "Friday"),
    ],
)
def test_bounds_and_unsure_events_get_no_label(nlp, sentence, words):  # type: ignore[no-untyped-def]
    start = sentence.index(words)
    assert timeline.event_phrase(nlp(sentence), start, start + len(words)) == ""


def test_labels_with_mostly_the_same_words_merge(nlp):  # type: ignore[no-untyped-def]
    a = analyzed(nlp, "a", "The ferry Estrela struck a cargo ship on Tuesday.")
    b = analyzed(nlp, "b", "The Estrela struck a cargo ship on Tuesday.")
    c = analyzed(nlp, "c", "Rescuers reached the Estrela on Tuesday.")
    entries = timeline.build([a, b, c])
    assert sorted(len(e.sources) for e in entries) == [1, 2]


def test_labels_read_the_whole_sentence_of_a_clause_claim(nlp):  # type: ignore[no-untyped-def]
    text = "Rossi said the line would reopen on Friday."
    a = analyzed(nlp, "a", text)
    claim = a.claims[0]
    clause = replace(claim, text=text[9:], start=9, times=claim.times)
    b = replace(a, claims=(replace(claim, text=text[:9], end=9, times=()), clause))
    [entry] = timeline.build([b])
    assert entry.label == "the line would reopen"
    assert entry.date == "2026-03-06"


@pytest.mark.parametrize(
    ("sentence", "words", "label"),
    [
        ("Rossi questioned MFL, which was fined in 2023.", "2023", "MFL was fined"),
        ("The commission will report by the end of April.", "April", "The commission will report"),
        ("Ferries between Montijo and Lisbon resume on Friday.", "Friday",
         "Ferries between Montijo and Lisbon resume"),
    ],
)  # fmt: skip
def test_labels_read_as_clauses(nlp, sentence, words, label):  # type: ignore[no-untyped-def]
    start = sentence.index(words)
    assert timeline.event_phrase(nlp(sentence), start, start + len(words)) == label


def test_a_pair_of_times_is_left_out_whole(nlp):  # type: ignore[no-untyped-def]
    sentence = "The firm was fined twice in 2023 and 2024."
    start = sentence.index("2024")
    assert timeline.event_phrase(nlp(sentence), start, start + 4) == "The firm was fined twice"


def test_a_merged_entry_takes_the_label_most_alike_the_others(nlp):  # type: ignore[no-untyped-def]
    a = analyzed(nlp, "a", "Two people were hurt on Tuesday when the ferry struck a ship.")
    b = analyzed(nlp, "b", "The ferry Estrela struck a cargo ship on Tuesday.")
    c = analyzed(nlp, "c", "On Tuesday the Estrela struck a cargo ship.")
    fact = Fact(
        id="f1",
        status="agreed",
        outlets=("A", "B"),
        claims=tuple(
            ClaimRef(x.article, x.id, x.text, x.start, x.end) for x in (*a.claims, *b.claims)
        ),
        label="",
    )
    [entry] = timeline.build([a, b, c], [fact])
    assert entry.label == "The ferry Estrela struck a cargo ship"


def test_a_date_that_starts_a_state_says_so(nlp):  # type: ignore[no-untyped-def]
    sentence = "All together, 12 devices have been found since Monday."
    start = sentence.index("Monday")
    label = timeline.event_phrase(nlp(sentence), start, start + len("Monday"))
    assert label.startswith("since then, ") and "12 devices have been found" in label


@pytest.mark.parametrize(
    "sentence",
    [
        "It was, on Tuesday.",
        "We will find out what happened on Tuesday.",
        "Police listed everyone named on the boxes discovered on Tuesday.",
    ],
)
def test_a_label_that_would_say_nothing_is_no_label(nlp, sentence):  # type: ignore[no-untyped-def]
    start = sentence.index("Tuesday")
    assert timeline.event_phrase(nlp(sentence), start, start + len("Tuesday")) == ""
