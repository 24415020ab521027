#!/usr/bin/env python3
"""Measure rashomon's framing readers on external annotated data, and print tables.

    python benchmarks/eval_framing.py babe [--group-outlet]
    python benchmarks/eval_framing.py basil
    python benchmarks/eval_framing.py genre
    python benchmarks/eval_framing.py speed

babe   BABE SG2 sentence-level lexical bias (Biased vs Non-biased), 5-fold CV macro F1 with the
       folds, threshold search and C grid of ../shared/eval-tools/babe_baselines.py (rebuilt
       here without pandas; the "vader" row reproduces that script's figure).
basil  BASIL lexical-bias spans outside quotes: span-overlap precision/recall of our loaded
       words; tone toward each article's main entities against the annotators' article-level
       "author feeling" (thresholds tuned on 2010-2014, reported on 2015-2019); tone toward
       the target of each span BASIL marks as aimed directly at it (pos/neg), in its sentence.
genre  report vs opinion: AllSides news items tagged OPINION / ANALYSIS in the NeuS crawl, and
       the share of PolNeAR (all hard news) test articles called opinion.

The eval data stays outside the package: nothing here is shipped or used to build a lexicon.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from spacy.tokens import Doc

from rashomon.analyze import attribution, claims, framing
from rashomon.nlp import pipeline
from rashomon.records import Claim, Entity, Mention

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval-data"
LOADED_KINDS = {"loaded", "evaluative", "cue"}
C_GRID = {"logisticregression__C": [0.25, 1, 4, 16]}
Folds = list[tuple[np.ndarray, np.ndarray]]
Pair = tuple[int, int]


# --------------------------------------------------------------------------- shared


def parse(texts: Sequence[str]) -> list[Doc]:
    return list(pipeline().pipe(texts, batch_size=64))


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    voice: str


def pieces(doc: Doc) -> list[Piece]:
    """The claims of ``doc`` as the analysis pipeline cuts them, with their voice."""
    found = attribution.extract(doc)
    out = []
    for piece in claims.split(doc, found):
        a = piece.attribution
        voice = "outlet" if a is None else ("direct" if a.direct else "indirect")
        out.append(Piece(piece.start, piece.end, voice))
    return out


def direct_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(a.content_start, a.content_end) for a in attribution.extract(doc) if a.direct]


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    return float(f1_score(y, pred, average="macro"))


# --------------------------------------------------------------------------- BABE


def load_babe() -> tuple[list[str], np.ndarray, np.ndarray]:
    path = DATA / "babe" / "final_labels_SG2.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter=";")]
    rows = [r for r in rows if r["label_bias"] in ("Biased", "Non-biased")]
    y = np.array([int(r["label_bias"] == "Biased") for r in rows])
    outlets = np.array([r["outlet"] or "?" for r in rows])
    return [r["text"] for r in rows], y, outlets


def babe_folds(y: np.ndarray, outlets: np.ndarray, group: bool) -> Folds:
    """The folds of babe_baselines.py (seed 0, 5 folds)."""
    if group:
        split = StratifiedGroupKFold(5, shuffle=True, random_state=0)
        return list(split.split(np.zeros(len(y)), y, outlets))
    return list(StratifiedKFold(5, shuffle=True, random_state=0).split(np.zeros(len(y)), y))


def best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    cands = np.unique(np.quantile(scores, np.linspace(0, 1, 101)))
    f1s = [macro_f1(y, (scores >= t).astype(int)) for t in cands]
    return float(cands[int(np.argmax(f1s))])


def threshold_predict(
    scores: np.ndarray,
) -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    def predict(train: np.ndarray, test: np.ndarray, y: np.ndarray) -> np.ndarray:
        return (scores[test] >= best_threshold(scores[train], y[train])).astype(int)

    return predict


def fixed_predict(pred: np.ndarray) -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    return lambda train, test, y: pred[test]


def lr_predict(
    x: np.ndarray, scale: bool = True
) -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    """LR with C from {0.25, 1, 4, 16} by inner 3-fold CV; features standardised if ``scale``."""

    def predict(train: np.ndarray, test: np.ndarray, y: np.ndarray) -> np.ndarray:
        steps = [StandardScaler()] if scale else []
        model = make_pipeline(*steps, LogisticRegression(max_iter=2000))
        search = GridSearchCV(model, C_GRID, cv=3, scoring="f1_macro", n_jobs=1)
        search.fit(x[train], y[train])
        return np.asarray(search.predict(x[test]))

    return predict


def babe_features(docs: Sequence[Doc]) -> tuple[np.ndarray, list[str]]:
    names = ["loaded", "evaluative", "cue", "hedge", "first_person", "question", "quoted_loaded"]
    names += ["vader", "abs_vader", "words"]
    rows = []
    for doc in docs:
        found = framing.evidence(doc)
        kinds = Counter(e.kind for e in found if not e.quoted)
        quoted = sum(1 for e in found if e.quoted and e.kind in LOADED_KINDS)
        vader = framing.claim_sentiment(doc.text)
        counts = [kinds[k] for k in names[:6]]
        rows.append([*counts, quoted, vader, abs(vader), len(doc)])
    return np.array(rows, dtype=float), names


def run_babe(args: argparse.Namespace) -> None:
    texts, y, outlets = load_babe()
    folds = babe_folds(y, outlets, args.group_outlet)
    started = time.time()
    docs = parse(texts)
    x, names = babe_features(docs)
    print(
        f"BABE SG2: {len(texts)} sentences, {y.sum()} Biased; parsed + features in "
        f"{time.time() - started:.0f}s; folds: {'by outlet' if args.group_outlet else 'stratified'}"
    )
    col = {name: i for i, name in enumerate(names)}
    own = x[:, col["loaded"]] + x[:, col["evaluative"]] + x[:, col["cue"]]
    anywhere = own + x[:, col["quoted_loaded"]]
    systems: dict[str, Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]] = {
        "vader |compound| >= t (check)": threshold_predict(x[:, col["abs_vader"]]),
        "rule: >= 1 loaded word, no training": fixed_predict((anywhere >= 1).astype(int)),
        "rule: >= 1 loaded word outside quotes": fixed_predict((own >= 1).astype(int)),
        "loaded-word count >= t": threshold_predict(anywhere),
        "our features + LR": lr_predict(x),
    }
    if args.minilm:
        from rashomon.embed import embed

        emb = np.asarray(embed(texts))
        systems["MiniLM + LR (check)"] = lr_predict(emb, scale=False)
        systems["MiniLM + our features + LR"] = lr_predict(np.hstack([emb, x]))
    print("| system | macro F1 (mean ± sd over folds) | pooled |\n|---|---|---|")
    for name, predict in systems.items():
        oof = np.zeros_like(y)
        scores = []
        for train, test in folds:
            oof[test] = predict(train, test, y)
            scores.append(macro_f1(y[test], oof[test]))
        print(f"| {name} | {np.mean(scores):.3f} ± {np.std(scores):.3f} | {macro_f1(y, oof):.3f} |")


# --------------------------------------------------------------------------- BASIL


@dataclass(frozen=True)
class BasilArticle:
    key: str
    year: int
    source: str
    text: str
    starts: list[int]  # offset of each flat sentence
    annotations: dict
    main_entities: list[str]


def load_basil() -> list[BasilArticle]:
    out = []
    for path in sorted(glob.glob(str(DATA / "basil" / "articles" / "*" / "*.json"))):
        article = json.loads(Path(path).read_text(encoding="utf-8"))
        ann_path = path.replace("/articles/", "/annotations/").replace(".json", "_ann.json")
        annotations = json.loads(Path(ann_path).read_text(encoding="utf-8"))
        text, starts = _basil_text(article["body-paragraphs"])
        year = int(Path(path).parent.name)
        out.append(
            BasilArticle(
                Path(path).stem,
                year,
                article["source"].lower(),
                text,
                starts,
                annotations,
                article.get("main-entities") or [],
            )
        )
    return out


def _basil_text(paragraphs: list[list[str]]) -> tuple[str, list[int]]:
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for paragraph in paragraphs:
        for k, sentence in enumerate(paragraph):
            if k:
                parts.append(" ")
                offset += 1
            starts.append(offset)
            parts.append(sentence)
            offset += len(sentence)
        parts.append("\n")
        offset += 1
    return "".join(parts), starts


def basil_spans(article: BasilArticle, bias: str, quote: str | None) -> list[tuple[int, int]]:
    spans = []
    for p in article.annotations["phrase-level-annotations"]:
        if p["bias"] != bias or not p["id"].startswith("p") or (quote and p["quote"] != quote):
            continue
        base = article.starts[int(p["id"][1:])]
        spans.append((base + p["start"], base + p["end"]))
    return spans


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_scores(
    preds: list[list[Pair]], golds: list[list[Pair]], anys: list[list[Pair]]
) -> tuple[float, float, float, float, int]:
    """Precision, recall, F1 by span overlap; precision against any BASIL span; predictions."""
    pairs = list(zip(preds, golds, anys, strict=True))
    hit_p = sum(_hits(pred, gold) for pred, gold, _ in pairs)
    loose = sum(_hits(pred, other) for pred, _, other in pairs)
    hit_g = sum(_hits(gold, pred) for pred, gold, _ in pairs)
    n_pred, n_gold = sum(map(len, preds)), sum(map(len, golds))
    p, r = hit_p / max(1, n_pred), hit_g / max(1, n_gold)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, loose / max(1, n_pred), n_pred


def _hits(spans: Sequence[Pair], against: Sequence[Pair]) -> int:
    return sum(any(overlap(s, a) for a in against) for s in spans)


def vader_word_spans(
    doc: Doc, spans: Sequence[tuple[int, int]], floor: float
) -> list[tuple[int, int]]:
    lexicon = framing._analyzer().lexicon
    return [
        (t.idx, t.idx + len(t))
        for t in doc
        if abs(lexicon.get(t.lower_, 0.0)) >= floor and not any(s <= t.idx < e for s, e in spans)
    ]


def babe_lexicon_spans(doc: Doc, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """BABE's bias-word lexicon as a span predictor (for measuring only; AGPL, not shipped)."""
    words = _babe_lexicon()
    return [
        (t.idx, t.idx + len(t))
        for t in doc
        if t.lower_ in words and not any(s <= t.idx < e for s, e in spans)
    ]


def _babe_lexicon() -> frozenset[str]:
    import zipfile
    from xml.etree import ElementTree

    path = DATA / "babe" / "bias_word_lexicon.xlsx"
    with zipfile.ZipFile(path) as book:
        strings = (
            book.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in book.namelist() else b""
        )
    root = ElementTree.fromstring(strings) if strings else None
    if root is None:
        return frozenset()
    return frozenset("".join(t.itertext()).strip().lower() for t in root)


def run_basil(args: argparse.Namespace) -> None:
    articles = load_basil()
    started = time.time()
    docs = parse([a.text for a in articles])
    print(f"BASIL: {len(articles)} articles parsed in {time.time() - started:.0f}s")
    basil_lexical(articles, docs)
    basil_tone(articles, docs)
    basil_span_tone(articles, docs)


def basil_lexical(articles: Sequence[BasilArticle], docs: Sequence[Doc]) -> None:
    """Span-overlap P/R of predicted loaded words against BASIL ``lex`` spans outside quotes."""
    systems: dict[str, list[list[Pair]]] = {name: [] for name in LEX_SYSTEMS}
    for doc in docs:
        direct = direct_spans(doc)
        found = [e for e in framing.evidence(doc, direct) if not e.quoted]
        quotes = [*attribution.quotations(doc.text), *direct]
        for name, kinds in LEX_SYSTEMS.items():
            if kinds:
                systems[name].append([(e.start, e.end) for e in found if e.kind in kinds])
        systems["VADER lexicon words, |valence| >= 1.5"].append(vader_word_spans(doc, quotes, 1.5))
        systems["BABE bias-word lexicon (measuring only)"].append(babe_lexicon_spans(doc, quotes))
    for part, keep in (("dev 2010-14", lambda y: y <= 2014), ("test 2015-19", lambda y: y > 2014)):
        index = [i for i, a in enumerate(articles) if keep(a.year)]
        golds = [basil_spans(articles[i], "lex", "no") for i in index]
        anys = [
            basil_spans(articles[i], "lex", None) + basil_spans(articles[i], "inf", None)
            for i in index
        ]
        print(
            f"\nBASIL {part}: {len(index)} articles, {sum(map(len, golds))} lexical-bias spans "
            "outside quotes"
        )
        print("| predictor | spans | P | R | F1 | P against any BASIL span |")
        print("|---|---|---|---|---|---|")
        for name, preds in systems.items():
            p, r, f, loose, n = span_scores([preds[i] for i in index], golds, anys)
            print(f"| {name} | {n} | {p:.3f} | {r:.3f} | {f:.3f} | {loose:.3f} |")


LEX_SYSTEMS: dict[str, set[str]] = {
    "ours: loaded": {"loaded"},
    "ours: loaded + loaded cue verbs": {"loaded", "cue"},
    "ours: loaded + cue + evaluative (= Framing.loaded)": {"loaded", "cue", "evaluative"},
    "VADER lexicon words, |valence| >= 1.5": set(),
    "BABE bias-word lexicon (measuring only)": set(),
}


def basil_tone(articles: Sequence[BasilArticle], docs: Sequence[Doc]) -> None:
    """Tone toward each main entity against the annotators' "author feeling" (neg/neu/pos)."""
    rows = []  # (year, gold, entity tone, mean VADER of mentioning claims, article mean)
    for article, doc in zip(articles, docs, strict=True):
        built = basil_claims(doc, article.key)
        mood = float(np.mean([framing.claim_sentiment(c.text) for c in built] or [0.0]))
        feelings = article.annotations["article-level-annotations"]
        for name in article.main_entities:
            gold = feelings.get("author_feeling_" + name.replace(" ", "_"))
            entity = name_entity(doc, name)
            if gold not in ("neg", "neu", "pos") or entity is None:
                continue
            linked = [_with_entity(c, entity) for c in built]
            tones = framing.entity_tones(linked, [entity], doc)
            plain = [framing.claim_sentiment(c.text) for c in linked if entity.id in c.entities]
            if tones:
                rows.append((article.year, gold, tones[0].score, float(np.mean(plain)), mood))
    dev = [r for r in rows if r[0] <= 2014]
    test = [r for r in rows if r[0] > 2014]
    print(
        f"\nTone toward main entities vs BASIL author feeling: {len(rows)} (article, entity) "
        f"pairs with a mention; dev 2010-14: {len(dev)}, test 2015-19: {len(test)} "
        f"{dict(Counter(r[1] for r in test))}"
    )
    print(
        "| method | neg < lo, pos > hi (tuned on dev) | test macro F1 | test acc | "
        "test AUC neg vs rest | Spearman |"
    )
    print("|---|---|---|---|---|---|")
    f, acc = _tone_f1(test, 2, -9, 9)
    print(f"| always neu | — | {f:.3f} | {acc:.3f} | — | — |")
    methods = (
        ("entity_tones (words the parse links to the entity, quotes at half weight)", 2),
        ("mean VADER of the claims naming the entity", 3),
        ("mean VADER of all claims of the article (not entity-specific)", 4),
    )
    for label, col in methods:
        lo, hi = _tune(dev, col)
        f, acc = _tone_f1(test, col, lo, hi)
        auc, rho = _tone_rank(test, col)
        print(f"| {label} | {lo:+.2f}, {hi:+.2f} | {f:.3f} | {acc:.3f} | {auc:.3f} | {rho:.3f} |")


def basil_span_tone(articles: Sequence[BasilArticle], docs: Sequence[Doc]) -> None:
    """Sign of the tone toward the target of each BASIL span aimed directly at it, in its sentence.

    Spans with aim ``dir`` and polarity pos/neg are grouped by (sentence, target); the majority
    polarity is the gold sign (ties dropped). Only sentences that name the target (full name or
    surname, as for main entities) are kept: a target named by a pronoun is not found here.
    """
    rows = []  # (year, quoted, gold sign, entity tone, mean VADER of its claims, sentence VADER)
    for article, doc in zip(articles, docs, strict=True):
        built = basil_claims(doc, article.key)
        for (n, target), (gold, quoted) in _span_targets(article).items():
            start, end = _sentence_range(article, n)
            entity = name_entity(doc, target.replace("_", " "))
            inside = [m for m in entity.mentions if start <= m.start < end] if entity else []
            if entity is None or not inside:
                continue
            entity = replace(entity, mentions=tuple(inside))
            linked = [_with_entity(c, entity) for c in built if c.start < end and start < c.end]
            tones = framing.entity_tones(linked, [entity], doc)
            plain = [framing.claim_sentiment(c.text) for c in linked if entity.id in c.entities]
            ours = tones[0].score if tones else 0.0
            claimed = float(np.mean(plain or [0.0]))
            sentence = framing.claim_sentiment(doc.text[start:end])
            rows.append((article.year, quoted, gold, ours, claimed, sentence))
    methods = (
        ("entity_tones", 3),
        ("mean VADER of the claims naming the target", 4),
        ("VADER of the whole sentence", 5),
    )
    for part, keep in (("dev 2010-14", lambda y: y <= 2014), ("test 2015-19", lambda y: y > 2014)):
        sub = [r for r in rows if keep(r[0])]
        own = [r for r in sub if not r[1]]
        print(
            f"\nBASIL {part}: tone toward the target of spans aimed at it, {len(sub)} (sentence, "
            f"target) pairs ({sum(r[2] < 0 for r in sub)} neg), {len(own)} outside quotes"
        )
        print("| method | pairs | nonzero | sign right | sign right if nonzero | AUC pos vs neg |")
        print("|---|---|---|---|---|---|")
        for label, col in methods:
            for where, chosen in (("all", sub), ("outside quotes", own)):
                print(f"| {label}, {where} | {len(chosen)} | " + _sign_scores(chosen, col))


def _span_targets(article: BasilArticle) -> dict[tuple[int, str], tuple[int, bool]]:
    """(sentence, target) -> (majority polarity as +1/-1, all spans inside quotes)."""
    votes: dict[tuple[int, str], list[tuple[int, bool]]] = {}
    for p in article.annotations["phrase-level-annotations"]:
        if p["aim"] != "dir" or p["polarity"] not in ("pos", "neg") or not p["id"].startswith("p"):
            continue
        sign = 1 if p["polarity"] == "pos" else -1
        votes.setdefault((int(p["id"][1:]), p["target"]), []).append((sign, p["quote"] == "yes"))
    out = {}
    for key, signs in votes.items():
        total = sum(sign for sign, _ in signs)
        if total:
            out[key] = (1 if total > 0 else -1, all(q for _, q in signs))
    return out


def _sentence_range(article: BasilArticle, n: int) -> tuple[int, int]:
    """Offsets of flat sentence ``n``: each sentence is followed by one space or newline."""
    end = article.starts[n + 1] - 1 if n + 1 < len(article.starts) else len(article.text) - 1
    return article.starts[n], end


def _sign_scores(rows: Sequence[tuple], col: int) -> str:
    from sklearn.metrics import roc_auc_score

    scores = np.array([r[col] for r in rows])
    gold = np.array([r[2] for r in rows])
    nonzero = np.abs(scores) > 1e-9
    right = np.sign(scores) == gold
    auc = roc_auc_score(gold > 0, scores) if len(set(gold)) == 2 else float("nan")
    return f"{nonzero.mean():.3f} | {right.mean():.3f} | {right[nonzero].mean():.3f} | {auc:.3f} |"


def _tone_rank(rows: Sequence[tuple], col: int) -> tuple[float, float]:
    from scipy.stats import spearmanr
    from sklearn.metrics import roc_auc_score

    scores = np.array([r[col] for r in rows])
    gold = np.array([{"neg": -1, "neu": 0, "pos": 1}[r[1]] for r in rows])
    return float(roc_auc_score(gold == -1, -scores)), float(spearmanr(scores, gold)[0])


def _tone_f1(rows: Sequence[tuple], col: int, lo: float, hi: float) -> tuple[float, float]:
    gold = [r[1] for r in rows]
    pred = ["neg" if r[col] < lo else "pos" if r[col] > hi else "neu" for r in rows]
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(rows))
    return float(f1_score(gold, pred, average="macro", labels=["neg", "neu", "pos"])), acc


def _tune(rows: Sequence[tuple], col: int) -> tuple[float, float]:
    grid = np.round(np.arange(-0.6, 0.61, 0.05), 2)
    pairs = [(lo, hi) for lo in grid for hi in grid if lo <= hi]
    best = max(pairs, key=lambda t: _tone_f1(rows, col, t[0], t[1])[0])
    return float(best[0]), float(best[1])


def basil_claims(doc: Doc, key: str) -> list[Claim]:
    found = attribution.extract(doc)
    out = []
    for n, piece in enumerate(claims.split(doc, found)):
        a = piece.attribution
        voice = "outlet" if a is None else ("direct" if a.direct else "indirect")
        out.append(
            Claim(
                id=f"{key}:c{n}",
                article=key,
                text=doc.text[piece.start : piece.end],
                start=piece.start,
                end=piece.end,
                sentence=piece.sentence,
                voice=voice,
                cue=a.cue if a else "",
            )
        )  # type: ignore[arg-type]
    return out


def name_entity(doc: Doc, name: str) -> Entity | None:
    """Mentions of a BASIL main entity: its full name, or its last word for a multi-word name."""
    words = name.split()
    pattern = re.escape(name) if len(words) == 1 else f"{re.escape(name)}|\\b{re.escape(words[-1])}"
    mentions = tuple(
        Mention(m.start(), m.end(), m.group()) for m in re.finditer(rf"\b(?:{pattern})\b", doc.text)
    )
    return Entity("e1", name, "person", mentions) if mentions else None


def _with_entity(claim: Claim, entity: Entity) -> Claim:
    inside = any(claim.start <= m.start and m.end <= claim.end for m in entity.mentions)
    return replace(claim, entities=(entity.id,) if inside else ())


# --------------------------------------------------------------------------- genre


def load_allsides() -> list[tuple[str, str, str, str]]:
    """(date, tag, body, url) of every AllSides news item with a body; tag "" for plain news."""
    path = DATA / "neus-allsides" / "raw_crawled" / "headline_11_2021-10-19_crawled_all.jsonl"
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        for item in (story.get("news") or {}).values():
            body = "\n".join(item.get("newBody") or [])
            if body.strip():
                tag = item.get("opinionTag") or ""
                items.append((story["date"][:10], tag, body, item.get("newsLink") or ""))
    return items


def genre_calls(
    texts: Sequence[str], urls: Sequence[str] = ()
) -> list[tuple[float, str, dict[str, float]]]:
    out = []
    for doc, url in zip(parse(texts), [*urls] or [""] * len(texts), strict=True):
        direct = direct_spans(doc)
        found = framing.evidence(doc, direct)
        call = framing.genre(doc, [p.voice for p in pieces(doc)], found, url)
        rates = {
            "attributed": call.attributed_share,
            "evaluative": call.evaluative_per_100_words,
            "first_person": call.first_person_per_100_words,
            "hedges": call.hedges_per_100_words,
        }
        out.append((call.score, call.label, rates))
    return out


def run_genre(args: argparse.Namespace) -> None:
    items = load_allsides()
    started = time.time()
    urls = [url for *_, url in items] if args.urls else []
    calls = genre_calls([body for _, _, body, _ in items], urls)
    print(
        f"AllSides items: {len(items)} ({dict(Counter(t or 'news' for _, t, _, _ in items))}), "
        f"{time.time() - started:.0f}s"
    )
    dates = sorted(d for d, *_ in items)
    cut = dates[len(dates) // 2]
    for part, keep in (
        ("dev (before " + cut + ")", lambda d: d < cut),
        ("test (from " + cut + ")", lambda d: d >= cut),
    ):
        both = zip(items, calls, strict=True)
        rows = [(tag, call) for (d, tag, *_), call in both if keep(d)]
        genre_table(part, rows)
    for split in ("dev", "test"):
        paths = sorted((DATA / "polnear" / split / "text").glob("*.txt"))
        polnear = genre_calls([p.read_text(encoding="utf-8") for p in paths])
        labels = [label for _, label, _ in polnear]
        called = [p.stem for p, label in zip(paths, labels, strict=True) if label == "opinion"]
        attributed = np.mean([r["attributed"] for _, _, r in polnear])
        print(
            f"\nPolNeAR {split} ({len(paths)} articles, described as hard news): called "
            f"opinion {len(called)} ({len(called) / len(paths):.1%}); "
            f"mean attributed share {attributed:.2f}"
        )
        for stem in called:
            print(f"  {stem}")


def genre_table(part: str, rows: Sequence[tuple[str, tuple[float, str, dict[str, float]]]]) -> None:
    print(f"\nAllSides {part}: {len(rows)} items")
    print(
        "| gold | n | called opinion | mean score | attributed | evaluative/100w "
        "| 1st person/100w | hedges/100w |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for tag in ("", "OPINION", "ANALYSIS"):
        sub = [call for t, call in rows if t == tag]
        if not sub:
            continue
        called = sum(label == "opinion" for _, label, _ in sub) / len(sub)
        means = {k: np.mean([r[k] for _, _, r in sub]) for k in sub[0][2]}
        score = np.mean([s for s, _, _ in sub])
        print(
            f"| {tag or 'news'} | {len(sub)} | {called:.1%} | {score:.2f} | "
            f"{means['attributed']:.2f} | {means['evaluative']:.2f} | "
            f"{means['first_person']:.2f} | {means['hedges']:.2f} |"
        )
    for name, positive in (
        ("opinion vs news", {"OPINION"}),
        ("opinion+analysis vs news", {"OPINION", "ANALYSIS"}),
    ):
        sub = [(t in positive, call) for t, call in rows if t in positive or t == ""]
        y = np.array([int(g) for g, _ in sub])
        pred = np.array([int(label == "opinion") for _, (_, label, _) in sub])
        scores = np.array([s for _, (s, _, _) in sub])
        from sklearn.metrics import precision_recall_fscore_support, roc_auc_score

        p, r, f, _ = precision_recall_fscore_support(y, pred, average="binary", zero_division=0)
        print(
            f"{name}: P {p:.3f} R {r:.3f} F1 {f:.3f} (opinion class); "
            f"macro F1 {macro_f1(y, pred):.3f}; ROC AUC of the score {roc_auc_score(y, scores):.3f}"
        )


def run_speed(args: argparse.Namespace) -> None:
    """Time the framing readers on PolNeAR test, beside the spaCy parse they need."""
    from rashomon.analyze.pipeline import analyze_doc
    from rashomon.records import Article

    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((DATA / "polnear" / "test" / "text").glob("*.txt"))
    ]
    started = time.perf_counter()
    docs = parse(texts)
    parsed = time.perf_counter() - started
    analyzed = [
        analyze_doc(Article(f"a{n}", "x", t), d)
        for n, (t, d) in enumerate(zip(texts, docs, strict=True))
    ]
    started = time.perf_counter()
    for doc, a in zip(docs, analyzed, strict=True):
        found = framing.evidence(doc, [(q.start, q.end) for q in a.quotes if q.direct])
        framing.genre(doc, [c.voice for c in a.claims], found)
        framing.entity_tones(a.claims, a.entities, doc)
        [framing.claim_sentiment(c.text) for c in a.claims]
    spent = time.perf_counter() - started
    words = sum(len(d) for d in docs)
    print(
        f"PolNeAR test: {len(docs)} articles, {words} tokens; spaCy parse {parsed:.1f}s "
        f"({words / parsed:.0f} tokens/s); framing (evidence + genre + entity tones + claim "
        f"sentiment) {spent:.1f}s ({words / spent:.0f} tokens/s)"
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="task", required=True)
    babe = sub.add_parser("babe")
    babe.add_argument("--group-outlet", action="store_true")
    babe.add_argument("--minilm", action="store_true", help="also MiniLM (+ our features) with LR")
    sub.add_parser("basil")
    sub.add_parser("genre").add_argument(
        "--urls", action="store_true", help="give each AllSides item its URL (opinion sections)"
    )
    sub.add_parser("speed")
    args = parser.parse_args(list(argv) if argv is not None else None)
    {"babe": run_babe, "basil": run_basil, "genre": run_genre, "speed": run_speed}[args.task](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
