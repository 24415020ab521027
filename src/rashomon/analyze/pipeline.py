"""The analysis pipeline of one article: parse once, then run every reader on the parse."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

# rashomon.nlp first: it imports spaCy's thinc without PyTorch (seconds saved at start-up).
from rashomon import nlp
from rashomon.analyze import attribution, claims, entities, framing, quantities, timex
from rashomon.analyze.claims import Piece
from rashomon.records import (
    AnalyzedArticle,
    Article,
    Attribution,
    Claim,
    Entity,
    Evidence,
    Mention,
    Quantity,
    Quote,
    TimeExpression,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


def analyze_article(article: Article) -> AnalyzedArticle:
    """Analyse one article; every span points into ``article.text``."""
    return analyze_doc(article, nlp.pipeline()(article.text))


def analyze_articles(articles: Sequence[Article], *, processes: int = 1) -> list[AnalyzedArticle]:
    """Analyse ``articles`` in order, in ``processes`` worker processes when more than one."""
    workers = min(processes, len(articles))
    if workers <= 1:
        return [analyze_article(article) for article in articles]
    # Loaded before the workers start: forked workers share the parent's model instead of
    # each loading its own.
    nlp.pipeline()
    # Small chunks keep both workers busy to the end; more than one article per chunk keeps
    # the messages between processes few.
    chunk = max(1, len(articles) // (4 * workers))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(analyze_article, articles, chunksize=chunk))


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def analyze_doc(article: Article, doc: Doc) -> AnalyzedArticle:
    """Analyse an article whose text spaCy has already parsed into ``doc``."""
    published = article.published or timex.publication_date(article.text, article.dateline, None)
    found_entities = entities.extract(doc)
    found = attribution.extract(doc, relayed=False)
    attributions = _resolve_speakers(doc, found, found_entities)
    attributions = [_with_refusal(article.text, a) for a in attributions]
    found_entities = _with_speakers(article.text, found_entities, attributions)
    times = timex.extract(doc, published)
    numbers = quantities.extract(doc)
    direct = [(a.content_start, a.content_end) for a in attributions if a.direct]
    evidence = framing.evidence(doc, direct)
    quotes = _quotes(article.text, attributions)
    pieces = _unsaid_as_outlet(doc, claims.split(doc, attributions))
    built = [
        _claim(article, n, piece, found_entities, numbers, times, evidence, quotes, doc)
        for n, piece in enumerate(pieces, 1)
    ]
    call = framing.genre(doc, [c.voice for c in built], evidence, article.url)
    return AnalyzedArticle(
        article=article,
        claims=tuple(built),
        quotes=tuple(quotes),
        entities=tuple(found_entities),
        quantities=tuple(numbers),
        times=tuple(times),
        genre=call,
        tones=tuple(framing.entity_tones(built, found_entities, doc)),
        sentiment=_mean([c.sentiment for c in built if c.voice == "outlet"]),
        framing=tuple(evidence),
    )


def _resolve_speakers(
    doc: Doc, attributions: Sequence[Attribution], found: Sequence[Entity]
) -> list[Attribution]:
    """Name each attribution's speaker by the entity its span stands for.

    A speaker span in another paragraph than its cue names nobody (a parse that ran two
    paragraphs together); one that a paragraph break cuts keeps the part beside the cue.
    """
    resolved = []
    written: dict[str, Entity] = {}  # "statement" → whose statement it was
    for a in attributions:
        if a.speaker_start is not None and a.speaker_end is not None:
            s, e, cue = a.speaker_start, a.speaker_end, a.cue_start
            part = entities.speaker_part(doc, s, e, cue)
            if part != (s, e):
                a = replace(a, speaker=_speaker_words(doc, part) if a.speaker else None)
            entity = entities.resolve_speaker(doc, s, e, found, cue=cue)
            noun = _written_by(doc, s, e)
            if entity is None and noun:
                entity = written.get(noun)
            elif entity is not None and noun:
                written[noun] = entity
            if entity is not None:
                a = replace(a, speaker=entity.name, speaker_entity=entity.id)
        resolved.append(a)
    return resolved


WRITINGS = frozenset(
    {"statement", "letter", "release", "memo", "email", "note", "filing", "complaint", "post"}
)


def _written_by(doc: Doc, start: int, end: int) -> str | None:
    """The noun of a speaker that is a piece of writing ("the statement", or the author of
    "the statement from his lawyer"): a later "the statement said" is the same author's."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if span.start >= 2 and doc[span.start - 1].lower_ in {"from", "by", "of"}:
        root = doc[span.start - 2]
    return root.lemma_.lower() if root.lemma_.lower() in WRITINGS else None


PRONOUNS = frozenset(
    {"i", "me", "we", "us", "he", "him", "she", "her", "they", "them", "it", "his", "its", "their"}
)


def _with_speakers(
    text: str, found: Sequence[Entity], attributions: Sequence[Attribution]
) -> list[Entity]:
    """Each resolved speaker span becomes a mention of its entity when no mention of it is
    there yet ("the ministry said", a pronoun the attribution resolved otherwise); a pronoun
    another entity held there is taken from it. A span that names another entity is left as
    it is: the speaker is then only known through the attribution."""
    out = list(found)
    for a in attributions:
        start, end, ident = a.speaker_start, a.speaker_end, a.speaker_entity
        if start is None or end is None or ident is None:
            continue
        inside = [(k, m) for k, e in enumerate(out) for m in e.mentions if _overlap(m, start, end)]
        if any(out[k].id == ident for k, _ in inside):
            continue
        if any(m.text.lower() not in PRONOUNS for _, m in inside):
            continue
        for k, m in inside:
            out[k] = replace(out[k], mentions=tuple(x for x in out[k].mentions if x != m))
        target = next((k for k, e in enumerate(out) if e.id == ident), None)
        if target is not None:
            mentions = sorted((*out[target].mentions, Mention(start, end, text[start:end])),
                              key=lambda m: m.start)  # fmt: skip
            out[target] = replace(out[target], mentions=tuple(mentions))
    return [e for e in out if e.mentions]


def _overlap(m: Mention, start: int, end: int) -> bool:
    return m.start < end and start < m.end


def _unsaid_as_outlet(doc: Doc, pieces: Sequence[Piece]) -> list[Piece]:
    """ "X did not say that Y", "X declined to comment on Y", "X will argue that Y", "X's push
    for Y": Y is not X's claim. The piece becomes the outlet's, with the speaker and cue that
    tell what X did not say (up to the piece before it). So does "Y was widely considered Z",
    a passive belief held by nobody named, with its subject."""
    out: list[Piece] = []
    starts = [s.start_char for s in doc.sents]
    text = nlp.text(doc)
    for piece in pieces:
        a = piece.attribution
        floor = out[-1].end if out and out[-1].sentence == piece.sentence else 0
        if a is not None and (attribution.unsaid(a.cue) or attribution.stance(a.cue)):
            found = [x for x in (a.speaker_start, a.cue_start, piece.start) if x is not None]
            start = min([x for x in found if x >= floor] or [piece.start])
            piece = Piece(start, max(piece.end, a.content_end), piece.sentence, None)
        elif a is not None and a.speaker_start is None and PASSIVE.search(a.cue):
            if floor and out[-1].attribution is None:  # 'The comment comes hours after it'
                floor = out.pop().start  # the frame before the cue is part of the claim
            start = max(floor, starts[piece.sentence])
            while start < piece.start and not text[start].isalnum():
                start += 1
            piece = Piece(start, max(piece.end, a.content_end), piece.sentence, None)
        out.append(piece)
    return out


PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+"
    r"(?:(?:\w+ly|first|later|also|then|now|still|already|once|long)\s+)?\w+(?:ed|en|wn)\b"
)


REFUSAL = re.compile(r"(\w+(?:n['’]t)?)\s+$")


def _with_refusal(text: str, a: Attribution) -> Attribution:
    """The cue with the refusal just before it: "declined to say", "refused to confirm" (the
    cue found is "to say"), so that what follows is not taken as said."""
    if a.cue_start is None:
        return a
    word = REFUSAL.search(text[max(0, a.cue_start - 20) : a.cue_start])
    if word is None or not attribution.SILENT.fullmatch(word.group(1)):
        return a
    return replace(a, cue=f"{word.group(1)} {a.cue}", cue_start=a.cue_start - len(word.group(0)))


def _speaker_words(doc: Doc, part: tuple[int, int] | None) -> str | None:
    """The words of the kept part of a speaker span, unless they are only a pronoun."""
    span = doc.char_span(*part, alignment_mode="expand") if part else None
    if span is None or span.root.pos_ == "PRON":
        return None
    return span.text


def _quotes(text: str, attributions: Sequence[Attribution]) -> list[Quote]:
    return [
        Quote(
            id=f"q{n}",
            speaker=a.speaker,
            speaker_entity=a.speaker_entity,
            cue=a.cue,
            text=text[a.content_start : a.content_end],
            start=a.content_start,
            end=a.content_end,
            direct=a.direct,
            speaker_start=a.speaker_start,
            speaker_end=a.speaker_end,
            cue_start=a.cue_start,
            cue_end=a.cue_end,
        )
        for n, a in enumerate(attributions, 1)
    ]


def _claim(
    article: Article,
    number: int,
    piece: Piece,
    found: Sequence[Entity],
    numbers: Sequence[Quantity],
    times: Sequence[TimeExpression],
    evidence: Sequence[Evidence],
    quotes: Sequence[Quote],
    doc: Doc,
) -> Claim:
    start, end, a = piece.start, piece.end, piece.attribution
    text = article.text[start:end]
    inside = _inside(start, end)
    quote = next((q for q in quotes if a and q.start == a.content_start), None)
    return Claim(
        id=f"{article.id}:c{number}",
        article=article.id,
        text=text,
        start=start,
        end=end,
        sentence=piece.sentence,
        voice="outlet" if a is None else ("direct" if a.direct else "indirect"),
        speaker=a.speaker if a else None,
        speaker_entity=a.speaker_entity if a else None,
        cue=a.cue if a else "",
        quote=quote.id if quote else None,
        entities=tuple(e.id for e in found if any(inside(m.start, m.end) for m in e.mentions)),
        quantities=tuple(q for q in numbers if inside(q.start, q.end)),
        times=tuple(t for t in times if inside(t.start, t.end)),
        negated=_negated(doc, start, end),
        hedged=any(ev.kind == "hedge" and inside(ev.start, ev.end) for ev in evidence),
        sentiment=framing.claim_sentiment(text),
        evaluative=any(
            ev.kind in {"loaded", "evaluative"} and inside(ev.start, ev.end) for ev in evidence
        ),
    )


def _inside(start: int, end: int) -> Callable[[int, int], bool]:
    return lambda s, e: start <= s and e <= end


def _negated(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.dep_ == "neg" for t in span)


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 3) if values else 0.0
