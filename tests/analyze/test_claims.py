"""Claims are atomic: coordinated clauses split, attribution frames are not claims."""

from __future__ import annotations

import pytest

from rashomon.analyze.attribution import extract
from rashomon.analyze.claims import split
from rashomon.records import Attribution


def texts(doc, attributions=()):  # type: ignore[no-untyped-def]
    return [doc.text[p.start : p.end] for p in split(doc, list(attributions))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ferry sank in the fog.", ["The ferry sank in the fog."]),
        (
            "The ferry sank in the fog and twelve people were injured.",
            ["The ferry sank in the fog", "twelve people were injured."],
        ),
        (
            "The bridge was closed; traffic was diverted to the old road.",
            ["The bridge was closed", "traffic was diverted to the old road."],
        ),
        # A shared subject is one claim about one actor, not two.
        (
            "The minister visited the port and met the families.",
            ["The minister visited the port and met the families."],
        ),
        # Too short to stand alone: stays attached.
        ("Yes.", []),
        # never cut inside brackets
        (
            "The port will learn and change (and the ministry says it has) from this disaster.",
            ["The port will learn and change (and the ministry says it has) from this disaster."],
        ),
    ],
)
def test_outlet_voice_sentences_split_at_clauses(nlp, sentence: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert texts(nlp(sentence)) == expected


def test_attributed_content_is_the_claim_and_the_frame_is_not(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The company will pay damages, Rossi said, adding that the cause must be found."
    doc = nlp(text)
    first = text.index("The company")
    second = text.index("the cause")
    attributions = [
        Attribution(
            first,
            text.index(","),
            "Rossi",
            None,
            text.index("Rossi"),
            text.index("Rossi") + 5,
            "said",
        ),
        Attribution(
            second,
            len(text) - 1,
            "Rossi",
            None,
            text.index("Rossi"),
            text.index("Rossi") + 5,
            "adding",
        ),
    ]
    pieces = split(doc, attributions)
    assert [text[p.start : p.end] for p in pieces] == [
        "The company will pay damages",
        "the cause must be found",
    ]
    assert all(p.attribution is not None and p.attribution.speaker == "Rossi" for p in pieces)


def test_offsets_point_into_the_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Police closed the road.  Officials said the storm would pass and schools would reopen."
    doc = nlp(text)
    for piece in split(doc, []):
        assert text[piece.start : piece.end].strip() == text[piece.start : piece.end]
        assert piece.end > piece.start


def test_reported_speech_claims_drop_the_complementizer(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Rossi said that the ferry was late."
    doc = nlp(text)
    s = text.index("that")
    attribution = Attribution(s, len(text) - 1, "Rossi", None, 0, 5, "said", 6, 10)
    assert texts(doc, [attribution]) == ["the ferry was late"]


def test_a_quote_interrupted_by_its_frame_leaves_the_frame_out(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“The rescue teams were heroic,” Rossi said. “They saved many lives this morning.”"
    doc = nlp(text)
    speaker = text.index("Rossi")
    cue = text.index("said")
    attribution = Attribution(
        1, len(text) - 1, "Rossi", None, speaker, speaker + 5, "said", cue, cue + 4, True
    )
    claims = texts(doc, [attribution])
    assert claims == ["The rescue teams were heroic", "They saved many lives this morning."]


def _claims(nlp, text: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    """The claims of ``text`` with their speakers' words, attributions found by ``extract``."""
    doc = nlp(text)
    pieces = split(doc, extract(doc))
    return [(text[p.start : p.end], _speaker(text, p.attribution)) for p in pieces]


def _speaker(text: str, a: Attribution | None) -> str | None:
    if a is None or a.speaker_start is None or a.speaker_end is None:
        return None
    return text[a.speaker_start : a.speaker_end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every sentence of a quotation before its frame is the speaker's
        (
            '"The council will pay for the repairs. No shop will be left to close," '
            "Bianchi assured traders gathered outside the Praça do Comércio station.",
            [
                ("The council will pay for the repairs.", "Bianchi"),
                ("No shop will be left to close", "Bianchi"),
            ],
        ),
        # a relative clause on the speaker belongs to the frame
        (
            '"The pier is safe," said Dubois, who watched the storm from the shore.',
            [("The pier is safe", "Dubois")],
        ),
        # a subject cut off by a parenthetical frame stays with its verb
        (
            "The driver, we were told, is being questioned.",
            [("The driver, we were told, is being questioned", None)],
        ),
        # content that is no clause is a claim together with its speaker and cue
        (
            "Residents praised the lifeguards.",
            [("Residents praised the lifeguards", "Residents")],
        ),
        # "nobody" asserts nothing: the outlet says that nobody spoke
        (
            "Nobody at the council has said whether the levee was inspected.",
            [("Nobody at the council has said whether the levee was inspected.", None)],
        ),
        # a verbless line still states something
        (
            "Ferry strikes cargo ship in fog on the Tagus",
            [("Ferry strikes cargo ship in fog on the Tagus", None)],
        ),
        (
            "Rescue at Montijo pier after collision",
            [("Rescue at Montijo pier after collision", None)],
        ),
        # an outlet's question states nothing; nor does a verbless fragment in a paragraph
        ("Where did it happen? A military base.", []),
        ("By Ana Lopes", []),
        # content with no verb of its own is a claim with its cue and speaker
        (
            "A jury found the mayor guilty of fraud on Thursday.",
            [("A jury found the mayor guilty of fraud on Thursday.", "A jury")],
        ),
        # an attribution inside a subordinate clause is part of the outlet's claim
        (
            "Dozens of people protested after the newspaper endorsed the mayor.",
            [("Dozens of people protested after the newspaper endorsed the mayor.", None)],
        ),
        # a question is asked, not stated, and not attributed to "who"
        ("Who decided that the bridge could stay closed?", []),
    ],
)
def test_claims_are_clauses_with_their_speakers(nlp, text: str, expected: list) -> None:  # type: ignore[no-untyped-def]
    assert _claims(nlp, text) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Either the radar failed or the crew ignored it.",
        "The ferry was late or the bus left early.",
    ],
)
def test_alternatives_are_not_split(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert texts(nlp(sentence)) == [sentence]


def test_a_condition_stays_with_the_claim_it_limits(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "If the panel is independent, it will ask hard questions."
    doc = nlp(text)
    cue = text.index("will ask")
    content = text.index("hard questions")
    it = text.index("it ")
    attribution = Attribution(
        content, len(text) - 1, None, None, it, it + 2, "will ask", cue, cue + 8
    )
    assert texts(doc, [attribution]) == ["If the panel is independent, it will ask hard questions"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A speech frame whose words lie outside it states nothing.
        (
            "The harbour master shouts at the crew. The pilot replies, “we are turning now.”",
            "The pilot replies",
        ),
        # A frame cut off before its content states nothing either.
        (
            "The port used the hearing to make clear that it believes the fog was to blame.",
            "The port used the hearing to make clear that",
        ),
    ],
)
def test_a_bare_frame_is_no_claim(nlp, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert expected not in texts(doc, extract(doc))


@pytest.mark.parametrize(
    "sentence", ["Mr. Rossi did not respond.", "Police responded soon after the call."]
)
def test_a_frame_that_says_something_is_a_claim(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(sentence)
    assert texts(doc, extract(doc)) == [sentence]


def test_a_clause_setting_the_scene_after_a_frame_is_the_outlets_own(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rescue crews acted with speed after the ferry struck a cargo ship, the minister said, "
        "as the government turned its attention to the operator."
    )
    doc = nlp(text)
    assert texts(doc, extract(doc)) == [
        "Rescue crews acted with speed after the ferry struck a cargo ship",
        "as the government turned its attention to the operator.",
    ]


def test_a_claim_keeps_the_mark_that_closes_a_quote_it_opens(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "Rossi told state television that the cause was “clear” and that it was “human error.”"
    )
    assert texts(doc, extract(doc)) == ["the cause was “clear”", "it was “human error.”"]


def test_a_blank_line_ends_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    # Without it the parser runs a navigation line and a headline into the lede.
    doc = nlp(
        "Site Navigation\n\nGovernor Names Former Aide to Senate Seat\n\n"
        "BOSTON — The governor on Wednesday named a former aide to the Senate seat."
    )
    assert not any("\n\n" in claim for claim in texts(doc))
    assert texts(doc)[-1].startswith("BOSTON — The governor")


@pytest.mark.parametrize(
    "sentence",
    [
        "The inspector did not say that the ferry was unsafe.",
        "The operator declined to say who approved the repair.",
        "The minister never claimed that the radar had been fixed.",
        "The commission will argue that the port was negligent.",
        "The operator declined to comment on the report.",
        # a stance or a campaign, not words passed on
        "The mayor is leading a push in the county for stricter ferry rules.",
        # a belief held by nobody named
        "The mayor had widely been considered the favourite for the harbour post.",
        # the frame before a passive report that names nobody belongs to the claim
        "The comment came hours after it was first announced that the ferry would stop.",
    ],
)
def test_words_nobody_said_are_the_outlets_claim(sentence: str) -> None:
    # What a speaker did not say, refused to say or has yet to say is not the speaker's
    # claim: the whole sentence is the outlet's report.
    from rashomon.analyze import analyze_article
    from rashomon.records import Article

    analyzed = analyze_article(Article(id="a", outlet="Wire", text=sentence))
    assert [(c.text.rstrip("."), c.voice) for c in analyzed.claims] == [
        (sentence.rstrip("."), "outlet")
    ]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # a conjunction or relative word whose clause is another's report is left out
        (
            "The line was an addition to a speech in which the minister said the port would close.",
            "The line was an addition to a speech",
        ),
        (
            "Rossi and the mayor have been at odds for months, with the mayor saying the port "
            "must close.",
            "Rossi and the mayor have been at odds for months",
        ),
        ("The ferry sank even as the rescuers said the sea was calm.", "The ferry sank"),
    ],
)
def test_a_claim_does_not_end_on_a_word_whose_clause_it_lacks(nlp, text: str, claim: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert claim in texts(doc, extract(doc))


def test_a_question_the_outlet_asks_is_no_claim_but_a_quoted_one_is(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "Will the ferry sail again this winter? “Who approved the repair?” Rossi asked. "
        "The operator has not answered."
    )
    assert texts(doc, extract(doc)) == [
        "Who approved the repair?",
        "The operator has not answered.",
    ]


def test_a_sentence_goes_on_past_an_abbreviation_before_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "Two senators called on Ariz. Gov. Ana Lopes to veto the bill. "
        "He moved to Mesa, Ariz. The law passed."
    )
    assert texts(doc) == [
        "Two senators called on Ariz. Gov. Ana Lopes to veto the bill.",
        "He moved to Mesa, Ariz.",
        "The law passed.",
    ]


def test_a_claim_does_not_end_inside_a_hyphenated_word() -> None:
    from rashomon.analyze.claims import Piece, _whole_words

    text = "They must fix the port before re-opening it."
    cut = Piece(0, text.index("-opening"), 0, None)
    assert text[: _whole_words(text, cut).end] == "They must fix the port before re-opening"


@pytest.mark.parametrize(
    "text",
    [
        '"Rise to the occasion," Rossi wrote.',
        '"And certainly don’t make faces at the ceremony," Rossi wrote.',
        '"Thank you so much," the captain said.',
        "Do not touch the wreck, the police warned.",
        "See the new ferry timetable below, and tell us what you think.",  # to the reader
    ],
)
def test_an_order_or_thanks_is_no_claim(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert texts(doc, extract(doc)) == []


@pytest.mark.parametrize(
    "text",
    [
        '"We will not resign," Rossi said.',
        "Officials said the ferry would sail again on Friday.",
        "The crew wanted to reopen the line.",
        "He did not sail.",
        # telling that an order was given is a claim of its own
        "When the mayor arrived, some in the crowd chanted, “Close the port,” waving flags.",
    ],
)
def test_statements_are_not_orders(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert texts(doc, extract(doc))


def test_a_quotation_without_a_subject_stays_the_speakers_words(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("“Already checked the pumps this morning,” Rossi later replied.")
    assert texts(doc, extract(doc)) == ["Already checked the pumps this morning"]


def test_a_claim_does_not_end_with_the_start_of_a_dash_aside(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "The result delivered a major jolt to the Harbour Party — Mr. Rossi had widely been "
        "considered the top candidate to succeed Mayor Ana Lopes — and it has the potential to "
        "change the debate."
    )
    found = texts(doc, extract(doc))
    assert "The result delivered a major jolt to the Harbour Party" in found


def test_the_main_clause_of_a_speaker_who_goes_on_speaking_is_a_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    # "X toppled Y, repeatedly criticizing him for ...": X is the speaker of the participle
    # and the subject of a main clause that states something of its own.
    doc = nlp(
        "Ana Lopes, a teacher at the harbour school, defeated the mayor with just over $200,000, "
        "repeatedly criticizing him for ignoring the ferry workers and contending that he "
        "supported the port closure."
    )
    assert (
        "Ana Lopes, a teacher at the harbour school, defeated the mayor with just over $200,000"
        in texts(doc, extract(doc))
    )


def test_two_cues_over_one_stretch_give_one_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Officials with the port authority quickly called the plan the “ferry tax” and "
        "scheduled a news conference to denounce it."
    )
    doc = nlp(text)
    pieces = split(doc, extract(doc))
    starts = [p.start for p in pieces]
    assert len(starts) == len(set(starts))
    assert all(
        not (a.start <= b.start and b.end <= a.end) for a in pieces for b in pieces if a is not b
    )


def test_a_short_quotation_with_a_clitic_is_a_claim_without_its_frame(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("“It’s unsafe,” said Ada Rossi, the head of the port authority, to a local paper.")
    assert texts(doc, extract(doc)) == ["It’s unsafe"]
