"""Story grouping on ECB+ and BASIL, with the grouping code ``rashomon ingest`` runs.

Every document is analysed and embedded by ``rashomon.engine.work.process`` (cached in the temp
folder), then stored and grouped by ``rashomon.corpus.add_processed`` into a fresh store, in
batches of ``GROUP_EVERY`` like an ingest. Nobody tells the grouping how many stories there are.

    python benchmarks/eval_stories.py --fit     # fit the signal weights and threshold on train+dev
    python benchmarks/eval_stories.py           # score test docs, all docs, BASIL

Gold and scorer: ../shared/eval-tools/ecbplus_eval.py --score-stories (ECB+ subtopic = topic and
ecb/ecbplus half); BASIL's gold story is the event (triplet) and the same scorer function is used.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import inspect
import itertools
import json
import pickle
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

import numpy as np

import rashomon
from rashomon.corpus import add_processed
from rashomon.engine import make_engine
from rashomon.engine.work import process
from rashomon.records import Article
from rashomon.store import Store
from rashomon.stories import grouping, similarity
from rashomon.stories.profile import LEAD_WORDS, Processed, build, embedding_text
from rashomon.stories.similarity import Weights, signals

SHARED = Path(__file__).resolve().parents[2] / "shared"
TOOLS = SHARED / "eval-tools"
BASIL = SHARED / "eval-data" / "basil" / "articles"
CACHE = Path(tempfile.gettempdir()) / "rashomon_stories"
TEST_TOPICS = set(range(36, 46))
MERGE_GRID = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
JOIN_GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)

sys.path.insert(0, str(TOOLS))
from cluster_pair_scorers import score_clustering  # noqa: E402

# --------------------------------------------------------------------------- data


def ecbplus_articles() -> list[tuple[Article, str]]:
    """ECB+ documents as articles (first line as title), with their gold subtopic."""
    dump = CACHE / "ecb_inputs"
    if not (dump / "docs.jsonl").exists():
        tool = TOOLS / "ecbplus_eval.py"
        subprocess.run([sys.executable, str(tool), "--dump-inputs", str(dump)], check=True)
    out = []
    for line in (dump / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        first, _, rest = _detokenise(doc["text"]).partition("\n")
        article = Article(id=doc["doc_id"], outlet="ECB+", title=first, text=rest or first)
        topic, half = doc["doc_id"].split("_")[0], doc["doc_id"].endswith("ecbplus")
        out.append((article, f"{topic}_{'ecbplus' if half else 'ecb'}"))
    return out


def basil_articles() -> list[tuple[Article, str]]:
    """BASIL articles (100 events x 3 outlets) with their event as gold story."""
    import datetime as dt

    out = []
    for path in sorted(BASIL.glob("*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in doc["body-paragraphs"])
        article = Article(
            id=path.stem,
            outlet=doc["source"].lower(),
            title=doc["title"],
            text=text,
            published=dt.date.fromisoformat(doc["date"]) if doc.get("date") else None,
        )
        out.append((article, doc["triplet-uuid"]))
    return out


def _detokenise(text: str) -> str:
    """ECB+ texts are tokenised ("6 . 1 - magnitude", "Indonesia 's"); join them back."""
    text = re.sub(r"(\d) ([.,:]) (\d)", r"\1\2\3", text)
    text = re.sub(r" ([.,;:!?%)\]]|'s|n't|'re|'ve|'ll|'d)", r"\1", text)
    return re.sub(r"([(\[$]) ", r"\1", text)


def processed(articles: Sequence[Article], tag: str) -> list[Processed]:
    """The per-article work for ``articles``, cached in the temp folder.

    The analysis and the embedding are what the cache saves; the grouping profile is built
    again from them. The cache is named after the code behind the entities and the embeddings,
    so a change there is never scored with stale results.
    """
    path = CACHE / f"processed_{tag}_{_code_digest()}.pkl"
    if path.exists():
        cached: dict[str, Processed] = pickle.loads(path.read_bytes())
        if all(a.id in cached for a in articles):
            return [_fresh_profile(cached[a.id]) for a in articles]
    engine = make_engine("local")
    done: dict[str, Processed] = {}
    try:
        for batch in engine.map(process, _chunks(list(articles), 16)):
            done.update((p.article.id, p) for p in batch if isinstance(p, Processed))
    finally:
        engine.close()
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(done))
    return [done[a.id] for a in articles if a.id in done]


def _code_digest() -> str:
    """A digest of the code and data behind what grouping reads: entities and embeddings."""
    package = Path(rashomon.__file__).parent
    files = [package / "embed.py", package / "nlp.py"]
    files += [package / "analyze" / name for name in ("__init__.py", "pipeline.py", "entities.py")]
    files += sorted((package / "data").glob("entity_*"))
    digest = hashlib.sha256(f"{inspect.getsource(embedding_text)}{LEAD_WORDS}".encode())
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _fresh_profile(item: Processed) -> Processed:
    return dataclasses.replace(item, profile=build(item.analysis, item.profile.vector))


def _chunks(items: list[Article], size: int) -> list[list[Article]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# --------------------------------------------------------------------------- grouping


def group_with_store(items: Sequence[Processed]) -> dict[str, str]:
    """Story label of each article after storing and grouping them like an ingest does."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "eval.db"
        add_processed((list(items[i : i + 16]) for i in range(0, len(items), 16)), db)
        with Store(db) as store:
            return {a.id: str(story) for a, story, _ in store.iter_articles()}


def score(gold: dict[str, str], labels: dict[str, str]) -> dict[str, float]:
    return score_clustering({k: gold[k] for k in labels}, labels)  # type: ignore[no-any-return]


def score_with_tool(labels: dict[str, str]) -> dict[str, float]:
    """Score ECB+ labels with the reference CLI, exactly as the README shows."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(labels, fh)
    tool = TOOLS / "ecbplus_eval.py"
    run = subprocess.run(
        [sys.executable, str(tool), "--score-stories", fh.name],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(run.stdout)["vs_subtopic"]  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- fitting


def fit(items: Sequence[Processed], gold: dict[str, str]) -> None:
    """Fit the logistic weights on train+dev pairs, then both thresholds on train+dev stories
    grouped through the store exactly as an ingest groups them; print both.

    Every ECB+ story has several articles, which rewards any bar that lets a lone article
    join; real news has many stories told once. So each pair of thresholds is also scored on
    two resamples of train+dev in which about half the stories keep a single article, and the
    pair with the best mean B³ F1 over the three is chosen.
    """
    weights = fit_weights(items, gold)
    print(weights)
    items = [_without_analysis(p) for p in items]  # grouping never reads it: a faster store
    samples = [items] + [singleton_resample(items, gold, seed) for seed in (0, 1)]
    best = (0.0, 0.0, 0.0)
    with mock.patch.object(similarity, "WEIGHTS", weights):
        for merge, join in itertools.product(MERGE_GRID, JOIN_GRID):
            with (
                mock.patch.object(grouping, "THRESHOLD", merge),
                mock.patch.object(grouping, "JOIN_THRESHOLD", join),
            ):
                f1 = [score(gold, group_with_store(sample))["b3_f1"] for sample in samples]
            mean = float(np.mean(f1))
            scores = " / ".join(f"{f:.3f}" for f in f1)
            print(f"  merge {merge:.2f} join {join:.2f}: B3 F1 {scores}, mean {mean:.3f}")
            best = max(best, (mean, merge, join))
    print(f"best: merge {best[1]:.2f}, join {best[2]:.2f} (mean B3 F1 {best[0]:.3f})")


def fit_weights(items: Sequence[Processed], gold: dict[str, str]) -> Weights:
    """Logistic regression of same-story on the signals of every pair of ``items``."""
    from collections import Counter

    from sklearn.linear_model import LogisticRegression

    profiles = [p.profile for p in items]
    df: Counter[str] = Counter()
    for p in profiles:
        df.update({*p.terms, *p.entities})
    x = signals(profiles, df, len(profiles))
    labels = [gold[p.article.id] for p in items]
    same = np.array([[a == b for b in labels] for a in labels])
    upper = np.triu_indices(len(items), 1)
    model = LogisticRegression(C=1.0, max_iter=2000).fit(x[upper], same[upper])
    coef = [round(float(c), 2) for c in model.coef_[0]]
    return Weights(*coef, bias=round(float(model.intercept_[0]), 2))


def singleton_resample(
    items: Sequence[Processed], gold: dict[str, str], seed: int
) -> list[Processed]:
    """``items`` (in their order) where about half the stories keep one article only."""
    rng = random.Random(seed)
    stories: dict[str, list[Processed]] = {}
    for item in items:
        stories.setdefault(gold[item.article.id], []).append(item)
    kept = set()
    for members in stories.values():
        chosen = [rng.choice(members)] if rng.random() < 0.5 else members
        kept.update(p.article.id for p in chosen)
    return [p for p in items if p.article.id in kept]


def _without_analysis(item: Processed) -> Processed:
    empty = dataclasses.replace(
        item.analysis, claims=(), quotes=(), entities=(), quantities=(), times=(), framing=()
    )
    return dataclasses.replace(item, analysis=empty)


# --------------------------------------------------------------------------- report


def row(name: str, result: dict[str, float], seconds: float) -> str:
    return (
        f"| {name} | {result['n_pred_clusters']}/{result['n_gold_clusters']} | "
        f"{result['b3_p']:.3f} | {result['b3_r']:.3f} | **{result['b3_f1']:.3f}** | "
        f"{result['ari']:.3f} | {result['v_measure']:.3f} | {seconds:.1f} |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="fit weights on ECB+ train+dev")
    parser.add_argument("--shuffle", type=int, default=0, help="also score N shuffled orders")
    args = parser.parse_args(argv)

    ecb = ecbplus_articles()
    gold = {a.id: g for a, g in ecb}
    items = {p.article.id: p for p in processed([a for a, _ in ecb], "ecbplus")}
    tune = [items[a.id] for a, _ in ecb if int(a.id.split("_")[0]) not in TEST_TOPICS]
    test = [items[a.id] for a, _ in ecb if int(a.id.split("_")[0]) in TEST_TOPICS]
    if args.fit:
        fit(tune, gold)
        return
    print("| docs | #pred/#gold | B³ P | B³ R | B³ F1 | ARI | V | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for name, chosen, tool in [
        ("ECB+ test (210)", test, True),
        ("ECB+ train+dev (772)", tune, False),
        ("ECB+ all (982)", tune + test, True),
    ]:
        start = time.perf_counter()
        labels = group_with_store(chosen)
        result = score_with_tool(labels) if tool else score(gold, labels)
        print(row(name, result, time.perf_counter() - start), flush=True)
    for seed in range(args.shuffle):
        shuffled = list(tune + test)
        random.Random(seed).shuffle(shuffled)
        start = time.perf_counter()
        result = score_with_tool(group_with_store(shuffled))
        print(row(f"ECB+ all, shuffled order {seed}", result, time.perf_counter() - start))
    basil = basil_articles()
    basil_gold = {a.id: g for a, g in basil}
    basil_items = processed(sorted((a for a, _ in basil), key=_by_date), "basil")
    start = time.perf_counter()
    result = score(basil_gold, group_with_store(basil_items))
    print(row("BASIL (300, by date)", result, time.perf_counter() - start))


def _by_date(article: Article) -> tuple[str, str]:
    return (article.published.isoformat() if article.published else "", article.id)


if __name__ == "__main__":
    main()
