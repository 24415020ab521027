"""Attribution extraction: who says what, with offsets into the article text."""

from __future__ import annotations

import itertools

import pytest

from rashomon.analyze.attribution import extract, quotations
from rashomon.records import Attribution

pytestmark = pytest.mark.slow

# text, then (speaker, cue, content, direct) for every attribution, in text order
SCOTT = "Rep. Bobby Scott, D-Va., one of the nine lawmakers"
FINDS = [
    # direct quotations
    (
        '"We will reopen the line by Friday," Rossi said.',
        [("Rossi", "said", '"We will reopen the line by Friday,"', True)],
    ),
    (
        'Rossi said: "The ferry was never at risk."',
        [("Rossi", "said", '"The ferry was never at risk."', True)],
    ),
    (
        '"The timetable stands," said Rossi, the transport minister.',
        [("Rossi, the transport minister", "said", '"The timetable stands,"', True)],
    ),
    (
        '"The line will reopen. We owe it to the island," Rossi said.',
        [("Rossi", "said", '"The line will reopen. We owe it to the island,"', True)],
    ),
    (
        '"We acted fast," Rossi said. "Nobody was hurt."',
        [("Rossi", "said", '"We acted fast," Rossi said. "Nobody was hurt."', True)],
    ),
    (
        'Rossi said: "The line will reopen on Friday.\n\n"Repairs are already under way."',
        [
            (
                "Rossi",
                "said",
                '"The line will reopen on Friday.\n\n"Repairs are already under way."',
                True,
            )
        ],
    ),
    (
        'The harbour master added:\n\n"Every boat is accounted for."',
        [("The harbour master", "added", '"Every boat is accounted for."', True)],
    ),
    (
        '"We will rebuild the pier." ― Maria Bianchi',
        [("Maria Bianchi", "―", '"We will rebuild the pier."', True)],
    ),
    # reported speech
    (
        "The minister stated that the port would reopen.",
        [("The minister", "stated", "that the port would reopen", False)],
    ),
    (
        "The mayor made it clear that the tunnel would stay shut.",
        [("The mayor", "made it clear", "that the tunnel would stay shut", False)],
    ),
    (
        "The engineer pointed out that the bridge was older than the road.",
        [("The engineer", "pointed out", "that the bridge was older than the road", False)],
    ),
    (
        "Her concession that the budget was too small surprised the council.",
        [("Her", "concession", "that the budget was too small", False)],
    ),
    (
        "The mayor hinted at a deal.",
        [("The mayor", "hinted at", "a deal", False)],
    ),
    (
        "The mayor noted that the harbour had been dredged.",
        [("The mayor", "noted", "that the harbour had been dredged", False)],
    ),
    (
        "The captain stressed that nobody was hurt.",
        [("The captain", "stressed", "that nobody was hurt", False)],
    ),
    (
        "The agency warned that more storms were coming.",
        [("The agency", "warned", "that more storms were coming", False)],
    ),
    (
        "The operator admitted that the radar had failed.",
        [("The operator", "admitted", "that the radar had failed", False)],
    ),
    (
        "The union claimed that staff were overworked.",
        [("The union", "claimed", "that staff were overworked", False)],
    ),
    (
        "Rossi said the ferry had left on time.",
        [("Rossi", "said", "the ferry had left on time", False)],
    ),
    ("She said the port was safe.", [("She", "said", "the port was safe", False)]),
    (
        "The plan, Rossi said, would cost 40 million euros.",
        [("Rossi", "said", "The plan, Rossi said, would cost 40 million euros", False)],
    ),
    (  # an aside after a semicolon speaks for its own part of the sentence
        "The mayor said the port needs new cranes; most would cost too much, engineers say.",
        [
            ("The mayor", "said", "the port needs new cranes", False),
            ("engineers", "say", "most would cost too much", False),
        ],
    ),
    (
        "The company will pay damages, Rossi said, adding that the cause must be found.",
        [
            ("Rossi", "said", "The company will pay damages", False),
            ("Rossi", "adding", "that the cause must be found", False),
        ],
    ),
    # other verbs and frames
    (
        "Rossi reminded the crew that safety came first.",
        [("Rossi", "reminded", "that safety came first", False)],
    ),
    (
        "Rossi thanked the rescuers for their courage.",
        [("Rossi", "thanked", "the rescuers for their courage", False)],
    ),
    (
        "Rossi told reporters the inquiry would be quick.",
        [("Rossi", "told", "the inquiry would be quick", False)],
    ),
    ("The operator denied any wrongdoing.", [("The operator", "denied", "any wrongdoing", False)]),
    (
        "Rossi accused the operator of cutting corners.",
        [("Rossi", "accused", "the operator of cutting corners", False)],
    ),
    (
        "Rossi vowed to reopen the line within a week.",
        [("Rossi", "vowed", "to reopen the line within a week", False)],
    ),
    (
        "Rossi called for an independent inquiry.",
        [("Rossi", "called for", "an independent inquiry", False)],
    ),
    (
        "The report was criticized by the opposition.",
        [("the opposition", "was criticized", "The report", False)],
    ),
    # cues that are not verbs
    (
        "The ferry carried 214 passengers, according to the coast guard.",
        [("the coast guard", "according to", "The ferry carried 214 passengers", False)],
    ),
    (
        "According to the coast guard, the ferry carried 214 passengers.",
        [("the coast guard", "According to", "the ferry carried 214 passengers", False)],
    ),
    # "according to X" around a report: X is the reader's source for the whole report
    (
        '"The port must stay open," Rossi said, according to Reuters.',
        [("Reuters", "according to", '"The port must stay open," Rossi said', False)],
    ),
    (
        "Rossi said the port would stay open, according to a ministry memo.",
        [("a ministry memo", "according to", "Rossi said the port would stay open", False)],
    ),
    (
        "The mayor plans to visit the island on Sunday, according to an aide.",
        [("an aide", "according to", "The mayor plans to visit the island on Sunday", False)],
    ),
    (
        "In a statement, the ministry said it would appeal.",
        [("the ministry", "said", "it would appeal", False)],
    ),
    (
        "Rossi's spokesman said the talks had failed.",
        [("Rossi's spokesman", "said", "the talks had failed", False)],
    ),
    (
        "In a poll released Sunday, 60 percent of islanders backed the plan.",
        [("a poll", "In", "60 percent of islanders backed the plan", False)],
    ),
    (
        "His claim that the ferry was overloaded was rejected.",
        [("His", "claim", "that the ferry was overloaded", False)],
    ),
    # a quotation of several sentences before its frame, the frame's object a noun phrase
    (
        '"The council will pay for the repairs. No shop will be left to close," '
        "Bianchi assured traders gathered outside the Praça do Comércio station.",
        [
            (
                "Bianchi",
                "assured",
                '"The council will pay for the repairs. No shop will be left to close,"',
                True,
            )
        ],
    ),
    (
        "Bianchi: We will not give up.\n\nThe strike continued.",
        [("Bianchi", ":", "We will not give up", False)],
    ),
    # the speaker of "said in a statement that ..." owns the statement
    (
        "The port authority said in a statement that the ferry would sail on Monday.",
        [("The port authority", "statement", "that the ferry would sail on Monday", False)],
    ),
    # a speaker set off by an aside, or after the verb that follows a quotation
    (
        "Ana Silva, a spokeswoman for the port, told reporters that the ferry would sail.",
        [("Ana Silva, a spokeswoman for the port", "told", "that the ferry would sail", False)],
    ),
    (
        '"We will need more buses before the winter comes," added a regional official.',
        [
            (
                "a regional official",
                "added",
                '"We will need more buses before the winter comes,"',
                True,
            )
        ],
    ),
    # after a quotation, the noun phrase that follows the verb speaks even when the parse
    # makes the quotation the verb's clause
    (
        '"The harbour will stay open all winter," added another island councillor.',
        [
            (
                "another island councillor",
                "added",
                '"The harbour will stay open all winter,"',
                True,
            )
        ],
    ),
    # a name before asides set off by commas ('meanwhile', a relative clause) speaks
    (
        "Bianchi, meanwhile, who chairs the port board, said the ferry was safe.",
        [("Bianchi", "said", "the ferry was safe", False)],
    ),
    (  # a quoted title is nobody's words ("show" read as a verb)
        "The magazine once portrayed the mayor as one of the stars of the Broadway show "
        "“The Harbour Song.”",
        [("The magazine", "portrayed", "the mayor as one of the stars of the Broadway", False)],
    ),
    (  # a verb joined right after a subordinate clause belongs to that clause
        "Rossi is seen in a video grabbing the arm of a young man after the man approached the "
        'mayor and asked if she supported the "harbour plan."',
        [("the man", "asked", 'if she supported the "harbour plan."', False)],
    ),
    (  # a party tag is no name
        "After the vote, Rep. Bobby Scott, D-Va., one of the nine lawmakers to vote against the "
        "resolution, said the port faces bigger problems.",
        [
            (SCOTT, "to vote against", "the resolution", False),
            (SCOTT, "said", "the port faces bigger problems", False),
        ],
    ),
    # a past tense read as a participle on a root noun: the noun is the source
    (
        "A university poll found last week that most islanders backed the plan.",
        [("A university poll", "found", "that most islanders backed the plan", False)],
    ),
    # a past tense joined to an infinitive belongs with the finite verb above it
    (
        "During the campaign, Rossi ran on a promise to cut fares and accused the operator "
        "of neglect.",
        [("Rossi", "accused", "the operator of neglect", False)],
    ),
    # a verb with an object of its own after a comma is not a parenthetical frame
    (
        "With fares falling, operators have added routes for three months, the ministry said.",
        [
            (
                "the ministry",
                "said",
                "With fares falling, operators have added routes for three months",
                False,
            )
        ],
    ),
    # a possessive pronoun on the verb's object stands for the verb's subject
    (
        "The island leaders signalled their support for the new timetable.",
        [("The island leaders", "support for", "the new timetable", False)],
    ),
    # a cue verb joined to a copula across a relative clause speaks for the clause's subject
    (
        "The remark was a late addition to a speech in which Rossi praised the port, "
        "but argued that the ferry was too slow.",
        [
            ("Rossi", "praised", "the port", False),
            ("Rossi", "argued", "that the ferry was too slow", False),
        ],
    ),
    # a participle goes with the clause it hangs from, not with a cue verb that comes later
    (
        'The mayor looked tired, telling reporters: "Many people said the bridge should close."',
        [("The mayor", "telling", '"Many people said the bridge should close."', True)],
    ),
    # "'s" before a participle with a clause of its own is "has", not a passive "is"
    ("He's said he will fight on.", [("He", "'s said", "he will fight on", False)]),
    (
        "Senator Bianchi, who's called for a recount, stayed at home.",
        [("who", "'s called for", "a recount", False)],
    ),
    # a capitalised modal before a past tense is a name: a modal takes 'write', not 'wrote'
    ('"The pier is safe," Will wrote.', [("Will", "wrote", '"The pier is safe,"', True)]),
    # verbs listed after a first clause share its subject; a quoted word is no quotation
    (
        'Rossi called the plan "reckless," denounced its cost and said the ferry was safe.',
        [
            ("Rossi", "called", 'the plan "reckless,"', False),
            ("Rossi", "denounced", "its cost", False),
            ("Rossi", "said", "the ferry was safe", False),
        ],
    ),
    # an article or a speech does not speak: whoever writes or gives it does
    (
        "Rossi hit back in an article arguing that the port was safe.",
        [("Rossi", "arguing", "that the port was safe", False)],
    ),
    (
        "The row is over remarks Rossi made during a speech attacking the operator.",
        [("Rossi", "attacking", "the operator", False)],
    ),
    (
        "Bianchi answered Rossi's speech denouncing the plan.",
        [("Rossi's", "denouncing", "the plan", False)],
    ),
    # a thought the subject acts with is the subject's
    (
        "Rossi entered the race with the argument that the port needed new cranes.",
        [("Rossi", "argument", "that the port needed new cranes", False)],
    ),
    # questions someone faces, or speculation something sparks, are held by others
    (
        "Rossi faced questions about the missing funds.",
        [(None, "questions about", "the missing funds", False)],
    ),
    (
        "The vote sparked speculation that the mayor would resign.",
        [(None, "speculation", "that the mayor would resign", False)],
    ),
    # whoever is sent to ask is the one who asks
    (
        "The station sent a reporter to the harbour to ask sailors about the storm.",
        [("a reporter", "to ask sailors about", "the storm", False)],
    ),
    # a quote mark that opens the next sentence is not part of this one
    (
        "In any case, Rossi said, the ferry was late. ''It was never going to be on time,'' he"
        " said. ''Nobody expected that.''",
        [
            ("Rossi", "said", "In any case, Rossi said, the ferry was late.", False),
            (
                "he",
                "said",
                "''It was never going to be on time,'' he said. ''Nobody expected that.''",
                True,
            ),
        ],
    ),
    # how someone seemed is the outlet's impression, with nobody as its source
    (
        "The minister seemed to waver on the plan.",
        [(None, "seemed", "The minister seemed to waver on the plan", False)],
    ),
    ("The crowd appeared restless.", [(None, "appeared", "The crowd appeared restless", False)]),
    ("The idea seemed reckless to me.", [("me", "seemed", "The idea seemed reckless", False)]),
    (
        "The minister seemed to say that the port would close.",
        [("The minister", "to say", "that the port would close", False)],
    ),
    # a verb joined to a passive one shares its subject
    (
        "Rossi was pressed on the delay and said that the ferry would sail.",
        [("Rossi", "said", "that the ferry would sail", False)],
    ),
    # a verb joined to a reported clause but with a tense of its own goes with the reporter
    (
        "Rossi said that he would back the plan but did not promise it would pass.",
        [
            ("Rossi", "said", "that he would back the plan", False),
            ("Rossi", "did not promise", "it would pass", False),
        ],
    ),
    # what someone is asked about, and a question opened by 'if'
    ("Rossi was asked about the delay.", [(None, "was asked about", "the delay", False)]),
    (
        "Asked if she believed the port was safe, Rossi said no.",
        [
            (None, "Asked", "if she believed the port was safe", False),
            ("Rossi", "said", "no", False),
        ],
    ),
    # 'The plan, said Rossi, is dead': the name set off after the verb speaks
    (
        "The new pier, said the harbour master, will open in May.",
        [
            (
                "the harbour master",
                "said",
                "The new pier, said the harbour master, will open in May",
                False,
            )
        ],
    ),
    (
        "Asked what the plan would cost, Rossi replied that it was secret.",
        [
            (None, "Asked", "what the plan would cost", False),
            ("Rossi", "replied", "that it was secret", False),
        ],
    ),
    # whoever puts out a message speaks through it
    (
        "The union released an ad that says the port is unsafe.",
        [("The union", "says", "the port is unsafe", False)],
    ),
    # a past tense hung on the noun before it as if it were a participle
    (
        "The two divers, Ana Lopes and Marco Neri, found in May that the pier was unsafe.",
        [("The two divers, Ana Lopes and Marco Neri", "found", "that the pier was unsafe", False)],
    ),
    (
        "Ana Lopes, a sailor from the island, tweeted in reply: ''Good news: the ferry is back;"
        " the port lives on.''",
        [
            (
                "Ana Lopes, a sailor from the island",
                "tweeted",
                "''Good news: the ferry is back; the port lives on.''",
                True,
            )
        ],
    ),
    # a quotation after a later frame is that frame's, not an opening participle's
    (
        "Emphasizing the cost of the repairs, Rossi said, \u201cIf the council waits another"
        " winter, the whole pier will have to be rebuilt from scratch.\u201d",
        [
            ("Rossi", "Emphasizing", "the cost of the repairs", False),
            (
                "Rossi",
                "said",
                "\u201cIf the council waits another winter, the whole pier will have to be"
                " rebuilt from scratch.\u201d",
                True,
            ),
        ],
    ),
    (
        "Lamenting the weather, sailors often say, ''Cold harbour, so long in winter and so"
        " short in summer.''",
        [
            (
                "sailors",
                "say",
                "''Cold harbour, so long in winter and so short in summer.''",
                True,
            )
        ],
    ),
    # a clause set beside the content with a cue of its own is reported apart
    (
        "Rossi said the ferry was late, as Bianchi argued that the port was badly run.",
        [
            ("Rossi", "said", "the ferry was late", False),
            ("Bianchi", "argued", "that the port was badly run", False),
        ],
    ),
    # 'as X noted', 'as X put it': the sentence around is X's
    (
        "As Bianchi noted, the port has lost money for years.",
        [("Bianchi", "noted", "the port has lost money for years", False)],
    ),
    (
        "As Rossi put it, the harbour is the heart of the town.",
        [("Rossi", "put", "the harbour is the heart of the town", False)],
    ),
    # a gerund is what was admitted or denied
    (
        "Rossi has acknowledged receiving $5,000 from the operator.",
        [("Rossi", "has acknowledged", "receiving $5,000 from the operator", False)],
    ),
    # when someone spoke is not part of who spoke
    (
        "Rossi on Friday said the pier would reopen.",
        [("Rossi", "said", "the pier would reopen", False)],
    ),
    # nor what they spoke about
    (
        "An aide in the mayor's office about the ferry plan said the talks would go ahead.",
        [("An aide in the mayor's office", "said", "the talks would go ahead", False)],
    ),
]


@pytest.mark.parametrize(
    "text",
    [
        "The pier will close, according to a statement from harbour master Ana Lopes.",
        "A letter from harbour master Ana Lopes said the pier will close.",
    ],
)
def test_a_document_sent_by_someone_names_the_sender(text: str) -> None:
    assert [a.speaker for a in _attributions(text)] == ["harbour master Ana Lopes"]


NOTHING = [
    "The said vessel left port at noon.",
    'The so-called "reform" passed in May.',
    'He read "The Old Man and the Sea" on the crossing.',
    'The band played "Hey Jude" as the ferry docked.',
    "The ferry left port at noon and reached the island at dusk.",
    "Update: The story has been corrected.",
    "Who decided that the bridge could stay closed?",  # a question names no speaker
    "Nobody in the ministry wants to hear that.",  # "nobody" asserts nothing
    "",
    "That said, the ferry sailed late.",  # a connective, not a report
    "The port was busy.\n\nThat said, the ferry sailed late.",
    # what a rule lets someone do is not what anyone says
    "The council passed a rule that would allow shops to deny service to late customers.",
    "The new rule allows any shop to cite the law as a defence in court.",
    # a correction note speaks about the text itself
    "CORRECTION: This article originally said the ferry left on Monday.",
    "An earlier version of this story stated that the pier was closed.",
    # "certain to", "sure to" say how likely something is, not what anyone thinks
    "Their efforts were certain to fail.",
    "The new ferry is sure to draw crowds.",
    "The minister appeared on television on Monday.",  # appearing somewhere is no impression
    "As he was known, the captain never left the bridge.",  # a name, not a report
    "The islanders may find it difficult to pay the new fares.",  # an experience, not a finding
    "The union urged the mayor to deny the report.",  # what one wants another to say
    # using a right is an act, not passing on words
    "She then invoked her Fifth Amendment right and declined to testify.",
    "The governor cited executive privilege.",
    # what a thing is for is no one's statement
    "The mayor's offer last week seeking to trade shorter shifts for lower pay was dropped.",
    "See the new ferry timetable below.",  # the reader is told what to do
    # a stance under "if" or "whether" is a condition or a question, not taken
    "If the mayor opposes the plan, the pier will close.",
    "Nobody knows whether she supports or opposes the plan.",
    # what a picture shows is the outlet's description of it
    "The cover shows the mayor standing on the pier.",
    "Photos of the pier show the mayor smiling.",
]


def _attributions(text: str) -> list[Attribution]:
    from rashomon.nlp import pipeline

    return extract(pipeline()(text))


def _view(text: str, a: Attribution) -> tuple[str | None, str, str, bool]:
    source = text[a.speaker_start : a.speaker_end] if a.speaker_start is not None else None
    return source, a.cue, text[a.content_start : a.content_end], a.direct


@pytest.mark.parametrize(("text", "expected"), FINDS)
def test_finds_speaker_cue_and_content(
    text: str, expected: list[tuple[str | None, str, str, bool]]
) -> None:
    assert [_view(text, a) for a in _attributions(text)] == expected


@pytest.mark.parametrize("text", NOTHING)
def test_finds_nothing(text: str) -> None:
    assert _attributions(text) == []


@pytest.mark.parametrize(("text", "_"), FINDS)
def test_offsets_point_at_the_words(text: str, _: object) -> None:
    for a in _attributions(text):
        assert a.cue_start is not None and a.cue_end is not None
        assert text[a.cue_start : a.cue_end] == a.cue
        if a.speaker is not None:
            assert a.speaker_start is not None and a.speaker_end is not None
            assert text[a.speaker_start : a.speaker_end] == a.speaker
        assert a.speaker_entity is None


def test_pronoun_speaker_keeps_its_span_but_names_nobody() -> None:
    # Who "She" is, is for entities.resolve_speaker to say; unresolved, the speaker is unknown.
    text = "Rossi arrived late. She said the port was safe."
    (a,) = _attributions(text)
    assert (a.speaker, a.speaker_start, a.speaker_end) == (None, 20, 23)


@pytest.mark.parametrize("text", ["Some say the pier is unsafe.", "Many said the pier was unsafe."])
def test_quantifier_speaker_keeps_its_span_but_names_nobody(text: str) -> None:
    (a,) = _attributions(text)
    assert a.speaker is None
    assert a.speaker_start == 0 and text[a.speaker_start : a.speaker_end] in {"Some", "Many"}


def test_list_marker_glued_to_the_speaker_is_left_out() -> None:
    text = "The vote is close.\n\n-His rival's campaign admits it wrote the flyer."
    (a,) = _attributions(text)
    assert a.speaker == "His rival's campaign"
    assert text[a.speaker_start : a.speaker_end] == a.speaker


def test_contents_do_not_overlap() -> None:
    text = 'The Post reported that Rossi said "the port is safe," and the mayor agreed.'
    found = sorted(_attributions(text), key=lambda a: a.content_start)
    for a, b in itertools.pairwise(found):
        assert a.content_end <= b.content_start


QUOTES = [
    ('He said "yes" and left.', ['"yes"']),
    ("“Curly,” she said, “quotes.”", ["“Curly,”", "“quotes.”"]),
    ("''Two apostrophes,'' he said.", ["''Two apostrophes,''"]),
    ('"An open paragraph\n\n"goes on here."', ['"An open paragraph\n\n"goes on here."']),
    ('"Never closed\n\nThe next paragraph.', ['"Never closed']),
    ("No quotation here, only the 1990s' music.", []),
    ("“He apologized for the “f bomb.”” Then he left.", ["“He apologized for the “f bomb.””"]),
    # a stray space before the closing mark
    (
        'He wrote, "It is wrong. "He means the memo, which says "protect" twice.',
        ['"It is wrong. "', '"protect"'],
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotations(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in quotations(text)] == expected


SPEAKERS = [
    # a common noun goes to the one organisation named with it, not the last one mentioned
    (
        "The Transport Ministry met the operator, Baltic Ferry Lines. "
        "The crossing will reopen on Monday, the ministry said.",
        "the ministry",
        "Transport Ministry",
    ),
    # a relative pronoun speaks for the noun before it
    (
        "The prize went to Marc Dubois, who said the jury had been generous.",
        "who",
        "Marc Dubois",
    ),
    # a pronoun with no one to stand for stays unknown
    ("The river rose overnight. It said nothing.", "It", None),
    # a name in what someone is said to say does not take their "he" from them
    (
        "Marco Rossi spoke for an hour.\n\nBlaming Luca Bianchi, Rossi said, was too simple."
        "\n\nHe said the real problem is the harbour.",
        "He",
        "Marco Rossi",
    ),
    # officials described by a party or a nationality are not that adjective
    (
        "Weeks later, Democratic officials accused the operator of negligence.",
        "Democratic officials",
        None,
    ),
]


@pytest.mark.parametrize(("text", "words", "expected"), SPEAKERS)
def test_speakers_resolve_to_entities(text: str, words: str, expected: str | None) -> None:
    from rashomon.analyze import entities
    from rashomon.nlp import pipeline

    doc = pipeline()(text)
    start = text.index(words)
    entity = entities.resolve_speaker(doc, start, start + len(words), entities.extract(doc))
    assert (entity.name if entity else None) == expected


def test_a_verb_after_a_dash_aside_takes_the_noun_before_the_aside() -> None:
    # The parse is written out by hand, as a parser sometimes gives it: the name hung on the
    # aside's participle and the verb after the closing dash left without a subject.
    from spacy.tokens import Doc

    from rashomon.nlp import pipeline

    rows = [  # word, tag, coarse tag, relation, head, lemma
        ("Mr.", "NNP", "PROPN", "compound", 1, "Mr."),
        ("Rossi", "NNP", "PROPN", "nsubjpass", 6, "Rossi"),
        ("-", ":", "PUNCT", "punct", 11, "-"),
        ("in", "IN", "ADP", "prep", 11, "in"),
        ("a", "DT", "DET", "det", 5, "a"),
        ("line", "NN", "NOUN", "pobj", 3, "line"),
        ("aimed", "VBN", "VERB", "acl", 5, "aim"),
        ("at", "IN", "ADP", "prep", 6, "at"),
        ("his", "PRP$", "PRON", "poss", 9, "his"),
        ("rivals", "NNS", "NOUN", "pobj", 7, "rival"),
        ("-", ":", "PUNCT", "punct", 11, "-"),
        ("declared", "VBD", "VERB", "ROOT", 11, "declare"),
        ("that", "IN", "SCONJ", "mark", 16, "that"),
        ("the", "DT", "DET", "det", 14, "the"),
        ("port", "NN", "NOUN", "nsubj", 16, "port"),
        ("must", "MD", "AUX", "aux", 16, "must"),
        ("stay", "VB", "VERB", "ccomp", 11, "stay"),
        ("open", "JJ", "ADJ", "acomp", 16, "open"),
        (".", ".", "PUNCT", "punct", 11, "."),
    ]
    words, tags, pos, deps, heads, lemmas = (list(column) for column in zip(*rows, strict=True))
    spaces = [True] * (len(words) - 2) + [False, False]
    doc = Doc(pipeline().vocab, words, spaces, tags=tags, pos=pos, deps=deps, heads=heads)
    for token, lemma in zip(doc, lemmas, strict=True):
        token.lemma_ = lemma
    (a,) = extract(doc)
    assert _view(doc.text, a) == ("Mr. Rossi", "declared", "that the port must stay open", False)


def test_a_name_glued_to_its_verb_is_the_speaker() -> None:
    # The parse is written out by hand, as a parser sometimes gives it: the name read as a
    # compound of the verb after it.
    from spacy.tokens import Doc

    from rashomon.nlp import pipeline

    rows = [  # word, tag, coarse tag, relation, head, lemma
        ("\u201c", "``", "PUNCT", "punct", 2, "\u201c"),
        ("The", "DT", "DET", "det", 2, "the"),
        ("sea", "NN", "NOUN", "nsubj", 3, "sea"),
        ("wins", "VBZ", "VERB", "ccomp", 8, "win"),
        ("again", "RB", "ADV", "advmod", 3, "again"),
        (",", ",", "PUNCT", "punct", 3, ","),
        ("\u201d", "''", "PUNCT", "punct", 8, "\u201d"),
        ("Rossi", "NNP", "PROPN", "compound", 8, "Rossi"),
        ("joked", "VBD", "VERB", "ROOT", 8, "joke"),
        (".", ".", "PUNCT", "punct", 8, "."),
    ]
    words, tags, pos, deps, heads, lemmas = (list(column) for column in zip(*rows, strict=True))
    spaces = [False, True, True, True, False, False, True, True, False, False]
    doc = Doc(pipeline().vocab, words, spaces, tags=tags, pos=pos, deps=deps, heads=heads)
    for token, lemma in zip(doc, lemmas, strict=True):
        token.lemma_ = lemma
    (a,) = extract(doc)
    assert _view(doc.text, a) == ("Rossi", "joked", "\u201cThe sea wins again,\u201d", True)


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # a quotation with its own frame stays the speaker's; the relay is dropped
        ('"The port must stay open," Rossi said, according to Reuters.', "Rossi", "The port"),
        # a report in other words stays the relay's
        (
            "Rossi said the port would stay open, according to a ministry memo.",
            "a ministry",
            "Rossi",
        ),
    ],
)
def test_without_relays_quoted_words_stay_the_speakers(
    nlp, text: str, speaker: str, content: str
) -> None:  # type: ignore[no-untyped-def]
    (found,) = extract(nlp(text), relayed=False)
    assert found.speaker is not None and found.speaker.startswith(speaker)
    assert text[found.content_start : found.content_end].strip('"“').startswith(content)


def test_a_speaker_before_the_cue_ends_at_the_cue() -> None:
    # A parse that hangs quoted words on the speaker ('Rossi said, "...; 89 crews ..."' read
    # with "crews" in apposition to "Rossi") must not make them part of the speaker.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from rashomon.analyze.attribution import _source

    words = ["Rossi", "said", ",", "we", "have", "boats", ";", "89", "crews", "."]
    heads = [1, 1, 1, 4, 1, 4, 1, 8, 0, 1]
    deps = ["nsubj", "ROOT", "punct", "nsubj", "ccomp", "dobj", "punct", "nummod", "appos", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert _source(doc[0]) == (0, len("Rossi"))


def test_the_statement_said_is_its_authors() -> None:
    from rashomon.analyze import analyze_article
    from rashomon.records import Article

    text = (
        '"We are disappointed," said the statement from Rossi’s attorney, William Bianchi.\n\n'
        '"He will keep serving the island," the statement said.'
    )
    analyzed = analyze_article(Article(id="a", outlet="Wire", text=text))
    assert [q.speaker for q in analyzed.quotes] == ["William Bianchi", "William Bianchi"]


def test_an_and_that_joins_nothing_ends_no_speaker() -> None:
    # "Rossi, who sailed ... and has been ..., said": with the relative clause left out, the
    # "and" the parse hung on the speaker joins nothing and must not stretch the span.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from rashomon.analyze.attribution import _source

    words = ["Rossi", ",", "who", "sailed", "and", "said", "no"]
    heads = [5, 0, 3, 0, 0, 5, 5]
    deps = ["nsubj", "punct", "nsubj", "relcl", "cc", "ROOT", "dobj"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert _source(doc[0]) == (0, len("Rossi"))


def test_a_relative_pronoun_is_never_the_content() -> None:
    text = "The plan drew calls for a boycott that were supported by the mayors of two cities."
    assert all(_view(text, a)[2] != "that" for a in _attributions(text))


def test_the_speaker_before_a_set_off_place_is_who_the_place_belongs_to() -> None:
    text = "After the vote, the mayor of Lisbon, Portugal, suggested the port was closing."
    assert [_view(text, a)[:2] for a in _attributions(text)] == [
        ("the mayor of Lisbon, Portugal", "suggested")
    ]


def test_a_participle_after_a_subordinate_clause_speaks_for_the_main_subject() -> None:
    text = (
        "The unions rejected the offer before the mayor even announced it on Friday, however, "
        "maintaining that it did not go nearly far enough."
    )
    views = [_view(text, a) for a in _attributions(text)]
    assert ("The unions", "maintaining", "that it did not go nearly far enough", False) in views


def test_a_participle_after_what_a_camera_caught_is_what_that_person_did() -> None:
    text = (
        "The row began on Thursday, just hours after the council was sworn in, when a camera "
        "captured Councillor Ana Reis of Lisbon promising loudly to close the port."
    )
    views = [_view(text, a)[:3] for a in _attributions(text)]
    assert ("Councillor Ana Reis of Lisbon", "promising", "to close the port") in views
    assert not any(cue == "was sworn in" for _, cue, _ in views)


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # 'After' read as a preposition leaves the verb without a subject of its own
        (
            "After the chairman of the port board confirmed he knew about the memo, Reis asked "
            "why the crews were told first.",
            "the chairman of the port board",
            "confirmed",
        ),
        # a verb joined to one inside the quotation it follows
        (
            'Reis added that the unions "have not laid a glove on him" and predicted the plan '
            "would pass.",
            "Reis",
            "predicted",
        ),
    ],
)
def test_a_misparsed_clause_keeps_its_own_speaker(text: str, speaker: str, cue: str) -> None:
    assert [v[0] for v in map(lambda a: _view(text, a), _attributions(text)) if v[1] == cue] == [
        speaker
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("E-mails released by the council revealed that the notes were changed.", "E-mails"),
        ("The e-mail said the port would close.", "The e-mail"),
        (
            "“The plan was reckless. He failed today,” said Harbourwatch co-founder Ana Reis.",
            "Harbourwatch co-founder Ana Reis",
        ),
    ],
)
def test_a_hyphenated_speaker_is_kept_whole(text: str, speaker: str) -> None:
    assert [_view(text, a)[0] for a in _attributions(text)] == [speaker]


def test_a_statement_put_out_after_someone_else_s_remarks_speaks_for_its_author() -> None:
    text = (
        "The harbour chief Rui Costa, for example, put out a statement shortly after the mayor's "
        'remarks that claimed Reis "has consistently fought against protecting the old port '
        'from developers."'
    )
    views = [_view(text, a)[:2] for a in _attributions(text)]
    assert ("The harbour chief Rui Costa", "claimed") in views
