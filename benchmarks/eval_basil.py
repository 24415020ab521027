"""The full comparison on BASIL: 100 events, each told by Fox News, the NY Times and HuffPost.

    python benchmarks/eval_basil.py               # facts, agreed/exclusive, conflicts per triple
    python benchmarks/eval_basil.py --sample 30   # also write a hand-check sample (seeded):
                                                  # conflicts, differences, exclusive and similar
                                                  # facts with the nearest claims of the other
                                                  # articles, and two-thirds as many agreed facts
                                                  # (--seed N draws another sample)
    python benchmarks/eval_basil.py --counts 40   # also write counts with predicates to judge

BASIL states no licence: it is read from ../shared/eval-data/basil at run time, never shipped.
Articles are analysed with rashomon.analyze (cached in the temp folder, keyed by the analysis
source code so that a changed analyser is never read from an old cache). Facts, differences and
conflicts are built as ``rashomon.compare.compare_articles`` builds them (``--full`` runs the
whole comparison, with voices, timeline and summary).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

import rashomon
from rashomon.analyze import analyze_article
from rashomon.compare import align, compare_articles, conflicts, differences, related
from rashomon.embed import embed
from rashomon.records import AnalyzedArticle, Article, Comparison, Fact, from_json, to_json

ROOT = Path(__file__).resolve().parents[2] / "shared" / "eval-data" / "basil" / "articles"


def _code_key() -> str:
    """A short hash of the analysis code and records, so a changed analyser gets a new cache."""
    package = Path(rashomon.__file__).parent
    digest = hashlib.sha1()
    for path in sorted(
        [*(package / "analyze").glob("*.py"), package / "records.py", package / "nlp.py"]
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


CACHE = Path(tempfile.gettempdir()) / f"rashomon_basil_{_code_key()}"
OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


def triples() -> dict[str, list[Article]]:
    """BASIL articles as Article records, grouped by event (triplet)."""
    by: dict[str, list[Article]] = {}
    for path in sorted(ROOT.glob("*/*.json")):
        data = json.loads(path.read_text())
        source = data["source"].lower()
        paragraphs = [" ".join(p) for p in data["body-paragraphs"]]
        article = Article(
            id=f"{data['triplet-uuid'][:8]}-{source}",
            outlet=OUTLETS.get(source, source),
            text="\n\n".join(paragraphs),
            title=data.get("title", ""),
            url=data.get("url", ""),
            published=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        )
        by.setdefault(data["triplet-uuid"], []).append(article)
    return by


def analysed(articles: Sequence[Article]) -> list[AnalyzedArticle]:
    CACHE.mkdir(parents=True, exist_ok=True)
    out = []
    for article in articles:
        path = CACHE / f"{article.id}.json"
        if path.exists():
            out.append(from_json(AnalyzedArticle, json.loads(path.read_text())))
            continue
        result = analyze_article(article)
        path.write_text(json.dumps(to_json(result)))
        out.append(result)
    return out


def facts_and_conflicts(analyzed: Sequence[AnalyzedArticle]) -> Comparison:
    """The facts (with differences) and conflicts of a comparison, as compare_articles builds
    them, without the other views."""
    articles, _ = related.usable(analyzed, force=True)
    facts = [
        replace(f, differences=tuple(differences.differences(f, articles)))
        for f in align.align(articles)
    ]
    found = conflicts.find_conflicts(facts, articles)
    return Comparison((), tuple(facts), tuple(found), (), (), (), (), (), ())


def run(limit: int | None, full: bool) -> list[tuple[list[AnalyzedArticle], Comparison, float]]:
    results = []
    for articles in list(triples().values())[:limit]:
        analyzed = analysed(articles)
        started = time.perf_counter()
        if full:
            comparison = compare_articles(analyzed, force=True)
        else:
            comparison = facts_and_conflicts(analyzed)
        results.append((analyzed, comparison, time.perf_counter() - started))
    return results


def report(results: Sequence[tuple[list[AnalyzedArticle], Comparison, float]]) -> None:
    facts = [len(c.facts) for _, c, _ in results]
    agreed = [sum(f.status == "agreed" for f in c.facts) for _, c, _ in results]
    similar = [sum(f.status == "similar" for f in c.facts) for _, c, _ in results]
    three = [sum(len(f.outlets) == 3 for f in c.facts) for _, c, _ in results]
    conflicts = [len(c.conflicts) for _, c, _ in results]
    diffs = [sum(len(f.differences) for f in c.facts) for _, c, _ in results]
    claims = [sum(len(a.claims) for a in an) for an, _, _ in results]
    kinds: dict[str, int] = {}
    for _, c, _ in results:
        for k in c.conflicts:
            kinds[k.kind] = kinds.get(k.kind, 0) + 1
    n = sum(facts)
    print(f"| triples | {len(results)} |\n|---|---|")
    print(f"| claims per triple (mean) | {statistics.mean(claims):.1f} |")
    print(f"| facts per triple (mean / median) | {statistics.mean(facts):.1f} / "
          f"{statistics.median(facts):.0f} |")  # fmt: skip
    print(f"| agreed facts | {sum(agreed) / n:.1%} (all three outlets: {sum(three) / n:.1%}) |")
    print(f"| similar facts (one outlet, a close claim elsewhere) | {sum(similar) / n:.1%} |")
    print(f"| exclusive facts | {1 - (sum(agreed) + sum(similar)) / n:.1%} |")
    print(f"| differences per agreed fact | {sum(diffs) / max(sum(agreed), 1):.2f} |")
    print(f"| conflicts flagged | {sum(conflicts)} in {sum(c > 0 for c in conflicts)} triples "
          f"({kinds}) |")  # fmt: skip
    sources = sum(
        k.a.speaker is not None and k.b.speaker is not None and k.a.speaker != k.b.speaker
        for _, c, _ in results
        for k in c.conflicts
    )
    print(f"| of which between two differently named sources | {sources} |")
    seconds = [t for *_, t in results]
    print(f"| compare time per triple (median / mean / max, warm) | "
          f"{statistics.median(seconds):.2f} / {statistics.mean(seconds):.2f} / "
          f"{max(seconds):.2f} s |")  # fmt: skip


def sample(
    results: Sequence[tuple[list[AnalyzedArticle], Comparison, float]], k: int, seed: int = 0
) -> str:
    """A seeded sample of conflicts, differences, exclusive, similar and agreed facts, with
    context to judge them by hand: every claim with its article, and for a fact of one outlet
    the nearest claims of each other article with their cosine."""
    conflicts = [(an, c, k_) for an, c, _ in results for k_ in c.conflicts]
    agreed = [(an, c, f) for an, c, _ in results for f in c.facts if f.status == "agreed"]
    lines = [f"# Conflicts ({len(conflicts)})"]
    draw = random.Random(13 + seed).sample(conflicts, min(k, len(conflicts)))
    for n, (_, _, k_) in enumerate(draw, 1):
        lines.append(f"\n## C{n} [{k_.kind}, {k_.confidence:.2f}] {k_.explanation}")
        lines += [f"- A ({k_.a.article}, {k_.a.speaker}): {k_.a.text}"]
        lines += [f"- B ({k_.b.article}, {k_.b.speaker}): {k_.b.text}"]
    diffs = [(f, d) for _, c, _ in results for f in c.facts for d in f.differences]
    lines.append(f"\n# Differences ({len(diffs)})")
    for n, (f, d) in enumerate(random.Random(17 + seed).sample(diffs, min(k, len(diffs))), 1):
        lines.append(f"\n## D{n} [{d.kind}] {d.explanation}")
        lines += [f"- {c.article}: {c.text}" for c in f.claims]
    for status, mark, salt in (("exclusive", "X", 31), ("similar", "S", 37)):
        facts = [(an, f) for an, c, _ in results for f in c.facts if f.status == status]
        lines.append(f"\n# {status.capitalize()} facts ({len(facts)})")
        draw_ = random.Random(salt + seed).sample(facts, min(k, len(facts)))
        for n, (an, f) in enumerate(draw_, 1):
            lines += [f"\n## {mark}{n} only in {f.outlets[0]}: {f.label}"]
            lines += [f"- claim ({c.article}, {c.speaker}): {c.text}" for c in f.claims]
            lines += [f"- close in {c.article}: {c.text}" for c in f.nearest]
            lines += [f"- nearest in {o}: {t} ({s:.2f})" for o, t, s in _nearest(f, an)]
    lines.append(f"\n# Agreed facts ({len(agreed)})")
    m = max(1, 2 * k // 3)
    for n, (_, _, f) in enumerate(random.Random(41 + seed).sample(agreed, min(m, len(agreed))), 1):
        vectors = embed([c.text for c in f.claims])
        low = float((vectors @ vectors.T).min())
        lines += [f"\n## A{n} {'/'.join(f.outlets)} (lowest cosine {low:.2f}): {f.label}"]
        lines += [f"- {c.article} ({c.speaker}): {c.text}" for c in f.claims]
    return "\n".join(lines)


def _nearest(
    fact: Fact, analyzed: Sequence[AnalyzedArticle], top: int = 3
) -> list[tuple[str, str, float]]:
    """The ``top`` most similar claims of each other article, to check the fact is really
    missing there."""
    out = []
    label = embed([fact.label])[0]
    for a in analyzed:
        if a.article.outlet in fact.outlets or not a.claims:
            continue
        vectors = embed([c.text for c in a.claims])
        scores = vectors @ label
        for best in np.argsort(-scores)[:top]:
            out.append((a.article.id, a.claims[int(best)].text, float(scores[int(best)])))
    return out


def counts(results: Sequence[tuple[list[AnalyzedArticle], Comparison, float]], k: int) -> str:
    """A seeded sample of counts with their predicates and sentences, to judge by hand."""
    pool = [(a, q) for an, _, _ in results for a in an for q in a.quantities if q.kind == "count"]
    lines = [f"{len(pool)} counts; predicate classes: "
             f"{sum(bool(q.predicate) for _, q in pool)} with a predicate"]  # fmt: skip
    for n, (a, q) in enumerate(random.Random(7).sample(pool, min(k, len(pool))), 1):
        claim = next((c for c in a.claims if c.start <= q.start < c.end), None)
        context = claim.text if claim else a.article.text[max(0, q.start - 80) : q.end + 80]
        lines.append(f"{n}. {q.text!r} unit={q.unit!r} predicate={q.predicate!r} || {context}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="only the first N triples")
    parser.add_argument("--sample", type=int, default=0, help="write a hand-check sample of N")
    parser.add_argument("--full", action="store_true", help="the whole compare_articles")
    parser.add_argument("--counts", type=int, default=0, help="write N counts to judge")
    parser.add_argument("--seed", type=int, default=0, help="added to the sample seeds")
    parser.add_argument("--out", default=str(CACHE / "sample.md"))
    a = parser.parse_args()
    results = run(a.limit, a.full)
    report(results)
    print(f"analyses cached in {CACHE}")
    if a.counts:
        Path(a.out).with_name("counts.md").write_text(counts(results, a.counts))
        print(f"counts written to {Path(a.out).with_name('counts.md')}")
    if a.sample:
        Path(a.out).write_text(sample(results, a.sample, a.seed))
        print(f"sample written to {a.out}")


if __name__ == "__main__":
    main()
