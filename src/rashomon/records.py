"""Frozen records passed between pipeline stages.

Every record that points at text carries ``start``/``end`` character offsets into
``Article.text`` of the article it belongs to, so a reader can always see the exact words
behind an output. Records serialise to plain JSON with :func:`to_json` and back with
:func:`from_json`; ``docs/schema/`` holds the JSON schema generated from these classes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.4"
# A cue by which the speaker says the claim is false: "denied that ...", "rejected claims that".
DENIAL_CUE = re.compile(r"\b(?:den(?:y|ies|ied|ying|ial)|reject\w*|disput\w*|refut\w*)\b", re.I)

Voice = Literal["outlet", "direct", "indirect"]
Genre = Literal["report", "opinion"]
EntityKind = Literal["person", "organization", "place", "group", "other"]
FactStatus = Literal["agreed", "similar", "exclusive"]
EvidenceKind = Literal[
    "loaded", "hedge", "first_person", "evaluative", "cue", "question", "exclamation", "sentiment"
]


@dataclass(frozen=True)
class Article:
    """One article as read from its source. ``text`` is the cleaned body; offsets point into it."""

    id: str
    outlet: str
    text: str
    title: str = ""
    url: str = ""
    published: dt.date | None = None
    source: str = ""
    language: str = "en"
    byline: str = ""
    dateline: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A stretch of article text naming an entity."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """One canonical actor, place or group of an article, with every mention of it."""

    id: str
    name: str
    kind: EntityKind
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    title: str = ""


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts: ``214 passengers``, ``$2 million``, ``12%``.

    ``unit`` is the counted noun (or currency, unit of measure); ``predicate`` says what
    happened to it, as a class of ``data/quantity_predicates.txt`` ("two passengers died" →
    ``death``) or the lemma of the governing verb, or "" when the parse says nothing.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: Literal["count", "money", "percent", "measure", "ordinal"] = "count"
    approximate: bool = False
    bound: Literal["exact", "at_least", "at_most", "about"] = "exact"
    predicate: str = ""  # what happened to what is counted: "death", "injury", "aboard"...


@dataclass(frozen=True)
class TimeExpression:
    """A date or relative time resolved against the publication date (ISO ``YYYY-MM-DD``)."""

    start: int
    end: int
    text: str
    date: str | None
    granularity: Literal["day", "month", "year", "week", "time", "unknown"] = "day"
    anchor: Literal["publication", "dateline", "explicit", "unresolved"] = "publication"


@dataclass(frozen=True)
class Attribution:
    """Who asserts a stretch of text: speaker, cue verb and content, each with offsets."""

    content_start: int
    content_end: int
    speaker: str | None
    speaker_entity: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    direct: bool = False
    # The content without the frame inside it: '"A," he said. "B."' gives '"A,"' and '"B."'.
    # Empty when not known; read it then as the one range (content_start, content_end).
    fragments: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Quote:
    """A direct or reported statement of a speaker, as the outlet presents it."""

    id: str
    speaker: str | None
    speaker_entity: str | None
    cue: str
    text: str
    start: int
    end: int
    direct: bool
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass(frozen=True)
class Tone:
    """Sentiment in [-1, 1] toward one entity, from the claims that mention it.

    ``quoted`` counts the claims among ``claims`` that were someone's quoted words: their
    sentiment is the speaker's, so they weigh half as much as the outlet's own sentences.
    ``words`` are the words behind the score (kind ``sentiment``): those the parse links to a
    mention of the entity and that carry a sentiment.
    """

    entity: str
    name: str
    score: float
    claims: int
    quoted: int = 0
    words: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A word or phrase of the article that supports a framing judgement.

    ``quoted`` is true when the words stand inside a quotation: they are the speaker's, not the
    outlet's, and do not count toward the outlet's framing.
    """

    kind: EvidenceKind
    text: str
    start: int
    end: int
    quoted: bool = False


@dataclass(frozen=True)
class GenreCall:
    """Report or opinion, with the measurements and words behind the call."""

    label: Genre
    score: float
    attributed_share: float
    evaluative_per_100_words: float
    first_person_per_100_words: float
    hedges_per_100_words: float
    evidence: tuple[Evidence, ...] = ()
    section: str = ""  # an opinion section named in the article's URL ("/opinion/"), if any


@dataclass(frozen=True)
class Claim:
    """An atomic statement of an article: a sentence or a clause of one."""

    id: str
    article: str
    text: str
    start: int
    end: int
    sentence: int
    voice: Voice = "outlet"
    speaker: str | None = None
    speaker_entity: str | None = None
    cue: str = ""
    quote: str | None = None
    entities: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    negated: bool = False
    hedged: bool = False
    sentiment: float = 0.0
    evaluative: bool = False


@dataclass(frozen=True)
class AnalyzedArticle:
    """Everything rashomon reads from one article."""

    article: Article
    claims: tuple[Claim, ...]
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    quantities: tuple[Quantity, ...]
    times: tuple[TimeExpression, ...]
    genre: GenreCall
    tones: tuple[Tone, ...] = ()
    sentiment: float = 0.0
    framing: tuple[Evidence, ...] = ()
    schema_version: str = SCHEMA_VERSION


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class ClaimRef:
    """A claim as cited by a comparison: its article and exact span."""

    article: str
    claim: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    cue: str = ""  # the words that attribute the claim to its speaker ("said", "denied")

    @property
    def attribution(self) -> str:
        """Who the outlet says said it: ``Lois Lerner``; with the cue when the speaker denies
        the words (``Lois Lerner, denying``): the claim is then what the speaker says is false.
        """
        if not self.speaker or self.names_its_speaker:
            return ""
        return f"{self.speaker}, denying" if DENIAL_CUE.search(self.cue) else self.speaker

    @property
    def names_its_speaker(self) -> bool:
        """The claim's own words say who did what ("Mrs. Clinton laid out a far more calibrated
        position"): the words are the outlet's, not the speaker's, and need no "— X"."""
        surname = self.speaker.split()[-1] if self.speaker else ""
        return bool(self.cue and surname) and all(
            re.search(rf"\b{re.escape(w)}\b", self.text) for w in (self.cue, surname)
        )


@dataclass(frozen=True)
class Difference:
    """A detail one side of an agreed fact adds and another leaves out."""

    kind: Literal["place", "number", "time", "actor", "cause", "detail"]
    article: str
    text: str
    start: int
    end: int
    explanation: str
    missing_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """Claims of several articles that state the same thing."""

    id: str
    status: FactStatus
    outlets: tuple[str, ...]
    claims: tuple[ClaimRef, ...]
    label: str
    differences: tuple[Difference, ...] = ()
    opinion: bool = False
    # For a fact of one outlet: the claim of each other outlet closest in meaning, when close
    # enough to be the same thing in other words (status "similar"), so a reader can check.
    nearest: tuple[ClaimRef, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """Two claims that cannot both be true, with a one-sentence explanation."""

    id: str
    kind: Literal["number", "date", "place", "negation", "cause", "actor"]
    explanation: str
    a: ClaimRef
    b: ClaimRef
    fact: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class QuoteRef:
    """A quote as listed in a comparison."""

    article: str
    outlet: str
    speaker: str
    cue: str
    text: str
    start: int
    end: int
    direct: bool


@dataclass(frozen=True)
class VoiceSummary:
    """One canonical speaker across outlets."""

    speaker: str
    quotes: tuple[QuoteRef, ...]
    outlets: tuple[str, ...]
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityMentions:
    """Mentions of one cross-article entity in one article."""

    article: str
    mentions: tuple[Mention, ...]
    tone: float = 0.0
    entity: str = ""  # the id of the entity inside that article (``Entity.id``)


@dataclass(frozen=True)
class CrossEntity:
    """One canonical entity across articles."""

    id: str
    name: str
    kind: EntityKind
    mentions: tuple[EntityMentions, ...]


@dataclass(frozen=True)
class Framing:
    """How one outlet frames the story, with evidence spans."""

    article: str
    outlet: str
    genre: Genre
    tone: float
    attributed_share: float
    tone_by_entity: dict[str, float]
    loaded: tuple[Evidence, ...]
    hedges: tuple[Evidence, ...]
    cues: dict[str, int]
    tone_words: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event, traced to the spans that date it."""

    date: str
    granularity: str
    label: str
    sources: tuple[ClaimRef, ...]
    expressions: tuple[str, ...]


@dataclass(frozen=True)
class SummarySentence:
    """A sentence of the neutral summary with the outlets that support it."""

    text: str
    outlets: tuple[str, ...]
    facts: tuple[str, ...]


@dataclass(frozen=True)
class ArticleInfo:
    """The header line of one article in a comparison."""

    id: str
    outlet: str
    title: str
    published: str | None
    genre: Genre
    url: str = ""
    words: int = 0
    text: str = ""  # the article text as read: every claim's start and end count in it


@dataclass(frozen=True)
class Comparison:
    """The claim-by-claim comparison of several articles about one event."""

    articles: tuple[ArticleInfo, ...]
    facts: tuple[Fact, ...]
    conflicts: tuple[Conflict, ...]
    quotes: tuple[QuoteRef, ...]
    voices: tuple[VoiceSummary, ...]
    entities: tuple[CrossEntity, ...]
    framing: tuple[Framing, ...]
    timeline: tuple[TimelineEntry, ...]
    summary: tuple[SummarySentence, ...]
    title: str = ""
    warnings: tuple[str, ...] = ()
    schema_version: str = SCHEMA_VERSION


# --------------------------------------------------------------------------- batches


@dataclass(frozen=True)
class Failure:
    """A source (file, record, URL) that could not be read, and why.

    A batch reports and skips it.
    """

    source: str
    reason: str
    kind: str = "InputError"


# --------------------------------------------------------------------------- stories


@dataclass(frozen=True)
class Story:
    """Articles grouped as one story across outlets and days."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    copies: dict[str, tuple[str, ...]] = field(default_factory=dict)


# --------------------------------------------------------------------------- JSON


def to_json(record: Any) -> Any:
    """Turn a record (or a tuple/list/dict of them) into JSON-ready data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_json(item) for item in record]
    if isinstance(record, dict):
        return {str(key): to_json(value) for key, value in record.items()}
    if isinstance(record, (dt.date, dt.datetime)):
        return record.isoformat()
    return record


def from_json(cls: type[Any], data: Any) -> Any:
    """Rebuild a record of type ``cls`` from :func:`to_json` output."""
    return _convert(cls, data)


def _convert(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return _convert(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        (item_type, *_) = typing.get_args(tp)
        return tuple(_convert(item_type, item) for item in data)
    if origin is dict:
        _, value_type = typing.get_args(tp)
        return {key: _convert(value_type, value) for key, value in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _convert(hints[k], v) for k, v in data.items() if k in names})
    if tp is dt.date:
        return dt.date.fromisoformat(data)
    return data
