"""What grouping reads from an analysed article."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from rashomon.records import (
    AnalyzedArticle,
    Article,
    Entity,
    GenreCall,
    Mention,
)
from rashomon.stories import profile

GENRE = GenreCall("report", 0.0, 0.0, 0.0, 0.0, 0.0)


def analysed(entities: tuple[Entity, ...]) -> AnalyzedArticle:
    article = Article(id="a", outlet="o", text="text")
    return AnalyzedArticle(article, (), (), entities, (), (), GENRE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 6.1-magnitude quake left 214 people and 2,500 homes", ("214", "2500", "6.1")),
        ("Three people and 4 dogs, on 12 May", ("12",)),
        ("It happened in 2013, after the 2004 tsunami", ()),  # years are not amounts
        ("a cost of $1.5 million, or 1,234,567.8 pesos", ("1.5", "1234567.8")),
        ("no figures at all", ()),
    ],
)
def test_numbers(text: str, expected: tuple[str, ...]) -> None:
    assert profile.numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On July 2, 2013 a quake hit the region of the 2004 tsunami. 2013 was bad.", (2004, 2013)),
        ("Flight 1200 left gate 2100 at 19.30.", ()),  # numbers that are not years
        ("No year written here.", ()),
    ],
)
def test_years(text: str, expected: tuple[int, ...]) -> None:
    assert profile.years(text) == expected


def test_the_year_of_publication_is_not_a_written_year() -> None:
    article = Article(
        id="a", outlet="o", text="No year written here.", published=dt.date(2020, 1, 1)
    )
    analysis = AnalyzedArticle(article, (), (), (), (), (), GENRE)
    assert profile.build(analysis, np.ones(384)).years == ()


def test_entities_are_kind_and_name_with_mentions() -> None:
    mention = Mention(0, 4, "Aceh")
    found = (
        Entity("e1", "Aceh", "place", (mention, mention)),
        Entity("e2", "the crowd", "other", (mention,)),
    )
    assert profile.entities(analysed(found)) == {"place:aceh": 2}


def test_terms_drop_stop_words_and_keep_numbers() -> None:
    assert profile.terms("The quake of 6.1 hit the province; the quake") == {
        "quake": 2,
        "6.1": 1,
        "hit": 1,
        "province": 1,
    }
