"""Speed of `rashomon compare`: warm API for 2…50 articles, cold CLI, peak memory.

    python benchmarks/compare.py [--sizes 2 5 10 25 50] [--repeat 3] [--no-cli]
    python benchmarks/compare.py --embeddings [--sizes 10]

``--embeddings`` prints the embedding cost instead (one thread): the claims of the articles
embedded one article at a time (as the comparison asks for them) and all at once, and the
share of the compare-only CPU time spent in the embedding model.

Articles are PolNeAR test articles (real news, ~750 words each), compared with force=True (they
are about one election, not one event, which is the harder case for the aligner: more claims
look alike). Two warm figures, in a process whose models are already loaded:

* "compare only" starts from analysed articles (what `rashomon.compare` costs when the
  analysis is stored, as in corpus mode);
* "analyze+compare" is what `rashomon.compare` on texts costs: the analysis (with the default
  processes of `api.analyze_many`) and the comparison.

Every run embeds its claims from scratch. The baseline beside them is the spaCy parse alone of
the same articles in one process. Every round runs each job once in turn; figures are medians
over the rounds, with the highest 1-minute load average seen. The growth line fits
time ∝ claims^k over the sizes.
"""

from __future__ import annotations

import argparse
import math
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from unittest.mock import patch

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import Timing, cold_rounds, machine, polnear_articles, rounds

from rashomon import api
from rashomon.analyze import analyze_articles
from rashomon.compare import compare_articles
from rashomon.embed import _encoder, backend, clear_cache, set_threads
from rashomon.nlp import MODEL, pipeline
from rashomon.records import AnalyzedArticle, Article

ROOT = Path(__file__).resolve().parent.parent
TARGETS_WARM = {2: 0.5, 10: 3.0}  # articles: seconds
TARGET_COLD = 5.0  # seconds, `rashomon compare` on 2 or 10 articles
# The command line as it was before spaCy was imported without PyTorch (thinc loaded torch).
WITH_TORCH = "import sys, torch; from rashomon.cli import run; sys.argv[0] = 'rashomon'; run()"
SPACY_ALONE = (
    f"import spacy, sys; nlp = spacy.load({MODEL!r}); [nlp(open(p).read()) for p in sys.argv[1:]]"
)


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) against log(claims)."""
    xs = [math.log(c) for c, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def verdict(seconds: float, target: float) -> str:
    return "met" if seconds <= target else "MISSED"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2, 5, 10, 25, 50])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--embeddings", action="store_true")
    args = ap.parse_args()
    articles = polnear_articles(max(args.sizes))
    nlp = pipeline()
    analyzed = analyze_articles(articles, processes=2)
    if args.embeddings:
        embeddings(analyzed, args.repeat)
        return
    compare_articles(analyzed[:2], force=True)  # warm up: embedding model loaded
    print(f"machine: {machine()}")
    print(f"median of {args.repeat} rounds; PolNeAR test articles; embeddings: {backend()}\n")
    print(
        "| articles | claims | words | spaCy parse only (s) | compare only (s) | ms per claim "
        "| analyze+compare (s) | peak MB | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    points, warm = [], {}
    for n in args.sizes:
        claims = sum(len(a.claims) for a in analyzed[:n])
        words = sum(len(a.article.text.split()) for a in analyzed[:n])
        t = rounds(
            {
                "parse": lambda n=n: [nlp(a.text) for a in articles[:n]],
                "only": lambda n=n: compare_articles(analyzed[:n], force=True),
                "full": lambda n=n: compare_articles(api.analyze_many(articles[:n]), force=True),
            },
            args.repeat,
            before=clear_cache,  # each run embeds its claims from scratch
        )
        warm[n] = t
        points.append((claims, t["only"].wall))
        print(
            f"| {n} | {claims} | {words} | {t['parse'].wall:.2f} | {t['only'].wall:.2f} "
            f"| {1000 * t['only'].wall / claims:.1f} | {t['full'].wall:.2f} | {peak_mb():.0f} "
            f"| {max(x.load for x in t.values()):.1f} |"
        )
    if len(points) > 1:
        print(f"\ngrowth: compare-only time ∝ claims^{exponent(points):.2f}")
    for n, target in TARGETS_WARM.items():
        if n in warm:
            only, full = warm[n]["only"].wall, warm[n]["full"].wall
            print(
                f"target ≤ {target:g} s warm, {n} articles: compare only {verdict(only, target)} "
                f"({only:.2f} s); analyze+compare {verdict(full, target)} ({full:.2f} s)"
            )
    if not args.no_cli:
        cold_cli(articles, args.repeat)


def embeddings(analyzed: list[AnalyzedArticle], repeat: int) -> None:
    """CPU seconds of the embedding model: per article, all at once, and inside a comparison."""
    set_threads(1)
    encoder = _encoder()
    spent = [0.0]

    def counted(texts: Sequence[str]) -> np.ndarray:
        start = time.process_time()
        vectors = encoder(texts)
        spent[0] += time.process_time() - start
        return vectors

    groups = [[c.text for c in a.claims] for a in analyzed]
    flat = [x for g in groups for x in g]

    def any_width(work: Callable[[], object]) -> Callable[[], object]:
        """``work`` with batches of texts of any length (the rule before WIDTH_SLACK)."""

        def run() -> object:
            with patch("rashomon.embed.WIDTH_SLACK", 10**9):
                return work()

        return run

    t = rounds(
        {
            "per article": lambda: [encoder(g) for g in groups],
            "all at once": lambda: encoder(flat),
            "per article, batches of any width": any_width(lambda: [encoder(g) for g in groups]),
            "all at once, batches of any width": any_width(lambda: encoder(flat)),
        },
        repeat,
    )
    print(f"machine: {machine()}\nembeddings: {backend()}, one thread, {len(analyzed)} articles")
    print(f"{sum(map(len, groups))} claims; median of {repeat} rounds\n")
    for name, timing in t.items():
        print(f"claims embedded {name}: {timing.cpu:.2f} CPU s (load {timing.load:.1f})")
    with patch("rashomon.embed._encoder", lambda: counted):
        shares = []
        for _ in range(repeat):
            clear_cache()
            spent[0], start = 0.0, time.process_time()
            compare_articles(analyzed, force=True)
            shares.append((time.process_time() - start, spent[0]))
    total, inside = sorted(shares)[len(shares) // 2]
    print(f"compare only: {total:.2f} CPU s, of which the embedding model {inside:.2f} s")
    set_threads(0)


def cold_cli(articles: list[Article], repeat: int) -> None:
    python, exe = sys.executable, str(Path(sys.executable).parent / "rashomon")
    ferry = sorted(str(p) for p in (ROOT / "examples" / "ferry").glob("*.*") if p.suffix != ".md")
    commands: dict[str, list[str]] = {
        "`rashomon compare` ferry examples (3)": [exe, "compare", *ferry],
        "the same, PyTorch loaded as before": [python, "-c", WITH_TORCH, "compare", *ferry],
        "spaCy alone, ferry examples (3)": [python, "-c", SPACY_ALONE, *ferry],
    }
    for n in (2, 10):
        paths = [a.source for a in articles[:n]]
        commands[f"`rashomon compare --force`, {n} articles"] = [exe, "compare", "--force", *paths]
        commands[f"spaCy alone, {n} articles"] = [python, "-c", SPACY_ALONE, *paths]
    print("\ncold start (a new process each run; spaCy alone = import, load, parse each file)\n")
    print("| command | wall s | CPU s | peak MB | load |")
    print("|---|---|---|---|---|")
    timings: dict[str, Timing] = cold_rounds(commands, repeat)
    for name, t in timings.items():
        print(f"| {name} | {t.wall:.2f} | {t.cpu:.2f} | {t.peak_mb:.0f} | {t.load:.1f} |")
    for n in (2, 10):
        wall = timings[f"`rashomon compare --force`, {n} articles"].wall
        print(f"target ≤ {TARGET_COLD:g} s cold CLI, {n} articles: {verdict(wall, TARGET_COLD)}")


if __name__ == "__main__":
    main()
