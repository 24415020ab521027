"""Ingest quality on real English news (measuring only; nothing here is shipped).

    python benchmarks/eval_ingest.py [--split test] [--dump DIR]

1. language check: English articles wrongly refused (PolNeAR all splits, BASIL, ECB+);
2. prose kept: share of the source's words that reach title/dateline/byline/text, and the
   lines dropped as furniture (``--dump`` writes them for inspection);
3. glued sentences: remove the space after sentence ends, repair, count what comes back;
4. datelines found in BASIL and PolNeAR openings (``--dump`` writes them for inspection);
5. speed of ``read()`` on the PolNeAR text files.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from rashomon.errors import LanguageError
from rashomon.ingest import read
from rashomon.ingest.article import Context, Draft, finish
from rashomon.ingest.detect import check_english
from rashomon.ingest.repair import byline_of, is_furniture, join_wrapped, repair, unglue
from rashomon.ingest.text import read_text

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval-data"
WORD = re.compile(r"[A-Za-z0-9]+")
# a space after a sentence end, before a capitalised word: what a crawler may lose
BOUNDARY = re.compile(r"(?<=[a-z0-9”’)])([.!?][”’]?) (?=[“‘]?[A-Z][a-z])")
ANY_STOP = re.compile(r"(?<=\S)([.!?][”’]?) (?=[“‘]?[A-Z])")


def polnear(split: str) -> list[Path]:
    return sorted((SHARED / "polnear" / split / "text").glob("*.txt"))


def basil() -> Iterator[tuple[str, str]]:
    """(title, body) of the 300 BASIL articles, paragraphs separated by blank lines."""
    for path in sorted((SHARED / "basil" / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = record["body-paragraphs"]
        if isinstance(paragraphs, str):
            paragraphs = ast.literal_eval(paragraphs)
        yield record["title"], "\n\n".join(" ".join(p) for p in paragraphs)


def ecbplus() -> Iterator[str]:
    for path in sorted((SHARED / "ecbplus" / "ECB+").glob("*/*.xml")):
        tokens = [t.text or "" for t in ET.parse(path).getroot().iter("token")]
        yield " ".join(tokens)


# ----------------------------------------------------------------------------- 1. language


def language(split_files: list[Path]) -> list[tuple[str, int, int]]:
    rows = []
    corpora = {
        "PolNeAR train+dev+test": (p.read_text(encoding="utf-8") for p in split_files),
        "BASIL (300)": (body for _, body in basil()),
        "ECB+ (982)": ecbplus(),
    }
    for name, texts in corpora.items():
        total = refused = 0
        for text in texts:
            total += 1
            try:
                check_english(text, name)
            except LanguageError:
                refused += 1
        rows.append((name, total, refused))
    return rows


# ----------------------------------------------------------------------------- 2. prose kept


def kept_share(texts: list[tuple[str, str]], dump: list[str]) -> tuple[int, int, int, int]:
    """(source words, kept words, lines, lines dropped) over ``(raw text, name)`` pairs."""
    source = kept = lines = dropped = 0
    for raw, name in texts:
        article = finish(read_text(raw, name), Context())
        shown = " ".join((article.title, article.dateline, article.byline, article.text))
        source += len(WORD.findall(raw))
        kept += min(len(WORD.findall(shown)), len(WORD.findall(raw)))
        for block in re.split(r"\n\s*\n", repair(raw)):
            for line in join_wrapped([line for line in block.split("\n") if line]):
                lines += 1
                if byline_of(line) or is_furniture(line):
                    dropped += 1
                    dump.append(f"{name}\t{line}")
    return source, kept, lines, dropped


# ----------------------------------------------------------------------------- 3. glued


def glue_scores(texts: list[str], boundary: re.Pattern[str]) -> tuple[int, int, int, int]:
    """(spaces removed, restored, insertions made, insertions made on the clean text)."""
    removed = restored = inserted = false_on_clean = 0
    for text in texts:
        glued, gaps = _glue(text, boundary)
        spaces = _insertions(glued, unglue(glued))
        removed += len(gaps)
        restored += len(gaps & spaces)
        inserted += len(spaces)
        false_on_clean += len(_insertions(text, unglue(text)))
    return removed, restored, inserted, false_on_clean


def _glue(text: str, boundary: re.Pattern[str]) -> tuple[str, set[int]]:
    """The text without the spaces after sentence ends, and where they were."""
    parts, gaps, last = [], set(), 0
    for match in boundary.finditer(text):
        parts.append(text[last : match.end(1)])
        gaps.add(match.end(1) - len(gaps))
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), gaps


def _insertions(before: str, after: str) -> set[int]:
    """Positions of ``before`` where ``after`` (``before`` plus spaces) has a new character."""
    found, i = set(), 0
    for char in after:
        if i < len(before) and before[i] == char:
            i += 1
        else:
            found.add(i)
    return found


# ----------------------------------------------------------------------------- 4. datelines


def datelines(openers: list[tuple[str, str]], dump: list[str]) -> tuple[int, int]:
    found = 0
    for name, raw in openers:
        article = finish(read_text(raw, name), Context())
        if article.dateline:
            found += 1
            dump.append(f"{name}\t{article.dateline}\t{article.text[:60]}")
    return len(openers), found


# ----------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test")
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    every = polnear("train") + polnear("dev") + polnear("test")
    files = polnear(args.split)
    texts = [(p.read_text(encoding="utf-8"), p.name) for p in files]
    basil_texts = [(f"{title}\n\n{body}", f"basil-{n}") for n, (title, body) in enumerate(basil())]
    dropped: list[str] = []
    found: list[str] = []

    print("## 1. English articles refused by the language check")
    print("| corpus | articles | refused |\n|---|---|---|")
    for name, total, refused in language(every):
        print(f"| {name} | {total} | {refused} |")

    print("\n## 2. Words of the source kept (title + dateline + byline + text)")
    print("| corpus | words | kept | lines | lines dropped |\n|---|---|---|---|---|")
    for name, corpus in ((f"PolNeAR {args.split}", texts), ("BASIL", basil_texts)):
        source, kept, lines, gone = kept_share(corpus, dropped)
        print(f"| {name} | {source} | {kept / source:.4f} | {lines} | {gone} |")

    print("\n## 3. Glued sentences repaired (PolNeAR split + BASIL bodies)")
    clean = [finish(Draft(text=raw, source=n), Context()).text for raw, n in texts + basil_texts]
    print("| spaces removed | removed | restored | recall | insertions | precision | "
          "insertions on clean text |\n|---|---|---|---|---|---|---|")  # fmt: skip
    for label, pattern in (
        ("after a lower-case letter/digit", BOUNDARY),
        ("every '. X'", ANY_STOP),
    ):
        removed, restored, inserted, false = glue_scores(clean, pattern)
        precision = restored / inserted if inserted else 1.0
        print(f"| {label} | {removed} | {restored} | {restored / removed:.3f} | {inserted} | "
              f"{precision:.3f} | {false} |")  # fmt: skip

    print("\n## 4. Datelines found in the first paragraph")
    basil_bodies = [(f"basil-{n}", body) for n, (_, body) in enumerate(basil())]
    polnear_bodies = [(name, raw) for raw, name in texts]
    print("| corpus | articles | dateline found |\n|---|---|---|")
    for name, openers in (("BASIL", basil_bodies), (f"PolNeAR {args.split}", polnear_bodies)):
        total, hits = datelines(openers, found)
        print(f"| {name} | {total} | {hits} |")

    print("\n## 5. Speed of read() on PolNeAR text files")
    read(str(files[0]))  # load the language model first
    start = time.perf_counter()
    words = sum(len(article.text.split()) for path in files for article in read(str(path)))
    seconds = time.perf_counter() - start
    print(f"{len(files)} files, {words} words in {seconds:.2f} s: "
          f"{len(files) / seconds:.0f} articles/s, {words / seconds:,.0f} words/s")  # fmt: skip

    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        (args.dump / "dropped_lines.tsv").write_text("\n".join(dropped) + "\n")
        (args.dump / "datelines.tsv").write_text("\n".join(found) + "\n")
        print(f"\nwrote {args.dump}/dropped_lines.tsv and datelines.tsv", file=sys.stderr)


if __name__ == "__main__":
    main()
