"""Same-event sentence pairs on ECB+ with rashomon's own analysis and aligner.

Every document is analysed by ``rashomon.analyze`` (ECB+ gives one tokenised sentence per line:
the tokens are joined back and each line becomes a paragraph, so the annotated sentences are the
analysis's sentences too). All documents of a topic then go through ``rashomon.compare.align``
together: both halves of a topic, two different events of the same kind. Two annotated sentences
of different documents score the best same-event probability of a pair of their claims.

    python benchmarks/eval_ecbplus_pairs.py --fit     # fit the models on train+dev, print constants
    python benchmarks/eval_ecbplus_pairs.py --tune    # the tables on train+dev
    python benchmarks/eval_ecbplus_pairs.py           # the tables on test topics 36-45
    python benchmarks/eval_ecbplus_pairs.py --lost    # also list annotated sentences with no claim
    python benchmarks/eval_ecbplus_pairs.py --every-sentence  # what-if: a claim for each of them
    python benchmarks/eval_ecbplus_pairs.py --time    # warm time of align on 10 documents

Analyses are cached in the temp folder, keyed by the documents and the code of
``rashomon.analyze``; ``--cached`` reuses the newest analysis even when that code has changed.

Gold, universe and scorer are those of ../shared/eval-tools/ecbplus_eval.py (--pair-scope topic).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import itertools
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from unittest import mock

import numpy as np

from rashomon.compare import align
from rashomon.embed import embed
from rashomon.records import AnalyzedArticle, Article, Claim, from_json, to_json
from rashomon.stories.similarity import Weights, signals

TOOLS = Path(__file__).resolve().parents[2] / "shared" / "eval-tools"
CACHE = Path(tempfile.gettempdir()) / "rashomon_ecbplus"
PARAGRAPH = "\n\n"
TUNE = [t for t in range(1, 36) if t not in (15, 17)]
TEST = list(range(36, 46))
STEPS = [round(t, 2) for t in np.arange(0.05, 0.96, 0.05)]
STORY_GRID = ((0.45, 0.15), (0.5, 0.1), (0.6, 0.1), (0.6, 0.3), (0.7, 0.1))
FOLDS = 5
# FACT is the lowest cut whose same-statement F1 is within this of the best: the F1 is flat near
# its top, and missed paraphrases are the main error of exclusive facts (BASIL check in
# docs/quality.md), so ties go to recall.
FACT_TOLERANCE = 0.01
Key = tuple[str, int]
Pair = tuple[Key, Key]


# --------------------------------------------------------------------------- data


def load_ecb() -> tuple[dict, set, object]:
    sys.path.insert(0, str(TOOLS))
    import ecbplus_data
    import ecbplus_eval

    docs, annotated = ecbplus_data.load_corpus()
    return docs, annotated, ecbplus_eval


def detokenise(line: str) -> str:
    """ECB+ lines are tokenised ("6 . 1 - magnitude", "Indonesia 's"); join the tokens back."""
    line = re.sub(r"(\d) ([.:]) (\d)", r"\1\2\3", line)
    line = re.sub(r"(\d) , (\d{3})\b", r"\1,\2", line)
    line = re.sub(r" ([.,;:!?%)\]]|'s|n't|'re|'ve|'ll|'d)(?=\s|$)", r"\1", line)
    return re.sub(r"([(\[$]) ", r"\1", line)


def article_text(doc: object) -> tuple[str, list[tuple[int, int, int]]]:
    """The text of an ECB+ document, one paragraph per sentence line, and each line's
    (start, end, sentence number)."""
    numbers = sorted(doc.sentences)  # type: ignore[attr-defined]
    lines = [detokenise(" ".join(doc.sentences[n])) for n in numbers]  # type: ignore[attr-defined]
    spans, start = [], 0
    for n, line in zip(numbers, lines, strict=True):
        spans.append((start, start + len(line), n))
        start += len(line) + len(PARAGRAPH)
    return PARAGRAPH.join(lines), spans


def topics(docs: dict, wanted: Iterable[int]) -> dict[int, list[str]]:
    by: dict[int, list[str]] = defaultdict(list)
    for doc_id in sorted(docs):
        if docs[doc_id].topic in set(wanted):
            by[docs[doc_id].topic].append(doc_id)
    return by


# --------------------------------------------------------------------------- analysis


def analyze(article: Article) -> AnalyzedArticle:
    """``rashomon.analyze`` on a parse in which a paragraph break always ends a sentence."""
    from rashomon.analyze.pipeline import analyze_doc
    from rashomon.nlp import pipeline

    nlp = pipeline()
    parsed = nlp.make_doc(article.text)
    for token in parsed[1:]:
        if "\n" in parsed[token.i - 1].text:
            token.is_sent_start = True
    for _, component in nlp.pipeline:
        parsed = component(parsed)
    return analyze_doc(article, parsed)


def analysed_topic(docs: dict, ids: list[str], cached: bool = False) -> list[AnalyzedArticle]:
    """Analyse (or read from the cache) the documents ``ids``. The cache is keyed by the ids and
    by the analysis code; ``cached`` takes the newest analysis of ``ids`` whatever the code."""
    path = _cache_path(ids)
    if cached and not path.exists():
        older = sorted(CACHE.glob(f"{path.name.rsplit('_', 1)[0]}_*.json"), key=os.path.getmtime)
        path = older[-1] if older else path
    if path.exists():
        return [from_json(AnalyzedArticle, x) for x in json.loads(path.read_text())]
    analyzed = [analyze(Article(id=i, outlet=i, text=article_text(docs[i])[0])) for i in ids]
    CACHE.mkdir(exist_ok=True)
    path.write_text(json.dumps(to_json(analyzed)))
    return analyzed


def _cache_path(ids: list[str]) -> Path:
    """The cache file of ``ids``, keyed by the analysis code and the spaCy pipeline set-up too:
    a change re-analyses."""
    package = importlib.import_module("rashomon.analyze")  # rashomon.analyze is also a function
    code = hashlib.sha1()
    root = Path(str(package.__file__)).parent
    for path in [*sorted(root.glob("*.py")), root.parent / "nlp.py"]:
        code.update(path.read_bytes())
    documents = hashlib.sha1("|".join(ids).encode()).hexdigest()[:12]
    return CACHE / f"analyzed_{documents}_{code.hexdigest()[:12]}.json"


def with_every_sentence(
    analyzed: AnalyzedArticle, spans: list[tuple[int, int, int]]
) -> AnalyzedArticle:
    """What-if: one more claim for each line no claim overlaps, with the entities, numbers and
    dates inside it (what the analysis would give if it kept every sentence)."""
    claims = list(analyzed.claims)
    for start, end, n in spans:
        if any(c.start < end and start < c.end for c in analyzed.claims):
            continue
        inside = [
            e.id for e in analyzed.entities if any(start <= m.start < end for m in e.mentions)
        ]
        claims.append(
            Claim(
                id=f"{analyzed.article.id}:s{n}",
                article=analyzed.article.id,
                text=analyzed.article.text[start:end],
                start=start,
                end=end,
                sentence=n,
                entities=tuple(inside),
                quantities=tuple(q for q in analyzed.quantities if start <= q.start < end),
                times=tuple(t for t in analyzed.times if start <= t.start < end),
            )
        )
    return replace(analyzed, claims=tuple(sorted(claims, key=lambda c: c.start)))


class CachedEmbedder:
    """``rashomon.embed.embed`` with a disk cache keyed by the text."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.table: dict[str, np.ndarray] = {}
        if path.exists():
            self.table = dict(np.load(path, allow_pickle=True).item())

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.table})
        if missing:
            self.table.update(zip(missing, embed(missing), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.table[t] for t in texts])

    def save(self) -> None:
        CACHE.mkdir(exist_ok=True)
        np.save(self.path, np.array(self.table, dtype=object), allow_pickle=True)


# --------------------------------------------------------------------------- one topic


@dataclass
class Topic:
    """The documents of one topic aligned together."""

    analyzed: list[AnalyzedArticle]
    items: list[align.Unit]
    features: np.ndarray
    where: list[tuple[Key, ...]]  # the annotated sentences each claim overlaps
    events: list[frozenset[str]]  # the event chains mentioned inside each claim's own span


class Corpus:
    """ECB+ with its gold, and the topics prepared for alignment (kept in memory)."""

    def __init__(self, every_sentence: bool = False, cached: bool = False) -> None:
        self.docs, self.annotated, self.ecb = load_ecb()
        universe, self.gold, _ = self.ecb.pair_gold(self.docs, self.annotated, "topic")  # type: ignore[attr-defined]
        self.universe: list[Pair] = universe
        self.statement_gold = strict_gold(self.docs, set(universe))
        self.embedder = CachedEmbedder(CACHE / "embeddings.npy")
        self.every_sentence = every_sentence
        self.cached = cached
        self.by_topic = topics(self.docs, TUNE + TEST)
        self.analyzed: dict[int, list[AnalyzedArticle]] = {}

    def topic(self, number: int) -> Topic:
        analyzed = self.analysis(number)
        items, features = align.pair_features(analyzed, self.embedder)
        where = self.sentences_of(analyzed, items)
        return Topic(analyzed, items, features, where, self.events_of(items, where))

    def analysis(self, number: int) -> list[AnalyzedArticle]:
        if number not in self.analyzed:
            analyzed = analysed_topic(self.docs, self.by_topic[number], self.cached)
            if self.every_sentence:
                analyzed = [
                    with_every_sentence(a, article_text(self.docs[a.article.id])[1])
                    for a in analyzed
                ]
            self.analyzed[number] = analyzed
        return self.analyzed[number]

    def sentences_of(
        self, analyzed: Sequence[AnalyzedArticle], items: Sequence[align.Unit]
    ) -> list[tuple[Key, ...]]:
        """For each claim, the annotated ECB+ sentences (doc, number) it overlaps."""
        spans = {a.article.id: article_text(self.docs[a.article.id])[1] for a in analyzed}
        out = []
        for u in items:
            doc, start, end = u.claim.article, u.claim.start, u.claim.end
            hit = [(doc, n) for s, e, n in spans[doc] if s < end and start < e]
            out.append(tuple(k for k in hit if k in self.annotated))
        return out

    def events_of(
        self, items: Sequence[align.Unit], where: Sequence[tuple[Key, ...]]
    ) -> list[frozenset[str]]:
        """For each claim of an annotated sentence, the event chains mentioned in its span."""
        spans = {u.claim.article: mention_spans(self.docs[u.claim.article]) for u in items}
        return [
            frozenset(
                note
                for start, end, note in spans[u.claim.article]
                if w and u.claim.start <= start and end <= u.claim.end
            )
            for u, w in zip(items, where, strict=True)
        ]

    def scope(self, wanted: Iterable[int]) -> list[Pair]:
        chosen = set(wanted)
        return [p for p in self.universe if self.docs[p[0][0]].topic in chosen]

    def lost(self, wanted: Iterable[int]) -> list[Key]:
        """Annotated sentences of ``wanted`` topics that no claim overlaps."""
        out = []
        for number in wanted:
            analyzed = self.analysis(number)
            found = {k for w in self.sentences_of(analyzed, align.units(analyzed)) for k in w}
            ids = set(self.by_topic[number])
            out += sorted(k for k in self.annotated if k[0] in ids and k not in found)
        return out


def mention_spans(doc: object) -> list[tuple[int, int, str]]:
    """The character spans of ``doc``'s cross-document event mentions in its article text, with
    their chain; a mention not found in its line spans the whole line."""
    text, spans = article_text(doc)
    lines = {n: (start, end) for start, end, n in spans}
    out = []
    for n, note, _, words in doc.event_mentions:  # type: ignore[attr-defined]
        if n not in lines:
            continue
        start, end = lines[n]
        found = re.search(rf"(?<!\w){re.escape(detokenise(words))}(?!\w)", text[start:end])
        out.append(
            (start + found.start(), start + found.end(), note) if found else (*lines[n], note)
        )
    return out


def sentence_scores(scores: np.ndarray, where: list[tuple[Key, ...]]) -> dict[Pair, float]:
    """The best claim-pair score of each pair of annotated sentences of different documents."""
    best: dict[Pair, float] = {}
    keep = [i for i, w in enumerate(where) if w]
    for x, y in itertools.combinations(keep, 2):
        value = float(scores[x, y])
        for a, b in itertools.product(where[x], where[y]):
            if a[0] != b[0]:
                pair = (a, b) if a < b else (b, a)
                best[pair] = max(best.get(pair, 0.0), value)
    return best


def predicted_pairs(groups: list[list[int]], where: list[tuple[Key, ...]]) -> set[Pair]:
    out: set[Pair] = set()
    for members in groups:
        keys = sorted({k for i in members for k in where[i]})
        for i, a in enumerate(keys):
            out.update((a, b) for b in keys[i + 1 :] if a[0] != b[0])
    return out


def grid() -> list[float]:
    """The thresholds tried: steps of .05 and the aligner's own cuts."""
    return sorted({*STEPS, round(align.SAME_EVENT, 2), round(align.FACT, 2)})


def topic_predictions(topic: Topic) -> tuple[dict[Pair, float], dict[str, list[set[Pair]]]]:
    """Sentence-pair scores, and predicted pairs at each threshold of :func:`grid` per mode:

    facts: ``align.group`` on the fact score, as the product groups claims;
    events: average linkage on the event score (claims of one article may join too);
    pairs: every sentence pair whose best claim pair (event score) reaches the threshold.
    """
    thresholds = grid()
    events = align.probability(topic.features)
    facts = align.fact_probability(topic.features)
    article = np.array([u.article for u in topic.items])
    facts[article[:, None] == article[None, :]] = 0.0
    np.fill_diagonal(events, 0.0)
    best = sentence_scores(np.where(article[:, None] == article[None, :], 0.0, events), topic.where)
    modes = {
        "facts": [predicted_pairs(align.group(facts, t), topic.where) for t in thresholds],
        "events": [
            predicted_pairs(align.average_linkage(events, t), topic.where) for t in thresholds
        ],
        "pairs": [{p for p, v in best.items() if v >= t} for t in thresholds],
    }
    return best, modes


def strict_gold(docs: dict, scope: set[Pair]) -> set[Pair]:
    """Pairs whose sentences mention exactly the same cross-document events: one statement."""
    chains: dict[Key, set[str]] = defaultdict(set)
    for d in docs.values():
        for sentence, note, _, _ in d.event_mentions:
            chains[(d.doc_id, sentence)].add(note)
    return {(a, b) for a, b in scope if chains.get(a) and chains.get(a) == chains.get(b)}


# --------------------------------------------------------------------------- scoring


def prf(gold: set[Pair], pred: set[Pair]) -> tuple[float, float, float]:
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def best_threshold(corpus: Corpus, scores: dict[Pair, float], scope: list[Pair]) -> float:
    """The score threshold with the best same-event F1 over ``scope``."""
    from sklearn.metrics import precision_recall_curve

    y = np.array([p in corpus.gold for p in scope])
    s = np.array([scores.get(p, 0.0) for p in scope])
    precision, recall, cuts = precision_recall_curve(y, s)
    f1 = 2 * precision[:-1] * recall[:-1] / np.maximum(precision[:-1] + recall[:-1], 1e-9)
    return float(cuts[int(np.argmax(f1))])


def average_precision(corpus: Corpus, scores: dict[Pair, float], scope: list[Pair]) -> float:
    from sklearn.metrics import average_precision_score

    y = np.array([p in corpus.gold for p in scope], dtype=int)
    return float(average_precision_score(y, [scores.get(p, 0.0) for p in scope]))


def evaluate(corpus: Corpus, wanted: Sequence[int]) -> dict[str, object]:
    started = time.time()
    scored: dict[Pair, float] = {}
    thresholds = grid()
    predicted = {m: [set[Pair]() for _ in thresholds] for m in ("facts", "events", "pairs")}
    for number in wanted:
        best, modes = topic_predictions(corpus.topic(number))
        scored.update(best)
        for mode, sets in modes.items():
            for i, pairs in enumerate(sets):
                predicted[mode][i] |= pairs
    corpus.embedder.save()
    scope = set(corpus.scope(wanted))
    gold, same = corpus.gold & scope, corpus.statement_gold & scope
    return {
        "ap": average_precision(corpus, scored, sorted(scope)),
        "table": {
            (m, t): (prf(gold, p & scope), prf(same, p & scope))
            for m, sets in predicted.items()
            for t, p in zip(thresholds, sets, strict=True)
        },
        "predicted": {
            (m, t): p for m, s in predicted.items() for t, p in zip(thresholds, s, strict=True)
        },
        "seconds": time.time() - started,
    }


# --------------------------------------------------------------------------- fitting


def claim_rows(
    corpus: Corpus, topic: Topic, statement: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Claim pairs of different documents, labelled same event (their sentences share an event
    chain); or (``statement``) the same-event pairs only, labelled same statement: the events
    mentioned inside the two claims' own spans are the same (a clause, not its whole sentence)."""
    xs, ys = [], []
    for x, y in itertools.combinations([i for i, w in enumerate(topic.where) if w], 2):
        pairs = [(a, b) if a < b else (b, a) for a in topic.where[x] for b in topic.where[y]]
        pairs = [p for p in pairs if p[0][0] != p[1][0]]
        events = [p for p in pairs if p in corpus.gold]
        if statement and events:
            xs.append(topic.features[x, y])
            ys.append(bool(topic.events[x]) and topic.events[x] == topic.events[y])
        elif pairs and not statement:
            xs.append(topic.features[x, y])
            ys.append(bool(events))
    return np.array(xs).reshape(-1, len(align.FEATURES)), np.array(ys, dtype=int)


def logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def fit_story(corpus: Corpus) -> Weights:
    """Story weights from the pairs of documents of one train+dev topic (same gold subtopic)."""
    xs, ys = [], []
    for number in TUNE:
        analyzed = corpus.analysis(number)
        profiles, df = align.story_profiles(analyzed, corpus.embedder)
        upper = np.triu_indices(len(analyzed), 1)
        xs.append(signals(profiles, df, len(profiles))[upper])
        half = np.array([corpus.docs[a.article.id].subtopic for a in analyzed])
        ys.append((half[:, None] == half[None, :])[upper])
    coef, bias = logistic(np.concatenate(xs), np.concatenate(ys))
    return Weights(*(round(float(c), 2) for c in coef), bias=round(bias, 2))


def cross_validated(corpus: Corpus, prepared: dict[int, Topic]) -> dict[Pair, float]:
    """Sentence-pair event scores of train+dev, each topic scored by a model fitted without it."""
    order = list(TUNE)
    np.random.RandomState(0).shuffle(order)
    rows = {n: claim_rows(corpus, prepared[n]) for n in TUNE}
    scores: dict[Pair, float] = {}
    for fold in range(FOLDS):
        held = order[fold::FOLDS]
        x = np.concatenate([rows[n][0] for n in TUNE if n not in held])
        y = np.concatenate([rows[n][1] for n in TUNE if n not in held])
        weights, intercept = logistic(x, y)
        for n in held:
            topic = prepared[n]
            article = np.array([u.article for u in topic.items])
            z = 1.0 / (1.0 + np.exp(-(topic.features @ weights + intercept)))
            z[article[:, None] == article[None, :]] = 0.0
            scores.update(sentence_scores(z, topic.where))
    return scores


@contextlib.contextmanager
def patched(**constants: object) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        for name, value in constants.items():
            stack.enter_context(mock.patch.object(align, name, value))
        yield


def fit(corpus: Corpus) -> None:
    """Fit and print every constant of the aligner, on train+dev only."""
    story = fit_story(corpus)
    print(f"STORY = {story}")
    scope = corpus.scope(TUNE)
    best: tuple[float, float, float, dict[int, Topic], dict[Pair, float]] | None = None
    for merge, join in STORY_GRID:
        with patched(STORY=story, STORY_MERGE=merge, STORY_JOIN=join):
            prepared = {n: corpus.topic(n) for n in TUNE}
        scores = cross_validated(corpus, prepared)
        cut = best_threshold(corpus, scores, scope)
        f1 = prf(corpus.gold & set(scope), {p for p, v in scores.items() if v >= cut})[2]
        ap = average_precision(corpus, scores, scope)
        print(f"  stories merge {merge} join {join}: cross-validated F1 {f1:.3f} AP {ap:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, merge, join, prepared, scores)
    assert best is not None
    _, merge, join, prepared, scores = best
    print(f"STORY_MERGE = {merge}\nSTORY_JOIN = {join}")
    print(f"SAME_EVENT = {best_threshold(corpus, scores, scope):.2f}  (cross-validated)")
    fit_pair_models(corpus, prepared, story, merge, join)


def fit_pair_models(
    corpus: Corpus, prepared: dict[int, Topic], story: Weights, merge: float, join: float
) -> None:
    rows = [claim_rows(corpus, prepared[n]) for n in TUNE]
    x, y = np.concatenate([r[0] for r in rows]), np.concatenate([r[1] for r in rows])
    weights, intercept = logistic(x, y)
    print(f"{len(y)} claim pairs, {y.mean():.3f} same event")
    print("WEIGHTS =", [round(float(w), 3) for w in weights], f"\nINTERCEPT = {intercept:.3f}")
    rows = [claim_rows(corpus, prepared[n], statement=True) for n in TUNE]
    x, y = np.concatenate([r[0] for r in rows]), np.concatenate([r[1] for r in rows])
    # Claim features only, and not centrality: it says whether a claim tells the story's main
    # event, which the event model weighs; here it cancelled the cosine of mutual best matches.
    used = [k for k, name in enumerate(align.CLAIM_FEATURES) if name != "centrality"]
    coef, statement_intercept = logistic(x[:, used], y)
    statement = np.zeros(len(align.FEATURES))
    statement[used] = coef
    print(f"{len(y)} same-event claim pairs, {y.mean():.3f} same statement")
    print("STATEMENT =", [round(float(w), 3) for w in statement])
    print(f"STATEMENT_INTERCEPT = {statement_intercept:.3f}")
    constants = {
        "STORY": story,
        "STORY_MERGE": merge,
        "STORY_JOIN": join,
        "WEIGHTS": weights.astype(np.float32),
        "INTERCEPT": intercept,
        "STATEMENT": statement.astype(np.float32),
        "STATEMENT_INTERCEPT": statement_intercept,
    }
    with patched(**constants):
        table = statement_table(prepared, grid())
    best = max(f for _, _, f in table.values())
    cut = min(t for t, (_, _, f) in table.items() if f >= best - FACT_TOLERANCE)
    p, r, f = table[cut]
    print(f"ECB+ same-statement cut {cut} (P {p:.3f} R {r:.3f} F1 {f:.3f} on train+dev)")
    print("FACT is not fitted here: it comes from judged BASIL pairs (docs/quality.md)")


def statement_table(
    prepared: dict[int, Topic], thresholds: Sequence[float]
) -> dict[float, tuple[float, float, float]]:
    """Claim-pair same-statement P/R/F1 of the product's grouping (``align.group`` on the fact
    score) at each threshold: claims of annotated sentences of different documents, the same
    statement when the events inside their spans are the same."""
    counts = {t: [0, 0, 0] for t in thresholds}
    for topic in prepared.values():
        article = np.array([u.article for u in topic.items])
        facts = align.fact_probability(topic.features)
        facts[article[:, None] == article[None, :]] = 0.0
        keep = [i for i, w in enumerate(topic.where) if w]
        universe = {(x, y) for x, y in itertools.combinations(keep, 2) if article[x] != article[y]}
        ev = topic.events
        gold = {(x, y) for x, y in universe if ev[x] and ev[x] == ev[y]}
        for t in thresholds:
            pred = {p for g in align.group(facts, t) for p in itertools.combinations(g, 2)}
            pred &= universe
            counts[t] = [
                counts[t][0] + len(pred & gold),
                counts[t][1] + len(pred),
                len(gold) + counts[t][2],
            ]
    out = {}
    for t, (tp, predicted, gold_size) in counts.items():
        p, r = tp / max(predicted, 1), tp / max(gold_size, 1)
        out[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


# --------------------------------------------------------------------------- report


def timing(corpus: Corpus) -> None:
    """Warm wall time of ``align.align`` (real embeddings) on 10 documents of test topic 36."""
    analyzed = corpus.analysis(36)[:10]
    align.align(analyzed)  # warm: models loaded, claims embedded
    started = time.perf_counter()
    facts = align.align(analyzed)
    claims = sum(len(a.claims) for a in analyzed)
    seconds = time.perf_counter() - started
    print(f"{len(analyzed)} articles, {claims} claims, {len(facts)} facts: {seconds:.2f} s warm")


def report(corpus: Corpus, wanted: Sequence[int], out: Path, show_lost: bool) -> None:
    lost = corpus.lost(wanted)
    total = sum(1 for k in corpus.annotated if corpus.docs[k[0]].topic in set(wanted))
    print(f"annotated sentences with no claim: {len(lost)} of {total}")
    for doc, n in lost if show_lost else []:
        print(f"  {doc} {n}: {detokenise(' '.join(corpus.docs[doc].sentences[n]))[:110]}")
    result = evaluate(corpus, wanted)
    print(f"topics {wanted[0]}-{wanted[-1]}: AP {result['ap']:.3f}  ({result['seconds']:.0f} s)")
    print("| mode | threshold | P | R | F1 | same-statement P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for (mode, t), ((p, r, f), (sp, sr, sf)) in result["table"].items():  # type: ignore[attr-defined]
        print(
            f"| {mode} | {t:.2f} | {p:.3f} | {r:.3f} | {f:.3f} | {sp:.3f} | {sr:.3f} | {sf:.3f} |"
        )
    for mode, t in (
        ("pairs", align.SAME_EVENT),
        ("events", align.SAME_EVENT),
        ("facts", align.FACT),
    ):
        pred = result["predicted"].get((mode, round(t, 2)), set())  # type: ignore[attr-defined]
        path = out.with_suffix(f".{mode}.json")
        path.write_text(json.dumps([[list(x), list(y)] for x, y in sorted(pred)]))
        print(f"{mode} at {t}: {len(pred)} pairs written to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="fit the models on train+dev")
    parser.add_argument("--tune", action="store_true", help="the tables on train+dev")
    parser.add_argument("--time", action="store_true", help="time align on 10 documents")
    parser.add_argument("--lost", action="store_true", help="list sentences with no claim")
    parser.add_argument(
        "--every-sentence", action="store_true", help="what-if: a claim for each sentence"
    )
    parser.add_argument(
        "--cached", action="store_true", help="reuse the newest analysis, even of older code"
    )
    parser.add_argument("--out", default=str(CACHE / "pred_pairs.json"))
    args = parser.parse_args()
    corpus = Corpus(every_sentence=args.every_sentence, cached=args.cached)
    if args.time:
        timing(corpus)
    elif args.fit:
        fit(corpus)
    else:
        report(corpus, TUNE if args.tune else TEST, Path(args.out), args.lost)


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
