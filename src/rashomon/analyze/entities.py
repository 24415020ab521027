"""People, organisations, places and groups of one article, each with every mention of it.

Named mentions come from spaCy's NER, cleaned of the boundary errors the small model makes
(titles inside PERSON spans, a trailing ``'s``, a leading ``the``). They are grouped in order of
appearance: full names, surnames (``Rossi``, ``Mr. Smith``), acronyms (``MFL``), aliases (``the
U.S.`` / ``United States``) and demonyms (``Portuguese`` / ``Portugal``). Then role nouns (``the
minister``) and pronouns (``she``) are attached to an entity only when one candidate fits; an
ambiguous mention is left out rather than guessed. A person known only by a role (``the
suspect``) becomes an entity whose ``name`` and ``title`` are both the role phrase. A party the
text states for a person (``Democrat Hillary Clinton``, ``Ted Cruz (R-Texas)``) lets a role
phrase with a party word (``the Republican senator``) name them.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from rashomon import nlp
from rashomon.analyze.attribution import MESSAGES, speech_verbs
from rashomon.records import Entity, EntityKind, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

KIND_OF_LABEL: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "VESSEL": "other",  # not a spaCy label: a ship's name found by ``_vessels``
}
PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
REFLEXIVES = frozenset({"himself", "herself", "themselves"})
DEFINITE = frozenset({"the", "this", "that"})
INDEFINITE = frozenset({"a", "an", "one", "another"})
# Modifiers that say "a different one": such a noun phrase never refers back.
CONTRASTIVE = frozenset({"other", "another", "second", "new", "different", "next"})
# Modifiers that add nothing a title has to match.
GENERIC_MODIFIERS = frozenset({"former", "then", "top", "senior", "veteran", "longtime", "current"})
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "&", "de", "la", "du", "des", "der", "on"})
Step = Callable[[], None]
PORTFOLIO_TITLES = frozenset({"minister", "secretary", "commissioner"})
LEGISLATORS = frozenset({"senator", "representative", "mp"})
# What makes a role phrase pick out someone other than the person just named: "the first senator
# to ...", "the ambassador to Libya", "the candidate who ...", "the state's governor".
RESTRICTIVE = frozenset({"prep", "acl", "relcl", "poss"})
NOT_NAME = frozenset({"VERB", "AUX", "ADP", "ADV", "PRON", "DET", "SCONJ", "CCONJ", "NUM"})
ANTECEDENTS = frozenset({"NOUN", "PROPN"})  # what a relative pronoun may stand for
WINDOW = 2  # how many sentences back a pronoun or a role noun may look
# A party tag after a name: "Ted Cruz (R-Texas)", "Cruz (D)", "Cruz, R-Texas, said".
PLACE = r"[A-Z][\w.]*(?: [A-Z][\w.]*)?"
PARTY_TAG = re.compile(
    rf"\s*(?:\(\s*([DR])\s*(?:[-–—]\s*{PLACE})?\s*\)|,\s*([DR])\s*[-–—]\s*{PLACE}(?=[\s,;)]|$))"
)
# Not "I": an independent senator may still be a Democratic candidate.
TAG_LETTERS = {"D": "democratic", "R": "republican"}
# Words that make a party word part of another name: "Christian Democratic Union", "Liberal
# Democrats", "New Democratic Party", "Republican Guard", "Irish Republican Army".
NOT_PARTY_BEFORE = frozenset({"christian", "social", "liberal", "free", "new"})
NOT_PARTY_AFTER = frozenset({"republic", "guard", "army"})
# Names are keyed again and again while an article's mentions are grouped: the keys of the
# names seen last are kept (the functions below are pure, the lexicons fixed).
NAME_CACHE = 8192


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class Lexicon:
    """The hand-written word lists in ``rashomon/data/entity_*.txt``."""

    demonyms: dict[str, str]  # "portuguese" -> "portugal" (name keys)
    aliases: dict[str, str]  # "us" -> "united states" (name keys)
    honorifics: dict[str, str]  # "mr" -> "m"
    roles: dict[str, tuple[str, str]]  # "spokeswoman" -> ("spokesperson", "f")
    first_names: dict[str, str]  # "giulia" -> "f"
    org_nouns: frozenset[str]
    organizations: frozenset[str]  # "twitter": names never of a person (plain words)
    epithets: dict[str, bool]  # "mogul" -> False, "senator" -> True (an office)
    parties: dict[str, str]  # "gop" -> "republican"


def _lines(name: str) -> list[str]:
    text = resources.files("rashomon.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _table(name: str) -> dict[str, str]:
    """Read ``Canonical: alias, alias`` lines as alias key -> canonical key."""
    out: dict[str, str] = {}
    for line in _lines(name):
        canonical, _, rest = line.partition(":")
        for alias in [canonical, *rest.split(",")]:
            out[_plain(alias)] = _plain(canonical)
    return out


def _roles() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for line in _lines("entity_roles.txt"):
        word, canonical, gender = ([*(part.strip() for part in line.split("|")), "", ""])[:3]
        out[word] = (canonical or word, gender)
    return out


def _epithets() -> dict[str, bool]:
    out = {}
    for line in _lines("entity_epithets.txt"):
        word, _, mark = line.partition("|")
        out[word.strip()] = mark.strip() == "office"
    return out


def _genders(name: str) -> dict[str, str]:
    return {parts[0]: (parts[1:] or [""])[0] for parts in map(str.split, _lines(name))}


@functools.cache
def lexicon() -> Lexicon:
    """Load the entity word lists once per process."""
    return Lexicon(
        demonyms={k: v for k, v in _table("entity_demonyms.txt").items() if k != v},
        aliases=_table("entity_aliases.txt"),
        honorifics=_genders("entity_honorifics.txt"),
        roles=_roles(),
        first_names=_genders("entity_first_names.txt"),
        org_nouns=frozenset(_lines("entity_org_nouns.txt")),
        organizations=frozenset(_lines("entity_organizations.txt")),
        epithets=_epithets(),
        parties=_table("entity_parties.txt"),
    )


# --------------------------------------------------------------------------- names


@functools.lru_cache(maxsize=NAME_CACHE)
def _plain(text: str) -> str:
    """Lower case, no dots, apostrophes or leading ``the``; words split on other punctuation."""
    text = re.sub(r"['’]s$", "", text.strip().lower())
    text = re.sub(r"[.'’]", "", text)
    text = " ".join(re.findall(r"[\w&]+", text))
    return text[4:] if text.startswith("the ") else text


@functools.lru_cache(maxsize=NAME_CACHE)
def name_key(text: str) -> str:
    """The key under which two spellings of one name meet (``the U.S.`` → ``united states``)."""
    key = _plain(text)
    return lexicon().aliases.get(key, key)


@functools.lru_cache(maxsize=NAME_CACHE)
def place_key(text: str) -> str:
    """Like :func:`name_key`, with demonyms turned into their country (``Italian`` → ``italy``)."""
    key = name_key(text)
    return lexicon().demonyms.get(key, key)


@functools.lru_cache(maxsize=NAME_CACHE)
def initials(text: str) -> str:
    """Initials of the content words of a name: ``Mediterranean Ferry Lines`` → ``mfl``."""
    words = [w for w in _plain(text).split() if w not in FUNCTION_WORDS]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def is_acronym(text: str) -> bool:
    """An all-capitals token such as ``MFL`` or ``U.N.``."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


@functools.cache
def offices() -> frozenset[str]:
    """Canonical roles of the office epithets: ``senator``, ``representative``, ``governor``…"""
    return frozenset(
        (role_of(word) or (word, ""))[0] for word, office in lexicon().epithets.items() if office
    )


def role_of(word: str) -> tuple[str, str] | None:
    """(canonical role, gender) of a role noun such as ``spokeswoman``, else None."""
    return lexicon().roles.get(word.lower().rstrip("."))


def title_gender(title: str) -> str:
    """The gender a title implies (``Mrs.`` → ``f``, ``spokesman`` → ``m``), else ``""``."""
    lex = lexicon()
    for word in _plain(title).split():
        gender = lex.honorifics.get(word) or (lex.roles.get(word) or ("", ""))[1]
        if gender:
            return gender
    return ""


def title_roles(title: str) -> frozenset[str]:
    """Canonical roles named in a title: ``Italian Transport Minister`` → ``{minister}``.

    A member of a legislature (``Sen.``, ``Rep.``, ``MP``) is also a ``lawmaker``.
    """
    roles = lexicon().roles
    words = title.lower().replace(".", " ").split()
    pairs = [*words, *(" ".join(p) for p in itertools.pairwise(words))]
    found = frozenset(roles[w][0] for w in pairs if w in roles)
    return found | {"lawmaker"} if found & LEGISLATORS else found


def person_gender(name: str, title: str = "") -> str:
    """Gender from a title, else from a common first name; ``""`` when unknown."""
    words = _plain(name).split()
    first = lexicon().first_names.get(words[0], "") if len(words) > 1 else ""
    return title_gender(title) or first


def names_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two person names (lower-case words) that can be one person.

    The surnames must be equal, and so must a generational suffix (``Jr.``, ``III``) unless one
    name is a bare surname. If both have more words, the shorter name's first word must be
    the longer one's first or middle word, or an initial of it (``J. Smith`` / ``John Smith``,
    ``Ellen DeGeneres`` / ``Comedian Ellen DeGeneres``). A bare surname fits any first name.
    """
    (a, a_suffix), (b, b_suffix) = _suffixed(a), _suffixed(b)
    if not a or not b or a[-1] != b[-1]:
        return False
    short, long = sorted((a, b), key=len)
    if a_suffix != b_suffix:  # "Donald Trump Jr." is not "Donald Trump"; "Mr. Trump" is either
        return len(short) == 1 and not (a_suffix if short is a else b_suffix)
    if len(short) == 1:
        return True
    first = short[0]
    return any(w == first or (first[0] == w[0] and min(len(w), len(first)) == 1) for w in long[:-1])


GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _count_before(cluster: _Cluster, start: int) -> int:
    return sum(m[0] < start for m in cluster.mentions)


def generation(words: Sequence[str]) -> tuple[Sequence[str], str]:
    """The name without its generational suffix, and the suffix (public name of
    :func:`_suffixed`)."""
    return _suffixed(words)


def _suffixed(words: Sequence[str]) -> tuple[Sequence[str], str]:
    """The name without its generational suffix, and the suffix: ``davis iii`` → (davis, iii)."""
    if len(words) > 1 and words[-1] in GENERATIONS:
        return words[:-1], words[-1]
    return words, ""


def surname(words: Sequence[str]) -> str:
    """The last word of a name that is not a generational suffix."""
    return _suffixed(words)[0][-1]


def surname_of(name: str) -> str:
    """The surname as written: ``Thomas M. Davis III`` → ``Davis``."""
    words = name.split()
    return words[-2] if len(words) > 1 and _plain(words[-1]) in GENERATIONS else words[-1]


# --------------------------------------------------------------------------- named mentions


@dataclass(frozen=True)
class _Named:
    """A cleaned NER span: name tokens ``start:end`` and the title words before them."""

    start: int
    end: int
    label: str
    title: str = ""
    gender: str = ""
    party: str = ""


def _is_title_word(token: Token) -> bool:
    word = token.text.lower().rstrip(".")
    return word in lexicon().honorifics or role_of(word) is not None


def _strip(span: Span) -> tuple[int, int]:
    """Token bounds of the name inside an NER span, without ``the``, titles and ``'s``."""
    start, end = span.start, span.end
    doc = span.doc
    person = span.label_ == "PERSON"  # "the Justice Department" keeps "Justice"
    while start < end and (
        doc[start].lower_ in DEFINITE
        or (person and (_is_title_word(doc[start]) or party_of(doc[start])))
    ):
        start += 1
    if person:  # "minister Giulia Rossi", "Hire Maurice Cheeks", "... Returns"
        while start < end and (doc[start].is_lower or doc[start].pos_ in NOT_NAME):
            start += 1
        while end > start and doc[end - 1].pos_ in NOT_NAME:
            end -= 1
    finite = next((t.i for t in doc[start:end] if t.is_lower and t.tag_ in FINITE_VERBS), None)
    end = end if finite is None else finite  # "the ... Board ordered Healthalicious": run on
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


FINITE_VERBS = frozenset({"VBD", "VBZ", "VBP"})


def _title_start(doc: Doc, start: int) -> int:
    """Where the words before a name that may be its title begin (``start`` if there are none)."""
    i = start
    while i > 0:
        if _title_token(doc[i - 1]):
            i -= 1
        elif (portfolio := _portfolio_start(doc, i)) is not None:
            i = portfolio
        else:
            break
    return i


def _title_before(doc: Doc, start: int) -> str:
    """The title written just before a name (``Italian Transport Minister``, ``former Secretary
    of State``), else ``""``."""
    words = doc[_title_start(doc, start) : start]
    return words.text if any(_is_title_word(t) for t in words) else ""


def _portfolio_start(doc: Doc, end: int) -> int | None:
    """``Secretary of Homeland Security`` ending at token ``end``: the index of ``Secretary``.

    Up to three capitalised words after ``of``, and a portfolio title (minister, secretary,
    commissioner) before it; else None.
    """
    i = end
    while i > 0 and end - i < 3 and doc[i - 1].tag_ in {"NNP", "NNPS"}:
        i -= 1
    if i == end or i < 2 or doc[i - 1].lower_ != "of":
        return None
    return i - 2 if doc[i - 2].lower_ in PORTFOLIO_TITLES else None


def better_title(old: str, new: str) -> str:
    """Keep the first title, unless it is a courtesy title and the new one names a role."""
    if not old or (new and not title_roles(old) and title_roles(new)):
        return new
    return old


def _title_token(token: Token) -> bool:
    if token.ent_type_ in {"DATE", "TIME", "CARDINAL", "PERSON", "MONEY", "PERCENT"}:
        return False
    if _is_title_word(token):
        return True
    return token.tag_ in {"NNP", "NNPS", "NN", "JJ"} and token.dep_ in {"compound", "amod"}


def named_mentions(doc: Doc) -> list[_Named]:
    """The NER spans that name people, organisations, places and groups, cleaned."""
    out = []
    for span in doc.ents:
        if span.label_ == "PRODUCT" and _beside_vessel_noun(span):
            out.append(_Named(*_strip(span), "VESSEL"))  # "the cargo ship Nordic Tern"
            continue
        if span.label_ not in KIND_OF_LABEL:
            continue
        start, end = _strip(span)
        if start >= end or (span.label_ == "PERSON" and not doc[start].text[:1].isupper()):
            continue
        if span.label_ == "ORG" and (
            _portfolio_of(doc, start) or (end == start + 1 and _before_title(doc, end))
        ):
            continue  # "Transport Minister Rossi", "secretary of state": a portfolio
        out.append(_Named(start, end, span.label_))
    return [_with_title(doc, n) for n in _vessels(doc, _trimmed(doc, _relabel(doc, out)))]


def _before_title(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].lower_ in PORTFOLIO_TITLES


def _portfolio_of(doc: Doc, start: int) -> bool:
    """``secretary of State``, ``Minister of Finance``: the name just after ``<title> of``."""
    return (
        start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PORTFOLIO_TITLES
    )


def _with_title(doc: Doc, named: _Named) -> _Named:
    if named.label != "PERSON":
        return named
    title = _title_before(doc, named.start)
    gender = person_gender(doc[named.start : named.end].text, title)
    party = _stated_party(doc, named)
    return _Named(named.start, named.end, named.label, title, gender, party)


def _relabel(doc: Doc, named: list[_Named]) -> list[_Named]:
    """Fix the small model's person names tagged as places or organisations, and the names
    of services that are never people (``Twitter``, ``data/entity_organizations.txt``).

    A mention becomes a person when its words are a person's name elsewhere in the article, when
    it is a longer name ending in a person's surname (``Mo Cheeks`` tagged GPE), or when it is a
    single word that is the surname of a person named in full, unless a preposition comes just
    before it: ``in Washington`` stays a place beside ``George Washington``.
    """
    people = [_words(doc, n) for n in named if n.label == "PERSON"]
    surnames = {surname(words) for words in people}
    full_surnames = {surname(words) for words in people if len(words) > 1}
    out = []
    for n in named:
        words = _words(doc, n)
        if n.label == "PERSON" and (
            " ".join(words) in lexicon().organizations or _movement(doc, n, words)
        ):
            out.append(_Named(n.start, n.end, "ORG"))
            continue
        if n.label == "PERSON" or not words:
            person = bool(words)
        elif len(words) > 1:
            named_so = words in people or surname(words) in surnames
            person = named_so and not _movement(doc, n, words)
        else:
            after_preposition = n.start > 0 and doc[n.start - 1].pos_ == "ADP"
            person = words[0] in full_surnames and not after_preposition
        out.append(_Named(n.start, n.end, "PERSON") if person else n)
    return out


def _vessels(doc: Doc, named: list[_Named]) -> list[_Named]:
    """Ships' names, which the small model tags as places, organisations or people.

    A name written with a vessel noun (``the ferry Estrela``, ``the cargo ship Nordic Tern``,
    ``the Estrela, a ferry``, ``the vessel, the Estrela``) is a ship, and so is every other
    mention with the same words (``the Estrela``). A name with an organisation word (``Ferry
    Lines``) is not.
    """
    ships = {
        _words(doc, n)
        for n in named
        if _beside_vessel_noun(doc[n.start : n.end])
        and not any(t.lower_ in ORG_WORDS for t in doc[n.start : n.end])
    }
    return [_Named(n.start, n.end, "VESSEL") if _words(doc, n) in ships else n for n in named]


def _beside_vessel_noun(span: Span) -> bool:
    root = span.root
    before = span.doc[span.start - 1] if span.start > 0 else None
    # "the ferry Santa Luzia"; for a person's name ("the boat John Smith owned") the parse must
    # join the two words as well
    if (
        before is not None
        and before.lemma_.lower() in VESSEL_NOUNS
        and before.pos_ == "NOUN"
        and (span.label_ != "PERSON" or before.head == root)
    ):
        return True
    related = [c for c in root.children if c.dep_ == "appos"]
    related += [root.head] if root.dep_ == "appos" else []
    return any(t.lemma_.lower() in VESSEL_NOUNS and t.pos_ == "NOUN" for t in related)


def _trimmed(doc: Doc, named: list[_Named]) -> list[_Named]:
    """A person's name run on into a headline's next word (``Blake Farenthold Resigns``) is cut
    back to the full name written elsewhere in the article (``Blake Farenthold``)."""
    full = {_words(doc, n) for n in named if n.label == "PERSON" and n.end - n.start > 1}
    out = []
    for n in named:
        words = _words(doc, n)
        known = [k for k in full if len(words) > len(k) and words[: len(k)] == k]
        run_on = known and not _suffixed(words)[1] and n.end - n.start == len(words)
        if n.label == "PERSON" and run_on:
            n = dataclasses.replace(n, end=n.start + max(len(k) for k in known))
        out.append(n)
    return out


def _movement(doc: Doc, named: _Named, words: tuple[str, ...]) -> bool:
    """ "the progressive, Resist Trump movement": a name of two or more words used before a
    noun, whose first word is no first name, names a cause, not a person."""
    if len(words) < 2 or named.end >= len(doc):
        return False
    after = doc[named.end]
    used_before_noun = after.pos_ == "NOUN" and doc[named.end - 1].head.i == after.i
    return used_before_noun and words[0] not in lexicon().first_names


def _words(doc: Doc, named: _Named) -> tuple[str, ...]:
    return tuple(_plain(doc[named.start : named.end].text).split())


# --------------------------------------------------------------------------- parties


def party_of(token: Token) -> str:
    """The party a capitalised party word names (``Democrat`` → ``democratic``, ``GOP`` →
    ``republican``), else ``""``.

    Not in a compound word (``Republican-led``, ``ex-Republican``), as an owner (``the GOP's
    nominee``), in a place name (``Democratic Republic of the Congo``) or in the name of another
    body (``Social Democrats``, ``Republican Guard``).
    """
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if not token.text[:1].isupper() or token.ent_type_ in {"GPE", "LOC", "FAC"}:
        return ""
    if after is not None and (after.text == "-" or after.tag_ == "POS"):
        return ""
    if after is not None and after.lower_ in NOT_PARTY_AFTER:
        return ""
    if before is not None and (before.text == "-" or before.lower_ in NOT_PARTY_BEFORE):
        return ""
    return lexicon().parties.get(token.lower_.rstrip("."), "")


def _parties(tokens: Iterable[Token]) -> set[str]:
    return {party_of(t) for t in tokens} - {""}


def _stated_party(doc: Doc, named: _Named) -> str:
    """The party written with a person's name, else ``""`` (also when two are written).

    A party word before the name or in its title (``Democrat Hillary Clinton``, ``Republican
    Sen. Ted Cruz``), a party tag after it (``Ted Cruz (R-Texas)``, ``Cruz, D-Calif.,``) or an
    apposition (``Jan Brewer, a Republican,``, ``a Texas Republican, Gov. Jan Brewer``).
    """
    start = _title_start(doc, named.start)
    found = _parties(doc[start : named.start])
    found |= {_tag_party(doc, named.end), _party_after(doc, named.end), _party_before(doc, start)}
    found -= {""}
    return found.pop() if len(found) == 1 else ""


def _tag_party(doc: Doc, end: int) -> str:
    """``(R-Texas)``, ``(D)`` or ``, R-Texas,`` just after token ``end``."""
    at = doc[end - 1].idx + len(doc[end - 1].text)
    match = PARTY_TAG.match(nlp.text(doc), at, at + 40)
    return TAG_LETTERS[match.group(1) or match.group(2)] if match else ""


def _party_after(doc: Doc, end: int) -> str:
    """``Brewer, a Republican,``, ``Brewer, a Texas Republican``, ``Brewer, a GOP senator``,
    ``McConnell, Republican of Kentucky``."""
    if end + 2 >= len(doc) or doc[end].text != ",":
        return ""
    if doc[end + 2].lower_ == "of" and party_of(doc[end + 1]):
        return party_of(doc[end + 1])
    if doc[end + 1].lower_ not in INDEFINITE:
        return ""
    for token in doc[end + 2 : min(end + 5, len(doc))]:
        if party_of(token):
            head = token.head
            names_one = token.dep_ not in {"amod", "compound"} or role_of(head.lemma_)
            names_one = names_one or role_of(head.text)
            return party_of(token) if names_one else ""
        if not token.text[:1].isupper():
            return ""
    return ""


def _party_before(doc: Doc, start: int) -> str:
    """``a Republican, Gov. Jan Brewer`` or ``a Texas Republican, Brewer``: the words before
    ``start``; not after a comma (``Smith, a Republican, Jones``: the party is Smith's)."""
    if start < 3 or doc[start - 1].text != ",":
        return ""
    party = party_of(doc[start - 2])
    article = next(
        (i for i in (start - 3, start - 4) if i >= 0 and doc[i].lower_ in {"a", "an"}), None
    )
    if not party or article is None or (article > 0 and doc[article - 1].text == ","):
        return ""
    return party if all(t.text[:1].isupper() for t in doc[article + 1 : start - 1]) else ""


# --------------------------------------------------------------------------- clusters


@dataclass
class _Cluster:
    """An entity while it is being built."""

    kinds: Counter[EntityKind] = field(default_factory=Counter)
    names: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # token start, end, sent
    title: str = ""
    gender: str = ""
    named: bool = True
    parties: set[str] = field(default_factory=set)  # as the text states them

    @property
    def party(self) -> str:
        """The one party stated for this person, else ``""`` (none, or two)."""
        return next(iter(self.parties)) if len(self.parties) == 1 else ""

    @property
    def kind(self) -> EntityKind:
        # The first of the most frequent kinds, as ``most_common(1)`` gives, without sorting.
        return max(self.kinds.items(), key=lambda item: item[1])[0] if self.kinds else "other"

    @property
    def words(self) -> list[str]:
        """Words of the fullest person name seen."""
        return max((_plain(n).split() for n in self.names), key=len, default=[])

    def name_keys(self) -> set[str]:
        return {place_key(n) for n in self.names}

    def initials(self) -> set[str]:
        return {initials(n) for n in self.names} - {""}

    def last_before(self, token: int) -> int:
        return max((m[0] for m in self.mentions if m[0] < token), default=-1)


# Org nouns that name a kind of institution: "the ministry" is never a company or a ship.
INSTITUTIONS = frozenset(
    ["agency", "authority", "department", "ministry", "party", "union", "university", "charity"]
)


def _name_words(cluster: _Cluster) -> set[str]:
    return {w for n in cluster.names for w in _plain(n).lower().split()}


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token."""
    out = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out


class _Builder:
    """Groups the mentions of one doc into clusters, in reading order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.sent = _sentence_index(doc)
        self.clusters: list[_Cluster] = []
        self.owner: dict[int, _Cluster] = {}  # first token of a mention -> its cluster

    def attach(self, cluster: _Cluster, start: int, end: int) -> None:
        cluster.mentions.append((start, end, self.sent[start]))
        self.owner[start] = cluster

    def _join_appositions(self) -> None:
        """``The Internal Revenue Service official who ...`` then ``the official, Lois Lerner,``:
        a person known only by a role is the person named in apposition to one of its mentions."""
        ends = {e: c for c in self.clusters for _, e, _ in c.mentions}
        for role in [c for c in self.clusters if not c.named and c.kind == "person"]:
            found = [self._named_beside(s, e, ends) for s, e, _ in role.mentions]
            names = {id(c): c for c in found if c is not None}
            if len(names) != 1:
                continue
            person = next(iter(names.values()))
            person.mentions = sorted(person.mentions + role.mentions)
            self.clusters.remove(role)

    def _named_beside(self, start: int, end: int, ends: dict[int, _Cluster]) -> _Cluster | None:
        """The named person set off by commas right after or before the role mention
        ``start:end`` (``the official, Lois Lerner,``; ``Lois Lerner, the official,``)."""
        doc = self.doc
        after = self.owner.get(end + 1) if end < len(doc) and doc[end].text == "," else None
        before = ends.get(start - 1) if start > 1 and doc[start - 1].text == "," else None
        people = [c for c in (after, before) if c is not None and c.named and c.kind == "person"]
        return people[0] if len(people) == 1 else None

    # named ------------------------------------------------------------------
    def add_named(self, named: _Named) -> None:
        text = self.doc[named.start : named.end].text
        cluster = self._acronym_partner(named) or self._match(named, text)
        if cluster is None:
            cluster = _Cluster()
            self.clusters.append(cluster)
        cluster.kinds[KIND_OF_LABEL[named.label]] += 1
        cluster.names.append(text)
        cluster.title = better_title(cluster.title, named.title)
        cluster.gender = cluster.gender or named.gender
        cluster.parties |= {named.party} - {""}
        self.attach(cluster, named.start, named.end)

    def _acronym_partner(self, named: _Named) -> _Cluster | None:
        """``Mediterranean Ferry Lines (MFL)``: the acronym in brackets joins the name."""
        doc = self.doc
        if named.start < 2 or doc[named.start - 1].text != "(":
            return None
        if named.end >= len(doc) or doc[named.end].text != ")":
            return None
        before = [c for c in self.clusters if any(m[1] == named.start - 1 for m in c.mentions)]
        return before[0] if before and before[0].kind != "person" else None

    def _match(self, named: _Named, text: str) -> _Cluster | None:
        person = named.label == "PERSON"
        return (self._match_person(named, text) if person else None) or self._match_key(
            text, person=person
        )

    def _match_person(self, named: _Named, text: str) -> _Cluster | None:
        words = _plain(text).split()
        found = [
            c
            for c in self.clusters
            if c.named
            and c.kind == "person"
            and names_compatible(words, c.words)
            and (not named.gender or c.gender in ("", named.gender))
            # "Donald Trump Jr." after a bare "Trump": another man than the one written so far
            and not (_suffixed(words)[1] and not _suffixed(c.words)[1])
        ]
        if len(words) > 1:
            full = [c for c in found if len(c.words) > 1]
            found = full or [c for c in found if not self._claimed(words)]
        if named.gender and len(found) > 1:
            # "Mr. Conway" beside George T. Conway III and Kellyanne Conway (gender unknown):
            # the one known to be a man
            found = [c for c in found if c.gender == named.gender] or found
        bare = [_suffixed(c.words)[0] for c in found]
        one_name = all(names_compatible(a, b) for a, b in itertools.combinations(bare, 2))
        if len({_suffixed(c.words)[1] for c in found}) > 1 and one_name:
            # "Mr. Trump" beside Donald Trump and Donald Trump Jr.: the one written more so far
            return max(
                found, key=lambda c: (_count_before(c, named.start), not _suffixed(c.words)[1])
            )
        return max(found, key=lambda c: c.last_before(named.start), default=None)

    def _claimed(self, words: list[str]) -> bool:
        """True if another full name with this surname was seen: a bare surname is ambiguous."""
        return any(len(c.words) > 1 and surname(c.words) == surname(words) for c in self.clusters)

    def _match_key(self, text: str, *, person: bool) -> _Cluster | None:
        """Same name, alias, demonym or acronym; a single word never joins a person this way."""
        key = place_key(text)
        multiword = len(key.split()) > 1
        acronym = key if is_acronym(text) else ""
        if person and not (multiword or acronym):
            return None
        full = initials(text)
        for cluster in reversed(self.clusters):
            if not cluster.named or (cluster.kind == "person" and not multiword):
                continue
            keys = cluster.name_keys()
            if key in keys or acronym in cluster.initials() or (full and full in keys):
                return cluster
        return None

    # roles and pronouns -----------------------------------------------------
    def add_role(self, chunk: Span, role: str) -> None:
        """Attach ``the minister`` to the one entity it can mean, or start a role entity.

        The entity is the one person whose title has that role, nearby or else in the article.
        When no title has the role, a definite epithet (``the real estate mogul``, ``the
        congressman``) goes to the one named person it can describe in the last sentences. A
        party word (``the Republican senator``) must be the stated party of that person and of
        nobody else who fits: when one of them has no stated party, nobody is chosen.
        """
        modifiers = _role_modifiers(chunk)
        parties = _parties(chunk)
        if modifiers & CONTRASTIVE or len(parties) > 1:
            return
        party = parties.pop() if parties else ""
        modifiers -= {t.lower_ for t in chunk if party_of(t)}
        partner: _Cluster | None = None
        if chunk[0].lower_ not in INDEFINITE:
            recent = self._recent(chunk.start, people=True)
            fits = _of_party([c for c in recent if _fits(c, role, modifiers)], party)
            fits = fits or _of_party([c for c in self.clusters if _fits(c, role, modifiers)], party)
            fits = fits or self._described(chunk, role, party)
            if len(fits) > 1:
                return
            partner = fits[0] if fits else None
        if partner is None:
            partner = _Cluster(named=False, title=_role_name(chunk))
            partner.names.append(partner.title)
            partner.gender = (role_of(chunk.root.lemma_) or role_of(chunk.root.text) or ("", ""))[1]
            self.clusters.append(partner)
        self.add_appositive(partner, chunk)

    def _described(self, chunk: Span, role: str, party: str) -> list[_Cluster]:
        """The one named person nearby a definite epithet can describe, as a list (or empty).

        Only when nobody in the article has the role in a title (``the Texas lawmaker`` is not
        given to someone else when ``Sen. Cruz`` is there), the phrase is not narrowed (``the
        ambassador to Libya``, ``the first senator to``, ``the state's governor``), names no
        nationality or organisation we cannot check (``the Texas lawmaker``, ``the Fox host``),
        is not the predicate of ``be`` and is not inside a quotation. Someone of another stated
        party does not count as holding the role (``Republican nominee Donald Trump`` is not
        ``the Democratic nominee``). An office (``the congressman``) is
        not given to someone whose title names another role, a description (``the mogul``) not to
        someone whose title names an office; the gender must fit and the person must not be an
        argument of the same verb. Every named person nearby counts, but the one chosen must have
        been named in full: a lone capitalised word may be a mistagged name.
        """
        root = chunk.root
        epithets = lexicon().epithets
        if chunk[0].lower_ not in DEFINITE or root.lower_ not in epithets:
            return []
        if any(
            role in title_roles(c.title) and not (party and c.party and c.party != party)
            for c in self.clusters
            if c.kind == "person"
        ):
            return []
        if root.dep_ == "attr" or _restricted(chunk) or _quoted(self.doc, chunk.start):
            return []
        if any(t.ent_type_ in {"NORP", "ORG"} and not party_of(t) for t in chunk):
            return []
        office = epithets[root.lower_]
        gender = (role_of(root.lemma_) or role_of(root.text) or ("", ""))[1]
        found = [
            c
            for c in self._recent(chunk.start, people=True)
            if c.named
            and not (title_roles(c.title) if office else title_roles(c.title) & offices())
            and (not gender or c.gender in ("", gender))
            and not self._same_clause(c, root)
        ]
        found = _of_party(found, party)
        return found if len(found) == 1 and len(found[0].words) > 1 else []

    def add_appositive(self, cluster: _Cluster, chunk: Span) -> None:
        """``Giulia Rossi, the Italian transport minister``: the role phrase is her title."""
        cluster.kinds["person"] += 1
        cluster.title = better_title(cluster.title, _role_name(chunk))
        if cluster.named:  # an unnamed one's party is in its title: "the Republican senator"
            cluster.parties |= _parties(chunk)
        self.attach(cluster, chunk.start, chunk.end)

    def add_org_noun(self, chunk: Span) -> None:
        """``the ministry`` → the organisation named with that noun ("Transport Ministry");
        ``the company`` → else the only recent organisation whose name holds no other such
        noun (a ministry is not "the operator"). An institution noun (``the ministry``) goes
        only to a name with that noun or to a bare acronym: a ferry company is not a ministry."""
        head = chunk.root.lower_
        # 'The Miami-Dade County Police Department' names its own body, not the Department
        # of Justice named before it
        names = {t.lower_ for t in chunk if t.pos_ == "PROPN" and t.i != chunk.root.i}
        named = [
            c
            for c in self.clusters
            if c.kind == "organization"
            and c.last_before(chunk.start) >= 0
            and head in _name_words(c)
            and names <= _name_words(c)
        ]
        if named:
            self.attach(
                max(named, key=lambda c: c.last_before(chunk.start)), chunk.start, chunk.end
            )
            return
        nouns = lexicon().org_nouns
        orgs = [
            c
            for c in self._recent(chunk.start, people=False)
            if c.kind == "organization"
            and not _name_words(c) & nouns
            and (head not in INSTITUTIONS or all(n.isupper() for n in c.names))
        ]
        if len(orgs) == 1 and not _modifiers(chunk) - {
            w for k in orgs[0].name_keys() for w in k.split()
        }:
            self.attach(orgs[0], chunk.start, chunk.end)

    def add_pronoun(self, token: Token) -> None:
        """``she`` → the one recent person it can be (gender, not the subject of its verb).

        A person whose gender is known from a title, a first name or an earlier pronoun is
        preferred when only one such fits; when nobody fits in the last sentences, the one named
        person of that gender in the article so far.
        """
        gender = PRONOUN_GENDER[token.lower_]
        fits = [
            c
            for c in self._recent(token.i, people=True)
            if c.gender in ("", gender) and not self._same_clause(c, token)
        ]
        known = [c for c in fits if c.gender == gender]
        chosen = (known if len(known) == 1 else fits) or self._only_named(token, gender)
        if len(chosen) == 1:
            chosen[0].gender = gender
            self.attach(chosen[0], token.i, token.i + 1)

    def _only_named(self, token: Token, gender: str) -> list[_Cluster]:
        """Nobody fits nearby: the one named person of this gender mentioned before, if one."""
        return [
            c
            for c in self.clusters
            if c.named
            and c.kind == "person"
            and c.gender == gender
            and c.last_before(token.i) >= 0
            and not self._same_clause(c, token)
        ]

    def _recent(self, token: int, *, people: bool) -> list[_Cluster]:
        low = self.sent[token] - WINDOW
        return [
            c
            for c in self.clusters
            if (c.kind == "person") == people
            and any(m[0] < token and m[2] >= low for m in c.mentions)
        ]

    def _same_clause(self, cluster: _Cluster, token: Token) -> bool:
        """A plain pronoun cannot be a co-argument of its antecedent (``Rossi praised her``)."""
        if token.lower_ in REFLEXIVES or token.dep_ == "poss":
            return False
        heads = {self.doc[m[0] : m[1]].root.head.i for m in cluster.mentions if m[0] < token.i}
        return token.head.i in heads

    def entities(self) -> list[Entity]:
        self._join_appositions()
        kept = [c for c in self.clusters if c.named or len(c.mentions) > 1]
        kept.sort(key=lambda c: min(m[0] for m in c.mentions))
        return [_to_entity(self.doc, c, f"e{n}") for n, c in enumerate(kept, 1)]


def _modifiers(chunk: Span) -> set[str]:
    """Content words of a noun phrase other than its head and determiner."""
    skip = {"det", "case", "punct", "poss", "predet"}
    return {t.lower_ for t in chunk if t.i != chunk.root.i and t.dep_ not in skip}


def _restricted(chunk: Span) -> bool:
    """A role phrase narrowed by a complement, a clause, a possessive or a rank (``first``)."""
    root = chunk.root
    if any(t.dep_ in RESTRICTIVE for t in root.children) or any(t.tag_ == "POS" for t in chunk):
        return True
    return any(t.tag_ == "JJS" or t.ent_type_ == "ORDINAL" or t.lower_ == "only" for t in chunk)


def _quoted(doc: Doc, token: int) -> bool:
    """Is the token inside a quotation opened earlier in its paragraph?

    The nearest curly quote before it decides; without one, an odd number of straight quotes.
    """
    straight = 0
    for t in reversed(doc[:token]):
        if "\n" in t.text:
            break
        if t.text in {"“", "”"}:
            return t.text == "“"
        straight += t.text == '"'
    return straight % 2 == 1


def _role_modifiers(chunk: Span) -> set[str]:
    """Modifiers of a role phrase, with the portfolio of ``the secretary of state``."""
    out = _modifiers(chunk)
    if chunk.root.lower_ in PORTFOLIO_TITLES:
        for prep in chunk.root.rights:
            objects = [t for t in prep.children if t.dep_ == "pobj"]
            if (
                prep.lower_ == "of"
                and objects
                and not any(t.dep_ == "det" for t in objects[0].children)
            ):
                out |= {t.lower_ for t in objects[0].subtree if t.is_alpha}
    return out


def _of_party(people: list[_Cluster], party: str) -> list[_Cluster]:
    """Those of ``party`` (everyone when it is ``""``); nobody when one has no stated party."""
    if not party:
        return people
    if any(not c.party for c in people):
        return []
    return [c for c in people if c.party == party]


def _fits(cluster: _Cluster, role: str, modifiers: set[str]) -> bool:
    """Can ``the <modifiers> <role>`` name this cluster, by its title?"""
    return (
        cluster.kind == "person"
        and role in title_roles(cluster.title)
        and title_fits(cluster.title, modifiers)
    )


def title_fits(title: str, modifiers: set[str]) -> bool:
    """Every telling modifier of a role phrase is in the title (``Italian`` fits ``Italy``)."""
    words = set(_plain(title).split())
    words |= {place_key(w) for w in words}
    return all(m in words or place_key(m) in words for m in modifiers - GENERIC_MODIFIERS)


def _role_name(chunk: Span) -> str:
    """The role phrase without its determiner, with ``for MFL``/``of MFL`` if it follows."""
    start = chunk.start + (chunk[0].dep_ in {"det", "predet"})
    end = chunk.end
    for prep in chunk.root.rights:
        if prep.lower_ in {"for", "of", "at"} and any(t.ent_type_ for t in prep.subtree):
            end = max(end, prep.right_edge.i + 1)
    return chunk.doc[start:end].text


def _to_entity(doc: Doc, cluster: _Cluster, ident: str) -> Entity:
    spans = [doc[s:e] for s, e, _ in sorted(set(cluster.mentions))]
    name = _best_name(cluster)
    kind = cluster.kind
    if kind == "group" and cluster.kinds["place"]:
        kind = "place"
    if kind == "organization" and cluster.named and _place_like(spans):
        kind = "place"
    if (
        kind == "group"
        and cluster.named
        and not _people_word(cluster, spans)
        and _place_like(spans)
    ):
        kind = "place"  # "the ferry docked at Cacilhas", tagged as a nationality
    if kind == "group" and all(_modifier(span) for span in spans):
        kind = "other"  # only ever an adjective: "Maltese-flagged", "Portuguese authorities"
    return Entity(
        id=ident,
        name=name,
        kind=kind,
        mentions=tuple(Mention(s.start_char, s.end_char, s.text) for s in spans),
        aliases=tuple(sorted({n for n in cluster.names if n != name})),
        title=cluster.title,
    )


# The small model tags many towns, rivers and districts as organisations ("from Montijo to
# Lisbon", "on the Tagus river"). An "organisation" that never acts (no subject, agent or owner)
# and is used as a place at least once is a place.
SPATIAL = frozenset(
    ["in", "near", "off", "outside", "across", "into", "around", "along", "beyond", "between"]
)
PLACE_NOUNS = frozenset(
    [
        "river",
        "bridge",
        "estuary",
        "bay",
        "port",
        "harbour",
        "harbor",
        "terminal",
        "crossing",
        "route",
        "coast",
        "island",
        "valley",
        "province",
        "region",
        "district",
        "street",
        "square",
        "airport",
        "station",
        "pier",
        "shore",
        "border",
    ]
)
ACTING = frozenset({"nsubj", "agent", "poss"})
# Verbs of arriving and staying somewhere: "at X" after them names a place.
STAY_VERBS = frozenset(
    {"arrive", "dock", "land", "moor", "berth", "anchor", "stop", "halt", "call", "gather"}
    | {"wait", "stay", "remain", "live", "strand", "disembark", "board", "park", "camp", "sink"}
)
VESSEL_NOUNS = frozenset(
    {"ship", "vessel", "ferry", "boat", "tanker", "freighter", "yacht", "liner", "trawler"}
    | {"tug", "tugboat", "barge", "steamer", "frigate", "destroyer", "submarine", "schooner"}
)
RESIDENTS = frozenset(
    [
        "man",
        "woman",
        "boy",
        "girl",
        "child",
        "family",
        "resident",
        "residents",
        "people",
        "passenger",
        "native",
    ]
)
ORG_WORDS = frozenset(
    [
        "ministry",
        "department",
        "agency",
        "authority",
        "company",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "group",
        "bank",
        "party",
        "council",
        "union",
        "university",
        "police",
        "army",
        "navy",
        "court",
        "lines",
        "airlines",
        "news",
        "tv",
        "press",
        "senate",
        "house",
        "congress",
        "parliament",
        "assembly",
        "committee",
        "commission",
        "board",
        "government",
        "administration",
        "cabinet",
    ]
)


def _place_like(spans: Sequence[Span]) -> bool:
    if any(w.lower_ in ORG_WORDS for span in spans for w in span):
        return False
    if any(span.root.dep_ in ACTING or span.root.head.dep_ == "agent" for span in spans):
        return False
    return any(_used_as_place(span.root) for span in spans)


def _people_word(cluster: _Cluster, spans: Sequence[Span]) -> bool:
    """A demonym or a plural (``Portuguese``, ``Democrats``): people, never a place."""
    plural = any(span.root.tag_ == "NNPS" for span in spans)
    return plural or any(place_key(n) != name_key(n) for n in cluster.names)


def _modifier(span: Span) -> bool:
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return span.root.dep_ in {"amod", "compound"} or (after is not None and after.text == "-")


def _the_name(root: Token) -> bool:
    """A proper name written with ``the`` and no other word before it: ``the Tagus``."""
    left = [t for t in root.lefts]
    return (
        root.pos_ == "PROPN" and not is_acronym(root.text) and [t.lower_ for t in left] == ["the"]
    )


def _place_or_people(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in PLACE_NOUNS | RESIDENTS


def _used_as_place(root: Token) -> bool:
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in SPATIAL:
        return True
    if root.dep_ == "pobj" and head.lower_ == "on" and _the_name(root):
        return True  # "on the Tagus": a river or a lake; "on the committee" has an org word
    if root.dep_ == "pobj" and head.lower_ == "at" and head.head.lemma_.lower() in STAY_VERBS:
        return True  # "docked at Alcântara", "arrived at Barreiro"
    if root.dep_ == "pobj" and head.lower_ in {"at", "from"} and _place_or_people(head.head):
        return True  # "the terminal at Alcântara", "a woman from Alcochete"
    if root.dep_ == "pobj" and head.lower_ in {"from", "to"}:  # "from Montijo to Lisbon"
        other = [c for c in head.head.children if c.lower_ in {"from", "to"} and c != head]
        if any(o.ent_type_ in {"GPE", "LOC"} for c in other for o in c.children):
            return True
    if root.dep_ == "compound" and head.lower_ in PLACE_NOUNS:
        return True
    partners = [head] if root.dep_ == "conj" else [c for c in root.children if c.dep_ == "conj"]
    return any(p.ent_type_ in {"GPE", "LOC"} for p in partners)


def _best_name(cluster: _Cluster) -> str:
    """The fullest proper name: a full name over a surname, a name over its acronym."""
    if not cluster.named:
        return cluster.title
    demonyms = lexicon().demonyms
    names = [n for n in cluster.names if _plain(n) not in demonyms] or cluster.names
    full = [n for n in names if not is_acronym(n)] or names
    return max(full, key=lambda n: (len(_plain(n).split()), len(n)))


# --------------------------------------------------------------------------- extract


def _appositives(doc: Doc, named: Iterable[_Named]) -> dict[int, int]:
    """Head token of a role phrase -> first token of the person name it stands beside."""
    out: dict[int, int] = {}
    for n in named:
        if n.label != "PERSON":
            continue
        root = doc[n.start : n.end].root
        out.update((child.i, n.start) for child in root.children if child.dep_ == "appos")
        if root.dep_ == "appos":
            out[root.head.i] = n.start
    return out


def _role_chunks(doc: Doc, named: Sequence[_Named]) -> list[tuple[Span, str]]:
    """Singular noun phrases headed by a role noun or an organisation noun, outside names."""
    inside = {i for n in named if n.label != "NORP" for i in range(n.start, n.end)}
    org_nouns = lexicon().org_nouns
    out = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.i in inside or root.tag_ not in {"NN", "NNP"}:
            continue
        role = role_of(root.lemma_) or role_of(root.text)
        if role:
            out.append((chunk, role[0]))
        elif root.lower_ in org_nouns and chunk[0].lower_ in DEFINITE:
            out.append((chunk, ""))
    return out


def _steps(doc: Doc, builder: _Builder, named: Sequence[_Named]) -> list[tuple[int, Step]]:
    """Role phrases and pronouns as (position, action), to be run in reading order."""
    partners = _appositives(doc, named)
    steps: list[tuple[int, Step]] = []
    for chunk, role in _role_chunks(doc, named):
        partner = builder.owner.get(partners.get(chunk.root.i, -1))
        if partner is not None:
            steps.append((chunk.start, functools.partial(builder.add_appositive, partner, chunk)))
        elif role:
            steps.append((chunk.start, functools.partial(builder.add_role, chunk, role)))
        else:
            steps.append((chunk.start, functools.partial(builder.add_org_noun, chunk)))
    for token in doc:
        if token.lower_ in PRONOUN_GENDER and token.pos_ == "PRON":
            steps.append((token.i, functools.partial(builder.add_pronoun, token)))
    return sorted(steps, key=lambda step: step[0])


def extract(doc: Doc) -> list[Entity]:
    """The entities of one parsed article, ids ``e1``, ``e2``… in order of first mention."""
    named = named_mentions(doc)
    builder = _Builder(doc)
    for n in named:
        builder.add_named(n)
    for _, step in _steps(doc, builder, named):
        step()
    return builder.entities()


# --------------------------------------------------------------------------- speakers

SPOKESPEOPLE = frozenset({"spokesperson", "representative", "official", "executive", "chief"})


def entity_gender(entity: Entity) -> str:
    """Gender of a person entity from its title, first name or the pronouns among its mentions."""
    pronouns = {PRONOUN_GENDER.get(m.text.lower(), "") for m in entity.mentions} - {""}
    if len(pronouns) == 1:
        return pronouns.pop()
    return person_gender(entity.name, entity.title)


def entity_roles(entity: Entity) -> frozenset[str]:
    """Canonical roles of an entity, from its title and the role nouns among its mentions."""
    return title_roles(" ".join([entity.title, *(m.text for m in entity.mentions)]))


def resolve_speaker(
    doc: Doc, start: int, end: int, entities: Sequence[Entity], cue: int | None = None
) -> Entity | None:
    """The entity a speaker span (character offsets) names, or None when it is not clear.

    ``cue`` (the cue's character offset, when known) keeps the part of a span that a paragraph
    break cuts (:func:`speaker_part`). A relative pronoun stands for its antecedent. In order:
    ``he``/``she`` → the salient person they stand for (:func:`_salient`); ``the ministry`` →
    the one organisation named with that noun; a person mention covering the head word, else
    the person its apposition names (``Another Democrat, Sen. Maria Lopez``), else any entity
    mention covering it; ``Taylor's letter`` → Taylor; ``a spokesperson for MFL`` → MFL;
    ``they`` → the one recent organisation or group; ``the minister`` → the one entity with
    that title; a bare name → the one entity with that surname or name.
    """
    part = speaker_part(doc, start, end, cue)
    span = doc.char_span(*part, alignment_mode="expand") if part else None
    if span is None or not len(span) or not entities:
        return None
    head = _antecedent(span.root)
    if head.lower_ in PRONOUN_GENDER:
        return _by_pronoun(head, entities)
    mentioned = _by_mention(head, entities)
    person = mentioned if mentioned is not None and mentioned.kind == "person" else None
    return (
        _by_own_noun(span, entities)
        or person
        or _by_apposition(head, entities)
        or mentioned
        or _by_author(head, entities)
        or _by_spokesperson(span, entities)
        or _by_pronoun(head, entities)
        or _by_role(span, entities)
        or (_by_name(span.text, entities) if head.pos_ == "PROPN" else None)
    )


def speaker_part(doc: Doc, start: int, end: int, cue: int | None = None) -> tuple[int, int] | None:
    """The character range of a speaker span that can name the speaker, or None.

    A speaker stands in one paragraph with its cue, so a span that a paragraph break cuts (a
    parse that ran two paragraphs together: ``… and Jim Talent`` / ``Romney released a
    statement``) keeps only the part beside the cue (without the cue, which part speaks cannot
    be told: None); a speaker in another paragraph than its cue is no speaker at all.
    """
    text = nlp.text(doc)
    if cue is not None and "\n" in text[min(end, cue) : max(start, cue)]:
        return None
    if "\n" not in text[start:end]:
        return start, end
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or cue is None:
        return None
    pieces: list[list[Token]] = [[]]
    for token in span:
        if "\n" in token.text:
            pieces.append([])
        else:
            pieces[-1].append(token)
    kept = pieces[-1] if cue >= end else pieces[0]
    while kept and kept[-1].is_punct:
        kept = kept[:-1]
    return (kept[0].idx, kept[-1].idx + len(kept[-1])) if kept else None


def _antecedent(head: Token) -> Token:
    """``Morial, who said ...``: a relative pronoun speaks for the noun it follows."""
    clause = head.head
    if head.tag_ in {"WP", "WDT"} and clause.dep_ == "relcl" and clause.head.pos_ in ANTECEDENTS:
        return clause.head
    return head


def _by_own_noun(span: Span, entities: Sequence[Entity]) -> Entity | None:
    """``the ministry`` → the one organisation whose name holds that noun (Health Ministry)."""
    head = span.root
    if head.tag_ != "NN" or span[0].lower_ not in DEFINITE:
        return None
    fits = {
        e
        for e in entities
        if e.kind in ("organization", "group") and head.lower_ in _plain(e.name).split()
    }
    return fits.pop() if len(fits) == 1 else None


def _by_mention(head: Token, entities: Sequence[Entity]) -> Entity | None:
    at = head.idx
    found = [e for e in entities for m in e.mentions if m.start <= at < m.end]
    return found[0] if len(set(found)) == 1 else None


def _by_author(head: Token, entities: Sequence[Entity]) -> Entity | None:
    """``Taylor's letter to the committee`` → Taylor, who speaks through it."""
    if head.lemma_.lower() not in MESSAGES:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    found = _by_mention(owner, entities) if owner is not None else None
    return found if found is not None and found.kind in {"person", "organization"} else None


def _by_apposition(head: Token, entities: Sequence[Entity]) -> Entity | None:
    """``Another leading Democrat, Sen. Kristen Gillibrand`` → the person the apposition names."""
    named = [
        _by_mention(c, entities) for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
    ]
    people = {e for e in named if e is not None and e.kind == "person"}
    return people.pop() if len(people) == 1 else None


def _by_spokesperson(span: Span, entities: Sequence[Entity]) -> Entity | None:
    """``a spokesperson for MFL``/``MFL's chief executive`` → the titled person, else MFL."""
    role = (role_of(span.root.lemma_) or role_of(span.root.text) or ("", ""))[0]
    if role not in SPOKESPEOPLE:
        return None
    within = [
        e
        for e in entities
        for m in e.mentions
        if span.start_char <= m.start and m.end <= span.end_char
    ]
    if any(e.kind == "person" for e in within):
        return None  # a person's spokesman, not the county in 'for St. Louis County Prosecutor X'

    # "other": an adjective ("Democratic officials")
    inside = {e for e in within if e.kind not in {"person", "other"}}
    if len(inside) != 1:
        return None
    (org,) = inside
    key = name_key(org.name)
    titled = [e for e in entities if role in entity_roles(e) and key in name_key(e.title)]
    return titled[0] if len(titled) == 1 else org


def _window_start(head: Token) -> int:
    """Character offset of the start of the sentence ``WINDOW`` sentences before the head's."""
    sent = head.sent
    for _ in range(WINDOW):
        if sent.start == 0:
            break
        sent = sent.doc[sent.start - 1].sent
    return sent.start_char


def _by_pronoun(head: Token, entities: Sequence[Entity]) -> Entity | None:
    """``they`` → the one recent organisation or group; ``he``/``she`` → :func:`_salient`."""
    word = head.lower_
    if word in PRONOUN_GENDER:
        return _salient(head, _People(head.doc, entities), {})
    if word not in PLURAL_PRONOUNS:
        return None
    low = _window_start(head)
    recent = [e for e in entities if any(low <= m.start < head.idx for m in e.mentions)]
    fits = [e for e in recent if e.kind in ("organization", "group")]
    return fits[0] if len(fits) == 1 else None


class _People:
    """Where people are written in a doc: the head token of each mention, with its entity.

    Named and role mentions of person entities, and a person's surname written again where the
    small model tagged nothing (``Akin apologized``) when no other person has that surname.
    Pronouns are left out: the entities group them by recency, which is the guess
    :func:`_salient` has to avoid; it resolves earlier pronouns itself.
    """

    def __init__(self, doc: Doc, entities: Sequence[Entity]) -> None:
        self.entities = entities
        self.at: dict[int, Entity] = {}
        covered: set[int] = set()
        for e in entities:
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                covered.update(range(span.start, span.end))
                if e.kind == "person" and span.root.lower_ not in PRONOUN_GENDER:
                    self.at.setdefault(span.root.i, e)
        surnames: dict[str, set[Entity]] = {}
        for e in entities:
            words = e.name.split()
            if e.kind == "person" and e.name != e.title and len(words) > 1:
                surnames.setdefault(surname_of(e.name), set()).add(e)
        for token in doc:
            owners = surnames.get(token.text, set())
            if token.i not in covered and token.pos_ == "PROPN" and len(owners) == 1:
                self.at[token.i] = next(iter(owners))
        self.gender = {e: _gender_outside_quotes(doc, e) for e in entities if e.kind == "person"}


def _gender_outside_quotes(doc: Doc, entity: Entity) -> str:
    """Gender from a title or first name, else from the entity's pronouns outside quotations.

    A pronoun inside a quotation is often someone else (``"He lost," she said``), and the
    entities group pronouns by recency alone.
    """
    gender = person_gender(entity.name, entity.title)
    if gender:
        return gender
    found = set()
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        word = m.text.lower()
        if word in PRONOUN_GENDER and span is not None and not _in_quotation(doc, span.start):
            found.add(PRONOUN_GENDER[word])
    return found.pop() if len(found) == 1 else ""


SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "dative", "iobj"})
MODIFIERS = frozenset({"poss", "compound"})
# '"…," said Rossi': the name after one of these verbs is its subject, whatever the parse says.
INVERTED = frozenset({"say", "add", "tell", "write", "ask", "explain", "note", "continue"})
QUOTED_RUN = 12  # at most this many sentences back, quoted ones included


def _position(token: Token) -> str:
    """``subject``, ``modifier`` (``Rossi's office``, ``the Rossi campaign``) or ``other``.

    A name joined to a subject (``Novak and Hughes left``) or in apposition to one (``One
    Democrat, Representative Lynch, raised ...``) is a subject too.
    """
    token = _first_conjunct(token)
    head = token.head
    inverted = head.lemma_.lower() in INVERTED and head.i < token.i
    inverted = inverted and not any(c.dep_ in SUBJECTS for c in head.children)  # 'Pow told Dale'
    if token.dep_ in SUBJECTS or (inverted and token.dep_ not in MODIFIERS):
        return "subject"
    return "modifier" if token.dep_ in MODIFIERS else "other"


def _first_conjunct(token: Token) -> Token:
    """``Hughes`` in ``Novak and Hughes`` → ``Novak``, which carries the pair's relation; a name
    in apposition → what it names (``One Democrat, Representative Lynch, raised ...``)."""
    while token.dep_ in {"conj", "appos"} and token.head != token:
        token = token.head
    return token


def _object_of(token: Token, verbs: set[int]) -> bool:
    return token.dep_ in OBJECTS and token.head.i in verbs


def _main(token: Token) -> bool:
    """Is the token an argument of its sentence's main verb (or of a verb joined to it)?"""
    return _first_conjunct(_first_conjunct(token).head).dep_ == "ROOT"


def _salient(pronoun: Token, people: _People, memo: dict[int, Entity | None]) -> Entity | None:
    """The person ``he``/``she`` stands for, by salience; None when two could be meant.

    Going back sentence by sentence (its own, then ``WINDOW`` more, not counting sentences
    wholly inside a quotation, whose speaker is named before them), the first sentence with
    a person of the pronoun's gender (or of unknown gender) as a subject decides: that person
    (the subject of the main clause over one of a subordinate clause: ``Fudge said the effort to
    unseat Pelosi was not a failure``), unless two such subjects share the same rank, its verb
    has another such person as its object (``Novak called Hughes. He said``), or a later
    sentence named another such person (not as a subject). A person named inside a quotation
    is not a candidate for a pronoun outside it (``"… for Hillary Clinton," she said``), nor is
    an argument of the pronoun's own verb. A possessive or a modifier (``Rossi's office``) is
    taken only when nobody else is near; nobody near at all: the one named person of that
    gender in the article so far. One person named (not as a subject) in the nearest paragraph
    with people is chosen before the paragraphs above it are read.
    Earlier pronouns count as mentions of whom they are resolved to.
    """
    if pronoun.i in memo:
        return memo[pronoun.i]
    memo[pronoun.i] = None  # a pronoun never stands for itself
    doc = pronoun.doc
    waiting: set[Entity] = set()
    weak: set[Entity] = set()
    sent: Span | None = pronoun.sent
    last = pronoun.sent
    left = WINDOW + 1
    for _ in range(QUOTED_RUN):
        if sent is None or not left:
            break
        if _quoted_sentence(sent) and sent != pronoun.sent:
            sent = doc[sent.start - 1].sent if sent.start > 0 else None
            continue  # a sentence of a quotation does not use up the window
        if len(waiting) == 1 and _paragraph_between(sent, last):
            break  # "... drew a response from Owens. / “…,” he told": no subject came first
        left -= 1
        last = sent
        seen = _people_in(sent, pronoun, people, memo)
        subjects = {e for t, e in seen if _position(t) == "subject" and _main(t)}
        subjects = subjects or {e for t, e in seen if _position(t) == "subject"}
        if subjects:
            subject = subjects.pop()
            verbs = {
                _first_conjunct(t).head.i
                for t, e in seen
                if e == subject and _position(t) == "subject" and t.tag_ not in {"WP", "WDT"}
            }
            # the one told is no rival ("Pow told Mr. Dale that ... “…,” he said")
            heard = {v for v in verbs if pronoun.doc[v].lemma_.lower() in speech_verbs()}
            objects = {e for t, e in seen if _object_of(_first_conjunct(t), verbs - heard)}
            rivals = waiting | subjects | objects
            memo[pronoun.i] = None if rivals - {subject} else subject
            return memo[pronoun.i]
        waiting |= {e for t, e in seen if _position(t) == "other"}
        weak |= {e for t, e in seen if _position(t) == "modifier"}
        sent = doc[sent.start - 1].sent if sent.start > 0 else None
    near = waiting | weak
    chosen = next(iter(near)) if len(near) == 1 else None
    if not near:
        chosen = _only_named_before(pronoun, people)
    memo[pronoun.i] = chosen
    return chosen


def _paragraph_between(earlier: Span, later: Span) -> bool:
    return "\n" in earlier.doc.text[earlier.start_char : later.start_char]


def _people_in(
    sent: Span, pronoun: Token, people: _People, memo: dict[int, Entity | None]
) -> list[tuple[Token, Entity]]:
    """People of the pronoun's gender (or of unknown gender) written in a sentence before it.

    Not a name inside a quotation when the pronoun is outside one, nor an argument of the
    pronoun's own verb (``Rossi praised her``), nor a name in what someone in the sentence, or
    the pronoun, is said to say (``Rossi, he said, was wrong``; ``Saying Rossi, he said, was
    too simple``).
    """
    doc = pronoun.doc
    gender = PRONOUN_GENDER[pronoun.lower_]
    outside = not _in_quotation(doc, pronoun.i)
    binds = pronoun.lower_ not in REFLEXIVES and pronoun.dep_ != "poss"
    said = set().union(*(_said_by(t) for t in (*sent, pronoun)))
    seen = []
    for token in doc[sent.start : min(sent.end, pronoun.i)]:
        if (outside and _in_quotation(doc, token.i)) or (binds and token.head.i == pronoun.head.i):
            continue
        if token.i in said:
            continue
        # "... alienated Bloomberg, who makes the case. He ...": a sentence before the pronoun's
        own = sent == pronoun.sent
        entity = people.at.get(token.i if own else _antecedent(token).i)
        if entity is None and token.pos_ == "PRON" and PRONOUN_GENDER.get(token.lower_) == gender:
            entity = _salient(token, people, memo)
        if entity is not None and people.gender.get(entity, "") in ("", gender):
            seen.append((token, entity))
    return seen


def _said_by(subject: Token) -> set[int]:
    """The words the subject of a speech verb is said to say: the verb's reported clause, or
    the clause around the verb when the verb stands aside in it ("X, he said, was Y")."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_.lower() not in speech_verbs():
        return set()
    doc = verb.doc
    reported = [  # not a clause before a semicolon ('Gorsuch gave ...; he stated that ...')
        c
        for c in verb.children
        if c.dep_ == "ccomp" and not (c.i < verb.i and ";" in doc[c.right_edge.i : verb.i].text)
    ]
    said = {t.i for c in reported for t in c.subtree}
    # an aside ('X, he said, was Y'; '"...," Trump tweeted'), not the words another speech verb
    # reports ('Lankford said the delays reminded him of ...') nor a clause that reports its own
    # ('Gorsuch gave the expected answers; he stated that ...')
    reporting = verb.head.lemma_.lower() in speech_verbs()
    aside = not said and (
        verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and not reporting and _set_off(verb))
    )
    if aside and verb.head != verb:
        said |= {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
    return said


def _set_off(verb: Token) -> bool:
    """Does the verb's clause stand apart, between punctuation ('X, he said, was Y', '"...,"
    Trump tweeted.'), not inside the clause ('Shulman offered what he said was ...')?"""
    doc, left, right = verb.doc, verb.left_edge.i, verb.right_edge.i
    before = doc[left - 1].text if left > 0 else ""
    after = doc[right + 1].text if right + 1 < len(doc) else "."
    return before in SET_OFF_BEFORE and after in SET_OFF_AFTER


SET_OFF_BEFORE = frozenset({",", "—", "–", "“", "”", '"', "("})
SET_OFF_AFTER = frozenset({",", "—", "–", ".", "!", "?", ")", "”", '"', ";"})


def _in_quotation(doc: Doc, token: int) -> bool:
    """Is the token inside a quotation? The nearest quotation mark before it decides.

    A curly mark says which it is; a straight one opens when a space (or the start of the
    paragraph) comes before it and none after it, and closes when it is glued to the word
    before it. Unlike a count of marks, this stays right when a quotation running over several
    paragraphs leaves one unclosed, or when paragraphs were joined into one line.
    """
    for t in reversed(doc[:token]):
        if "\n" in t.text:
            return False
        if t.text in {"“", "”"}:
            return t.text == "“"
        if t.text == '"':
            before = doc[t.i - 1] if t.i else None
            spaced = before is None or bool(before.whitespace_) or "\n" in before.text
            if spaced != bool(t.whitespace_):
                return spaced
    return False


def _quoted_sentence(sent: Span) -> bool:
    """Is every word of the sentence inside a quotation?"""
    words = [t for t in sent if t.is_alpha]
    return bool(words) and all(_in_quotation(sent.doc, t.i) for t in words)


def _only_named_before(pronoun: Token, people: _People) -> Entity | None:
    """The one named person of the pronoun's gender written before it, outside quotations
    when the pronoun is outside one."""
    gender = PRONOUN_GENDER[pronoun.lower_]
    outside = not _in_quotation(pronoun.doc, pronoun.i)
    earlier = {
        e
        for i, e in people.at.items()
        if i < pronoun.i
        and e.name != e.title
        and people.gender.get(e) == gender
        and not (outside and _in_quotation(pronoun.doc, i))
    }
    return earlier.pop() if len(earlier) == 1 else None


def _by_role(span: Span, entities: Sequence[Entity]) -> Entity | None:
    role = role_of(span.root.lemma_) or role_of(span.root.text)
    modifiers = _role_modifiers(span)
    if role is None or span[0].lower_ in INDEFINITE or modifiers & CONTRASTIVE:
        return None
    if span.root.tag_ in {"NNS", "NNPS"}:
        return None  # 'Passengers said ...' are many people, not the one passenger named
    fits = [e for e in entities if role[0] in entity_roles(e) and title_fits(e.title, modifiers)]
    return fits[0] if len(fits) == 1 else None


def _by_name(text: str, entities: Sequence[Entity]) -> Entity | None:
    key = name_key(text)
    words = [w for w in _plain(text).split() if w not in lexicon().honorifics and not role_of(w)]
    fits = [
        e
        for e in entities
        if key in {name_key(e.name), *map(name_key, e.aliases)}
        or (e.kind == "person" and names_compatible(words, _plain(e.name).split()))
    ]
    people = [e for e in fits if e.kind == "person"]
    fits = people if len(people) == 1 else fits  # "Schiff" untagged: the person, not the place
    return fits[0] if len(fits) == 1 else None
