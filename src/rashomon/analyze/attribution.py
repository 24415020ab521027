"""Who says what: attributions read from the dependency parse, quote marks and a cue lexicon.

An attribution ties a stretch of content to its source (the speaker, or None) through a cue
("said", "according to", ":"). Content is found these ways:

* a cue verb and its complement: "Rossi said (that) ...", "Rossi denied the report",
  "Rossi vowed to ...", "Rossi called for ...", "..., Rossi said, adding that ..." (two);
* a parenthetical cue: "The plan, Rossi said, is dead." and '"...," said Rossi.';
* "according to X", "In a poll ...", "his claim that ...", "Rossi: ..." at a paragraph
  start, a signed quotation ('"..." ― Rossi') and "Rossi added:" before a quoted paragraph;
* "As Rossi noted, ..." and "as Rossi put it": the sentence around the aside;
* "Rossi seemed to waver", "The crowd appeared restless": the outlet's impression, with the
  subject and what it seemed to be or do as the content and no source;
* quotation marks: a quotation next to a cue is its content, and a quotation that follows
  one ('"A," she said. "B."') or a quoted paragraph right after it continues the same
  speaker. A paragraph that opens a quotation without closing it, followed by one that opens
  another, is one long quotation.

Attributions do not nest: a cue inside a quotation or inside another attribution's content is
not reported again, so every character of content belongs to one attribution. "According to X"
closing a report ('"...," Rossi said, according to X.') takes the whole report, frame and
quotation, as its content: X is where the reader's claim comes from. The lexicons are
``data/cue_verbs.txt``, ``cue_nouns.txt``, ``cue_adjectives.txt``, ``cue_documents.txt`` and
``cue_labels.txt``; ``speaker_entity`` is left to ``entities.resolve_speaker``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from rashomon import nlp
from rashomon.records import Attribution

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Span, Token

Range = tuple[int, int]

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
PARTICIPLES = {"advcl", "conj", "xcomp"}
NOMINALS = {"NOUN", "PROPN", "PRON", "NUM"}
FINITE = {"VBD", "VBZ", "VBP"}
OBJECT_CONTROL = {  # verbs whose object does what their infinitive says: 'led Rossi to say'
    "lead",
    "prompt",
    "leave",
    "force",
    "cause",
    "push",
    "press",
    "urge",
    "ask",
    "tell",
    "encourage",
    "persuade",
    "allow",
    "invite",
    "inspire",
    "spur",
    "drive",
    "compel",
    "get",
    *("expect", "send", "hire", "pay", "recruit", "enlist", "instruct"),
    *("order", "direct", "challenge", "dare", "want"),
}
PERMISSIVE = {"allow", "permit", "enable", "empower", "authorize", "authorise"}
# Particles that make a cue verb another verb unless the pair is listed ('sworn in', 'added up').
OTHER_SENSE = {"in", "off", "down", "up", "away"}
# What one uses rather than quotes: 'invoked her right', 'cited executive privilege'.
INSTRUMENTS = {"right", "privilege", "power", "authority", "immunity", "exemption", "veto"}
RULES = {  # what grants a permission without saying anything: 'a law that allows X to ...'
    *("law", "bill", "rule", "measure", "policy", "order", "legislation", "amendment"),
    *("provision", "regulation", "act", "ruling", "statute", "ordinance", "clause", "it"),
}
MESSAGES = {  # what someone writes or delivers: 'a speech attacking X' is the speaker's
    *("speech", "address", "remark", "statement", "letter", "article", "op-ed", "editorial"),
    *("column", "essay", "interview", "tweet", "post", "message", "email", "e-mail", "memo"),
    *("book", "sermon", "lecture", "testimony"),
}
RECEIVED = {  # verbs whose subject meets or sets off what others think: 'faced questions'
    *("face", "field", "entertain", "receive", "draw", "attract", "weather", "endure"),
    *("spark", "fuel", "stoke", "prompt", "trigger", "provoke", "renew", "generate"),
}
MANNER_PREPS = {"with", "in", "under"}  # 'in the hope that', 'under the belief that'
PUBLISH = {  # verbs of putting out a message: 'released an ad that says ...'
    *("release", "issue", "publish", "post", "launch", "run", "air", "unveil", "send"),
    *("write", "pen", "sign", "deliver", "give", "tweet", "circulate", "distribute"),
}
SELF_NOUNS = {"article", "story", "post", "piece", "column", "version"}
CUE_PARTS = {"aux", "auxpass", "neg", "prt"}
ASIDES = {"appos", "relcl", "acl"}
TOPIC_PREPOSITIONS = frozenset({"about", "regarding", "concerning"})
FRAME_DEPS = SUBJECTS | CUE_PARTS | {"advmod", "npadvmod"}
SOURCE_DROP = {"relcl", "acl", "punct"}
CONTENT_DEPS = {"dobj", "dative", "oprd", "xcomp", "ccomp", "attr", "acomp", "pcomp"}
ADJUNCTS = {"prep", "npadvmod", "advmod", "advcl", "oprd", "appos", "dep", "acomp", "ccomp"}
ATTITUDE_PREPS = {"about", "of", "over", "with", "at", "in", "on", "toward", "towards", "to"}
ARGUMENT_PREPS = {"of", "for", "as", "to", "about", "with", "against", "from", "into", "over"}
QUOTE_MARKS = re.compile(r"''|``|[\"“”„«»]")
OPENERS = "“„«"
CLOSERS = "”»"
GAP_CHARS = " .,;\u00a0"
SENT_BY = re.compile(  # a document named by who sent it: 'a statement from the ministry'
    r"(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|letter|memo|email|e-mail|tweet|post|message|release|note)s?\s+(?:from|by)\s+",
    re.IGNORECASE,
)
RAISING = {"certain", "sure"}  # adjectives of likelihood before an infinitive
# Verbs of appearance: 'Rossi seemed to waver' is the outlet's impression of Rossi, so Rossi
# and what he seemed to do are the content and nobody is its source
APPEARANCE = {"seem", "appear"}
MAX_GAP = 150  # characters of frame ('she said on Monday.') between two quoted stretches
MAX_LEAD = 60  # characters between a cue and the quotation it opens
MAX_ASIDE = 25  # tokens in an aside between a speaker and the verb ('Rossi, in Genoa, said')
MAX_DASH_ASIDE = 40  # tokens in an aside set off by dashes ('Rossi - who ... - said')
# After a frame in the middle of a sentence, a clause opened by one of these is the outlet
# setting the scene of the statement, not more of it ("..., Rossi said, as the government
# turned to the operator").
NARRATION = re.compile(
    r"\s*(?:as|while|even as|amid)\b(?!\s+(?:well|much|many|long|soon|if)\b)", re.I
)
ASKING = {"ask", "wonder", "question", "inquire", "enquire"}  # 'asked if ...', 'wondered whether'
# Words opening a clause set beside a content ('..., as Bianchi argued that ...'): the outlet
# adds it, so a cue inside it reports apart
SIDE_MARKS = {"while", "whereas", "as", "although", "though"}
MAX_FRAME_LEAD = 12  # characters between a comma and the frame it opens ('X, we are told,')
COLON_SOURCE = re.compile(r"(?:^[\"“]?|\s[-—–]\s)([A-Z][\w.'’\- ]{0,40}?)\s*:\s+(\S.*)")
PEOPLE = {"PERSON", "NORP", "ORG"}
PLACES = {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"}
NAME_LINKS = {"and", "of", "the", "de", "van", "von"}
PRONOUNS = {  # a source that names nobody: its span is kept, its words are no speaker name
    *("he", "she", "it", "they", "we", "i", "you", "this", "that", "who", "which", "one"),
    *("his", "her", "its", "their", "our", "my", "your"),
    *("some", "many", "most", "others", "several", "few", "both", "all", "each", "another"),
}
DASHES = {"-", "–", "—", "--", "―"}
BULLETS = "-–—•*·>"  # a list marker glued to a paragraph's first word: '-His campaign said
SIGNATURE = re.compile(r"\s*([―—–])\s*([A-Z][^\n(]{1,60}?)[\s.]*(?:\(|$)")


@dataclass
class _Found:
    """An attribution being built; turned into a frozen ``Attribution`` at the end."""

    content: Range
    cue: Range
    source: Range | None = None
    direct: bool = False
    anchor: int | None = None  # an offset in the content's paragraph (default: the cue's)
    vouches: bool = False  # 'according to X': X vouches for any report its content holds
    impression: bool = False  # 'Rossi seemed to waver': the cue sits inside its content


# --------------------------------------------------------------------------- lexicons


@functools.cache
def _lines(name: str) -> tuple[str, ...]:
    text = resources.files("rashomon").joinpath("data", name).read_text(encoding="utf-8")
    rows = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(row for row in rows if row)


@functools.cache
def _verb_frames() -> dict[str, frozenset[str]]:
    """Cue verb lemma (or ``verb+preposition``) → the frames its content can take."""
    frames: dict[str, set[str]] = {}
    for row in _lines("cue_verbs.txt"):
        lemma, *kinds = row.split()
        frames.setdefault(lemma, set()).update(kinds)
    return {lemma: frozenset(kinds) for lemma, kinds in frames.items()}


@functools.cache
def speech_verbs() -> frozenset[str]:
    """Cue verbs whose content is a clause or a quotation ("say", "reply", "admit")."""
    return frozenset(lemma for lemma, kinds in _verb_frames().items() if "clause" in kinds)


@functools.cache
def _phrasal_heads() -> frozenset[str]:
    return frozenset(key.split("+")[0] for key in _verb_frames() if "+" in key)


@functools.cache
def _words(name: str) -> frozenset[str]:
    return frozenset(_lines(name))


# --------------------------------------------------------------------------- quotations


def quotations(text: str) -> list[Range]:
    """Character ranges of the quotations of ``text``, quote marks included.

    A paragraph that opens a quotation without closing it, followed by a paragraph that opens
    another, is one quotation running over both (the news convention for long quotes).
    """
    regions: list[Range] = []
    carried: int | None = None
    for start, end in _paragraphs(text):
        inner, unclosed = _paragraph_quotes(text, start, end)
        if carried is not None and inner and inner[0][0] == start:
            inner[0] = (carried, inner[0][1])
        elif carried is not None:
            regions.append((carried, _end_of_line(text, start)))
        carried = unclosed if carried is None or unclosed is None else carried
        regions.extend(inner)
    if carried is not None:
        regions.append((carried, _end_of_line(text, len(text))))
    return sorted(regions)


def _paragraphs(text: str) -> list[Range]:
    """The non-blank lines of ``text``, without their edge spaces."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            start = match.start() + len(line) - len(line.lstrip())
            out.append((start, match.start() + len(line.rstrip())))
    return out


def _end_of_line(text: str, start: int) -> int:
    """The end of the last non-blank line before ``start``."""
    return len(text[:start].rstrip())


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[Range], int | None]:
    """Paired quotations inside one paragraph, and where an unclosed one opens."""
    found: list[Range] = []
    open_at: int | None = None
    nested = 0  # curly quotations open inside the open one ("... using the “f bomb.””)
    for match in QUOTE_MARKS.finditer(text, start, end):
        role = _mark_role(text, match.start(), match.end(), match.group())
        if open_at is not None and role == "open" and _spaced_close(text, match.start()):
            role = "close"
        if open_at is None:
            open_at = None if role == "close" else match.start()
        elif role == "open" and match.group() in OPENERS and text[open_at] in OPENERS:
            nested += 1
        elif role == "open":
            open_at = match.start()
        elif nested:
            nested -= 1
        else:
            found.append((open_at, match.end()))
            open_at = None
    return found, open_at


def _spaced_close(text: str, start: int) -> bool:
    """A straight quote mark after a sentence's end and a stray space, while a quotation is
    open, closes it ('... is wrong. "Perry is referring to ...'): a quotation inside a quotation
    takes single marks."""
    return text[start] == '"' and text[max(start - 2, 0) : start] in {". ", "! ", "? "}


def _mark_role(text: str, start: int, end: int, mark: str) -> str:
    """'open', 'close' or 'either', from the characters around a quote mark."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    opens = before.isspace() or before in "([{—–-/:"
    closes = after.isspace() or after in ".,;:!?)]}—–-"
    if opens != closes:
        return "open" if opens else "close"
    if mark in OPENERS:
        return "open"
    return "close" if mark in CLOSERS else "either"


def _speech_like(text: str, region: Range) -> bool:
    """A quotation that reads as speech, not a scare quote or a title."""
    inner = text[region[0] : region[1]].strip("\"“”„«»'` ")
    words = inner.split()
    if len(words) < 6 and _title_case(words):
        return False  # a title: "Meet the Press," "The Art of the Deal"
    return len(words) >= 6 or (len(words) >= 2 and inner[-1:] in ",.!?")


TITLE_WORDS = frozenset(
    ["a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with", "from"]
)


def _title_case(words: Sequence[str]) -> bool:
    """Every word capitalised but the small ones inside: "Meet the Press", "The Book of Mormon"."""
    return bool(words) and all(
        w[:1].isupper() or not w[:1].isalpha() or (k and w.lower() in TITLE_WORDS)
        for k, w in enumerate(words)
    )


class _Article:
    """One parsed article with its quotations and paragraphs, for fast look-ups."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = nlp.text(doc)
        self.quotes = quotations(self.text)
        self.quote_starts = [s for s, _ in self.quotes]
        self.paragraphs = _paragraphs(self.text)
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        self.sentence_starts = [sent.start for sent in doc.sents]

    def sentence(self, token: Token) -> Span:
        """The sentence of ``token`` (a faster ``token.sent``)."""
        i = bisect.bisect_right(self.sentence_starts, token.i) - 1
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.doc)
        return self.doc[self.sentence_starts[i] : end]

    def in_quote(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation (its marks excluded)."""
        i = bisect.bisect_right(self.quote_starts, offset) - 1
        return i >= 0 and self.quotes[i][0] < offset < self.quotes[i][1] - 1

    def quotes_touching(self, span: Range) -> Iterator[Range]:
        i = max(0, bisect.bisect_right(self.quote_starts, span[0]) - 1)
        for region in self.quotes[i:]:
            if region[0] >= span[1]:
                return
            if region[1] > span[0]:
                yield region

    def quote_before(self, offset: int) -> Range | None:
        """The quotation that ends just before ``offset``, past spaces and commas.

        A quotation closed by a full stop ends its own sentence and is not taken.
        """
        i = bisect.bisect_left(self.quote_starts, offset) - 1
        region = self.quotes[i] if i >= 0 else None
        if region is None or region[1] > offset or self.text[region[1] : offset].strip(" ,"):
            return None
        closed = self.text[region[0] : region[1]].rstrip("\"”»'` ")
        return None if closed.endswith(".") else region

    def quote_after(self, offset: int) -> Range | None:
        """The quotation that opens after ``offset`` past a short frame ending in ',' or ':'.

        'said: "..."', 'said Tuesday, "..."', 'said in a statement: "..."'.
        """
        i = bisect.bisect_left(self.quote_starts, offset)
        region = self.quotes[i] if i < len(self.quotes) else None
        gap = self.text[offset : region[0]] if region else "\n"
        if "\n" in gap or len(gap) > MAX_LEAD:
            return None
        return region if not gap.strip(" ,:") or gap.rstrip()[-1:] in ",:" else None

    def paragraph(self, offset: int) -> Range:
        """The paragraph that holds ``offset``."""
        i = max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)
        return self.paragraphs[i] if self.paragraphs else (0, len(self.text))

    def next_paragraph(self, offset: int) -> Range | None:
        i = bisect.bisect_right(self.paragraph_starts, offset)
        return self.paragraphs[i] if i < len(self.paragraphs) else None


# --------------------------------------------------------------------------- tokens → spans


def _span(tokens: Iterable[Token]) -> Range | None:
    """The character range of ``tokens``, without punctuation at its edges (quote marks kept)."""
    toks = sorted(tokens, key=lambda t: t.i)
    first = next((i for i, t in enumerate(toks) if not _edge_punct(t)), None)
    if first is None:
        return None
    last = next(i for i in range(len(toks) - 1, -1, -1) if not _edge_punct(toks[i]))
    return toks[first].idx, toks[last].idx + len(toks[last].text)


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def _content(tokens: Iterable[Token]) -> Range | None:
    """Content from ``tokens``, without a trailing aside (', a former governor') or a closing
    'according to X', which frames the content rather than belonging to it."""
    toks = sorted(tokens, key=lambda t: t.i)
    closing = next((t.i for t in toks if _closing_according(t)), None)
    toks = toks if closing is None else [t for t in toks if t.i < closing]
    while toks:
        aside = _trailing_aside(toks)
        if aside is None:
            break
        toks = [t for t in toks if t.i < aside]
    return _span(toks)


def _trailing_aside(toks: list[Token]) -> int | None:
    """Where a comma-led appositive or relative clause closing ``toks`` starts."""
    last = toks[-1]
    while last.is_punct and not last.is_quote and last.i > toks[0].i:
        last = last.doc[last.i - 1]
    node = last
    while node.i > toks[0].i and node.head != node:
        before = node.doc[node.left_edge.i - 1]
        if node.dep_ in ASIDES and node.right_edge.i >= last.i and before.text == ",":
            return before.i if before.i > toks[0].i else None
        node = node.head
        if node.i < toks[0].i:
            break
    return None


def _edge_punct(token: Token) -> bool:
    return (token.is_punct and not token.is_quote) or token.is_space


def _without(head: Token, drop: set[int]) -> list[Token]:
    return [t for t in head.subtree if t.i not in drop]


def _source(subject: Token | None) -> Range | None:
    """The speaker's words: the subject and its modifiers, without relative clauses."""
    if subject is None:
        return None
    drop: set[int] = set()
    cut = False  # past a participle hung on the speaker ('Rossi, the mayor, tweeted: ...')
    verb = subject.head
    for child in subject.children:
        cut = cut or (child.dep_ == "acl" and child.i > subject.i)
        # a subject before its verb ends there: 'Boehner said, "...; 89 freshmen ..."' hangs
        # the quoted words on the speaker when the parse goes astray
        past = subject.i < verb.i < child.i
        when = child.dep_ in {"prep", "npadvmod"} and _dated(child)  # 'Stone on Friday said'
        # 'Mr. Seel's office about the planned meeting said': what it spoke about
        when = when or (child.dep_ == "prep" and child.lower_ in TOPIC_PREPOSITIONS)
        if child.dep_ in SOURCE_DROP or past or when or (cut and child.dep_ not in {"cc", "conj"}):
            drop.update(t.i for t in child.subtree)
    for token in subject.subtree:  # 'Dem, Sen. Gillibrand, who announced ... on "The Show"'
        if token.i != subject.i and token.dep_ in {"relcl", "acl"} and token.head.dep_ == "appos":
            drop.update(t.i for t in token.subtree)
    if not any(c.dep_ == "conj" and c.i not in drop for c in subject.children):
        drop.update(c.i for c in subject.children if c.dep_ == "cc")  # an "and" joining nothing
    kept = _without(subject, drop)
    doc = subject.doc
    first = min(t.i for t in kept) if kept else subject.i
    while first > 1 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_:
        first -= 2  # 'E-mails show ...' parsed as three subjects 'E', '-', 'mails'
        kept = [*doc[first : first + 2], *kept]
        while first > 0 and doc[first - 1].dep_ == "det" and first <= doc[first - 1].head.i:
            first -= 1  # 'The e-mail said'
            kept = [doc[first], *kept]
    kept = _glued_on(subject, kept)
    span = _span(kept)
    glued = subject.doc[subject.left_edge.i - 1] if subject.left_edge.i > 0 else None
    if span is not None and glued is not None and _bulleted(glued):
        return glued.idx + 1, span[1]  # '-His rival's campaign said': the dash is a bullet
    return span


def _glued_on(subject: Token, kept: list[Token]) -> list[Token]:
    """'Indivisible co-founder Ezra Levin' parsed as the subjects 'co', '-' and 'Levin': the
    words after a hyphen glued to the subject belong to it."""
    doc = subject.doc
    last = max((t.i for t in kept), default=subject.i)
    while last + 2 < len(doc) and doc[last + 1].text == "-" and not doc[last].whitespace_:
        after = [
            c
            for c in subject.head.children
            if c.dep_ == subject.dep_ and c.i > last + 1 and c.left_edge.i <= last + 2
        ]
        if not after:
            break
        extra = list(after[0].subtree)
        kept = [*kept, doc[last + 1], *extra]
        last = max(t.i for t in extra)
    return kept


def _dated(token: Token) -> bool:
    """A phrase that only says when: 'on Friday', 'last week'."""
    words = [t for t in token.subtree if t.is_alpha and t.pos_ != "ADP"]
    return bool(words) and all(t.ent_type_ in {"DATE", "TIME"} for t in words)


def _bulleted(token: Token) -> bool:
    """A word with a list marker glued to it ('-His'), read by the tagger as punctuation."""
    return len(token.text) > 1 and token.text[0] in BULLETS and token.text[1:].isalpha()


# --------------------------------------------------------------------------- cue verbs


def _is_cue_verb(token: Token) -> bool:
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = _lemma(token)
    return lemma in _verb_frames() or lemma in _phrasal_heads()


def _lemma(token: Token) -> str:
    """The lemma, mended where the lemmatizer cuts a final 'e' ('hopes', 'hoping' → 'hop')."""
    lemma, lower, frames = token.lemma_.lower(), token.lower_, _verb_frames()
    if lemma in frames:
        return lemma
    if lemma + "e" in frames and lower.startswith(lemma + "e"):
        return lemma + "e"
    if token.tag_ == "VBG" and lower.endswith("ing"):
        stem = lower[:-3]
        return stem + "e" if stem + "e" in frames else stem
    return lemma


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it hangs from ("..., adding that ...").

    When the parse gives a finite verb no subject, the noun phrase just before it is taken
    ('..., the candidate stated that ...' parsed as an apposition).
    """
    subject = _headless_clause(verb) or _tree_subject(verb) or _modal_name(verb)
    if subject is not None:
        return _publisher(subject) or subject
    return _stray_subject(verb) if verb.tag_ in FINITE else None


def _headless_clause(verb: Token) -> Token | None:
    """'After the chairman of the Joint Chiefs confirmed he knew ..., Graham questioned ...'
    parsed with 'After' as a preposition: a finite subordinate verb with no subject of its own
    speaks for the noun written just before it, not for the main clause's subject."""
    if verb.dep_ != "advcl" or verb.tag_ not in FINITE or _own_subject(verb) is not None:
        return None
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.pos_ not in NOMINALS or before.i < verb.left_edge.i - 1:
        return None
    noun = before
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in NOMINALS:
        noun = noun.head.head  # 'the chairman of the Joint Chiefs of Staff'
    return noun if noun.i < verb.i and noun.head.i != verb.head.i else None


def _publisher(relative: Token) -> Token | None:
    """'Rossi released an ad that says ...': who puts out a message speaks through it.

    A relative 'that' or 'which' whose antecedent is the object of a verb of publishing
    stands for that verb's subject.
    """
    clause = relative.head
    if relative.tag_ != "WDT" or relative.lower_ not in {"that", "which"} or clause.dep_ != "relcl":
        return None
    message = clause.head
    while message.dep_ == "pobj" and message.head.dep_ == "prep":
        # 'put out a statement shortly after Romney's remarks that claimed ...': the clause
        # hung on a phrase of time after the message belongs to the message
        verb = message.head.head
        published = [c for c in verb.children if c.dep_ == "dobj" and c.i < message.i]
        if not _publishes(verb) or not published:
            return None
        message = published[0]
    if message.dep_ != "dobj" or not _publishes(message.head):
        return None
    return _tree_subject(message.head)


def _publishes(verb: Token) -> bool:
    """A verb of putting out a message: 'released', 'issued', 'put out'."""
    lemma = verb.lemma_.lower()
    return lemma in PUBLISH or (lemma == "put" and any(c.lower_ == "out" for c in verb.children))


def _modal_name(verb: Token) -> Token | None:
    """'Will wrote', 'May said': a capitalised modal right before a past tense is a name.

    A modal takes a bare infinitive ('will write'), never 'wrote' or 'said', so the tagger's
    modal there is the speaker's name.
    """
    if verb.tag_ not in {"VBD", "VBN"} or _own_subject(verb) is not None:
        return None
    helpers = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if len(helpers) != 1:
        return None
    modal = helpers[0]
    named = modal.tag_ == "MD" and modal.text.istitle() and modal.i == verb.i - 1
    return modal if named else None


def _stray_subject(verb: Token) -> Token | None:
    """A noun phrase ending right before ``verb`` that the parse hung elsewhere.

    'Buck, a spokesman for Ryan, told ...' and '"...," an aide, who asked not to be named,
    said' give the noun that the comma-led aside describes; '"...," said Rossi' (the news
    inversion after a quotation) gives the noun phrase right after the verb.
    """
    left = verb.i - 1
    while left >= 0 and verb.doc[left].pos_ in {"ADV", "AUX", "PART"}:
        left -= 1
    if left > 0 and verb.doc[left].text == ",":
        return _described(verb.doc[left - 1], verb) or _interrupted(verb, left)
    if left > 0 and verb.doc[left].text in DASHES:
        return _dashed(verb, left)
    if (left >= 0 and verb.doc[left].is_quote) or (left > 0 and verb.doc[left - 1].is_quote):
        close = left if verb.doc[left].is_quote else left - 1
        # 'called her "terrible," denounced her record': a quoted word is no quotation
        return _inverted(verb) if _quoted_speech(verb.doc, close) else None
    if left < 0 or verb.doc[left].pos_ not in NOMINALS:
        return None
    noun = verb.doc[left]
    while noun.head.i > noun.i and noun.head.i < verb.i and noun.head.pos_ in NOMINALS:
        noun = noun.head
    return noun if noun.dep_ in {"appos", "conj", "compound", "dobj", "pobj", "npadvmod"} else None


def _quoted_speech(doc: Doc, close: int) -> bool:
    """Whether the quotation closed by token ``close`` reads as speech, not a quoted word."""
    start = close - 1
    while start > 0 and not doc[start].is_quote and doc[start].text != "\n":
        start -= 1
    if not doc[start].is_quote:
        return True  # opened in an earlier paragraph: a long quotation
    return _speech_like(nlp.text(doc), (doc[start].idx, _end(doc[close])))


def _dashed(verb: Token, dash: int) -> Token | None:
    """'Rossi - who chairs the board - said': the noun phrase before an aside set off by dashes.

    A dash aside may hold a whole clause, so only the dashes mark it; the noun phrase ends at
    the opening dash and is followed up to its head ('A spokesman for the port - ... - said').
    """
    doc = verb.doc
    opening = dash - 1
    while opening > 0 and doc[opening].text not in DASHES and "\n" not in doc[opening].text:
        opening -= 1
    if opening <= 0 or doc[opening].text not in DASHES or dash - opening > MAX_DASH_ASIDE:
        return None
    noun = doc[opening - 1]
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.ent_type_ in PLACES - {"GPE"}:
        return None
    while noun.head.i < opening and noun.head != noun and noun.head.pos_ in NOMINALS | {"ADP"}:
        noun = noun.head
    return noun if noun.pos_ in {"NOUN", "PROPN"} else None


def _described(last: Token, verb: Token) -> Token | None:
    """The noun before a comma-led appositive or relative clause that ends at ``last``."""
    node = last
    while node.i < verb.i and node.head != node and node.head.i < verb.i:
        aside = node.dep_ in ASIDES and node.head.i < node.left_edge.i
        if aside and node.head.pos_ in NOMINALS and _set_off(node):
            return _of_whom(node.head)
        node = node.head
    return None


def _of_whom(noun: Token) -> Token:
    """'the mayor of Washington, DC': the noun the place or group belongs to, not the place."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in NOMINALS:
        noun = noun.head.head
    return noun


def _interrupted(verb: Token, comma: int) -> Token | None:
    """'Rossi, in Genoa, said', 'Rossi, for example, said': a name before a comma-set aside.

    Up to three asides may stand between the name and the verb ('Rossi, meanwhile, who
    chairs the board, said'); an aside with a subject of its own is a clause, not an aside.
    """
    doc, sent_start = verb.doc, verb.sent.start
    for _ in range(3):
        opening = comma - 1
        while opening > sent_start and doc[opening].text != "," and comma - opening <= MAX_ASIDE:
            opening -= 1
        if opening <= sent_start or doc[opening].text != ",":
            return None
        aside = doc[opening + 1 : comma]
        if not len(aside) or any(_clause_subject(t) for t in aside):
            return None
        before = doc[opening - 1]
        if PARTY_TAG.fullmatch(_phrase_before(doc, opening)):
            comma = opening  # 'Rep. Bobby Scott, D-Va., one of the nine ..., said'
            continue
        if before.pos_ in {"NOUN", "PROPN"} and before.ent_type_ not in PLACES - {"GPE"}:
            noun = before
            while noun.dep_ == "compound" and noun.head.i > noun.i:
                noun = noun.head
            return noun
        comma = opening
    return None


PICTURES = frozenset(
    [
        "cover",
        "photo",
        "photograph",
        "picture",
        "image",
        "video",
        "footage",
        "clip",
        "screenshot",
        "cartoon",
        "drawing",
        "map",
    ]
)
PARTY_TAG = re.compile(r"[DRI]-[A-Z][A-Za-z.]*")


def _phrase_before(doc: Doc, comma: int) -> str:
    """The words between the comma before ``comma`` and it."""
    start = comma - 1
    while start > 0 and doc[start - 1].text != ",":
        start -= 1
    return doc[start:comma].text


def _clause_subject(token: Token) -> bool:
    """A subject in an aside that is not a relative clause's ('who chairs the board')."""
    relative = token.tag_ in {"WP", "WDT"} or token.head.dep_ in {"relcl", "acl"}
    return token.dep_ in SUBJECTS and not relative


def _inverted(verb: Token) -> Token | None:
    """'"...," said Rossi': the noun phrase right after a verb that follows a quotation."""
    doc = verb.doc
    before = any(c.dep_ == "dobj" and c.i < verb.i for c in verb.children)
    if before or verb.i + 1 >= len(doc):
        return None
    noun = doc[verb.i + 1]
    while noun.dep_ in {"compound", "det", "amod", "nummod", "poss"} and noun.head.i > noun.i:
        noun = noun.head
    if noun.ent_type_ in PLACES or noun.head.i == noun.i:
        return None
    return noun if noun.pos_ in {"NOUN", "PROPN"} or _bare_name(noun) else None


def _bare_name(token: Token) -> bool:
    """A capitalised word the tagger took for an adverb or adjective ('said Skelly,')."""
    doc = token.doc
    closes = token.i + 1 == len(doc) or doc[token.i + 1].is_punct
    return token.is_title and token.pos_ in {"ADV", "ADJ", "VERB"} and closes


def _tree_subject(verb: Token, hops: int = 3) -> Token | None:
    joined = False  # reached from a verb joined by 'and': 'Rossi was pressed and said ...'
    for hop in range(hops):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None and not joined:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        subject = _own_subject(verb)
        passive = subject is not None and subject.dep_ == "nsubjpass" and not _has_done(verb)
        passive = passive and not joined
        if subject is not None and (passive or (hop and subject.lower_ == "it")):
            return None  # 'X is expected to ...', 'it is hard to know ...'
        if subject is not None:
            return subject
        if hop == 0 and _glued_name(verb) is not None:
            return _glued_name(verb)
        if hop == 0 and _passive_participle(verb):
            return None  # 'Asked whether ..., Rossi said': Rossi is asked; who asks is unsaid
        if hop == 0 and _misread_participle(verb):
            return verb.head  # 'A poll found that ...' parsed as 'a poll (that was) found'
        if hop == 0 and _reduced_active(verb):
            aside = verb.i > 0 and verb.doc[verb.i - 1].text == ","
            return (_stray_subject(verb) if aside else None) or verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in NOMINALS:
            author = _author(verb.head)
            if author is not None:
                return author
            holder = _holder(verb.head)  # 'Rossi issued a statement saying ...'
            if holder is None:  # 'a poll showing ...', '22 percent saying ...'
                return verb.head if _can_say(verb.head) else None
            verb = holder
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head  # 'by saying ...', 'after calling ...': the verb above speaks
        listed = _listed_subject(verb)
        if listed is not None:
            return listed
        if verb.dep_ not in PARTICIPLES | {"prep"} or verb.head == verb:
            return None
        controller = (
            _controller(verb)
            or _misjoined(verb)
            or _unjoined_participle(verb)
            or _joined_in_clause(verb)
        )
        if controller is not None:
            return controller
        joined = verb.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in verb.children)
        verb = (
            _out_of_quotation(verb)
            or _over_subordinate(verb)
            or _finite_above(verb)
            or _reported_by(verb)
        )
    return None


def _out_of_quotation(verb: Token) -> Token | None:
    """'Thune added that Democrats "have not laid a glove on him" and predicted ...': a verb the
    parse joined to one inside a quotation it follows belongs with the verb reporting it."""
    head, doc = verb.head, verb.doc
    if verb.dep_ != "conj" or not any(t.text in {"”", '"'} for t in doc[head.i : verb.i]):
        return None
    marks = [t.text for t in doc[head.sent.start : head.i] if t.is_quote]
    if not marks or marks[-1] not in {"“", '"'}:
        return None  # the verb it is joined to is not inside the quotation
    node = head
    while node.dep_ != "ccomp" and node.head != node:
        node = node.head
    return node.head if node.dep_ == "ccomp" else None


def _over_subordinate(verb: Token) -> Token | None:
    """'Democrats rejected the offer before Trump announced it, maintaining that ...': a
    participle set off after a subordinate clause belongs to the main clause, not to the
    clause ('before Trump announced it') the parse hung it on."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or head.dep_ != "advcl" or head.head == head:
        return None
    comma = verb.i > 0 and any(t.text == "," for t in verb.doc[head.i : verb.i])
    marked = any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in head.children)
    return head.head if comma and marked else None


def _joined_in_clause(verb: Token) -> Token | None:
    """'... grabbing a man after the man approached him and asked if ...': a verb the parse
    joined to the main clause, right after a subordinate clause in the same tense with no comma
    between, is that clause's second verb and speaks for its subject."""
    head, doc = verb.head, verb.doc
    if verb.dep_ != "conj" or _own_subject(verb) is not None or verb.tag_ != "VBD":
        return None
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.lower_ != "and" or doc[verb.i - 2].text == ",":
        return None
    clauses = [
        t
        for t in doc[head.i + 1 : verb.i]
        if t.dep_ == "advcl"
        and t.tag_ == verb.tag_
        and t.right_edge.i == verb.i - 2
        and any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in t.children)
    ]
    subject = _own_subject(clauses[-1]) if clauses else None
    return subject if subject is not None and subject.pos_ in {"NOUN", "PROPN", "PRON"} else None


SUBORDINATORS = frozenset({"before", "after", "while", "when", "as", "since", "until", "because"})


def _listed_subject(verb: Token) -> Token | None:
    """'Rossi toured the port, praised the crew and said ...': the subject of a list of
    predicates that the parse read as a clause ('Rossi toured the port') and its verb.

    Only a verb that cannot report that clause is taken: one that takes no clause, or
    one whose own clause follows it.
    """
    if _own_subject(verb) is not None:
        return None
    doc = verb.doc
    before = [c for c in verb.lefts if _unmarked_clause(c)]
    if not before or doc[before[-1].right_edge.i + 1 : verb.i].text.strip("\"'“”’ ") != ",":
        return None
    subject = _own_subject(before[-1])
    if subject is None or subject.dep_ != "nsubj" or subject.lower_ in {"it", "this", "that"}:
        return None
    if "\n" in doc[subject.i : verb.i].text:
        return None
    quoted = doc[verb.i - 1].is_quote and _quoted_speech(doc, verb.i - 1)
    if quoted or doc[before[-1].left_edge.i].is_quote:
        return None  # '"I will vote," declared a voter': a quotation is what the verb reports
    frames = _verb_frames().get(_lemma(verb), frozenset())
    reports = "clause" in frames and not any(c.dep_ == "ccomp" for c in verb.rights)
    return None if reports else subject


def _unmarked_clause(token: Token) -> bool:
    """A finite clause with no 'because', 'when' or 'if' to make it an adverbial one."""
    if token.tag_ not in FINITE or token.dep_ not in {"ccomp", "advcl"}:
        return False
    return not any(c.dep_ == "mark" or c.tag_ in {"WRB", "WDT", "WP"} for c in token.children)


def _has_done(verb: Token) -> bool:
    """'He's said he will run', 'who's called for a recount': the "'s" is "has", not "is".

    A passive cue verb takes an infinitive ('is said to be'), not a clause of its own, so
    "'s" before a participle with a that-clause or a cue preposition is the perfect tense.
    """
    contracted = any(c.dep_ == "auxpass" and c.lower_ in {"'s", "’s"} for c in verb.children)
    subject = _own_subject(verb)
    if not contracted or subject is None or subject.lower_ in {"it", "this", "that", "there"}:
        return False
    lemma = _lemma(verb)
    return any(
        c.dep_ == "ccomp" or (c.dep_ == "prep" and f"{lemma}+{c.lower_}" in _verb_frames())
        for c in verb.rights
    )


def _passive_participle(verb: Token) -> bool:
    """'Asked about it, ...', 'Pressed on the plan, ...' (but not 'Having announced ...').

    A past tense with no subject opening its sentence or a 'when' clause ('Asked whether ...,
    Rossi said', '... when asked about it') is the participle too.
    """
    before = verb.doc[verb.i - 1].lower_ if verb.i > 0 else ""
    opens = verb.is_sent_start or before in {"when", "if", "once", "unless", "until", "after"}
    opening = verb.tag_ == "VBD" and opens and _own_subject(verb) is None
    return (
        (verb.tag_ == "VBN" or opening)
        and verb.dep_ == "advcl"
        and not any(c.dep_ == "aux" for c in verb.children)
    )


def _misjoined(verb: Token) -> Token | None:
    """'The remark was part of a speech in which Rossi praised the port, but argued that ...':
    a cue verb joined to a copula across a relative clause speaks for that clause's subject,
    when it names someone and the copula's subject does not."""
    head = verb.head
    if verb.dep_ != "conj" or head.lemma_.lower() != "be" or verb.tag_ not in FINITE:
        return None
    own = _own_subject(head)
    if own is None or _names_someone(own):
        return None
    clauses = [t for t in head.doc[head.i + 1 : verb.i] if t.dep_ == "relcl" and t.tag_ in FINITE]
    subject = _own_subject(clauses[-1]) if clauses else None
    if subject is None or subject.tag_ in {"WP", "WDT"} or not _names_someone(subject):
        return None
    return subject


def _unjoined_participle(verb: Token) -> Token | None:
    """'a camera captured Rashida Tlaib of Michigan promising to impeach him': after a verb of
    seeing or recording, a participle right after its object tells what the object did."""
    if verb.tag_ != "VBG" or verb.doc[verb.i - 1].is_punct:
        return None
    before = verb.doc[verb.i - 1]
    while before.dep_ == "pobj" and before.head.dep_ == "prep":  # 'Tlaib of Michigan'
        before = before.head.head
    seen = before.dep_ == "dobj" and before.head.lemma_.lower() in PERCEPTION
    return before if seen and _names_someone(before) else None


PERCEPTION = frozenset(
    {"capture", "catch", "show", "see", "hear", "film", "record", "watch", "depict", "photograph"}
)


def _names_someone(token: Token) -> bool:
    return token.pos_ in {"PROPN", "PRON"} or token.ent_type_ in {"PERSON", "ORG", "NORP"}


def _finite_above(verb: Token) -> Token | None:
    """'Rossi ran on a promise to cut taxes and accused Bianchi of ...': a past tense joined
    to an infinitive belongs with the finite verb above the infinitive."""
    if verb.dep_ != "conj" or verb.tag_ not in FINITE or not _infinitive(verb.head):
        return None
    node = verb.head
    while node.head != node and node.tag_ not in FINITE:
        node = node.head
    return node if node.tag_ in FINITE else None


def _misread_participle(verb: Token) -> bool:
    """A past tense read as a participle on a noun that the parse left as the sentence's root.

    With no other verb to head the sentence, 'A poll found last week that ...' is a statement
    by the poll, not a poll that someone found.
    """
    noun = verb.head
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and noun.dep_ == "ROOT"
        and noun.pos_ in {"NOUN", "PROPN"}
        and noun.i == verb.i - 1
        and any(c.dep_ in {"ccomp", "dobj"} and c.i > verb.i for c in verb.children)
    )


def _glued_name(verb: Token) -> Token | None:
    """'"...," Rossi joked': a name right before a past tense that the parse glued to the verb
    as a compound, as if 'Rossi joked' were one word."""
    if verb.tag_ not in FINITE or verb.i == 0:
        return None
    name = verb.doc[verb.i - 1]
    glued = name.dep_ == "compound" and name.head == verb and name.pos_ in {"PROPN", "NOUN"}
    return name if glued else None


def _reduced_active(verb: Token) -> bool:
    """'Rossi, the former mayor, tweeted: ...', 'the candidate boasted of ...' read as a noun
    with a participle: a cue verb hung on the noun before it, with no helper verb, no 'by'
    and no infinitive ('a year expected to ...'), says what that noun says."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in {"VBN", "VBD"} or noun.i > verb.i:
        return False
    if noun.pos_ not in {"NOUN", "PROPN", "PRON"} or noun.lemma_.lower() in RULES:
        return False
    return not any(
        c.dep_ in {"agent", "aux", "auxpass", "nsubj", "nsubjpass"}
        or (c.dep_ == "xcomp" and _infinitive(c))
        for c in verb.children
    )


def _controller(xcomp: Token) -> Token | None:
    """'led Rossi to say', 'leaving many to wonder': the object of the verb above speaks."""
    if xcomp.head.lemma_.lower() not in OBJECT_CONTROL:
        return None
    # 'sent a reporter to ask ...' is often parsed as a clause of purpose; the reporter asks
    purpose = xcomp.dep_ == "advcl" and _infinitive(xcomp)
    if xcomp.dep_ != "xcomp" and not purpose:
        return None
    return next((c for c in xcomp.head.children if c.dep_ == "dobj" and c.i < xcomp.i), None)


def _holder(noun: Token) -> Token | None:
    """The verb whose object ``noun`` is ('issued a statement'), unless a poll or study.

    A message in a prepositional phrase belongs to that phrase's verb as well: in 'Rossi
    hit back in an article arguing ...' and 'during a speech attacking ...' the article and
    the speech do not speak; whoever writes or gives them does.
    """
    if noun.lemma_.lower() in _words("cue_documents.txt"):
        return None
    if noun.dep_ == "dobj":
        return noun.head
    prep = noun.head
    if noun.dep_ != "pobj" or noun.lemma_.lower() not in MESSAGES or prep.dep_ != "prep":
        return None
    # 'In a statement condemning X, Rossi said ...': the statement is the saying's own
    # document and speaks for itself
    verb = prep.head
    return verb if verb.pos_ in {"VERB", "AUX"} and not _is_cue_verb(verb) else None


def _can_say(noun: Token) -> bool:
    """A noun that can be a source: a document or message, a name, people ('voters saying',
    '22 percent saying'), not a thing ('Trump's offer seeking to trade ...': its purpose)."""
    from rashomon.analyze.entities import role_of  # entities imports this module

    lemma = noun.lemma_.lower()
    return (
        lemma in MESSAGES
        or lemma in _words("cue_documents.txt")
        or noun.pos_ in {"PROPN", "PRON", "NUM"}
        or noun.tag_ in {"NNS", "NNPS"}
        or lemma in {"percent", "%"}
        or noun.ent_type_ in {"PERSON", "ORG", "NORP", "PERCENT"}
        or role_of(lemma) is not None
    )


def _author(noun: Token) -> Token | None:
    """'Rossi's speech attacking ...', 'his letter urging ...': whose message it is."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or noun.lemma_.lower() not in MESSAGES:
        return None
    return _clause_owner(noun, owner) or owner


def _reported_by(part: Token) -> Token:
    """What ``part`` hangs from, or the cue verb whose content holds that ('said A, adding B').

    A parse often hangs a second cue verb ('and suggested that', ', saying') on the clause
    reported by the first; its speaker is then the first cue's, for a that-clause only when
    both take one.
    """
    head = node = part.head
    if part.dep_ not in {"conj", "advcl"} or not _is_cue_verb(part):
        return head
    while node.dep_ in {"xcomp", "conj"} and node.head != node:
        node = node.head
    if node.dep_ != "ccomp" or not _is_cue_verb(node.head):
        return head
    if node.head.i > part.i:
        # 'Weaver shrugged, telling reporters, "Many said ..."': a cue verb that comes later
        # reports something else; the participle goes with the clause it hangs from
        return head
    if part.dep_ == "advcl":
        return node.head if part.tag_ == "VBG" and _set_off(part) else head
    parallel = _opens_with_that(node) and any(_opens_with_that(c) for c in part.rights)
    return node.head if parallel or not _is_cue_verb(node) or _own_tense(part, node) else head


def _own_tense(part: Token, clause: Token) -> bool:
    """'Rossi said he would back the plan but did not say when': a verb joined to a reported
    clause with a modal, carrying a tense of its own, goes with the verb that reports."""
    if part.dep_ != "conj" or part.head != clause:
        return False
    modal = any(c.tag_ == "MD" for c in clause.children)
    helpers = [c for c in part.children if c.dep_ == "aux"]
    return modal and bool(helpers) and all(c.tag_ in FINITE for c in helpers)


def _set_off(token: Token) -> bool:
    """Whether a comma opens the phrase of ``token`` (', adding that ...')."""
    return token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ","


def _own_subject(verb: Token) -> Token | None:
    """The subject child of ``verb`` nearest to it (parses sometimes give two)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    nearest = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)
    if nearest is not None and nearest.i < verb.i:
        return _set_off_speaker(verb) or nearest
    return nearest


def _split_by(verb: Token, article: _Article) -> Range | None:
    """'The new pier, said Rossi, will open in May.': the sentence around the set-off frame."""
    speaker = _set_off_speaker(verb)
    if speaker is None:
        return None
    end = speaker.right_edge.i
    sent = article.sentence(verb)
    return _span(t for t in sent if not verb.i <= t.i <= end)


def _set_off_speaker(verb: Token) -> Token | None:
    """'The plan, said Rossi, is dead.': the name between commas after the verb speaks, not
    the noun phrase the parse gave the verb as its subject."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != "," or verb.tag_ not in FINITE:
        return None
    if "clause" not in _verb_frames().get(_lemma(verb), frozenset()):
        return None
    end = verb.i + 1
    while end < min(len(doc), verb.i + MAX_ASIDE) and doc[end].text not in {",", "\n"}:
        end += 1
    if end == verb.i + 1 or end >= len(doc) or doc[end].text != ",":
        return None
    phrase = doc[verb.i + 1 : end]
    roots = [t for t in phrase if not (verb.i < t.head.i < end) or t.head == t]
    if len(roots) != 1 or roots[0].pos_ not in {"NOUN", "PROPN"}:
        return None
    noun = roots[0]
    return noun if noun.dep_ in SUBJECTS and not any(t.pos_ == "VERB" for t in phrase) else None


def _cue_range(verb: Token, *extra: Token) -> Range:
    name = _modal_name(verb)
    parts = [c for c in verb.children if c.dep_ in CUE_PARTS and c != name]
    tokens = [verb, *extra, *parts]
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _finds_it(verb: Token, comp: Token) -> bool:
    """'may find it difficult to ...', 'found it hard': an experience, not a finding."""
    return _lemma(verb) == "find" and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in comp.children
    )


def _clause_content(comp: Token) -> Range | None:
    """A reported clause, without what follows a semicolon and without nested frames."""
    doc, drop = comp.doc, set[int]()
    for token in comp.subtree:
        if token.i in drop or token.i <= comp.i:
            continue
        if token.text == ";" and token.head == comp:
            drop.update(range(token.i, comp.right_edge.i + 1))
        elif _frame_inside(token) or _side_report(token):
            drop.update(t.i for t in token.subtree)
            left = token.left_edge.i - 1
            while left > comp.i and (_edge_punct(doc[left]) or doc[left].dep_ == "cc"):
                drop.add(left)
                left -= 1
    return _content(_without(comp, drop))


def _frame_inside(token: Token) -> bool:
    """', adding that ...' or '... and Rossi says ...': a cue of its own inside a clause."""
    if not _is_cue_verb(token):
        return False
    if token.tag_ == "VBG":
        return token.doc[token.left_edge.i - 1].text == ","
    if token.dep_ != "conj":
        return False
    return _own_subject(token) is not None or any(c.dep_ == "ccomp" for c in token.rights)


def _side_report(token: Token) -> bool:
    """'..., even as Rossi argued that ...', 'while Bianchi said ...': a clause set beside
    the content, with a speaker and a cue of its own, is the outlet's, not the speaker's."""
    if token.dep_ != "advcl" or not _is_cue_verb(token) or _own_subject(token) is None:
        return False
    marks = [c.lower_ for c in token.children if c.dep_ in {"mark", "advmod"} and c.i < token.i]
    return any(m in SIDE_MARKS for m in marks)


def _closing_according(token: Token) -> bool:
    """'Rossi said Y, according to X.': X's words frame Rossi's, they are not part of Y."""
    if token.lower_ != "according" or token.i == 0 or token.doc[token.i - 1].text != ",":
        return False
    rest = token.doc[token.right_edge.i + 1 : token.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def _verb_attribution(verb: Token, article: _Article) -> _Found | None:
    lemma = _lemma(verb)
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    frames = _verb_frames().get(f"{lemma}+{particle.lower_}") if particle is not None else None
    found = _phrasal(verb, lemma) if frames is None else None
    if found is not None:
        return found
    if frames is None and particle is not None and particle.lower_ in OTHER_SENSE:
        return None  # 'was sworn in', 'called off', 'added up': another verb than the cue
    frames = frames or _verb_frames().get(lemma)
    if _permitted(verb) or _exercised(verb):
        return None
    subject = _subject(verb)
    if subject is not None and (
        _asks(subject, article) or _nobody(subject) or _idiom(verb) or _this_text(subject)
    ):
        return None
    content = _verb_content(verb, frames, article) if frames else None
    source = _source(subject)
    if content is None or (source is None and (_non_finite(verb) or _imperative(verb))):
        return None
    if _pictured(verb, subject) or _only_a_title(content[0], article) or _open(verb):
        return None
    return _Found(content[0], _cue_range(verb), source, anchor=content[1])


def _open(verb: Token) -> bool:
    """'declined to say whether she supports or opposes the bill', 'if she opposes it': a
    question or a condition, not a stance anyone took."""
    head = verb
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    return any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in head.children)


def _pictured(verb: Token, subject: Token | None) -> bool:
    """'The cover shows Bachmann standing ...', 'the video shows him grabbing ...': what a
    picture shows is the outlet's description of it, not anyone's statement."""
    return (
        subject is not None
        and _lemma(verb) in {"show", "depict", "reveal", "feature"}
        and subject.lemma_.lower() in PICTURES
    )


def _only_a_title(content: Range, article: _Article) -> bool:
    """The content is nothing but a quoted title ('the Broadway show “The Book of Mormon”',
    with "show" read as a verb)."""
    region = next(article.quotes_touching(content), None)
    if region is None or not (region[0] <= content[0] and content[1] <= region[1]):
        return False
    inner = article.text[region[0] : region[1]].strip("\"“”„«»'` ,.")
    words = inner.split()
    exclaimed = inner.endswith(("!", "?"))  # "What a Super Tuesday!"
    return 1 < len(words) < 6 and not (inner.isupper() or exclaimed) and _title_case(words)


def _imperative(verb: Token) -> bool:
    """'See the cover below': a bare verb opening its sentence tells the reader what to do."""
    opens = verb.i == verb.sent.start or verb.doc[verb.i - 1].is_punct
    return verb.tag_ == "VB" and verb.dep_ == "ROOT" and opens and not _own_subject(verb)


def _permitted(verb: Token) -> bool:
    """'a law that allows shops to deny service': what a rule lets someone do, not what anyone
    says ('the format allowed her to say ...' is still her saying it)."""
    head = verb.head
    if not _infinitive(verb) or head.lemma_.lower() not in PERMISSIVE:
        return False
    grantor = _own_subject(head)
    if grantor is not None and grantor.tag_ in {"WDT", "PRP"} and head.dep_ == "relcl":
        grantor = head.head  # 'a bill that would allow ...'
    return grantor is not None and grantor.lemma_.lower() in RULES


def _exercised(verb: Token) -> bool:
    """'invoked her Fifth Amendment right', 'cited executive privilege': using a right or a rule
    is an act, not passing on anyone's words ('invoked Reagan's victory' still is)."""
    if _lemma(verb) not in {"invoke", "cite"}:
        return False
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    return obj is not None and (obj.lemma_.lower() in RULES | INSTRUMENTS or obj.lower_ == "fifth")


def _asks(subject: Token, article: _Article) -> bool:
    """'Who decided that ...?': a question about the speaker, not a statement of one."""
    if subject.tag_ not in {"WP", "WDT"} or subject.head.dep_ == "relcl":
        return False
    return article.sentence(subject).text.rstrip(" \"'”’)").endswith("?")


def _idiom(verb: Token) -> bool:
    """'That said, ...' opens a sentence as 'even so' does: a connective, not a report."""
    doc = verb.doc
    return (
        verb.lower_ == "said"
        and verb.i > 0
        and doc[verb.i - 1].lower_ == "that"
        and (
            verb.i == 1
            or doc[verb.i - 2].is_sent_start
            or doc[verb.i - 2].is_punct
            or doc[verb.i - 2].is_space
        )
        and verb.i + 1 < len(doc)
        and doc[verb.i + 1].text == ","
    )


def _this_text(subject: Token) -> bool:
    """'This article originally said ...', 'An earlier version of this story stated ...': a
    correction note about the text itself, not a source."""
    if subject.lemma_.lower() not in SELF_NOUNS:
        return False
    if any(c.dep_ == "det" and c.lower_ == "this" for c in subject.children):
        return True
    of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    text = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return text is not None and _this_text(text)


def _nobody(subject: Token) -> bool:
    """'nobody wants to hear', 'no one said': no source asserts anything."""
    doc = subject.doc
    return subject.lower_ in {"nobody", "none"} or (
        subject.lower_ == "one" and subject.i > 0 and doc[subject.i - 1].lower_ == "no"
    )


def _non_finite(verb: Token) -> bool:
    """'to report', 'wanting': a cue with no speaker of its own, mostly not an attribution.

    'It is hard to know ...' is one, with no speaker.
    """
    impersonal = verb.dep_ == "xcomp" and any(c.lower_ == "it" for c in verb.head.lefts)
    return verb.tag_ in {"VB", "VBG"} and verb.dep_ != "ROOT" and not impersonal


def _adjective(adj: Token) -> _Found | None:
    """'Rossi is confident that ...', 'critical of ...', 'eager to ...': an attitude adjective."""
    if adj.head.lemma_.lower() == "make" and adj.dep_ in {"ccomp", "oprd", "acomp"}:
        # 'made clear that ...' reports; 'made sure that ...' does not
        return _made_clear(adj) if adj.lemma_.lower() == "clear" else None
    if adj.dep_ != "acomp":
        return None
    content = _adjective_content(adj)
    source = _source(_subject(adj.head))
    if content is None or source is None:
        return None
    return _Found(content, _cue_range(adj), source)


def _made_clear(adj: Token) -> _Found | None:
    """'Rossi made (it) clear that ...': the that-clause is what Rossi made clear."""
    make = adj.head
    clause = next(
        (
            c
            for c in (*adj.rights, *make.rights)
            if c.i > adj.i
            and (
                (
                    c.dep_ in {"ccomp", "csubj", "advcl"}
                    and any(m.lower_ == "that" for m in c.children if m.dep_ == "mark")
                )
                or (c.dep_ == "ccomp" and c.head == adj)
            )
        ),
        None,
    )
    content = _clause_content(clause) if clause is not None else None
    source = _source(_subject(make))
    if content is None or source is None:
        return None
    return _Found(content, _cue_range(make, adj), source)


def _adjective_content(adj: Token) -> Range | None:
    for child in adj.rights:
        if child.dep_ == "ccomp":
            return _clause_content(child)
        if child.dep_ == "xcomp" and _infinitive(child):
            # 'the bill is certain to pass' says how likely the bill is to pass, not what
            # the bill thinks
            return None if adj.lemma_.lower() in RAISING else _content(child.subtree)
        if child.dep_ == "prep" and child.lower_ in ATTITUDE_PREPS:
            obj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            return _content(obj.subtree) if obj is not None else None
    return None


def _verb_content(
    verb: Token, frames: frozenset[str], article: _Article
) -> tuple[Range, int | None] | None:
    """The content of cue verb ``verb`` and, when it is not in the cue's paragraph, where."""
    comp = _nearest(verb, "ccomp", article) or _question_asked(verb)
    if comp is not None and _finds_it(verb, comp):
        return None
    clause = _clause_content(comp) if comp is not None and "clause" in frames else None
    quoted = _adjacent_quote(verb, article) if "clause" in frames else None
    if comp is not None and comp.i > verb.i and quoted is not None and quoted[1] <= verb.idx:
        quoted = None  # 'Asked on "Meet the Press," Rossi said he ...': the clause wins
    if quoted is not None and not (
        clause is not None and _overlap(clause, quoted) and not _holds(quoted, clause)
    ):
        return quoted, None  # 'stated, "just when ... rights. This must stop."': all of it
    if clause is not None and comp is not None:
        around = _around_frame(verb, article) if comp.i < verb.i else _split_by(verb, article)
        return around or clause, None
    if "to" in frames:
        xcomp = next((c for c in verb.rights if c.dep_ == "xcomp" and _infinitive(c)), None)
        passive = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
        if xcomp is not None and _gapped(verb):
            return None
        if xcomp is not None:
            return _maybe(_with_passive(_complements(verb, xcomp), passive))
    if "object" in frames:
        # 'acknowledged receiving $250,000', 'denied taking the money': a gerund object
        obj = next(
            (c for c in verb.rights if c.dep_ == "dobj" or (c.dep_ == "xcomp" and c.tag_ == "VBG")),
            None,
        )
        if obj is not None:
            return _maybe(_complements(verb, obj))
        named = _named(verb)
        if named is not None:
            return named, None
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and passive.tag_ in {"WDT", "WP"}:
            return None  # 'calls that were supported by the mayors': no words to pass on
        if passive is not None:
            return _maybe(_passive_content(verb, passive))
        predicate = _predicate_object(verb)
        if predicate is not None:
            return _maybe(_complements(verb, predicate))
    if "clause" not in frames:
        return None
    return _maybe(_around_frame(verb, article)) or _block_after(verb, article)


def _question_asked(verb: Token) -> Token | None:
    """'Asked if she agreed, ...': a question opened by 'if' or 'whether' that the parse hung
    on a verb of asking as a condition."""
    if _lemma(verb) not in ASKING:
        return None
    return next(
        (
            c
            for c in verb.rights
            if c.dep_ == "advcl" and any(m.lower_ in {"if", "whether"} for m in c.lefts)
        ),
        None,
    )


def _nearest(verb: Token, dep: str, article: _Article) -> Token | None:
    """The child of ``verb`` with relation ``dep`` nearest to it, in its paragraph."""
    para = article.paragraph(verb.idx)
    found = [
        c
        for c in verb.children
        if c.dep_ == dep and para[0] <= c.idx < para[1] and not _subjectless(c, verb)
    ]
    return min(found, key=lambda c: abs(c.i - verb.i), default=None)


def _subjectless(comp: Token, verb: Token) -> bool:
    """A 'clause' after the verb with no subject, no 'that' and no auxiliary: a misparse:
    'assured traders outside the Praça do Comércio station' (with 'do' read as a verb).
    """
    if comp.i < verb.i or comp.tag_ not in FINITE or verb.dep_ == "relcl":
        return False
    if any(c.dep_ in SUBJECTS | {"expl", "mark", "aux", "auxpass"} for c in comp.children):
        return False
    between = verb.doc[verb.i + 1 : comp.left_edge.i]
    # 'says is a lie' (the subject is the antecedent) and 'think the outreach to voters was
    # phony' (the subject hung on the verb) are clauses; a verb in between is another phrase.
    return len(between) > 0 and any(t.pos_ in {"VERB", "AUX"} for t in between)


def _maybe(content: Range | None) -> tuple[Range, int | None] | None:
    return (content, None) if content is not None else None


def _infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _predicate_object(verb: Token) -> Token | None:
    """'Cruz called Trump a liar' parsed with two predicates: the first is the object."""
    if _own_subject(verb) is None:
        return None
    names = [c for c in verb.rights if c.dep_ in {"oprd", "attr"} and c.pos_ in NOMINALS]
    return names[0] if len(names) > 1 else None


def _gapped(verb: Token) -> bool:
    """A relative clause with no relative word: 'the sentence nobody wants to hear'."""
    if verb.dep_ != "relcl":
        return False
    return not any(
        t.tag_ in {"WDT", "WP", "WP$", "WRB"} or t.lower_ == "that"
        for t in verb.doc[verb.left_edge.i : verb.i]
    )


def _named(verb: Token) -> Range | None:
    """'what Rossi called a disgrace', 'a bill critics called unfair': the object stands before."""
    obj = next((c for c in verb.lefts if c.dep_ == "dobj"), None)
    name = next((c for c in verb.rights if c.dep_ in {"oprd", "attr", "xcomp", "acomp"}), None)
    if name is None or (obj is None and verb.dep_ != "relcl"):
        return None
    start = obj if obj is not None else verb.head
    content = _complements(verb, name)
    return (start.left_edge.idx, content[1]) if content is not None else None


def _with_passive(content: Range | None, subject: Token | None) -> Range | None:
    """'The House is expected to pass it': the passive subject opens the content."""
    if content is None or subject is None:
        return content
    return subject.left_edge.idx, content[1]


def _complements(verb: Token, first: Token, start: Token | None = None) -> Range | None:
    """From ``first`` to the end of the verb's complements (``accused X of Y``).

    With ``start``, the content begins there instead ('called on X to ...': X to ...).
    """
    keep: list[Token] = []
    for child in verb.rights:
        if child.i < first.i:
            continue
        if child == first and start is not None:
            keep.extend(start.subtree)
        elif _argument(child) or (keep and _adjunct(child)):
            keep.extend(child.subtree)
        elif keep and child.dep_ != "punct":
            break
    return _content(keep)


def _adjunct(child: Token) -> bool:
    """A time, place or manner phrase that still belongs to an object content."""
    if child.dep_ in {"cc", "conj"} or _is_cue_verb(child):
        return False
    before = child.doc[child.left_edge.i - 1]
    return child.dep_ in ADJUNCTS and not (child.dep_ == "advcl" and before.text == ",")


def _argument(child: Token) -> bool:
    """A complement that belongs to the content, not a time, place or manner adjunct."""
    if child.dep_ == "prep":
        return child.lower_ in ARGUMENT_PREPS
    return child.dep_ in CONTENT_DEPS and not (child.dep_ in PARTICIPLES and _is_cue_verb(child))


def _passive_content(verb: Token, subject: Token) -> Range | None:
    """'The plan was criticized by Rossi': the passive subject (and any complement)."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    keep = [*subject.subtree]
    for child in verb.rights:
        if child.dep_ in {"oprd", "xcomp", "attr"} or (
            child.dep_ == "prep" and child.lower_ == "as"
        ):
            keep.extend(child.subtree)
    return _span(keep)


def _around_frame(verb: Token, article: _Article) -> Range | None:
    """'The plan, Rossi said, is dead.' / 'A and B, Rossi said.': the sentence around a frame."""
    start, end = _frame_span(verb)
    doc = verb.doc
    set_off = start > 0 and (doc[start - 1].text == "," or doc[start - 1].is_quote)
    if _own_subject(verb) is None or not (set_off or verb.dep_ == "parataxis"):
        return None
    if any(c.dep_ == "dobj" for c in verb.rights):
        return None  # '..., businesses have added jobs': a verb with an object is no aside
    occasion = [c for c in verb.lefts if c.dep_ == "advcl" and c.left_edge.tag_ in {"VBN", "VBG"}]
    after = [c for c in verb.rights if c.i > end]
    drop = {t.i for c in (occasion if occasion else after) for t in c.subtree}
    sent = article.sentence(verb)
    stops = [t.i for t in sent if t.text == ";"]  # '...; most would ..., analysts say, but ...'
    low = max((i for i in stops if i < start), default=sent.start - 1)
    high = min((i for i in stops if i > end), default=sent.end)
    kept = [
        t
        for t in sent[low + 1 - sent.start : high - sent.start]
        if (t.i < start or t.i > end) and t.i not in drop
    ]
    if occasion:  # 'Asked about it, Rossi said no.': what was asked is not what was said
        kept = [t for t in kept if t.i > end]
    if kept and (kept[0].dep_ == "cc" or kept[0].lower_ in {"and", "but"}):
        kept = kept[1:]
    return _span(kept)


def _frame_span(verb: Token) -> tuple[int, int]:
    """First and last token of the frame ('Rossi said', 'said Rossi, the minister')."""
    subject = _own_subject(verb)
    doc = verb.doc
    parts = [
        c
        for c in verb.children
        if c.dep_ in FRAME_DEPS - SUBJECTS
        # 'say, "so far from God ..."': a modifier the parse took out of the quotation
        and not (c.i > verb.i and any(t.is_quote for t in doc[verb.i + 1 : c.left_edge.i + 1]))
    ]
    parts += [subject] if subject is not None else []
    start = min([verb.i, *(c.left_edge.i for c in parts)])
    end = max([verb.i, *(c.right_edge.i for c in parts)])
    return start, end


def _leading_cc(token: Token, head: Token) -> bool:
    return token.dep_ == "cc" and token.head == head and token.i == head.left_edge.i


def _adjacent_quote(verb: Token, article: _Article) -> Range | None:
    """'"...," Rossi said.', 'said Rossi: "..."': a quotation right before or after the frame."""
    start, end = _frame_span(verb)
    region = article.quote_before(verb.doc[start].idx) or article.quote_after(_end(verb.doc[end]))
    if region is None or not _speech_like(article.text, region):
        return None
    # 'Pressing the point, Rossi said, "..."': the quotation is the later frame's
    for token in verb.doc[end + 1 :] if region[0] > verb.idx else ():
        if token.idx >= region[0]:
            break
        if _is_cue_verb(token) and _own_subject(token) is not None and not verb.is_ancestor(token):
            return None
    return region


def _holds(outer: Range, inner: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _block_after(verb: Token, article: _Article) -> tuple[Range, int | None] | None:
    """'The governor added:' closing a paragraph: the next paragraph is the content."""
    para = article.paragraph(verb.idx)
    rest = article.text[verb.idx + len(verb.text) : para[1]]
    if not rest.endswith(":") or len(rest) > 40:
        return None
    following = article.next_paragraph(para[1])
    if following is None:
        return None
    region = next(article.quotes_touching((following[0], following[0] + 1)), None)
    if region is not None and region[0] == following[0]:
        following = region
    return following, following[0]


def _phrasal(verb: Token, lemma: str) -> _Found | None:
    """'called for X', 'pointed to X': a verb+preposition cue whose object is the content."""
    for prep in verb.rights:
        if prep.dep_ == "advcl":
            mark = next((c for c in prep.lefts if c.dep_ == "mark"), None)
            if mark is None or f"{lemma}+{mark.lower_}" not in _verb_frames():
                continue
            content = _content(t for t in prep.subtree if t != mark)  # 'called for X to ...'
            prep = mark
        elif prep.dep_ != "prep" or f"{lemma}+{prep.lower_}" not in _verb_frames():
            continue
        else:
            obj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
            content = _complements(verb, prep, start=obj) if obj is not None else None
        source = _source(_subject(verb))
        if content is None or (source is None and _non_finite(verb)):
            return None
        return _Found(content, _cue_range(verb, prep), source)
    return None


# --------------------------------------------------------------------------- other cues


def _as_put(verb: Token) -> bool:
    """'as Rossi noted', 'as Rossi put it': a cue in a clause opened by 'as' with nothing of
    its own to report, set beside the sentence it vouches for."""
    subject = _own_subject(verb)
    if verb.dep_ != "advcl" or verb.pos_ not in {"VERB", "AUX"} or subject is None:
        return False
    if subject.dep_ != "nsubj" or any(c.dep_ == "auxpass" for c in verb.children):
        return False  # 'as he was known'
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in {"dobj", "ccomp", "xcomp", "prep", "attr"}]
    if verb.lemma_.lower() == "put":
        return len(objects) == 1 and objects[0].lower_ == "it"
    return _is_cue_verb(verb) and "clause" in _verb_frames().get(_lemma(verb), ()) and not objects


def _as_frame(verb: Token, article: _Article) -> _Found | None:
    """'As Rossi noted, the plan is dead.': the sentence around the 'as' clause is the content."""
    clause = {t.i for t in verb.subtree}
    sent = article.sentence(verb)
    kept = [t for t in verb.head.subtree if t.i not in clause and sent.start <= t.i < sent.end]
    while kept and (kept[0].dep_ == "cc" or _edge_punct(kept[0])):
        kept = kept[1:]
    content = _span(kept)
    if content is None:
        return None
    return _Found(content, _cue_range(verb), _source(_own_subject(verb)))


def _impression(verb: Token) -> _Found | None:
    """'Rossi seemed to waver', 'The crowd appeared restless': how things looked to the outlet.

    The subject and what it seemed to be or do are the content, with no source. When what it
    seemed to do is itself a cue ('seemed to suggest that ...'), that cue reports instead; 'appear
    on television' and 'it appears that ...' are left alone.
    """
    subject = _own_subject(verb)
    comps = [c for c in verb.rights if c.dep_ in {"xcomp", "acomp", "attr", "oprd"}]
    if subject is None or subject.i > verb.i or not comps or subject.lower_ in {"it", "this"}:
        return None
    comp = comps[0]
    if verb.dep_ not in {"ROOT", "conj"}:
        return None  # 'a report that he seemed tired': an impression inside a report
    if any(_cue_word(t) or t.dep_ == "agent" for t in (*subject.subtree, *comp.subtree)):
        return None
    if subject.tag_ in {"WP", "WDT"} or (subject.lower_ == "that" and verb.dep_ == "relcl"):
        return None
    # 'seemed credible to me', 'appeared to many as a gamble': whom it seemed so to
    to = next(
        (c for c in (*verb.rights, *comp.rights) if c.dep_ == "prep" and c.lower_ == "to"), None
    )
    viewer = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if viewer is not None and viewer.tag_ != "PRP" and viewer.ent_type_ not in PEOPLE:
        viewer = None
    drop = {t.i for t in to.subtree} if to is not None and viewer is not None else set()
    content = _span(t for t in (*subject.subtree, *comp.subtree) if t.i not in drop)
    if content is None:
        return None
    return _Found(content, _cue_range(verb), _source(viewer), impression=True)


def _cue_word(token: Token) -> bool:
    """A word that may report something of its own: a cue verb, adjective or noun."""
    lemma = token.lemma_.lower()
    if token.pos_ == "ADJ":
        return lemma in _words("cue_adjectives.txt")
    if token.pos_ == "NOUN":
        return lemma in _noun_heads()
    return _is_cue_verb(token) or lemma in APPEARANCE


def _according_to(token: Token, article: _Article) -> _Found | None:
    """'According to X, <clause>' and '<clause>, according to X.'"""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ in {"pobj", "pcomp"}), None) if to else None
    if to is None or obj is None:
        return None
    sent = article.sentence(token)
    phrase = range(token.i, max(token.right_edge.i, obj.right_edge.i) + 1)
    if token.i == sent.start or token.head == token:
        content = _span(sent.doc[phrase.stop : sent.end])
    elif phrase.stop >= sent.end - 1:
        content = _span(sent.doc[sent.start : token.i])
    else:
        head = _reporting_verb(token, phrase) or token.head
        side = (lambda i: i > phrase.stop) if token.i < head.i else (lambda i: i < token.i)
        content = _span(t for t in head.subtree if t.i not in phrase and side(t.i))
    if content is None:
        return None
    return _Found(content, (token.idx, _end(to)), _source(obj), vouches=True)


def _reporting_verb(token: Token, phrase: range) -> Token | None:
    """The cue verb whose clause 'according to X' closes: 'Rossi said Y, according to X'.

    X vouches for the whole report, speaker and verb included, so the clause is its content.
    """
    for verb in token.ancestors:
        if _is_cue_verb(verb) and _own_subject(verb) is not None:
            last = max(t.i for t in verb.subtree if not (t.is_punct or t.is_space))
            return verb if last < phrase.stop <= last + 1 else None
    return None


def _document_source(prep: Token) -> _Found | None:
    """'In a poll released Sunday, 60 percent said ...': the document is the source."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lemma_.lower() not in _words("cue_documents.txt"):
        return None
    head = prep.head
    if head.pos_ not in {"VERB", "AUX"} or prep.i > head.i:
        return None  # 'leads in the polls' reports a standing, not what the poll says
    phrase = {t.i for t in prep.subtree}
    content = _span(t for t in head.subtree if t.i not in phrase and not _leading_cc(t, head))
    source = _source(obj)
    if content is None or source is None:
        return None
    return _Found(content, (prep.idx, _end(prep)), source)


def _noun_cue(noun: Token) -> _Found | None:
    """'his claim that ...', 'the ministry's statement that ...', 'Rossi's call for ...'."""
    lemma = noun.lemma_.lower()
    clause = next(
        (c for c in noun.rights if c.dep_ in {"acl", "ccomp"} and _opens_with_that(c)), None
    )
    content = _content(clause.subtree) if clause is not None and lemma in _nouns() else None
    cue = (noun.idx, _end(noun))
    for prep in noun.rights:
        if content is None and prep.dep_ == "prep" and f"{lemma}+{prep.lower_}" in _nouns():
            obj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
            content = _content(obj.subtree) if obj is not None else None
            cue = (noun.idx, _end(prep))
    source = _source(_owner(noun))
    if content is None or (source is None and cue[1] > _end(noun) and not _received(noun)):
        return None  # 'calls for a recount' with nobody calling is not an attribution
    return _Found(content, cue, source)


def _received(noun: Token) -> bool:
    """'Rossi faced questions about ...', 'the vote sparked speculation that ...': an attitude
    held by others, which the verb's subject meets or sets off but does not hold."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVED


def _owner(noun: Token) -> Token | None:
    """Whose statement: 'Rossi's claim', 'a claim by Rossi', 'criticism from Rossi'."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return _clause_owner(noun, owner) or owner
    for prep in noun.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in {"by", "from"}:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and not _received(noun):
        return _subject(noun.head)  # 'Rossi made the case that ...', 'voiced concern that ...'
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "in" and _is_cue_verb(prep.head):
        return _subject(prep.head)  # 'Rossi said in a statement that ...': Rossi's statement
    if noun.dep_ == "pobj" and prep.lower_ in MANNER_PREPS and prep.head.pos_ in {"VERB", "AUX"}:
        # 'Rossi entered the debate with the argument that ...', 'acted in the hope that ...':
        # the subject acts with the thought, so it is the subject's
        return _subject(prep.head)
    return None


def _clause_owner(noun: Token, owner: Token) -> Token | None:
    """'The leaders signalled their support for ...', 'Rossi was unsparing in her criticism
    of ...': a possessive pronoun on the verb's object stands for the verb's subject."""
    agrees = POSSESSIVE_AGREEMENT.get(owner.lower_)
    node = noun
    while agrees is not None and node.dep_ in {"dobj", "pobj", "prep", "acomp"}:
        if node.dep_ == "pobj" and node.head.lower_ not in ATTITUDE_PREPS | {"upon"}:
            return None  # 'despite his claim that ...' is no object of the verb
        node = node.head
        if node.pos_ not in {"VERB", "AUX"}:
            continue
        subject = _own_subject(node)
        if subject is None or subject.dep_ != "nsubj":
            return None
        if subject.pos_ == "PRON":
            return subject if subject.lower_ in agrees else None
        plural = subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)
        return subject if plural == ("they" in agrees) else None
    return None


POSSESSIVE_AGREEMENT = {"his": {"he"}, "her": {"she"}, "their": {"they"}}


@functools.cache
def _nouns() -> frozenset[str]:
    return _words("cue_nouns.txt")


@functools.cache
def _noun_heads() -> frozenset[str]:
    return frozenset(key.split("+")[0] for key in _nouns())


def _opens_with_that(clause: Token) -> bool:
    first = clause.left_edge
    return first.lower_ == "that" and first.dep_ == "mark"


def _colon_line(article: _Article, para: Range) -> _Found | None:
    """'Rossi: The plan is dead.' opening a paragraph (headlines, interviews), or after a dash."""
    start, end = para
    match = COLON_SOURCE.search(article.text[start:end])
    if match is None or not _name_like(match.group(1)):
        return None
    source = (start + match.start(1), start + match.end(1))
    body = (start + match.start(2), end)
    quoted = article.quote_after(body[0] - 1)
    if quoted is not None and quoted[0] == body[0]:
        body = quoted
    elif article.text[end - 1] == ".":
        body = (body[0], end - 1)
    words = article.doc.char_span(*source, alignment_mode="expand")
    said = article.doc.char_span(*body, alignment_mode="expand")
    if words is None or said is None or any(e.label_ in PLACES for e in words.ents):
        return None
    if not any(t.pos_ in {"PROPN", "NOUN"} and len(t) > 1 for t in words):
        return None  # 'Q: ...', 'A: ...', 'So: ...', 'Revealed: ...'
    if not any(t.pos_ in {"VERB", "AUX"} for t in said):
        return None
    colon = article.text.index(":", source[1])
    return _Found(body, (colon, colon + 1), source)


def _name_like(words: str) -> bool:
    """'Rossi', 'Q', 'Mark Blumenthal and Jon Cohen', but not 'Update' or 'Editor's note'."""
    parts = words.split()
    if not 0 < len(parts) <= 5 or parts[0].lower().strip("'’s") in _words("cue_labels.txt"):
        return False
    return all(p[:1].isupper() or p in NAME_LINKS for p in parts)


def _signature(article: _Article, region: Range) -> _Found | None:
    """'"...." ― Rossi' at the end of a line: a signed quotation."""
    line_end = article.paragraph(region[0])[1]
    match = SIGNATURE.match(article.text[region[1] : line_end])
    if match is None or len(match.group(2).split()) > 6:
        return None
    dash = region[1] + match.start(1)
    source = (region[1] + match.start(2), region[1] + match.end(2))
    return _Found(region, (dash, dash + 1), source, direct=True)


# --------------------------------------------------------------------------- assembly


def extract(doc: Doc, *, relayed: bool = True) -> list[Attribution]:
    """Return the attributions of one parsed article, in text order, without nesting.

    ``'"...," Rossi said, according to X.'``: with ``relayed`` (the PolNeAR convention) the
    whole report is X's; without it Rossi's quoted words stay Rossi's and X's relay is dropped,
    which is what a reader of the comparison needs (whose words these are). A relayed report
    in other words stays X's either way."""
    article = _Article(doc)
    fitted = [f for f in (_fit(f, article) for f in _candidates(article) if f) if f is not None]
    found = _outermost(_relays(fitted if relayed else _without_relays(fitted)))
    _chain_quotes(found, article)
    _continued_quotes(found, article)
    return [_record(f, article) for f in sorted(found, key=lambda f: f.content)]


def _wanted_of_another(verb: Token) -> bool:
    """'urged Brewer to reject the bill', 'asked him to deny it': what one person wants
    another to say is not said (yet); 'had to apologize', 'agreed to testify' stay."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return to and verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children)


def _candidates(article: _Article) -> Iterator[_Found | None]:
    doc = article.doc
    for i in _cue_token_indices(doc):
        token = doc[i]
        if article.in_quote(token.idx):
            continue
        if _as_put(token):
            yield _as_frame(token, article)
        elif token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in APPEARANCE:
            yield _impression(token)
        elif _is_cue_verb(token) and not _wanted_of_another(token):
            yield _verb_attribution(token, article)
        elif token.pos_ == "ADJ" and token.lemma_.lower() in _words("cue_adjectives.txt"):
            yield _adjective(token)
        elif token.lower_ == "according":
            yield _according_to(token, article)
        elif token.dep_ == "prep" and token.lower_ == "in":
            yield _document_source(token)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in _noun_heads():
            yield _noun_cue(token)
    for para in article.paragraphs:
        yield _colon_line(article, para)
    for region in article.quotes:
        yield _signature(article, region)


def _cue_token_indices(doc: Doc) -> list[int]:
    """Indices of the tokens whose lemma or lower-case form may start a cue."""
    from spacy.attrs import LEMMA, LOWER

    wanted = _cue_hashes(doc.vocab.strings)
    rows = doc.to_array([LEMMA, LOWER]).tolist()
    return [i for i, (lemma, lower) in enumerate(rows) if lemma in wanted or lower in wanted]


def _cue_hashes(strings: StringStore) -> frozenset[int]:
    words = {*_verb_frames(), *_nouns(), *_words("cue_adjectives.txt")}
    words |= {w.split("+")[0] for w in words} | {"according", "in", "put"} | APPEARANCE
    words |= {w[:-1] + "ing" if w.endswith("e") else w + "ing" for w in _verb_frames()}
    words |= {w + end for w in _verb_frames() if w.endswith("e") for end in ("s", "d")}
    return frozenset(strings.add(w) for w in words)


def _fit(found: _Found, article: _Article) -> _Found | None:
    """Stretch content over the quotations it cuts into, and keep it in its paragraph."""
    start, end = _unglued(found.content, article)
    for qs, qe in article.quotes_touching((start, end)):
        start, end = min(start, qs), max(end, qe)
    found.content = (start, end)
    para_start, para_end = article.paragraph(found.cue[0] if found.anchor is None else found.anchor)
    start = max(start, para_start)
    if end > para_end and not any(
        qe == end and para_start <= qs <= para_end
        for qs, qe in article.quotes_touching(found.content)
    ):
        end = para_end
    if start >= end:
        return None
    found.content = (start, end)
    found.direct = found.direct or any(
        qs <= start and end <= qe for qs, qe in article.quotes_touching((start, end))
    )
    return found


def _unglued(content: Range, article: _Article) -> Range:
    """``content`` without a quote mark that opens the next sentence's quotation.

    The parse may end a sentence after the mark that opens the next one ('... courses. "It
    was ..."'); that mark starts another quotation, not more of this content.
    """
    start, end = content
    for qs, qe in article.quotes_touching(content):
        mark = QUOTE_MARKS.match(article.text, qs)
        before = article.text[start:qs].rstrip()
        if mark is not None and end == mark.end() and qe > end and before[-1:] in {".", "?", "!"}:
            end = start + len(before)
    return (start, end) if start < end else content


def _relays(found: list[_Found]) -> list[_Found]:
    """'"...," Rossi said, according to X.': X is where the reader's claim comes from, so X's
    content takes in Rossi's quotation as well as the frame naming him."""
    for outer in (f for f in found if f.vouches):
        for inner in found:
            if inner is not outer and _inside(inner.cue, outer.content):
                start = min(outer.content[0], inner.content[0])
                outer.content = (start, max(outer.content[1], inner.content[1]))
    return found


def _without_relays(found: list[_Found]) -> list[_Found]:
    """The attributions but an 'according to X' that closes a quotation with a frame of its
    own: the quoted words stay the speaker's."""
    quoting = [f for f in found if f.direct]
    return [
        outer
        for outer in found
        if not (
            outer.vouches and any(i is not outer and _inside(i.cue, outer.content) for i in quoting)
        )
    ]


def _outermost(found: Iterable[_Found]) -> list[_Found]:
    """Drop attributions whose cue lies in another's content, and overlapping contents."""
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: f.content[0] - f.content[1]):
        if not any(_inside(f.cue, k.content) or _overlap(f.content, k.content) for k in kept):
            kept.append(f)
    return kept


def _inside(span: Range, outer: Range) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _overlap(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _chain_quotes(found: list[_Found], article: _Article) -> None:
    """'"A," she said. "B."': a cue-less quotation right after a quoting one continues it."""
    frames = [r for f in found for r in (f.content, f.cue, f.source) if r is not None]
    for f in sorted(found, key=lambda f: f.content):
        if not f.direct and next(article.quotes_touching(f.content), None) is None:
            continue
        end = max(r[1] for r in (f.content, f.cue, f.source) if r is not None)
        split = f.cue[0] >= f.content[1]  # '"A," he said, "B."': the frame splits the quote
        i = bisect.bisect_left(article.quote_starts, end)
        for region in article.quotes[i:]:
            if not _continues(article.text, end, region, frames, split):
                break
            f.content = (f.content[0], region[1])
            end, split = region[1], False


def _continues(text: str, end: int, region: Range, frames: Sequence[Range], split: bool) -> bool:
    """Whether quotation ``region`` follows ``end`` in the same paragraph, with no other cue."""
    gap = text[end : region[0]]
    if "\n" in gap or len(gap) > MAX_GAP:
        return False
    if any(_overlap(region, r) or _overlap((end, region[0]), r) for r in frames):
        return False
    last = gap.rstrip(" \u00a0")[-1:]
    return not gap.strip(GAP_CHARS) or last in ".!?" or (split and last in ",:")


def _continued_quotes(found: list[_Found], article: _Article) -> None:
    """A paragraph that is a quotation, right after a quoting attribution, continues it."""
    ordered = sorted(found, key=lambda f: f.content[1])
    ends = [f.content[1] for f in ordered]
    for region in article.quotes:
        para = article.paragraph(region[0])
        rest = article.text[region[1] : para[1]]
        if region[0] != para[0] or rest.strip(GAP_CHARS) or not _speech_like(article.text, region):
            continue  # only a paragraph that is all quotation: '"...," he points out.' has a cue
        i = bisect.bisect_right(ends, region[0]) - 1
        if i < 0 or any(_overlap(region, f.content) for f in ordered[max(0, i - 1) : i + 2]):
            continue
        before = ordered[i]
        previous = article.paragraph(before.content[1] - 1)
        if article.next_paragraph(previous[0]) != para or not (before.direct or before.source):
            continue
        if before.direct:
            before.content = (before.content[0], region[1])
            ends[i] = region[1]
        else:  # 'X told Fox News that ...' then a paragraph of X's own words
            found.append(_Found(region, before.cue, before.source, direct=True, anchor=region[0]))


def _record(found: _Found, article: _Article) -> Attribution:
    source, text = found.source, article.text
    if source is not None and text[source[0]] in BULLETS and source[1] - source[0] > 1:
        source = (source[0] + 1, source[1])
    if source is not None:
        sent = SENT_BY.match(text, source[0], source[1])
        if sent is not None and sent.end() < source[1]:
            source = (sent.end(), source[1])  # 'a statement from X': X is the one who speaks
    words = text[source[0] : source[1]] if source else None
    pieces = fragments(found.content, found.cue, found.source, article)
    if found.impression:
        around = [(found.content[0], found.cue[0]), (found.cue[1], found.content[1])]
        pieces = [p for p in (_trimmed(text, *r) for r in around) if p is not None]
    end = max((e for _, e in pieces), default=found.content[1])
    return Attribution(
        content_start=found.content[0],
        content_end=min(found.content[1], end),
        speaker=None if words is None or words.lower() in PRONOUNS else words,
        speaker_start=source[0] if source else None,
        speaker_end=source[1] if source else None,
        cue=text[found.cue[0] : found.cue[1]],
        cue_start=found.cue[0],
        cue_end=found.cue[1],
        direct=found.direct,
        fragments=tuple(pieces),
    )


# --------------------------------------------------------------------------- fragments


def fragments(content: Range, cue: Range, source: Range | None, article: _Article) -> list[Range]:
    """The pieces of ``content`` that are the speaker's words, without the frame inside it.

    A content made of quotations ('"A," he said. "B."', or quoted paragraphs) is its
    quotations; otherwise the frame ('The plan, Rossi said on Monday, is dead') is cut out
    from the comma before it to the comma after it.
    """
    quoted = [(max(s, content[0]), min(e, content[1])) for s, e in article.quotes_touching(content)]
    if quoted and quoted[0][0] == content[0] and quoted[-1][1] == content[1]:
        return quoted
    frame = [r for r in (cue, source) if r is not None and _inside(r, content)]
    if not frame:
        return [content]
    start, end = min(s for s, _ in frame), max(e for _, e in frame)
    comma = article.text.find(",", end, content[1])
    if comma != -1 and comma - end <= MAX_LEAD and not article.in_quote(comma):
        end = comma + 1
    before = article.text.rfind(",", content[0], start)
    if before != -1 and start - before <= MAX_FRAME_LEAD and not article.in_quote(before):
        start = before  # 'The driver, we were told, is ...': a subject the source left out
    pieces = [(content[0], start), (end, content[1])]
    if NARRATION.match(article.text, end, content[1]) and start > content[0]:
        pieces.pop()  # 'A, Rossi said, as the government turned to B': the outlet tells B
    return [p for p in (_trimmed(article.text, *r) for r in pieces) if p is not None]


def _trimmed(text: str, start: int, end: int) -> Range | None:
    """``start..end`` without spaces and commas at its edges, or None if nothing is left."""
    while start < end and text[start] in " ,\n\u00a0":
        start += 1
    while end > start and text[end - 1] in " ,\n\u00a0":
        end -= 1
    return (start, end) if start < end else None


# --------------------------------------------------------------------------- unsaid

# A negated or refused speech act ("did not respond to", "declined to", "never claimed").
SILENT = re.compile(r"\b(?:not|never|declin\w*|refus\w*)\b|n[’']t\b", re.IGNORECASE)
# A speech act still to come or only possible ("will ask", "could argue"); not "would", which
# reports speech ("would say only that").
UNSAID = re.compile(r"\b(?:will|shall|may|might|could|should|must)\b|['’]ll\b", re.IGNORECASE)


# Nouns of a stance or a campaign, not of words passed on ("a push for more enforcement",
# "his support for the bill"): PolNeAR counts them as attributions, but what follows is the
# outlet's report of where someone stands, not what they said.
STANCES = frozenset(
    {"support", "opposition", "push", "attack", "attacks", "defense", "defence", "fear"}
    | {"concern", "concerns", "endorsement"}
)


def stance(cue: str) -> bool:
    """A cue that names a stance or a campaign rather than words said."""
    first = cue.split(maxsplit=1)[0].lower() if cue.strip() else ""
    return first in STANCES


def unsaid(cue: str) -> bool:
    """A speech act that passed on no words: refused or negated ("did not respond to",
    "declined to"), or still to come or only possible ("will ask", "could argue")."""
    return bool(SILENT.search(cue) or UNSAID.search(cue))
