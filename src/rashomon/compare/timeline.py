"""The dated events of a story across outlets, each traced to the claims that date it.

Every claim with a resolved time expression gives an event: the date, how precise it is, and
a label, the clause the time expression modifies, read from the claim's whole sentence
("Tugs towed the damaged ferry to a shipyard in Barreiro"), without the time words. A time
that bounds rather than dates an event ("before Tuesday", "after the vote") and a claim that
the outlet says is unsure ("It was not clear whether ...") give no event. Events of different
outlets merge when they fall on the same date and belong to the same fact (when the facts are
given) or carry labels with mostly the same words. Entries are sorted by date, finer before
coarser on the same first day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rashomon.compare.align import claim_ref
from rashomon.records import AnalyzedArticle, Claim, Fact, TimeExpression, TimelineEntry

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PRECISION = {"time": 0, "day": 1, "week": 2, "month": 3, "year": 4}
MAX_WORDS = 14  # a label longer than this loses its side clauses, then is cut with "…"
SAME_LABEL = 0.6  # content-word Jaccard above which two labels of one date are one event
SUBJECTS = {"nsubj", "nsubjpass"}
COMPLEMENTS = {"attr", "acomp", "oprd", "dobj"}
# Parts of a clause a label leaves out: other clauses, asides and punctuation.
LEFT_OUT = {"advcl", "parataxis", "mark", "relcl", "appos", "dep", "meta"}
CLAUSE_LINKS = {"conj", "cc", "preconj"}  # left out when they join verbs, kept between nouns
PART_NOUNS = {"end", "beginning", "start", "middle", "close", "turn", "rest", "course"}
BREAKS = set(',;:—–()[]"“”‘’.!?')  # punctuation that ends a label's part (not "-" of "two-line")
SHORTENED = {"prep", "acl", "npadvmod", "advmod", "ccomp", "xcomp", "agent", "dative"}
# Words before a time that make it a bound, not the date of the event.
BOUNDS = {"before", "after", "until", "till", "prior"}
UNSURE = re.compile(
    r"\b(?:(?:was|is|were|are|remains?|remained)\s+(?:not|un)\s*(?:clear|known|certain)"
    r"|unclear|unknown|uncertain)\s+(?:whether|if|when)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[a-z0-9]+")
STARTS = {"the", "a", "an", "all", "some", "more", "most", "many", "this", "that", "these"}
NOBODY = {"nothing", "nobody", "none", "neither"}
# Nouns whose clause is only said to have happened: the label keeps them.
HEARSAY = {"allegation", "accusation", "claim", "rumor", "rumour", "report", "theory", "charge"}
# Nouns whose clause says what they hold true ('no evidence that ...', 'theories that ...'),
# and 'in order to', whose clause is a purpose.
CONTENT_NOUNS = {
    *("theory", "claim", "report", "suggestion", "speculation", "idea", "notion", "evidence"),
    *("allegation", "rumor", "rumour", "sign", "indication", "proof", "assertion", "belief"),
    *("accusation", "charge", "order"),
}
# Words that deny the event of the clause they govern ("refused to resign").
DENYING = frozenset(
    {"refuse", "refusal", "decline", "fail", "failure", "deny", "denial", "reject"}
    | {"rejection", "avoid", "resist", "oppose", "forgo", "forego"}
)


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
    labels = _labels(dated, {a.article.id: a for a in analyzed})
    events = [Event(c, t, label) for (c, t), label in zip(dated, labels, strict=True) if label]
    fact_of = {(r.article, r.claim): f.id for f in facts or () for r in f.claims}
    groups: list[list[Event]] = []
    for event in events:
        group = next((g for g in groups if any(_same_event(e, event, fact_of) for e in g)), None)
        if group is None:
            groups.append([event])
        else:
            group.append(event)
    entries = [_entry(group) for group in groups]
    return sorted(entries, key=lambda e: (e.date, PRECISION.get(e.granularity, 5), e.label))


def _same_event(a: Event, b: Event, fact_of: dict[tuple[str, str], str]) -> bool:
    """One date and granularity, and one fact or labels with mostly the same words."""
    if (a.time.date, a.time.granularity) != (b.time.date, b.time.granularity):
        return False
    fa = fact_of.get((a.claim.article, a.claim.id))
    if fa is not None and fa == fact_of.get((b.claim.article, b.claim.id)):
        return True
    x, y = _label_words(a.label), _label_words(b.label)
    return bool(x and y) and len(x & y) / len(x | y) >= SAME_LABEL


def _label_words(label: str) -> frozenset[str]:
    from rashomon.nlp import stop_words

    stop = stop_words()
    return frozenset(w for w in WORD.findall(label.lower()) if w not in stop)


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
    refs = {(e.claim.article, e.claim.id): claim_ref(e.claim) for e in events}
    expressions = dict.fromkeys(e.time.text for e in events)
    return TimelineEntry(
        date=first.time.date,
        granularity=first.time.granularity,
        label=_central_label([e.label for e in events]),
        sources=tuple(refs.values()),
        expressions=tuple(expressions),
    )


def _central_label(labels: Sequence[str]) -> str:
    """The label that shares the most words with the others (the first on a tie)."""
    words = [_label_words(label) for label in labels]

    def shared(k: int) -> float:
        return sum(len(words[k] & w) / max(len(words[k] | w), 1) for w in words)

    return labels[max(range(len(labels)), key=lambda k: (shared(k), -k))]


# --------------------------------------------------------------------------- labels


def _labels(
    dated: Sequence[tuple[Claim, TimeExpression]], articles: dict[str, AnalyzedArticle]
) -> list[str]:
    """The event clause of each dated claim, read from its sentence; "" when the time bounds
    the event or the sentence says it is unsure."""
    from rashomon.nlp import pipeline

    spans = [_sentence_span(c, articles.get(c.article)) for c, _ in dated]
    texts = [text for text, _ in spans]
    unique = list(dict.fromkeys(texts))
    docs = dict(zip(unique, pipeline().pipe(unique, disable=["ner"]), strict=True))  # no names used
    return [
        event_phrase(docs[text], t.start - offset, t.end - offset)
        for (text, offset), (_, t) in zip(spans, dated, strict=True)
    ]


def _sentence_span(claim: Claim, article: AnalyzedArticle | None) -> tuple[str, int]:
    """The text of the sentence that holds ``claim`` (the span of the claims of its sentence)
    and its offset; the claim alone when the article is not at hand."""
    if article is None:
        return claim.text, claim.start
    same = [c for c in article.claims if c.sentence == claim.sentence] or [claim]
    start, end = min(c.start for c in same), max(c.end for c in same)
    return article.article.text[start:end], start


def event_phrase(doc: Doc, start: int, end: int) -> str:
    """The event label of the time expression at ``start:end`` (:func:`_event_phrase`); "" when
    it would say nothing ("It was", "what happened", "discovered": one word says no event)."""
    label = _event_phrase(doc, start, end)
    time = set(WORD.findall(doc.text[start:end].lower()))
    if len(set(WORD.findall(label.lower())) - EMPTY_WORDS - time) < 2:
        return ""
    return f"since then, {_lower_first(label)}" if _since(doc, start) else label


def _since(doc: Doc, start: int) -> bool:
    """ "have been found since Monday": the date starts a state, it does not date the event."""
    return doc.text[max(0, start - 6) : start].lower().strip() == "since"


def _lower_first(label: str) -> str:
    """The label with a capital that only opens the sentence made small ("The route ...")."""
    first = label.split(" ", 1)[0]
    return first.lower() + label[len(first) :] if first.lower() in STARTS else label


EMPTY_WORDS = frozenset(
    {"it", "he", "she", "they", "this", "that", "there", "i", "we", "you"}
    | {"is", "was", "are", "were", "be", "been", "has", "had", "have", "on", "in", "at"}
    | {"what", "which", "who", "happened", "happens", "happen", "occurred", "sometime"}
)


def _event_phrase(doc: Doc, start: int, end: int) -> str:
    """ "Police arrested the captain" from "Police arrested the captain late on Tuesday".

    ``start``/``end`` locate the time expression in ``doc``; its words, and the preposition
    before it, are left out. "" when the time is a bound ("before Tuesday") or the sentence
    says the event is not known to have happened ("It was not clear whether ...").
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span) and _bounds(span):
        return ""
    if UNSURE.search(doc.text):
        return ""
    skip = _time_tokens(span) if span is not None else set()
    verb = _verb_of(span.root) if span is not None and len(span) else None
    noun = _dated_noun(span) if span is not None and len(span) else None
    if noun is not None and (verb is None or _denier(_clause_verb(verb)) == _clause_verb(verb)):
        return _clause(noun, skip, shorten=False)  # "would reverse a 2014 ban": the ban is dated
    verb = _clause_verb(verb) if verb is not None else _main_verb(doc)
    if verb is None:
        return _first_words([t for t in doc if t.i not in skip])
    label = _denier(verb)
    if label.lemma_ == "be" and not any(c.dep_ in COMPLEMENTS for c in label.children):
        skip = set()  # "The last accident was in 2011": the date is what the clause says
    return _clause(label, skip, shorten=label.i == verb.i)


def _dated_noun(span: Span) -> Token | None:
    """The noun an attributive date dates ("a 2014 ban"), when the noun is not a subject (a
    dated subject is labelled with its clause: "The 2012 election was close")."""
    root = span.root
    head = root.head
    if root.dep_ not in {"nummod", "compound", "amod", "nmod", "poss"} or head.i == root.i:
        return None
    if head.pos_ not in {"NOUN", "PROPN"} or head.dep_ in SUBJECTS | {"ROOT"}:
        return None
    return head


def _bounds(span: Span) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    first = span[0].lower_
    return first in BOUNDS or (before is not None and before.lower_ in BOUNDS)


def _time_tokens(span: Span) -> set[int]:
    """The time expression's tokens, the preposition that only introduces it, and a part of
    it the clause names ("by the end of April")."""
    skip = set(range(span.start, span.end))
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "in 2023 and 2024": the whole pair of times
    skip |= {t.i for t in token.subtree}
    for _ in range(3):
        head = token.head
        if token.dep_ != "pobj" or head.dep_ != "prep" or head.i in skip:
            break
        skip.add(head.i)
        part = head.head
        if part.lower_ not in PART_NOUNS or part.dep_ != "pobj":
            break
        skip |= {t.i for t in part.subtree}
        token = part
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        skip.add(token.head.i)
    return skip


def _clause_verb(verb: Token) -> Token:
    """From an infinitive without a subject ("to present ...") up to the verb it completes."""
    while (
        verb.dep_ in {"xcomp", "advcl"}
        and verb.tag_ == "VB"
        and not any(c.dep_ in SUBJECTS for c in verb.children)
        and verb.head.i != verb.i
        and verb.head.pos_ in {"VERB", "AUX"}
    ):
        verb = verb.head
    return verb


def _clause(verb: Token, skip: set[int], *, shorten: bool = True) -> str:
    """The verb's clause without other clauses, asides or the time words, shortened to
    MAX_WORDS words by dropping its side phrases (unless told not to: the words that deny an
    event are not side phrases), then cut."""
    kept = _subtree(verb, skip, full=True)
    if shorten and _count(kept) > MAX_WORDS:
        kept = _subtree(verb, skip, full=False)
    words = sorted(kept, key=lambda t: t.i)
    text = _join(words)
    first = words[0] if words else None
    if verb.dep_ == "relcl" and first is not None and first.tag_ in {"WDT", "WP"}:
        # "which was fined twice" → "MFL was fined twice"
        head = _join(sorted(_noun_phrase(verb.head), key=lambda t: t.i))
        text = head + text[len(first.text) :]
    parts = text.split()
    if len(parts) > MAX_WORDS:
        return " ".join(parts[:MAX_WORDS]).rstrip(",;:") + " …"
    return text


def _noun_phrase(head: Token) -> set[Token]:
    """A noun cut to its determiner, modifiers and compounds ("the ferry's operator")."""
    keep = {"det", "poss", "compound", "amod", "nummod", "case"}
    return {t for t in head.subtree if t == head or (t.head == head and t.dep_ in keep)}


def _subtree(token: Token, skip: set[int], *, full: bool) -> set[Token]:
    out = {token} if token.i not in skip else set()
    for child in token.children:
        said = child.dep_ == "mark" and token.dep_ == "acl"  # "allegations that ..."
        if child.i in skip or (child.dep_ in LEFT_OUT and not said) or child.text in BREAKS:
            continue
        if child.dep_ in CLAUSE_LINKS and token.pos_ in {"VERB", "AUX"}:
            continue
        kept = child.dep_ == "xcomp" and _infinitive(child)  # "plans to invoke ..."
        if not full and child.dep_ in SHORTENED and child.head.pos_ in {"VERB", "AUX"} and not kept:
            continue
        if not full and child.dep_ in {"prep", "acl", "relcl"}:
            continue
        out |= _subtree(child, skip, full=full)
    return out


def _count(tokens: set[Token]) -> int:
    return sum(not t.is_punct for t in tokens)


def _join(words: Sequence[Token]) -> str:
    """The tokens as written, with the spaces between neighbours kept and gaps closed."""
    out = ""
    for k, t in enumerate(words):
        out += t.text
        if k + 1 < len(words):
            out += t.whitespace_ or ("" if words[k + 1].i == t.i + 1 else " ")
    return " ".join(out.split()).strip(" ,;:—–-")


def _denier(verb: Token) -> Token:
    """The verb whose clause says the event did not happen, when one governs ``verb``: "stopped
    short of calling on Akin to resign", "continued his refusal to step down", "did not expect
    to be focusing": the label is that clause, not the event it denies."""
    found, token = verb, verb
    while token.head.i != token.i and token.dep_ not in {"relcl", "parataxis", "conj"}:
        content = token.head.lemma_.lower() in CONTENT_NOUNS  # 'theories that', 'in order to'
        if token.dep_ == "acl" and not (_denying(token.head) or content):
            break  # 'opposes the plan unveiled on Monday': the unveiling is not opposed
        token = token.head
        if token.pos_ in {"VERB", "AUX"} and (_denying(token) or _negated(token)):
            found = _clause_verb(token)
        elif token.pos_ == "NOUN" and _denying(token) and token.dep_ in {"dobj", "nsubj"}:
            found = token.head
        elif token.pos_ == "NOUN" and token.lemma_.lower() in HEARSAY and found is verb:
            found = token  # "allegations that Moore molested a girl in 1979": alleged, not done
    return found


def _denying(token: Token) -> bool:
    return token.lemma_.lower() in DENYING


def _negated(verb: Token) -> bool:
    """'did not expect', 'stopped short of', 'Nothing in the emails supports ...'."""
    return any(
        c.dep_ == "neg"
        or (c.dep_ in {"acomp", "advmod"} and c.lower_ == "short")
        or (c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in NOBODY)
        or (c.dep_ in {"nsubj", "nsubjpass"} and any(d.lower_ == "no" for d in c.children))
        for c in verb.children
    )


def _verb_of(token: Token) -> Token | None:
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _main_verb(doc: Doc) -> Token | None:
    roots = [t for t in doc if t.head.i == t.i]
    return next((t for t in roots if t.pos_ in {"VERB", "AUX"}), None)


def _first_words(tokens: Sequence[Token]) -> str:
    words = [t.text for t in tokens if not t.is_punct][:MAX_WORDS]
    return " ".join(words)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
