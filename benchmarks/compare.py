"""Speed of `rashomon compare`: warm API for 2…50 articles, cold CLI, peak memory.

    python benchmarks/compare.py [--sizes 2 5 10 25 50] [--repeat 3] [--no-cli]

Articles are PolNeAR test articles (real news, ~700 words each), compared with force=True (they
are about one election, not one event, which is the harder case for the aligner: more claims
look alike). "compare only" starts from analysed articles; "analyze+compare" is the analysis
(two processes) and the comparison, in a process whose models are already loaded. Every run
embeds its claims from scratch. The growth line fits time ∝ claims^k between the sizes.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import polnear_articles

from rashomon.analyze import analyze_articles
from rashomon.compare import compare_articles
from rashomon.embed import backend, clear_cache

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time of ``repeat`` runs, and the highest load average seen meanwhile."""
    times, loads = [], [os.getloadavg()[0]]
    for _ in range(repeat):
        clear_cache()  # each run embeds its claims from scratch, as a new comparison would
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
        loads.append(os.getloadavg()[0])
    return statistics.median(times), max(loads)


def cold_cli(repeat: int) -> tuple[float, float]:
    exe = str(Path(sys.executable).parent / "rashomon")
    ferry = sorted(str(p) for p in (ROOT / "examples" / "ferry").glob("*.*") if p.suffix != ".md")
    return median_seconds(
        lambda: subprocess.run([exe, "compare", *ferry], capture_output=True, check=True), repeat
    )


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) against log(claims)."""
    xs = [math.log(c) for c, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2, 5, 10, 25, 50])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-cli", action="store_true")
    args = ap.parse_args()
    articles = polnear_articles(max(args.sizes))
    analyzed = analyze_articles(articles, processes=2)
    compare_articles(analyzed[:2], force=True)  # warm up: embedding model loaded
    print(f"median of {args.repeat} runs; PolNeAR test articles; embeddings: {backend()}\n")
    print(
        "| articles | claims | words | compare only (s) | ms per claim "
        "| analyze+compare (s) | load |"
    )
    print("|---|---|---|---|---|---|---|")
    points = []
    for n in args.sizes:
        claims = sum(len(a.claims) for a in analyzed[:n])
        words = sum(len(a.article.text.split()) for a in analyzed[:n])
        only, seen = median_seconds(
            lambda n=n: compare_articles(analyzed[:n], force=True), args.repeat
        )
        full, seen_full = median_seconds(
            lambda n=n: compare_articles(analyze_articles(articles[:n], processes=2), force=True),
            args.repeat,
        )
        points.append((claims, only))
        print(
            f"| {n} | {claims} | {words} | {only:.2f} | {1000 * only / claims:.1f} "
            f"| {full:.2f} | {max(seen, seen_full):.1f} |"
        )
    if len(points) > 1:
        print(f"\ngrowth: compare-only time ∝ claims^{exponent(points):.2f}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:.0f} MB main process, {child:.0f} MB largest worker")
    if not args.no_cli:
        secs, seen = cold_cli(args.repeat)
        print(f"cold CLI, `rashomon compare` on the ferry examples: {secs:.2f} s (load {seen:.1f})")


if __name__ == "__main__":
    main()
