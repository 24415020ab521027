"""Time expressions and quantities on external data.

    python benchmarks/eval_timex.py ecbplus [--split test]    # detection on ECB+ TIME_* mentions
    python benchmarks/eval_timex.py resolve [-n 60 --seed 1]  # PolNeAR test dates, to judge
    python benchmarks/eval_timex.py quantities [-n 50]        # PolNeAR test numbers, to judge

ECB+ (CC BY 3.0) annotates time mentions (TIME_DATE, TIME_OF_THE_DAY, TIME_DURATION,
TIME_REPETITION) in its annotated sentences. Its text is tokenized, so the script joins the
tokens back into plain text, runs spaCy once per document, and scores the mentions of
``timex.extract`` and, as the baseline, spaCy's DATE/TIME entities, against the gold mentions
by token overlap: a found mention is right when it shares a token with a gold one, and a gold
mention is found when some found mention shares a token with it. Token-level P/R/F1 is also
printed. The two sampling commands print expressions with their context and publication date
for a person to judge; the judgements are in docs/quality.md.
"""

from __future__ import annotations

import argparse
import csv
import glob
import os
import random
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(SHARED / "eval-tools"))

import ecbplus_data  # noqa: E402

from rashomon.records import TimeExpression  # noqa: E402

NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "'s", "n't", "%", "'", "’s", "'re", "'ve"}
NO_SPACE_AFTER = {"(", "$", "#"}


@dataclass
class GoldDoc:
    doc_id: str
    text: str
    spans: list[tuple[int, int]]  # character span of every token
    scored: set[int]  # indices of tokens in annotated sentences
    gold: list[tuple[str, set[int]]]  # (TIME_* type, token indices)


# --------------------------------------------------------------------------- ECB+


def join_tokens(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Plain text from ECB+ tokens ("5 : 46 PM" → "5:46 PM"), with each token's span."""
    out, spans = "", []
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        glue = (
            not out
            or (tok in NO_SPACE_BEFORE and not (tok == "'" and nxt[:1].isalpha()))
            or prev in NO_SPACE_AFTER
            or (tok == "-" and prev[-1:].isalnum() and nxt[:1].isalnum())
            or (prev == "-" and out[-2:-1].isalnum())
            or (prev == ":" and tok[:1].isdigit() and out[-2:-1].isdigit())
            or (prev == "." and len(tok) == 1 and tok.isalpha() and out[-2:-1].isalpha())
        )
        if out and not glue:
            out += " "
        spans.append((len(out), len(out) + len(tok)))
        out += tok
    return out, spans


def read_ecbplus(split: str) -> list[GoldDoc]:
    root = ecbplus_data.DEFAULT_ROOT
    annotated: set[tuple[str, int]] = set()
    with open(os.path.join(root, "ECBplus_coreference_sentences.csv"), newline="") as f:
        for row in csv.DictReader(f):
            doc_id = f"{row['Topic'].strip()}_{row['File'].strip()}"
            annotated.add((doc_id, int(row["Sentence Number"].strip())))
    docs = []
    for path in sorted(glob.glob(os.path.join(root, "ECB+", "*", "*.xml"))):
        stem = os.path.basename(path)[:-4]
        if ecbplus_data.split_of(int(stem.split("_")[0])) == split:
            docs.append(_gold_doc(path, stem, annotated))
    return docs


def _gold_doc(path: str, stem: str, annotated: set[tuple[str, int]]) -> GoldDoc:
    tree = ET.parse(path).getroot()
    ids, tokens, sentences = [], [], []
    for t in tree.iter("token"):
        sentence = int(t.get("sentence", "0"))
        if stem.endswith("ecbplus") and sentence == 0:
            continue  # the source URL
        ids.append(t.get("t_id"))
        tokens.append(t.text or "")
        sentences.append(sentence)
    text, spans = _text_by_sentence(tokens, sentences)
    index = {t_id: n for n, t_id in enumerate(ids)}
    scored = {n for n, s in enumerate(sentences) if (stem, s) in annotated}
    gold = []
    markables = tree.find("Markables")
    for m in markables if markables is not None else []:
        anchors = {
            index[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in index
        }
        if m.tag.startswith("TIME_") and anchors and anchors <= scored:
            gold.append((m.tag, anchors))
    return GoldDoc(stem, text, spans, scored, gold)


def _text_by_sentence(
    tokens: Sequence[str], sentences: Sequence[int]
) -> tuple[str, list[tuple[int, int]]]:
    text, spans, start = "", [], 0
    while start < len(tokens):
        end = start
        while end < len(tokens) and sentences[end] == sentences[start]:
            end += 1
        part, part_spans = join_tokens(tokens[start:end])
        offset = len(text) + (1 if text else 0)
        text = f"{text}\n{part}" if text else part
        spans += [(a + offset, b + offset) for a, b in part_spans]
        start = end
    return text, spans


def token_set(doc: GoldDoc, start: int, end: int) -> set[int]:
    return {n for n, (a, b) in enumerate(doc.spans) if a < end and start < b and n in doc.scored}


def score(docs: Sequence[GoldDoc], found: Sequence[Sequence[set[int]]]) -> dict[str, float]:
    tp_found = n_found = tp_gold = n_gold = 0
    tok_tp = tok_found = tok_gold = 0
    for doc, mentions in zip(docs, found, strict=True):
        mentions = [m for m in mentions if m]
        gold = [g for _, g in doc.gold]
        n_found += len(mentions)
        n_gold += len(gold)
        tp_found += sum(any(m & g for g in gold) for m in mentions)
        tp_gold += sum(any(m & g for m in mentions) for g in gold)
        found_tokens, gold_tokens = set().union(*mentions), set().union(*gold)
        tok_tp += len(found_tokens & gold_tokens)
        tok_found += len(found_tokens)
        tok_gold += len(gold_tokens)
    p, r = tp_found / max(n_found, 1), tp_gold / max(n_gold, 1)
    tp, tr = tok_tp / max(tok_found, 1), tok_tp / max(tok_gold, 1)
    return {
        "found": n_found, "gold": n_gold, "P": p, "R": r, "F1": _f1(p, r),
        "tok P": tp, "tok R": tr, "tok F1": _f1(tp, tr),
    }  # fmt: skip


def recall_by_type(docs: Sequence[GoldDoc], found: Sequence[Sequence[set[int]]]) -> dict[str, str]:
    hits, totals = Counter[str](), Counter[str]()
    for doc, mentions in zip(docs, found, strict=True):
        for kind, g in doc.gold:
            totals[kind] += 1
            hits[kind] += any(m & g for m in mentions)
    return {k: f"{hits[k] / totals[k]:.3f} ({totals[k]})" for k in sorted(totals)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run_ecbplus(split: str, show_errors: int) -> None:
    from rashomon.analyze import timex
    from rashomon.nlp import pipeline

    docs = read_ecbplus(split)
    parsed = list(pipeline().pipe(d.text for d in docs))
    ours = [
        [token_set(d, t.start, t.end) for t in timex.extract(p, None)]
        for d, p in zip(docs, parsed, strict=True)
    ]
    spacy_only = [
        [token_set(d, e.start_char, e.end_char) for e in p.ents if e.label_ in {"DATE", "TIME"}]
        for d, p in zip(docs, parsed, strict=True)
    ]
    gold = sum(len(d.gold) for d in docs)
    print(f"ECB+ {split}: {len(docs)} documents, {gold} gold TIME_* mentions")
    header = ["system", "found", "P", "R", "F1", "tok P", "tok R", "tok F1"]
    print(" | ".join(header))
    for name, found in (("spaCy DATE/TIME entities", spacy_only), ("rashomon timex", ours)):
        s = score(docs, found)
        print(" | ".join([name, str(s["found"])] + [f"{s[k]:.3f}" for k in header[2:]]))
    for name, found in (("spaCy", spacy_only), ("timex", ours)):
        print(f"recall by type, {name}: {recall_by_type(docs, found)}")
    if show_errors:
        _show_errors(docs, ours, show_errors)


def _show_errors(docs: Sequence[GoldDoc], found: Sequence[Sequence[set[int]]], limit: int) -> None:
    missed, extra = Counter[str](), Counter[str]()
    for doc, mentions in zip(docs, found, strict=True):
        words = [doc.text[a:b] for a, b in doc.spans]
        for kind, g in doc.gold:
            if not any(m & g for m in mentions):
                missed[f"{kind}: {' '.join(words[i] for i in sorted(g))}"] += 1
        for m in mentions:
            if m and not any(m & g for _, g in doc.gold):
                extra[" ".join(words[i] for i in sorted(m))] += 1
    print("missed:", missed.most_common(limit))
    print("extra:", extra.most_common(limit))


# --------------------------------------------------------------------------- PolNeAR samples


def polnear(split: str) -> Iterator[tuple[str, date, str]]:
    root = SHARED / "eval-data" / "polnear"
    with open(root / "metadata.tsv", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["compartment"] == split]
    for row in rows:
        path = root / split / "text" / f"{row['filename']}.txt"
        if path.exists():
            yield row["filename"], date.fromisoformat(row["publication_date"]), path.read_text()


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[[{text[start:end]}]]{right}…"


def run_resolve(split: str, n: int, seed: int, dump: str = "") -> None:
    from rashomon.analyze import timex
    from rashomon.nlp import pipeline

    pool = []
    for name, published, text in polnear(split):
        for t in timex.extract(pipeline()(text), published):
            pool.append((name, published, text, t))
    resolved = sum(1 for *_, t in pool if t.date)
    print(f"{len(pool)} expressions in PolNeAR {split}; {resolved} resolved")
    if dump:
        _dump(dump, pool)
        return
    for k, (name, published, text, t) in enumerate(random.Random(seed).sample(pool, n), 1):
        print(f"\n{k}. {name} (published {published}, {published:%A})")
        print(f"   {t.text!r} -> {t.date} {t.granularity} {t.anchor}")
        print(textwrap.indent(textwrap.fill(_context(text, t.start, t.end), 100), "   "))


def _dump(path: str, pool: Sequence[tuple[str, date, str, TimeExpression]]) -> None:
    """Every resolution, one per line, to diff two versions of the resolver and judge the
    lines that changed."""
    with open(path, "w", encoding="utf-8") as f:
        for name, published, text, t in pool:
            f.write(
                f"{name}\t{published:%Y-%m-%d %a}\t{t.start}\t{t.text!r}\t{t.date}"
                f"\t{t.granularity}\t{_context(text, t.start, t.end, 60)}\n"
            )


def run_quantities(split: str, n: int, seed: int) -> None:
    from rashomon.analyze import quantities
    from rashomon.nlp import pipeline

    pool = []
    for name, _, text in polnear(split):
        for q in quantities.extract(pipeline()(text)):
            pool.append((name, text, q))
    print(f"{len(pool)} quantities in PolNeAR {split}")
    for k, (name, text, q) in enumerate(random.Random(seed).sample(pool, n), 1):
        print(f"\n{k}. {name}: {q.text!r} value={q.value:g} unit={q.unit!r} {q.kind} {q.bound}")
        print(textwrap.indent(textwrap.fill(_context(text, q.start, q.end), 100), "   "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("task", choices=["ecbplus", "resolve", "quantities"])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--errors", type=int, default=0, help="show the N commonest misses")
    parser.add_argument("-n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dump", default="", help="resolve: write every resolution to FILE")
    args = parser.parse_args()
    if args.task == "ecbplus":
        run_ecbplus(args.split, args.errors)
    elif args.task == "resolve":
        run_resolve(args.split, args.n, args.seed, args.dump)
    else:
        run_quantities(args.split, args.n, args.seed)


if __name__ == "__main__":
    main()
