"""From what a reader found (a :class:`Draft`) to a clean :class:`Article`.

Every reader (text, HTML, JSON, feeds, WARC) fills a :class:`Draft` and calls :func:`finish`,
so all sources share one set of rules:

* the body is repaired and cleaned (:mod:`rashomon.ingest.repair`); the byline and the dateline
  are lifted out of it into ``Article.byline`` and ``Article.dateline``;
* an outlet or date given by the caller wins; then what the data declares (a JSON ``outlet``
  field, a header line), then the URL's domain, then a page's site name, then the file name;
* the date comes from the first of these that gives one (:func:`publication_date`): the
  caller; the source's metadata (a record field, a feed entry, a header line, the page's HTML
  metadata read by htmldate); the WARC-Date of the archived response; the server's
  Last-Modified header; the dateline, or a date line at the start of the text (a full date
  there wins over a dateline without a year, whose year is otherwise taken as the latest one
  not in the future). A date from a source after the metadata comes with a note in
  ``Article.warnings`` saying where it came from (:func:`rashomon.ingest.dates.date_source`
  reads it back). When none gives a date, ``published`` stays None: an unknown date is never
  replaced by the day of reading;
* a body longer than ``Options.max_words`` is cut at a paragraph end, with a warning: a long
  file is still worth analysing, and a batch should not fail on it;
* fewer than ``Options.min_words`` words, or a language other than English, is an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rashomon.errors import InputError
from rashomon.ingest.dateline import split_dateline
from rashomon.ingest.dates import DATE_NOTES, latest_before, month_day, text_date
from rashomon.ingest.detect import check_english
from rashomon.ingest.repair import clean_body, repair
from rashomon.options import Options
from rashomon.records import Article

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Draft:
    """What a reader found in one source, before cleaning."""

    text: str
    source: str
    title: str = ""
    url: str = ""
    published: dt.date | None = None  # from the source's own metadata
    archived: dt.date | None = None  # the WARC-Date of the archived response
    modified: dt.date | None = None  # the server's Last-Modified header
    outlet: str = ""  # declared by the data: a JSON field, a header line
    site: str = ""  # guessed: a page's site name
    byline: str = ""
    fallback_outlet: str = ""  # the file name, when nothing better is known
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """What the caller said about the sources, and the options to read them with."""

    options: Options = field(default_factory=Options)
    outlet: str | None = None
    published: dt.date | None = None
    today: dt.date | None = None  # the reference day for a dateline without a year


def finish(draft: Draft, context: Context) -> Article:
    """Clean, check and identify one article."""
    body = clean_body(draft.text)
    dateline, text = split_dateline(_without_title(body.text, draft.title))
    text, cut = truncate(text, context.options.max_words)
    _check_length(text, draft.source, context.options.min_words)
    check_english(text, draft.source)
    # the text as found: cleaning drops a date line as page furniture
    raw = _without_title(draft.text, draft.title)
    published, dated = publication_date(draft, dateline, context, raw)
    outlet = outlet_of(draft, context, dateline)
    url = draft.url.strip()
    return Article(
        id=article_id(outlet, url, text),
        outlet=outlet,
        text=text,
        title=clean_title(draft.title, outlet, draft.site),
        url=url,
        published=published,
        source=draft.source,
        byline=repair(draft.byline).strip() or body.byline,
        dateline=dateline,
        warnings=draft.warnings + cut + dated,
    )


def article_id(outlet: str, url: str, text: str) -> str:
    """A short id that stays the same for the same outlet, URL and cleaned text."""
    digest = hashlib.blake2b(f"{outlet}\x1f{url}\x1f{text}".encode(), digest_size=6)
    return digest.hexdigest()


# Host prefixes of one site's editions, not of another outlet: "mobile.nytimes.com".
EDITIONS = re.compile(r"^(?:www\d?|m|mobile|amp|edition|beta)\.(?=[^.]+\.[^.]+)")


def domain(url: str) -> str:
    """The host of a URL without ``www.`` or a mobile or AMP prefix: ``tagus-wire.example``
    (also for ``mobile.tagus-wire.example``)."""
    host = (urlsplit(url.strip()).hostname or "") if url else ""
    return EDITIONS.sub("", host)


def outlet_key(name: str) -> str:
    """What an outlet's name and its web domain have in common: "Coastal Herald",
    "coastalherald.example" and "www.CoastalHerald.co.uk" all give ``coastalherald``."""
    name = EDITIONS.sub("", name.strip().lower())
    if re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", name):
        labels = name.split(".")[:-1]  # the top-level domain
        while len(labels) > 1 and len(labels[-1]) <= 3:
            labels.pop()  # "co" of "co.uk", "com" of "com.au"
        name = ".".join(labels)
    key = re.sub(r"[\W_]+", "", name)
    return key.removeprefix("the") or key


def outlet_of(draft: Draft, context: Context, dateline: str = "") -> str:
    """The caller's outlet, else the declared one, the site name, the agency named in the
    dateline (``LISBON (Tagus Wire) —``), the URL's domain, the file name."""
    agency = re.search(r"\(([^()]+)\)\s*$", dateline)
    candidates = (
        context.outlet,
        draft.outlet,
        draft.site,
        agency.group(1) if agency else "",
        domain(draft.url),
        draft.fallback_outlet,
    )
    return next((c.strip() for c in candidates if c and c.strip()), "unknown")


def clean_title(title: str, outlet: str, site: str) -> str:
    """One line, repaired, without a trailing ``| Site name``."""
    title = " ".join(repair(title).split())
    for name in (site, outlet):
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            if name and title.lower().endswith((separator + name).lower()):
                title = title[: -len(separator + name)].rstrip()
    return title


def _without_title(text: str, title: str) -> str:
    first, _, rest = text.partition("\n\n")
    same = " ".join(repair(title).split()).rstrip(".").lower() == first.rstrip(".").lower()
    return rest if title and same else text


def truncate(text: str, max_words: int) -> tuple[str, tuple[str, ...]]:
    """The first ``max_words`` words, cut at a paragraph (or sentence) end, and a warning."""
    words = list(_WORD.finditer(text))
    if len(words) <= max_words:
        return text, ()
    end = words[max_words - 1].end()
    cut = max(text.rfind("\n\n", 0, end), text.rfind(". ", 0, end) + 1)
    kept = text[: cut if cut > end // 2 else end].rstrip()
    count = len(_WORD.findall(kept))
    warning = (
        f"the article has {len(words):,} words; only the first {count:,} were kept "
        f"(the limit is {max_words:,})"
    )
    return kept, (warning,)


# Real prose of any length uses at least this share of different words (a 20,000-word text:
# ~0.1 or more; a repeated test string or a filler page: far below).
MIN_DISTINCT_SHARE = 0.02


def _check_length(text: str, where: str, min_words: int) -> None:
    words = [w.lower() for w in _WORD.findall(text)]
    count = len(words)
    if count < min_words:
        found = "no article text" if not count else f"only {count} words of article text"
        raise InputError(f"{found} (at least {min_words} words are needed)", where=where)
    distinct = len(set(words))
    if distinct < count * MIN_DISTINCT_SHARE:
        raise InputError(
            f"not article text: {count} words but only {distinct} different ones", where=where
        )


def publication_date(
    draft: Draft, dateline: str, context: Context, text: str = ""
) -> tuple[dt.date | None, tuple[str, ...]]:
    """The publication date from the first source that gives one, and a note on where it came
    from when that is not the source's metadata (see the module docstring for the order).
    ``(None, ())`` when nothing gives a date."""
    if context.published:
        differs = draft.published and draft.published != context.published
        note = f"the source is dated {draft.published}; the given date was used" if differs else ""
        return context.published, (note,) if note else ()
    if draft.published:
        return draft.published, ()
    if draft.archived:
        return draft.archived, (f"{DATE_NOTES['archive']}, as the page gives none",)
    if draft.modified:
        return draft.modified, (f"{DATE_NOTES['last-modified']}, as the page gives none",)
    today = context.today or dt.date.today()
    found = month_day(dateline) if dateline else None
    note = f"{DATE_NOTES['dateline']} '{dateline}'"
    if found and found[2]:
        date = _date_or_none(found[2], found[0], found[1])
        if date:
            return date, (note,)
    line = text_date(text, today)  # a full date, before guessing the year of a dateline's
    if line:
        return line[0], (f"{DATE_NOTES['text']} '{_short(line[1])}' at the start of the text",)
    if found and not found[2]:
        date = latest_before(found[0], found[1], today)
        if date:
            return date, (f"{note}, which has no year; {date.year} was assumed",)
    return None, ()


def _short(line: str, limit: int = 80) -> str:
    return line if len(line) <= limit else line[: limit - 3].rstrip() + "..."


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
