"""What story grouping knows of one article: its vector, words, names, numbers and years.

A :class:`Profile` is built once per article from its analysis and embedding (in a worker
process), kept in the store, and read back whenever the article's story is compared with new
articles, so grouping never re-reads or re-parses a text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from rashomon.records import AnalyzedArticle, Article

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]|\d+(?:[.,]\d+)*", re.UNICODE)
_YEAR = re.compile(r"\b(?:19\d\d|20[0-3]\d)\b")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\w)")
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")
_KINDS = ("person", "organization", "place", "group")
LEAD_WORDS = 120  # the lead says what happened; embedding more costs time and adds little


@dataclass(frozen=True, eq=False)
class Profile:
    """The grouping features of one article (``vector`` is L2-normalised)."""

    vector: np.ndarray
    terms: dict[str, int]
    entities: dict[str, int]
    numbers: tuple[str, ...]
    years: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class Processed:
    """One article as the per-article work returns it: analysis, profile and MinHash."""

    article: Article
    analysis: AnalyzedArticle
    profile: Profile
    signature: np.ndarray


def embedding_text(article: Article) -> str:
    """The text embedded for grouping: the title and the first :data:`LEAD_WORDS` of the body."""
    lead = " ".join(article.text.split()[:LEAD_WORDS])
    return f"{article.title}\n{lead}" if article.title else lead


def build(analysis: AnalyzedArticle, vector: np.ndarray) -> Profile:
    """The profile of an analysed article whose embedding is ``vector``."""
    article = analysis.article
    text = f"{article.title}\n{article.text}"
    return Profile(
        vector=np.asarray(vector, dtype=np.float32),
        terms=terms(text),
        entities=entities(analysis),
        numbers=numbers(text),
        years=years(text),
    )


def terms(text: str) -> dict[str, int]:
    """Content words of ``text`` (lower case, stop words dropped) with their counts."""
    from rashomon.nlp import stop_words

    stop = stop_words()
    words = (w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop)
    return dict(Counter(words))


def entities(analysis: AnalyzedArticle) -> dict[str, int]:
    """Named people, organisations, places and groups as ``kind:name`` with mention counts."""
    found: Counter[str] = Counter()
    for entity in analysis.entities:
        if entity.kind in _KINDS:
            found[f"{entity.kind}:{entity.name.lower()}"] += max(1, len(entity.mentions))
    return dict(found)


def numbers(text: str) -> tuple[str, ...]:
    """Distinctive numbers written in ``text``: fractions and amounts of ten or more, not years.

    Thousands separators are dropped, so "2,000" and "2000" are one number.
    """
    kept = set()
    for match in _NUMBER.finditer(text):
        number = _THOUSANDS.sub("", match.group())
        if _YEAR.fullmatch(number) or (number.isdigit() and int(number) < 10):
            continue
        kept.add(number)
    return tuple(sorted(kept))


def years(text: str) -> tuple[int, ...]:
    """The years ``text`` writes.

    Two reports of one event nearly always write a year in common when both write years; two
    events of one kind (two earthquakes, two takeovers) often write years and share none. The
    set is a better witness than any single year, since reports of one event also name the years
    of earlier ones. The year of publication is left out: articles of one year share it whatever
    they report, and closeness in time is weighed apart (``incremental.WINDOW_DAYS``).
    """
    return tuple(sorted({int(y) for y in _YEAR.findall(text)}))
