"""Conflicts: two claims of different articles that cannot both be true.

A conflict is looked for between the claims of one fact, between any two claims worded
almost alike (a number clash can keep two such claims out of one fact), and between two claims
of different articles that are each other's closest match with a fact score of at least the
aligner's ``NEAR`` (a clash of numbers or dates lowers the fact score). Claims the aligner
pairs (one fact, or closest matches) need not share many words; they pass a test of the same
thing instead: numbers that say the same happened to the same thing, dates that attach to the
same verb. Five kinds are checked, surest first:

- number: the same measured thing with values no bound, rounding or sum reconciles
  ("12 injured" / "fewer than ten injured"; never "214 passengers and nine crew" /
  "223 people on board", nor "at least 200" / "214");
- date: the same action dated on two different days ("on Friday" / "Saturday", the two
  dates attached to one verb);
- negation: the same statement, asserted by one and denied by the other;
- place: the same statement set in two places, neither of which the other article names;
- cause: the same effect given two unrelated causes ("because of fog" / "due to engine failure").

Precision comes before recall: a false conflict costs a fact-checker's trust, so every check
bails out when unsure. Counts are left alone when a claim says the figure changed ("the toll
rose to 15"), when the articles were published on different days, or when the claims are dated
or placed apart.

Sources. A number clash between claims attributed to *different named sources* is reported,
naming both: "Injured: Tagus Wire (citing police) says 12; Harbour State TV (citing the
ministry) says fewer than ten." The outlets present two accounts of one count, and a
fact-checker wants to see that they cannot both hold. The other kinds are not checked between
different sources: on BASIL the statements of two sources that looked like a denial were a
claim cut from its cue ("denied that she had ever provided false information") or two sources
disagreeing about what happened, which the voices view shows with each speaker's words.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from rashomon.analyze.quantities import (
    comparable,
    consistent,
    contradicts,
    label,
    lexicon,
    number_text,
    part_of,
    same_measure,
)
from rashomon.analyze.timex import period
from rashomon.compare.align import (
    NEAR,
    WORD,
    Features,
    article_entities,
    claim_ref,
    content_stems,
    jaccard,
    pair_features,
    pair_scores,
    probability,
    stem,
)
from rashomon.compare.align import (
    SAME_EVENT as EVENT_PROBABILITY,
)
from rashomon.compare.entities import speaker_key
from rashomon.records import (
    DENIAL_CUE,
    AnalyzedArticle,
    Claim,
    Conflict,
    Fact,
    Quantity,
    TimeExpression,
)

NEAR_DUPLICATE = 0.5  # stem Jaccard above which two claims are compared even across facts
SAME_STATEMENT = 0.6  # stem Jaccard (negators, places, causes aside) for negation/place/cause
SAME_EVENT = 0.3  # stem Jaccard for two dated claims of one fact
CHANGE = re.compile(
    r"\b(rose|risen|rising|climbed|climbing|increased|jumped|grew|reached|revised|updated"
    r"|so far|initially|earlier|at first|later|now|still|preliminary|latest|new toll)\b",
    re.IGNORECASE,
)
NEGATORS = frozenset({"not", "no", "never", "n't", "nt", "none", "neither", "nor", "without"})
CAUSE = re.compile(
    r"\b(?:because of|because|due to|caused by|blamed on|the result of|as a result of"
    r"|owing to|triggered by|sparked by)\s+(?P<cause>[^,;.]+)",
    re.IGNORECASE,
)
# The word a negation denies: "was not closed", "did not fully reopen", "never paid".
NEGATED = re.compile(
    r"(?:\bnot|n't|\bnever|\bno longer)\s+"
    r"(?:(?:be|been|being|have|has|had|yet|ever|fully|immediately|actually|officially)\s+)*"
    r"([a-z]+)",
    re.IGNORECASE,
)
# A count that says whom it takes in or leaves out ("four killed, including the shooter") may
# differ from another by those few: a difference of definition, not of fact.
INCLUSION = re.compile(
    r"\b(?:including|excluding|not (?:counting|including)|besides|apart from|in addition to"
    r"|plus)\s+(?:the|a|an|his|her|their|its|one|two|three)\b",
    re.IGNORECASE,
)
INCLUSION_SPREAD = 3  # at most this far apart, two counts one of which names its members
# Near-denials: "has barely spoken" does not deny "has spoken"; it is not "has not spoken".
NEAR_NEGATION = re.compile(r"\b(?:barely|hardly|scarcely|rarely|seldom|little)\b", re.I)
RANK = re.compile(r"(?:\bno\.?|\bnumber|\bnum\.?|#)\s*\d", re.IGNORECASE)
TIME_PREPOSITIONS = frozenset(
    {"on", "in", "since", "at", "during", "by", "until", "from", "before"}
)
WEEKDAY = re.compile(
    r"(?:on\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.IGNORECASE
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their", "every"})
POSSESSIVE = re.compile(r"\s*['’]s\b")
WEEK = 7  # days a dated count may lie from the publication day of an undated one
MIN_STATEMENT = 4  # content words a claim needs before a negation or place clash is trusted
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "off", "outside", "inside", "on"})


@dataclass(frozen=True)
class Side:
    """One claim with what the checks read about it."""

    claim: Claim
    outlet: str
    article: AnalyzedArticle
    places: dict[str, str]  # cross-article entity id -> the name used in this claim
    named: frozenset[str]  # cross-article entity ids named anywhere in the article
    people: frozenset[str] = frozenset()  # cross-article ids of the people the claim names


@dataclass(frozen=True)
class Found:
    kind: str
    explanation: str
    confidence: float
    key: tuple[str, ...] = ()  # what was found, to report one clash once per pair of articles


# --------------------------------------------------------------------------- entry point


def find_conflicts(
    facts: Sequence[Fact], analyzed: Sequence[AnalyzedArticle], features: Features | None = None
) -> list[Conflict]:
    """The conflicts between the claims of ``facts``, of near-identical claims, of claims that
    count the same thing in one event and of claims that are each other's closest match in the
    other article; one clash is reported once per pair of articles.

    ``features`` is the aligner's :func:`~rashomon.compare.align.pair_features` of ``analyzed``
    when already computed."""
    sides = _sides(analyzed)
    features = features or pair_features(analyzed)
    event = _event_probability(features)
    matched = _matched(analyzed, features)
    found: list[Conflict] = []
    seen: set[tuple[str, ...]] = set()
    for a, b, fact in _candidates(facts, sides, matched):
        paired = fact is not None or (a, b) in matched or (b, a) in matched
        result = check(sides[a], sides[b], event(a, b), paired=paired)
        if result is None:
            continue
        articles = tuple(sorted((sides[a].claim.article, sides[b].claim.article)))
        key = (*articles, result.kind, *result.key) if result.key else (a, b)
        if key not in seen:
            seen.add(key)
            found.append(_conflict(f"k{len(found) + 1}", result, sides[a], sides[b], fact))
    return found


def _conflict(conflict_id: str, found: Found, a: Side, b: Side, fact: str | None) -> Conflict:
    return Conflict(
        id=conflict_id,
        kind=found.kind,  # type: ignore[arg-type]
        explanation=found.explanation,
        a=claim_ref(a.claim),
        b=claim_ref(b.claim),
        fact=fact,
        confidence=found.confidence,
    )


def _event_probability(features: Features) -> Callable[[str, str], float]:
    """The aligner's probability that two claims (by id) tell the same event."""
    items, table = features
    scores = probability(table)
    index = {u.claim.id: n for n, u in enumerate(items)}
    return lambda a, b: float(scores[index[a], index[b]]) if a in index and b in index else 0.0


def _matched(analyzed: Sequence[AnalyzedArticle], features: Features) -> set[tuple[str, str]]:
    """Claims of two articles that are each other's closest claim there, with a fact score of
    at least the aligner's ``NEAR`` (the pairs an exclusive fact names as nearly matching)."""
    items, scores = pair_scores(analyzed, features=features)
    if not items:
        return set()
    article = np.array([u.article for u in items])
    best = np.zeros(scores.shape, dtype=bool)
    for other in np.unique(article):
        columns = np.flatnonzero(article == other)
        best[np.arange(len(items)), columns[np.argmax(scores[:, columns], axis=1)]] = True
    mutual = best & best.T & (scores >= NEAR) & (article[:, None] != article[None, :])
    return {(items[i].claim.id, items[j].claim.id) for i, j in zip(*mutual.nonzero(), strict=True)}


def _sides(analyzed: Sequence[AnalyzedArticle]) -> dict[str, Side]:
    from rashomon.compare.entities import entity_index, link

    index = entity_index(link(analyzed))
    named = article_entities(analyzed)
    out: dict[str, Side] = {}
    for article, names in zip(analyzed, named, strict=True):
        aid = article.article.id
        kinds = {e.id: e for e in article.entities}
        for claim in article.claims:
            ids = {e: index.get((aid, e), f"{aid}/{e}") for e in claim.entities if e in kinds}
            places = {ids[e]: _mention_in(kinds[e], claim) for e in ids if kinds[e].kind == "place"}
            people = frozenset(ids[e] for e in ids if kinds[e].kind == "person")
            out[claim.id] = Side(claim, article.article.outlet, article, places, names, people)
    return out


def _mention_in(entity: object, claim: Claim) -> str:
    mentions = getattr(entity, "mentions", ())
    inside = [m.text for m in mentions if claim.start <= m.start and m.end <= claim.end]
    return inside[0] if inside else str(getattr(entity, "name", ""))


def _candidates(
    facts: Sequence[Fact], sides: dict[str, Side], matched: Collection[tuple[str, str]] = ()
) -> Iterator[tuple[str, str, str | None]]:
    """Claim pairs of different articles: inside each fact, then near-duplicates anywhere, then
    claims that are each other's closest match (``matched``)."""
    seen: set[tuple[str, str]] = set()
    for fact in facts:
        ids = [c.claim for c in fact.claims if c.claim in sides]
        for pair in _cross_pairs(ids, sides):
            seen.add(pair)
            yield pair[0], pair[1], fact.id
    ids = list(sides)
    close = jaccard([_plain_stems(sides[i].claim.text) for i in ids])
    for x, y in zip(*(close >= NEAR_DUPLICATE).nonzero(), strict=True):
        a, b = ids[int(x)], ids[int(y)]
        if x < y and (a, b) not in seen and _different_articles(sides[a], sides[b]):
            seen.add((a, b))
            yield a, b, None
    for a, b in sorted(matched):
        if a < b and a in sides and b in sides and not ({(a, b), (b, a)} & seen):
            seen.add((a, b))
            yield a, b, None
    yield from _counting_pairs(ids, sides, seen)


def _counting_pairs(
    ids: Sequence[str], sides: dict[str, Side], seen: set[tuple[str, str]]
) -> Iterator[tuple[str, str, str | None]]:
    """Claims of different articles that count the same thing (injured, dead, on board):
    compound sentences can put them in different facts, and a number clash is worth a look.
    Only counts that say what happened to what they count are paired this way."""
    counted = [i for i in ids if any(_told(q) for q in sides[i].claim.quantities)]
    for a, b in _cross_pairs(counted, sides):
        if (a, b) in seen or (b, a) in seen:
            continue
        qa, qb = sides[a].claim.quantities, sides[b].claim.quantities
        if any(_told(x) and _told(y) and comparable(x, y) for x in qa for y in qb):
            yield a, b, None


def _told(q: Quantity) -> bool:
    """A count that says what happened to what it counts, in a class of the lexicon ("12 were
    injured", "carrying 214 passengers")."""
    return q.kind == "count" and q.predicate in lexicon().labels


def _cross_pairs(ids: Sequence[str], sides: dict[str, Side]) -> Iterator[tuple[str, str]]:
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if _different_articles(sides[a], sides[b]):
                yield a, b


def _different_articles(a: Side, b: Side) -> bool:
    return a.claim.article != b.claim.article


def _plain_stems(text: str) -> frozenset[str]:
    """Content stems without numbers or negators."""
    return frozenset(s for s in content_stems(text) if not s[0].isdigit() and s not in NEGATORS)


# --------------------------------------------------------------------------- checks


def check(a: Side, b: Side, event: float = 0.0, *, paired: bool = False) -> Found | None:
    """The first conflict found between two claims, or None.

    ``event`` is the aligner's probability that the two claims tell the same event; a count
    of one event can clash even when the two sentences share few words. ``paired``: the aligner
    put the claims in one fact or found each the other's closest match; such claims are checked
    with a test of the same thing (the same measure, the same dated action) in place of shared
    words. Claims attributed to different named sources are checked for number clashes only,
    and for dates when each claim tells what its speaker did ("A staffer apologized on Friday").
    """
    found = number_conflict(a, b, event, paired=paired)
    if found is not None or different_sources(a.claim, b.claim, acts=True):
        return found
    found = date_conflict(a, b, paired=paired)
    if found is not None or different_sources(a.claim, b.claim):
        return found
    for test in (negation_conflict, place_conflict, cause_conflict):
        found = found or test(a, b)
    return found


def different_sources(a: Claim, b: Claim, *, acts: bool = False) -> bool:
    """Whether both claims are reported speech, from sources that are not the same (or not
    named: "many have speculated that ..." is nobody's in particular). With ``acts``, only
    named speakers count, and a claim that names its speaker itself ("A staffer apologized on
    Friday for ...") counts as the outlet's: it tells what the speaker did, and when."""
    if acts:
        if not _attributed(a) or not _attributed(b):
            return False
    elif a.voice == "outlet" or b.voice == "outlet":
        return False
    elif not (a.speaker and b.speaker):
        return True  # "many have speculated that ...": an unnamed source is no one to match
    return speaker_key(a.speaker or "") != speaker_key(b.speaker or "")


def _attributed(claim: Claim) -> bool:
    """Attributed to a speaker the claim does not itself name."""
    return bool(claim.speaker) and (claim.speaker or "").lower() not in claim.text.lower()


def _says(side: Side) -> str:
    """ "Tagus Wire (citing Portuguese authorities) says", or "Tagus Wire says"."""
    if _attributed(side.claim) and side.claim.voice != "outlet":
        return f"{side.outlet} (citing {side.claim.speaker}) says"
    return f"{side.outlet} says"


# numbers ---------------------------------------------------------------------------


def number_conflict(a: Side, b: Side, event: float = 0.0, *, paired: bool = False) -> Found | None:
    """The same measured thing with values that cannot both hold.

    Counts that say what happened to what they count ("12 were injured") are compared when
    the claims are worded alike or the aligner puts them in one event; other numbers (sums of
    money, shares, "214 passengers") only between claims that make nearly the same statement:
    on BASIL, amounts in claims that merely share words were nearly always different measures
    (a year's tax rate and eight years', a fund and the whole budget). Claims the aligner pairs
    (``paired``) compare two numbers that say the same happened to the same thing (the verb
    that governs each, and what it counts or its currency): "diverted $3 billion" / "will divert
    $3.6 billion".
    """
    if CHANGE.search(a.claim.text) or CHANGE.search(b.claim.text):
        return None
    apart = _published_apart(a, b)
    if (apart and not paired) or _times_differ(a, b) or _places_differ(a, b):
        return None
    similarity = _similarity(a.claim.text, b.claim.text, set())
    if similarity < SAME_EVENT and event < EVENT_PROBABILITY:
        return None
    for qa in a.claim.quantities:
        for qb in b.claim.quantities:
            same = (_told(qa) and _told(qb)) or similarity >= SAME_STATEMENT
            if not (same or (paired and _same_thing(qa, qb))):
                continue
            if _rank(qa, a.claim) or _rank(qb, b.claim) or _other_people(qa, a, b):
                continue
            if _one_of(qa, qb) or _defined_apart(qa, qb, a.claim, b.claim):
                continue
            if _numbers_clash(qa, qb, a.claim.quantities, b.claim.quantities):
                return _number_found(qa, qb, a, b, apart=apart)
    return None


def _same_thing(qa: Quantity, qb: Quantity) -> bool:
    """Two numbers that say the same happened to the same thing: one governing verb (or
    predicate class) and one counted noun or currency."""
    return bool(qa.predicate) and qa.kind != "ordinal" and same_measure(qa, qb)


def _number_found(qa: Quantity, qb: Quantity, a: Side, b: Side, *, apart: bool = False) -> Found:
    """The clash in one sentence. Between reports of different days (only claims the aligner
    pairs get here) it says so: the count may have changed in between, so it is less sure."""
    what = label(qa)
    text = f"{what}: {_says(a)} {number_text(qa)}; {_says(b)} {number_text(qb)}."
    if apart:
        days = sorted(str(s.article.article.published) for s in (a, b))
        text += f" The reports are of different days ({days[0]}, {days[1]}):"
        text += " the count may have changed."
    values = sorted([(a.claim.article, f"{qa.value:g}"), (b.claim.article, f"{qb.value:g}")])
    sure = 0.6 if apart else 0.9 if qa.bound == qb.bound == "exact" else 0.8
    return Found("number", text, sure, (what, *(v for _, v in values)))


def _numbers_clash(
    qa: Quantity, qb: Quantity, all_a: Sequence[Quantity], all_b: Sequence[Quantity]
) -> bool:
    if qa.kind == "ordinal" or not contradicts(qa, qb):
        return False
    same_a = [q for q in all_a if comparable(q, qa)]
    same_b = [q for q in all_b if comparable(q, qb)]
    if len(same_a) > 1 or len(same_b) > 1:  # "3 dead here and 5 there": which one is compared?
        return False
    return not (_adds_up(all_a, qb) or _adds_up(all_b, qa))


def _one_of(qa: Quantity, qb: Quantity) -> bool:
    """A count of one ("One case involved an officer") is most often one of the many the other
    claim counts ("the two cases"), not a rival total: left alone."""
    return qa.kind == qb.kind == "count" and min(qa.value, qb.value) <= 1


def _defined_apart(qa: Quantity, qb: Quantity, a: Claim, b: Claim) -> bool:
    """ "Four people were killed, including the shooter" against "the gunman killed three": a
    count that names whom it takes in may differ by those few."""
    close = abs(qa.value - qb.value) <= INCLUSION_SPREAD
    return close and bool(INCLUSION.search(a.text) or INCLUSION.search(b.text))


def _other_people(q: Quantity, a: Side, b: Side) -> bool:
    """An age is compared only between claims that name the same person."""
    return q.unit == "age" and not a.people & b.people


def _places_differ(a: Side, b: Side) -> bool:
    """Both claims are set in places the other article never names: two counts of two places.
    A place counts as named when the other article writes its name, whatever entity the
    tagger made of it there ("the Calder Bay bridge" read as "Calder Bay")."""
    if not a.places or not b.places:
        return False
    if set(a.places) & b.named or set(b.places) & a.named:
        return False
    return not (_writes(b, a.places.values()) or _writes(a, b.places.values()))


def _writes(side: Side, names: Iterable[str]) -> bool:
    text = side.article.article.text.lower()
    return any(name.lower() in text for name in names)


def _rank(q: Quantity, claim: Claim) -> bool:
    """A rank rather than an amount: "No. 3", "number 2"."""
    before = claim.text[max(q.start - claim.start - 8, 0) : max(q.start - claim.start, 0)]
    return bool(RANK.search(before + q.text))


def _times_differ(a: Side, b: Side) -> bool:
    """The claims count at different times: both are dated and share no date, both give a time
    that is not the same and one of them has no date, or one is dated more than a week away
    from the other's publication day ("in 2011, killing one person"
    against an undated report of today's deaths)."""
    dates_a = {t.date for t in a.claim.times if t.date}
    dates_b = {t.date for t in b.claim.times if t.date}
    if dates_a and dates_b:
        return not dates_a & dates_b
    if _spans_differ(a.claim, b.claim):
        return True
    dated, other = (a, b) if dates_a else (b, a)
    published = other.article.article.published
    if not (dates_a or dates_b) or published is None:
        return False
    periods = [p for t in dated.claim.times if (p := period(t)) is not None]
    return bool(periods) and all(_days_apart(p, published) > WEEK for p in periods)


def _spans_differ(a: Claim, b: Claim) -> bool:
    """Both claims give a time and one of them is a span or a time with no date, not a clock
    time ("over the eight-year span" / "between 2011 and 2014"): nothing says they count over
    the same span, so they share none."""
    undated = {t.text for t in (*a.times, *b.times) if not t.date and t.granularity != "time"}
    if not (a.times and b.times and undated):
        return False
    words = {t.text.lower() for t in a.times} & {t.text.lower() for t in b.times}
    return not words


def _days_apart(span: tuple[dt.date, dt.date], day: dt.date) -> int:
    if span[0] <= day <= span[1]:
        return 0
    return min(abs((span[0] - day).days), abs((span[1] - day).days))


def _adds_up(parts: Sequence[Quantity], total: Quantity) -> bool:
    """Whether some of ``parts`` (two or more) make up ``total``."""
    pieces = [p for p in parts if p is not total and (part_of(p, total) or same_measure(p, total))]
    return len(pieces) > 1 and consistent(pieces, total)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] + 1e-9 and b[0] <= a[1] + 1e-9


def _published_apart(a: Side, b: Side) -> bool:
    """Articles of different days may give a count as it stood on each day."""
    one, two = a.article.article.published, b.article.article.published
    return one is not None and two is not None and one != two


# dates -----------------------------------------------------------------------------


def date_conflict(a: Side, b: Side, *, paired: bool = False) -> Found | None:
    """One statement dated on two different days by the two claims.

    Each claim must have one expression that dates it ("on March 3", "apologized Saturday");
    other times in it ("the Thanksgiving address") are left aside. The two dates must attach
    to the same verb ("apologized on Friday" / "had to apologize Saturday"; not "apologized on
    Friday" / "resigned Monday"), in claims that share their words or that the aligner pairs
    (``paired``)."""
    ta, tb = _dating(a.claim), _dating(b.claim)
    if ta is None or tb is None or not _comparable_grains(ta, tb):
        return None
    if not _comparable_anchors(a, b, ta, tb):
        return None
    if _amounts(a.claim) != _amounts(b.claim):  # "12 on Monday", "30 on Tuesday"
        return None
    pa, pb = period(ta), period(tb)
    if pa is None or pb is None or ta.granularity not in {"day", "month", "year"}:
        return None
    if pa[0] <= pb[1] and pb[0] <= pa[1]:
        return None
    alike = _similarity(a.claim.text, b.claim.text, {ta.text, tb.text}) >= SAME_EVENT
    if not ((alike or paired) and same_action(a.claim, ta, b.claim, tb)):
        return None
    text = f"Date: {_says(a)} {_dated(ta)}; {_says(b)} {_dated(tb)}."
    sure = ta.anchor == tb.anchor == "explicit"
    return Found("date", text, 0.8 if sure else 0.6)


def _comparable_grains(ta: TimeExpression, tb: TimeExpression) -> bool:
    """The same granularity, or a day against a month ("on April 30" / "in mid May"): the
    periods are compared next, and a day outside the other's month cannot be in it."""
    return ta.granularity == tb.granularity or {ta.granularity, tb.granularity} == {"day", "month"}


def _dating(claim: Claim) -> TimeExpression | None:
    """The one resolved time expression that dates the claim, if there is exactly one."""
    dating = [t for t in claim.times if t.date and _dates_the_claim(claim, t)]
    return dating[0] if len(dating) == 1 else None


def _comparable_anchors(a: Side, b: Side, ta: TimeExpression, tb: TimeExpression) -> bool:
    """Both dates written out, or both read from the same publication day ("on Wednesday"
    said on different days may well be the same Wednesday misread), or two different weekday
    names in reports published within a week of each other: "Friday" and "Saturday" are two
    days however each is resolved."""
    if ta.anchor == tb.anchor == "explicit":
        return True
    relative = {ta.anchor, tb.anchor} <= {"publication", "dateline"}
    one, two = a.article.article.published, b.article.article.published
    if not relative or one is None or two is None:
        return False
    if ta.anchor == tb.anchor and one == two:
        return True
    day_a, day_b = _weekday(ta.text), _weekday(tb.text)
    return bool(day_a and day_b) and day_a != day_b and abs((one - two).days) <= WEEK


def _weekday(text: str) -> str | None:
    """The weekday a bare weekday name means ("Friday", "on Friday"), else None."""
    m = WEEKDAY.fullmatch(text.strip())
    return m["day"].lower() if m else None


def _dates_the_claim(claim: Claim, time: TimeExpression) -> bool:
    """The expression dates the statement ("on March 3", "since 2002", "apologized Friday"),
    not a noun ("the Sept. 11 attacks", "Wednesday's ceremony")."""
    first = time.text.split()[0].lower() if time.text else ""
    if first in TIME_PREPOSITIONS:
        return True
    before = WORD.findall(claim.text[: max(time.start - claim.start, 0)].lower())
    if before and before[-1] in TIME_PREPOSITIONS:
        return True
    after = claim.text[max(time.end - claim.start, 0) :]
    return (
        _weekday(time.text) is not None
        and bool(before)
        and before[-1] not in DETERMINERS
        and not POSSESSIVE.match(after)
    )


def same_action(a: Claim, ta: TimeExpression, b: Claim, tb: TimeExpression) -> bool:
    """Whether the two dates attach to the same verb (by lemma)."""
    verb_a, verb_b = (
        _dated_verb(a.text, ta.start - a.start),
        _dated_verb(b.text, tb.start - b.start),
    )
    return verb_a is not None and verb_a == verb_b


@functools.lru_cache(maxsize=512)
def _dated_verb(text: str, at: int) -> str | None:
    """The lemma of the verb the words at character ``at`` of ``text`` attach to."""
    from rashomon.nlp import pipeline

    doc = pipeline()(text)
    token = next((t for t in doc if t.idx <= at < t.idx + len(t)), None)
    while token is not None and token.head.i != token.i:
        token = token.head
        if token.pos_ == "VERB":
            return str(token.lemma_).lower()
    return None


def _dated(t: TimeExpression) -> str:
    """ "Friday (2014-11-28)", or "2002" where the words already say all the date does."""
    shown = (t.date or "")[: {"year": 4, "month": 7}.get(t.granularity, 10)]
    return t.text if shown in t.text else f"{t.text} ({shown})"


# negation --------------------------------------------------------------------------


def negation_conflict(a: Side, b: Side) -> Found | None:
    """One claim denies what the other asserts, in nearly the same words."""
    if _negative(a.claim) == _negative(b.claim) or a.claim.hedged or b.claim.hedged:
        return None
    if any(_cut_from_denial(c) for c in (a.claim, b.claim)):
        return None
    if NEAR_NEGATION.search(a.claim.text) or NEAR_NEGATION.search(b.claim.text):
        return None
    if min(len(_plain_stems(a.claim.text)), len(_plain_stems(b.claim.text))) < MIN_STATEMENT:
        return None
    if _similarity(a.claim.text, b.claim.text, set()) < SAME_STATEMENT:
        return None
    if set(_numbers(a.claim)) != set(_numbers(b.claim)):
        return None
    negative, positive = (a, b) if a.claim.negated else (b, a)
    denied = {stem(w) for w in NEGATED.findall(negative.claim.text)}
    if not denied or not denied <= content_stems(positive.claim.text):
        return None
    text = f"Negation: {_says(a)} “{a.claim.text}”; {_says(b)} “{b.claim.text}”."
    return Found("negation", text, 0.7)


def _negative(claim: Claim) -> bool:
    """Whether the claim denies: a negation in its words, or a cue that denies them ("denied
    that ...")."""
    return claim.negated != bool(DENIAL_CUE.search(claim.cue))


def _cut_from_denial(claim: Claim) -> bool:
    """ "she had ever provided false information": 'ever' with no negation is the inside of a
    denial or a question, not an assertion."""
    return not claim.negated and EVER.search(claim.text) is not None


EVER = re.compile(r"\bever\b", re.IGNORECASE)


def _amounts(claim: Claim) -> set[float]:
    """The values of the claim's numbers, ranks aside ("the first daughters")."""
    return {q.value for q in claim.quantities if q.kind != "ordinal"}


def _numbers(claim: Claim) -> list[float]:
    return [q.value for q in claim.quantities]


# places ----------------------------------------------------------------------------


def place_conflict(a: Side, b: Side) -> Found | None:
    """The same statement set in two places, neither named anywhere in the other article."""
    if not a.places or not b.places or set(a.places) & set(b.places):
        return None
    if min(len(_plain_stems(a.claim.text)), len(_plain_stems(b.claim.text))) < MIN_STATEMENT:
        return None
    if set(a.places) & b.named or set(b.places) & a.named:
        return None
    names = set(a.places.values()) | set(b.places.values())
    if _similarity(a.claim.text, b.claim.text, names) < SAME_STATEMENT:
        return None
    if _preposition(a) != _preposition(b) or _preposition(a) is None:
        return None
    pa, pb = ", ".join(a.places.values()), ", ".join(b.places.values())
    text = f"Place: {_says(a)} {pa}; {_says(b)} {pb} (unless one lies within the other)."
    return Found("place", text, 0.5)


def _preposition(side: Side) -> str | None:
    """The preposition before the claim's first place name ("in", "off"...), if any."""
    name = next(iter(side.places.values()))
    at = side.claim.text.find(name)
    words = WORD.findall(side.claim.text[:at].lower()) if at > 0 else []
    return words[-1] if words and words[-1] in PLACE_PREPOSITIONS else None


# causes ----------------------------------------------------------------------------


def cause_conflict(a: Side, b: Side) -> Found | None:
    """The same effect, given causes that share no content word."""
    ma, mb = CAUSE.search(a.claim.text), CAUSE.search(b.claim.text)
    if ma is None or mb is None:
        return None
    ca, cb = content_stems(ma["cause"]), content_stems(mb["cause"])
    if not ca or not cb or ca & cb:
        return None
    effect_a, effect_b = a.claim.text[: ma.start()], b.claim.text[: mb.start()]
    if _similarity(effect_a, effect_b, set()) < SAME_STATEMENT:
        return None
    text = f"Cause: {_says(a)} {ma.group(0).strip()}; {_says(b)} {mb.group(0).strip()}."
    return Found("cause", text, 0.5)


# shared ----------------------------------------------------------------------------


def _similarity(one: str, two: str, leave_out: set[str]) -> float:
    """Stem Jaccard of two texts, without negators, numbers and the words of ``leave_out``."""
    skip = {s for phrase in leave_out for s in content_stems(phrase)}
    a = _plain_stems(one) - skip
    b = _plain_stems(two) - skip
    return len(a & b) / len(a | b) if a | b else 0.0
