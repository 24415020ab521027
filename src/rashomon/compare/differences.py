"""Differences inside an agreed fact: a detail one side gives and another leaves out.

"Tagus Wire says where: Geneva; Harbour State does not say where." A detail of a claim is a
place, a named actor, a number, a date or a cause, cited by the span of the words that give
it. It is missing from another article only when that article gives it nowhere, not only in
its claim of the fact: an outlet that names the place one sentence earlier has not left it
out, and one that gives another figure for the same count has a conflict, not a gap.

Details a reader would not miss are skipped: ages, vague numbers ("a few hundred metres"),
single things ("one text"), people counted again ("the two men"), times that name no date
("in winter", "the day"), stand in a name ("the 1976 Foreign Sovereign Immunities Act") or are
a figure of speech ("a leader from yesterday"), title words ("Transport" of "Transport
Minister"), nameless people ("the suspect"), a name called out in a quote ("'Momma, look'"),
datelines ("WASHINGTON —") and party–state tags ("D-Mass."). Entities carry their
cross-article name (``rashomon.compare.entities.link``), and each detail is listed once per
article (``with_differences``: once across the facts).

A detail is given, too, when the other article writes it in another form: a person by surname,
a first-name variant ("Liz" / "Elizabeth") or the title the claim uses ("the vice president");
a US state by its abbreviation ("Ark." / "Arkansas"); an acronym by its words ("ISIS" / "the
Islamic State"); an organisation by the distinctive part of its name ("Middlesex County"); a
month by a day in it; a sum by a close one of the same unit; a quote in other spelling
("gonna" / "going to"). And "B does not say where" (when, why) is not said when B's own claim
of the fact gives a place (a time, a cause) of its own: two places for one fact are a clash,
not a gap.

Only claims that are close to one statement are compared: the detail's claim and the other
article's claim of the fact must reach the aligner's fact score (``align.FACT``) as a pair, not
only through the average of a group.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np

from rashomon.analyze.entities import initials, is_acronym, role_of
from rashomon.analyze.quantities import comparable, label, lexicon, number_value
from rashomon.compare import align
from rashomon.compare.align import content_stems
from rashomon.compare.conflicts import CAUSE, same_action
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
# Two claims whose words are this alike (difflib ratio, after spelling is evened out) are one
# wording: what one "adds" is a spelling ("Momma" / "Mama"), not a detail.
SAME_WORDING = 0.8
# Two spellings of one name: "Moammar" / "Muammar" (.86), "Gadhafi" / "Gaddafi" (.86);
# not "Johnson" / "Jones" (.67).
CLOSE_SPELLING = 0.8
# Two quotations of one speaker with this share of their words in order (difflib ratio) are one
# utterance: "We reject his visit" / "We reject his message" (.75); set by hand.
ONE_UTTERANCE = 0.7
# Two sums of one unit this close (relative) are one figure told roundly ("more than $700
# billion" / "$716 billion"); a real clash is a conflict, not a gap.
CLOSE_NUMBER = 0.1
PARTY_TAG = re.compile(r"\b[DRI]-[A-Z][A-Za-z.]*$")  # "D-Mass.", "(R-Tenn.)"
DATELINE_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?[―—–-]")
FIGURATIVE_DAY = re.compile(r"\b(?:from|of)\s+$", re.IGNORECASE)  # "a leader from yesterday"
COUNTED_AGAIN = re.compile(r"\b(?:the|both|these|those|their|his|her|its|\w+['’]s)\s+$", re.I)
OTHER_PLACE = re.compile(
    r"\b(?:this|that|our|the|their|his|her)\s+(?:\w+\s+)?"
    r"(?:country|nation|border|state|city|capital|region|town|county|island)\b",
    re.IGNORECASE,
)
WORDS = re.compile(r"[\w'’-]+")
SPOKEN_FORM = r"\b(?:gonna|wanna|gotta|gimme)\b"
SPOKEN = {"gonna": "going to", "wanna": "want to", "gotta": "got to", "gimme": "give me"}
# Words that name the kind of a body or place, not which one: "Court" of a court, "County".
GENERIC = """court senate house congress office county state city district department committee
government administration party national federal supreme general united new north south east
west university school council board agency"""
GENERIC_NAME_WORDS = frozenset(GENERIC.split())
# US states with their AP abbreviation and postal code, "-" where AP spells the name out
# (written by hand from the AP style rules).
STATES = """Alabama Ala. AL; Alaska - AK; Arizona Ariz. AZ; Arkansas Ark. AR; California Calif. CA;
Colorado Colo. CO; Connecticut Conn. CT; Delaware Del. DE; Florida Fla. FL; Georgia Ga. GA;
Hawaii - HI; Idaho - ID; Illinois Ill. IL; Indiana Ind. IN; Iowa - IA; Kansas Kan. KS;
Kentucky Ky. KY; Louisiana La. LA; Maine - ME; Maryland Md. MD; Massachusetts Mass. MA;
Michigan Mich. MI; Minnesota Minn. MN; Mississippi Miss. MS; Missouri Mo. MO; Montana Mont. MT;
Nebraska Neb. NE; Nevada Nev. NV; New_Hampshire N.H. NH; New_Jersey N.J. NJ; New_Mexico N.M. NM;
New_York N.Y. NY; North_Carolina N.C. NC; North_Dakota N.D. ND; Ohio - OH; Oklahoma Okla. OK;
Oregon Ore. OR; Pennsylvania Pa. PA; Rhode_Island R.I. RI; South_Carolina S.C. SC;
South_Dakota S.D. SD; Tennessee Tenn. TN; Texas Tex. TX; Utah - UT; Vermont Vt. VT;
Virginia Va. VA; Washington Wash. WA; West_Virginia W.Va. WV; Wisconsin Wis. WI;
Wyoming Wyo. WY"""
# Common English first names and their short forms (general knowledge, written by hand).
NICKNAMES = (
    "elizabeth liz beth betsy betty eliza lisa; william bill will billy; robert bob rob bobby; "
    "richard dick rick rich; james jim jimmy; john jack johnny; michael mike mick; "
    "joseph joe joey; thomas tom tommy; charles chuck charlie; edward ted ed eddie ned; "
    "katherine kate katie kathy; catherine kate katie cathy; margaret maggie peggy meg; "
    "patricia pat patty trish; patrick pat; anthony tony; daniel dan danny; david dave; "
    "stephen steve; steven steve; christopher chris; nicholas nick; matthew matt; "
    "benjamin ben; samuel sam; jeffrey jeff; jennifer jen jenny; susan sue susie; "
    "andrew andy drew; ronald ron ronnie; donald don donnie; gerald jerry; henry hank harry; "
    "alexander alex; alexandra alex; timothy tim; kenneth ken; lawrence larry; "
    "theodore ted teddy; frederick fred; gregory greg; jonathan jon; nathaniel nate; "
    "zachary zach; deborah deb debbie; rebecca becky; victoria vicky; barbara barb; "
    "christine chris; kimberly kim; pamela pam; abigail abby; dorothy dot; albert al; "
    "alan al; raymond ray; walter walt; mitchell mitch; douglas doug; russell russ"
)


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
    title: str = ""  # a person's title in the article ("Vice President")
    person: bool = False


@dataclass(frozen=True)
class Coverage:
    """What one article says anywhere, to tell whether it leaves a detail out."""

    article: AnalyzedArticle
    entities: frozenset[str]
    dates: frozenset[str]
    stems: frozenset[str]
    text: str  # article text with spelling evened out (``_plain``), to find a name
    raw: str  # the article text as written, for case-sensitive forms ("Ark.", "ISIS")
    told: tuple[Claim, ...]  # its claims in the fact
    names: tuple[str, ...]  # the names of its entities
    acronyms: frozenset[str]  # the acronyms it writes, lower case ("isis")
    runs: frozenset[str]  # the initials of its runs of capitalised words ("is")
    time_texts: frozenset[str]  # its time expressions as written, lower case


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
    close = _close_pairs(fact, analyzed)
    found: dict[tuple[str, str, str], Difference] = {}
    for ref in fact.claims:
        claim, article = claims.get(ref.claim), articles.get(ref.article)
        if claim is None or article is None:
            continue
        compared = {
            aid: cov for aid, cov in coverage.items() if (claim.article, claim.id, aid) in close
        }
        if not compared:
            continue
        for detail in details(claim, article, index, names):
            key = (ref.article, detail.kind, detail.key)
            missing = _missing_in(detail, claim, compared)
            if missing and key not in found:
                found[key] = _difference(detail, article, [outlets[m] for m in missing], missing)
                found[key] = _other_numbers(found[key], detail, claim, compared, outlets)
        for aid, cov in compared.items():
            other = _dated_otherwise(claim, cov, outlets)
            key = (ref.article, "time", aid)
            if other is not None and (aid, "time", ref.article) not in found:
                found[key] = other
    requoted = _requoted([c for r in fact.claims if (c := claims.get(r.claim))], outlets)
    return [*found.values(), *requoted]


def _requoted(claims: Sequence[Claim], outlets: dict[str, str]) -> list[Difference]:
    """One speaker's words quoted by the outlets with a word swapped: "foxnews.com, nytimes.com
    quote “We reject his visit”; huffingtonpost.com quotes “We reject his message”". Only for
    quotations that are plainly one utterance (most words in the same order), not for spelling
    ("Momma" / "Mama") or words one side leaves out. Told once, at the wording fewest outlets
    give."""
    quoted = [c for c in claims if c.voice == "direct" and c.speaker]
    out = []
    for key in dict.fromkeys(speaker_key(c.speaker or "") for c in quoted):
        wordings: dict[str, list[Claim]] = {}
        for c in quoted:
            if speaker_key(c.speaker or "") == key:
                wordings.setdefault(plain_quote(c.text).lower(), []).append(c)
        if len(wordings) < 2:
            continue
        groups = sorted(wordings.values(), key=len)
        outlets_of = [{outlets[c.article] for c in g} for g in groups]
        if any(a & b for a, b in itertools.combinations(outlets_of, 2)):
            continue  # one outlet with two wordings: two utterances, not one quoted twice
        if not all(swapped(groups[0][0].text, g[0].text) for g in groups[1:]):
            continue
        told = "; ".join(_quotes_as(g, outlets) for g in groups)
        first = groups[0][0]
        out.append(
            Difference(
                kind="detail",
                article=first.article,
                text=first.text,
                start=first.start,
                end=first.end,
                explanation=told + ".",
                missing_in=tuple(dict.fromkeys(c.article for g in groups[1:] for c in g)),
            )
        )
    return out


def swapped(a: str, b: str) -> bool:
    """Two quotations of one utterance in which a content word was swapped ("visit" /
    "message"), not only written otherwise ("F.B.I." / "FBI", "Sen." / "Senator", "gonna" /
    "going to", "1 in 3" / "one-in-three", "Momma" / "Mama")."""
    mine, theirs = _quote_words(a), _quote_words(b)
    matcher = SequenceMatcher(None, mine, theirs)
    if matcher.ratio() < ONE_UTTERANCE:
        return False
    return any(
        _other_word(" ".join(mine[i1:i2]), " ".join(theirs[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op == "replace"
    )


def _other_word(mine: str, theirs: str) -> bool:
    one, two = content_stems(mine), content_stems(theirs)
    if not one or not two or one == two or _spelt_alike(mine, theirs):
        return False
    if number_value(mine) is not None and number_value(mine) == number_value(theirs):
        return False
    roles = [{role_of(w) for w in text.split()} - {None} for text in (mine, theirs)]
    return not (roles[0] and roles[0] == roles[1])


def _quotes_as(group: Sequence[Claim], outlets: dict[str, str]) -> str:
    names = list(dict.fromkeys(outlets[c.article] for c in group))
    verb = "quotes" if len(names) == 1 else "quote"
    return f"{', '.join(names)} {verb} “{plain_quote(group[0].text)}”"


QUOTED_PARTS = re.compile(r"[“\"]([^“”\"]+)(?:[”\"]|$)")


def _spelt_alike(a: str, b: str) -> bool:
    """One word spelt two ways: same first letter, a couple of letters apart ("Momma" / "Mama",
    "theater" / "theatre")."""
    if not a or not b or a[0] != b[0]:
        return False
    return _edits(a, b) <= min(len(a), len(b)) // 3 + 1


def _edits(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def _quote_words(text: str) -> list[str]:
    """The words of a quotation, lower case, abbreviations without their dots ("F.B.I." →
    "fbi"), spoken forms written out and numbers joined by hyphens apart ("one-in-three").
    Only the words inside the quotation marks when it has any: "“...,” Ginsburg told The Times.
    “...”" is compared without the outlet's own words between its parts."""
    inside = QUOTED_PARTS.findall(text)
    text = " ".join(inside) if inside else text
    plain = re.sub(r"\b((?:[a-z]\.){2,})", lambda m: m.group(1).replace(".", ""), _plain(text))
    return [w.strip("'") for w in WORDS.findall(plain.replace("-", " ")) if w.strip("'")]


def plain_quote(text: str) -> str:
    return text.strip(" “”\"‘’',.;:")


def _dated_otherwise(claim: Claim, cov: Coverage, outlets: dict[str, str]) -> Difference | None:
    """Both sides date the fact, to different days, months or years, and the other article
    nowhere gives this side's dates: "huffingtonpost.com gives 1967, 1979; nytimes.com gives
    1966, 1978" (Brooke's years in the Senate)."""
    mine = [t for t in claim.times if t.date and t.granularity in DATED]
    if not mine:
        return None
    grain = {t.granularity for t in mine}
    dated = [(c, t) for c in cov.told for t in c.times if t.date and t.granularity in grain]
    theirs = [t for _, t in dated]
    my_dates, their_dates = {t.date for t in mine}, {t.date for t in theirs}
    if not theirs or my_dates & their_dates or my_dates & set(cov.dates):
        return None
    if {t.text.lower() for t in mine} == {t.text.lower() for t in theirs}:
        return None  # the same words placed apart: a reading of "February", not the outlets
    one_each = len(mine) == len(dated) == 1 and same_action(claim, mine[0], *dated[0])
    years = len(mine) == len(theirs) == 2 and grain == {"year"}  # "from 1967 to 1979"
    if not (one_each or years):
        return None  # dates of other acts in the same fact
    first = min(mine, key=lambda t: t.start)
    last = max(mine, key=lambda t: t.end)
    said = ", ".join(t.text for t in sorted(mine, key=lambda t: t.start))
    other = ", ".join(dict.fromkeys(t.text for t in sorted(theirs, key=lambda t: t.start)))
    outlet, elsewhere = outlets[claim.article], outlets[cov.article.article.id]
    return Difference(
        kind="time",
        article=claim.article,
        text=said,
        start=first.start,
        end=last.end,
        explanation=f"{outlet} gives {said}; {elsewhere} gives {other}.",
        missing_in=(cov.article.article.id,),
    )


DATED = frozenset({"day", "month", "year"})


def _other_numbers(
    found: Difference,
    detail: Detail,
    claim: Claim,
    coverage: dict[str, Coverage],
    outlets: dict[str, str],
) -> Difference:
    """A number that another article's claim of the fact gives otherwise (same unit, another
    value, not known to count the same thing: no conflict) is shown beside it, rather than
    said to be missing: "Daily gives the number: 17 people; Post gives 23 people". When the
    two claims share another value of that unit, the numbers pair up by value and the one
    left over is a detail of its own, not another figure for it."""
    if detail.kind != "number":
        return found
    mine = next(q for q in claim.quantities if q.start == detail.start)
    parts, silent = [], []
    shared = {q.value for q in claim.quantities if q.unit == mine.unit and q.kind == mine.kind}
    for aid in found.missing_in:
        others = [q for c in coverage[aid].told for q in c.quantities if _same_unit(q, mine)]
        if others and not any(q.value in shared for q in others):
            parts.append(f"{outlets[aid]} gives {others[0].text}")
        else:
            silent.append(outlets[aid])
    if not parts:
        return found
    if silent:
        parts.append(explain("", detail, silent).split("; ", 1)[1].rstrip("."))
    head = found.explanation.split("; ", 1)[0]
    return replace(found, explanation=f"{head}; {'; '.join(parts)}.")


def _same_unit(a: Quantity, b: Quantity) -> bool:
    return bool(a.unit) and a.unit == b.unit and a.kind == b.kind and a.value != b.value


_last_scores: list[tuple[tuple[AnalyzedArticle, ...], dict[tuple[str, str, str, str], float]]] = []


def _close_pairs(fact: Fact, analyzed: Sequence[AnalyzedArticle]) -> set[tuple[str, str, str]]:
    """(article, claim, other article) for each claim of ``fact`` and each other article whose
    claim of the fact reaches the aligner's fact score with it (``align.FACT``): a group can
    hold two claims that only meet through a third, and those are not one statement."""
    scores = _pair_scores(analyzed)
    out = set()
    for a in fact.claims:
        for b in fact.claims:
            if (
                a.article != b.article
                and scores.get((a.article, a.claim, b.article, b.claim), 0.0) >= align.FACT
            ):
                out.add((a.article, a.claim, b.article))
    return out


def _pair_scores(analyzed: Sequence[AnalyzedArticle]) -> dict[tuple[str, str, str, str], float]:
    """The aligner's fact score of every pair of claims of two articles, kept for the last
    comparison (the facts of one comparison are compared one by one; the embeddings are
    cached, so this costs a small share of the alignment)."""
    key = tuple(analyzed)
    for seen, table in _last_scores:
        if len(seen) == len(key) and all(x is y for x, y in zip(seen, key, strict=True)):
            return table
    items, scores = align.pair_scores(analyzed)
    ids = [(analyzed[u.article].article.id, u.claim.id) for u in items]
    rows, cols = np.nonzero(scores >= align.FACT)
    table = {(*ids[i], *ids[j]): float(scores[i, j]) for i, j in zip(rows, cols, strict=True)}
    _last_scores[:] = [(key, table)]
    return table


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
        if mention is not None and not _aside(entity, mention, article.article.text):
            key = index.get((article.article.id, eid), f"{article.article.id}/{eid}")
            kind, name = KIND_OF_ENTITY[entity.kind], names.get(key, entity.name)
            also = (name.split()[-1],) if entity.kind == "person" and " " in name else ()
            shown = _as_written(name, article.article.text, mention[0])
            title = re.sub(r"(?i)^(?:former|then-)\s*", "", entity.title)
            person = entity.kind == "person"
            yield Detail(
                kind, mention[2], mention[0], mention[1], key, shown, also=also, title=title,
                person=person,
            )  # fmt: skip


def _as_written(name: str, text: str, start: int) -> str:
    """The name as a sentence can use it: "the Senate" where the article writes "the" before
    it, "Washington" for a dateline's "WASHINGTON"."""
    if name.isupper() and " " not in name and len(name) > 4:
        name = name.title()
    if text[max(0, start - 4) : start].lower() == "the " and not name.lower().startswith("the "):
        name = f"the {name}"
    return name


def _aside(entity: Entity, mention: tuple[int, int, str], text: str) -> bool:
    """A name that is not a detail of the claim: a party–state tag ("Sen. Elizabeth Warren,
    D-Mass."), a dateline ("WASHINGTON —") or a name called out in a quote ("'Momma, look'")."""
    start, end, written = mention
    if PARTY_TAG.search(text[max(0, start - 2) : end]):
        return True
    if written.isupper() and DATELINE_AFTER.match(text, end):
        return True
    return (
        entity.kind == "person"
        and " " not in written
        and text[max(0, start - 2) : start].strip()[-1:] in {"'", '"', "‘", "“"}
        and text[end : end + 1] == ","
    )


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
        if _worth_telling(q) and not _counted_again(claim, q):
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


def _counted_again(claim: Claim, q: Quantity) -> bool:
    """ "the two men", "both leaders", "the state's two senators": a few people or things the
    story has already named, counted again, not a figure."""
    before = claim.text[: q.start - claim.start]
    return q.kind == "count" and q.value <= 3 and bool(COUNTED_AGAIN.search(before))


def _time_details(claim: Claim) -> Iterator[Detail]:
    for t in claim.times:
        if (
            t.date
            and t.granularity != "unknown"
            and not _names_something(claim, t.end)
            and not _figurative(claim, t.start, t.text)
        ):
            yield Detail("time", t.text, t.start, t.end, t.date)


def _figurative(claim: Claim, start: int, text: str) -> bool:
    """ "a leader from yesterday", "the party of tomorrow": a day word that dates nothing."""
    day = text.lower() in {"yesterday", "today", "tomorrow"}
    return day and bool(FIGURATIVE_DAY.search(claim.text[: start - claim.start]))


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
    text = article.article.text
    return Coverage(
        article=article,
        entities=frozenset(index.get((aid, e.id), f"{aid}/{e.id}") for e in article.entities),
        dates=frozenset(t.date for t in article.times if t.date),
        stems=content_stems(text),
        text=_plain(text),
        raw=text,
        told=tuple(c for c in article.claims if c.id in ids),
        names=tuple(n for e in article.entities for n in (e.name, *e.aliases)),
        acronyms=_acronyms(text),
        runs=_runs(text),
        time_texts=frozenset(t.text.lower() for t in article.times),
    )


def _plain(text: str) -> str:
    """Lower case, no accents ("Sánchez" → "sanchez"), straight quotes and spoken forms written
    out ("gonna" → "going to")."""
    text = text.lower().translate(str.maketrans("‘’“”", "''\"\""))
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return re.sub(SPOKEN_FORM, lambda m: SPOKEN[m.group(0)], text)


def _acronyms(text: str) -> frozenset[str]:
    """The acronyms an article writes, lower case: "ISIS" → "isis"."""
    found = re.findall(r"\b[A-Z][A-Z.]{1,7}\b", text)
    return frozenset(w.replace(".", "").lower() for w in found if is_acronym(w))


def _runs(text: str) -> frozenset[str]:
    """The initials of an article's runs of capitalised words: "the Islamic State" → "is"."""
    runs = re.findall(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|the|for)\s+)?[A-Z][\w'’-]*)+", text)
    return frozenset({initials(r) for r in runs} - {""})


def _missing_in(detail: Detail, claim: Claim, coverage: dict[str, Coverage]) -> list[str]:
    return [
        aid
        for aid, cov in coverage.items()
        if aid != claim.article and not _covers(cov, detail, claim)
    ]


def _covers(cov: Coverage, detail: Detail, claim: Claim) -> bool:
    if _says_it(cov, detail, claim):
        return True
    if detail.kind in {"place", "actor"}:
        return (
            detail.key in cov.entities
            or _says_name(cov, detail)
            or (detail.kind == "place" and _tells_a_place(cov))
        )
    if detail.kind == "time":
        return (
            any(d.startswith(detail.key) for d in cov.dates)
            or detail.text.lower() in cov.time_texts
            or any(c.times for c in cov.told)
        )
    if detail.kind == "number":
        return _has_number(cov, claim, detail)
    if any(CAUSE.search(c.text) for c in cov.told):
        return True
    cause = content_stems(detail.text) - CAUSE_WORDS
    return bool(cause) and len(cause & cov.stems) >= max(1, len(cause) // 2 + 1)


def _says_it(cov: Coverage, detail: Detail, claim: Claim) -> bool:
    """The article writes the detail's words (spelling evened out), or its claim of the fact
    is the same wording as ``claim`` ("'Momma, look, you won'" / "'Mama, look, you won'")."""
    words = _plain(detail.text).strip()
    if len(words) > 2 and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", cov.text):
        return True
    return any(_reworded(claim, detail, c) for c in cov.told)


def _reworded(claim: Claim, detail: Detail, other: Claim) -> bool:
    """``other`` is ``claim`` in nearly the same words, and where ``claim`` gives the detail
    ``other`` has other words, not none: a spelling ("'Momma, look'" / "'Mama, look'"), while
    a quote that leaves a name out ("joins Warren, Brown and …" / "joins Warren and …") still
    lacks it."""
    spans = [(m.start() + claim.start, m.end() + claim.start) for m in WORDS.finditer(claim.text)]
    mine = [_plain(claim.text[s - claim.start : e - claim.start]) for s, e in spans]
    theirs = [_plain(w) for w in WORDS.findall(other.text)]
    matcher = SequenceMatcher(None, mine, theirs, autojunk=False)
    if matcher.ratio() < SAME_WORDING:
        return False
    inside = [k for k, (s, e) in enumerate(spans) if s < detail.end and detail.start < e]
    return bool(inside) and all(
        tag in {"equal", "replace"}
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if any(i1 <= k < i2 for k in inside)
    )


def _tells_a_place(cov: Coverage) -> bool:
    """The article's own claim of the fact says where, with a name or in words ("this
    country", "the southern border"): where two places differ it is a clash, not a gap."""
    places = {e.id for e in cov.article.entities if e.kind == "place"}
    return any(set(c.entities) & places or OTHER_PLACE.search(c.text) for c in cov.told)


def _says_name(cov: Coverage, detail: Detail) -> bool:
    """The article writes the name in some form though the linker did not join the two
    entities: a person's surname ("William "Mo" Cowan") or first-name variant ("Liz"), the
    title the detail's person holds in the article's claim of the fact ("the vice
    president"), a state's abbreviation, an acronym's words, or the distinctive part of a
    body's name ("Middlesex County" of "the Office of the Middlesex County District
    Attorney")."""
    forms = {detail.text, detail.name, *detail.also, *_variants(detail)}
    if any(
        re.search(rf"(?<!\w){re.escape(_plain(name))}(?!\w)", cov.text)
        for name in forms
        if len(name) > 2
    ):
        return True
    if any(_state_written(name, cov.raw) for name in (detail.text, detail.name)):
        return True
    if detail.title and any(_plain(f"the {detail.title}") in _plain(c.text) for c in cov.told):
        return True
    return _acronym_met(detail, cov) or _part_of_name(detail, cov) or _spelt_otherwise(detail, cov)


def _spelt_otherwise(detail: Detail, cov: Coverage) -> bool:
    """The article's claim of the fact writes each word of the name in another spelling
    ("Moammar" / "Muammar"): same first letter, nearly the same letters."""
    mine = [w for w in WORDS.findall(_plain(detail.text)) if len(w) > 3]
    theirs = {
        _plain(w) for c in cov.told for w in WORDS.findall(c.text) if w[:1].isupper() and len(w) > 3
    }
    return bool(mine) and all(any(_close_spelling(w, t) for t in theirs) for w in mine)


def _close_spelling(a: str, b: str) -> bool:
    return a[0] == b[0] and SequenceMatcher(None, a, b).ratio() >= CLOSE_SPELLING


def _variants(detail: Detail) -> set[str]:
    """Other first names of the detail's person: "Liz Cheney" for "Elizabeth Cheney"."""
    if detail.kind != "actor" or not detail.person:
        return set()
    words = detail.name.split()
    out = set()
    for group in _nicknames():
        if words and words[0].lower() in group:
            out |= {" ".join([other.title(), *words[1:]]) for other in group}
    return out


def _nicknames() -> list[frozenset[str]]:
    return [frozenset(g.split()) for g in NICKNAMES.split(";")]


def _states() -> dict[str, tuple[str, ...]]:
    """Each way of writing a state (its name, AP abbreviation, postal code) → all of them."""
    out: dict[str, tuple[str, ...]] = {}
    for entry in STATES.split(";"):
        name, ap, post = entry.split()
        forms = tuple(f for f in (name.replace("_", " "), ap, post) if f != "-")
        for f in forms:
            out[f.lower().replace(".", "")] = forms
    return out


def _state_written(name: str, raw: str) -> bool:
    """``name`` is a US state (or the end of a place: "Hope, Ark.") and the article writes it
    in another of its forms, with the case it is written in."""
    last = name.split(",")[-1].strip().lower().replace(".", "")
    forms = _states().get(last, ())
    return any(
        re.search(rf"(?<![\w.]){re.escape(f)}(?!\w)", raw) for f in forms if not f.isupper()
    ) or any(re.search(rf"\b{f}\b", raw) for f in forms if f.isupper())


def _acronym_met(detail: Detail, cov: Coverage) -> bool:
    """ "ISIS" / "the Islamic State": an acronym and capitalised words whose initials begin it
    (at least half of it), either way round."""
    name = detail.name or detail.text
    plain = re.sub(r"^the ", "", name, flags=re.IGNORECASE)
    if is_acronym(plain):
        mine = plain.replace(".", "").lower()
        return any(
            len(other) >= max(2, len(mine) / 2) and mine.startswith(other) for other in cov.runs
        )
    short = initials(plain)
    return len(short) >= 2 and any(
        other.startswith(short) and len(short) >= len(other) / 2 for other in cov.acronyms
    )


def _part_of_name(detail: Detail, cov: Coverage) -> bool:
    """A body or place the article names by a distinctive part of the detail's name, or by a
    longer name holding it: "Middlesex County" / "the Office of the Middlesex County District
    Attorney", "Wyoming" / "Wyoming Senate", or by its head alone ("the House" / "the House of
    Representatives")."""
    if detail.person:
        return False
    mine = set(_name_words(detail.name or detail.text))
    if not mine:
        return False
    for name in cov.names:
        theirs = set(_name_words(name))
        if not theirs or not (theirs <= mine or mine <= theirs):
            continue
        small, longer = (mine, name) if len(mine) < len(theirs) else (theirs, detail.name)
        if small - GENERIC_NAME_WORDS or small == {_head(longer or detail.text)}:
            return True
    return False


def _head(name: str) -> str:
    """The word that says what kind of body a name is: "House" of "House of
    Representatives", "Senate" of "U.S. Senate"; a one-word name for a body is its head."""
    words = re.findall(r"[\w'-]+", _plain(name))
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return words[-1] if words else ""


def _name_words(name: str) -> list[str]:
    return [
        w
        for w in re.findall(r"[\w'-]+", _plain(name))
        if w not in {"of", "the", "and", "for", "in", "at"} and len(w) > 1
    ]


def _has_number(cov: Coverage, claim: Claim, detail: Detail) -> bool:
    """Whether the article gives a number for the same measure or a part or whole of it
    (equal or not: a clash is a conflict, not a difference), the same value of it, or a close
    value of the same unit ("more than $700 billion" / "$716 billion")."""
    mine = next(q for q in claim.quantities if q.start == detail.start)
    return any(
        comparable(q, mine)
        or q.value == mine.value
        or _close_number(q, mine)
        or _rounded_alike(q, mine)
        for q in cov.article.quantities
    )


def _rounded_alike(a: Quantity, b: Quantity) -> bool:
    """One figure given to other precision: "35.7 percent" / "35.72" (a tax rate); not "$139
    million" / "$141 million". Whole numbers must also share their unit, if both have one; a
    figure with decimals is one figure whatever each side calls it."""
    places = min(_decimals(a.text), _decimals(b.text))
    if not places and a.unit and b.unit and a.unit != b.unit:
        return False
    return abs(a.value - b.value) < 0.5 * 10.0**-places


def _decimals(text: str) -> int:
    found = re.search(r"\d\.(\d+)", text)
    return len(found.group(1)) if found else 0


def _close_number(a: Quantity, b: Quantity) -> bool:
    if a.unit != b.unit or a.kind != b.kind or not a.unit:
        return False
    return abs(a.value - b.value) <= CLOSE_NUMBER * max(abs(a.value), abs(b.value))
