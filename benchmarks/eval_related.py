"""Calibrate and measure the "different events" guard of ``rashomon compare`` on ECB+.

``rashomon.compare.related`` refuses (without ``--force``) a set of articles when one of them
is far in meaning from all the others and shares no name with any. Pairs of ECB+ documents give
three kinds of comparisons:

- same event (one gold subtopic): refusing them is the costly error;
- same kind of event, a different one (the two halves of one topic: two earthquakes);
- different topics (an earthquake and an arrest): what the guard should catch.

    python benchmarks/eval_ecbplus_pairs.py --tune   # once: analyses cached in the temp folder
    python benchmarks/eval_related.py --tune          # rates on train+dev for a grid of bars
    python benchmarks/eval_related.py                 # test topics 36-45, at the shipped bar
    python benchmarks/eval_related.py --stranded 300  # also the second rule (no shared fact
                                                      # and no shared name), on 300 pairs a kind

The bar is chosen on train+dev as the highest one that refuses at most 1% of same-event pairs.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import os
import random
from collections import defaultdict
from pathlib import Path

import numpy as np
from eval_ecbplus_pairs import CACHE, TEST, TUNE, CachedEmbedder

from rashomon.compare import related
from rashomon.records import AnalyzedArticle, from_json

MAX_FAR_PAIRS = 20_000


def subtopic(doc_id: str) -> tuple[int, str]:
    topic, rest = doc_id.split("_", 1)
    return int(topic), "ecbplus" if rest.endswith("ecbplus") else "ecb"


def load(wanted: set[int]) -> list[AnalyzedArticle]:
    """The newest cached analysis of every document of the ``wanted`` topics."""
    newest: dict[str, str] = {}
    for path in sorted(glob.glob(str(CACHE / "analyzed_*.json")), key=os.path.getmtime):
        newest[Path(path).name.split("_")[1]] = path
    out = []
    for path in newest.values():
        for record in json.loads(Path(path).read_text()):
            if subtopic(record["article"]["id"])[0] in wanted:
                out.append(from_json(AnalyzedArticle, record))
    return out


def pair_kinds(articles: list[AnalyzedArticle], seed: int = 1) -> dict[str, list[tuple]]:
    kinds: dict[str, list[tuple]] = defaultdict(list)
    for i, j in itertools.combinations(range(len(articles)), 2):
        a, b = (subtopic(articles[k].article.id) for k in (i, j))
        kind = "same event" if a == b else "same kind" if a[0] == b[0] else "different topic"
        kinds[kind].append((i, j))
    random.Random(seed).shuffle(kinds["different topic"])
    kinds["different topic"] = kinds["different topic"][:MAX_FAR_PAIRS]
    return kinds


def refused(sims: np.ndarray, shared: np.ndarray, pairs: list[tuple], bar: float) -> float:
    hits = [sims[i, j] < bar and not shared[i, j] for i, j in pairs]
    return float(np.mean(hits)) if hits else 0.0


def stranded(articles: list[AnalyzedArticle], kinds: dict[str, list[tuple]], n: int) -> None:
    """Pairs refused by the similarity rule, and by it or the no-fact-no-name rule, each pair
    aligned as ``rashomon compare`` aligns it."""
    from rashomon.compare import align

    for kind, pairs in kinds.items():
        chosen = random.Random(3).sample(pairs, min(n, len(pairs)))
        old = either = 0
        for i, j in chosen:
            pair, _ = related.usable([articles[i], articles[j]], force=True)
            first = bool(related.unrelated(pair))
            old += first
            either += first or bool(related.stranded(pair, align.align(pair)))
        print(f"{kind}: {len(chosen)} pairs, refused {old} (similarity rule), {either} (either)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="train+dev topics, a grid of bars")
    parser.add_argument("--stranded", type=int, default=0, help="pairs a kind for rule two")
    args = parser.parse_args()
    wanted = set(TUNE if args.tune else TEST)
    articles = load(wanted)
    embedder = CachedEmbedder(CACHE / "embeddings.npy")
    sims, shared = related.evidence(articles, embedder)
    embedder.save()
    kinds = pair_kinds(articles)
    bars = [round(b, 2) for b in np.arange(0.2, 0.61, 0.05)] if args.tune else []
    bars.append(related.UNRELATED_BELOW)
    print(
        f"{len(articles)} documents; pairs: " + ", ".join(f"{k} {len(v)}" for k, v in kinds.items())
    )
    print("bar   " + "  ".join(f"{k:>16}" for k in kinds))
    for bar in sorted(set(bars)):
        rates = "  ".join(f"{refused(sims, shared, v, bar):16.3f}" for v in kinds.values())
        print(f"{bar:.2f}  {rates}")
    if args.stranded:
        stranded(articles, kinds, args.stranded)


if __name__ == "__main__":
    main()
