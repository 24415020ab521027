"""Who is quoted by which outlet, and how one speaker's words differ between outlets."""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from importlib.resources import files

from rashomon.analyze.attribution import stance, unsaid
from rashomon.analyze.entities import surname_of
from rashomon.compare.differences import plain_quote, swapped
from rashomon.records import AnalyzedArticle, CrossEntity, Fact, Quote, QuoteRef, VoiceSummary

NEUTRAL_CUES = frozenset(
    ("say", "said", "says", "saying", "tell", "told", "tells", "add", "added", "according to")
)
# Sections of data/cue_verbs.txt whose verbs pass words on; the others (beliefs, positions,
# intentions) attribute a stance, which the claims keep but the voices leave out.
SPEECH_SECTIONS = ("Speaking and writing", "Passing on words or sources", "Pressing someone to act")
SPOKEN_NOUNS = frozenset(
    [
        "statement",
        "statements",
        "remarks",
        "remark",
        "comment",
        "comments",
        "interview",
        "letter",
        "tweet",
        "post",
        "testimony",
        "announcement",
        "denial",
        "admission",
        "accusation",
        "warning",
        "promise",
        "pledge",
        "vow",
        "message",
    ]
)
IRREGULAR = frozenset(("said", "told", "wrote", "written", "spoke", "spoken", "swore", "sworn"))
SAME_STATEMENT = 0.8  # share of the shorter quote's words in the other: one statement
MIN_WORDS = 4  # words a quote needs before its words alone make it one statement
SOME_WORDS = 0.25  # token overlap two quotes of one fact need to count as one statement


def voices(
    articles: Sequence[AnalyzedArticle],
    linked: Sequence[CrossEntity],
    facts: Sequence[Fact] = (),
) -> list[VoiceSummary]:
    """One summary per canonical speaker, most quoted first."""
    outlet = {a.article.id: a.article.outlet for a in articles}
    grouped: dict[str, list[QuoteRef]] = defaultdict(list)
    for a in articles:
        for q in a.quotes:
            if (q.direct or _spoken(q.cue)) and not _nobody_passive(q):
                grouped[_speaker_name(a, q, linked)].append(_ref(a, q))
    grouped = _by_full_name(grouped)
    fact_of = _quote_facts(articles, facts)
    summaries = [
        VoiceSummary(
            speaker=name,
            quotes=tuple(refs),
            outlets=tuple(dict.fromkeys(outlet[r.article] for r in refs)),
            cues=_cues(refs),
            notes=tuple(_notes(refs, articles, fact_of)),
        )
        for name, refs in grouped.items()
    ]
    return sorted(summaries, key=lambda v: (-len(v.outlets), -len(v.quotes), v.speaker))


PASSIVE = re.compile(r"^(?:was|were|is|are|been|being|has been|have been|had been)\s+\w+ed\b")


def _nobody_passive(q: Quote) -> bool:
    """'He was charged with fraud', 'she was promised a job': a passive cue with nobody
    named as its speaker tells what happened to someone, not what anyone said."""
    return q.speaker is None and not q.direct and bool(PASSIVE.match(q.cue.lower()))


def _spoken(cue: str) -> bool:
    """A cue of words passed on ("said", "denied", "according to", "urged"), not of a belief or
    a position taken ("backed", "decided", "highlight", "voted against"): voices are what
    someone said."""
    words = re.findall(r"[a-z]+", cue.lower())
    if unsaid(cue) or stance(cue):
        return False
    return "according" in words or any(w in _speech_forms() or w in SPOKEN_NOUNS for w in words)


@functools.cache
def _speech_forms() -> frozenset[str]:
    """Inflected forms of the speaking, passing-on and pressing verbs of ``cue_verbs.txt``."""
    text = (files("rashomon.data") / "cue_verbs.txt").read_text(encoding="utf-8")
    section, lemmas = "", set()
    for line in text.splitlines():
        if line.startswith("# "):
            section = line[2:].strip()
        elif line and not line.startswith("#") and section in SPEECH_SECTIONS:
            lemmas.add(line.split()[0].split("+")[0])
    return frozenset(form for lemma in lemmas for form in _inflections(lemma)) | IRREGULAR


def _inflections(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _quote_facts(
    articles: Sequence[AnalyzedArticle], facts: Sequence[Fact]
) -> dict[tuple[str, int], str]:
    """(article id, quote start) → the fact that quote's claims belong to."""
    quote_start = {
        c.id: q.start for a in articles for q in a.quotes for c in a.claims if c.quote == q.id
    }
    return {
        (r.article, quote_start[r.claim]): f.id
        for f in facts
        for r in f.claims
        if r.claim in quote_start
    }


def _speaker_name(a: AnalyzedArticle, q: Quote, linked: Sequence[CrossEntity]) -> str:
    """The cross-article name of the quote's speaker, else its in-article name."""
    if q.speaker_entity:
        entity = next((e for e in a.entities if e.id == q.speaker_entity), None)
        spans = {(m.start, m.end) for m in entity.mentions} if entity else set()
        for cross in linked:
            for per in cross.mentions:
                if per.article == a.article.id and spans & {(m.start, m.end) for m in per.mentions}:
                    return cross.name
    return q.speaker or UNNAMED


HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s+")


def _by_full_name(grouped: dict[str, list[QuoteRef]]) -> dict[str, list[QuoteRef]]:
    """Speakers named in several ways join one name:

    - a surname alone ("Goelman", "Mr. Goelman") joins the one full name that ends with it
      ("Aitan Goelman"); with two such names it stays apart;
    - a role before a full name ("former U.S. attorney Joseph diGenova") joins that name;
    - the same name in other capitals ("Wikileaks", "WikiLeaks") is one;
    - a document or group named with more or other plain words ("The 24-page indictment",
      "an indictment") joins the shortest form ("the indictment"); a name among its words
      ("the Trump campaign") keeps it apart.
    """
    out: dict[str, list[QuoteRef]] = {}
    first_spelling: dict[str, str] = {}  # "Wikileaks" joins "WikiLeaks"
    for name, refs in grouped.items():
        spelt = first_spelling.setdefault(name.lower(), name)
        if spelt != name:
            out.setdefault(spelt, []).extend(refs)
            continue
        target = _by_surname(name, grouped) or _by_role(name, grouped)
        out.setdefault(target or _by_plain_words(name, grouped) or name, []).extend(refs)
    return out


def _by_surname(name: str, names: Iterable[str]) -> str | None:
    short = HONORIFIC.sub("", name)
    if " " in short or not short[:1].isupper():
        return None
    fuller = [o for o in names if _full_name(o) and surname_of(o) == short]
    return fuller[0] if len(fuller) == 1 else None


def _by_role(name: str, names: Iterable[str]) -> str | None:
    ends = [o for o in names if o != name and _full_name(o) and name.endswith(" " + o)]
    return max(ends, key=len) if ends else None


def _full_name(name: str) -> bool:
    """Two or more capitalised words: a name, not "a report in The Post"."""
    words = HONORIFIC.sub("", name).split()
    return len(words) > 1 and all(any(c.isupper() for c in w) for w in name.split())  # diGenova


def _by_plain_words(name: str, names: Iterable[str]) -> str | None:
    key = _plain_key(name)
    if key is None:
        return None
    within = [
        (len(k), _plain_name(o))
        for o in names
        if (k := _plain_key(o)) is not None and k[-1] == key[-1] and set(k) <= set(key)
    ]
    return min(within)[1] if len(within) > 1 else None


DETERMINERS = frozenset({"a", "an", "the"})
UNNAMED = "unnamed source"


def _plain_key(name: str) -> tuple[str, ...] | None:
    """The words of a speaker named by a common noun ("The indictment", "court documents"),
    lower case and without the article; None for a name."""
    words = name.split()
    if name == UNNAMED or not words or not (words[0].lower() in DETERMINERS or name[:1].islower()):
        return None
    if any(w[:1].isupper() for w in words[1:]):
        return None
    return tuple(w.lower() for w in words if w.lower() not in DETERMINERS) or None


def _plain_name(name: str) -> str:
    words = name.split()
    return " ".join(["the", *words[1:]]) if words[0].lower() in DETERMINERS else name


def _ref(a: AnalyzedArticle, q: Quote) -> QuoteRef:
    return QuoteRef(
        article=a.article.id,
        outlet=a.article.outlet,
        speaker=q.speaker or UNNAMED,
        cue=q.cue,
        text=q.text,
        start=q.start,
        end=q.end,
        direct=q.direct,
    )


def _cues(refs: Sequence[QuoteRef]) -> dict[str, tuple[str, ...]]:
    cues: dict[str, list[str]] = defaultdict(list)
    for r in refs:
        if r.cue and r.cue not in cues[r.outlet]:
            cues[r.outlet].append(r.cue)
    return {k: tuple(v) for k, v in cues.items()}


def _notes(
    refs: Sequence[QuoteRef],
    articles: Sequence[AnalyzedArticle],
    fact_of: dict[tuple[str, int], str],
) -> Iterator[str]:
    outlets = list(dict.fromkeys(r.outlet for r in refs))
    if len(outlets) == 1 and len(articles) > 1:
        yield f"quoted only by {outlets[0]}"
    yield from _cue_contrast(refs, fact_of)
    yield from _wording(refs)


def _cue_contrast(refs: Sequence[QuoteRef], fact_of: dict[tuple[str, int], str]) -> Iterator[str]:
    """One statement of one speaker introduced with different verbs by different outlets
    ("told reporters" / "admitted"), at least one of them not a neutral verb. Two quotes are
    one statement when they share most words, or belong to one fact and share some."""
    seen: set[frozenset[str]] = set()
    for x, y in itertools.combinations(refs, 2):
        if x.outlet == y.outlet or not (x.cue and y.cue) or _cue_key(x) == _cue_key(y):
            continue
        if (_neutral(x) and _neutral(y)) or not _same_statement(x, y, fact_of):
            continue
        pair = frozenset({f"{x.outlet}\t{x.cue}", f"{y.outlet}\t{y.cue}"})
        if pair in seen:
            continue
        seen.add(pair)
        first, second = (x, y) if _neutral(x) else (y, x)
        words = min((x.text, y.text), key=len)
        yield (
            f"same statement, different verbs: {first.outlet} “{first.cue}”, "
            f"{second.outlet} “{second.cue}” — “{_excerpt(words)}”"
        )


def _cue_key(r: QuoteRef) -> str:
    return " ".join(r.cue.lower().split())


def _neutral(r: QuoteRef) -> bool:
    return _cue_key(r) in NEUTRAL_CUES


def _same_statement(x: QuoteRef, y: QuoteRef, fact_of: dict[tuple[str, int], str]) -> bool:
    """The shorter quote's words nearly all in the longer one ("We do not yet know the cause"
    in "We do not yet know the cause, and I will not guess"), or one fact and some words."""
    if _contained(x.text, y.text) >= SAME_STATEMENT:
        return True
    overlap = _overlap(x.text, y.text)
    fact = fact_of.get((x.article, x.start))
    return fact is not None and fact == fact_of.get((y.article, y.start)) and overlap >= SOME_WORDS


def _excerpt(text: str, words: int = 12) -> str:
    """The quote's first words, without its quotation marks and closing comma."""
    parts = re.sub(r"[“”\"]", "", text).strip(" ,;:").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _wording(refs: Sequence[QuoteRef]) -> Iterator[str]:
    """Direct quotes of one utterance in which the outlets swapped a word (not a longer or
    shorter quote, nor another spelling: :func:`rashomon.compare.differences.swapped`)."""
    direct = [r for r in refs if r.direct]
    for x, y in itertools.combinations(direct, 2):
        if x.outlet != y.outlet and swapped(x.text, y.text):
            yield (
                f"quoted differently: {x.outlet} “{plain_quote(x.text)}” / "
                f"{y.outlet} “{plain_quote(y.text)}”"
            )


def _contained(a: str, b: str) -> float:
    """Share of the shorter text's words found in the other; 0 for fewer than MIN_WORDS."""
    x, y = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    small, large = (x, y) if len(x) <= len(y) else (y, x)
    return len(small & large) / len(small) if len(small) >= MIN_WORDS else 0.0


def _overlap(a: str, b: str) -> float:
    x, y = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(x & y) / max(1, len(x | y))
