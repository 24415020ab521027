"""Entity coreference on ECB+: in one document and across documents.

Gold: the HUMAN_PART_*, LOC_* and NON_HUMAN_PART* mentions of the annotated sentences
(ECBplus_coreference_sentences.csv). Mentions in one CROSS_DOC_COREF chain share its instance id;
an INTRA_DOC_COREF chain without one is a chain of its own document; any other mention is a
singleton. Documents are rebuilt as text from their tokens (space-separated, one sentence a line).

Protocol. A gold mention is *covered* when some mention rashomon outputs contains the gold
mention's head word (spaCy's root of the gold span); it takes the entity of the shortest such
mention (after a leading preposition or article). ``Obama`` does not cover the gold ``Obama
administration``. B³ (``cluster_pair_scorers.score_clustering``) is computed over:
  covered  the covered gold mentions only: how well what we find is grouped;
  all      every gold mention, uncovered ones as singletons: what a reader gets.
In-document scoring keys both gold and predicted labels by document. Cross-document linking runs
``rashomon.compare.entities.link`` on all documents of a gold topic (both of its events) or of a
gold subtopic (one event: what a story comparison sees). The baseline gives every gold mention the
lemma of its spaCy head word, grouped by document / topic / subtopic, on the same items.

    python benchmarks/eval_entities.py --split test      # topics 36-45
    python benchmarks/eval_entities.py --split dev
    python benchmarks/eval_entities.py --basil           # speakers of BASIL quotes

BASIL (research use only, nothing of it is shipped) marks quotes with the speaker's name. For each
quote whose speaker label is a person's name (``Donald_Trump``; not ``other_anti`` or groups), we
take rashomon's attribution whose content overlaps the quote most and check the label's surname
against (a) the raw speaker span the attribution found, (b) a baseline that replaces a pronoun
span by the nearest PERSON named before it, and (c) the entity ``resolve_speaker`` maps the span
to (its name and aliases).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rashomon.analyze import attribution
from rashomon.analyze.entities import extract, resolve_speaker
from rashomon.compare.entities import link
from rashomon.nlp import pipeline
from rashomon.records import AnalyzedArticle, Article, Attribution, Entity, GenreCall

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SHARED = Path(__file__).resolve().parents[2] / "shared"
ECB = SHARED / "eval-data" / "ecbplus"
sys.path.insert(0, str(SHARED / "eval-tools"))
from cluster_pair_scorers import score_clustering  # noqa: E402
from ecbplus_data import split_of  # noqa: E402

ENTITY_TAGS = ("HUMAN_PART", "LOC", "NON_HUMAN_PART")


@dataclass(frozen=True)
class GoldMention:
    doc: str
    mid: str
    start: int
    end: int
    label: str
    tag: str


@dataclass
class EcbDoc:
    doc_id: str
    topic: int
    subtopic: str
    text: str
    gold: list[GoldMention]


def annotated_sentences() -> set[tuple[str, int]]:
    with open(ECB / "ECBplus_coreference_sentences.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {(f"{r['Topic'].strip()}_{r['File'].strip()}", int(r["Sentence Number"])) for r in rows}


def read_doc(path: Path, annotated: set[tuple[str, int]]) -> EcbDoc:
    """Text from tokens (char offsets kept per token) and the gold entity mentions."""
    stem = path.stem
    plus = stem.endswith("ecbplus")
    root = ET.parse(path).getroot()
    spans: dict[str, tuple[int, int, int]] = {}
    lines: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        if not (plus and sent == 0):
            lines[sent].append(tok.text or "")
            spans[tok.get("t_id", "")] = (sent, len(lines[sent]) - 1, len(tok.text or ""))
    offsets, text = _layout(lines)
    mentions = _mentions(root)
    labels = _labels(root, stem)
    gold = []
    for mid, (tag, anchors) in mentions.items():
        if not all(a in spans for a in anchors) or (stem, spans[anchors[0]][0]) not in annotated:
            continue
        start = min(offsets[spans[a][:2]] for a in anchors)
        end = max(offsets[spans[a][:2]] + spans[a][2] for a in anchors)
        gold.append(GoldMention(stem, mid, start, end, labels.get(mid, ""), tag))
    topic = int(stem.split("_")[0])
    half = "ecbplus" if plus else "ecb"
    return EcbDoc(stem, topic, f"{topic}_{half}", text, gold)


def _layout(lines: dict[int, list[str]]) -> tuple[dict[tuple[int, int], int], str]:
    offsets: dict[tuple[int, int], int] = {}
    parts, at = [], 0
    for sent in sorted(lines):
        for i, word in enumerate(lines[sent]):
            offsets[(sent, i)] = at
            at += len(word) + 1
        parts.append(" ".join(lines[sent]))
    return offsets, "\n".join(parts)


def _children(root: ET.Element, tag: str) -> list[ET.Element]:
    found = root.find(tag)
    return list(found) if found is not None else []


def _mentions(root: ET.Element) -> dict[str, tuple[str, list[str]]]:
    out = {}
    for m in _children(root, "Markables"):
        anchors = [a.get("t_id", "") for a in m.findall("token_anchor")]
        if anchors and m.tag.startswith(ENTITY_TAGS):
            out[m.get("m_id", "")] = (m.tag, anchors)
    return out


def _labels(root: ET.Element, stem: str) -> dict[str, str]:
    """m_id -> gold chain: the cross-document instance id, else an in-document chain."""
    out: dict[str, str] = {}
    for rel in _children(root, "Relations"):
        for src in rel.findall("source"):
            mid = src.get("m_id", "")
            if rel.tag == "CROSS_DOC_COREF":
                out[mid] = rel.get("note", "")
            elif rel.tag == "INTRA_DOC_COREF":
                out.setdefault(mid, f"intra:{stem}:{rel.get('r_id')}")
    return out


def load(split: str) -> list[EcbDoc]:
    annotated = annotated_sentences()
    paths = sorted((ECB / "ECB+").glob("*/*.xml"))
    docs = [read_doc(p, annotated) for p in paths if split_of(int(p.parent.name)) == split]
    return [d for d in docs if d.gold]


# --------------------------------------------------------------------------- alignment


def gold_label(m: GoldMention) -> str:
    return m.label or f"single:{m.doc}:{m.mid}"


def heads(parsed: Doc, gold: Iterable[GoldMention]) -> dict[str, Token]:
    """Gold m_id -> the spaCy head word of the gold mention."""
    out = {}
    for g in gold:
        span = parsed.char_span(g.start, g.end, alignment_mode="expand")
        while span is not None and len(span) > 1 and span[0].pos_ in {"ADP", "DET", "PUNCT"}:
            span = span[1:]  # "in Queens" -> "Queens"
        if span is not None:
            out[g.mid] = span.root
    return out


def align(head_of: dict[str, Token], entities: Iterable[Entity]) -> dict[str, str]:
    """Gold m_id -> entity id of the shortest system mention that covers the gold head word."""
    spans = sorted((m.end - m.start, m.start, m.end, e.id) for e in entities for m in e.mentions)
    out = {}
    for mid, head in head_of.items():
        at, end = head.idx, head.idx + len(head)
        found = next((ident for _, s, e, ident in spans if s <= at and end <= e), None)
        if found:
            out[mid] = found
    return out


# --------------------------------------------------------------------------- scoring


def score(gold: dict[str, str], pred: dict[str, str], covered: set[str]) -> tuple[dict, dict]:
    on_covered = score_clustering({k: gold[k] for k in covered}, pred)
    return on_covered, score_clustering(gold, pred)


def row(name: str, scores: tuple[dict, dict], coverage: float) -> str:
    cov, full = scores
    cells = [f"{cov['b3_p']:.3f}", f"{cov['b3_r']:.3f}", f"**{cov['b3_f1']:.3f}**"]
    cells += [f"{full['b3_p']:.3f}", f"{full['b3_r']:.3f}", f"{full['b3_f1']:.3f}"]
    return f"| {name} | {coverage:.3f} | " + " | ".join(cells) + " |"


def analysed(doc: EcbDoc, entities: list[Entity]) -> AnalyzedArticle:
    genre = GenreCall("report", 0.0, 0.0, 0.0, 0.0, 0.0)
    article = Article(id=doc.doc_id, outlet=doc.doc_id, text=doc.text)
    return AnalyzedArticle(article, (), (), tuple(entities), (), (), genre)


def cross_labels(
    docs: list[EcbDoc], results: dict[str, list[Entity]], group: Callable[[EcbDoc], str]
) -> dict[str, str]:
    """In-document entity key ``doc/eN`` -> cross-document id, linking within each group."""
    by_group: dict[str, list[EcbDoc]] = defaultdict(list)
    for d in docs:
        by_group[group(d)].append(d)
    out = {}
    for name, members in by_group.items():
        for cross in link([analysed(d, results[d.doc_id]) for d in members]):
            for m in cross.mentions:
                out[f"{m.article}/{m.entity}"] = f"{name}:{cross.id}"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--basil", action="store_true", help="score speakers of BASIL quotes")
    args = parser.parse_args()
    if args.basil:
        basil_speakers()
        return
    started = time.perf_counter()
    docs = load(args.split)
    nlp = pipeline()
    results: dict[str, list[Entity]] = {}
    aligned: dict[str, str] = {}  # item -> doc/eN
    lemmas: dict[str, str] = {}
    gold: dict[str, str] = {}
    tags: dict[str, str] = {}
    for d in docs:
        parsed = nlp(d.text)
        results[d.doc_id] = extract(parsed)
        head_of = heads(parsed, d.gold)
        for mid, ident in align(head_of, results[d.doc_id]).items():
            aligned[f"{d.doc_id}:{mid}"] = f"{d.doc_id}/{ident}"
        for mid, head in head_of.items():
            lemmas[f"{d.doc_id}:{mid}"] = head.lemma_.lower()
        for g in d.gold:
            gold[f"{g.doc}:{g.mid}"] = gold_label(g)
            tags[f"{g.doc}:{g.mid}"] = g.tag
    covered = set(aligned)
    coverage = len(covered) / len(gold)
    doc_of = {item: item.split(":")[0] for item in gold}
    meta = {d.doc_id: d for d in docs}

    def scoped(labels: dict[str, str], scope: Callable[[str], str]) -> dict[str, str]:
        return {k: f"{scope(k)}|{v}" for k, v in labels.items()}

    in_doc_gold = scoped(gold, lambda k: doc_of[k])
    print(f"ECB+ {args.split}: {len(docs)} docs, {len(gold)} gold entity mentions")
    print("coverage by type:", _coverage_by_type(tags, covered))
    print()
    print("| task | system | coverage | B³ P | B³ R | B³ F1 (covered) | P | R | F1 (all) |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("| in-document |" + row("rashomon", score(in_doc_gold, aligned, covered), coverage)[1:])
    print(
        "| in-document |"
        + row("head lemma", score(in_doc_gold, scoped(lemmas, lambda k: doc_of[k]), covered), 1.0)[
            1:
        ]
    )
    for scope_name, scope in (
        ("topic", lambda d: str(d.topic)),
        ("subtopic", lambda d: d.subtopic),
    ):
        cross = cross_labels(docs, results, scope)
        pred = {k: cross[v] for k, v in aligned.items()}
        base = scoped(lemmas, lambda k, s=scope: s(meta[doc_of[k]]))  # type: ignore[misc]
        print(
            f"| cross-doc, per {scope_name} |"
            + row("rashomon", score(gold, pred, covered), coverage)[1:]
        )
        print(
            f"| cross-doc, per {scope_name} |"
            + row("head lemma", score(gold, base, covered), 1.0)[1:]
        )
    print(f"\n{time.perf_counter() - started:.0f} s")


# --------------------------------------------------------------------------- BASIL speakers

BASIL = SHARED / "eval-data" / "basil"
GROUP_WORDS = {"lawmakers", "democrats", "republicans", "campaign", "officials", "members", "party"}


def basil_articles() -> Iterable[tuple[str, list[tuple[int, int, str]]]]:
    """(article text, [(start, end, speaker label)]) for every article with labelled quotes."""
    for path in sorted((BASIL / "annotations").glob("*/*_ann.json")):
        article = BASIL / "articles" / path.parent.name / path.name.replace("_ann.json", ".json")
        sentences = [s for para in json.loads(article.read_text())["body-paragraphs"] for s in para]
        starts = list(itertools.accumulate([0] + [len(s) + 1 for s in sentences]))
        quotes = [
            (
                starts[int(a["id"][1:])] + a["start"],
                starts[int(a["id"][1:])] + a["end"],
                a["speaker"],
            )
            for a in json.loads(path.read_text())["phrase-level-annotations"]
            if a.get("quote") == "yes" and a["id"].startswith("p") and _person_label(a["speaker"])
        ]
        if quotes:
            yield " ".join(sentences), quotes


def _person_label(label: str) -> bool:
    """``Donald_Trump`` or ``Trump``; not ``other_anti``, ``NAACP``, ``Catholics``, groups."""
    words = label.split("_")
    if label.startswith("other") or GROUP_WORDS & {w.lower() for w in words}:
        return False
    if not all(w[:1].isupper() and not w.isupper() for w in words):
        return False
    return len(words) > 1 or not label.endswith("s")


def _names(texts: Iterable[str]) -> set[str]:
    words = (re.sub(r"['’]s$", "", w.strip(".,")) for t in texts for w in t.split())
    return {w.lower() for w in words if w}


def _matches(label: str, texts: Iterable[str]) -> bool:
    surname = label.split("_")[-1].lower()
    return any(
        w.startswith(surname) or (surname.startswith(w) and len(w) > 3) for w in _names(texts)
    )


def _nearest(doc: Doc, start: int, raw: str) -> str:
    """Baseline: a pronoun is the nearest PERSON named before it; any other span is itself."""
    if raw.lower() not in {"he", "she", "they", "him", "her"}:
        return raw
    before = [e.text for e in doc.ents if e.label_ == "PERSON" and e.end_char <= start]
    return before[-1] if before else ""


def _overlap(start: int, end: int, a: Attribution) -> int:
    return min(end, a.content_end) - max(start, a.content_start)


def basil_speakers() -> None:
    nlp = pipeline()
    counts: dict[str, int] = defaultdict(int)
    for text, quotes in basil_articles():
        doc = nlp(text)
        entities = extract(doc)
        found = attribution.extract(doc)
        for start, end, label in quotes:
            counts["quotes"] += 1
            best = max(found, key=lambda a, s=start, e=end: _overlap(s, e, a), default=None)
            if best is None or _overlap(start, end, best) <= 0 or best.speaker_start is None:
                continue
            counts["with speaker span"] += 1
            raw = text[best.speaker_start : best.speaker_end]
            counts["raw span right"] += _matches(label, [raw])
            counts["nearest-person right"] += _matches(
                label, [_nearest(doc, best.speaker_start, raw)]
            )
            entity = resolve_speaker(doc, best.speaker_start, best.speaker_end or 0, entities)
            if entity is not None:
                counts["resolved"] += 1
                counts["resolved right"] += _matches(label, [entity.name, *entity.aliases])
    print("BASIL quotes whose speaker label is a person's name")
    for key, value in counts.items():
        print(f"  {key:20} {value:5}  ({value / counts['quotes']:.3f} of quotes)")
    share = counts["resolved right"] / max(1, counts["resolved"])
    print(f"  precision of resolved entities: {share:.3f}")


def _coverage_by_type(tags: dict[str, str], covered: set[str]) -> str:
    total: dict[str, int] = defaultdict(int)
    hit: dict[str, int] = defaultdict(int)
    for item, tag in tags.items():
        kind = next(t for t in ENTITY_TAGS if tag.startswith(t))
        total[kind] += 1
        hit[kind] += item in covered
    return ", ".join(f"{k} {hit[k]}/{total[k]}" for k in ENTITY_TAGS)


if __name__ == "__main__":
    main()
