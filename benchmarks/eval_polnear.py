"""Score rashomon's attribution extractor on PolNeAR with the shared reference scorer.

    python benchmarks/eval_polnear.py --split test

Gold is read by ``polnear_score.load_gold`` (first annotator of multiply-annotated articles)
and scored by ``polnear_score.score_attributions``: content matched one-to-one by character
IoU at .3 and .8; source and cue accuracy over matched contents; triple F1.

PolNeAR marks a quotation broken by its frame ('"A," he said, "B."') as one content in two
fragments. rashomon keeps one content range per attribution, so the speaker and cue ranges
that fall inside it are cut out before scoring. Some train .ann files hold annotator notes
that span lines, which the shared reader cannot parse; those lines are dropped from a
temporary copy of the split (dev and test are read as they are).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rashomon.analyze import attribution
from rashomon.nlp import pipeline
from rashomon.records import Attribution

SHARED = Path(__file__).resolve().parents[2] / "shared"
BASELINES = [  # /work/shared/eval-tools/README.md, PolNeAR test split
    ("textacy direct_quotations", ".252 (.67/.16)", ".139", ".85", ".83", ""),
    ("textacy, per paragraph", ".316", ".179", ".92", ".89", ""),
    ("spaCy rules: speech verb + ccomp", ".544 (.73/.43)", ".382", ".87", ".93", ""),
    ("spaCy rules + quote handling", ".606 (.88/.46)", ".496", ".90", ".95", ""),
]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sys.path.insert(0, str(args.tools))
    import polnear_score

    texts, gold = _load_gold(polnear_score, args.data / args.split)
    docs, parse_seconds = _parse(texts, args.cache, args.split)
    started = time.perf_counter()
    found = {name: attribution.extract(doc) for name, doc in docs.items()}
    extract_seconds = time.perf_counter() - started
    preds = [_prediction(name, a) for name, items in found.items() for a in items]
    if args.dump:
        args.dump.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    results = polnear_score.score_attributions(gold, preds, (0.3, 0.8))
    print(f"PolNeAR {args.split}: {len(texts)} articles, {len(gold)} gold, {len(preds)} predicted")
    print(_table(results, args.split == "test"))
    per = 1000 / max(1, len(texts))
    print(f"\nspaCy parse {parse_seconds * per:.1f} ms/article (0 if cached); ", end="")
    print(f"attribution.extract {extract_seconds * per:.2f} ms/article")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--data", type=Path, default=SHARED / "eval-data" / "polnear")
    parser.add_argument("--tools", type=Path, default=SHARED / "eval-tools")
    parser.add_argument("--cache", type=Path, help="keep parsed articles in this folder")
    parser.add_argument("--dump", type=Path, help="write predictions JSONL here")
    return parser


def _load_gold(scorer: Any, split_dir: Path) -> tuple[dict[str, str], list[dict[str, Any]]]:
    try:
        return scorer.load_gold(str(split_dir))  # type: ignore[no-any-return]
    except IndexError:  # multi-line annotator notes in some train files
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / split_dir.name
            (copy / "attributions").mkdir(parents=True)
            os.symlink(split_dir / "text", copy / "text")
            shutil.copy(split_dir.parent / "metadata.tsv", Path(tmp) / "metadata.tsv")
            for ann in (split_dir / "attributions").glob("*.ann"):
                lines = ann.read_text(encoding="utf-8").splitlines(keepends=True)
                kept = [line for line in lines if "\t" in line]
                (copy / "attributions" / ann.name).write_text("".join(kept), encoding="utf-8")
            return scorer.load_gold(str(copy))  # type: ignore[no-any-return]


def _parse(texts: dict[str, str], cache: Path | None, split: str) -> tuple[dict[str, Any], float]:
    from spacy.tokens import DocBin

    nlp = pipeline()
    path = cache / f"polnear-{split}.spacy" if cache else None
    if path is not None and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        return dict(zip(texts, docs, strict=True)), 0.0
    started = time.perf_counter()
    docs = list(nlp.pipe(texts.values(), batch_size=16))
    seconds = time.perf_counter() - started
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
    return dict(zip(texts, docs, strict=True)), seconds


def _prediction(doc: str, a: Attribution) -> dict[str, Any]:
    source = _pair(a.speaker_start, a.speaker_end)
    cue = _pair(a.cue_start, a.cue_end)
    pieces = list(a.fragments) or [(a.content_start, a.content_end)]
    return {"doc": doc, "source": source, "cue": cue, "content": pieces}


def _pair(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


def _table(results: dict[float, dict[str, float]], with_baselines: bool) -> str:
    low, high = results[0.3], results[0.8]
    rows = [
        "| system | content F1 @IoU .3 (P/R) | @IoU .8 | source acc | cue acc | triple F1 @.3 |",
        "|---|---|---|---|---|---|",
    ]
    if with_baselines:
        rows += ["| " + " | ".join(row) + " |" for row in BASELINES]
    rows.append(
        f"| rashomon attribution | **{low['F1']:.3f}** ({low['P']:.2f}/{low['R']:.2f}) "
        f"| {high['F1']:.3f} ({high['P']:.2f}/{high['R']:.2f}) | {low['source_acc']:.3f} "
        f"| {low['cue_acc']:.3f} | {low['triple_F1']:.3f} |"
    )
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
