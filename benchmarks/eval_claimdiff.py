"""How rashomon's difference, conflict and contrast scores separate ClaimDiff's claim pairs.

    python benchmarks/eval_claimdiff.py

ClaimDiff (research only, no licence stated; read at run time from ../shared/eval-data) pairs
claims of two outlets on one story, labelled whether claim B weakens (ClaimDiff-W) or
strengthens (ClaimDiff-S) claim A. It is not logical contradiction, so it is a proxy. The two
sets label the same pairs, so each pair is one of: weakens, strengthens, neither. Weakening
pairs lie *between* the others in similarity: more alike than unrelated pairs, less alike than
restatements (see docs/quality.md), so no monotone similarity separates them well.

Each claim is analysed as a one-sentence article. Scores per pair:
- conflict: the highest confidence of the conflicts ``find_conflicts`` finds (0 when none);
- differences: how many details B gives that A leaves out (the two as one agreed fact);
- contrast: ``differences.contrast_score`` (hand-set weights: related but not restating,
  other sources, quotes, contrast and negation words);
- contrast, fitted: a logistic regression on the same signals plus cosine and cosine²,
  fitted on the train split (a measurement of what the signals hold; not shipped);
- difference, fitted: the same plus what B adds to A: the share of B's content words that A
  lacks, the details ``differences`` finds in B only, numbers, negation and hedges that one
  side has and the other not, and the length ratio (fitted on train; not shipped);
- baselines: 1 - MiniLM cosine and 1 - content-word Jaccard.
AUC is threshold-free; F1 is at the threshold that maximises F1 on the train split (for
conflict and differences: any conflict / any difference).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from rashomon.analyze import analyze_article
from rashomon.compare.align import claim_ref, content_stems
from rashomon.compare.conflicts import find_conflicts
from rashomon.compare.differences import CONTRAST, QUOTED, contrast_score, differences
from rashomon.compare.entities import speaker_key
from rashomon.embed import embed
from rashomon.records import AnalyzedArticle, Article, Claim, Fact, from_json, to_json

ROOT = Path(__file__).resolve().parents[2] / "shared" / "eval-data" / "claimdiff"
CACHE = Path(tempfile.gettempdir()) / "rashomon_claimdiff_v3.json"
SETS = {
    "W (weakens)": "ClaimDiff-W/ClaimDiff-weak",
    "S (strengthens)": "ClaimDiff-S/ClaimDiff-strength",
}


def pairs(name: str, split: str) -> list[dict]:
    return json.loads((ROOT / f"{SETS[name]}-{split}.json").read_text())["data"]


def analysed(texts: Sequence[str]) -> dict[str, AnalyzedArticle]:
    """Each distinct claim analysed as a one-sentence article (cached in the temp folder)."""
    cache = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    out = {t: from_json(AnalyzedArticle, cache[t]) for t in texts if t in cache}
    for n, text in enumerate(t for t in dict.fromkeys(texts) if t not in out):
        out[text] = analyze_article(Article(id=f"c{len(cache) + n}", outlet="", text=text))
        cache[text] = to_json(out[text])
    CACHE.write_text(json.dumps(cache))
    return out


def as_outlet(a: AnalyzedArticle, outlet: str) -> AnalyzedArticle:
    return replace(a, article=replace(a.article, id=outlet, outlet=outlet),
                   claims=tuple(replace(c, article=outlet) for c in a.claims))  # fmt: skip


def scores(a: AnalyzedArticle, b: AnalyzedArticle) -> tuple[float, float]:
    """(conflict confidence, differences B adds) for one pair."""
    one, two = as_outlet(a, "A"), as_outlet(b, "B")
    refs = tuple(claim_ref(c) for c in (*one.claims, *two.claims))
    fact = Fact(id="f", status="agreed", outlets=("A", "B"), claims=refs, label="")
    conflict = max((c.confidence for c in find_conflicts([fact], [one, two])), default=0.0)
    added = [d for d in differences(fact, [one, two]) if d.article == "B"]
    return conflict, float(len(added))


def auc(y: np.ndarray, s: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, s))


def f1_at(y: np.ndarray, flagged: np.ndarray) -> tuple[float, float, float]:
    tp = float((flagged & (y == 1)).sum())
    p = tp / max(flagged.sum(), 1)
    r = tp / max((y == 1).sum(), 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def tuned_f1(train_s: np.ndarray, train_y: np.ndarray, s: np.ndarray, y: np.ndarray) -> float:
    best, cut = -1.0, 0.0
    for t in np.unique(train_s):
        f = f1_at(train_y, train_s >= t)[2]
        if f > best:
            best, cut = f, float(t)
    return f1_at(y, s >= cut)[2]


def baselines(items: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    a = embed([x["claim_a"] for x in items])
    b = embed([x["claim_b"] for x in items])
    cosine = 1.0 - np.sum(a * b, axis=1)
    jac = []
    for x in items:
        sa, sb = content_stems(x["claim_a"]), content_stems(x["claim_b"])
        jac.append(1.0 - len(sa & sb) / max(len(sa | sb), 1))
    return cosine, np.array(jac)


def merged(a: AnalyzedArticle) -> Claim:
    """The claims of a one-sentence article as one claim: the sentence, its first source."""
    speaker = next((c.speaker for c in a.claims if c.speaker), None)
    first = a.claims[0] if a.claims else Claim("c", a.article.id, a.article.text, 0, 0, 0)
    text = a.article.text
    return replace(first, text=text, start=0, end=len(text), speaker=speaker)


def signals(a: Claim, b: Claim, cosine: float) -> list[float]:
    """The signals behind ``contrast_score``, one by one, for the fitted row."""
    return [
        cosine,
        cosine**2,
        float(bool(a.speaker and b.speaker and speaker_key(a.speaker) != speaker_key(b.speaker))),
        float(bool(a.speaker)),
        float(bool(b.speaker)),
        float(bool(CONTRAST.search(a.text))),
        float(bool(CONTRAST.search(b.text))),
        float(bool(QUOTED.search(a.text))),
        float(bool(QUOTED.search(b.text))),
    ]


NEGATION = re.compile(r"\b(?:not|no|never|none|nor|n't|without|deny|denied|denies)\b", re.I)
HEDGE = re.compile(
    r"\b(?:may|might|could|allegedly|reportedly|claim\w*|suggest\w*|appear\w*)\b", re.I
)
NUMBER = re.compile(r"\d")


def added_signals(a: AnalyzedArticle, b: AnalyzedArticle) -> list[float]:
    """What B adds to A or says otherwise: new content words, details, numbers, negation."""
    ta, tb = a.article.text, b.article.text
    sa, sb = content_stems(ta), content_stems(tb)
    new = len(sb - sa) / max(len(sb), 1)
    details = scores(a, b)[1]
    flags = [float(bool(p.search(tb)) != bool(p.search(ta))) for p in (NEGATION, HEDGE, NUMBER)]
    return [new, min(details, 3.0), *flags, min(len(tb) / max(len(ta), 1), 3.0)]


def contrast(items: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hand-set contrast score, its signals, the signals plus what B adds) of each pair."""
    found = analysed([t for x in items for t in (x["claim_a"], x["claim_b"])])
    cos = 1.0 - baselines(items)[0]
    pairs_ = [(merged(found[x["claim_a"]]), merged(found[x["claim_b"]])) for x in items]
    score = np.array([contrast_score(a, b, c) for (a, b), c in zip(pairs_, cos, strict=True)])
    feats = np.array([signals(a, b, c) for (a, b), c in zip(pairs_, cos, strict=True)])
    more = np.array([added_signals(found[x["claim_a"]], found[x["claim_b"]]) for x in items])
    return score, feats, np.hstack([feats, more])


def fitted(train_x: np.ndarray, train_y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, ...]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, class_weight="balanced"))
    model.fit(train_x, train_y)
    return model.predict_proba(train_x)[:, 1], model.predict_proba(x)[:, 1]


def evaluate(name: str) -> list[str]:
    test, train = pairs(name, "test"), pairs(name, "train")
    y = np.array([x["relation"] for x in test])
    ty = np.array([x["relation"] for x in train])
    found = analysed([t for x in test for t in (x["claim_a"], x["claim_b"])])
    ours = np.array([scores(found[x["claim_a"]], found[x["claim_b"]]) for x in test])
    conflict, added = ours[:, 0], ours[:, 1]
    score, feats, wide = contrast(test)
    train_score, train_feats, train_wide = contrast(train)
    train_fit, fit = fitted(train_feats, ty, feats)
    train_wfit, wfit = fitted(train_wide, ty, wide)
    cos, jac = baselines(test)
    tcos, tjac = baselines(train)

    def row(label: str, s: np.ndarray, f1: float, flagged: str = "-") -> str:
        return f"| {name} | {label} | {auc(y, s):.3f} | {f1:.3f} | {flagged} |"

    return [
        row("conflict", conflict, f1_at(y, conflict > 0)[2], f"{(conflict > 0).mean():.3f}"),
        row("differences", added, f1_at(y, added > 0)[2], f"{(added > 0).mean():.3f}"),
        row("contrast (hand-set)", score, tuned_f1(train_score, ty, score, y)),
        row("contrast, fitted on train", fit, tuned_f1(train_fit, ty, fit, y)),
        row("difference, fitted on train", wfit, tuned_f1(train_wfit, ty, wfit, y)),
        row("1 - MiniLM cosine", cos, tuned_f1(tcos, ty, cos, y)),
        row("1 - word Jaccard", jac, tuned_f1(tjac, ty, jac, y)),
        f"| {name} | every pair | 0.500 | {f1_at(y, np.ones_like(y, dtype=bool))[2]:.3f} | 1 |",
    ]


def main() -> None:
    print("| set (test) | score | AUC | F1 | flagged |\n|---|---|---|---|---|")
    for name in SETS:
        print("\n".join(evaluate(name)))


if __name__ == "__main__":
    main()
