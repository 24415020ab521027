"""One entity across articles: ``Giulia Rossi`` here, ``Minister Rossi`` there, ``the Italian
transport minister`` in a third outlet.

The in-article entities of :mod:`rashomon.analyze.entities` are linked in passes, surest first:
same name or alias (``U.S.`` / ``United States``, ``Portuguese`` / ``Portugal``); acronyms
(``MFL`` / ``Mediterranean Ferry Lines``); person names (``J. Smith`` / ``John Smith``, a bare
surname when only one full name carries it); and people known only by a role, when exactly one
named person holds that title. Two entities of the same article are never linked: the article
stage keeps them apart on purpose.
"""

from __future__ import annotations

import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files

from rashomon.analyze.entities import (
    FUNCTION_WORDS,
    entity_gender,
    entity_roles,
    generation,
    initials,
    is_acronym,
    lexicon,
    name_key,
    names_compatible,
    place_key,
    role_of,
    title_fits,
    title_roles,
)
from rashomon.records import AnalyzedArticle, CrossEntity, Entity, EntityKind, EntityMentions

# --------------------------------------------------------------------------- nodes


@dataclass(frozen=True)
class _Node:
    """One in-article entity, with what linking looks at."""

    article: str
    entity: Entity
    keys: frozenset[str]
    words: tuple[str, ...]  # person name words, lower case, without titles
    nominal: bool  # known only by a role ("the suspect")
    gender: str

    @property
    def kind(self) -> EntityKind:
        return self.entity.kind


def person_words(name: str) -> tuple[str, ...]:
    """Words of a person's name without courtesy titles or role nouns (``Minister Rossi``)."""
    honorifics = lexicon().honorifics
    words = name_key(name).split()
    while len(words) > 1 and (words[0] in honorifics or role_of(words[0])):
        words = words[1:]
    return tuple(words)


def _node(article: str, entity: Entity) -> _Node:
    names = [entity.name, *entity.aliases]
    nominal = entity.kind == "person" and entity.name == entity.title
    return _Node(
        article=article,
        entity=entity,
        keys=frozenset(place_key(n) for n in names) - {""},
        words=person_words(entity.name) if entity.kind == "person" else (),
        nominal=nominal,
        gender=entity_gender(entity) if entity.kind == "person" else "",
    )


# --------------------------------------------------------------------------- union-find


class _Links:
    """Union-find over nodes that refuses to put two entities of one article together."""

    def __init__(self, nodes: Sequence[_Node]) -> None:
        self.nodes = nodes
        self.parent = list(range(len(nodes)))
        self.articles = [{n.article} for n in nodes]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.articles[ra] & self.articles[rb]:
            return False
        self.parent[rb] = ra
        self.articles[ra] |= self.articles[rb]
        return True

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.nodes)):
            out[self.find(i)].append(i)
        return sorted(out.values(), key=lambda g: g[0])

    def members(self, i: int) -> list[_Node]:
        root = self.find(i)
        return [n for j, n in enumerate(self.nodes) if self.find(j) == root]


def _kinds_meet(a: _Node, b: _Node) -> bool:
    """People link only with people; organisations, places and groups with each other."""
    return (a.kind == "person") == (b.kind == "person")


# --------------------------------------------------------------------------- passes


def _link_by_key(links: _Links) -> None:
    """Same name, alias or demonym. A person's key counts only when it is a full name, so a
    single word (``Washington``) never links a person with a place."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(links.nodes):
        person = node.kind == "person"
        if node.nominal:
            continue
        for key in [" ".join(node.words)] if person else node.keys:
            if not person or len(key.split()) > 1:
                by_key[key].append(i)
    for members in by_key.values():
        for a, b in itertools.pairwise(members):
            links.union(a, b)


def _link_acronyms(links: _Links) -> None:
    """``MFL`` in one article, ``Mediterranean Ferry Lines`` in another."""
    full: dict[str, set[int]] = defaultdict(set)
    for i, node in enumerate(links.nodes):
        if node.kind != "person":
            for name in (node.entity.name, *node.entity.aliases):
                if initials(name):
                    full[initials(name)].add(i)
    for i, node in enumerate(links.nodes):
        names = [n for n in (node.entity.name, *node.entity.aliases) if is_acronym(n)]
        for name in names:
            _link_unique(links, i, full.get(name.replace(".", "").lower(), set()))


def _link_unique(links: _Links, i: int, candidates: Iterable[int]) -> None:
    """Link node ``i`` to the candidates' cluster if they all sit in one cluster."""
    roots = {links.find(j) for j in candidates} - {links.find(i)}
    if len(roots) == 1:
        links.union(roots.pop(), i)


def _link_people(links: _Links) -> None:
    """Full names that fit (``J. Smith``/``John Smith``), then a bare surname to its one owner."""
    people = [i for i, n in enumerate(links.nodes) if n.kind == "person" and not n.nominal]
    full = [i for i in people if len(links.nodes[i].words) > 1]
    for a in full:
        for b in full:
            if a < b and _people_fit(links.nodes[a], links.nodes[b]):
                links.union(a, b)
    _link_generations(links, full)
    for i in people:
        if len(links.nodes[i].words) == 1:
            owners = [j for j in full if _people_fit(links.nodes[i], links.nodes[j])]
            same = [j for j in people if links.nodes[j].words == links.nodes[i].words]
            _link_owner_or_same(links, i, owners, same)


def _link_generations(links: _Links, full: Sequence[int]) -> None:
    """``Eric H. Holder Jr.`` in one article, ``Eric Holder`` in another: one person, unless
    some article names both (``Donald Trump`` and ``Donald Trump Jr.``)."""
    for a in full:
        base, suffix = generation(links.nodes[a].words)
        if not suffix:
            continue
        fits = [
            b
            for b in full
            if not generation(links.nodes[b].words)[1]
            and names_compatible(base, links.nodes[b].words)
            and len({links.nodes[a].gender, links.nodes[b].gender} - {""}) < 2
        ]
        named = {n.article for n in links.nodes if n.words == links.nodes[a].words}
        both = {links.nodes[b].article for b in fits} & named
        if fits and not both:
            _link_unique(links, a, fits)


def _link_owner_or_same(links: _Links, i: int, owners: list[int], same: list[int]) -> None:
    """Link to the one cluster of owners if there are owners, else to every same-named node."""
    if owners:
        _link_unique(links, i, owners)
        return
    for j in same:
        links.union(j, i)


def _people_fit(a: _Node, b: _Node) -> bool:
    genders = {a.gender, b.gender} - {""}
    if len(genders) > 1:
        return False
    return names_compatible(a.words, b.words) or names_compatible(
        _formal(a.words), _formal(b.words)
    )


def _formal(words: tuple[str, ...]) -> tuple[str, ...]:
    """The name with a short first name written out: ``chuck schumer`` → ``charles schumer``."""
    if len(words) < 2:
        return words
    return (_nicknames().get(words[0], words[0]), *words[1:])


@functools.cache
def _nicknames() -> dict[str, str]:
    lines = (files("rashomon.data") / "entity_nicknames.txt").read_text(encoding="utf-8")
    pairs = (line.split() for line in lines.splitlines() if line and not line.startswith("#"))
    return {short: formal for short, formal in pairs}


def _link_roles(links: _Links) -> None:
    """``the Italian transport minister`` → the one named person with that title; else the
    same role in other articles, when their modifiers nest (``surgeon general`` inside ``U.S.
    surgeon general``) and no two of them clash (``Italian minister`` / ``French minister``)."""
    named = [i for i, n in enumerate(links.nodes) if n.kind == "person" and not n.nominal]
    nominal = [i for i, n in enumerate(links.nodes) if n.nominal]
    for i in nominal:
        entity = links.nodes[i].entity
        roles, modifiers = entity_roles(entity), _role_modifiers(entity.title)
        owners = [
            j
            for j in named
            if roles & entity_roles(links.nodes[j].entity)
            and title_fits(links.nodes[j].entity.title, modifiers)
        ]
        same = [j for j in nominal if _same_role(links.nodes[i].entity, links.nodes[j].entity)]
        _link_owner_or_same(links, i, owners, same if _nested(links, same) else [])


def _same_role(a: Entity, b: Entity) -> bool:
    return title_roles(a.title) == title_roles(b.title)


def _nested(links: _Links, members: list[int]) -> bool:
    """True if the modifier sets of these role phrases are all subsets of one another."""
    sets = sorted((_role_modifiers(links.nodes[j].entity.title) for j in members), key=len)
    return all(a <= b for a, b in itertools.pairwise(sets))


def _role_modifiers(title: str) -> set[str]:
    words = set(name_key(title).split()) - FUNCTION_WORDS
    return {w for w in words if role_of(w) is None}


PASSES: tuple[Callable[[_Links], None], ...] = (
    _link_by_key,
    _link_acronyms,
    _link_people,
    _link_roles,
)


# --------------------------------------------------------------------------- output


def _best_name(nodes: Sequence[_Node]) -> str:
    """The most used full name: names over roles, full names over surnames and acronyms."""
    counts = Counter(n.entity.name for n in nodes)

    def rank(name: str) -> tuple[bool, bool, int, int, int]:
        proper = any(n.entity.name == name and not n.nominal for n in nodes)
        words = len(name_key(name).split())
        return (proper, not is_acronym(name), words > 1, counts[name], len(name))

    return max(counts, key=rank)


def _kind(nodes: Sequence[_Node]) -> EntityKind:
    kinds = Counter(n.kind for n in nodes)
    return kinds.most_common(1)[0][0]


def _mentions(node: _Node, tones: dict[tuple[str, str], float]) -> EntityMentions:
    return EntityMentions(
        article=node.article,
        mentions=node.entity.mentions,
        tone=tones.get((node.article, node.entity.id), 0.0),
        entity=node.entity.id,
    )


def link(analyzed: Sequence[AnalyzedArticle]) -> list[CrossEntity]:
    """Link the entities of several articles; ids ``x1``, ``x2``… most widely covered first."""
    nodes = [_node(a.article.id, e) for a in analyzed for e in a.entities]
    tones = {(a.article.id, t.entity): t.score for a in analyzed for t in a.tones}
    links = _Links(nodes)
    for step in PASSES:
        step(links)
    groups = [[nodes[i] for i in g] for g in links.groups()]
    groups.sort(key=lambda g: (-len(g), -sum(len(n.entity.mentions) for n in g)))
    return [
        CrossEntity(
            id=f"x{n}",
            name=_best_name(group),
            kind=_kind(group),
            mentions=tuple(_mentions(node, tones) for node in group),
        )
        for n, group in enumerate(groups, 1)
    ]


def entity_index(linked: Iterable[CrossEntity]) -> dict[tuple[str, str], str]:
    """(article id, in-article entity id) → cross-article entity id, to group quotes by speaker."""
    return {(m.article, m.entity): cross.id for cross in linked for m in cross.mentions}


def speaker_key(name: str) -> str:
    """A key for a speaker named by a string only: no titles, case, dots or aliases.

    ``Minister Giulia Rossi`` and ``giulia rossi`` meet; prefer :func:`entity_index` when the
    quote has a ``speaker_entity``, since a bare ``Rossi`` only meets ``Rossi``.
    """
    kept = person_words(name)
    return " ".join(kept) if kept else name_key(name)
