"""Draw "≈" counterparts from BASIL for a person to judge: are they the same fact?

    python benchmarks/sample_similar.py [--events 40] [--pairs 160] [--seed 2024] > pairs.md

For a seeded sample of BASIL events, every fact of one outlet that is shown with "≈" claims of
other outlets (status ``similar``) gives one pair per counterpart. The pairs are printed as
numbered Markdown items (outlet, speaker, claim), shuffled, with the aligner's signals for
each written to ``--signals FILE`` (JSON), so that a judge's labels can be set against them.
BASIL states no licence: the text is read from ../shared/eval-data/basil, never kept here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_basil

from rashomon.compare import align


def pairs(events: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for _, articles in rng.sample(sorted(eval_basil.triples().items()), events):
        analyzed = eval_basil.analysed(articles)
        features = align.pair_features(analyzed)
        items, scores = align.pair_scores(analyzed, features=features)
        table = features[1]
        index = {(u.claim.article, u.claim.id): i for i, u in enumerate(items)}
        for fact in align.align(analyzed, features=features):
            if fact.status != "similar":
                continue
            members = [index[(c.article, c.claim)] for c in fact.claims]
            for near in fact.nearest:
                j = index[(near.article, near.claim)]
                i = max(members, key=lambda m: table[m, j, 0])
                rows.append(_row(analyzed, items[i], items[j], table[i, j], float(scores[i, j])))
    rng.shuffle(rows)
    return rows


def _row(analyzed, a, b, signals, score: float) -> dict[str, object]:  # type: ignore[no-untyped-def]
    def side(unit):  # type: ignore[no-untyped-def]
        return {
            "outlet": analyzed[unit.article].article.outlet,
            "text": unit.claim.text,
            "speaker": unit.claim.speaker,
        }

    named = dict(zip(align.FEATURES, (float(v) for v in signals), strict=True))
    return {"a": side(a), "b": side(b), "score": score, **named}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=40)
    parser.add_argument("--pairs", type=int, default=160)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--signals", type=Path, default=Path("similar_signals.json"))
    args = parser.parse_args()
    rows = pairs(args.events, args.seed)[: args.pairs]
    args.signals.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    for n, row in enumerate(rows, 1):
        print(f"## {n}")
        for key in ("a", "b"):
            side = row[key]
            assert isinstance(side, dict)
            who = f" — speaker: {side['speaker']}" if side["speaker"] else ""
            print(f"{key.upper()}. {side['outlet']}{who}: {side['text']}")
        print()


if __name__ == "__main__":
    main()
