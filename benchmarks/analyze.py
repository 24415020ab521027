"""Speed of `rashomon analyze`: warm throughput, both cores, peak memory and CLI cold start.

    python benchmarks/analyze.py [--articles 50] [--repeat 3] [--no-cli]
    python benchmarks/analyze.py --breakdown [--articles 30]

``--breakdown`` prints where one article's CPU time goes instead: each spaCy component, then
each reader of the analysis on the parsed document (CPU ms per article, one pass).

The corpus is the first N PolNeAR test articles (real news, ~750 words each). The spaCy parse
alone (the same model, called the same way, in the same processes) is timed side by side as
the baseline: the analysis can approach it, never beat it. Every round runs each job once in
turn, so ours and the baseline see the same load; figures are medians over the rounds. The
machine is shared, so the 1-minute load average is printed with every figure, and CPU
seconds beside wall seconds (they move much less with the load).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import Timing, cold_rounds, machine, polnear_articles, rounds

from rashomon.analyze import (
    analyze_articles,
    attribution,
    claims,
    entities,
    framing,
    quantities,
    timex,
)
from rashomon.analyze.pipeline import analyze_doc
from rashomon.nlp import MODEL, pipeline
from rashomon.records import Article

T = TypeVar("T")
TARGET_ONE = 6.0  # articles/s, warm, one process
TARGET_TWO = 10.0  # articles/s, both cores
TARGET_COLD = 4.0  # seconds, `rashomon analyze` on one article

# The command line as it was before spaCy was imported without PyTorch (thinc loaded torch).
WITH_TORCH = "import sys, torch; from rashomon.cli import run; sys.argv[0] = 'rashomon'; run()"
SPACY_ALONE = f"import spacy, sys; spacy.load({MODEL!r})(open(sys.argv[1]).read())"
# spaCy as rashomon loads it: thinc without PyTorch (see rashomon.nlp).
SPACY_NO_TORCH = "import rashomon.nlp, sys; rashomon.nlp.pipeline()(open(sys.argv[1]).read())"


def parse(text: str) -> int:
    return len(pipeline()(text))


def parse_in_processes(texts: list[str], processes: int) -> list[int]:
    """The baseline for the analysis in worker processes: the same pool, parsing only."""
    chunk = max(1, len(texts) // (4 * processes))
    with ProcessPoolExecutor(max_workers=processes) as pool:
        return list(pool.map(parse, texts, chunksize=chunk))


def row(name: str, t: Timing, n: int, words: int, baseline: Timing) -> str:
    return (
        f"| {name} | {t.wall:.2f} | {n / t.wall:.1f} | {words / t.wall:,.0f} "
        f"| {t.cpu:.2f} | {n / t.cpu:.1f} | {baseline.wall / t.wall:.2f} | {t.load:.1f} |"
    )


def verdict(value: float, target: float, more_is_better: bool = True) -> str:
    met = value >= target if more_is_better else value <= target
    return "met" if met else "MISSED"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--breakdown", action="store_true")
    args = ap.parse_args()
    articles = polnear_articles(args.articles)
    if args.breakdown:
        breakdown(articles)
        return
    texts = [a.text for a in articles]
    n, words = len(articles), sum(len(t.split()) for t in texts)
    nlp = pipeline()
    analyze_articles(articles[:2])  # warm up: model loaded, lexicons and caches filled
    print(f"machine: {machine()}")
    print(f"corpus: {n} PolNeAR test articles, {words} words ({words / n:.0f} per article)")
    print(f"median of {args.repeat} rounds; load = highest 1-minute load average seen\n")
    one = rounds(
        {
            "spaCy parse only, 1 process": lambda: [nlp(t) for t in texts],
            "analyze, 1 process": lambda: analyze_articles(articles),
        },
        args.repeat,
    )
    two = rounds(
        {
            "spaCy parse only, 2 processes": lambda: parse_in_processes(texts, 2),
            "analyze, 2 processes": lambda: analyze_articles(articles, processes=2),
        },
        args.repeat,
    )
    print(
        "| run | wall s | articles/s | words/s | CPU s | articles per CPU s "
        "| speed vs parse only | load |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for timings in (one, two):
        baseline = next(iter(timings.values()))
        for name, t in timings.items():
            print(row(name, t, n, words, baseline))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak memory: {own:.0f} MB main process, {child:.0f} MB largest worker")
    ours_one, ours_two = one["analyze, 1 process"], two["analyze, 2 processes"]
    print(
        f"target ≥ {TARGET_ONE:g} articles/s warm, 1 process: "
        f"{verdict(n / ours_one.wall, TARGET_ONE)} ({n / ours_one.wall:.1f}; "
        f"{n / ours_one.cpu:.1f} per CPU second)"
    )
    print(
        f"target ≥ {TARGET_TWO:g} articles/s, 2 processes: "
        f"{verdict(n / ours_two.wall, TARGET_TWO)} ({n / ours_two.wall:.1f})"
    )
    if not args.no_cli:
        cold_cli(articles[0].source, args.repeat)


def breakdown(articles: list[Article]) -> None:
    """CPU milliseconds per article of each spaCy component and each reader of the analysis."""
    nlp = pipeline()
    analyze_articles(articles[:2])  # warm up
    docs = [nlp.make_doc(a.text) for a in articles]
    print(f"machine: {machine()}\n{len(articles)} PolNeAR test articles; CPU ms per article\n")
    print("| step | CPU ms per article |\n|---|---|")
    cpu_ms("spaCy: tokenizer", lambda: [nlp.make_doc(a.text) for a in articles], len(articles))
    for name, component in nlp.pipeline:
        docs = cpu_ms(
            f"spaCy: {name}", lambda c=component, ds=docs: [c(d) for d in ds], len(articles)
        )
    pairs = list(zip(articles, docs, strict=True))
    readers = {
        "analysis, all of it (`analyze_doc`)": lambda a, d: analyze_doc(a, d),
        "`doc.text`, one call (built once per article, the readers share it)": lambda a, d: d.text,
        "reader: entities": lambda a, d: entities.extract(d),
        "reader: attribution": lambda a, d: attribution.extract(d),
        "reader: claims (with attribution)": lambda a, d: claims.split(d, attribution.extract(d)),
        "reader: times": lambda a, d: timex.extract(d, a.published),
        "reader: quantities": lambda a, d: quantities.extract(d),
        "reader: framing evidence": lambda a, d: framing.evidence(d, []),
    }
    for name, read in readers.items():
        cpu_ms(name, lambda r=read: [r(a, d) for a, d in pairs], len(articles))


def cpu_ms(name: str, work: Callable[[], list[T]], count: int) -> list[T]:
    start = time.process_time()
    done = work()
    print(f"| {name} | {1000 * (time.process_time() - start) / count:.1f} |")
    return done


def cold_cli(path: str, repeat: int) -> None:
    python, exe = sys.executable, str(Path(sys.executable).parent / "rashomon")
    commands = {
        "`rashomon --help`": [exe, "--help"],
        "`rashomon analyze ARTICLE`": [exe, "analyze", path],
        "the same, PyTorch loaded as before": [python, "-c", WITH_TORCH, "analyze", path],
        "spaCy alone: import, load, parse ARTICLE": [python, "-c", SPACY_ALONE, path],
        "spaCy alone, without PyTorch": [python, "-c", SPACY_NO_TORCH, path],
    }
    print(f"\ncold start (a new process each run; ARTICLE = {Path(path).name})\n")
    print("| command | wall s | CPU s | peak MB | load |")
    print("|---|---|---|---|---|")
    timings = cold_rounds(commands, repeat)
    for name, t in timings.items():
        print(f"| {name} | {t.wall:.2f} | {t.cpu:.2f} | {t.peak_mb:.0f} | {t.load:.1f} |")
    cold = timings["`rashomon analyze ARTICLE`"].wall
    print(f"\ntarget ≤ {TARGET_COLD:g} s cold `rashomon analyze`: {verdict(-cold, -TARGET_COLD)}")


if __name__ == "__main__":
    main()
