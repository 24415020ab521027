"""A neutral summary of the event in which every sentence cites the outlets that support it.

Extractive and conservative. Each fact gets at most one candidate sentence: the plainest
wording any of its outlets used that reads on its own. A clause claim ("that the bridge was
closed", "smashing the record") is replaced by its whole sentence; a claim of a speaker whose
sentence does not name the speaker is attributed ("According to the police, ...", "Rossi
said: “...”"); a leading pronoun is replaced by the name of the entity it refers to, or the
candidate is dropped. Candidates with loaded, evaluative or first-person wording, questions,
or a hedge in the outlet's own voice are dropped, and so are facts that only opinion carries.

A sentence cites the outlets that support every fact it states: the outlets of the fact,
narrowed by the outlets of any other fact whose claim the same sentence carries, and then to
those whose own claim of the fact says what the sentence says (``confirmed``), so that a loose
grouping by the aligner never puts an outlet's name under words it did not report. A sentence
that also carries a disputed claim is not used.

Candidates are ranked by support (share of outlets), centrality (cosine to the mean of all
claims) and lead position, then picked by maximal marginal relevance so that no two say the
same thing. Facts that outlets dispute (a :class:`Conflict`) are never stated; up to two
conflicts are stated as a disagreement between named outlets instead. The summary is told in
story order: by the day a fact is dated where the analysis resolved one, otherwise by where
outlets tell it. Everything is deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from rashomon.records import (
    AnalyzedArticle,
    Claim,
    Conflict,
    Entity,
    Fact,
    SummarySentence,
)

Embedder = Callable[[Sequence[str]], np.ndarray]

# Length: round(LENGTH_SCALE * sqrt(usable facts)) sentences, kept within these bounds; the
# scale is the best of 1.0 / 1.25 / 1.5 / 2.0 on NeuS val.
MIN_SENTENCES = 3
MAX_SENTENCES = 8
LENGTH_SCALE = 1.25
MAX_CONFLICTS = 2
MIN_CONFLICT_CONFIDENCE = 0.5
# A candidate sentence: at least MIN_WORDS words; a whole sentence used to repair a clause
# claim at most MAX_WORDS words.
MIN_WORDS = 5
# Added to the cost of wording taken from an opinion piece: of the outlets that tell a fact, a
# report's words are the neutral ones.
OPINION_COST = 1.0
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
MAX_WORDS = 45
# Ranking: the best of a small grid on the NeuS val split (benchmarks/eval_neus.py --grid; see
# docs/quality.md, "Neutral summary"); MMR and redundancy are set by hand.
SUPPORT_WEIGHT = 1.0
CENTRAL_WEIGHT = 2.0
LEAD_WEIGHT = 0.25
MMR_LAMBDA = 0.7
REDUNDANT_ABOVE = 0.8  # cosine to a picked sentence above which a candidate adds nothing
# Sentences that pass on one speaker's words: the summary tells the event, not one voice's
# denials five times over (set by hand).
MAX_PER_SPEAKER = 3
# A figure within this share of one the summary already gives is the same figure told again
# (set by hand: "nearly $44 million" / "$43 million").
SAME_FIGURE = 0.05
FIGURE = re.compile(r"(\$)?\b(\d[\d,]*(?:\.\d+)?)(?:\s+(million|billion|trillion))?\b")
SCALES = {"million": 1e6, "billion": 1e9, "trillion": 1e12}
# An outlet backs a sentence when its own claim of the fact is this close to the sentence's
# claim (MiniLM cosine) or shares this share of content words (stem Jaccard); set by hand.
SUPPORT_COSINE = 0.7
SUPPORT_OVERLAP = 0.4

WORD = re.compile(r"[\w'’-]+")
# A sentence ends after its stop and any closing marks ("... to work!”"), before the spaces.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])\s+|\n\s*")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


ABBREVIATIONS = _wordset(
    """mr mrs ms dr sen rep reps gov gen lt col sgt st jr sr prof rev vs inc corp co ltd
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n d.c e.g i.e a.m p.m"""
)
CONNECTIVES = re.compile(
    r"^(?:but|and|yet|so|plus|however|meanwhile|also|moreover|furthermore|additionally"
    r"|still|in addition|at the same time)\b,?\s+",
    re.IGNORECASE,
)
# First words that leave a clause hanging when it is read alone.
DEPENDENT_STARTS = _wordset(
    """that which who whom whose whether if because although though while whereas unless
    until to as since when where after before than so adding saying including"""
)
PRONOUNS = {
    "he": "",
    "she": "",
    "they": "",
    "it": "",
    "his": "'s",
    "her": "'s",
    "their": "'s",
    "its": "'s",
}
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Verbs after "this"/"that" that make it a pronoun pointing back ("That upset Republicans"),
# besides any word in -ed ("This prompted calls").
LINKING_VERBS = _wordset(
    """is was are were has had have will would could can may might comes came means meant
    marks includes follows upset led drew left made gave took sent set put sparked"""
)
BAD_SPEAKER_WORDS = frozenset({"which", "who", "whom", "whose", "what", "it", "this", "that"})
DETERMINERS = _wordset("the a an his her its their this that these those")
# A sentence may not stop on these: the claim was cut short ("debt from.").
DANGLING_ENDS = _wordset("from to of the a an for with by in on at that and or but than as")
OPENING = re.compile(r"^[^,]{1,30},\s+(\w+)\b")  # a short opening phrase and the word after
OUGHT = re.compile(r"\b(?:must|should|ought\s+to)\b", re.IGNORECASE)
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# A connective set off inside a sentence, which leans on the sentence before it.
LINKING_ASIDE = re.compile(r",\s+(?:though|however|meanwhile|too|also|then),(?=\s)", re.IGNORECASE)
# A pronoun that speaks after a quotation: '“...,” he said' ('“...,” she added, “...”').
PRONOUN_FRAME = re.compile(r"([”\"],?\s+)(he|she)\s+(\w+)\b")
# Words that stand for what was said before in the article: "made the comments", "The
# admission left ..."; not when the sentence says which ("the remarks about the port").
POINTING_BACK = re.compile(
    r"\b(?:the|these|those)\s+(?:comments?|remarks?|admission|statements?|announcement)\b"
    r"(?!\s+(?:that|about|on|of|by|to|in\s+which)\b)",
    re.IGNORECASE,
)
SECOND_PERSON = re.compile(r"\b(?:you|your|yours|imagine)\b", re.IGNORECASE)
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "him", "her", "them"})
TRAILING_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|tweeted|stated|noted)\W*$",
    re.IGNORECASE,
)
CONFLICT_OPENINGS = {
    "number": "Outlets give different figures",
    "date": "Outlets give different dates",
    "place": "Outlets give different places",
    "cause": "Outlets give different causes",
}
DISQUALIFYING = frozenset({"loaded", "evaluative", "cue", "question", "exclamation"})
QUOTES = "\"“”‘’'"
THAT = re.compile(r"^that\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """One sentence the summary may say, with what ranks and orders it."""

    text: str
    outlets: tuple[str, ...]
    facts: tuple[str, ...]
    position: float  # earliest relative place (0 = lead) of the fact in any article
    date: str | None  # the day the fact is dated, ISO, where resolved
    support: float = 0.0  # share of the outlets that carry the fact
    cost: float = 0.0  # lower is plainer
    claim: str = ""  # the id of the claim whose words the sentence uses


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class _Index:
    """Lookups over the compared articles: claims, facts, outlets, sentences, evidence."""

    def __init__(self, facts: Sequence[Fact], articles: Sequence[AnalyzedArticle]) -> None:
        self.articles = {a.article.id: a for a in articles}
        self.claims = {c.id: c for a in articles for c in a.claims}
        self.fact_of = {ref.claim: f for f in facts for ref in f.claims}
        self.outlets = tuple(dict.fromkeys(a.article.outlet for a in articles))
        self.sentences = {a.article.id: sentence_spans(a.article.text) for a in articles}
        self.disputed: set[str] = set()  # ids of claims and facts that outlets dispute

    def article(self, claim: Claim) -> AnalyzedArticle:
        return self.articles[claim.article]

    def outlet(self, article_id: str) -> str:
        return self.articles[article_id].article.outlet


# --------------------------------------------------------------------------- entry point


def summarize(
    facts: Sequence[Fact],
    articles: Sequence[AnalyzedArticle],
    conflicts: Sequence[Conflict] = (),
    *,
    max_sentences: int | None = None,
    max_words: int | None = None,
    embedder: Embedder | None = None,
) -> list[SummarySentence]:
    """A neutral account in story order, each sentence with the outlets that support it.

    Without limits the length follows the number of usable facts (3 to 8 sentences);
    ``max_sentences`` fixes it, and ``max_words`` caps the words (then the sentence count is
    free unless ``max_sentences`` is also given). Nothing is said when fewer than two outlets
    are compared or no fact is usable (e.g. only opinion).
    """
    index = _Index(facts, articles)
    if len(index.outlets) < 2:
        return []
    stated = _stated_conflicts(conflicts, index)
    disputed = _disputed(conflicts)
    index.disputed = disputed
    embedder = embedder or _default_embedder()
    candidates = [c for f in facts if (c := _candidate(f, index, disputed))]
    candidates = confirmed(candidates, index, embedder)
    if not candidates:
        return []
    limit = max_sentences
    if limit is None and max_words is None:
        limit = default_length(len(candidates))
    if limit is not None:
        limit = max(limit - len(stated), 1)
    budget = None if max_words is None else max_words - sum(_words(c.text) for c in stated)
    picked = select(candidates, index, limit, budget, embedder)
    return [_sentence(c) for c in story_order([*picked, *stated])]


def default_length(usable: int) -> int:
    """Sentences for ``usable`` candidate facts: grows with the square root, 3 to 8."""
    return min(MAX_SENTENCES, max(MIN_SENTENCES, round(LENGTH_SCALE * math.sqrt(usable))))


def _sentence(c: Candidate) -> SummarySentence:
    return SummarySentence(text=c.text, outlets=c.outlets, facts=c.facts)


def _words(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------- sentences


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` by punctuation, not split after common abbreviations."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if not _abbreviation_before(text, m):
            spans.append(Span(start, len(text[: m.end()].rstrip())))
            start = m.end()
    spans.append(Span(start, len(text)))
    return [s for s in spans if text[s.start : s.end].strip()]


def _abbreviation_before(text: str, m: re.Match[str]) -> bool:
    """Whether the full stop before ``m`` ends an abbreviation or an initial ("Sen.", "J.")."""
    if text[m.start() - 1 : m.start()] != "." or "\n" in m.group():
        return False
    words = WORD.findall(text[max(0, m.start() - 12) : m.start()])
    last = words[-1].lower() if words else ""
    return last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def sentence_of(claim: Claim, index: _Index) -> Span:
    """The sentence around ``claim``: the sentences that hold any claim of its sentence."""
    siblings = [c for c in index.article(claim).claims if c.sentence == claim.sentence] or [claim]
    lo, hi = min(c.start for c in siblings), max(c.end for c in siblings)
    hit = [s for s in index.sentences[claim.article] if s.start < hi and lo < s.end]
    return Span(min(s.start for s in hit), max(s.end for s in hit)) if hit else Span(lo, hi)


# --------------------------------------------------------------------------- candidates


def _candidate(fact: Fact, index: _Index, disputed: set[str]) -> Candidate | None:
    """The plainest readable sentence stating ``fact``, or None when it is not to be said."""
    if fact.opinion or fact.id in disputed or _only_opinion(fact, index):
        return None
    options = [
        r
        for ref in fact.claims
        if ref.claim in index.claims
        and ref.claim not in disputed
        and (r := render(index.claims[ref.claim], index))
    ]
    if not options:
        return None
    best = _named_outlet_only(min(options, key=lambda c: (c.cost, c.text)))
    claims = [index.claims[r.claim] for r in fact.claims if r.claim in index.claims]
    return replace(
        best,
        position=min(_position(c, index) for c in claims),
        date=_fact_date(claims),
        support=(len(best.outlets) - 1) / max(len(index.outlets) - 1, 1),
    )


def _named_outlet_only(c: Candidate) -> Candidate:
    """A sentence that names one of its outlets ("according to an inspection report seen by
    Tagus Wire", "said in an email to HuffPost") tells that outlet's own reporting: it cites
    that outlet alone."""
    named = tuple(o for o in c.outlets if re.search(rf"\b{re.escape(o)}\b", c.text, re.I))
    return replace(c, outlets=named) if named and named != c.outlets else c


def _only_opinion(fact: Fact, index: _Index) -> bool:
    known = [index.articles[r.article] for r in fact.claims if r.article in index.articles]
    return bool(known) and all(a.genre.label == "opinion" for a in known)


def _position(claim: Claim, index: _Index) -> float:
    return claim.start / max(len(index.article(claim).article.text), 1)


def _fact_date(claims: Sequence[Claim]) -> str | None:
    """The earliest resolved day any claim of a fact names."""
    dates = [
        t.date
        for c in claims
        for t in c.times
        if t.date and t.granularity == "day" and t.anchor != "unresolved"
    ]
    return min(dates) if dates else None


def render(claim: Claim, index: _Index) -> Candidate | None:
    """``claim`` as a sentence that reads alone, with the outlets behind it, or None."""
    text = index.article(claim).article.text
    sentence = sentence_of(claim, index)
    whole = text[sentence.start : sentence.end]
    own = [c for c in _claims_in(sentence, index, claim.article) if c.id != claim.id]
    if own and _complete(claim):
        span, framed = Span(claim.start, claim.end), False
    elif _words(whole) <= MAX_WORDS:
        span, framed = sentence, _names_speaker(claim, whole)
    elif _complete(claim):
        span, framed = Span(claim.start, claim.end), False
    else:
        return None
    return _checked(claim, span, framed, index)


def _checked(claim: Claim, span: Span, framed: bool, index: _Index) -> Candidate | None:
    article = index.article(claim)
    if not _clean(article, span) or _carries_disputed(span, index, claim.article):
        return None
    attributed = claim.voice != "outlet" and not framed
    text = article.article.text
    quoted = _opens_quote(text, span) or _inside_quotation(text, span.start)
    if not attributed and claim.voice == "outlet" and quoted:
        return None  # a quotation whose speaker is not known is nobody's plain fact
    if attributed:
        sentence = _attribute(claim, _plain_text(article, span), article)
    else:
        body = _repair_start(article, span)
        if body and _inside_quotation(text, span.start):
            body = "“" + body  # '... Christian. And I'll fight ...,” says Perry': reopen it
        if body and PRONOUN_FRAME.search(body):
            name = _speaker_name(claim)  # '“...,” he said.': the summary has not named him
            body = PRONOUN_FRAME.sub(rf"\1{name} \3", body) if name else None
        if body:
            body = _full_name_in_frame(body, claim)
            body = LINKING_ASIDE.sub("", body)  # "The visit, though, has ...": after what?
        sentence = _finish(body) if body else None
    if sentence is None or not _reads_whole(sentence):
        return None
    outlets, facts = _support(claim, span, index)
    cost = abs(claim.sentiment) + 0.2 * attributed + abs(_words(sentence) - 25) / 50
    cost += OPINION_COST * (article.genre.label == "opinion")  # a report's words, if any
    cost += 0.5 * (1 - len(outlets) / max(len(_fact_outlets(claim, index)), 1))
    return Candidate(sentence, outlets, facts, position=0.0, date=None, cost=cost, claim=claim.id)


def _full_name_in_frame(body: str, claim: Claim) -> str:
    """'“...,” Ryan said.' → '“...,” Paul Ryan said.': the summary may not have named him yet."""
    name = _speaker_name(claim)
    words = name.split() if name else []
    if len(words) < 2 or not words[-1][:1].isupper():
        return body
    frame = re.compile(rf"([”\"],?\s+)(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?{re.escape(words[-1])}(\s+\w+)")
    return frame.sub(rf"\1{name}\2", body, count=1)


def _inside_quotation(text: str, offset: int) -> bool:
    """A quotation opened earlier in the paragraph is still open at ``offset``."""
    before = text[text.rfind("\n", 0, offset) + 1 : offset]
    return before.count("“") > before.count("”")


def _opens_quote(text: str, span: Span) -> bool:
    """The span is quoted words: a quotation mark opens at its start or just before it (a
    straight quote opens when a space, a line break or the text's start stands before it)."""
    at = span.start
    while at > 0 and at > span.start - 3 and text[at - 1].isspace():
        at -= 1
    return any(0 <= k < len(text) and _opening(text, k) for k in (at - 1, span.start))


def _opening(text: str, k: int) -> bool:
    if text[k] in "“‘":
        return True
    return text[k] == '"' and (k == 0 or text[k - 1].isspace() or text[k - 1] in "([")


def _carries_disputed(span: Span, index: _Index, article_id: str) -> bool:
    """Whether the span also states a claim that outlets dispute (said as a disagreement)."""
    return any(c.id in index.disputed for c in _claims_in(span, index, article_id))


def _reads_whole(sentence: str) -> bool:
    """Long enough, not cut short (also inside a quotation: "it could be --."), not addressing
    the reader outside quotation marks, and not pointing back at words the summary does not
    give ("Holder made the comments during ...")."""
    words = WORD.findall(sentence)
    if len(words) < MIN_WORDS or words[-1].lower() in DANGLING_ENDS:
        return False
    if sentence.rstrip(" .”\"’'").endswith(("-", "—", "―", "–", "…")):
        return False
    told = QUOTED.sub("", sentence)
    return not SECOND_PERSON.search(told) and not POINTING_BACK.search(told)


def _claims_in(span: Span, index: _Index, article_id: str) -> list[Claim]:
    return [
        c for c in index.articles[article_id].claims if span.start <= c.start and c.end <= span.end
    ]


def _complete(claim: Claim) -> bool:
    """Whether the claim's own words make a sentence (reported speech once attributed)."""
    words = CONNECTIVES.sub("", claim.text.strip(QUOTES + " "))
    if claim.voice == "indirect":
        words = THAT.sub("", words)
        if claim.cue and re.search(rf"\b{re.escape(claim.cue)}\b", words):
            return False  # "that the Pentagon said were used by ...": a clause with a gap
    if _words(words) < MIN_WORDS or TRAILING_CUE.search(words):
        return False
    head = words.split(" ", 1)[0].lower().strip(",")
    capital = words[:1].isupper() or words[:1].isdigit()
    return head not in DEPENDENT_STARTS and (capital or claim.voice != "outlet")


def _names_speaker(claim: Claim, sentence: str) -> bool:
    """Whether the sentence itself says who speaks (so it needs no added attribution)."""
    if claim.voice == "outlet":
        return True
    return bool(claim.speaker and claim.speaker in sentence) or bool(
        claim.cue and re.search(rf"\b{re.escape(claim.cue)}\b", sentence)
    )


def _clean(article: AnalyzedArticle, span: Span) -> bool:
    """No loaded or evaluative words, questions, first person of the outlet, outlet hedges or
    the outlet's own "must"/"should"."""
    for ev in article.framing:
        if not (span.start <= ev.start and ev.end <= span.end):
            continue
        if ev.kind in DISQUALIFYING or (ev.kind == "first_person" and not ev.quoted):
            return False
        if ev.kind == "hedge" and not _attributed_at(article, ev.start):
            return False
    text = article.article.text[span.start : span.end]
    for m in OUGHT.finditer(text):
        if not _attributed_at(article, span.start + m.start()):
            return False  # the outlet's own judgment: "Mr. Christie must now build ..."
    return "?" not in text


def _attributed_at(article: AnalyzedArticle, offset: int) -> bool:
    """Whether ``offset`` lies in words the outlet passes on ("may have cracked, the engineer
    said"), not in its own frame around them ("Relying on his biggest, and perhaps his last,
    advantage, Mr. Christie portrayed himself as ...")."""
    quotes = {q.id: q for q in article.quotes}
    for c in article.claims:
        if c.start <= offset < c.end and c.voice != "outlet":
            q = quotes.get(c.quote or "")
            if q is None or q.start <= offset < q.end:
                return True
    return False


# --------------------------------------------------------------------------- wording


def _plain_text(article: AnalyzedArticle, span: Span) -> str:
    return " ".join(article.article.text[span.start : span.end].split())


def _repair_start(article: AnalyzedArticle, span: Span) -> str | None:
    """The span's text with a leading connective dropped and a leading pronoun named.

    None when it opens with a pronoun that no entity mention resolves ("It was...").
    """
    raw = article.article.text[span.start : span.end]
    offset = span.start + len(raw) - len(raw.lstrip())
    text = " ".join(raw.split())
    stripped = CONNECTIVES.sub("", text)
    offset += len(text) - len(stripped)  # exact while the connective holds no double space
    first = WORD.match(stripped)
    word = first.group().lower() if first else ""
    rest = stripped.split(" ", 1)[1] if " " in stripped else ""
    opening = OPENING.match(stripped)  # "In particular, they pointed to ..."
    if opening and opening.group(1).lower() in PRONOUNS:
        return None  # a pronoun after an opening phrase: who it is cannot be told here
    after = rest.split(" ", 1)[0].lower()
    if word in DEMONSTRATIVES and (after in LINKING_VERBS or after.endswith("ed")):
        return None
    if word in PRONOUNS:
        name = _entity_at(article.entities, offset)
        return f"{name}{PRONOUNS[word]} {rest}" if name else None
    return stripped[:1].upper() + stripped[1:]


def _entity_at(entities: Iterable[Entity], offset: int) -> str | None:
    """The name of the entity with a mention starting at ``offset``, if any, and only when it
    is also the one named last before it: a pronoun the analysis grouped with someone named
    further back ("He also served as ..." after "Mr. Cowan ... chief of staff to Mr. Patrick")
    is not named in the summary, where a wrong name would be stated as fact."""
    entities = list(entities)
    owner = next((e for e in entities if any(m.start == offset for m in e.mentions)), None)
    if owner is None or owner.name.lower() in PRONOUNS:
        return None
    named = [
        (m.start, e.id)
        for e in entities
        if e.kind == owner.kind
        for m in e.mentions
        if m.start < offset and m.text.lower() not in PRONOUNS
    ]
    return owner.name if named and max(named)[1] == owner.id else None


def _finish(raw: str) -> str | None:
    text = _balance(raw.strip().rstrip(",;:—– "))
    if not text:
        return None
    return text if text.rstrip('”"’')[-1:] in (".", "!", "?") else text + "."


def _balance(text: str) -> str | None:
    """Drop a dangling quotation mark or bracket at either end ("(Trump Jr. didn't respond
    to either message."); None when quotes or brackets stay unbalanced."""
    if text.count("“") != text.count("”") or text.count('"') % 2:
        text = text.strip('“”" ')
    if text.count("(") != text.count(")"):
        text = text.strip("() ")
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return None
    return None if text.count("(") != text.count(")") else text


def _attribute(claim: Claim, body: str, article: AnalyzedArticle) -> str | None:
    """``body`` said by the claim's speaker: a direct quote in quotation marks, else reported."""
    speaker = _speaker_name(claim)
    if speaker is None:
        return None
    inner = body.strip(QUOTES + " ").rstrip(",;:—– ")
    if claim.voice == "indirect":
        inner = THAT.sub("", CONNECTIVES.sub("", inner))
    if not inner or _balance(inner) is None:
        return None
    lead = speaker[:1].upper() + speaker[1:]
    if claim.voice == "direct":
        end = "" if inner[-1] in ".!?" else "."
        return f"{lead} said: “{inner}{end}”"
    first = WORD.match(inner)
    if first and first.group().lower() in PRONOUNS:
        return _finish(f"{lead} said {inner[:1].lower()}{inner[1:]}")
    opening = first.group().lower() if first else ""
    named = _entity_at(article.entities, claim.start) is not None and opening not in DETERMINERS
    keep_case = named or inner[:2].isupper()
    inner = inner if keep_case else inner[:1].lower() + inner[1:]
    return _finish(f"According to {speaker}, {inner}")


def _speaker_name(claim: Claim) -> str | None:
    speaker = " ".join((claim.speaker or "").split())
    words = [w.lower() for w in WORD.findall(speaker)]
    if not words or len(words) > 12 or words[0] in SPEAKER_PRONOUNS:
        return None
    if speaker[:1].islower() and words[0] not in DETERMINERS:
        return None  # a bare common noun ("woman"), not a source a reader can place
    return None if BAD_SPEAKER_WORDS & set(words) else speaker


# --------------------------------------------------------------------------- support


def _fact_outlets(claim: Claim, index: _Index) -> tuple[str, ...]:
    fact = index.fact_of.get(claim.id)
    return fact.outlets if fact else (index.outlet(claim.article),)


def _support(claim: Claim, span: Span, index: _Index) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Outlets that support every fact the span states, and those facts (the claim's first)."""
    carried = [claim, *(c for c in _claims_in(span, index, claim.article) if c.id != claim.id)]
    facts = [index.fact_of[c.id] for c in carried if c.id in index.fact_of]
    outlets = list(_fact_outlets(claim, index))
    for fact in facts:
        outlets = [o for o in outlets if o in fact.outlets]
    home = index.outlet(claim.article)
    return tuple(outlets) or (home,), tuple(dict.fromkeys(f.id for f in facts))


def confirmed(
    candidates: Sequence[Candidate], index: _Index, embedder: Embedder
) -> list[Candidate]:
    """Candidates citing only the outlets whose own claim of the fact says what the sentence
    says: MiniLM cosine at least SUPPORT_COSINE or content-word Jaccard at least
    SUPPORT_OVERLAP with the claim the sentence is made from. A fact the aligner grouped
    loosely ("Rossi will visit the injured" with "Twelve passengers were treated") then
    cites only the outlet that wrote the words. An outlet whose claim lacks a figure of the
    sentence ("she lost just 43 votes"), or that does not give a reported sentence to the same
    speaker, does not back it either."""
    from rashomon.compare.align import content_stems

    pairs = [
        (k, o, other.text)
        for k, c in enumerate(candidates)
        for o, other in _other_claims(c, index)
        if _same_voice(index.claims[c.claim], other)
    ]
    texts = list(
        dict.fromkeys([*(index.claims[c.claim].text for c in candidates), *(t for *_, t in pairs)])
    )
    vectors = dict(zip(texts, embedder(texts), strict=True)) if pairs else {}
    backed: dict[int, set[str]] = {}
    for k, outlet, text in pairs:
        mine = index.claims[candidates[k].claim].text
        cosine = float(vectors[mine] @ vectors[text])
        overlap = _jaccard(content_stems(mine), content_stems(text))
        if (cosine >= SUPPORT_COSINE or overlap >= SUPPORT_OVERLAP) and _numbers(mine) <= _numbers(
            text
        ):
            backed.setdefault(k, set()).add(outlet)
    out = []
    for k, c in enumerate(candidates):
        home = index.outlet(index.claims[c.claim].article)
        outlets = tuple(o for o in c.outlets if o == home or o in backed.get(k, set()))
        support = (len(outlets) - 1) / max(len(index.outlets) - 1, 1)
        out.append(replace(c, outlets=outlets, support=support))
    return out


def _same_voice(mine: Claim, other: Claim) -> bool:
    """A sentence that reports what someone said is backed only by claims of that speaker."""
    from rashomon.compare.entities import speaker_key

    if mine.voice == "outlet" or not mine.speaker:
        return True
    return bool(other.speaker) and speaker_key(other.speaker or "") == speaker_key(mine.speaker)


def _numbers(text: str) -> frozenset[str]:
    """The figures a sentence gives: an outlet that does not give them does not back it."""
    return frozenset(n.replace(",", "") for n in NUMBER.findall(text))


def _other_claims(c: Candidate, index: _Index) -> Iterator[tuple[str, Claim]]:
    """The claims of other outlets in the candidate's fact."""
    fact = index.fact_of.get(c.claim)
    home = index.outlet(index.claims[c.claim].article)
    for ref in fact.claims if fact else ():
        claim = index.claims.get(ref.claim)
        if claim is not None and index.outlet(claim.article) != home:
            yield index.outlet(claim.article), claim


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


# --------------------------------------------------------------------------- conflicts


def _disputed(conflicts: Sequence[Conflict]) -> set[str]:
    """Fact and claim ids on either side of a conflict."""
    facts = {k.fact for k in conflicts if k.fact is not None}
    return facts | {r.claim for k in conflicts for r in (k.a, k.b)}


def _stated_conflicts(conflicts: Sequence[Conflict], index: _Index) -> list[Candidate]:
    sure = [
        k
        for k in conflicts
        if k.confidence >= MIN_CONFLICT_CONFIDENCE
        and k.a.article in index.articles
        and k.b.article in index.articles
    ]
    sure.sort(key=lambda k: (-k.confidence, k.id))
    return [_conflict(k, index) for k in sure[:MAX_CONFLICTS]]


def _conflict(k: Conflict, index: _Index) -> Candidate:
    """A conflict said as a disagreement between named outlets, taking no side."""
    head, sep, rest = k.explanation.partition(": ")
    if not sep or len(head.split()) > 4:
        head, rest = "", k.explanation
    opening = CONFLICT_OPENINGS.get(k.kind, "Outlets disagree")
    if k.kind == "number" and head:
        opening = f"{opening} for {head.lower()}"
    else:  # say what they disagree about: "different dates for “Lauten apologized …”"
        about = "for" if k.kind in CONFLICT_OPENINGS else "on"
        opening = f"{opening} {about} “{_excerpt(k.a.text)}”"
    text = f"{opening}: {rest.strip()}"
    claims = [index.claims.get(r.claim) for r in (k.a, k.b)]
    return Candidate(
        text=_finish(text) or text,
        outlets=tuple(dict.fromkeys((index.outlet(k.a.article), index.outlet(k.b.article)))),
        facts=tuple(f for f in (k.fact,) if f),
        position=min((_position(c, index) for c in claims if c), default=1.0),
        date=None,
        support=1.0,
    )


def _excerpt(text: str, words: int = 10) -> str:
    kept = text.strip().rstrip(".").split()
    return " ".join(kept) if len(kept) <= words else " ".join(kept[:words]) + " …"


# --------------------------------------------------------------------------- selection


def select(
    candidates: Sequence[Candidate],
    index: _Index,
    limit: int | None,
    budget: int | None,
    embedder: Embedder | None = None,
) -> list[Candidate]:
    """Maximal marginal relevance over salience, within ``limit`` sentences and ``budget`` words."""
    embedder = embedder or _default_embedder()
    vectors = embedder([c.text for c in candidates])
    salience = _salience(candidates, vectors, index, embedder)
    chosen: list[int] = []
    words = 0
    voices: Counter[str] = Counter()
    pool = list(range(len(candidates)))
    while pool and (limit is None or len(chosen) < limit):
        best = max(pool, key=lambda i: (_marginal(i, chosen, salience, vectors), -i))
        pool.remove(best)
        if chosen and float(np.max(vectors[chosen] @ vectors[best])) > REDUNDANT_ABOVE:
            continue
        if any(set(candidates[best].facts) & set(candidates[i].facts) for i in chosen):
            continue  # it would state a fact a second time
        if _figures_given(candidates[best].text, [candidates[i].text for i in chosen]):
            continue  # "$43 million in federal taxes" after "nearly $44 million in ... taxes"
        size = _words(candidates[best].text)
        if budget is not None and chosen and words + size > budget:
            continue
        voice = _voice(candidates[best], index)
        if voice and voices[voice] >= MAX_PER_SPEAKER:
            continue
        voices[voice] += 1
        chosen.append(best)
        words += size
    return [candidates[i] for i in chosen]


def _figures_given(text: str, said: Sequence[str]) -> bool:
    """Every large figure of ``text`` (a sum, or a number of 1,000 or more) is already given, to
    within ``SAME_FIGURE``, by a sentence the summary says: the sentence tells those figures again
    ("$140,937,785 over the eight year span" after "roughly $141 million")."""
    mine = _large_figures(text)
    given = [v for other in said for v in _large_figures(other)]
    return bool(mine) and all(
        any(abs(v - g) <= SAME_FIGURE * max(v, g) for g in given) for v in mine
    )


def _large_figures(text: str) -> list[float]:
    out = []
    for m in FIGURE.finditer(text):
        digits, scale = m.group(2), (m.group(3) or "").lower()
        value = float(digits.replace(",", "")) * SCALES.get(scale, 1)
        year = not m.group(1) and not scale and re.fullmatch(r"(?:19|20)\d\d", digits)
        if (m.group(1) or value >= 1000) and not year:
            out.append(value)
    return out


def _voice(candidate: Candidate, index: _Index) -> str:
    """The surname of the speaker whose words the candidate passes on ("" for the outlet's)."""
    claim = index.claims.get(candidate.claim)
    if claim is None or claim.voice == "outlet" or not claim.speaker:
        return ""
    return claim.speaker.split()[-1].lower()


def _default_embedder() -> Embedder:
    from rashomon.embed import embed

    return embed


def _marginal(i: int, chosen: list[int], salience: np.ndarray, vectors: np.ndarray) -> float:
    overlap = float(np.max(vectors[chosen] @ vectors[i])) if chosen else 0.0
    return MMR_LAMBDA * float(salience[i]) - (1 - MMR_LAMBDA) * overlap


def _salience(
    candidates: Sequence[Candidate], vectors: np.ndarray, index: _Index, embedder: Embedder
) -> np.ndarray:
    """Support, centrality (cosine to the mean of every claim) and lead position, weighted."""
    everything = embedder([c.text for c in index.claims.values()])
    centre = everything.mean(axis=0)
    centre = centre / (np.linalg.norm(centre) or 1.0)
    support = np.array([c.support for c in candidates])
    lead = np.array([1.0 - c.position for c in candidates])
    return SUPPORT_WEIGHT * support + CENTRAL_WEIGHT * (vectors @ centre) + LEAD_WEIGHT * lead


# --------------------------------------------------------------------------- order


def story_order(items: Sequence[Candidate]) -> list[Candidate]:
    """Sentences by the day they are dated, an undated one taking the day of the dated one
    told before it (or, at the start, the first day told); otherwise by place in the story."""
    by_place = sorted(items, key=lambda c: (c.position, c.text))
    dates = [c.date for c in by_place]
    current = next((d for d in dates if d), "")
    effective = []
    for date in dates:
        current = date or current
        effective.append(current)
    order = sorted(range(len(by_place)), key=lambda i: (effective[i], i))
    return [by_place[i] for i in order]
