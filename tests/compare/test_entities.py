"""Entities across articles: one canonical entity per real actor, never two of one article."""

from __future__ import annotations

import pytest

from rashomon.compare.entities import entity_index, link, speaker_key
from rashomon.records import (
    AnalyzedArticle,
    Article,
    CrossEntity,
    Entity,
    EntityKind,
    GenreCall,
    Mention,
    Tone,
)

GENRE = GenreCall("report", 0.0, 0.0, 0.0, 0.0, 0.0)

# (name, kind, title); each tuple of them is one article.
Spec = tuple[str, EntityKind, str]


def entity(ident: str, name: str, kind: EntityKind, title: str = "") -> Entity:
    return Entity(ident, name, kind, (Mention(0, len(name), name),), title=title)


def article(ident: str, specs: list[Spec], tones: tuple[Tone, ...] = ()) -> AnalyzedArticle:
    entities = tuple(entity(f"e{n}", *spec) for n, spec in enumerate(specs, 1))
    text = " ".join(s[0] for s in specs)
    return AnalyzedArticle(
        Article(ident, f"outlet-{ident}", text), (), (), entities, (), (), GENRE, tones=tones
    )


def groups(linked: list[CrossEntity]) -> set[frozenset[str]]:
    """Each cross entity as the set of article/entity ids it joins."""
    return {frozenset(f"{m.article}/{m.entity}" for m in c.mentions) for c in linked}


def linked(*articles: list[Spec]) -> set[frozenset[str]]:
    return groups(link([article(f"a{n}", specs) for n, specs in enumerate(articles, 1)]))


@pytest.mark.parametrize(
    "articles",
    [
        # Full name, title + surname, and the role alone.
        [
            [("Giulia Rossi", "person", "Italian Transport Minister")],
            [("Rossi", "person", "Minister")],
            [("Italian transport minister", "person", "Italian transport minister")],
        ],
        [[("U.S.", "place", "")], [("United States", "place", "")]],
        [[("Capitol Hill", "place", "")], [("Congress", "organization", "")]],
        [[("MFL", "organization", "")], [("Mediterranean Ferry Lines", "organization", "")]],
        [[("Portuguese", "group", "")], [("Portugal", "place", "")]],
        [[("J. Smith", "person", "")], [("John Smith", "person", "Mr.")]],
        # A short first name in one outlet, the written-out one in another.
        [[("Chuck Hansen", "person", "Sen.")], [("Charles Hansen", "person", "Senator")]],
        [[("Liz Warden", "person", "")], [("Elizabeth Warden", "person", "")]],
        # The small model tags a name as a place in one outlet.
        [[("Maurice Keller", "place", "")], [("Maurice Keller", "person", "coach")]],
        # A generational suffix one outlet leaves out, when no outlet names two people.
        [[("Eric H. Holder Jr.", "person", "")], [("Eric Holder", "person", "")]],
    ],
)
def test_entities_that_must_link(articles: list[list[Spec]]) -> None:
    assert len(linked(*articles)) == 1


@pytest.mark.parametrize(
    "articles",
    [
        [[("John Smith", "person", "")], [("Jane Smith", "person", "")]],
        # A short form of another name: "Bill" is William, not Charles.
        [[("Bill Hansen", "person", "")], [("Charles Hansen", "person", "")]],
        [[("Washington", "place", "")], [("George Washington", "person", "")]],
        # Two full names own the surname: a bare "Smith" is left alone.
        [
            [("John Smith", "person", "")],
            [("Jane Smith", "person", "")],
            [("Smith", "person", "")],
        ],
        # Two ministers: the role alone could be either.
        [
            [("Karl Weber", "person", "Finance Minister")],
            [("Otto Braun", "person", "Health Minister")],
            [("minister", "person", "minister")],
        ],
        # A courtesy title of the other gender.
        [[("Ms. Smith", "person", "Ms.")], [("John Smith", "person", "")]],
        # Modifiers that clash.
        [
            [("Italian minister", "person", "Italian minister")],
            [("French minister", "person", "French minister")],
        ],
    ],
)
def test_entities_that_must_not_link(articles: list[list[Spec]]) -> None:
    result = linked(*articles)
    assert all(len(group) == 1 for group in result)


def test_father_and_son_named_in_one_outlet_stay_apart_in_all() -> None:
    both = [("Donald Trump", "person", ""), ("Donald Trump Jr.", "person", "")]
    result = linked(both, [("Donald Trump Jr.", "person", "")], [("Donald Trump", "person", "")])
    assert result == {frozenset({"a1/e1", "a3/e1"}), frozenset({"a1/e2", "a2/e1"})}


def test_two_entities_of_one_article_are_never_joined() -> None:
    first = [("U.S.", "place", ""), ("United States", "place", "")]
    result = linked(first, [("America", "place", "")])
    assert frozenset({"a1/e1", "a1/e2"}) not in result
    assert not any({"a1/e1", "a1/e2"} <= group for group in result)


def test_name_kind_order_and_ids() -> None:
    result = link(
        [
            article("a1", [("Oslo", "place", ""), ("Giulia Rossi", "person", "Minister")]),
            article("a2", [("Rossi", "person", "Minister")]),
        ]
    )
    assert [(c.id, c.name, c.kind) for c in result] == [
        ("x1", "Giulia Rossi", "person"),
        ("x2", "Oslo", "place"),
    ]
    assert [m.article for m in result[0].mentions] == ["a1", "a2"]


def test_tone_is_carried_over_from_each_article() -> None:
    tones = (Tone("e1", "Giulia Rossi", -0.4, 3),)
    result = link(
        [
            article("a1", [("Giulia Rossi", "person", "")], tones),
            article("a2", [("Giulia Rossi", "person", "")]),
        ]
    )
    assert [(m.article, m.tone) for m in result[0].mentions] == [("a1", -0.4), ("a2", 0.0)]


def test_nothing_to_link() -> None:
    assert link([]) == []
    assert link([article("a1", [])]) == []


def test_entity_index_maps_article_entities_to_cross_ids() -> None:
    result = link(
        [article("a1", [("Giulia Rossi", "person", "")]), article("a2", [("Rossi", "person", "")])]
    )
    assert entity_index(result) == {("a1", "e1"): "x1", ("a2", "e1"): "x1"}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Giulia Rossi", "giulia rossi"),
        ("Minister Giulia Rossi", "giulia rossi"),
        ("Mr. John Smith", "john smith"),
        ("the U.S.", "united states"),
        ("Rossi's", "rossi"),
        ("", ""),
    ],
)
def test_speaker_key(name: str, key: str) -> None:
    assert speaker_key(name) == key
