"""Numbers with what they count, and arithmetic on them for the comparison.

``extract`` finds counts ("214 passengers", "12 were injured"), money ("$2.5 million"),
percentages ("12 percent", "two-thirds"), measures ("3 km", "a 45-year-old": unit ``age``)
and ordinals ("the third time"), each with its bound ("at least 40" is ``at_least``,
"fewer than ten" is ``at_most``, "about 300" is ``about``). Years, dates, clock times, phone
numbers and identifiers ("Flight 370", "Article 5") are not quantities.

A count is a noun and what happened to it. ``unit`` is the counted noun ("passenger") and
``predicate`` what the sentence says happened to it, read from the dependency parse with the
hand-written classes of ``data/quantity_predicates.txt``: "two passengers lost their lives"
counts deaths, "carrying 214 passengers" people on board, "12 were treated for injuries"
injuries.

``same_measure``, ``part_of``, ``contradicts`` and ``consistent`` let a comparison tell a real
clash of numbers from different ways of counting: "214 passengers and nine crew" agree with
"223 people on board", "at least 200" agrees with 214, "fewer than ten people were hurt"
clashes with "12 were injured", and "two passengers died" says nothing about the 214 on board.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Literal

from rashomon import nlp
from rashomon.records import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Kind = Literal["count", "money", "percent", "measure", "ordinal"]
Bound = Literal["exact", "at_least", "at_most", "about"]

ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS = {w: float(n) for n, w in enumerate(ONES)} | {
    w: float(20 + 10 * n) for n, w in enumerate(TENS)
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "lakh": 1e5, "crore": 1e7,
}  # fmt: skip
FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
VAGUE = {
    "dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0,
    "millions": 2e6, "billions": 2e9,
}  # fmt: skip
ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
ORDINAL_WORDS = {w: float(n) for n, w in enumerate(ORDINALS, 1)}

# Words before a number that bound it ("nearly"/"almost" also make it approximate); the
# longest phrase that matches wins, so "no more than" is not read as "more than".
BOUNDS: tuple[tuple[str, Bound], ...] = tuple(
    sorted(
        (
            ("no fewer than", "at_least"), ("no less than", "at_least"), ("more than", "at_least"),
            ("at least", "at_least"), ("upwards of", "at_least"), ("in excess of", "at_least"),
            ("over", "at_least"), ("above", "at_least"), ("exceeding", "at_least"),
            ("no more than", "at_most"), ("fewer than", "at_most"), ("less than", "at_most"),
            ("at most", "at_most"), ("up to", "at_most"), ("as many as", "at_most"),
            ("as much as", "at_most"), ("under", "at_most"), ("below", "at_most"),
            ("nearly", "at_most"), ("almost", "at_most"), ("close to", "about"),
            ("an estimated", "about"), ("estimated", "about"), ("approximately", "about"),
            ("roughly", "about"), ("around", "about"), ("about", "about"), ("some", "about"),
            ("circa", "about"), ("~", "about"),
        ),
        key=lambda pair: -len(pair[0]),
    )
)  # fmt: skip
AFTER_BOUNDS: tuple[tuple[str, Bound], ...] = (
    ("or more", "at_least"), ("plus", "at_least"), ("+", "at_least"),
    ("or fewer", "at_most"), ("or less", "at_most"), ("or so", "about"),
)  # fmt: skip
APPROXIMATE = {
    "nearly", "almost", "close to", "an estimated", "estimated", "approximately", "roughly",
    "around", "about", "some", "circa", "~", "or so",
}  # fmt: skip
PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b")
AGE = re.compile(
    r"\b(?P<n>\d{1,3}|[a-z]+(?:-[a-z]+)?)[- ](?:years?|yr)[- ]old\b|\baged (?P<m>\d{1,3})\b",
    re.IGNORECASE,
)
CLOCK = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b[012]\d[0-5]\d\s*(?:GMT|UTC|hrs)\b|\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b"
)
RATIO = re.compile(r"\b(?P<a>\d+|[a-z]+)[- ]in[- ](?P<b>\d+|[a-z]+)\b", re.IGNORECASE)
SCORE = re.compile(r"\b\d{1,3}[-–]\d{1,3}\b")
YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
FEW = frozenset({"several", "few", "many"})
RANGE = frozenset({"-", "–", "to", "and", "or"})
LOOSE_BOUNDS = frozenset({"over", "under", "above", "below", "about", "around", "some"})
COUNTED_DEPS = frozenset({"nummod", "quantmod", "amod", "compound"})
NUMBER_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
OTHER_NAME_ENTS = frozenset({"LAW", "PRODUCT", "WORK_OF_ART", "FAC", "ORG", "EVENT"})


# --------------------------------------------------------------------------- numbers


def number_value(text: str) -> float | None:
    """The value of a written number: "214", "1,200", "2.5 million", "twenty-five", "a dozen"."""
    words = re.findall(r"\d+(?:\.\d+)?|[a-z]+", _plain_number(text))
    fraction = _fraction(words)
    if fraction is not None:
        return fraction
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in ("and", "a", "an"):
            continue
        if word[0].isdigit() or word in NUMBER_WORDS:
            current += float(word) if word[0].isdigit() else NUMBER_WORDS[word]
        elif word in ("hundred", "dozen") or word in SCALES:
            factor = 100.0 if word == "hundred" else 12.0 if word == "dozen" else SCALES[word]
            if factor >= 1e3:
                total, current = total + (current or 1.0) * factor, 0.0
            else:
                current = (current or 1.0) * factor
        else:
            return None
        seen = True
    return total + current if seen else None


def _plain_number(text: str) -> str:
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text.lower())
    return re.sub(r"(?<=\d)(?=[a-z])", " ", text)


def _fraction(words: list[str]) -> float | None:
    if len(words) == 2 and words[1] in FRACTIONS:
        top = 1.0 if words[0] in ("a", "an", "one") else NUMBER_WORDS.get(words[0])
        if top is not None:
            return top / FRACTIONS[words[1]]
    return 0.5 if words == ["half"] else None


def ordinal_value(text: str) -> float | None:
    """The value of an ordinal: "third" → 3, "21st" → 21."""
    plain = text.lower().strip()
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", plain)
    if match:
        return float(match.group(1))
    return ORDINAL_WORDS.get(plain)


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class Lexicon:
    """The hand-written word lists in ``rashomon/data/quantity_*.txt``."""

    money: dict[str, str]
    measures: dict[str, str]
    same: dict[str, str]
    parts: dict[str, frozenset[str]]
    words: dict[str, frozenset[str]]
    predicates: dict[str, str]  # key ("lose life") -> class ("death")
    labels: dict[str, str]  # class -> label ("Dead")
    predicate_parts: dict[str, frozenset[str]]  # class -> narrower classes


def _entries(name: str) -> Iterator[tuple[list[str], list[str]]]:
    text = resources.files("rashomon.data").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            head, _, tail = line.partition(":")
            yield head.split(), [w.strip() for w in tail.split(",") if w.strip()]


@functools.cache
def lexicon() -> Lexicon:
    money: dict[str, str] = {}
    measures: dict[str, str] = {}
    for (kind, *name), words in _entries("quantity_units.txt"):
        table = money if kind == "money" else measures
        table.update({w: " ".join(name) for w in words})
    same, parts = _relations("quantity_measures.txt")
    lists = {name: frozenset(line[0].split()) for (name,), line in _entries("quantity_words.txt")}
    predicates: dict[str, str] = {}
    labels: dict[str, str] = {}
    for head, words in _entries("quantity_predicates.txt"):
        if head[0] != "part":
            cls, _, shown = " ".join(head).partition("|")
            labels[cls.strip()] = shown.strip()
            predicates.update({w: cls.strip() for w in words})
    predicate_parts = {
        " ".join(whole): frozenset(words)
        for (relation, *whole), words in _entries("quantity_predicates.txt")
        if relation == "part"
    }
    return Lexicon(money, measures, same, parts, lists, predicates, labels, predicate_parts)


def _relations(name: str) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The "same" and "part" lines of a measures file."""
    same: dict[str, str] = {}
    parts: dict[str, set[str]] = {}
    for (relation, *words_of_name), words in _entries(name):
        key = " ".join(words_of_name)
        if relation == "same":
            same.update({w: key for w in words} | {key: key})
        else:
            parts.setdefault(key, set()).update(words)
    return same, {k: frozenset(v) for k, v in parts.items()}


def _words(name: str) -> frozenset[str]:
    return lexicon().words[name]


def measure_of(unit: str) -> str:
    """The canonical measure a unit counts: "passengers" and "travellers" both count
    "passenger"."""
    table = lexicon().same
    plain = unit.lower().strip()
    if plain in table:
        return table[plain]
    last = plain.split()[-1] if plain else ""
    return table.get(last, plain)


def label(q: Quantity) -> str:
    """What ``q`` measures, in a word or two for a reader: "Injured", "Passengers", "Amount"."""
    if q.predicate in lexicon().labels:
        return lexicon().labels[q.predicate]
    if q.kind == "money":
        return f"Amount ({q.unit})"
    if q.kind == "percent":
        return "Share"
    noun = counted_text(q) or q.unit
    return noun[:1].upper() + noun[1:] if noun else "Number"


# --------------------------------------------------------------------------- comparison


def same_measure(a: Quantity, b: Quantity) -> bool:
    """Whether ``a`` and ``b`` count the same thing, so that their values can be compared.

    A count is a noun and what happened to it: "two passengers died" and "214 passengers
    on board" count different things, "12 were injured" and "fewer than ten people were
    hurt" the same. Both must say the same happened (or neither), and count the same noun;
    a bare number with a predicate ("12 were injured") counts people.
    """
    if a.kind != b.kind or a.predicate != b.predicate:
        return False
    noun_a, noun_b = _noun(a), _noun(b)
    return bool(noun_a) and noun_a == noun_b


def part_of(part: Quantity, whole: Quantity) -> bool:
    """Whether ``part`` counts a subset of what ``whole`` counts: passengers of the people on
    board, deaths of the casualties."""
    if part.kind != whole.kind or not _noun(part) or not _noun(whole):
        return False
    narrower_noun = _noun(part) in lexicon().parts.get(_noun(whole), frozenset())
    if part.predicate == whole.predicate:
        return narrower_noun
    narrower = part.predicate in lexicon().predicate_parts.get(whole.predicate, frozenset())
    return narrower and (narrower_noun or _noun(part) == _noun(whole))


def _noun(q: Quantity) -> str:
    """The measure of what ``q`` counts; "person" for a bare count of what happened ("12 were
    injured") and for a noun that is itself what happened ("40 deaths")."""
    noun = measure_of(q.unit) if q.unit else ""
    if q.kind == "count" and q.predicate and (not noun or q.unit in lexicon().predicates):
        return "person"
    return noun


def contradicts(a: Quantity, b: Quantity) -> bool:
    """Whether two numbers cannot both be true: the same measure with values no bound or
    rounding reconciles, or a part larger than its whole ("12 passengers were injured" and
    "fewer than ten people were hurt")."""
    if same_measure(a, b):
        return not _overlap(interval(a), interval(b))
    if part_of(a, b):
        return interval(a)[0] > interval(b)[1] + 1e-9
    if part_of(b, a):
        return interval(b)[0] > interval(a)[1] + 1e-9
    return False


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two numbers measure the same thing or one a part of the other."""
    return same_measure(a, b) or part_of(a, b) or part_of(b, a)


def number_text(q: Quantity) -> str:
    """The number of ``q`` with its bound, without the counted noun: "fewer than ten",
    "12", "$2.5 million"; a number word opening a sentence is lower-cased."""
    text = q.text
    noun = counted_text(q)
    if noun and text.endswith(noun):
        text = text[: -len(noun)].rstrip(" -")
    first = text.split()[0] if text.split() else ""
    if first[:1].isupper() and (first.lower() in NUMBER_WORDS or _bound_word(first.lower())):
        text = text[:1].lower() + text[1:]
    return text


def counted_text(q: Quantity) -> str:
    """The counted noun as written at the end of a count's text ("passengers")."""
    if q.kind != "count" or not q.unit:
        return ""
    words = q.text.split()
    tail = [w for w in words[1:] if number_value(w) is None and w.lower() not in SCALES]
    return " ".join(tail[-len(q.unit.split()) :]) if tail else ""


def _bound_word(word: str) -> bool:
    return any(phrase.split()[0] == word for phrase, _ in BOUNDS)


def interval(q: Quantity) -> tuple[float, float]:
    """The values ``q`` allows, given its bound and the rounding of the stated number."""
    slack = _rounding(q)
    if q.bound == "at_least":
        return q.value - slack, math.inf
    if q.bound == "at_most":
        low = 0.8 * q.value if q.approximate else 0.0
        return low, q.value + slack
    if q.bound == "about" or q.approximate:
        return 0.9 * q.value - slack, 1.1 * q.value + slack
    return q.value - slack, q.value + slack


def _rounding(q: Quantity) -> float:
    """Half a step of the last digit written: "2.5 million" is 2.45–2.55 million, "12%" 11.5–12.5.

    Whole numbers under 1,000 are counts and exact; "30,000" allows 25,000–35,000; a whole
    number of millions allows a full step, since reporters cut as often as they round ("$43
    million" for $43,885,310).
    """
    if q.kind == "ordinal":
        return 0.0
    digits = re.sub(r"[^\d.]", "", q.text.replace(",", ""))
    if "." in digits:
        decimals = len(digits.partition(".")[2].rstrip("."))
        shown = float(digits.strip(".") or 0)
        scale = q.value / shown if shown else 1.0
        return 0.5 * 10**-decimals * scale
    if q.kind == "percent":
        return 0.5
    if q.value >= 1000 and q.value == int(q.value):
        whole = int(q.value)
        step = 10 ** (len(str(whole)) - len(str(whole).rstrip("0")))
        scaled = any(w in SCALES for w in re.findall(r"[a-z]+", q.text.lower()))
        return step if scaled else step / 2 if step > 1 else 0.0
    return 0.0


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two numbers of the same measure can both be true ("at least 200" and 214)."""
    return same_measure(a, b) and _overlap(interval(a), interval(b))


def consistent(parts: Sequence[Quantity], total: Quantity) -> bool:
    """Whether ``parts`` can add up to ``total``.

    Parts of the total's own measure must add up to it ("12 dead here and 3 there" and
    "15 dead"); narrower parts may leave some of it uncounted but not exceed it ("214
    passengers and nine crew" and "223 people on board"). False when any part counts
    something else.
    """
    if not parts or not all(same_measure(p, total) or part_of(p, total) for p in parts):
        return False
    low = sum(interval(p)[0] for p in parts)
    high = sum(interval(p)[1] for p in parts)
    lo_total, hi_total = interval(total)
    if all(same_measure(p, total) for p in parts):
        return _overlap((low, high), (lo_total, hi_total))
    return low <= hi_total


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] + 1e-9 and b[0] <= a[1] + 1e-9


# --------------------------------------------------------------------------- extraction


def extract(doc: Doc) -> list[Quantity]:
    """Every number of ``doc`` with what it counts, in text order."""
    blocked = _blocked_spans(doc)
    found = _ages(doc)
    taken = [(q.start, q.end) for q in found]
    for span in _candidates(doc):
        if _inside_any(span.start_char, span.end_char, blocked + taken):
            continue
        quantity = _quantity(span)
        if quantity is not None:
            found.append(quantity)
            taken.append((quantity.start, quantity.end))
    return sorted(found, key=lambda q: q.start)


def _blocked_spans(doc: Doc) -> list[tuple[int, int]]:
    """Dates, times, names with numbers in them, phone numbers and scores."""
    spans = [
        (e.start_char, e.end_char)
        for e in doc.ents
        if e.label_ in {"DATE", "TIME"} | OTHER_NAME_ENTS and not AGE.search(e.text)
    ]
    text = nlp.text(doc)
    spans += [m.span() for m in PHONE.finditer(text)]
    spans += [m.span() for m in CLOCK.finditer(text)]
    spans += [m.span() for m in SCORE.finditer(text) if not _range_of_things(doc, m.end())]
    spans += [m.span() for m in RATIO.finditer(text) if _ratio(m)]
    return spans


def _ratio(match: re.Match[str]) -> bool:
    """ "a one-in-three chance", "1 in 5 voters": odds, not two numbers."""
    return number_value(match["a"]) is not None and number_value(match["b"]) is not None


def _range_of_things(doc: Doc, end: int) -> bool:
    """ "10-15 people" is a range; "won 3-1" is a score."""
    span = doc.char_span(end, min(end + 30, len(nlp.text(doc))), alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].tag_ == "NNS"


def _inside_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _ages(doc: Doc) -> list[Quantity]:
    ages = []
    for match in AGE.finditer(nlp.text(doc)):
        value = number_value(match.group("n") or match.group("m") or "")
        if value is not None and 0 < value < 130:
            ages.append(_make(doc, match.start(), match.end(), value, "age", "measure"))
    return ages


def _make(doc: Doc, start: int, end: int, value: float, unit: str, kind: Kind) -> Quantity:
    return Quantity(start, end, nlp.text(doc)[start:end], value, unit, kind)


def _candidates(doc: Doc) -> Iterator[Span]:
    """spaCy's number entities, then numbers it missed, as spans of their number words."""
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in NUMBER_ENTS:
            covered.update(range(ent.start, ent.end))
            yield from _pieces(ent)
    for token in doc:
        if token.i not in covered and _numeric(token) and token.ent_type_ not in {"DATE", "TIME"}:
            end = token.i + 1
            while end < len(doc) and (doc[end].lower_ in SCALES or doc[end].lower_ == "hundred"):
                end += 1
            covered.update(range(token.i, end))
            yield doc[token.i : end]


def _pieces(ent: Span) -> Iterator[Span]:
    """ "47 percent to 43 percent" holds two numbers; "10-15" and "a hundred and ten" one."""
    from spacy.tokens import Span  # here, not at the top: rashomon.nlp imports spaCy first

    start, last_number = ent.start, None
    for token in ent:
        if not _is_number_word(token):
            continue
        gap = ent.doc[last_number + 1 : token.i] if last_number is not None else None
        if gap is not None and len(gap) > 0 and not (len(gap) == 1 and gap[0].lower_ in RANGE):
            yield Span(ent.doc, start, token.i, label=ent.label_)
            start = token.i
        last_number = token.i
    yield Span(ent.doc, start, ent.end, label=ent.label_)


def _numeric(token: Token) -> bool:
    text = token.lower_
    return bool(re.fullmatch(r"\d[\d,.]*", text)) or text in NUMBER_WORDS or text in VAGUE


# --------------------------------------------------------------------------- one number


def _quantity(span: Span) -> Quantity | None:
    doc = span.doc
    words = [t for t in span if _is_number_word(t)]
    if not words or _identifier(words[0]):
        return None
    last = words[-1]
    if _a_fraction(last):
        return _fraction_of(last)
    if span.label_ == "ORDINAL" or ordinal_value(last.text) is not None:
        return _ordinal(span, last)
    if _is_year(words):
        return None
    value, vague = _value(words)
    if value is None:
        return None
    if words[0].lower_ == "one" and last.dep_ != "nummod" and span.label_ != "MONEY":
        return None
    if _list_number(words[0]) or _idiom(words, value):
        return None
    start, end = _few_start(words[0]) if vague else words[0].idx, last.idx + len(last)
    bound, end = _bound_after(doc, "exact", end, last.i)
    alternative = _or_more(doc, end, value)
    if alternative is not None:  # "two or three": at least two
        bound, end, vague = "at_least", alternative, True
    kind, unit, value, start, end = _what(span, words, value, start, end)
    if kind == "count" and unit in _words("duration"):
        return None  # "for three days" is a duration, which timex reads
    entity_start = span.start_char if span.label_ else None
    before, start, approximate = _bound(doc, start, entity_start)
    bound = before if bound == "exact" else bound
    if vague and bound in ("exact", "about"):
        bound = "at_least"
    approximate = approximate or vague or bound == "about"
    predicate = predicate_of(_root(words))
    text = nlp.text(doc)[start:end]
    return Quantity(start, end, text, value, unit, kind, approximate, bound, predicate)


def _few_start(first: Token) -> int:
    """The start of "a few hundred", "several million": the vague word belongs to the number."""
    doc = first.doc
    if first.i == 0 or doc[first.i - 1].lower_ not in FEW:
        return first.idx
    before = doc[first.i - 1]
    has_a = before.i > 0 and doc[before.i - 1].lower_ == "a"
    return doc[before.i - 1].idx if has_a else before.idx


def _a_fraction(token: Token) -> bool:
    """ "a third of the voters", "half of the money": a fraction of something."""
    doc = token.doc
    if token.lower_ not in FRACTIONS or token.i == 0 or token.i + 1 >= len(doc):
        return False
    article = token.lower_ == "half" or doc[token.i - 1].lower_ in ("a", "one")
    return article and doc[token.i + 1].lower_ == "of"


def _fraction_of(token: Token) -> Quantity:
    doc = token.doc
    first = token.nbor(-1) if token.nbor(-1).lower_ in ("a", "one") else token
    bound, start, approximate = _bound(doc, first.idx, None)
    value = round(100 / FRACTIONS[token.lower_], 2)
    end = token.idx + len(token)
    text = nlp.text(doc)[start:end]
    return Quantity(start, end, text, value, "percent", "percent", approximate, bound)


def _is_number_word(token: Token) -> bool:
    """A word of a written number: digits, number words, scales, "a" in "a hundred"."""
    text = token.lower_
    if text in ("a", "an", "and"):
        after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        scale = after in SCALES or after in ("hundred", "dozen")
        return scale or (text == "and" and after in NUMBER_WORDS)
    if text in SCALES:
        return token.i > 0 and (_numeric(token.nbor(-1)) or text not in ("m", "b", "k"))
    return (
        _numeric(token)
        or text in ("hundred", "dozen")
        or text in FRACTIONS
        or ordinal_value(text) is not None
        or ("-" in text and number_value(text) is not None)
    )


def _value(words: Sequence[Token]) -> tuple[float | None, bool]:
    """The value of the number words and whether it is vague ("dozens") or a range ("10-15")."""
    if words[-1].lower_ in VAGUE and len(words) == 1:
        return VAGUE[words[-1].lower_], True
    first = words[0]
    factor = SCALES.get(first.lower_) or {"hundred": 100.0, "dozen": 12.0}.get(first.lower_)
    if factor and first.i > 0 and first.nbor(-1).lower_ in FEW:
        return 2 * factor, True  # "several million", "a few hundred": at least two
    text = nlp.text(words[0].doc)[words[0].idx : words[-1].idx + len(words[-1])]
    pair = re.fullmatch(r"(.+?)\s*(?:-|–|to|and|or)\s*(\d[\d,.]*|[a-z]+)", text.lower())
    if pair and len(words) > 1:
        low, high = number_value(pair.group(1)), number_value(pair.group(2))
        if low is not None and high is not None and low < high:
            return low, True
    return number_value(" ".join(t.text for t in words)), False


def _is_year(words: Sequence[Token]) -> bool:
    if len(words) != 1 or not YEAR.match(words[0].text):
        return False
    head = words[0].head
    return not (
        words[0].dep_ == "nummod" and head.tag_ == "NNS" and head.lemma_ not in _words("duration")
    )


def _identifier(token: Token) -> bool:
    """A number that names something: "Flight 370", "Article 5", "No. 3", "#4"."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if before.lower_.rstrip(".") in _words("identifier") or before.text == "#":
        return True
    return before.pos_ == "PROPN" and token.head == before and before.ent_type_ != "MONEY"


def _ordinal(span: Span, token: Token) -> Quantity | None:
    value = ordinal_value(token.text)
    head = token.head
    if value is None or token.tag_ == "RB" or head.lower_ in _words("fixed_ordinal"):
        return None
    if token.i + 1 < len(token.doc) and token.nbor(1).text == "-":
        return None  # "third-rate", "second-hand"
    unit = head.lemma_.lower() if head.pos_ in {"NOUN", "PROPN"} and head != token else ""
    start, end = token.idx, token.idx + len(token)
    if unit and head.i == token.i + 1:
        end = head.idx + len(head)
    return _make(span.doc, start, end, value, unit, "ordinal")


def _bound(doc: Doc, start: int, entity_start: int | None) -> tuple[Bound, int, bool]:
    """The bound words right before a number ("at least", "nearly", "some"), with the new start.

    "over", "about" and the like count only inside spaCy's entity: "over 300 people" is a
    bound, "presided over three tests" is not.
    """
    before = nlp.text(doc)[max(0, start - 25) : start].lower()
    for phrase, bound in BOUNDS:
        if re.search(rf"(?:^|\W){re.escape(phrase)}\s*$", before):
            new_start = start - (len(before) - before.rfind(phrase))
            if phrase in LOOSE_BOUNDS and entity_start is not None and new_start < entity_start:
                break
            return bound, new_start, phrase in APPROXIMATE
    return "exact", start, False


def _or_more(doc: Doc, end: int, value: float) -> int | None:
    """The end of "or three" after "two", when the second number is the larger."""
    m = re.match(r"\s+or\s+(\d[\d,.]*|[a-z]+)\b", nlp.text(doc)[end : end + 20])
    other = number_value(m.group(1)) if m else None
    return end + m.end() if m and other is not None and other > value else None


def _list_number(token: Token) -> bool:
    """ "6 Manage your exposure.": a number opening a line before a capital is a list number."""
    line_start = nlp.text(token.doc).rfind("\n", 0, token.idx) + 1
    if nlp.text(token.doc)[line_start : token.idx].strip() or token.i + 1 >= len(token.doc):
        return False
    after = token.nbor(1)
    return after.text in {".", ")"} or after.is_title


def _idiom(words: Sequence[Token], value: float) -> bool:
    """ "one thing", "at one point": "one" in a set phrase counts nothing."""
    if value != 1 or words[0].lower_ != "one":
        return False
    return words[-1].head.lower_ in _words("one_idiom")


def _bound_after(doc: Doc, bound: Bound, end: int, last: int) -> tuple[Bound, int]:
    after = nlp.text(doc)[end : end + 12].lower()
    for phrase, kind in AFTER_BOUNDS:
        if bound == "exact" and re.match(rf"\s*{re.escape(phrase)}(?!\w)", after):
            return kind, end + after.index(phrase) + len(phrase)
    return bound, end


# --------------------------------------------------------------------------- what it counts


def _what(
    span: Span, words: Sequence[Token], value: float, start: int, end: int
) -> tuple[Kind, str, float, int, int]:
    """Kind, unit, value (scaled) and span of a number, from the words around it."""
    doc, first, last = span.doc, words[0], words[-1]
    money = _currency_before(doc, first) or _currency_after(doc, last)
    if money is not None:
        unit, s, e = money
        return "money", unit, value, min(start, s), max(end, e)
    percent = re.match(r"\s*(%|percent\b|per cent\b)", nlp.text(doc)[end : end + 12])
    if percent or span.label_ == "PERCENT":
        stop = end + percent.end() if percent else end
        return "percent", "percent", value, start, stop
    if _is_fraction(words):
        return "percent", "percent", round(value * 100, 2), start, end
    measure = _measure_after(doc, last) or _measure_before(doc, first)
    if measure is not None:
        unit, s, e = measure
        return "measure", unit, value, min(start, s), max(end, e)
    unit, noun = _counted(_root(words))
    between: list[Token] = list(span.doc[last.i + 1 : noun.i]) if noun is not None else []
    if noun is not None and noun.i > last.i and not any(_numeric(t) for t in between):
        end = noun.idx + len(noun)
    return "count", unit, value, start, end


def _is_fraction(words: Sequence[Token]) -> bool:
    return len(words) == 2 and words[1].lower_ in FRACTIONS


def _currency_before(doc: Doc, first: Token) -> tuple[str, int, int] | None:
    """ "$5", "US$5", "€30,000", "Rs 500": a currency written before the number."""
    money = lexicon().money
    prefix = nlp.text(doc)[max(0, first.idx - 5) : first.idx].rstrip()
    offset = first.idx - 5 if first.idx >= 5 else 0
    for size in (3, 2, 1):
        symbol = prefix[-size:].lower()
        if len(prefix) >= size and symbol in money and not symbol[-1].isalpha():
            return money[symbol], offset + len(prefix) - size, 0
    if first.i > 0 and doc[first.i - 1].lower_ in money:
        prev = doc[first.i - 1]
        return money[prev.lower_], prev.idx, 0
    return None


def _currency_after(doc: Doc, last: Token) -> tuple[str, int, int] | None:
    return _phrase_after(doc, last, lexicon().money)


def _measure_after(doc: Doc, last: Token) -> tuple[str, int, int] | None:
    return _phrase_after(doc, last, lexicon().measures)


def _phrase_after(doc: Doc, last: Token, table: dict[str, str]) -> tuple[str, int, int] | None:
    """A unit of one to three words after the number ("km", "square miles", "US dollars")."""
    start = last.i + 2 if last.i + 1 < len(doc) and doc[last.i + 1].text == "-" else last.i + 1
    for size in (3, 2, 1):
        words = doc[start : start + size]
        if len(words) < size or (words[-1].is_punct and words[-1].text not in ("%", "°")):
            continue
        key = words.text.lower().replace("-", " ")
        if key in table:
            return table[key], words.start_char, words.end_char
    return None


def _measure_before(doc: Doc, first: Token) -> tuple[str, int, int] | None:
    if first.i > 0 and doc[first.i - 1].lower_ == "magnitude":
        prev = doc[first.i - 1]
        return "magnitude", prev.idx, 0
    return None


def _root(words: Sequence[Token]) -> Token:
    ids = {t.i for t in words}
    return next((t for t in words if t.head.i not in ids or t.head == t), words[-1])


def _counted(number: Token) -> tuple[str, Token | None]:
    """The noun a count counts and the token that says so, from the parse around the number.

    Returns the noun token only when it is the number's head ("214 passengers"), so that the
    quantity's span can reach it.
    """
    head = number.head
    if number.dep_ in COUNTED_DEPS and head.pos_ in {"NOUN", "PROPN"}:
        return _noun_unit(head), head
    of = next((c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if noun is not None and noun.pos_ in {"NOUN", "PROPN"}:
        return _noun_unit(noun), None
    return _total_unit(number), None


def _noun_unit(noun: Token) -> str:
    """The lemma of a counted noun with its noun compounds ("crew member"); none for "of"."""
    lemma = noun.lemma_.lower()
    if lemma in _words("not_counted"):
        return ""
    if lemma in _words("duration"):
        return lemma
    words = [c.lemma_.lower() for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return " ".join([*words, lemma])


def _total_unit(number: Token) -> str:
    """ "The death toll rose to 40", "The toll is 40": the subject says what is counted."""
    subject = _total_subject(number)
    return _noun_unit(subject) if subject is not None and subject.pos_ == "NOUN" else ""


def _total_subject(number: Token) -> Token | None:
    verb = number.head
    if number.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    if number.dep_ not in {"attr", "pobj", "dobj"} or verb.lemma_.lower() not in _words(
        "total_verb"
    ):
        return None
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


# --------------------------------------------------------------------------- what happened to it


def predicate_of(number: Token) -> str:
    """What happened to what ``number`` counts, read from the dependency parse.

    A class of ``quantity_predicates.txt`` when a key around the number is listed there
    ("two passengers lost their lives" → ``death``, "12 were treated for injuries" →
    ``injury``, "carrying 214 passengers" → ``aboard``); otherwise the lemma of the verb the
    count is the subject or object of ("9,000 people use the crossing" → ``use``); otherwise "".
    """
    target = _counted_word(number)
    table = lexicon().predicates
    for key in _keys(target):
        if key in table:
            return table[key]
    return _governor_lemma(target)


def _counted_word(number: Token) -> Token:
    """The token whose place in the sentence says what happened: the counted noun, else the
    number; a conjunct stands where its first conjunct stands ("214 passengers and nine
    crew")."""
    target = number
    if number.dep_ in COUNTED_DEPS and number.head.pos_ in {"NOUN", "PROPN"}:
        target = number.head
    while target.dep_ in {"conj", "appos"} and target.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        target = target.head
    return target


def _keys(target: Token) -> list[str]:
    """Lexicon keys around a counted word, its own modifiers first, longest first in each."""
    own = [*_noun_keys(target), *_modifier_keys(target)]
    return sorted(own, key=lambda k: -len(k.split())) + _governor_keys(target)


def _noun_keys(noun: Token) -> list[str]:
    """ "40 deaths", "the death toll": a noun that is itself what happened."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return []
    compounds = [c.lemma_.lower() for c in noun.children if c.dep_ == "compound"]
    return [" ".join([*compounds, noun.lemma_.lower()]), noun.lemma_.lower()]


def _modifier_keys(target: Token) -> list[str]:
    """ "people killed", "passengers who died", "injured people", "223 people on board"."""
    keys: list[str] = []
    for child in target.children:
        if child.dep_ in {"acl", "relcl"}:
            keys += _verb_keys(child)
        elif child.dep_ == "amod":
            keys += [child.lower_, child.lemma_.lower()]
        elif child.dep_ == "prep":
            keys += [f"{child.lower_} {o}" for o in _objects(child)]
        elif child.dep_ == "advmod":
            keys.append(child.lower_)
    return keys


def _governor_keys(target: Token) -> list[str]:
    """Keys of the word that governs the count: the verb it is subject or object of, the
    complement of a total ("the death toll rose to 40")."""
    if target.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        return _verb_keys(target.head)
    subject = _total_subject(target)
    if subject is not None:
        return _noun_keys(subject)
    if target.dep_ == "pobj" and target.head.dep_ == "prep" and target.head.head.pos_ == "VERB":
        verb, prep = target.head.head, target.head.lower_
        return [f"{verb.lemma_.lower()} {prep}"]
    return []


def _verb_keys(verb: Token) -> list[str]:
    """ "lose life", "treat for injury", "lay off", "leave dead", "fatally wound", "kill"."""
    lemma = verb.lemma_.lower()
    keys: list[str] = []
    for child in verb.children:
        if child.dep_ == "dobj":
            keys.append(f"{lemma} {child.lemma_.lower()}")
        elif child.dep_ == "prep":
            keys += [f"{lemma} {child.lower_} {o}" for o in _objects(child)]
            keys.append(f"{lemma} {child.lower_}")
        elif child.dep_ == "prt":
            keys.append(f"{lemma} {child.lower_}")
        elif child.dep_ in {"acomp", "oprd", "xcomp"}:
            keys += [f"{lemma} {child.lower_}", child.lower_, child.lemma_.lower()]
        elif child.dep_ == "advmod" and child.lower_.endswith("ly"):
            keys.append(f"{child.lower_} {lemma}")
    keys.sort(key=lambda k: -len(k.split()))
    return [*keys, verb.lower_, lemma] if lemma not in {"be", "have"} else keys


def _objects(prep: Token) -> list[str]:
    return [c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"]


def _governor_lemma(target: Token) -> str:
    """The verb a count is the subject or object of, when no class fits."""
    verb = target.head
    if target.dep_ not in {"nsubj", "nsubjpass", "dobj"} or verb.pos_ not in {"VERB", "AUX"}:
        return ""
    lemma = verb.lemma_.lower()
    return "" if lemma in {"be", "have"} else lemma
