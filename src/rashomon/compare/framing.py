"""How each outlet frames the story: genre, tone, attribution, loaded words and hedges.

Everything comes from the analysis of one article (``rashomon.analyze.framing``); this module
gathers it per outlet and names entities as the comparison names them across articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rashomon.analyze.attribution import unsaid
from rashomon.records import (
    AnalyzedArticle,
    CrossEntity,
    Entity,
    Evidence,
    Framing,
    Mention,
    Tone,
)

LOADED_KINDS = frozenset({"loaded", "evaluative", "cue"})
ACTORS = frozenset({"person", "organization", "group"})
AUXILIARY_WORDS = (
    "has have had is are was were be been being will would shall should can could may might "
    "must do does did not n't never also to"
)
AUXILIARIES = frozenset(AUXILIARY_WORDS.split())


def frame(
    analyzed: AnalyzedArticle, cross_entities: Sequence[CrossEntity] | None = None
) -> Framing:
    """The framing of one article, with the spans behind it.

    ``tone`` is the article's mean sentiment in its own voice; ``loaded`` holds loaded and
    evaluative words and loaded cue verbs, ``hedges`` the hedges, both outside quotations;
    ``cues`` counts the attribution verbs as written ("said", "admitted"; "has said" counts
    as "said"). Tone toward
    entities is keyed by the cross-article name when ``cross_entities`` are given.
    """
    article = analyzed.article
    own = [item for item in analyzed.framing if not item.quoted]
    tones = tones_by_name(analyzed, cross_entities or ())
    return Framing(
        article=article.id,
        outlet=article.outlet,
        genre=analyzed.genre.label,
        tone=analyzed.sentiment,
        attributed_share=analyzed.genre.attributed_share,
        tone_by_entity={name: _weighted(found) for name, found in tones.items()},
        loaded=tuple(item for item in own if item.kind in LOADED_KINDS),
        hedges=tuple(item for item in own if item.kind == "hedge"),
        cues=cue_counts(analyzed),
        tone_words={name: words for name, found in tones.items() if (words := _words(found))},
    )


def cue_counts(analyzed: AnalyzedArticle) -> dict[str, int]:
    """How often each attribution verb introduces a quote, most frequent first; a speech act
    that passed on no words ("did not respond to", "will ask") is none."""
    cues = Counter(_cue(quote.cue) for quote in analyzed.quotes if not unsaid(quote.cue))
    cues.pop("", None)
    return dict(cues.most_common())


def _cue(text: str) -> str:
    """The cue as written, lower-cased, without leading auxiliaries: "has said" -> "said"."""
    words = text.lower().split()
    while len(words) > 1 and words[0] in AUXILIARIES:
        words = words[1:]
    return " ".join(words)


def tones_by_name(
    analyzed: AnalyzedArticle, cross_entities: Sequence[CrossEntity]
) -> dict[str, list[Tone]]:
    """The tones of each actor (person, organisation, group), by cross-article name, the actor
    with most claims first. Places and other things have no stance to be framed."""
    names = {
        entity.id: _cross_name(entity, analyzed.article.id, cross_entities)
        for entity in analyzed.entities
        if entity.kind in ACTORS and entity.name != analyzed.article.outlet  # not itself
    }
    grouped: dict[str, list[Tone]] = {}
    for tone in analyzed.tones:
        if tone.entity in names:
            grouped.setdefault(names[tone.entity], []).append(tone)
    return dict(sorted(grouped.items(), key=lambda item: -sum(t.claims for t in item[1])))


def _words(tones: Sequence[Tone]) -> tuple[Evidence, ...]:
    """The words behind an actor's tone, in text order (entities that share a name: all)."""
    return tuple(sorted((w for t in tones for w in t.words), key=lambda w: w.start))


def _weighted(tones: Sequence[Tone]) -> float:
    """Tones of entities that share a cross-article name, averaged by claims."""
    total = sum(t.claims for t in tones)
    if not total:
        return 0.0
    return round(sum(t.score * t.claims for t in tones) / total, 3)


def _cross_name(entity: Entity, article: str, cross_entities: Sequence[CrossEntity]) -> str:
    spans = [(m.start, m.end) for m in entity.mentions]
    for cross in cross_entities:
        for mentions in cross.mentions:
            if mentions.article == article and _shares_mention(spans, mentions.mentions):
                return cross.name
    return entity.name


def _shares_mention(spans: Sequence[tuple[int, int]], mentions: Sequence[Mention]) -> bool:
    return any(s < m.end and m.start < e for m in mentions for s, e in spans)
