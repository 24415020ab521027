"""Framing of one article: loaded words, hedges, first person, tone toward entities, genre."""

from __future__ import annotations

import pytest

from rashomon.analyze import analyze_article, framing
from rashomon.records import Article, Claim, Entity, Mention

pytestmark = pytest.mark.slow


def found(nlp, text: str, quoted=None) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    return [(e.kind, e.text, e.quoted) for e in framing.evidence(nlp(text), quoted)]


# ------------------------------------------------------------------ evidence: must find nothing

NOTHING = [
    "The ferry left the harbour at 9 a.m. on Tuesday with 214 passengers, the operator said.",
    "The council approved the budget by a vote of seven to two on Monday evening.",
    "In May, the US Treasury published the figures for the first quarter.",
    "The blast damaged two warehouses near the port, according to the fire service.",
    "World War I ended in November 1918.",
    "Hail and strong winds are forecast for the north of the region.",
]


@pytest.mark.parametrize("text", NOTHING)
def test_neutral_report_sentences_have_no_framing_evidence(nlp, text: str) -> None:
    assert found(nlp, text) == []


# ------------------------------------------------------------------ evidence: what it finds

FINDS = [
    ("The council's reckless plan drew fire.", ("loaded", "reckless", False)),
    ("Regulators were asleep at the wheel for years.", ("loaded", "asleep at the wheel", False)),
    ("The report describes a cover-up at the agency.", ("loaded", "cover-up", False)),
    ("The senator slammed the proposal on Friday.", ("loaded", "slammed", False)),
    ("Unfortunately, the bridge will stay closed.", ("evaluative", "Unfortunately", False)),
    ("The minister reportedly knew of the leak.", ("hedge", "reportedly", False)),
    ("The pump may have failed before dawn.", ("hedge", "may have", False)),
    ("It is unclear who ordered the closure.", ("hedge", "It is unclear", False)),
    ("The deal is close, sources say.", ("hedge", "sources say", False)),
    ("The mayor admitted the plan had gaps.", ("cue", "admitted", False)),
    ("We have seen this before in our city.", ("first_person", "We", False)),
    ("Who will pay for the repairs?", ("question", "Who will pay for the repairs?", False)),
    ('"This is a disgraceful decision," the union said.', ("loaded", "disgraceful", True)),
]


@pytest.mark.parametrize(("text", "expected"), FINDS)
def test_finds_framing_evidence(nlp, text: str, expected: tuple[str, str, bool]) -> None:
    assert expected in found(nlp, text)


def test_first_person_and_questions_inside_quotes_are_the_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"Why should we wait? Our town is ready," the mayor said.'
    kinds = {kind for kind, _, _ in found(nlp, text)}
    assert not kinds & {"first_person", "question"}


def test_quote_spans_given_by_the_caller_are_marked(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The union said the decision was disgraceful and would be fought."
    start = text.index("the decision")
    assert found(nlp, text, [(start, len(text))]) == [("loaded", "disgraceful", True)]


def test_offsets_point_at_the_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said the so-called reform was a sham."
    for item in framing.evidence(nlp(text)):
        assert text[item.start : item.end] == item.text


def test_a_quote_running_over_two_paragraphs_is_the_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He said: \u201cWe will fix this reckless mess.\n\u201cAnd we will not wait.\u201d"
    assert {quoted for _, _, quoted in found(nlp, text)} == {True}


# ------------------------------------------------------------------ sentiment

SENTIMENT = [
    ("The rescue was a wonderful success.", 1),
    ("The collapse was a terrible tragedy.", -1),
    ("The meeting is scheduled for Thursday.", 0),
    ("", 0),
]


@pytest.mark.parametrize(("text", "sign"), SENTIMENT)
def test_claim_sentiment_sign(text: str, sign: int) -> None:
    score = framing.claim_sentiment(text)
    assert -1.0 <= score <= 1.0
    assert (score > 0) - (score < 0) == sign


# ------------------------------------------------------------------ genre

REPORT = (
    "The regional council approved a new ferry timetable on Monday, officials said. "
    "Services will run every 20 minutes from June, the operator said in a statement. "
    '"We expect the change to cut waiting times," said Ana Costa, a spokeswoman. '
    "The council said the cost would be covered by ticket revenue."
)
OPINION = (
    "I have taken this ferry for twenty years, and I have never seen such a shameful mess. "
    "Why does the council keep ignoring us? Its reckless timetable is clearly a disaster "
    "for our town. We deserve better, and it is time to say so!"
)


def test_a_wire_style_report_is_a_report(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(REPORT)
    call = framing.genre(doc, ["indirect", "indirect", "direct", "indirect"], framing.evidence(doc))
    assert call.label == "report"
    assert call.attributed_share == 1.0
    assert call.first_person_per_100_words == 0.0


def test_a_first_person_column_is_opinion(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(OPINION)
    call = framing.genre(doc, ["outlet"] * 5, framing.evidence(doc))
    assert call.label == "opinion"
    assert call.score > 0.5
    assert call.first_person_per_100_words > 0
    assert call.evaluative_per_100_words > 0
    assert {e.kind for e in call.evidence} >= {"first_person", "question", "loaded"}


def test_genre_ignores_words_inside_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"I think it is a shameful, reckless disgrace!" the critic said of the plan.'
    doc = nlp(text)
    call = framing.genre(doc, ["direct"], framing.evidence(doc))
    assert call.label == "report"
    assert call.evaluative_per_100_words == 0.0


# ------------------------------------------------------------------ tone toward entities


def claim(text: str, sentence: str, **fields) -> Claim:  # type: ignore[no-untyped-def]
    start = sentence.index(text)
    defaults = {"entities": ("e1",)}
    return Claim(
        id="a:c1",
        article="a",
        text=text,
        start=start,
        end=start + len(text),
        sentence=0,
        **{**defaults, **fields},
    )


def rossi(sentence: str) -> Entity:
    start = sentence.index("Rossi")
    return Entity("e1", "Rossi", "person", (Mention(start, start + 5, "Rossi"),))


TONES = [
    ("Critics accused Rossi of negligence.", {}, -1),
    ("Rossi accused the critics of negligence.", {}, 0),
    ("Rossi was praised for her quick response.", {}, 1),
    ("The inquiry did not blame Rossi for the delay.", {}, 0),
    ("Rossi is a disgrace to this city.", {"voice": "direct"}, -1),
    ("The report on Rossi was published on Monday.", {}, 0),
]

# Only words the parse links to the entity count; other words of the sentence do not.
TARGETED = [
    ("Rossi will visit the injured at the hospital on Wednesday.", 0),
    ("Rossi met the grieving families of the dead.", 0),
    ("Rossi praised the heroic rescue teams.", 0),
    ("The reckless minister Rossi ignored the warnings.", -1),
    ("Rossi, a brilliant engineer, designed the bridge.", 1),
    ("Rossi failed.", -1),
    ("Rossi lied to parliament about the budget.", -1),
    ("Rossi was reckless.", -1),
    ("Rossi was not reckless.", 0),
    ("Angry unions slammed Rossi on Monday.", -1),
    ("Rossi's failure shocked the town.", -1),
    ("The failure of Rossi was plain to see.", -1),
    ("Rossi drew sharp criticism from the unions.", -1),
    ("Rossi, who lied to parliament, resigned on Friday.", -1),
    ("The mayor praised Bianchi and Rossi.", 1),
    ("The attack on Rossi came from her own party.", -1),
    ("The tragic crash happened hours before Rossi arrived in the city.", 0),
]


def sign(score: float) -> int:
    return (score > 0.05) - (score < -0.05)


def tone_of_rossi(nlp, sentence: str, **fields) -> float:  # type: ignore[no-untyped-def]
    (tone,) = framing.entity_tones(
        [claim(sentence, sentence, **fields)], [rossi(sentence)], nlp(sentence)
    )
    assert tone.claims == 1
    return tone.score


@pytest.mark.parametrize(("sentence", "fields", "expected"), TONES)
def test_tone_toward_an_entity(nlp, sentence: str, fields: dict, expected: int) -> None:  # type: ignore[no-untyped-def]
    assert sign(tone_of_rossi(nlp, sentence, **fields)) == expected


@pytest.mark.parametrize(("sentence", "expected"), TARGETED)
def test_tone_counts_only_words_linked_to_the_entity(nlp, sentence: str, expected: int) -> None:  # type: ignore[no-untyped-def]
    assert sign(tone_of_rossi(nlp, sentence)) == expected


def test_a_target_verb_aimed_at_the_entity_counts_half(nlp) -> None:  # type: ignore[no-untyped-def]
    assert tone_of_rossi(nlp, "Critics slammed Rossi.") == pytest.approx(-0.5)


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Angry unions slammed Rossi on Monday.", ["slammed"]),
        ("The reckless Rossi was praised by nobody.", ["reckless", "praised"]),
        ("The tragic crash happened hours before Rossi arrived in the city.", []),
    ],
)
def test_a_tone_shows_the_words_behind_it(nlp, sentence: str, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    (tone,) = framing.entity_tones([claim(sentence, sentence)], [rossi(sentence)], nlp(sentence))
    assert [w.text for w in tone.words] == words
    assert all(sentence[w.start : w.end] == w.text and w.kind == "sentiment" for w in tone.words)


def test_a_quote_counts_half_and_is_reported(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Rossi is a disgrace. Rossi opened the new bridge."
    claims = [
        claim("Rossi is a disgrace.", text, voice="direct"),
        claim("Rossi opened the new bridge.", text),
    ]
    entity = Entity("e1", "Rossi", "person", (Mention(0, 5, "Rossi"), Mention(21, 26, "Rossi")))
    (tone,) = framing.entity_tones(claims, [entity], nlp(text))
    assert tone.quoted == 1
    assert tone.claims == 2
    alone = tone_of_rossi(nlp, "Rossi is a disgrace.", voice="direct")
    assert alone < 0
    assert tone.score == pytest.approx(alone / 3, abs=0.01)


SPEAKER = [("boasted", -0.3), ("said", None)]


@pytest.mark.parametrize(("cue", "score"), SPEAKER)
def test_own_words_are_not_tone_toward_the_speaker(nlp, cue: str, score: float | None) -> None:  # type: ignore[no-untyped-def]
    text = "The new bridge is a magnificent success."
    c = claim(text, text, voice="indirect", speaker_entity="e1", cue=cue)
    tones = framing.entity_tones([c], [Entity("e1", "Rossi", "person", ())], nlp(text))
    assert [t.score for t in tones] == ([score] if score is not None else [])


def test_entities_no_claim_mentions_get_no_tone(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The bridge reopened on Monday."
    c = claim(text, text, entities=())
    assert framing.entity_tones([c], [Entity("e1", "Rossi", "person", ())], nlp(text)) == []


@pytest.mark.parametrize(
    ("url", "label", "section"),
    [
        ("https://news.example/opinion/2026/05/15/the-bridge", "opinion", "/opinion/"),
        ("https://news.example/columns/smith-on-the-bridge", "opinion", "/columns/"),
        ("https://news.example/news/2026/05/15/the-bridge", "report", ""),
        ("https://news.example/blogs/briefing-room/news/the-bridge", "report", ""),
    ],
)
def test_an_opinion_section_in_the_url_makes_an_opinion_piece(
    url: str, label: str, section: str
) -> None:
    text = (
        "The footbridge over the Leie collapsed on Wednesday night, the fire service said. "
        "Seventeen people were taken to hospital, officials said."
    )
    call = analyze_article(Article(id="a", outlet="Courier", text=text, url=url)).genre
    assert (call.label, call.section) == (label, section)
