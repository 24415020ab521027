"""Split an article into atomic claims: sentences, and coordinated clauses within them.

A claim is the smallest stretch of text that states one thing. Attributed content is a claim
of its speaker ("The company will pay damages, Rossi said, adding that the cause must be
found" gives two claims of Rossi); the attribution frame ("Rossi said") is not a claim.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from rashomon.records import Attribution

SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
MIN_WORDS = 3
EDGE = {",", ";", ":", "—", "–", "-", ")", "(", '"', "“", "”", "'", "‘", "’"}


@dataclass(frozen=True)
class Piece:
    """A claim-sized stretch of text and the attribution (if any) it belongs to."""

    start: int
    end: int
    sentence: int
    attribution: Attribution | None


def split(doc: Doc, attributions: Sequence[Attribution]) -> list[Piece]:
    """Return the claims of ``doc`` in text order."""
    pieces: list[Piece] = []
    for index, sent in enumerate(doc.sents):
        pieces.extend(_sentence_pieces(doc, sent, index, attributions))
    return pieces


def _sentence_pieces(
    doc: Doc, sent: Span, index: int, attributions: Sequence[Attribution]
) -> list[Piece]:
    covering = [a for a in attributions if _overlaps(a, sent.start_char, sent.end_char)]
    frames = [f for a in covering if (f := _frame(a)) is not None]
    pieces: list[Piece] = []
    claimed: list[tuple[int, int]] = list(frames)
    for attribution in covering:
        start = max(attribution.content_start, sent.start_char)
        end = min(attribution.content_end, sent.end_char)
        claimed.append((start, end))
        # A quote interrupted by its frame ('"A," he said. "B."') is one content range.
        for gap_start, gap_end in _gaps(start, end, frames):
            pieces += [
                Piece(a, b, index, attribution) for a, b in _clauses(doc, gap_start, gap_end)
            ]
    for start, end in _gaps(sent.start_char, sent.end_char, claimed):
        for a, b in _clauses(doc, start, end):
            # Beside attributed content, only a clause with its own subject is a claim;
            # the rest ("said, adding that") is the attribution frame.
            if not covering or _has_subject(doc, a, b):
                pieces.append(Piece(a, b, index, None))
    return sorted(pieces, key=lambda p: p.start)


def _overlaps(attribution: Attribution, start: int, end: int) -> bool:
    return attribution.content_start < end and start < attribution.content_end


def _frame(a: Attribution) -> tuple[int, int] | None:
    """The stretch from speaker to cue ("Rossi told reporters"), which belongs to no claim."""
    ends = [x for x in (a.speaker_start, a.speaker_end, a.cue_start, a.cue_end) if x is not None]
    return (min(ends), max(ends)) if ends else None


def _gaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The stretches of ``start..end`` that no span of ``taken`` covers."""
    cursor = start
    for s, e in sorted(taken):
        if min(s, end) > cursor:
            yield cursor, min(s, end)
        cursor = max(cursor, e)
    if cursor < end:
        yield cursor, end


def _clauses(doc: Doc, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split ``doc.text[start:end]`` at coordinated clauses that have their own subject."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    cuts = [span.start, *_cut_points(span), span.end]
    merged: list[Span] = []
    for a, b in itertools.pairwise(cuts):
        piece = doc[a:b]
        if merged and not (_claim_sized(piece) and _claim_sized(merged[-1])):
            merged[-1] = doc[merged[-1].start : b]
        else:
            merged.append(piece)
    for piece in merged:
        trimmed = _trim(piece)
        if trimmed is not None and _claim_sized(trimmed):
            yield max(trimmed.start_char, start), min(trimmed.end_char, end)


def _cut_points(span: Span) -> list[int]:
    cuts = set()
    for token in span:
        if token.text == ";":
            cuts.add(token.i + 1)
        elif _is_clause_conjunct(token):
            cuts.add(_conjunction_start(token))
    return sorted(c for c in cuts if span.start < c < span.end)


def _is_clause_conjunct(token: Token) -> bool:
    return (
        token.dep_ == "conj"
        and token.pos_ in {"VERB", "AUX"}
        and any(child.dep_ in SUBJECTS for child in token.children)
    )


def _conjunction_start(token: Token) -> int:
    """The first token of the conjoined clause, including a preceding 'and'/'but' or comma."""
    doc, left = token.doc, token.left_edge.i
    while left > 0 and (doc[left - 1].dep_ == "cc" or doc[left - 1].text in {",", ";"}):
        left -= 1
    return left


def _trim(span: Span) -> Span | None:
    doc, start, end = span.doc, span.start, span.end
    while start < end and (_edge(doc[start]) or doc[start].dep_ == "cc" or _that(doc[start])):
        start += 1
    while end > start and (_edge(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        end -= 1
    return doc[start:end] if end > start else None


def _that(token: Token) -> bool:
    """The complementizer of reported speech: "said *that* the ferry sank"."""
    return token.lower_ == "that" and token.dep_ not in {"det", "nsubj", "nsubjpass", "dobj"}


def _edge(token: Token) -> bool:
    return token.is_space or token.text in EDGE


def _has_subject(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(
        t.dep_ in SUBJECTS and span.start <= t.head.i < span.end for t in span
    )


def _claim_sized(span: Span) -> bool:
    words = sum(1 for t in span if t.is_alpha or t.like_num)
    return words >= MIN_WORDS and any(t.pos_ in {"VERB", "AUX"} for t in span)
