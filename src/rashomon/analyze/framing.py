"""Framing of one article: loaded words, hedges, first person, tone and genre.

Everything here reads the outlet's own voice. Words inside quotation marks (or inside the
direct-quote spans a caller passes) belong to the speaker: they are returned marked
``quoted=True`` and left out of the outlet's measurements.

The word lists live in ``rashomon/data/framing_*.txt``; they are written by hand from general
English usage (see the header of each file), never fitted on annotated data.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from rashomon import nlp
from rashomon.analyze.attribution import quotations
from rashomon.errors import ModelError
from rashomon.records import Claim, Entity, Evidence, EvidenceKind, GenreCall, Mention, Tone

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc, Token
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

Range = tuple[int, int]

# Named-entity types whose words are names, not framing ("Liberty Bell", "Patriot Act").
NAME_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
)
# Evidence kinds that count as the writer's evaluation in the genre call.
EVALUATIVE_KINDS = frozenset({"loaded", "evaluative"})

# The genre rule (see :func:`genre`): a logistic score over rates per 100 words.
GENRE_BIAS = -0.5
GENRE_SMOOTHING_WORDS = 50
GENRE_WEIGHTS = {
    "evaluative": 0.6,
    "first_person": 1.0,
    "questions": 1.5,
    "hedges": 0.2,
    "attributed": -3.0,
}

# Entity tone: a quote weighs half of an outlet sentence; a verb aimed at the entity
# ("accused X", "X was praised") counts as half of a mention's score.
QUOTE_WEIGHT = 0.5
TARGET_VERB_WEIGHT = 0.5
LOADED_CUE_TONE = -0.3
VADER_ALPHA = 15  # VADER's normalisation of a sum of valences: x / sqrt(x * x + 15)

# A URL path segment that files a piece under opinion: the outlet's own label, stronger than
# any reading of the text. ("blogs" is left out: some outlets run news blogs.)
OPINION_SECTION = re.compile(
    r"/(opinions?|commentary|op-?eds?|editorials?|columns?|columnists?)(?=/|-|$)", re.IGNORECASE
)
SENTENCE_MARKS: dict[str, EvidenceKind] = {"?": "question", "!": "exclamation"}


@dataclass(frozen=True)
class Pattern:
    """One lexicon entry: its words as tokens, and the part of speech a single word needs."""

    words: tuple[str, ...]
    pos: str | None


# --------------------------------------------------------------------------- lexicons


@functools.cache
def lexicon(name: str) -> tuple[str, ...]:
    """The entries of ``data/framing_<name>.txt``, without comments and blank lines."""
    path = resources.files("rashomon") / "data" / f"framing_{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"cannot read the framing lexicon {path}: {exc}") from exc
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


@functools.cache
def _tokenizer() -> Tokenizer:
    import spacy

    return spacy.blank("en").tokenizer


def _pattern(entry: str) -> Pattern:
    phrase, _, pos = entry.partition("/") if re.search(r"/[A-Z]+$", entry) else (entry, "", "")
    words = tuple(token.lower_ for token in _tokenizer()(phrase))
    return Pattern(words, pos or None)


@functools.cache
def _patterns(name: str) -> dict[str, tuple[Pattern, ...]]:
    """Patterns of a lexicon keyed by their first word."""
    index: dict[str, list[Pattern]] = {}
    for entry in lexicon(name):
        pattern = _pattern(entry)
        index.setdefault(pattern.words[0], []).append(pattern)
    return {key: tuple(items) for key, items in index.items()}


@functools.cache
def cue_classes() -> dict[str, str]:
    """Attribution cue lemmas mapped to ``"neutral"`` or ``"loaded"`` (``framing_cues.txt``)."""
    return dict(_pair(line) for line in lexicon("cues"))


def _pair(line: str) -> tuple[str, str]:
    key, _, value = line.rpartition(" ")
    return key.strip(), value.strip()


# --------------------------------------------------------------------------- evidence


def evidence(doc: Doc, quoted: Sequence[Range] | None = None) -> list[Evidence]:
    """Framing evidence of one article, in text order, with offsets into ``doc.text``.

    Kinds: ``loaded`` and ``evaluative`` words and phrases, ``hedge``, ``cue`` (a loaded
    attribution verb such as "admitted" or "boasted"), and, outside quotations only,
    ``first_person``, ``question`` and ``exclamation`` (the whole sentence). ``quoted`` adds
    spans (e.g. contents of direct attributions) to the text between quotation marks; words
    inside either are returned with ``quoted=True``.
    """
    spans = [*quotations(nlp.text(doc)), *(quoted or ())]
    words = [(token.lower_, token.lemma_.lower()) for token in doc]
    found = [
        *_lexicon_evidence(doc, words, "loaded", "loaded"),
        *_lexicon_evidence(doc, words, "evaluative", "evaluative"),
        *_lexicon_evidence(doc, words, "hedges", "hedge"),
        *_cue_evidence(doc, words),
    ]
    marked = _dedupe([_mark(item, spans) for item in found])
    outlet_only = [*_first_person(doc), *_sentence_marks(doc)]
    marked += [item for item in outlet_only if not _inside(item.start, item.end, spans)]
    return sorted(marked, key=lambda item: (item.start, item.end))


def _mark(item: Evidence, spans: Sequence[Range]) -> Evidence:
    if not _inside(item.start, item.end, spans):
        return item
    return Evidence(item.kind, item.text, item.start, item.end, quoted=True)


def _inside(start: int, end: int, spans: Sequence[Range]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _dedupe(items: list[Evidence]) -> list[Evidence]:
    """Keep the first (and longest) item over any stretch of text already taken."""
    kept: list[Evidence] = []
    for item in sorted(items, key=lambda e: (e.start, -(e.end - e.start))):
        if not any(k.start < item.end and item.start < k.end for k in kept):
            kept.append(item)
    return kept


Words = Sequence[tuple[str, str]]  # (lower case, lower-case lemma) of every token of a doc


def _lexicon_evidence(doc: Doc, words: Words, name: str, kind: EvidenceKind) -> Iterator[Evidence]:
    patterns = _patterns(name)
    i = 0
    while i < len(doc):
        length = _longest_match(doc, words, i, patterns)
        if length:
            span = doc[i : i + length]
            yield Evidence(kind, span.text, span.start_char, span.end_char)
        i += max(length, 1)


def _longest_match(doc: Doc, words: Words, i: int, patterns: dict[str, tuple[Pattern, ...]]) -> int:
    lower, lemma = words[i]
    candidates = [*patterns.get(lower, ()), *patterns.get(lemma, ())]
    if not candidates or doc[i].ent_type_ in NAME_TYPES:
        return 0
    for pattern in sorted(candidates, key=lambda p: -len(p.words)):
        if _matches(doc, words, i, pattern):
            return len(pattern.words)
    return 0


def _matches(doc: Doc, words: Words, i: int, pattern: Pattern) -> bool:
    """The pattern's words at token ``i``, each as written or as the token's lemma."""
    size = len(pattern.words)
    if i + size > len(doc):
        return False
    if size == 1 and not _single_word_ok(doc[i], pattern.pos):
        return False
    return all(word in words[i + k] for k, word in enumerate(pattern.words))


def _single_word_ok(token: Token, pos: str | None) -> bool:
    if token.pos_ == "PROPN":
        return False
    return pos is None or token.pos_ == pos


def _cue_evidence(doc: Doc, words: Words) -> Iterator[Evidence]:
    classes = cue_classes()
    for i, (_, lemma) in enumerate(words):
        if classes.get(lemma) != "loaded":
            continue
        token = doc[i]
        if token.pos_ == "VERB":
            yield Evidence("cue", token.text, token.idx, token.idx + len(token.text))


def _first_person(doc: Doc) -> Iterator[Evidence]:
    words = frozenset(lexicon("first_person"))
    for token in doc:
        if token.lower_ in words and token.pos_ == "PRON" and not _is_name_part(token):
            yield Evidence("first_person", token.text, token.idx, token.idx + len(token.text))


def _is_name_part(token: Token) -> bool:
    """ "US" the country, "World War I", "Elizabeth I"."""
    if len(token.text) > 1 and token.text.isupper():
        return True
    if token.ent_type_ in NAME_TYPES:
        return True
    return token.text == "I" and token.i > 0 and token.nbor(-1).pos_ == "PROPN"


def _sentence_marks(doc: Doc) -> Iterator[Evidence]:
    for sent in doc.sents:
        text = sent.text.rstrip()
        kind: EvidenceKind | None = SENTENCE_MARKS.get(text[-1:])
        if kind is not None:
            yield Evidence(kind, text, sent.start_char, sent.start_char + len(text))


# --------------------------------------------------------------------------- sentiment


@functools.cache
def _analyzer() -> SentimentIntensityAnalyzer:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:
        raise ModelError(f"cannot load vaderSentiment: {exc}") from exc
    return SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=4096)  # a claim's text is scored again for each entity in it
def claim_sentiment(text: str) -> float:
    """VADER compound sentiment of ``text``, in [-1, 1] (0.0 for empty text)."""
    if not text.strip():
        return 0.0
    return float(_analyzer().polarity_scores(text)["compound"])


# --------------------------------------------------------------------------- genre


def genre(
    doc: Doc, claims_voice: Sequence[str], evidence: Sequence[Evidence], url: str = ""
) -> GenreCall:
    """Call the article a news ``report`` or an ``opinion`` (opinion, column, analysis).

    An article whose URL files it under an opinion section ("/opinion/", "/commentary/",
    "/columns/") is an opinion piece whatever its text; the score is still the text's.

    The rule is a hand-set logistic score over the outlet's own voice (quoted evidence is
    ignored), with rates per 100 words of the whole text::

        z = -0.5 + 0.6 * evaluative + 1.0 * first_person + 1.5 * questions
                 + 0.2 * hedges - 3.0 * attributed_share
        score = 1 / (1 + exp(-z)),  opinion when score >= 0.5

    ``evaluative`` counts loaded and evaluative words, ``questions`` counts questions and
    exclamations; in the score each rate is shrunk by ``words / (words + 50)`` so that one
    word in a two-line text does not decide the call (the reported rates are not shrunk).
    ``attributed_share`` is the share of claims whose voice is not the outlet's (from
    ``claims_voice``, one voice per claim). A report attributes much of what it says and
    keeps judgement words, first person and questions out of its own voice; a column does the
    reverse. The weights were set by hand; the bias was then chosen on development data
    (AllSides items tagged opinion vs news, and PolNeAR dev articles read by hand) and the
    rule checked on held-out data (docs/quality.md, "Framing").
    """
    words = max(1, sum(1 for token in doc if not (token.is_punct or token.is_space)))
    own = [item for item in evidence if not item.quoted]
    rates = {
        "evaluative": _rate(own, EVALUATIVE_KINDS, words),
        "first_person": _rate(own, {"first_person"}, words),
        "questions": _rate(own, {"question", "exclamation"}, words),
        "hedges": _rate(own, {"hedge"}, words),
    }
    shrink = words / (words + GENRE_SMOOTHING_WORDS)
    z = GENRE_BIAS + sum(GENRE_WEIGHTS[key] * value * shrink for key, value in rates.items())
    attributed = _attributed_share(claims_voice)
    score = _sigmoid(z + GENRE_WEIGHTS["attributed"] * attributed)
    shown = tuple(item for item in own if item.kind != "cue")
    section = OPINION_SECTION.search(re.sub(r"^[a-z]+://[^/]*", "", url.split("?")[0]))
    return GenreCall(
        label="opinion" if score >= 0.5 or section else "report",
        score=round(score, 3),
        attributed_share=round(attributed, 3),
        evaluative_per_100_words=round(rates["evaluative"], 3),
        first_person_per_100_words=round(rates["first_person"], 3),
        hedges_per_100_words=round(rates["hedges"], 3),
        evidence=shown,
        section=f"/{section.group(1).lower()}/" if section else "",
    )


def _rate(items: Sequence[Evidence], kinds: frozenset[str] | set[str], words: int) -> float:
    return 100.0 * sum(1 for item in items if item.kind in kinds) / words


def _attributed_share(voices: Sequence[str]) -> float:
    return sum(1 for voice in voices if voice != "outlet") / len(voices) if voices else 0.0


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# --------------------------------------------------------------------------- entity tone


def entity_tones(claims: Sequence[Claim], entities: Sequence[Entity], doc: Doc) -> list[Tone]:
    """Tone toward each entity, from the claims that list it in ``Claim.entities``.

    Only words the parse links to a mention of the entity count (see :func:`_linked`): its
    modifiers and appositions ("the reckless operator"), the nouns it owns ("X's failure",
    "the failure of X"), the verb or predicate it is the subject of ("X lied", "X was
    reckless"), the verb that takes it as object ("critics slammed X", "X was praised").
    Other words of the sentence ("X visited the injured") say nothing about it. A mention
    scores the VADER valence of its linked words, and a verb aimed at the entity (from
    ``framing_targets.txt``) adds its polarity at half weight. A negated verb ("did not blame
    X") says nothing, nor does a target verb whose subject is the entity ("X accused Y").
    A claim scores the mean over its mentions.

    When the entity is the claim's speaker, only a loaded cue verb ("boasted", "admitted")
    says something about it (a fixed -0.3); its own words are not tone toward itself.
    Quoted claims (voice ``direct`` or ``indirect``) carry the speaker's view: they count
    with weight 0.5 against 1.0 for the outlet's own sentences, and ``Tone.quoted`` says how
    many there were. Entities no claim mentions get no tone.
    """
    tones = []
    for entity in entities:
        scored = [s for claim in claims if (s := _claim_tone(claim, entity, doc)) is not None]
        if scored:
            tones.append(_tone(entity, scored))
    return tones


@dataclass(frozen=True)
class _Scored:
    score: float
    weight: float
    quoted: bool
    words: tuple[Token, ...] = ()


def _tone(entity: Entity, scored: Sequence[_Scored]) -> Tone:
    total = sum(s.weight for s in scored)
    score = sum(s.score * s.weight for s in scored) / total
    quoted = sum(1 for s in scored if s.quoted)
    words = {t.idx: _word(t, s.quoted) for s in scored for t in s.words}
    return Tone(
        entity.id,
        entity.name,
        round(score, 3),
        len(scored),
        quoted=quoted,
        words=tuple(words[k] for k in sorted(words)),
    )


def _word(token: Token, quoted: bool) -> Evidence:
    return Evidence("sentiment", token.text, token.idx, token.idx + len(token), quoted)


def _claim_tone(claim: Claim, entity: Entity, doc: Doc) -> _Scored | None:
    if entity.id not in claim.entities:
        return None
    if claim.speaker_entity == entity.id:
        return _speaker_tone(claim)
    quoted = claim.voice != "outlet"
    weight = QUOTE_WEIGHT if quoted else 1.0
    mentions = [m for m in entity.mentions if claim.start <= m.start and m.end <= claim.end]
    found = [_mention_score(claim, m, doc) for m in mentions]
    score = sum(x for x, _ in found) / len(found) if found else 0.0
    return _Scored(score, weight, quoted, tuple(t for _, words in found for t in words))


def _speaker_tone(claim: Claim) -> _Scored | None:
    words = claim.cue.lower().split()
    if words and _cue_forms().get(words[0]) == "loaded":
        return _Scored(LOADED_CUE_TONE, 1.0, False)
    return None


@functools.cache
def _cue_forms() -> dict[str, str]:
    """Every inflection of the cue lemmas ("admitted", "admits") mapped to the lemma's class."""
    return {form: cls for lemma, cls in cue_classes().items() for form in _inflections(lemma)}


def _inflections(lemma: str) -> set[str]:
    """Regular inflections of a verb, over-generating where unsure ("slam" -> "slammed")."""
    if " " in lemma:
        return {lemma}
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    plural = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    doubled = lemma + lemma[-1]
    return {lemma, plural, lemma + "ed", lemma + "ing", doubled + "ed", doubled + "ing"}


@functools.cache
def _target_verbs() -> dict[str, float]:
    """Lemma of each verb aimed at its object ("accuse", "praise") -> polarity toward it."""
    return {lemma: float(polarity) for lemma, polarity in map(_pair, lexicon("targets"))}


# Dependency labels, as spaCy's English models name them.
SUBJECT = frozenset({"nsubj", "csubj"})
PATIENT = frozenset({"nsubjpass", "dobj", "dative", "obj"})
CLAUSES = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp", "parataxis", "conj", "cc"})
MODIFIERS = frozenset({"amod", "appos", "compound", "nmod", "advmod", "npadvmod"})
PREDICATES = frozenset({"acomp", "attr", "oprd"})
# Verbs whose object is the subject's own lot or deed: "X drew criticism", "X made a mistake".
RECEIVING = frozenset(
    {"face", "draw", "receive", "win", "earn", "attract", "garner", "suffer", "deserve"}
    | {"make", "commit", "cause", "provoke", "prompt", "spark", "trigger"}
)
# Prepositions that aim a noun at the entity: "an attack on X", "anger against X".
AIMED = frozenset({"on", "against", "toward", "towards", "for", "over"})
# Prepositions that describe the subject of a verb: "X acted like a bully", "X served as".
LIKENING = frozenset({"like", "as"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
RELATIVE_ROLES = {"nsubj": "agent", "nsubjpass": "patient", "dobj": "patient"}


@dataclass(frozen=True)
class _Link:
    """Words the parse links to one mention, and a target verb aimed at it (0.0 if none)."""

    words: frozenset[Token]
    polarity: float = 0.0
    verb: Token | None = None  # the target verb that gives the polarity


def _mention_score(claim: Claim, mention: Mention, doc: Doc) -> tuple[float, list[Token]]:
    """The tone toward one mention, and the words that carry it."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return 0.0, []
    link = _linked(span.root)
    own = set(span)
    words = [
        t
        for t in link.words
        if t not in own and claim.start <= t.idx < claim.end and _evaluative(t)
    ]
    sentiment = _valence(words)
    carrying = [t for t in words if _analyzer().lexicon.get(t.lower_, 0.0)]
    if not link.polarity or link.verb is None:
        return sentiment, carrying
    score = TARGET_VERB_WEIGHT * link.polarity + (1 - TARGET_VERB_WEIGHT) * sentiment
    return score, [link.verb, *carrying]


def _valence(words: Sequence[Token]) -> float:
    """The VADER lexicon valences of ``words``, summed and scaled into [-1, 1] as VADER does."""
    lexicon = _analyzer().lexicon
    total = sum(lexicon.get(t.lower_, 0.0) for t in words)
    return total / math.sqrt(total * total + VADER_ALPHA)


def _evaluative(token: Token) -> bool:
    """A word that may carry sentiment: not punctuation, not part of a name."""
    return not (token.is_punct or token.is_space or token.ent_type_ in NAME_TYPES)


def _linked(token: Token) -> _Link:
    """The words linked to the entity at ``token``: its noun phrase and its clause roles."""
    words: set[Token] = {*_modifiers(token), *_aimed_at(token)}
    node = token
    while (owner := _owner(node)) is not None:
        node = owner
        words.update([node, *_modifiers(node)])
    while node.dep_ == "conj" and node.head.pos_ in NOMINAL:
        node = node.head
    polarity, aimed = 0.0, None
    for verb, role in _roles(node):
        link = _clause(verb, role)
        words.update(link.words)
        if not polarity:
            polarity, aimed = link.polarity, link.verb
    return _Link(frozenset(words), polarity, aimed)


def _owner(token: Token) -> Token | None:
    """The noun the entity owns or stands beside: "X's failure", "failure of X", "Y, X"."""
    head = token.head
    if token.dep_ in ("poss", "appos") and head is not token and head.pos_ in NOMINAL:
        return head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in NOMINAL:
        return head.head
    return None


def _aimed_at(token: Token) -> Iterator[Token]:
    """A noun aimed at the entity by a preposition, with its modifiers: "an attack on X"."""
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ in AIMED and prep.head.pos_ == "NOUN":
        yield prep.head
        yield from _modifiers(prep.head)


def _modifiers(token: Token) -> Iterator[Token]:
    """Adjectives, appositions and compounds of a noun, with their own small phrases."""
    for child in token.children:
        if child.dep_ in MODIFIERS:
            yield from _phrase(child)


def _phrase(token: Token) -> Iterator[Token]:
    """``token`` and its dependents, without the clauses hanging from them."""
    yield token
    for child in token.children:
        if child.dep_ not in CLAUSES:
            yield from _phrase(child)


def _roles(node: Token) -> Iterator[tuple[Token, str]]:
    """The verbs the entity at ``node`` is an argument of, and its role: agent or patient."""
    head = node.head
    if node.dep_ in SUBJECT and head is not node:
        yield head, "agent"
        yield from ((v, "agent") for v in head.children if v.dep_ == "conj" and _subjectless(v))
    elif node.dep_ in PATIENT and head is not node:
        yield head, "patient"
    elif node.dep_ == "pobj" and head.dep_ == "agent":
        yield head.head, "agent"
    for verb in node.children:
        if verb.dep_ in ("relcl", "acl") and verb.pos_ in ("VERB", "AUX"):
            yield verb, _relative_role(verb)


def _subjectless(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and not any(c.dep_ in SUBJECT for c in verb.children)


def _relative_role(verb: Token) -> str:
    """ "X, who lied": agent; "X, whom critics slammed" or "X, accused of fraud": patient."""
    for child in verb.children:
        if child.tag_ in ("WP", "WDT", "WP$") or child.lower_ == "that":
            return RELATIVE_ROLES.get(child.dep_, "agent")
    return "patient" if verb.tag_ == "VBN" else "agent"


def _clause(verb: Token, role: str) -> _Link:
    """What a verb says about its argument: the verb and its manner, or the predicate."""
    if _negated(verb):
        return _Link(frozenset())
    polarity = _target_verbs().get(verb.lemma_.lower(), 0.0)
    if role == "agent" and polarity:  # "X accused Y": nothing about X
        return _Link(frozenset())
    parts = [t for child in verb.children if _describes(child, role) for t in _phrase(child)]
    if role == "patient" and polarity:  # the verb counts by its polarity, not by VADER
        return _Link(frozenset(parts), polarity, verb)
    return _Link(frozenset([verb, *parts]))


def _describes(child: Token, role: str) -> bool:
    """Whether a dependent of the verb says something about the verb's argument."""
    if child.dep_ in PREDICATES or child.dep_ == "advmod":  # "X was reckless", "X badly lied"
        return True
    if child.dep_ == "prep":  # "X was blamed for the delay", "X acted like a bully"
        return role == "patient" or child.lower_ in LIKENING
    return child.dep_ == "dobj" and child.head.lemma_.lower() in RECEIVING


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in verb.children)
