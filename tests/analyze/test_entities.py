"""Entities of one article: names, titles, aliases, role nouns and pronouns grouped safely."""

from __future__ import annotations

import pytest

from rashomon.analyze.entities import extract, names_compatible, resolve_speaker, speaker_part
from rashomon.records import Entity

ROSSI = (
    "Italian Transport Minister Giulia Rossi said on Monday that the ferry would be inspected. "
    "Rossi's office confirmed the date. The Italian minister added that divers had found the hull. "
    "The minister will visit the port, she said."
)


def entity_of(entities: list[Entity], text: str) -> Entity | None:
    """The entity that has a mention with exactly this text."""
    found = [e for e in entities if any(m.text == text for m in e.mentions)]
    assert len(found) <= 1, f"{text!r} is in several entities"
    return found[0] if found else None


def together(entities: list[Entity], a: str, b: str) -> bool:
    first, second = entity_of(entities, a), entity_of(entities, b)
    return first is not None and first is second


def test_minister_with_title_surname_role_nouns_and_pronoun_is_one_person(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = extract(nlp(ROSSI))
    rossi = entity_of(entities, "Giulia Rossi")
    assert rossi is not None
    assert (rossi.name, rossi.kind, rossi.title) == (
        "Giulia Rossi",
        "person",
        "Italian Transport Minister",
    )
    texts = [m.text for m in rossi.mentions]
    assert texts == ["Giulia Rossi", "Rossi", "The Italian minister", "The minister", "she"]
    for m in rossi.mentions:
        assert ROSSI[m.start : m.end] == m.text


def test_ids_follow_first_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = extract(nlp("Paolo Bianchi met officials of Nordic Shipping in Oslo."))
    assert [(e.id, e.name) for e in entities] == [
        ("e1", "Paolo Bianchi"),
        ("e2", "Nordic Shipping"),
        ("e3", "Oslo"),
    ]


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Mediterranean Ferry Lines (MFL) runs the route. MFL said the ship was safe.",
            "Mediterranean Ferry Lines",
            "MFL",
        ),
        ("Portuguese rescuers arrived first. Portugal sent two ships.", "Portuguese", "Portugal"),
        ("The U.S. offered help. The United States has ships nearby.", "U.S.", "United States"),
        ("Mr. Smith declined to comment. John Smith owns the boat.", "Smith", "John Smith"),
        ("Anna Keller said the port was closed. Keller's deputy agreed.", "Anna Keller", "Keller"),
        (
            "Marco Conti arrived late. He said the road had been blocked.",
            "Marco Conti",
            "He",
        ),
        (
            "Nordic Shipping runs the route. The operator said the ship was safe.",
            "Nordic Shipping",
            "The operator",
        ),
        (
            "Port director Lena Berg spoke first. The port director said the lights had failed.",
            "Lena Berg",
            "The port director",
        ),
        # "Mr." says which of two people with one surname is meant, the one known to be a man
        (
            "The critics included Peter Lind, the husband of Kellyanne Lind. Mr. Lind wrote "
            "that the plan was illegal.",
            "Peter Lind",
            "Lind",
        ),
        # known first by a role, named later in apposition to it
        (
            "The port official who first raised the alarm resigned on Monday. As the official, "
            "Ana Reis, left the building, she wept.",
            "The port official",
            "Ana Reis",
        ),
    ],
)
def test_mentions_that_must_merge(nlp, text: str, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert together(extract(nlp(text)), a, b)


def test_a_service_the_model_takes_for_a_person_is_an_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ms. Lauten describes herself on Twitter as a fan of cats. Twitter removed the post."
    kinds = {e.name: e.kind for e in extract(nlp(text))}
    assert kinds.get("Twitter", "organization") == "organization"


def test_a_name_run_on_into_a_headline_word_is_cut_to_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Rep. Blake Farenthold Resigns After Review\n\nRep. Blake Farenthold said he would go."
    names = [e.name for e in extract(nlp(text)) if e.kind == "person"]
    assert names == ["Blake Farenthold"]


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        # Two people sharing a surname.
        ("John Smith and Jane Smith were both on board.", "John Smith", "Jane Smith"),
        # The city is not the president.
        (
            "A statue of George Washington was unveiled in Washington on Friday.",
            "George Washington",
            "Washington",
        ),
        # A courtesy title of the other gender.
        ("John Smith owns the boat. Ms. Smith, his sister, sold it.", "John Smith", "Smith"),
        # A plain pronoun is not its own verb's subject.
        ("Sara Lind praised her for the rescue.", "Sara Lind", "her"),
        # A movement named after a person is not that person.
        (
            "Donald Trump spoke on Monday. The group leads the progressive, Resist Trump "
            "movement. Later Trump said the deal was done.",
            "Resist Trump",
            "Trump said",
        ),
        # A body named in full is not the body named before with the same noun.
        (
            "The Department of Justice sent agents on Monday. The Miami-Dade County Police "
            "Department confirmed Tuesday it was helping them.",
            "Department of Justice",
            "The Miami-Dade County Police Department",
        ),
        # A son who shares his father's name is another man.
        (
            "Mr. Trump spoke on Monday. Donald Trump Jr. spoke on Tuesday.",
            "Mr. Trump",
            "Donald Trump Jr.",
        ),
    ],
)
def test_mentions_that_must_not_merge(nlp, text: str, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert not together(extract(nlp(text)), a, b)


@pytest.mark.parametrize(
    ("text", "ambiguous"),
    [
        # Two ministers: "the minister" could be either.
        (
            "Finance Minister Karl Weber met Health Minister Otto Braun. The minister said little.",
            "The minister",
        ),
        # Two men in the last sentences: "he" could be either.
        ("Peter Novak called Martin Hughes. He wanted the files.", "He"),
        # Two companies: "the company" could be either.
        (
            "Nordic Shipping sold the ship to Baltic Lines. The company said it was a good deal.",
            "The company",
        ),
        # "Another minister" is someone else by definition.
        ("Finance Minister Karl Weber spoke. Another minister disagreed.", "Another minister"),
    ],
)
def test_ambiguous_mentions_are_left_out(nlp, text: str, ambiguous: str) -> None:  # type: ignore[no-untyped-def]
    assert entity_of(extract(nlp(text)), ambiguous) is None


@pytest.mark.parametrize(
    "text",
    ["", "It rained all day and the roads were closed.", "They said it was fine."],
)
def test_texts_without_entities_give_none(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert extract(nlp(text)) == []


def test_a_person_known_only_by_a_role_is_one_entity(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A man was arrested on Friday. Police said the man had fled. He was held overnight."
    entities = extract(nlp(text))
    man = entity_of(entities, "A man")
    assert man is not None and (man.name, man.title, man.kind) == ("man", "man", "person")
    assert [m.text for m in man.mentions] == ["A man", "the man", "He"]


@pytest.mark.parametrize(
    ("a", "b", "fits"),
    [
        (("john", "smith"), ("smith",), True),
        (("j", "smith"), ("john", "smith"), True),
        (("regina", "m", "benjamin"), ("regina", "benjamin"), True),
        (("john", "smith"), ("jane", "smith"), False),
        (("george", "washington"), ("washington", "irving"), False),
        ((), ("smith",), False),
        (("thomas", "m", "davis", "iii"), ("davis",), True),
        (("donald", "trump", "jr"), ("trump",), True),
        (("donald", "trump", "jr"), ("donald", "trump"), False),
        (("trump", "jr"), ("donald", "trump"), False),
        (("john", "smith", "sr"), ("john", "smith", "jr"), False),
    ],
)
def test_person_names_that_fit(a: tuple[str, ...], b: tuple[str, ...], fits: bool) -> None:
    assert names_compatible(a, b) is fits


# --------------------------------------------------------------------------- speakers

SPEAKERS = (
    "Italian Transport Minister Giulia Rossi visited the port. "
    "Mediterranean Ferry Lines (MFL) runs the ferry. "
    '"We will pay," a spokesperson for MFL said. '
    "The minister said the inquiry would be public. "
    '"Nobody is above the rules," she said. '
    "Rossi said more."
)


def speaker(nlp, text: str, phrase: str, nth: int = 0) -> str | None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    entities = extract(doc)
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    found = resolve_speaker(doc, start, start + len(phrase), entities)
    return found.name if found else None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Giulia Rossi", "Giulia Rossi"),
        ("Rossi", "Giulia Rossi"),
        ("she", "Giulia Rossi"),
        ("The minister", "Giulia Rossi"),
        ("a spokesperson for MFL", "Mediterranean Ferry Lines"),
    ],
)
def test_speaker_spans_resolve_to_entities(nlp, phrase: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert speaker(nlp, SPEAKERS, phrase) == expected


def test_a_letter_speaks_for_its_author() -> None:
    from rashomon import Article, analyze

    text = (
        "The lawyer William Taylor wrote to the committee on Monday. Taylor's letter to the "
        'committee states that the hearing would "have no purpose other than to embarrass her."'
    )
    quotes = analyze(Article(id="a", outlet="x", text=text)).quotes
    assert [q.speaker for q in quotes if q.cue == "states"] == ["William Taylor"]


def test_a_speaker_described_then_named_in_apposition_is_the_named_person() -> None:
    from rashomon import Article, analyze

    text = (
        "Another leading Democrat, Sen. Maria Lopez of Ohio, who announced her bid in an "
        'episode of "The Late Show with Peter Novak," said the offer was a "bad deal."'
    )
    quotes = analyze(Article(id="a", outlet="x", text=text)).quotes
    assert [q.speaker for q in quotes if q.cue == "said"] == ["Maria Lopez"]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Peter Novak called Martin Hughes. He said the files were lost.", "He"),
        (
            "Finance Minister Karl Weber met Health Minister Otto Braun. The minister spoke.",
            "The minister",
        ),
        ("The ferry sank. An official said nobody was hurt.", "An official"),
        ("Peter Novak called. They said the files were lost.", "They"),
        # Her spokesman speaks for her but is not her.
        ("Giulia Rossi was abroad. Rossi's spokesman said she would return.", "Rossi's spokesman"),
        (
            "Prosecutor Ada Marsh will lead the case. A spokesman for Lisbon County Prosecutor "
            "Ada Marsh said the jury would meet.",
            "A spokesman for Lisbon County Prosecutor Ada Marsh",
        ),
    ],
)
def test_unclear_speakers_give_none(nlp, text: str, phrase: str) -> None:  # type: ignore[no-untyped-def]
    assert speaker(nlp, text, phrase) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of the last sentence, not a person named earlier or beside it
        (
            "Tal Jensen met Mark Osborne on Monday. Jensen made the remarks in an interview "
            "with a local station. He claimed the vote was rigged.",
            "Tal Jensen",
        ),
        (
            "Mark Osborne was the first senator to call on Tal Jensen to quit. Jensen "
            'apologized on Monday. He wrote: "I am in this race to win."',
            "Tal Jensen",
        ),
        (
            "Daniel Reyes was asked to quit by Mark Osborne, the party chairman. Reyes refused "
            "on Monday. He said he would stay in the race.",
            "Daniel Reyes",
        ),
        (
            "Daniel Reyes lost the vote on Monday. Mark Osborne, who had backed Reyes, called "
            "the result unfair. He said the count was wrong.",
            "Mark Osborne",
        ),
        # a name inside the quotation is not its speaker
        (
            'Rep. Tal Okafor spoke after the vote. "He did not even carry his district for '
            'Maria Lopez," she said.',
            "Tal Okafor",
        ),
        (
            'Maria Lopez spoke after the vote. "Nobody asked Anna Berg about the plan," she said.',
            "Maria Lopez",
        ),
        # the main clause's subject, not one in a clause below it
        (
            "Maria Lopez said the plan to replace Anna Berg was a mistake. "
            '"We will fight it," she said.',
            "Maria Lopez",
        ),
        (
            "Peter Novak left the hall after Martin Hughes spoke. He said the files were lost.",
            "Peter Novak",
        ),
        # the one told is the listener, not the next speaker
        (
            "Daniel Reyes, the party chairman for the county, told Mr. Mark Osborne that he'd "
            'back the mayor even so.\n\n"I would vote for her again," he said.',
            "Daniel Reyes",
        ),
        # a clause before a semicolon is not what the pronoun reports
        (
            "Maria Lopez spoke to the council on Monday. Daniel Reyes, who ran the port for "
            "years, gave the expected answers; he stated that he would be shocked by politics.",
            "Daniel Reyes",
        ),
        # a name in apposition to the subject is the subject
        (
            "Mark Osborne chaired the hearing. One Democrat, Representative Daniel Reyes of "
            'Ohio, raised the threat of an inquiry. "There will be hell to pay," he said.',
            "Daniel Reyes",
        ),
        # the one person of the paragraph just before, though not its subject
        (
            "Maria Lopez, the mayor, spoke first. The plan drew a sharp reply from Rev. Daniel "
            'Reyes.\n\n"It is a disgrace. We marched for less," he told reporters.',
            "Daniel Reyes",
        ),
        # a speech verb that is what the subject says does not hide the subject
        (
            "Representative Mark Osborne spoke first. Representative Daniel Reyes said the "
            'delays reminded him of the port dispute. "That sounds familiar," he said.',
            "Daniel Reyes",
        ),
        # the pronoun's gender rules out the subject
        (
            "Peter Novak thanked Maria Lopez on Monday. She said the vote had been fair.",
            "Maria Lopez",
        ),
        # the sentences of a quotation belong to the speaker named before them
        (
            'Mark Osborne left early. Daniel Reyes stayed. "We will win," Reyes said. "The voters '
            'are with us. The polls are wrong. The money is there." He spoke for an hour.',
            "Daniel Reyes",
        ),
    ],
)
def test_a_pronoun_speaker_is_the_salient_person(nlp, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert last_pronoun_speaker(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Peter Novak and Martin Hughes left the meeting. He said the files were lost.",
        "Peter Novak left. Reporters waited for Martin Hughes. He said the files were lost.",
    ],
)
def test_a_pronoun_that_could_be_two_people_names_nobody(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert last_pronoun_speaker(nlp, text) is None


def last_pronoun_speaker(nlp, text: str) -> str | None:  # type: ignore[no-untyped-def]
    """The speaker ``resolve_speaker`` gives for the last ``he``/``she`` of the text."""
    doc = nlp(text)
    pronoun = [t for t in doc if t.lower_ in {"he", "she"}][-1]
    found = resolve_speaker(doc, pronoun.idx, pronoun.idx + len(pronoun), extract(doc))
    return found.name if found else None


def test_a_speaker_cut_by_a_paragraph_break_keeps_the_part_beside_its_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The letter was signed by Anna Berg and Tom Ellis\n\nMaria Lopez released a statement."
    doc = nlp(text)
    start, end, cue = text.index("Anna"), text.index(" released"), text.index("released")
    assert speaker_part(doc, start, end, cue) == (text.index("Maria"), end)
    found = resolve_speaker(doc, start, end, extract(doc), cue=cue)
    assert found is not None and found.name == "Maria Lopez"
    # without the cue, which part speaks cannot be told
    assert resolve_speaker(doc, start, end, extract(doc)) is None


def test_a_speaker_in_another_paragraph_than_its_cue_is_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Maria Lopez was tired.\n\nAfter the vote, the chairman argued that it was lost."
    doc = nlp(text)
    start, cue = text.index("Maria"), text.index("argued")
    assert speaker_part(doc, start, start + len("Maria Lopez"), cue) is None
    assert resolve_speaker(doc, start, start + len("Maria Lopez"), extract(doc), cue=cue) is None


KINDS = [
    # a town the small model may call an organisation, used as a place
    ("The ferry carried 200 passengers from Montijo to Lisbon.", "Montijo", "place"),
    ("Commuters in Alverca waited for the next boat.", "Alverca", "place"),
    # an organisation that acts stays one
    ("Nordic Shipping said the ship was not damaged.", "Nordic Shipping", "organization"),
    # a title word that opens a body's name is part of it
    ("The Justice Department charged the captain.", "Justice Department", "organization"),
]


@pytest.mark.parametrize(("text", "name", "kind"), KINDS)
def test_entity_kinds(nlp, text: str, name: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    found = entity_of(extract(nlp(text)), name)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Transport Minister Giulia Rossi visited the port.", "Transport"),  # a portfolio
        ("The Maltese-flagged ship was not damaged.", "Maltese"),  # an adjective, not a group
    ],
)
def test_words_that_are_no_actor(nlp, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    found = entity_of(extract(nlp(text)), word)
    assert found is None or found.kind not in {"organization", "group"}


# --------------------------------------------------------------------------- epithets

EPITHETS = [
    # A description nobody carries as a title goes to the one named person nearby.
    (
        "Marco Bellini announced on Tuesday that he would not run. Bellini said the party needed "
        "a new leader. The shipping magnate said he would back a younger candidate.",
        "Marco Bellini",
        "The shipping magnate",
    ),
    # An office epithet, the same.
    (
        "Prosecutors said on Friday that they would charge Daniel Harper. "
        "The congressman denied any wrongdoing.",
        "Daniel Harper",
        "The congressman",
    ),
    # A title written across "of" is the person's title, not an organisation.
    (
        "Former Secretary of State Laura Finch spoke on Monday. "
        "The former secretary of state said the talks had failed.",
        "Laura Finch",
        "The former secretary",
    ),
]


@pytest.mark.parametrize(("text", "name", "epithet"), EPITHETS)
def test_a_definite_epithet_goes_to_the_one_person_it_fits(
    nlp, text: str, name: str, epithet: str
) -> None:  # type: ignore[no-untyped-def]
    entities = extract(nlp(text))
    assert together(entities, name, epithet)
    assert speaker(nlp, text, epithet) == name
    assert all(e.kind == "person" for e in entities)  # no "State" organisation


@pytest.mark.parametrize(
    ("text", "epithet"),
    [
        # Two people nearby: either could be the billionaire.
        ("Marco Bellini met Paolo Greco on Monday. The billionaire said the deal was done.",
         "The billionaire"),
        # Narrowed by a complement: another governor.
        ("Paul Weller met reporters on Monday. He said the governor of Ohio would resign.",
         "the governor"),
        # Inside a quotation, a role noun may mean anyone.
        ('Paul Weller spoke on Monday. "The senator has to go," he said.', "The senator"),
        # Someone holds the office by title: a lawmaker from elsewhere is not the other person.
        ("Sen. Anna Kraus met Paul Weller. The Ohio lawmaker said nothing.", "The Ohio lawmaker"),
    ],
)  # fmt: skip
def test_an_epithet_that_could_be_someone_else_is_left_out(nlp, text: str, epithet: str) -> None:  # type: ignore[no-untyped-def]
    entities = extract(nlp(text))
    assert not any(together(entities, e.name, epithet) for e in entities if e.name != epithet)


# --------------------------------------------------------------------------- parties

PARTY_EPITHETS = [
    # A party word before the name.
    (
        "Democrat Laura Finch campaigned in Iowa on Monday. "
        "The Democratic candidate said she was ahead in the polls.",
        "Laura Finch",
        "The Democratic candidate",
    ),
    # A party tag after the name.
    (
        "Sen. Paul Weller (R-Ohio) spoke on Tuesday. "
        "The Republican senator said the bill would fail.",
        "Paul Weller",
        "The Republican senator",
    ),
    # Two senators whose tags tell them apart.
    (
        "Sen. Paul Weller, R-Ohio, and Sen. Anna Kraus, D-Maine, met on Monday. "
        "The Democratic senator said the talks had failed.",
        "Anna Kraus",
        "The Democratic senator",
    ),
    # An apposition, and GOP for Republican.
    (
        "Gov. Jan Harper, a Republican, signed the bill on Friday. "
        "The GOP governor said it was fair.",
        "Jan Harper",
        "The GOP governor",
    ),
    # "Democrat of <state>" after the name.
    (
        "Senator Anna Kraus, Democrat of Maine, met Senator Paul Weller, Republican of Ohio, "
        "on Monday. The Democratic senator said the talks had failed.",
        "Anna Kraus",
        "The Democratic senator",
    ),
    # Someone else holds the role, for the other party.
    (
        "Republican nominee Daniel Harper attacked Democrat Laura Finch on Monday. "
        "The Democratic nominee said the attack was false.",
        "Laura Finch",
        "The Democratic nominee",
    ),
]


@pytest.mark.parametrize(("text", "name", "epithet"), PARTY_EPITHETS)
def test_a_role_with_a_party_goes_to_the_one_person_of_that_party(
    nlp, text: str, name: str, epithet: str
) -> None:  # type: ignore[no-untyped-def]
    assert together(extract(nlp(text)), name, epithet)
    assert speaker(nlp, text, epithet) == name


@pytest.mark.parametrize(
    ("text", "epithet"),
    [
        # Two people of that party.
        ("Democrat Laura Finch and Democrat Paul Weller met voters in Iowa. "
         "The Democratic candidate said the race was close.", "The Democratic candidate"),
        # The party of the one governor is not stated.
        ("Gov. Jan Harper signed the bill on Friday. The Republican governor said it was fair.",
         "The Republican governor"),
        # Another senator's party is not stated: he may be the Republican one.
        ("Sen. Anna Kraus (R-Maine) and Sen. Paul Weller spoke on Monday. "
         "The Republican senator said the bill would fail.", "The Republican senator"),
        # A party word inside another word says nothing of the person.
        ("Republican-backed candidate Paul Weller lost on Tuesday. "
         "The Republican candidate said he would run again.", "The Republican candidate"),
    ],
)  # fmt: skip
def test_a_role_with_a_party_nobody_is_known_to_hold_is_left_out(
    nlp, text: str, epithet: str
) -> None:  # type: ignore[no-untyped-def]
    entities = extract(nlp(text))
    assert not any(together(entities, e.name, epithet) for e in entities if e.name != epithet)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # A ship's name beside a vessel noun, and its later mentions, are not places.
        ("The ferry Santa Luzia struck a pier. The Santa Luzia was carrying 90 passengers.",
         "Santa Luzia", "other"),
        # "on the X" with no organisation word: a river or a lake.
        ("Two barges collided on the Douro near Porto.", "Douro", "place"),
        # "at X" after a verb of arriving or staying.
        ("The ferry docked at Cacilhas after midnight.", "Cacilhas", "place"),
        # an institution stays one
        ("Pressure grew on the Senate.", "Senate", "organization"),
    ],
)  # fmt: skip
def test_kinds_the_small_model_gets_wrong(nlp, text: str, name: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    found = [e for e in extract(nlp(text)) if e.name == name]
    assert found and all(e.kind == kind for e in found)


def test_a_resolved_speaker_is_a_mention_of_its_entity() -> None:
    # "The ministry said ..." before the ministry is named, and "she" resolved by the
    # attribution: the entity's mention list holds the speaker span, no other entity does.
    from rashomon.analyze import analyze_article
    from rashomon.records import Article

    text = (
        "The ferry service will resume on Friday, the ministry said on Monday. "
        "The Transport Ministry has opened a telephone line for relatives. "
        "Transport Minister Ada Rossi met the families. "
        "The state will pay them, she said."
    )
    analyzed = analyze_article(Article(id="a", outlet="Wire", text=text))
    for quote in analyzed.quotes:
        if quote.speaker_entity is None or quote.speaker_start is None:
            continue
        holders = {
            e.id
            for e in analyzed.entities
            for m in e.mentions
            if m.start < quote.speaker_end and quote.speaker_start < m.end  # type: ignore[operator]
        }
        assert holders == {quote.speaker_entity}, quote


def test_a_name_ends_before_a_verb_the_tagger_ran_on_into(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "In January, the New York State Workers’ Compensation Board ordered Healthalicious "
        "to pay $88,000 for not carrying insurance."
    )
    names = [e.name for e in extract(doc)]
    assert "New York State Workers’ Compensation Board" in names
    assert not any("ordered" in name for name in names)
