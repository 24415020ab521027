"""Differences inside an agreed fact: a detail one side gives and another leaves out.

"Tagus Wire says where: Geneva; Harbour State does not say where." A detail of a claim is a
place, a named actor, a number, a date or a cause, cited by the span of the words that give
it. It is missing from another article only when that article gives it nowhere, not only in
its claim of the fact: an outlet that names the place one sentence earlier has not left it
out, and one that gives another figure for the same count has a conflict, not a gap.

Details a reader would not miss are skipped: ages, vague numbers ("a few hundred metres"),
single things ("one text"), times that name no date ("in winter", "the day") or stand in a
name ("the 1976 Foreign Sovereign Immunities Act"), title words ("Transport" of "Transport
Minister") and nameless people ("the suspect"). A person counts as named where the surname
is. Entities carry their cross-article name (``rashomon.compare.entities.link``), and each
detail is listed once per article (``with_differences``: once across the facts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from rashomon.analyze.entities import role_of
from rashomon.analyze.quantities import comparable, label, lexicon
from rashomon.compare.align import content_stems
from rashomon.compare.conflicts import CAUSE
from rashomon.compare.entities import entity_index, link, speaker_key
from rashomon.records import AnalyzedArticle, Claim, Difference, Entity, Fact, Quantity

KIND_OF_ENTITY = {"place": "place", "person": "actor", "organization": "actor"}
RELATED = 0.40  # MiniLM cosine of two claims of one story that neither restate nor ignore
CONTRAST = re.compile(
    r"\b(?:but|however|although|though|despite|yet|instead|whereas|nevertheless|not|no|never"
    r"|den(?:y|ied|ies)|reject\w*|disput\w*|refut\w*|contradict\w*|false|untrue|wrong"
    r"|mislead\w*|critic\w*|oppos\w*|counter\w*|insist\w*|argu\w*|claim\w*)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"[\"“”]")
CAUSE_WORDS = content_stems("because due caused blamed result owing triggered sparked")


@dataclass(frozen=True)
class Detail:
    """One detail of a claim, with how to find it in another article."""

    kind: str  # Difference.kind
    text: str  # the words of the claim that give it
    start: int
    end: int
    key: str  # cross-article entity id, date, measure and value, or cause words
    name: str = ""  # the cross-article name of an entity
    what: str = ""  # what happened to what a number counts ("Dead"), when a class says it
    also: tuple[str, ...] = ()  # other names that give it (a person's surname)


@dataclass(frozen=True)
class Coverage:
    """What one article says anywhere, to tell whether it leaves a detail out."""

    article: AnalyzedArticle
    entities: frozenset[str]
    dates: frozenset[str]
    stems: frozenset[str]
    text: str  # lower-cased article text, to find a name the linker missed
    told: tuple[Claim, ...]  # its claims in the fact


# --------------------------------------------------------------------------- entry point


def with_differences(facts: Sequence[Fact], analyzed: Sequence[AnalyzedArticle]) -> list[Fact]:
    """``facts`` with their differences, each detail of an article listed under one fact only
    (the first that has it), so that a reader never sees the same difference twice."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for fact in facts:
        kept = []
        for d in differences(fact, analyzed):
            key = (d.article, d.kind, d.explanation)
            if key not in seen:
                seen.add(key)
                kept.append(d)
        out.append(replace(fact, differences=tuple(kept)))
    return out


def differences(fact: Fact, analyzed: Sequence[AnalyzedArticle]) -> list[Difference]:
    """What each article of ``fact`` adds that the other articles of the fact leave out."""
    if fact.status != "agreed":
        return []
    members = {c.article for c in fact.claims}
    chosen = [a for a in analyzed if a.article.id in members]
    linked = link(chosen)
    index = entity_index(linked)
    names = {cross.id: cross.name for cross in linked}
    coverage = {a.article.id: _coverage(a, index, fact) for a in chosen}
    outlets = {a.article.id: a.article.outlet for a in analyzed}
    claims = {c.id: c for a in chosen for c in a.claims}
    articles = {a.article.id: a for a in chosen}
    found: dict[tuple[str, str, str], Difference] = {}
    for ref in fact.claims:
        claim, article = claims.get(ref.claim), articles.get(ref.article)
        if claim is None or article is None:
            continue
        for detail in details(claim, article, index, names):
            key = (ref.article, detail.kind, detail.key)
            missing = _missing_in(detail, claim, coverage)
            if missing and key not in found:
                found[key] = _difference(detail, article, [outlets[m] for m in missing], missing)
    return list(found.values())


def _difference(
    detail: Detail, article: AnalyzedArticle, others: list[str], missing: list[str]
) -> Difference:
    return Difference(
        kind=detail.kind,  # type: ignore[arg-type]
        article=article.article.id,
        text=detail.text,
        start=detail.start,
        end=detail.end,
        explanation=explain(article.article.outlet, detail, others),
        missing_in=tuple(missing),
    )


def explain(outlet: str, detail: Detail, others: Sequence[str]) -> str:
    """One sentence: "Tagus Wire names Giulia Rossi; Harbour State TV does not." The verb
    agrees with the outlets that leave the detail out."""
    who = _join(list(dict.fromkeys(others)))
    one = len(set(others)) == 1
    does, gives = ("does", "gives") if one else ("do", "give")
    shown = detail.name or detail.text
    gives_it, lacks_it = {
        "place": (f"says where: {shown}", f"{does} not say where"),
        "time": (f"says when: {detail.text}", f"{does} not say when"),
        "number": (f"gives the number: {_with_label(detail)}", f"{gives} no such number"),
        "actor": (f"names {shown}", f"{does} not"),
        "cause": (f"gives a cause: {detail.text}", f"{gives} no cause"),
    }.get(detail.kind, (f"adds {detail.text}", f"{does} not"))
    return f"{outlet} {gives_it}; {who} {lacks_it}."


def _with_label(detail: Detail) -> str:
    """ "14 people (dead)": what happened, when the number's words do not say it."""
    shown = detail.what.lower()
    return f"{detail.text} ({shown})" if shown and shown not in detail.text.lower() else detail.text


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# --------------------------------------------------------------------------- details


def details(
    claim: Claim,
    article: AnalyzedArticle,
    index: dict[tuple[str, str], str],
    names: dict[str, str] | None = None,
) -> list[Detail]:
    """The places, actors, numbers, dates and causes a claim states, each once."""
    found = [
        *_entity_details(claim, article, index, names or {}),
        *_number_details(claim),
        *_time_details(claim),
        *_cause_details(claim),
    ]
    once: dict[tuple[str, str], Detail] = {}
    for detail in found:
        once.setdefault((detail.kind, detail.key), detail)
    return list(once.values())


def _entity_details(
    claim: Claim, article: AnalyzedArticle, index: dict[tuple[str, str], str], names: dict[str, str]
) -> Iterator[Detail]:
    entities = {e.id: e for e in article.entities}
    for eid in claim.entities:
        entity = entities.get(eid)
        if entity is None or entity.kind not in KIND_OF_ENTITY or not _named(entity):
            continue
        mention = _mention(entity, claim)
        if mention is not None:
            key = index.get((article.article.id, eid), f"{article.article.id}/{eid}")
            kind, name = KIND_OF_ENTITY[entity.kind], names.get(key, entity.name)
            also = (name.split()[-1],) if entity.kind == "person" and " " in name else ()
            shown = _as_written(name, article.article.text, mention[0])
            yield Detail(kind, mention[2], mention[0], mention[1], key, shown, also=also)


def _as_written(name: str, text: str, start: int) -> str:
    """The name as a sentence can use it: "the Senate" where the article writes "the" before
    it, "Washington" for a dateline's "WASHINGTON"."""
    if name.isupper() and " " not in name and len(name) > 4:
        name = name.title()
    if text[max(0, start - 4) : start].lower() == "the " and not name.lower().startswith("the "):
        name = f"the {name}"
    return name


def _named(entity: Entity) -> bool:
    """A real name: not a nameless person ("the suspect"), a title word ("Transport"), a
    word that only opens a sentence ("Who", "Until") or a lower-case word ("them")."""
    if entity.kind == "person" and entity.name == entity.title:
        return False
    if not entity.name[:1].isupper() and not entity.name[:1].isdigit():
        return False
    if entity.name.lower() in _stop_words():
        return False
    words = re.findall(r"[\w'-]+", entity.name)
    title = set(entity.title.lower().split())
    return bool(words) and not all(w.lower() in title or role_of(w) for w in words)


def _stop_words() -> frozenset[str]:
    from rashomon.nlp import stop_words

    return frozenset(stop_words())


def _mention(entity: Entity, claim: Claim) -> tuple[int, int, str] | None:
    for m in entity.mentions:
        if claim.start <= m.start and m.end <= claim.end and m.text[:1].isupper():
            return m.start, m.end, m.text
    return None


def _number_details(claim: Claim) -> Iterator[Detail]:
    for q in claim.quantities:
        if _worth_telling(q):
            what = lexicon().labels.get(q.predicate, "")
            yield Detail("number", q.text, q.start, q.end, f"{label(q)}={q.value:g}", what=what)


def _worth_telling(q: Quantity) -> bool:
    """A number a reader would miss: not an ordinal, an age, a vague number ("a few hundred",
    "dozens") or a number that says neither what it counts nor what happened."""
    if q.kind == "ordinal" or q.unit == "age" or not (q.unit or q.predicate):
        return False
    if q.kind == "count" and q.value <= 1 and q.predicate not in lexicon().labels:
        return False  # "one anti-Trump text", "at least one parent"
    return not (q.approximate and q.bound == "at_least")


def _time_details(claim: Claim) -> Iterator[Detail]:
    for t in claim.times:
        if t.date and t.granularity != "unknown" and not _names_something(claim, t.end):
            yield Detail("time", t.text, t.start, t.end, t.date)


def _names_something(claim: Claim, end: int) -> bool:
    """ "the 1976 Foreign Sovereign Immunities Act": a date in a name does not date the claim."""
    after = claim.text[end - claim.start :].lstrip()
    return after[:1].isupper()


def _cause_details(claim: Claim) -> Iterator[Detail]:
    match = CAUSE.search(claim.text)
    if match is not None:
        words = match.group(0).strip()
        start = claim.start + match.start()
        yield Detail("cause", words, start, start + len(words), words.lower())


# --------------------------------------------------------------------------- contrast


def contrast_score(a: Claim, b: Claim, cosine: float) -> float:
    """How strongly two claims of one story pull against each other (``b`` weakens ``a``).

    Claims that push against each other are related but do not say the same thing: their
    MiniLM ``cosine`` lies in the middle (unrelated claims lie below it, restatements above),
    and they give other sources, quote, or use contrast or negation words. The weights are set
    by hand (see docs/quality.md, ClaimDiff, for how the score ranks pairs).
    """
    score = -4.0 * abs(cosine - RELATED)
    score += float(_other_speakers(a, b))
    score += 0.5 * sum(bool(c.speaker) for c in (a, b))
    score += 0.5 * sum(bool(CONTRAST.search(c.text)) for c in (a, b))
    score += 0.5 * sum(bool(QUOTED.search(c.text)) for c in (a, b))
    return score


def _other_speakers(a: Claim, b: Claim) -> bool:
    return bool(a.speaker and b.speaker and speaker_key(a.speaker) != speaker_key(b.speaker))


# --------------------------------------------------------------------------- coverage


def _coverage(article: AnalyzedArticle, index: dict[tuple[str, str], str], fact: Fact) -> Coverage:
    aid = article.article.id
    ids = {c.claim for c in fact.claims}
    return Coverage(
        article=article,
        entities=frozenset(index.get((aid, e.id), f"{aid}/{e.id}") for e in article.entities),
        dates=frozenset(t.date for t in article.times if t.date),
        stems=content_stems(article.article.text),
        text=article.article.text.lower(),
        told=tuple(c for c in article.claims if c.id in ids),
    )


def _missing_in(detail: Detail, claim: Claim, coverage: dict[str, Coverage]) -> list[str]:
    return [
        aid
        for aid, cov in coverage.items()
        if aid != claim.article and not _covers(cov, detail, claim)
    ]


def _covers(cov: Coverage, detail: Detail, claim: Claim) -> bool:
    if detail.kind in {"place", "actor"}:
        return detail.key in cov.entities or _says_name(cov, detail)
    if detail.kind == "time":
        return detail.key in cov.dates or any(c.times for c in cov.told)
    if detail.kind == "number":
        return _has_number(cov, claim, detail)
    cause = content_stems(detail.text) - CAUSE_WORDS
    return bool(cause) and len(cause & cov.stems) >= max(1, len(cause) // 2 + 1)


def _says_name(cov: Coverage, detail: Detail) -> bool:
    """The article writes the name, or a person's surname ("William "Mo" Cowan"), though the
    linker did not join the two entities."""
    return any(
        re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", cov.text)
        for name in {detail.text, detail.name, *detail.also}
        if len(name) > 2
    )


def _has_number(cov: Coverage, claim: Claim, detail: Detail) -> bool:
    """Whether the article gives a number for the same measure or a part or whole of it
    (equal or not: a clash is a conflict, not a difference), or the same value of it."""
    mine = next(q for q in claim.quantities if q.start == detail.start)
    return any(comparable(q, mine) or q.value == mine.value for q in cov.article.quantities)
