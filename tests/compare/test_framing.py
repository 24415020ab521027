"""How one outlet frames the story: the per-outlet summary of an analysed article."""

from __future__ import annotations

import pytest

from rashomon.compare.framing import frame
from rashomon.records import (
    AnalyzedArticle,
    Article,
    CrossEntity,
    Entity,
    EntityMentions,
    Evidence,
    GenreCall,
    Mention,
    Quote,
    Tone,
)

TEXT = (
    "Harbour officials said the ferry was delayed. The reckless operator reportedly ignored "
    'warnings. "It is a disgraceful cover-up," Costa said. The operator admitted the fault.'
)


def at(word: str, kind: str, quoted: bool = False) -> Evidence:
    start = TEXT.index(word)
    return Evidence(kind, word, start, start + len(word), quoted=quoted)  # type: ignore[arg-type]


def quote(cue: str, n: int) -> Quote:
    return Quote(f"q{n}", "Costa", None, cue, "text", 0, 4, True)


ROSSI = Entity("e1", "Rossi", "person", (Mention(0, 7, "Harbour"),))
OPERATOR = Entity("e2", "the operator", "organization", (Mention(50, 58, "operator"),))


def analyzed(quotes: tuple[Quote, ...] = (), tones: tuple[Tone, ...] = ()) -> AnalyzedArticle:
    return AnalyzedArticle(
        article=Article("a1", "Harbour Daily", TEXT),
        claims=(),
        quotes=quotes,
        entities=(ROSSI, OPERATOR),
        quantities=(),
        times=(),
        genre=GenreCall("report", 0.1, 0.5, 2.0, 0.0, 1.0),
        tones=tones,
        sentiment=-0.25,
        framing=(
            at("reckless", "loaded"),
            at("reportedly", "hedge"),
            at("disgraceful", "loaded", quoted=True),
            at("cover-up", "loaded", quoted=True),
            at("admitted", "cue"),
        ),
    )


def test_carries_genre_tone_and_attribution_of_the_article() -> None:
    f = frame(analyzed())
    assert (f.article, f.outlet, f.genre, f.tone, f.attributed_share) == (
        "a1",
        "Harbour Daily",
        "report",
        -0.25,
        0.5,
    )


def test_loaded_words_and_hedges_are_the_outlets_own() -> None:
    f = frame(analyzed())
    assert [e.text for e in f.loaded] == ["reckless", "admitted"]
    assert [e.text for e in f.hedges] == ["reportedly"]
    assert all(TEXT[e.start : e.end] == e.text for e in (*f.loaded, *f.hedges))


CUES = [
    ((), {}),
    (("said", "said", "admitted"), {"said": 2, "admitted": 1}),
    (("Said", " told  reporters", ""), {"said": 1, "told reporters": 1}),
    (("has said", "were told"), {"said": 1, "told": 1}),
    # a speech act that passed on no words is no attribution verb
    (("said", "did not respond to", "declined to", "will ask"), {"said": 1}),
]


@pytest.mark.parametrize(("cues", "expected"), CUES)
def test_counts_attribution_cues(cues: tuple[str, ...], expected: dict[str, int]) -> None:
    quotes = tuple(quote(cue, n) for n, cue in enumerate(cues))
    assert frame(analyzed(quotes)).cues == expected


TONES = (Tone("e1", "Rossi", -0.5, 2), Tone("e2", "the operator", 0.3, 1))


def test_tone_by_entity_uses_article_names_without_cross_entities() -> None:
    assert frame(analyzed(tones=TONES)).tone_by_entity == {"Rossi": -0.5, "the operator": 0.3}


def test_tone_by_entity_uses_cross_article_names() -> None:
    cross = [
        CrossEntity(
            "x1",
            "Marta Rossi",
            "person",
            (
                EntityMentions("a1", (Mention(0, 7, "Harbour"),)),
                EntityMentions("a2", (Mention(50, 58, "operator"),)),
            ),
        ),
        CrossEntity(
            "x2", "Tagus Ferries", "organization", (EntityMentions("a1", (Mention(50, 58, "x"),)),)
        ),
    ]
    tones = frame(analyzed(tones=TONES), cross).tone_by_entity
    assert tones == {"Marta Rossi": -0.5, "Tagus Ferries": 0.3}


def test_entities_sharing_a_cross_name_are_averaged_by_claims() -> None:
    cross = [
        CrossEntity(
            "x1",
            "Marta Rossi",
            "person",
            (EntityMentions("a1", (Mention(0, 7, "Harbour"), Mention(50, 58, "operator"))),),
        )
    ]
    tones = frame(analyzed(tones=TONES), cross).tone_by_entity
    assert tones == {"Marta Rossi": pytest.approx((-0.5 * 2 + 0.3) / 3, abs=0.001)}


def test_no_tones_give_an_empty_map() -> None:
    assert frame(analyzed()).tone_by_entity == {}
