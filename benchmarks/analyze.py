"""Speed of `rashomon analyze`: warm throughput, both cores, peak memory and CLI cold start.

    python benchmarks/analyze.py [--articles 50] [--repeat 3] [--no-cli]

The corpus is the first N PolNeAR test articles (real news, ~700 words each). The spaCy parse
alone is timed side by side, with the same number of processes, as the baseline: the analysis
can approach it, never beat it. The machine is shared, so the load average (1 minute) is
printed next to every figure.
"""

from __future__ import annotations

import argparse
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
from rashomon.nlp import pipeline

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "ferry" / "tagus-wire.txt"


def load() -> float:
    return os.getloadavg()[0]


def median_time(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time of ``repeat`` runs, and the highest load average seen meanwhile."""
    times, loads = [], [load()]
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
        loads.append(load())
    return statistics.median(times), max(loads)


def cli_seconds(args: list[str], repeat: int) -> tuple[float, float]:
    exe = str(Path(sys.executable).parent / "rashomon")
    return median_time(
        lambda: subprocess.run([exe, *args], capture_output=True, check=True), repeat
    )


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-cli", action="store_true")
    args = ap.parse_args()
    articles = polnear_articles(args.articles)
    texts = [a.text for a in articles]
    n, words = len(articles), sum(len(t.split()) for t in texts)
    nlp = pipeline()
    analyze_articles(articles[:2])  # warm up: models loaded, caches filled
    rows = [
        ("spaCy parse only, 1 process", median_time(lambda: list(nlp.pipe(texts)), args.repeat)),
        ("analyze, 1 process", median_time(lambda: analyze_articles(articles), args.repeat)),
        (
            "spaCy parse only, 2 processes",
            median_time(lambda: list(nlp.pipe(texts, n_process=2)), args.repeat),
        ),
        (
            "analyze, 2 processes",
            median_time(lambda: analyze_articles(articles, processes=2), args.repeat),
        ),
    ]
    own, child = peak_mb()
    print(f"corpus: {n} PolNeAR test articles, {words} words ({words / n:.0f} per article)")
    print(f"median of {args.repeat} runs; load = highest 1-minute load average during the runs\n")
    print("| run | seconds | articles/s | words/s | share of parse speed | load |")
    print("|---|---|---|---|---|---|")
    for index, (name, (secs, seen)) in enumerate(rows):
        parse = rows[index - index % 2][1][0]
        print(
            f"| {name} | {secs:.2f} | {n / secs:.1f} | {words / secs:,.0f} "
            f"| {parse / secs:.2f} | {seen:.1f} |"
        )
    print(f"\npeak memory: {own:.0f} MB main process, {child:.0f} MB largest worker")
    if not args.no_cli:
        for label, cli_args in (
            ("`rashomon --help`", ["--help"]),
            (f"`rashomon analyze {ARTICLE.name}`", ["analyze", str(ARTICLE)]),
        ):
            secs, seen = cli_seconds(cli_args, args.repeat)
            print(f"cold CLI, {label}: {secs:.2f} s (load {seen:.1f})")


if __name__ == "__main__":
    main()
