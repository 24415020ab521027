"""Align the claims of several articles into facts: claims that state the same thing.

Every pair of claims from different articles gets a probability of telling the same event,
from a small logistic model over a handful of features:

- the cosine of the two claims' sentence embeddings and the overlap of their content words
  (when both claims have an aside, also without their asides: "The Nordic Tern, a Maltese
  ship, was not damaged" / "The Nordic Tern, bound for Alcântara, was not damaged"), and of
  their action words (what is left once names, numbers and dates are taken out:
  "struck", "quake", "arrested");
- how central each claim is: its best cosine with a claim of another article of its story
  (the story's main event is told by every outlet, a side remark by one), and whether the two
  claims are each other's closest claim in the other's article;
- who, when, where and how many: the (canonical) entities the two claims share, and the times,
  places and numbers they share or clash on;
- the stories of the two articles. The articles are first grouped into stories with the
  document similarity and grouping of :mod:`rashomon.stories` (words, meaning, names, numbers,
  years): two events of one kind share their words, not their names, places, tolls and years.
  Two claims of different stories are rarely one event.

A second small model, over the claim features but centrality, scores whether two claims of one
event make the same statement (centrality would cancel the cosine of two claims that are each
other's best match); two such claims that are nearly the same sentence are one statement. A
fact needs both (their product). A question asserts nothing, so it
only ever joins another question.

Claims are then grouped by average linkage on those probabilities (claims of one article never
link directly, so a fact holds at most one claim of each article until repeats are attached).
A fact told by two or more outlets is "agreed". A fact told by one outlet is "similar" when
another outlet has a claim close in meaning (sentence cosine ``CLOSE`` or more: often the same
thing in other words, below the fact cut), and "exclusive" when none is.

The weights, intercepts and thresholds were fitted on ECB+ (CC BY 3.0) train and dev topics,
never on our own examples (``python benchmarks/eval_ecbplus_pairs.py --fit --cached``): claim
pairs of different documents of one topic are the same event when their sentences share a
cross-document event chain, and the same statement when the event mentions inside the two
claims' own spans are the same chains. (Labelled by whole sentences instead, a clause that
retells one event of a longer sentence never counted as the same statement, and the model
learnt to trust shared words only, missing paraphrases.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from rashomon.compare.entities import entity_index, link
from rashomon.embed import embed
from rashomon.records import AnalyzedArticle, Claim, ClaimRef, Fact
from rashomon.stories.grouping import agglomerate
from rashomon.stories.profile import Profile, build, embedding_text
from rashomon.stories.similarity import Weights, probabilities

Embedder = Callable[[Sequence[str]], np.ndarray]

CLAIM_FEATURES = (
    "cosine",
    "overlap",
    "action_overlap",
    "action",
    "entities",
    "centrality",
    "mutual",
    "time_match",
    "time_clash",
    "place_match",
    "place_clash",
    "number_match",
    "number_clash",
    "speaker_match",
    "speaker_clash",
)
FEATURES = (*CLAIM_FEATURES, "same_story", "story_link")
# Same event: fitted with scikit-learn LogisticRegression(C=1) on the claim pairs of ECB+
# train+dev topics, labelled by whether their sentences share a cross-document event chain
# (python benchmarks/eval_ecbplus_pairs.py --fit --cached); order as in FEATURES.
WEIGHTS = np.array(
    [
        1.814,
        1.17,
        -0.781,
        1.231,
        1.129,
        -3.277,
        0.28,
        1.017,
        -0.037,
        -0.541,
        -0.212,
        0.763,
        -0.374,
        0.471,
        0.165,
        0.854,
        5.12,
    ],
    np.float32,
)
INTERCEPT = -3.275
# Same statement, given the same event: fitted on the same-event pairs only, labelled by whether
# the event mentions inside the two claims are the same chains; claim features only, so that
# articles about one story do not merge all their claims.
STATEMENT = np.array(
    [
        1.207,
        1.42,
        3.296,
        -0.617,
        0.227,
        0.0,
        0.124,
        0.389,
        0.051,
        -0.435,
        0.198,
        -0.739,
        -0.52,
        0.454,
        0.22,
        0.0,
        0.0,
    ],
    np.float32,
)
STATEMENT_INTERCEPT = -3.217
# Average-linkage cuts. SAME_EVENT maximises the cross-validated same-event sentence-pair F1 on
# ECB+ train+dev. FACT comes from 100 hand-judged BASIL claim pairs that are each other's best
# match (docs/quality.md, "Fact cut"); ECB+'s same-statement F1 is flat over these cuts and
# cannot choose. From .20 up, 37 of the 45 judged pairs state the same thing; between .10 and
# .20, 10 of 41 do. An "agreed" fact should be one fact, so the cut is .20.
SAME_EVENT = 0.40
FACT = 0.20
# Mutual best matches from this cosine up are one statement: 16 of the 17 judged pairs at .80
# or more were.
RETOLD = 0.8
# Pairs under this cosine are never one statement, however many words they share ("She has a
# lot of friends" / "That's a lot"): 11 of the 13 judged pairs under .35 were different.
APART = 0.3
# Two claims put in the mouths of two different sources (each passing on what its source said,
# not telling what the source did) need this much more to be one fact. Of the hand-judged
# BASIL pairs at the fact cut or above, 10 of 15 such pairs stated the same thing, against 27
# of 30 of the others; from .25 up, 9 of 11 ("the port authority will double the number of
# controllers" / pilots: "traffic is too dense for the number of controllers" are two
# statements about one subject).
OTHER_SOURCE = 0.05
# Two claims of different outlets that give the same quoted words, this many or more, pass on
# one utterance: they are one fact (score QUOTED_SAME, above the FACT cut). Set by hand: five
# words in a row are rarely quoted twice from different utterances.
QUOTED_WORDS = 5
QUOTED_SAME = 0.5
QUOTATION = re.compile(r"[“\"]([^“”\"]+)(?:[”\"]|$)")  # a claim may end inside its quotation
# Conflicts are looked for between mutual best matches from this score up: a quarter of the
# judged pairs between .10 and FACT are the same statement.
NEAR = 0.10
# A fact of one outlet is only "similar" (not "exclusive") when another outlet has a claim from
# this cosine up: of 58 hand-judged BASIL facts of one outlet, 16 of the 25 with such a claim
# were told by that outlet in other words, and 25 of the 33 without one were really left out
# by the others (docs/quality.md, "Exclusive or similar").
CLOSE = 0.55
# Stories among the compared articles: rashomon.stories' signals, with weights refitted on the
# pairs of articles of one ECB+ train+dev topic (the grouping of a whole store sees rarer words
# than a handful of articles compared together), and the grouping bars that give the best
# same-event F1 on train+dev.
STORY = Weights(
    words=9.47, meaning=5.34, names=5.77, numbers=2.65, counted=-1.57, year=1.48, bias=-4.69
)
STORY_MERGE = 0.6
STORY_JOIN = 0.1

# An aside inside a sentence: between commas, dashes or brackets ("The Nordic Tern, a
# Maltese-flagged ship, was not damaged"; "The captain, we were told, is being questioned").
ASIDE = re.compile(r",\s[^,;:“”\"]{2,90}?,\s|\s[—–]\s[^—–]{2,90}?\s[—–]\s|\s\([^()]{1,90}\)")
WORD = re.compile(r"[^\W_]+(?:[.,']\w+)*")
# The word a negation denies ("not a hoax" → "hoax", "has not been charged" → "charged"; not
# a contrast: "respect, not a spot at a bar"), and any negative word at all.
DENIAL = re.compile(
    r"(?<!,\s)(?:\bnot|n['’]t|\bnever|\bno longer)\s+"
    r"(?:(?:a|an|the|be|been|being|have|has|had|yet|ever|fully|actually)\s+)*([a-z]+)",
    re.IGNORECASE,
)
# "There is no national emergency": the thing said not to exist (the last word of its phrase).
NONE_THERE = re.compile(
    r"\bthere(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+no\s+(?:[a-z]+\s+)?([a-z]+)", re.IGNORECASE
)
NEG_RAISING = frozenset(
    {"think", "believe", "expect", "suppose", "imagine", "want", "seem", "feel"}
)
UNTIL = re.compile(r"\b(?:until|till|unless)\b", re.IGNORECASE)
NEGATIVE = re.compile(
    r"\b(?:not|never|no|nobody|nothing|none|neither|nor|without|cannot|against|yet\s+to|fail\w*\s+to)\b"
    r"|n['’]t\b",
    re.IGNORECASE,
)
DENYING = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject\w*|disput\w*)\b", re.IGNORECASE)
FUNCTION_WORDS = """
    a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours yourself
    said says say told tells according mr mrs ms one new
"""
STOP = frozenset(FUNCTION_WORDS.split())
SUFFIXES = ("ings", "ing", "ies", "ied", "ed", "es", "s", "ly")


@dataclass(frozen=True)
class Unit:
    """A claim with what the aligner compares."""

    article: int
    claim: Claim
    stems: frozenset[str]
    core: str  # the claim without its asides
    core_stems: frozenset[str]
    actions: frozenset[str]
    entities: frozenset[str]
    places: frozenset[str]
    times: frozenset[str]
    numbers: frozenset[str]
    speakers: frozenset[str]  # who asserts the claim, if not the outlet itself


def stem(word: str) -> str:
    """A crude, fast stem: lower case, one common suffix off, at most six letters."""
    word = word.lower().replace("'", "")
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of ``text`` (numbers kept, function words dropped)."""
    return frozenset(stem(w) for w in WORD.findall(text.replace("’", "'")) if not _function(w))


def _function(word: str) -> bool:
    """A function word, also with a clitic: "they're", "didn't", "it's"."""
    plain = word.lower()
    return plain in STOP or plain.split("'")[0] in STOP or plain.endswith("n't")


def action_stems(claim: Claim, names: Sequence[tuple[int, int]]) -> frozenset[str]:
    """Content stems of ``claim`` outside its names, numbers and dates, and the nouns its numbers
    count: the words that say what happened to what ("struck", "quake", "hijackers"). ``names``
    are the article's entity mentions (offsets into the article text)."""
    taken = [*names, *((q.start, q.end) for q in claim.quantities)]
    taken += [(t.start, t.end) for t in claim.times]
    chars = list(claim.text)
    for start, end in taken:
        if start < claim.end and claim.start < end:
            for k in range(max(start, claim.start), min(end, claim.end)):
                chars[k - claim.start] = " "
    counted = {w for q in claim.quantities if q.kind == "count" for w in content_stems(q.unit)}
    return content_stems("".join(chars)) | counted


def units(analyzed: Sequence[AnalyzedArticle]) -> list[Unit]:
    """Every claim of every article, with its comparable features."""
    linked = entity_index(link(analyzed))
    out: list[Unit] = []
    for index, article in enumerate(analyzed):
        kinds = {e.id: e.kind for e in article.entities}
        keys = {e: linked.get((article.article.id, e), f"{article.article.id}/{e}") for e in kinds}
        names = [(m.start, m.end) for e in article.entities for m in e.mentions]
        for claim in article.claims:
            out.append(_unit(index, claim, keys, kinds, names))
    return out


def _unit(
    index: int,
    claim: Claim,
    keys: Mapping[str, str],
    kinds: Mapping[str, str],
    names: Sequence[tuple[int, int]],
) -> Unit:
    ids = [e for e in claim.entities if e in keys]
    kernel = core(claim.text)
    return Unit(
        article=index,
        claim=claim,
        stems=content_stems(claim.text),
        core=kernel,
        core_stems=content_stems(kernel),
        actions=action_stems(claim, names),
        entities=frozenset(keys[e] for e in ids),
        places=frozenset(keys[e] for e in ids if kinds[e] == "place"),
        times=frozenset(t.date or t.text.lower() for t in claim.times),
        numbers=frozenset(f"{q.value:g}" for q in claim.quantities if q.kind != "ordinal"),
        speakers=_speaker(claim, keys),
    )


def core(text: str) -> str:
    """``text`` without its asides, when at least four words are left: two outlets often tell
    one statement with different details about its actors."""
    kernel = text
    while True:
        shorter = re.sub(r"\s{2,}", " ", ASIDE.sub(" ", kernel, count=1))
        if shorter == kernel or len(shorter.split()) < 4:
            return kernel
        kernel = shorter


def _speaker(claim: Claim, keys: Mapping[str, str]) -> frozenset[str]:
    """The claim's speaker across articles: its linked entity, else the last word of its name."""
    if claim.voice == "outlet" or not claim.speaker:
        return frozenset()
    entity = claim.speaker_entity
    if entity is not None and entity in keys:
        return frozenset({keys[entity]})
    return frozenset({claim.speaker.split()[-1].lower()})


def article_entities(analyzed: Sequence[AnalyzedArticle]) -> list[frozenset[str]]:
    """The cross-article entity ids named anywhere in each article."""
    linked = entity_index(link(analyzed))
    return [
        frozenset(linked.get((a.article.id, e.id), f"{a.article.id}/{e.id}") for e in a.entities)
        for a in analyzed
    ]


# --------------------------------------------------------------------------- features


def shared_counts(sets: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise size of intersection and of union of ``sets``.

    Counted through each item's list of sets (the sets are small and the items many, so this
    is several times faster than multiplying the dense incidence matrix by itself).
    """
    vocab: dict[str, int] = {}
    coded = [[vocab.setdefault(item, len(vocab)) for item in items] for items in sets]
    postings: list[list[int]] = [[] for _ in vocab]
    for row, items in enumerate(coded):
        for column in items:
            postings[column].append(row)
    holders = [np.array(rows, dtype=np.intp) for rows in postings]
    n = len(sets)
    inter = np.zeros((n, n), dtype=np.float32)
    for row, items in enumerate(coded):
        if items:
            inter[row] = np.bincount(np.concatenate([holders[c] for c in items]), minlength=n)
    sizes = np.array([len(items) for items in sets], dtype=np.float32)
    return inter, sizes[:, None] + sizes[None, :] - inter


def jaccard(sets: Sequence[frozenset[str]]) -> np.ndarray:
    inter, union = shared_counts(sets)
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def match(sets: Sequence[frozenset[str]]) -> np.ndarray:
    """1 where the two sets share an item."""
    return _match_clash(sets)[0]


def clash(sets: Sequence[frozenset[str]]) -> np.ndarray:
    """1 where both sets are non-empty and share nothing."""
    return _match_clash(sets)[1]


def _match_clash(sets: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    inter, _ = shared_counts(sets)
    filled = np.array([bool(s) for s in sets], dtype=np.float32)
    return (inter > 0).astype(np.float32), np.outer(filled, filled) * (inter == 0)


def story_profiles(
    analyzed: Sequence[AnalyzedArticle], embedder: Embedder = embed
) -> tuple[list[Profile], Counter[str]]:
    """The story-grouping profiles of the articles, and document frequencies among them."""
    vectors = embedder([embedding_text(a.article) for a in analyzed])
    profiles = [build(a, v) for a, v in zip(analyzed, vectors, strict=True)]
    df: Counter[str] = Counter()
    for p in profiles:
        df.update({*p.terms, *p.entities})
    return profiles, df


def story_links(probability: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Articles grouped into stories (:func:`rashomon.stories.grouping.agglomerate`): whether
    each pair of articles is in one story, and the mean probability between their stories."""
    n = len(probability)
    stories = agglomerate(probability, [[i] for i in range(n)], STORY_MERGE, STORY_JOIN)
    member = np.zeros((len(stories), n))
    for k, articles in enumerate(stories):
        member[k, articles] = 1.0
    sizes = member.sum(axis=1)
    mean = member @ probability @ member.T / np.outer(sizes, sizes)
    story = member.argmax(axis=0)
    return (story[:, None] == story[None, :]).astype(np.float32), mean[np.ix_(story, story)]


def article_stories(
    analyzed: Sequence[AnalyzedArticle], embedder: Embedder = embed
) -> tuple[np.ndarray, np.ndarray]:
    """Same story (0/1) and story link for each pair of articles (see :func:`story_links`)."""
    if len(analyzed) < 2:
        return np.ones((len(analyzed),) * 2, np.float32), np.ones((len(analyzed),) * 2)
    profiles, df = story_profiles(analyzed, embedder)
    return story_links(probabilities(profiles, df, len(profiles), STORY))


def centrality(cosine: np.ndarray, article: np.ndarray, same_story: np.ndarray) -> np.ndarray:
    """Each claim's best cosine with a claim of another article of its story (0 if none)."""
    other = (article[:, None] != article[None, :]) & (same_story > 0)
    return np.where(other, cosine, 0.0).max(axis=1, initial=0.0)


def mutual_best(cosine: np.ndarray, article: np.ndarray) -> np.ndarray:
    """1 where each of two claims of different articles is the other's closest claim in its
    article: a claim retold by another outlet is its best match there, and the other way round."""
    best = np.zeros(cosine.shape, dtype=bool)
    for other in np.unique(article):
        columns = np.flatnonzero(article == other)
        nearest = columns[np.argmax(cosine[:, columns], axis=1)]
        best[np.arange(len(cosine)), nearest] = True
    best &= article[:, None] != article[None, :]
    return (best & best.T).astype(np.float32)


def pair_features(
    analyzed: Sequence[AnalyzedArticle], embedder: Embedder = embed
) -> tuple[list[Unit], np.ndarray]:
    """The claims of all articles and an ``n x n x len(FEATURES)`` feature array."""
    items = units(analyzed)
    vectors = embedder([u.claim.text for u in items])
    article = np.array([u.article for u in items], dtype=np.intp)
    same, links = (m[np.ix_(article, article)] for m in article_stories(analyzed, embedder))
    cosine = _with_cores(items, np.asarray(vectors @ vectors.T, dtype=np.float32), embedder)
    central = centrality(cosine, article, same)
    shared_actions, all_actions = shared_counts([u.actions for u in items])
    shared_entities, _ = shared_counts([u.entities for u in items])
    actions = np.divide(
        shared_actions, all_actions, out=np.zeros_like(shared_actions), where=all_actions > 0
    )
    features = np.stack(
        [
            cosine,
            _overlap(items),
            actions,
            np.minimum(shared_actions, 3.0) / 3.0,
            np.minimum(shared_entities, 3.0) / 3.0,
            np.minimum(central[:, None], central[None, :]),
            mutual_best(cosine, article),
            *_match_clash([u.times for u in items]),
            *_match_clash([u.places for u in items]),
            *_match_clash([u.numbers for u in items]),
            *_match_clash([u.speakers for u in items]),
            same,
            links,
        ],
        axis=-1,
    )
    return items, features.astype(np.float32)


def _with_cores(items: list[Unit], cosine: np.ndarray, embedder: Embedder) -> np.ndarray:
    """Pair cosines; for two claims that both have asides, the better of with and without."""
    trimmed = np.flatnonzero([u.core != u.claim.text for u in items])
    if len(trimmed) > 1:
        cores = embedder([items[i].core for i in trimmed])
        block = np.ix_(trimmed, trimmed)
        cosine[block] = np.maximum(cosine[block], cores @ cores.T)
    return cosine


def _overlap(items: list[Unit]) -> np.ndarray:
    """Content-word Jaccard; for two claims that both have asides, also without them."""
    overlap = jaccard([u.stems for u in items])
    trimmed = np.flatnonzero([u.core != u.claim.text for u in items])
    if len(trimmed) > 1:
        block = np.ix_(trimmed, trimmed)
        overlap[block] = np.maximum(overlap[block], jaccard([items[i].core_stems for i in trimmed]))
    return overlap


def probability(features: np.ndarray) -> np.ndarray:
    """The logistic model: probability that two claims tell the same event."""
    return _logistic(features @ WEIGHTS + INTERCEPT)


def statement_probability(features: np.ndarray) -> np.ndarray:
    """Probability that two claims of one event make the same statement. Two claims that are
    each other's closest match and nearly the same sentence (cosine ``RETOLD`` or more) are one
    statement whatever their words: "Fifteen of the 19 hijackers were Saudi nationals" /
    "... were Saudi citizens". Two claims whose meanings lie far apart (cosine under ``APART``)
    are not, however many words they share: "She has a lot of friends" / "That's a lot"."""
    model = _logistic(features @ STATEMENT + STATEMENT_INTERCEPT)
    cosine, mutual = features[..., 0], features[..., FEATURES.index("mutual")]
    model = np.where(cosine < APART, np.float32(0.0), model)
    return np.where((cosine >= RETOLD) & (mutual > 0), np.float32(1.0), model)


def fact_probability(features: np.ndarray) -> np.ndarray:
    """Probability that two claims state the same fact: same event and same statement."""
    return probability(features) * statement_probability(features)


def _logistic(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)


Features = tuple[list[Unit], np.ndarray]


def pair_scores(
    analyzed: Sequence[AnalyzedArticle],
    embedder: Embedder = embed,
    features: Features | None = None,
) -> tuple[list[Unit], np.ndarray]:
    """Claims and their pairwise same-fact probabilities (0 within one article).

    ``features`` is :func:`pair_features` of ``analyzed`` when already computed."""
    items, table = features or pair_features(analyzed, embedder)
    scores = fact_probability(table)
    reported = np.array([_reported(u.claim) for u in items], dtype=np.float32)
    clash = table[..., FEATURES.index("speaker_clash")] * np.outer(reported, reported)
    scores -= OTHER_SOURCE * clash
    scores = np.maximum(scores, QUOTED_SAME * _same_quotation(items))
    article = np.array([u.article for u in items])
    scores[article[:, None] == article[None, :]] = 0.0
    asks = np.array([question(u.claim.text) for u in items], dtype=bool)
    scores[asks[:, None] != asks[None, :]] = 0.0
    return items, scores


def _same_quotation(items: Sequence[Unit]) -> np.ndarray:
    """1 where one claim quotes at least ``QUOTED_WORDS`` words that the other claim also
    gives: two outlets passing on one utterance ("denounced the offer as “not a compromise but
    more hostage taking”" / "Schumer concluded: “... is not a compromise but more hostage
    taking.”"). A direct quotation counts whole."""
    texts = [" ".join(WORD.findall(u.claim.text.lower())) for u in items]
    quoted = [_quotations(u.claim) for u in items]
    out = np.zeros((len(items), len(items)), dtype=np.float32)
    for i, pieces in enumerate(quoted):
        for j, text in enumerate(texts):
            if i != j and any(f" {piece} " in f" {text} " for piece in pieces):
                out[i, j] = out[j, i] = 1.0
    return out


def _quotations(claim: Claim) -> list[str]:
    """The claim's quoted stretches of ``QUOTED_WORDS`` words or more, as plain words."""
    pieces = [p for p in QUOTATION.findall(claim.text) if not _title(p)]
    if claim.voice == "direct":
        pieces.append(claim.text)
    pieces = [p for p in pieces if len(p.split()) >= QUOTED_WORDS]
    return [" ".join(WORD.findall(p.lower())) for p in pieces]


def _title(words: str) -> bool:
    """A quoted name or title ("From Hope to Higher Ground"): most of its words capitalised."""
    tokens = words.split()
    return sum(t[:1].isupper() for t in tokens) * 2 > len(tokens)


def _reported(claim: Claim) -> bool:
    """The claim passes on what its speaker said; it does not tell what the speaker did ("A
    spokesman apologized on Friday" names its speaker itself)."""
    return claim.speaker is not None and claim.speaker not in claim.text


def question(text: str) -> bool:
    """A question asserts nothing: it can only restate another question."""
    return text.rstrip(" \"'”’)").endswith("?")


# --------------------------------------------------------------------------- grouping


def average_linkage(scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Merge the two groups with the highest average score while it is at least ``threshold``."""
    n = len(scores)
    sim = scores.astype(np.float64).copy()
    np.fill_diagonal(sim, -np.inf)
    sizes = np.ones(n)
    members: list[list[int]] = [[i] for i in range(n)]
    alive = np.ones(n, dtype=bool)
    while n > 1:
        flat = int(np.argmax(sim))
        a, b = divmod(flat, len(sim))
        if sim[a, b] < threshold:
            break
        merged = (sim[a] * sizes[a] + sim[b] * sizes[b]) / (sizes[a] + sizes[b])
        sim[a], sim[:, a] = merged, merged
        sim[a, a] = -np.inf
        sim[b], sim[:, b] = -np.inf, -np.inf
        sizes[a] += sizes[b]
        members[a] += members[b]
        alive[b] = False
        n -= 1
    return [members[i] for i in np.flatnonzero(alive)]


def attach_repeats(
    groups: list[list[int]], scores: np.ndarray, threshold: float
) -> list[list[int]]:
    """Fold a lone claim into the group of its best match when that match is strong.

    An article that says the same thing twice would otherwise show its second sentence as a
    fact no other outlet reports.
    """
    owner = {i: g for g, members in enumerate(groups) for i in members}
    moved: set[int] = set()
    for g, members in enumerate(groups):
        if len(members) != 1:
            continue
        best = int(np.argmax(scores[members[0]]))
        target = owner[best]
        if scores[members[0], best] >= threshold and len(groups[target]) > 1:
            groups[target].append(members[0])
            moved.add(g)
    return [m for g, m in enumerate(groups) if g not in moved]


def group(scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Claims grouped into facts (indices into the score matrix), each group sorted."""
    groups = attach_repeats(average_linkage(scores, threshold), scores, threshold)
    return [sorted(g) for g in groups]


# --------------------------------------------------------------------------- facts


def align(
    analyzed: Sequence[AnalyzedArticle],
    *,
    threshold: float = FACT,
    embedder: Embedder = embed,
    features: Features | None = None,
) -> list[Fact]:
    """Group the claims of ``analyzed`` into facts, agreed ones first."""
    features = features or pair_features(analyzed, embedder)
    items, scores = pair_scores(analyzed, embedder, features)
    cosine = features[1][..., 0]
    groups = group(_without_opposites(items, scores, threshold), threshold)
    groups.sort(key=lambda g: (-len({_outlet(analyzed, items[i]) for i in g}), g[0]))
    return [_fact(f"f{n}", g, items, scores, cosine, analyzed) for n, g in enumerate(groups, 1)]


def _without_opposites(items: list[Unit], scores: np.ndarray, threshold: float) -> np.ndarray:
    """``scores`` with 0 for two claims of which one denies what the other asserts: they are
    not one fact ("It is a total hoax" / "it is not a hoax"), whatever their words share. (The
    conflict finder still sees the pair.)"""
    out = scores.copy()
    for i, j in zip(*np.nonzero(np.triu(scores) >= threshold), strict=True):
        if opposite(items[i].claim, items[j].claim):
            out[i, j] = out[j, i] = 0.0
    return out


def opposite(a: Claim, b: Claim) -> bool:
    """One claim denies a word the other asserts, and the other has no negation at all:
    "he will plead not guilty" / "Pinedo pleaded guilty"; not "he is not above the law" / "no
    one is above the law", not "I don't think it's OK" / "I think it's immoral" (a negated
    belief denies what follows it), not "will not negotiate until it reopens" / "can negotiate
    after it reopens", not when the other claim is what someone denied ("denied that she had
    provided false information") or the denied word is asserted too ("that is not the
    objective, man is the objective")."""
    a_denies, b_denies = (c.negated or bool(NONE_THERE.search(c.text)) for c in (a, b))
    if a_denies == b_denies:
        return False
    negative, positive = (a, b) if a_denies else (b, a)
    if NEGATIVE.search(positive.text) or DENYING.search(positive.cue):
        return False
    if UNTIL.search(negative.text):
        return False
    denied = {stem(w) for w in DENIAL.findall(negative.text) if w.lower() not in NEG_RAISING}
    denied |= {stem(w) for w in NONE_THERE.findall(negative.text)}  # "There is no emergency"
    rest = NONE_THERE.sub(" ", DENIAL.sub(" ", negative.text))
    denied -= content_stems(rest)  # "not the objective, man is the objective"
    return bool(denied & content_stems(positive.text))


def _outlet(analyzed: Sequence[AnalyzedArticle], unit: Unit) -> str:
    return analyzed[unit.article].article.outlet


def _fact(
    fact_id: str,
    members: list[int],
    items: list[Unit],
    scores: np.ndarray,
    cosine: np.ndarray,
    analyzed: Sequence[AnalyzedArticle],
) -> Fact:
    outlets = tuple(dict.fromkeys(_outlet(analyzed, items[i]) for i in members))
    central = members[int(np.argmax(scores[np.ix_(members, members)].sum(axis=1)))]
    claims = [items[i].claim for i in members]
    nearest = () if len(outlets) > 1 else _nearest(members, items, cosine, analyzed)
    return Fact(
        id=fact_id,
        status="agreed" if len(outlets) > 1 else "similar" if nearest else "exclusive",
        outlets=outlets,
        claims=tuple(claim_ref(c) for c in claims),
        label=items[central].claim.text,
        opinion=2 * sum(c.evaluative for c in claims) > len(claims),
        nearest=nearest,
    )


def _nearest(
    members: list[int], items: list[Unit], cosine: np.ndarray, analyzed: Sequence[AnalyzedArticle]
) -> tuple[ClaimRef, ...]:
    """For each article of another outlet, its claim closest in meaning to the fact when at
    least ``CLOSE``; the closest first."""
    best = cosine[members].max(axis=0)
    outlet = _outlet(analyzed, items[members[0]])
    found = []
    for other, article in enumerate(analyzed):
        candidates = [i for i, u in enumerate(items) if u.article == other]
        if article.article.outlet == outlet or not candidates:
            continue
        top = candidates[int(np.argmax(best[candidates]))]
        if best[top] >= CLOSE:
            found.append((-float(best[top]), top))
    return tuple(claim_ref(items[top].claim) for _, top in sorted(found))


def claim_ref(claim: Claim) -> ClaimRef:
    """The citation of a claim: article, id and exact span."""
    return ClaimRef(
        article=claim.article,
        claim=claim.id,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        speaker=claim.speaker,
        cue=claim.cue,
    )
