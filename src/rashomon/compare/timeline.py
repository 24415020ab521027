"""The dated events of a story across outlets, each traced to the claims that date it.

Every claim with a resolved time expression gives an event: the date, how precise it is, and
a short label, the verb phrase the time expression modifies ("police arrested the captain").
Events of different outlets merge when they fall on the same date and belong to the same fact
(when the facts are given) or carry the same label (when they are not). Entries are sorted by
date, finer before coarser on the same first day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from rashomon.records import AnalyzedArticle, Claim, ClaimRef, Fact, TimeExpression, TimelineEntry

PRECISION = {"time": 0, "day": 1, "week": 2, "month": 3, "year": 4}
MAX_WORDS = 8
SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "attr", "oprd", "acomp"}
VERB_PARTS = {"aux", "auxpass", "neg", "prt"}


@dataclass(frozen=True)
class Event:
    """One dated claim: the claim, the time expression and the label of what happened."""

    claim: Claim
    time: TimeExpression
    label: str


def build(
    analyzed: Sequence[AnalyzedArticle], facts: Sequence[Fact] | None = None
) -> list[TimelineEntry]:
    """The dated events of ``analyzed``, merged across outlets, in date order."""
    dated = list(_dated_claims(analyzed))
    events = [Event(c, t, label) for (c, t), label in zip(dated, _labels(dated), strict=True)]
    fact_of = {(r.article, r.claim): f.id for f in facts or () for r in f.claims}
    groups: dict[tuple[str, str, str], list[Event]] = {}
    for event in events:
        fact = fact_of.get((event.claim.article, event.claim.id))
        same = f"fact:{fact}" if fact else f"label:{_label_key(event.label)}"
        assert event.time.date is not None
        groups.setdefault((event.time.date, event.time.granularity, same), []).append(event)
    entries = [_entry(group) for group in groups.values()]
    return sorted(entries, key=lambda e: (e.date, PRECISION.get(e.granularity, 5), e.label))


def _dated_claims(analyzed: Sequence[AnalyzedArticle]) -> Iterator[tuple[Claim, TimeExpression]]:
    """Each claim with each of its resolved time expressions, in article and text order."""
    for article in analyzed:
        for claim in article.claims:
            times = claim.times or tuple(
                t for t in article.times if claim.start <= t.start and t.end <= claim.end
            )
            for t in times:
                if t.date is not None and t.granularity in PRECISION:
                    yield claim, t


def _entry(events: Sequence[Event]) -> TimelineEntry:
    first = events[0]
    assert first.time.date is not None
    refs = {(e.claim.article, e.claim.id): _ref(e.claim) for e in events}
    expressions = dict.fromkeys(e.time.text for e in events)
    return TimelineEntry(
        date=first.time.date,
        granularity=first.time.granularity,
        label=first.label,
        sources=tuple(refs.values()),
        expressions=tuple(expressions),
    )


def _ref(claim: Claim) -> ClaimRef:
    return ClaimRef(claim.article, claim.id, claim.text, claim.start, claim.end, claim.speaker)


def _label_key(label: str) -> str:
    return " ".join(label.lower().split())


# --------------------------------------------------------------------------- labels


def _labels(dated: Sequence[tuple[Claim, TimeExpression]]) -> list[str]:
    """The event phrase of each dated claim: the verb its time expression modifies."""
    from rashomon.nlp import pipeline

    texts = list(dict.fromkeys(claim.text for claim, _ in dated))
    docs = dict(zip(texts, pipeline().pipe(texts), strict=True))
    return [event_phrase(docs[c.text], t.start - c.start, t.end - c.start) for c, t in dated]


def event_phrase(doc: Doc, start: int, end: int) -> str:
    """ "police arrested the captain" from "Police arrested the captain late on Tuesday".

    ``start``/``end`` locate the time expression in ``doc``; its words are left out.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    skip = set(range(span.start, span.end)) if span is not None else set()
    verb = _verb_of(span.root) if span is not None and len(span) else None
    verb = verb or _main_verb(doc)
    if verb is None:
        return _first_words([t for t in doc if t.i not in skip])
    words = _phrase(verb)
    return _first_words([t for t in words if t.i not in skip])


def _verb_of(token: Token) -> Token | None:
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _main_verb(doc: Doc) -> Token | None:
    roots = [t for t in doc if t.head.i == t.i]
    return next((t for t in roots if t.pos_ in {"VERB", "AUX"}), None)


def _phrase(verb: Token) -> list[Token]:
    """Subject, verb group and object, each cut to its head words."""
    subject = _child(verb, SUBJECTS) or _inherited_subject(verb)
    parts = [t for t in verb.children if t.dep_ in VERB_PARTS]
    obj = _child(verb, OBJECTS)
    words = [*_compact(subject), *parts, verb, *_compact(obj)]
    return sorted(set(words), key=lambda t: t.i)


def _child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _inherited_subject(verb: Token) -> Token | None:
    """ "… and appeared in court": a conjoined verb shares its subject with the first."""
    if verb.dep_ in {"conj", "xcomp"} and verb.head.i != verb.i:
        return _child(verb.head, SUBJECTS)
    return None


def _compact(head: Token | None) -> list[Token]:
    """A noun phrase cut to its determiner, modifiers and head ("the ferry's captain")."""
    if head is None:
        return []
    keep = {"det", "poss", "compound", "amod", "nummod", "case", "neg"}
    return [t for t in head.subtree if t == head or (t.head == head and t.dep_ in keep)]


def _first_words(tokens: Sequence[Token]) -> str:
    words = [t.text for t in tokens if not t.is_punct][:MAX_WORDS]
    return " ".join(words)
