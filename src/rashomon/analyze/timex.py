"""Dates and relative times of one article, resolved against its publication date.

A resolved ``TimeExpression.date`` is an ISO ``YYYY-MM-DD`` string naming the first day of the
period the words cover, and ``granularity`` says how long that period is: the day itself
(``day``; ``time`` when a clock time is given), the Monday of a week (``week``), the first of a
month (``month``) or 1 January (``year``). :func:`period` turns an expression back into its
first and last day, which is what a comparison should test for overlap.

Relative words are placed with the tense of the verb they modify: "met on Thursday" is the
Thursday on or before publication, "will meet on Thursday" the one on or after it, "November
30" said in March is the November before in the past tense and the one after in the future.
"A week later" and "the next day" count from the last date the text gave, when there is one
in the same or the two sentences before; otherwise they stay unresolved. Durations ("for
three days", "20 years of experience") and sets ("every Monday") are found but get no date.
"""

from __future__ import annotations

import bisect
import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Literal

from rashomon import nlp
from rashomon.analyze.attribution import quotations
from rashomon.analyze.quantities import number_value
from rashomon.records import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Granularity = Literal["day", "month", "year", "week", "time", "unknown"]
Anchor = Literal["publication", "dateline", "explicit", "unresolved"]
# "near": either side of the publication day, whichever is closer
Tense = Literal["past", "future", "near", "unknown"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "boxing day": (12, 26), "new year's eve": (12, 31), "new years eve": (12, 31),
    "new year's day": (1, 1), "new years day": (1, 1), "valentine's day": (2, 14),
    "valentines day": (2, 14), "halloween": (10, 31),
}  # fmt: skip
SLACK = dt.timedelta(days=2)  # a publication date may be a day or two off the writer's today
PREVIOUS_SENTENCES = 2
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
MODALS = {"can", "ca", "could", "may", "might", "should", "must"}
REPORTING = {"say", "tell", "announce", "report", "claim", "state", "write", "add", "note"}
SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
PROMISING = {
    *("promise", "pledge", "confirm", "expect", "warn", "vow", "insist", "indicate", "hope"),
    *("believe", "think", "fear", "predict"),
}
# Their inflected forms too: the lemmatiser gives "hoped" the lemma "hop".
FORESEEING = frozenset(
    f"{w[:-1] if w.endswith('e') else w}{end}" for w in PROMISING for end in ("ed", "ing")
) | {"thought", "believed", "hoped", "foresaw"}
NAMED_DAYS = {"black", "good", "super", "cyber", "ash", "palm", "easter", "holy", "bloody"}
# A day and month without a year that modifies a plural noun names an event ("the Sept. 11
# attacks", "Sept. 11 victims"), which no publication date can place; unless the noun is a time
# or a scheduled occasion the date does place. A singular noun is one event of that day ("the
# Feb. 13 death of the judge", "a Sept. 11 memorial event"), so it keeps its date.
DATED_NOUNS = {
    "day", "morning", "afternoon", "evening", "night", "weekend", "week", "deadline", "date",
    "anniversary", "election", "primary", "caucus", "vote", "ballot", "referendum", "meeting",
    "summit", "hearing", "debate", "session", "trial", "sentencing", "launch", "release",
    "opening", "ceremony", "match", "game", "race", "festival", "holiday", "parade", "rally",
}  # fmt: skip
# A body named after a day ("the Jan. 6 committee", "the 9/11 commission") is no event of that
# day: the date names what it looks into.
NAMED_BODIES = {"committee", "commission", "panel", "probe", "investigation", "inquiry"}
MODIFIER_DEPS = {"nmod", "compound", "nummod", "amod", "poss"}
PROSPECTS = {"chance", "risk", "prospect", "possibility", "likelihood", "threat", "bid", "plan"}
PLANNED = {
    "schedule", "reschedule", "expect", "plan", "set", "slate", "due", "intend", "prepare", "poise"
}  # fmt: skip
# "almost two weeks earlier": a week, not the day fourteen days before
ROUGHLY = re.compile(r"\b(?:almost|nearly|about|roughly|some|around|over|than)\s+$", re.I)
EARLIER = {"after", "since", "following"}  # "after voting on Wednesday": before what follows
COMING_DAYS = 45  # how far ahead a dated occasion may lie for a past verb (set by hand)
AHEAD = {"before", "until", "till", "toward", "towards"}  # "before Thursday's debate"

# --------------------------------------------------------------------------- patterns

MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)
DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
YEAR_ONLY = r"1[89]\d\d|20\d\d"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUMBER = (
    r"(?P<num>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|sixty|hundreds|several|a\s+few|few|a\s+couple\s+of|couple\s+of"
    r"|many|some|dozens|a\s+dozen|a\s+half|half\s+an?)"
)
UNIT = r"(?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|century)s?"
CONTEXT = (
    r"(?<![\w-])(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|[Tt]hrough|of|[Bb]efore"
    r"|[Aa]fter|to)\s+"
)
LEAD = rf"(?:{CONTEXT}|(?<![\w-])(?:[Oo]n|[Aa]t|[Oo]ver)\s+)"  # words before a bare holiday name


@dataclass(frozen=True)
class Reading:
    """What an expression says about a date, before it is placed on the calendar."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    modifier: str = ""  # "last", "next" or "this" before a weekday or month name
    shift: tuple[str, int] | None = None  # offset from the publication date: ("day", -1)
    after: tuple[str, int] | None = None  # offset from the text's previous date
    clock: bool = False
    future_only: bool = False  # "in two weeks" is a date only when said of the future
    weekend: bool = False  # "the weekend": the week of the nearest Saturday the tense allows
    whole_week: bool = False  # "the week before" is a week; "a week before" is a day
    election: bool = False  # US Election Day: the Tuesday after the first Monday of November
    vague: bool = False  # a duration, a set, or a date no calendar can place


Handler = Callable[[re.Match[str]], Reading | None]


def _month_day(m: re.Match[str]) -> Reading:
    year = int(m["year"]) if m["year"] else None
    return Reading(year=year, month=MONTHS[m["month"].lower().rstrip(".")], day=int(m["day"]))


def _iso(m: re.Match[str]) -> Reading:
    return Reading(year=int(m["year"]), month=int(m["month"]), day=int(m["day"]))


def _slashed(m: re.Match[str]) -> Reading:
    first, second, year = int(m["a"]), int(m["b"]), int(m["year"])
    year = year + 2000 if year < 100 else year
    month, day = (second, first) if first > 12 else (first, second)
    return Reading(year=year, month=month, day=day)


def _month_year(m: re.Match[str]) -> Reading:
    return Reading(year=int(m["year"]), month=MONTHS[m["month"].lower().rstrip(".")])


def _month(m: re.Match[str]) -> Reading:
    modifier = (m["mod"] or "").lower()
    month = MONTHS[m["month"].lower().rstrip(".")]
    return Reading(month=month, modifier=modifier if modifier in {"last", "next", "this"} else "")


def _year(m: re.Match[str]) -> Reading:
    return Reading(year=int(m["year"]))


def _weekday(m: re.Match[str]) -> Reading:
    modifier = (m["mod"] or "").lower()
    modifier = {"past": "last", "coming": "next"}.get(modifier, modifier)
    return Reading(weekday=WEEKDAYS[m["weekday"].lower()], modifier=modifier)


def _relative_day(m: re.Match[str]) -> Reading:
    word = " ".join(m["word"].lower().split())
    offsets = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
               "today": 0, "tonight": 0, "tomorrow": 1, "last": -1, "this": 0}  # fmt: skip
    if word == "last" and m["part"].lower() != "night":
        return Reading(vague=True)  # "last morning" is not a date phrase
    return Reading(shift=("day", offsets[word]))


def _relative_unit(m: re.Match[str]) -> Reading:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if unit in {"decade", "quarter", "spring", "summer", "autumn", "fall", "winter"}:
        return Reading(vague=True)
    if rel in {"past", "coming"} or (m["the"] and rel == "last"):
        return Reading(vague=True)  # "the past week", "the last year" are stretches of time
    step = {"this": 0, "last": -1, "next": 1, "previous": -1, "following": 1}[rel]
    unit = "week" if unit == "weekend" else unit
    if m["the"] and rel in {"next", "previous", "following"}:
        return Reading(after=(unit, step), whole_week=unit == "week")
    return Reading(shift=(unit, step))


def _that_day(m: re.Match[str]) -> Reading:
    """ "the next day", "that year", "the day before": counted from the text's previous date."""
    rel, direction = (m["rel"] or "").lower(), (m["dir"] or "").lower()
    if direction and _continues(m):
        return Reading(vague=True)  # "the day before the vote" counts from the vote
    if not rel and not direction and m["the"].lower() == "the":
        return Reading(vague=True)  # "the day", "the year"
    step = {"next": 1, "following": 1, "previous": -1, "same": 0, "": 0}[rel]
    step += {"before": -1, "after": 1, "": 0}[direction]
    unit = m["unit"].lower()
    unit = unit if unit in {"week", "month", "year"} else "day"
    return Reading(after=(unit, step), whole_week=unit == "week")


def _ago(m: re.Match[str]) -> Reading:
    amount = _amount(m["num"])
    unit = m["unit"].lower()
    if amount is None or unit in {"second", "minute", "hour", "night", "century"}:
        return Reading(vague=True)
    unit, amount = _plain_unit(unit, amount)
    return Reading(shift=(unit, -amount))


def _later(m: re.Match[str]) -> Reading:
    amount = _amount(m["num"])
    unit, direction = m["unit"].lower(), m["dir"].lower()
    if amount is None or unit in {"second", "minute", "hour", "century"}:
        return Reading(vague=True)
    if direction in {"before", "after"} and _continues(m):
        return Reading(vague=True)  # "two days before the vote" counts from the vote
    unit, amount = _plain_unit(unit, amount)
    sign = -1 if direction in {"earlier", "before"} else 1
    rough = ROUGHLY.search(m.string[max(0, m.start() - 12) : m.start()]) is not None
    return Reading(after=(unit, sign * amount), whole_week=rough and unit == "week")


def _in_future(m: re.Match[str]) -> Reading:
    amount = _amount(m["num"])
    unit = m["unit"].lower()
    if amount is None or unit not in {"day", "week", "fortnight", "month", "year"}:
        return Reading(vague=True)
    unit, amount = _plain_unit(unit, amount)
    return Reading(shift=(unit, amount), future_only=True)


def _weekend(m: re.Match[str]) -> Reading:
    return Reading(weekday=5, weekend=True)


def _clock(m: re.Match[str]) -> Reading:
    return Reading(clock=True)


def _holiday(m: re.Match[str]) -> Reading:
    if m["name"].lower().startswith("election"):
        return Reading(election=True)
    month, day = HOLIDAYS[" ".join(m["name"].lower().replace("’", "'").split())]
    return Reading(month=month, day=day)


def _vague(m: re.Match[str]) -> Reading:
    return Reading(vague=True)


def _duration(m: re.Match[str]) -> Reading | None:
    """ "three days", "20 years"; not "a second restaurant" or "many second chances"."""
    if m["unit"] == "second" and re.match(r"\s+[a-z]", m.string[m.end() : m.end() + 2]):
        return None
    return Reading(vague=True)


def _amount(text: str) -> int | None:
    plain = " ".join(text.lower().split())
    if plain in {"a", "an", "one"}:
        return 1
    value = number_value(plain.replace("-", " "))
    return int(value) if value is not None and value == int(value) else None


def _plain_unit(unit: str, amount: int) -> tuple[str, int]:
    if unit == "fortnight":
        return "week", 2 * amount
    if unit == "decade":
        return "year", 10 * amount
    return ("day", amount) if unit == "night" else (unit, amount)


def _continues(m: re.Match[str]) -> bool:
    """Whether a word follows "before"/"after": then the offset counts from that event."""
    return bool(
        re.match(
            r"\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[A-Za-z]", m.string[m.end() :][:20]
        )
    )


PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (r"\b(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-2]\d|3[01])\b", _iso),
        (r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})\b", _slashed),
        (rf"\b{MONTH}(?:\s+|(?<=\.)){DAY}\b(?![:.,]?\d)(?:,?\s+{YEAR}\b)?", _month_day),
        # not "the 19 Sept. 11 hijackers": there the month goes with the day after it
        (rf"\b(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?!\.?\s*\d\d?\b)(?:,?\s+{YEAR}\b)?", _month_day),
        (rf"\b{MONTH},?\s+{YEAR}\b", _month_year),
        (
            rf"(?:\b(?P<mod>(?i:early|mid|late|last|next|this))[\s-]+|{CONTEXT}){MONTH}(?!\s+\d)",
            _month,
        ),
        (rf"(?:\b(?i:early|mid|late)[\s-]+|{CONTEXT}){YEAR}\b(?![,.]\d)", _year),
        (
            rf"\b(?:(?i:early|late|earlier|later|mid)[\s-]+(?:(?i:on)\s+)?)?(?:(?P<mod>(?i:last|next|this|past|coming))\s+)?"
            rf"{WEEKDAY}(?:\s+(?i:morning|afternoon|evening|night))?\b",
            _weekday,
        ),
        (
            r"(?i:\b(?:(?:early|late|earlier|later)\s+)?(?P<word>the\s+day\s+before\s+yesterday"
            r"|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow)"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b)",
            _relative_day,
        ),
        (
            r"(?i:\b(?:(?:early|late)\s+)?(?P<word>last|this)\s+"
            r"(?P<part>morning|afternoon|evening|night)\b)",
            _relative_day,
        ),
        (
            r"(?i:\b(?:(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+start\s+of"
            r"|the\s+beginning\s+of|the\s+middle\s+of)[\s-]+)?(?P<the>the\s+)?"
            r"(?P<rel>this|last|next|past|coming|previous|following)\s+"
            r"(?P<unit>week|weekend|month|year|decade|quarter|spring|summer|autumn|fall|winter)\b)",
            _relative_unit,
        ),
        (
            r"(?i:\b(?P<the>the|that)\s+(?:(?P<rel>next|following|previous|same)\s+)?"
            r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)"
            r"(?:\s+(?P<dir>before|after))?\b)",
            _that_day,
        ),
        (
            rf"(?i:\b(?:(?:just|only|nearly|about|some|almost|exactly|roughly)\s+)?{NUMBER}[\s-]+{UNIT}\s+ago\b)",
            _ago,
        ),
        (
            rf"(?i:\b{NUMBER}[\s-]+{UNIT}\s+(?P<dir>later|earlier|before|after|afterwards?|on)\b)",
            _later,
        ),
        (r"(?i:\bthe\s+weekend\b)", _weekend),
        (rf"(?i:\bin\s+{NUMBER}\s+{UNIT}(?:'\s*time)?\b)", _in_future),
        (rf"(?i:\b{NUMBER}[\s-]+{UNIT}\b(?![\s-]+old\b))", _duration),
        (
            rf"(?i:\b(?:every|each)\s+(?:day|night|week|month|year|morning|evening|{WEEKDAY}))\b",
            _vague,
        ),
        (r"(?i:\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:1[89]\d0|20\d0)'?s\b)", _vague),
        (
            r"(?i:\b(?P<h>[01]?\d|2[0-3]):[0-5]\d(?:\s*[ap]\.?\s?m\b\.?)?"
            r"(?:\s*(?:GMT|UTC|[ECMP][SD]T|local\s+time))?"
            r"|\b(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*(?:[ap]\.\s?m\.|[ap]m\b)"
            r"|\b(?:[01]\d|2[0-3])[0-5]\d\s*(?:GMT|UTC|hrs|hours\s+GMT)\b"
            r"(?:\s*(?:GMT|UTC|[ECMP][SD]T|local\s+time))?|\b(?:noon|midnight|midday)\b)",
            _clock,
        ),
        (
            r"\b(?P<name>Christmas\s+(?:Eve|Day)|Boxing\s+Day|New\s+Years?['’]?s?\s+(?:Eve|Day)"
            r"|Valentine['’]?s\s+Day)\b",
            _holiday,
        ),
        (rf"{LEAD}(?P<name>Christmas|Halloween)\b", _holiday),
        (r"\b(?P<name>Election\s+Day)\b", _holiday),
    )
)


# --------------------------------------------------------------------------- finding


@dataclass(frozen=True)
class Found:
    """A stretch of text and what it says about a date."""

    start: int
    end: int
    reading: Reading


def find(text: str) -> list[Found]:
    """Every time expression the patterns see in ``text``, longest first where they overlap."""
    matches = [
        Found(*_trimmed(m), reading)
        for pattern, handler in PATTERNS
        for m in pattern.finditer(text)
        if (reading := handler(m)) is not None
    ]
    matches.sort(key=lambda f: (f.start - f.end, f.start))
    kept: list[Found] = []
    for f in matches:
        if not any(k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    return _merged(text, sorted(kept, key=lambda f: f.start))


def _trimmed(m: re.Match[str]) -> tuple[int, int]:
    """The match without a leading preposition of context ("in January" → "January")."""
    start, end = m.span()
    lead = re.match(LEAD, m.group())
    return (start + lead.end() if lead else start), end


GAP = re.compile(
    r"\s*,?\s*(?:(?:at|on|of|around|about|shortly\s+after|just\s+after|shortly\s+before"
    r"|just\s+before)\s+)?",
    re.IGNORECASE,
)


def _merged(text: str, found: Sequence[Found]) -> list[Found]:
    """Join neighbours that name one moment: "Tuesday, March 3", "06:40 on Tuesday"."""
    out: list[Found] = []
    for f in found:
        last = out[-1] if out else None
        if last is not None and GAP.fullmatch(text[last.end : f.start]):
            both = _combine(last.reading, f.reading)
            if both is not None:
                out[-1] = Found(last.start, f.end, both)
                continue
        out.append(f)
    return out


def _combine(a: Reading, b: Reading) -> Reading | None:
    if a.vague or b.vague or a.after or b.after:
        return None
    merged = {}
    for f in fields(Reading):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if x != f.default and y != f.default and x != y:
            return None
        merged[f.name] = x if x != f.default else y
    return Reading(**merged)


def extract(doc: Doc, published: dt.date | None) -> list[TimeExpression]:
    """Every date and relative time of ``doc``, resolved against ``published`` where it can be."""
    text = nlp.text(doc)
    found = _with_entities(doc, find(text))
    sentence_of = _sentence_starts(doc)
    quoted = quotations(text)
    out: list[TimeExpression] = []
    history: list[tuple[TimeExpression, int]] = []
    weekdays: list[tuple[int, int, Tense]] = []  # (index in out, weekday, tense) of bare ones
    for k, f in enumerate(found):
        if _attributive(doc, f):
            continue
        sentence = sentence_of(f.start)
        f = _year_from_next(text, f, found[k + 1 : k + 2], history, sentence)
        previous = _previous(f.reading, history, sentence)
        tense = _tense(doc, f.start, f.end)
        if tense == "past" and _coming_occasion(doc, f, published):
            tense = "near"  # "a postponement of the June 19 election": the election's own day
        if _names_event(doc, f):
            f = replace(f, reading=Reading(vague=True))
        expression = _resolved(text, f, published, tense, previous)
        if _said_another_day(expression, quoted, history, sentence, published):
            expression = replace(expression, date=None, granularity="unknown", anchor="unresolved")
        if expression.date is not None:
            history.append((expression, sentence))
        if _bare_weekday(f.reading) and expression.date is not None:
            weekdays.append((len(out), f.reading.weekday or 0, tense))
        out.append(expression)
    return _clock_dates(_same_weekdays(out, weekdays), sentence_of)


def _bare_weekday(r: Reading) -> bool:
    """ "Wednesday", "on Wednesday": a weekday with no modifier and nothing else."""
    return (
        r.weekday is not None and not r.modifier and r == Reading(weekday=r.weekday, clock=r.clock)
    )


def _same_weekdays(
    out: list[TimeExpression], weekdays: Sequence[tuple[int, int, Tense]]
) -> list[TimeExpression]:
    """A bare weekday whose tense says nothing ("The Wednesday hearing would have been ...")
    is the day the article's other mentions of that weekday, in a known tense, all name."""
    known: dict[int, set[str]] = {}
    for k, weekday, tense in weekdays:
        if tense in {"past", "future"}:
            known.setdefault(weekday, set()).add(out[k].date or "")
    for k, weekday, tense in weekdays:
        dates = known.get(weekday, set())
        if tense not in {"past", "future"} and len(dates) == 1:
            out[k] = replace(out[k], date=next(iter(dates)))
    return out


def _said_another_day(
    t: TimeExpression,
    quoted: Sequence[tuple[int, int]],
    history: Sequence[tuple[TimeExpression, int]],
    sentence: int,
    published: dt.date | None,
) -> bool:
    """ "today", "this morning" inside a quotation the text dates weeks away from publication
    ("On Oct. 3, 2016, ... replied: “Already did that earlier today”"): the words count from
    the day they were said, which is not the publication day; no date beats a wrong one."""
    if t.anchor != "publication" or published is None or not DEICTIC.search(t.text):
        return False
    if not any(s <= t.start and t.end <= e for s, e in quoted):
        return False
    recent = [
        x
        for x, at in history
        if sentence - at <= 1 and x.anchor == "explicit" and x.granularity == "day" and x.date
    ]
    return any(
        abs((dt.date.fromisoformat(x.date or "") - published).days) > WEEK_DAYS for x in recent
    )


WEEK_DAYS = 7
DEICTIC = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))\b", re.I
)
THAT_YEAR = re.compile(r"\s*(?:,\s*|of\s+)?$")


def _year_from_next(
    text: str,
    f: Found,
    following: Sequence[Found],
    history: Sequence[tuple[TimeExpression, int]],
    sentence: int,
) -> Found:
    """ "July 22 that year", "June of the following year": the month takes its year from the
    text's previous date, as the words after it do, not from the publication date."""
    r = f.reading
    if r.year is not None or r.month is None or not following:
        return f
    after = following[0].reading.after
    if after is None or after[0] != "year" or not THAT_YEAR.match(text[f.end : following[0].start]):
        return f
    previous = _previous(following[0].reading, history, sentence)
    if previous is None or previous.date is None:
        return f
    return replace(f, reading=replace(r, year=int(previous.date[:4]) + after[1]))


FINE_ENOUGH = {
    "day": ("day", "time"), "week": ("day", "time", "week"),
    "month": ("day", "time", "week", "month"), "year": ("day", "time", "week", "month", "year"),
}  # fmt: skip


def _previous(
    r: Reading, history: Sequence[tuple[TimeExpression, int]], sentence: int
) -> TimeExpression | None:
    """The last date a relative expression can count from.

    "The next day" needs a day in its own or the two sentences before; "that year" may reach
    a little further back and count from a month or a year.
    """
    if r.after is None:
        return None
    unit = r.after[0]
    reach = PREVIOUS_SENTENCES if unit in {"day", "week"} else 2 * PREVIOUS_SENTENCES
    for t, where in reversed(history):
        if sentence - where > reach:
            return None
        if t.granularity in FINE_ENOUGH[unit]:
            return t
    return None


def _with_entities(doc: Doc, found: list[Found]) -> list[Found]:
    """Add spaCy's DATE and TIME entities the patterns missed; drop names ("Super Tuesday")."""
    kept = [f for f in found if not _inside_name(doc, f)]
    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME"} and not _overlaps(ent, found) and _plausible(ent):
            decade = DECADE_END.match(doc.text, ent.end_char)  # "the 1990’s" cut to "1990"
            reading = Reading(vague=True) if decade else _entity_reading(ent.text)
            kept.append(Found(ent.start_char, ent.end_char, reading))
    return sorted(kept, key=lambda f: f.start)


DECADE_END = re.compile(r"['’]?s\b")


def _entity_reading(text: str) -> Reading:
    """A bare year spaCy found ("a 1995 story") is a year; other entities get no date."""
    return Reading(year=int(text)) if re.fullmatch(YEAR_ONLY, text) else Reading(vague=True)


def _inside_name(doc: Doc, f: Found) -> bool:
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or f.reading.election:
        return False
    named = any(t.ent_type_ in {"ORG", "PERSON", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW"}
                for t in span)  # fmt: skip
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return named or (f.reading.weekday is not None and before in NAMED_DAYS)


def _names_event(doc: Doc, f: Found) -> bool:
    """A day and month without a year that modifies a plural noun, not a time ("Sept. 11
    victims"), names a body ("the Jan. 6 committee") or is part of a name ("the 17 February
    Brigade")."""
    r = f.reading
    if r.election or (r.month is not None and r.day is not None and r.year is None):
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is not None and len(span) and _day_as_thing(span):
            return True
    if r.year is not None or r.month is None or r.day is None:
        return False
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    if _part_of_name(doc, span):
        return True
    root, head = span.root, span.root.head
    if root.dep_ not in MODIFIER_DEPS or span.start <= head.i < span.end:
        return False
    if head.lemma_.lower() in NAMED_BODIES:
        return True
    return head.tag_ == "NNS" and head.lemma_.lower() not in DATED_NOUNS


def _day_as_thing(span: Span) -> bool:
    """A named day as the object of a verb, a thing rather than when something happens:
    "making Election Day a federal holiday" (not "as Election Day grows near", "ahead of
    Election Day", "as of Sept. 30")."""
    return span.root.dep_ == "dobj"


def _part_of_name(doc: Doc, span: Span) -> bool:
    """ "the 17 February Brigade": the date's words all hang on the capitalised name after it."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is None or after.tag_ != "NNP" or not after.text[:1].isupper():
        return False
    return all(span.start <= t.head.i < span.end or t.head.i == after.i for t in span)


PART_OF_DAY = re.compile(r"(?i:(?:the|that)\s+(?:morning|afternoon|evening|night|day))")


def _attributive(doc: Doc, f: Found) -> bool:
    """A part of the day that modifies a noun after it ("the morning rush hour", "the night
    shift") is a kind of thing, not a time: it dates nothing."""
    if not PART_OF_DAY.fullmatch(nlp.text(doc)[f.start : f.end]):
        return False
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    last = span[-1]
    return (
        last.dep_ in {"compound", "amod", "nmod"}
        and last.head.i > last.i
        and (last.head.pos_ in {"NOUN", "PROPN"})
    )


def _overlaps(ent: Span, found: Sequence[Found]) -> bool:
    return any(f.start < ent.end_char and ent.start_char < f.end for f in found)


def _plausible(ent: Span) -> bool:
    """spaCy also tags ages ("45-year-old") and bare numbers as dates; they are not."""
    text = ent.text.lower()
    if re.search(r"year[\s-]*olds?\b|\bold\b|\baged?\b", text):
        return False
    return bool(re.fullmatch(YEAR_ONLY, text) or re.search(r"[a-z]", text))


def _sentence_starts(doc: Doc) -> Callable[[int], int]:
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]

    def sentence_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    return sentence_of


def _clock_dates(
    found: list[TimeExpression], sentence_of: Callable[[int], int]
) -> list[TimeExpression]:
    """A lone clock time ("at 06:40") takes the day of a date in its sentence."""
    out = []
    for t in found:
        if t.granularity == "time" and t.date is None:
            day = next(
                (o for o in found if o.date and o.granularity in {"day", "time"}
                 and sentence_of(o.start) == sentence_of(t.start)),
                None,
            )  # fmt: skip
            if day is not None:
                t = replace(t, date=day.date, anchor=day.anchor)
        out.append(t)
    return out


# --------------------------------------------------------------------------- resolving


def _resolved(
    text: str, f: Found, published: dt.date | None, tense: Tense, previous: TimeExpression | None
) -> TimeExpression:
    r = f.reading
    span = text[f.start : f.end]
    date, granularity, anchor = _place(r, published, tense, previous)
    if r.clock and granularity in {"day", "unknown"}:
        granularity = "time"
    if date is None:
        return TimeExpression(f.start, f.end, span, None, granularity, "unresolved")
    return TimeExpression(f.start, f.end, span, date.isoformat(), granularity, anchor)


Placed = tuple[dt.date | None, Granularity, Anchor]
UNRESOLVED: Placed = (None, "unknown", "unresolved")


def _place(
    r: Reading, published: dt.date | None, tense: Tense, previous: TimeExpression | None
) -> Placed:
    if r.vague:
        return UNRESOLVED
    if r.after is not None:
        return _from_previous(r.after, r.whole_week, previous)
    if r.year is not None:
        return _explicit(r)
    if published is None or (r.future_only and tense != "future"):
        return UNRESOLVED
    if r.shift is not None:
        return _shifted(r, published, tense)
    if r.election:
        options = [_election_day(published.year + k) for k in (-1, 0, 1)]
        return _pick(options, published, tense), "day", "publication"
    if r.month is not None:
        return _month_of(r, published, tense)
    if r.weekday is not None:
        day = _weekday_of(r.weekday, r.modifier, published, tense)
        if r.weekend and published.weekday() == 6 and not r.modifier:
            day = published  # said on a Sunday, "the weekend" is the one under way
        if r.weekend:
            return day - dt.timedelta(days=day.weekday()), "week", "publication"
        return day, "day", "publication"
    return UNRESOLVED


def _election_day(year: int) -> dt.date:
    second = dt.date(year, 11, 2)
    return second + dt.timedelta(days=(1 - second.weekday()) % 7)


def _explicit(r: Reading) -> Placed:
    assert r.year is not None
    try:
        if r.month and r.day:
            return dt.date(r.year, r.month, r.day), "day", "explicit"
    except ValueError:
        return UNRESOLVED
    if r.month:
        return dt.date(r.year, r.month, 1), "month", "explicit"
    return dt.date(r.year, 1, 1), "year", "explicit"


def _from_previous(
    after: tuple[str, int], whole_week: bool, previous: TimeExpression | None
) -> Placed:
    """ "a week later" is a day, "the week before" a week; "a month later" a month."""
    if previous is None or previous.date is None:
        return UNRESOLVED
    unit, amount = after
    moved = _moved(dt.date.fromisoformat(previous.date), unit, amount)
    if whole_week:
        return moved - dt.timedelta(days=moved.weekday()), "week", previous.anchor
    if unit == "month":
        return moved.replace(day=1), "month", previous.anchor
    if unit == "year":
        return moved.replace(month=1, day=1), "year", previous.anchor
    return moved, "day", previous.anchor


def _moved(base: dt.date, unit: str, amount: int) -> dt.date:
    if unit == "day":
        return base + dt.timedelta(days=amount)
    if unit == "week":
        return base + dt.timedelta(weeks=amount)
    months = base.year * 12 + base.month - 1 + (amount if unit == "month" else 12 * amount)
    year, month = divmod(months, 12)
    return dt.date(year, month + 1, min(base.day, calendar.monthrange(year, month + 1)[1]))


def _shifted(r: Reading, published: dt.date, tense: Tense) -> Placed:
    """ "yesterday", "last week", "two months ago", "Tuesday next week", "March 3 last year"."""
    assert r.shift is not None
    unit, amount = r.shift
    moved = _moved(published, unit, amount)
    if unit == "day":
        return moved, "day", "publication"
    if unit == "week":
        # A Sunday paper's "last week" is the week just ending: count Sunday with the next week.
        moved += dt.timedelta(days=1 if published.weekday() == 6 else 0)
        monday = moved - dt.timedelta(days=moved.weekday())
        if r.weekday is not None:
            return monday + dt.timedelta(days=r.weekday), "day", "publication"
        return monday, "week", "publication"
    if unit == "month":
        return moved.replace(day=r.day or 1), "day" if r.day else "month", "publication"
    if r.month is not None:
        try:
            day = dt.date(moved.year, r.month, r.day or 1)
        except ValueError:
            return UNRESOLVED
        return day, "day" if r.day else "month", "publication"
    return dt.date(moved.year, 1, 1), "year", "publication"


def _month_of(r: Reading, published: dt.date, tense: Tense) -> Placed:
    """ "November 30" or "in January" without a year: the year the tense points to."""
    assert r.month is not None
    if r.day is None:
        return _month_only(r.month, r.modifier, published, tense), "month", "publication"
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(year, r.month, r.day))
        except ValueError:
            continue
    if not options:
        return UNRESOLVED
    return _pick(options, published, tense), "day", "publication"


def _pick(options: Sequence[dt.date], published: dt.date, tense: Tense) -> dt.date:
    if tense == "past":
        before = [d for d in options if d <= published + SLACK]
        return max(before) if before else min(options)
    if tense == "future":
        after = [d for d in options if d >= published - SLACK]
        return min(after) if after else max(options)
    return min(options, key=lambda d: abs((d - published).days))


def _month_only(month: int, modifier: str, published: dt.date, tense: Tense) -> dt.date:
    current = published.replace(day=1)
    options = [dt.date(published.year + k, month, 1) for k in (-1, 0, 1)]
    if modifier == "this":
        return options[1]
    if modifier == "last":
        return max(d for d in options if d < current)
    if modifier == "next":
        return min(d for d in options if d > current)
    return _pick(options, current, tense)


def _weekday_of(weekday: int, modifier: str, published: dt.date, tense: Tense) -> dt.date:
    """ "on Thursday": on or before publication in the past tense, on or after it in the future."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier == "this":
        return published + dt.timedelta(days=weekday - published.weekday())
    if modifier == "last":
        return published - dt.timedelta(days=back or 7)
    if modifier == "next":
        return published + dt.timedelta(days=ahead or 7)
    if tense == "future" or (tense == "near" and ahead < back):
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


# --------------------------------------------------------------------------- tense


def _tense(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the verb a time expression modifies, from the parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "unknown"
    nominal = span.root.dep_ in MODIFIER_DEPS  # "Tuesday's results": the date dates the noun
    verb = _governing_verb(span.root)
    if nominal and _ahead_of(span.root.head):  # "bought time ahead of the Jan. 3 caucuses"
        return "near" if verb is not None and _verb_tense(verb) == "past" else "future"
    nominal = nominal or _on_noun(span.root)
    earlier = False
    for _ in range(4):
        if verb is None:
            return "unknown"
        if verb.lemma_ in PLANNED and verb.tag_ == "VBN":
            return "near"  # "an election set for June 25", "was scheduled for March 3"
        tense = _verb_tense(verb)
        if tense == "future" and (earlier or (nominal and _present(verb))):
            return "unknown"  # "will become law after voting on Wednesday"
        if tense is not None:
            return tense
        earlier |= verb.dep_ == "pcomp" and verb.head.lower_ in EARLIER
        if _prospect(verb):  # "(said they had) a chance of losing the House in November"
            return "future" if _reported(verb) else "near"
        if _infinitive(verb) and verb.dep_ in {"acl", "relcl", "advcl"} and not nominal:
            return "near"  # "an interview to air Tuesday": due, on either side of today
        head = _governing_verb(verb)
        if head is not None and head.lemma_ in PLANNED and _infinitive(verb):
            # "was scheduled to return Tuesday": planned from a past day, done on either side
            # of the publication day
            return "near" if _verb_tense(head) == "past" else "future"
        verb = head
    return "unknown"


def _ahead_of(noun: Token) -> bool:
    """The noun is what something happens before: "ahead of", "before", "until" it (or one of
    the nouns joined to it: "ahead of Thursday's debate and Saturday's poll")."""
    while noun.dep_ == "conj" and noun.head.i < noun.i:
        noun = noun.head
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None:
        return False
    ahead_of = prep.lower_ == "of" and prep.head.lower_ in {"ahead", "advance"}
    return prep.lower_ in AHEAD or ahead_of


def _on_noun(token: Token) -> bool:
    """A time hung on a noun ("the statement on Tuesday"): it dates the noun, not the verb."""
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ == "NOUN"


def _coming_occasion(doc: Doc, f: Found, published: dt.date | None) -> bool:
    """A day and month that date a noun ("the June 19 election") and fall within
    ``COMING_DAYS`` after publication: the occasion's own day, whatever the verb's tense ("were
    pushing for a postponement of ..."); further ahead, a past verb means the year before ("the
    Feb. 13 death ... left the court")."""
    r = f.reading
    if published is None or not r.month or not r.day or r.year:
        return False
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root  # "the June 19 election", "a deadline of May 1"
    of_noun = (
        root.dep_ == "pobj" and root.head.lower_ in {"of", "for"} and root.head.head.pos_ == "NOUN"
    )
    if root.dep_ not in MODIFIER_DEPS and not of_noun:
        return False
    for year in (published.year, published.year + 1):
        with contextlib.suppress(ValueError):
            if 0 < (dt.date(year, r.month, r.day) - published).days <= COMING_DAYS:
                return True
    return False


def _reported(verb: Token) -> bool:
    """Inside what someone is said to have said, where a past tense may be the speaker's
    present moved back ("said that they had a chance of losing in November")."""
    token = verb
    for _ in range(6):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_ in REPORTING:
            return True
    return False


def _prospect(verb: Token) -> bool:
    """A verb that says what may come: "a chance of losing", "the risk of defaulting", "a bid
    to win"."""
    noun = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "of" else verb.head
    return verb.dep_ in {"pcomp", "acl"} and noun.lemma_.lower() in PROSPECTS


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _present(verb: Token) -> bool:
    """A present-tense verb with no future auxiliary or modal: "the results highlight"."""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return not aux & (FUTURE_AUX | MODALS | {"would"})


def _governing_verb(token: Token) -> Token | None:
    for _ in range(8):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _verb_tense(verb: Token) -> Tense | None:
    """Past, future or unknown from the verb and its auxiliaries; None for an infinitive."""
    if _infinitive(verb):
        return None  # "to be shown": its auxiliaries say nothing of when
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in aux}
    if words & FUTURE_AUX or words & MODALS:
        return "future"
    if "would" in words:
        return "future" if _reported_future(verb, aux) else "unknown"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if any(a.lemma_ == "have" for a in aux):
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or any(a.tag_ in {"VBZ", "VBP"} for a in aux):
        if not aux and not any(c.dep_ in SUBJECTS for c in verb.children):
            return None  # a present verb without a subject is often a noun ("the CNN show")
        return "past" if verb.lemma_ in REPORTING else "future"
    if verb.tag_ == "VBN":
        return "past"
    return None


def _reported_future(verb: Token, aux: Sequence[Token]) -> bool:
    """ "the company said a boat would run from Wednesday": "would" in reported speech is the
    future seen from the time of saying, which in news is the publication day or just before
    it. Not "would have" (a past that did not happen) nor a bare conditional."""
    if any(a.lemma_ == "have" for a in aux):
        return False
    token = verb
    for _ in range(3):
        if token.dep_ not in {"ccomp", "conj", "xcomp"} or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_ in REPORTING | PROMISING or token.lower_ in FORESEEING:
            return True
    return False


# --------------------------------------------------------------------------- periods


def period(t: TimeExpression) -> tuple[dt.date, dt.date] | None:
    """The first and last day an expression covers, or None when it has no date."""
    if t.date is None or t.granularity == "unknown":
        return None
    first = dt.date.fromisoformat(t.date)
    if t.granularity == "week":
        return first, first + dt.timedelta(days=6)
    if t.granularity == "month":
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if t.granularity == "year":
        return first, first.replace(month=12, day=31)
    return first, first


# --------------------------------------------------------------------------- publication date

DATELINE = (
    re.compile(rf"(?i:{MONTH})\s+{DAY}\b(?:,?\s+{YEAR})?"),
    re.compile(rf"\b{DAY}\s+(?i:{MONTH})(?:,?\s+{YEAR})?"),
)
FULL_DATE = (
    re.compile(rf"\b{MONTH}\s+{DAY},?\s+{YEAR}\b"),
    re.compile(rf"\b{DAY}\s+{MONTH},?\s+{YEAR}\b"),
)
ANY_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
TEXT_DATELINE = re.compile(r"\A\s*[A-Z][^\n]{0,80}?(?=\s*(?:\(|―|—|–|--|\s-\s))")


def publication_date(text: str, dateline: str, fallback: dt.date | None) -> dt.date | None:
    """The date a dateline gives ("LISBON, Portugal, March 3."), its year from the story.

    The year is the dateline's own; else that of a full date in the story with the same day;
    else the only year the story's full dates name; else the year that puts the dateline
    closest to ``fallback``; else the only year the story mentions at all. Without a date in
    the dateline (or in a dateline opening the text) the answer is ``fallback``.
    """
    line = dateline or _opening_dateline(text)
    m = next((m for p in DATELINE if (m := p.search(line))), None) if line else None
    if m is None:
        return fallback
    month, day = MONTHS[m["month"].lower().rstrip(".")], int(m["day"])
    year = int(m["year"]) if m["year"] else _story_year(text, month, day, fallback)
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return fallback


def _opening_dateline(text: str) -> str:
    m = TEXT_DATELINE.match(text)
    return m.group() if m else ""


def _story_year(text: str, month: int, day: int, fallback: dt.date | None) -> int | None:
    full = [(MONTHS[m["month"].lower().rstrip(".")], int(m["day"]), int(m["year"]))
            for p in FULL_DATE for m in p.finditer(text)]  # fmt: skip
    same_day = {y for mo, d, y in full if (mo, d) == (month, day)}
    if len(same_day) == 1:
        return same_day.pop()
    years = {y for _, _, y in full}
    if len(years) == 1:
        return years.pop()
    if fallback is not None:
        return _closest_year(month, day, fallback)
    mentioned = set(ANY_YEAR.findall(text))
    return int(mentioned.pop()) if len(mentioned) == 1 else None


def _closest_year(month: int, day: int, fallback: dt.date) -> int:
    def distance(year: int) -> int:
        try:
            return abs((dt.date(year, month, day) - fallback).days)
        except ValueError:
            return 10**6

    return min((fallback.year - 1, fallback.year, fallback.year + 1), key=distance)
