"""Split an article into atomic claims: sentences, and coordinated clauses within them.

A claim is the smallest stretch of text that states one thing. Attributed content is a claim
of its speaker ("The company will pay damages, Rossi said, adding that the cause must be
found" gives two claims of Rossi); the attribution frame ("Rossi said") is not a claim.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from rashomon import nlp
from rashomon.analyze.attribution import NARRATION, speech_verbs
from rashomon.records import Attribution

SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
SUBORDINATE = {"relcl", "acl", "advcl"}
RELATIVES = {"WDT", "WP", "WP$"}
VERBS = {"VERB", "AUX"}
MIN_WORDS = 3
HEADLINE_WORDS = 4
COMPLEMENTS = {"ccomp", "dobj", "xcomp", "attr", "acomp", "oprd", "dative", "prep"}
UNFINISHED = {"that", "whether"}
TIMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
CLOSING = {"”", "’"}
EDGE = {",", ";", ":", "—", "–", "-", ")", "(", '"', "“", "”", "'", "‘", "’"}


@dataclass(frozen=True)
class Piece:
    """A claim-sized stretch of text and the attribution (if any) it belongs to."""

    start: int
    end: int
    sentence: int
    attribution: Attribution | None


def split(doc: Doc, attributions: Sequence[Attribution]) -> list[Piece]:
    """Return the claims of ``doc`` in text order."""
    pieces: list[Piece] = []
    for index, sent in enumerate(doc.sents):
        found = _sentence_pieces(doc, sent, index, attributions)
        if not found and not _stated(doc, sent, attributions):
            found = _verbless(sent, index)
        pieces.extend(
            p
            for p in _uncontained(found)
            if (p.attribution is not None or not _asks(doc, p)) and not _imperative(doc, p)
        )
    return [_whole_words(nlp.text(doc), p) for p in pieces]


def _uncontained(pieces: Sequence[Piece]) -> list[Piece]:
    """Pieces that no other piece of the sentence holds: two cues over one stretch ("called the
    position the 'Akin plank' and scheduled a news conference to denounce it") give one claim."""
    return [
        p
        for k, p in enumerate(pieces)
        if not any(
            o.start <= p.start and p.end <= o.end and (o.end - o.start, -j) > (p.end - p.start, -k)
            for j, o in enumerate(pieces)
            if j != k
        )
    ]


def _imperative(doc: Doc, piece: Piece) -> bool:
    """An order, a wish or thanks ("Rise to the occasion.", "Don't make faces", "Thank you so
    much."): said, and kept among the speaker's quotations, but it states nothing to check."""
    start, end = piece.start, piece.end
    a = piece.attribution
    if a is None and not _quoted(doc, piece):
        # the outlet's own words: a verb-first line is more often a mis-tagged name, unless it
        # sends the reader somewhere ("See the cover below", "Watch the video")
        first = doc.char_span(start, end, alignment_mode="expand")
        return first is not None and len(first) > 1 and _to_the_reader(first)
    if a is not None and a.content_start < end and start < a.content_end:
        start, end = max(start, a.content_start), min(end, a.content_end)  # without "he said"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or _narrates(doc, piece, span):
        return False
    root = span.root
    if root.tag_ not in {"VB", "VBP"} or root.ent_type_ or _has_subject(root):
        return False
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ != "do" for c in root.children):
        return False  # "to reopen", "will reopen": not an order
    before = [t for t in span if t.i < root.i and not _edge(t)]
    return all(t.lower_ in IMPERATIVE_OPENERS or t.pos_ == "ADV" for t in before)


def _to_the_reader(span: Span) -> bool:
    first = span[0]
    return first.lower_ in READER_VERBS and first.tag_ == "VB" and not _has_subject(first)


def _quoted(doc: Doc, piece: Piece) -> bool:
    text = nlp.text(doc)
    return text[max(piece.start - 2, 0) : piece.start + 1].strip()[:1] in {"“", '"', "‘", "'"}


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in verb.children)


def _narrates(doc: Doc, piece: Piece, said: Span) -> bool:
    """The claim tells, in words of its own, that someone said the words ("the crowd chanted,
    “Lock her up”"): that telling is a claim whatever the words said were."""
    told = doc.char_span(piece.start, piece.end, alignment_mode="expand")
    a = piece.attribution
    if told is None or a is None:
        return False
    frame = [(a.cue_start or 0, a.cue_end or 0), (a.speaker_start or 0, a.speaker_end or 0)]
    return any(
        t.is_alpha and not any(s <= t.idx < e for s, e in frame)
        for t in told
        if not said.start <= t.i < said.end
    )


READER_VERBS = frozenset({"see", "watch", "read", "click", "listen", "check", "tell", "scroll"})
IMPERATIVE_OPENERS = frozenset(
    {"do", "don't", "don’t", "n't", "n’t", "not", "never", "please", "and", "but", "so"}
)


def _whole_words(text: str, piece: Piece) -> Piece:
    """A claim never ends inside a hyphenated word ("before re" of "before re-trying")."""
    end = piece.end
    while (
        end < len(text) - 1
        and text[end] == "-"
        and text[end - 1].isalnum()
        and text[end + 1].isalnum()
    ):
        end += 1
        while end < len(text) and text[end].isalnum():
            end += 1
    return piece if end == piece.end else dataclasses.replace(piece, end=end)


def _asks(doc: Doc, piece: Piece) -> bool:
    """The outlet asks rather than states ('Will it be a big story?'). A question someone is
    quoted asking is still that speaker's claim."""
    text = nlp.text(doc)
    stated = text[piece.start : piece.end].rstrip("”’\"' ")
    return stated.endswith("?") or text[piece.end :].lstrip("”’\"' ").startswith("?")


def _verbless(sent: Span, index: int) -> list[Piece]:
    """A headline or a line with no verb the parser sees ('Apple Unveils New MacBook Air',
    'Bombing at Yida refugee camp') still states something: the whole line is one claim.
    A verbless fragment inside a paragraph ('A military base.') is not."""
    trimmed = _trim(sent)
    if trimmed is None or trimmed.text.rstrip().endswith((":", "?")) or not _own_line(trimmed):
        return []
    words = sum(1 for t in trimmed if t.is_alpha or t.like_num)
    if words < HEADLINE_WORDS or not any(_topic_noun(t) for t in trimmed):
        return []
    if trimmed[0].lower_ == "by" and all(t.pos_ == "PROPN" for t in trimmed[1:] if t.is_alpha):
        return []  # a byline
    return [Piece(trimmed.start_char, trimmed.end_char, index, None)]


def _sentence_pieces(
    doc: Doc, sent: Span, index: int, attributions: Sequence[Attribution]
) -> list[Piece]:
    covering = _stated(doc, sent, attributions)
    frames = [r for a in covering for r in _frame(doc, a)]
    pieces: list[Piece] = []
    claimed: list[tuple[int, int]] = list(frames)
    for attribution in covering:
        ranges = _attributed_ranges(doc, sent, attribution, frames) or []
        claimed += ranges + list(_content_ranges(attribution, sent))
        for start, end in ranges:
            found = list(_clauses(doc, start, end)) or _small_clause(
                doc, sent, start, end, attribution
            )
            pieces += [Piece(a, b, index, attribution) for a, b in found]
    for start, end in _gaps(sent.start_char, sent.end_char, claimed):
        for a, b in _clauses(doc, start, end):
            if _bare_frame(doc.char_span(a, b, alignment_mode="expand")):
                continue
            # Beside attributed content, only a main clause with its own subject is a claim;
            # a subordinate clause joins the claim it modifies ('If the panel is independent,
            # it will ask ...') and the rest ("said, adding that", "who watched from the shore")
            # belongs to the frame.
            if not covering or _independent(doc, a, b) or _scene(doc, a, b, frames):
                pieces.append(Piece(a, b, index, None))
            else:
                pieces = _attach(doc, pieces, a, b)
    return sorted(pieces, key=lambda p: p.start)


def _small_clause(
    doc: Doc, sent: Span, start: int, end: int, attribution: Attribution
) -> list[tuple[int, int]]:
    """Content with no verb of its own ('found [Jeffs guilty]', 'finds [the pitch compelling]')
    is a claim together with its cue and speaker."""
    widened = _with_frame(doc, sent, (start, end), _frame(doc, attribution)) or []
    if len(widened) == 1 and not _independent(doc, widened[0][1], sent.end_char):
        widened = [(widened[0][0], sent.end_char)]  # the time and place after it belong to it
    return [c for w in widened for c in _clauses(doc, *w)]


def _attach(doc: Doc, pieces: list[Piece], start: int, end: int) -> list[Piece]:
    """``pieces`` with the claim that a subordinate clause at ``start..end`` modifies
    stretched over it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return pieces
    roots = [t for t in span if t.head == t or not span.start <= t.head.i < span.end]
    clause = next((t for t in roots if t.dep_ in SUBORDINATE and t.pos_ in VERBS), None)
    if clause is None or any(t.head == t for t in roots):
        return pieces
    at = clause.head.idx
    owner = next((p for p in pieces if p.start <= at < p.end), None)
    if owner is None:
        return pieces
    lo, hi = min(owner.start, start), max(owner.end, end)
    if any(p is not owner and p.start < hi and lo < p.end for p in pieces):
        return pieces
    stretched = Piece(lo, hi, owner.sentence, owner.attribution)
    return [stretched if p is owner else p for p in pieces]


def _stated(doc: Doc, sent: Span, attributions: Sequence[Attribution]) -> list[Attribution]:
    """The attributions with content in ``sent`` that make claims of their own.

    One inside a subordinate clause ('People protested after the paper backed Clinton')
    is part of the outlet's claim.
    """
    covering = [a for a in attributions if _overlaps(a, sent.start_char, sent.end_char)]
    frames = [r for a in covering for r in _frame(doc, a)]
    return [a for a in covering if _attributed_ranges(doc, sent, a, frames) is not None]


def _overlaps(attribution: Attribution, start: int, end: int) -> bool:
    return attribution.content_start < end and start < attribution.content_end


def _content_ranges(a: Attribution, sent: Span) -> Iterator[tuple[int, int]]:
    """The speaker's words inside ``sent``: the fragments, or the one content range."""
    for start, end in a.fragments or ((a.content_start, a.content_end),):
        start, end = max(start, sent.start_char), min(end, sent.end_char)
        if start < end:
            yield start, end


def _attributed_ranges(
    doc: Doc, sent: Span, a: Attribution, frames: Sequence[tuple[int, int]]
) -> list[tuple[int, int]] | None:
    """The claim ranges of one attribution in one sentence, or None if it makes no claim.

    Pieces of content that a frame cuts apart ('The driver, we were told, is being
    questioned') are one claim again; content that is no clause of its own ('praised the
    crews', 'described the firm as reckless') is a claim together with its frame, unless
    that is a subordinate clause beside the sentence's main clause ('People protested after
    the paper endorsed Y').
    """
    pieces = (g for r in _content_ranges(a, sent) for g in _gaps(*r, frames))
    words, at = sent.text, sent.start_char  # Doc.text is rebuilt on every call: slow
    ranges = [(s, e) for s, e in pieces if any(c.isalnum() for c in words[s - at : e - at])]
    joined: list[tuple[int, int]] = []
    for start, end in ranges:
        if joined and not (_independent(doc, *joined[-1]) and _independent(doc, start, end)):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    if len(joined) != 1 or _independent(doc, *joined[0]):  # none, or clauses
        return joined
    if a.direct and _only_frame_around(sent, joined[0], _frame(doc, a)):
        return joined  # a quotation stays the speaker's words ("“Already did that,” he said")
    return _with_frame(doc, sent, joined[0], _frame(doc, a))


def _only_frame_around(
    sent: Span, content: tuple[int, int], frame: Sequence[tuple[int, int]]
) -> bool:
    """Nothing in the sentence but the content, its speaker and cue, and adverbs ("later")."""
    taken = [content, *frame]
    return not any(
        t.is_alpha and t.pos_ not in {"ADV", "PART"}
        for t in sent
        if not any(s <= t.idx < e for s, e in taken)
    )


def _with_frame(
    doc: Doc, sent: Span, content: tuple[int, int], frame: Sequence[tuple[int, int]]
) -> list[tuple[int, int]] | None:
    """Content that is no clause, stretched over its cue (and, if need be, its speaker)."""
    inside = [r for r in frame if sent.start_char <= r[0] and r[1] <= sent.end_char]
    widest = content
    for parts in (inside[-1:], inside):
        ends = [content, *parts]
        widest = (min(s for s, _ in ends), max(e for _, e in ends))
        if _independent(doc, *widest):
            return [widest]
    rest = _gaps(sent.start_char, sent.end_char, [widest])
    return None if any(_independent(doc, s, e) for s, e in rest) else [widest]


def _frame(doc: Doc, a: Attribution) -> list[tuple[int, int]]:
    """The speaker and the cue ("Rossi told reporters"), which belong to no claim; the cue
    comes last.

    The words between them are frame too ('Rossi, the minister, said'), unless they hold a
    verb of their own ('Rossi visited the port and praised the crews').
    """
    speaker, cue = (a.speaker_start, a.speaker_end), (a.cue_start, a.cue_end)
    parts = [(s, e) for s, e in (speaker, cue) if s is not None and e is not None]
    if len(parts) == 2 and _participle_after_main_verb(doc, a):
        return [(a.cue_start, a.cue_end)]  # type: ignore[list-item]
    if len(parts) < 2:
        return parts
    (s1, e1), (s2, e2) = sorted(parts)
    between = doc.char_span(e1, s2, alignment_mode="contract")
    if between is not None and any(t.pos_ == "VERB" for t in between):
        return parts
    return [(s1, max(e1, e2))]


def _participle_after_main_verb(doc: Doc, a: Attribution) -> bool:
    """ "Brat toppled Cantor, repeatedly criticizing him for ...": the speaker is the subject
    of a main clause of its own, which is a claim, not part of the frame."""
    cue = doc.char_span(a.cue_start or 0, a.cue_end or 0, alignment_mode="expand")
    if cue is None or not len(cue) or a.speaker_end is None:
        return False
    verb = cue.root
    head = verb.head
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in {"advcl", "xcomp", "conj", "acl"}
        and head.pos_ in VERBS
        and head.lemma_.lower() not in speech_verbs()  # "Rossi said on Tuesday, adding ..."
        and a.speaker_end <= head.idx < verb.idx
    )


def _gaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The stretches of ``start..end`` that no span of ``taken`` covers."""
    cursor = start
    for s, e in sorted(taken):
        if min(s, end) > cursor:
            yield cursor, min(s, end)
        cursor = max(cursor, e)
    if cursor < end:
        yield cursor, end


def _clauses(doc: Doc, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split ``doc.text[start:end]`` at coordinated clauses that have their own subject."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    cuts = [span.start, *_cut_points(span), span.end]
    merged: list[Span] = []
    for a, b in itertools.pairwise(cuts):
        piece = doc[a:b]
        if merged and not (_claim_sized(piece) and _claim_sized(merged[-1])):
            merged[-1] = doc[merged[-1].start : b]
        else:
            merged.append(piece)
    for piece in merged:
        trimmed = _trim(piece)
        if trimmed is not None and _claim_sized(trimmed):
            yield max(trimmed.start_char, start), min(trimmed.end_char, end)


def _cut_points(span: Span) -> list[int]:
    cuts = set()
    for token in span:
        if token.text == ";":
            cuts.add(token.i + 1)
        elif _is_clause_conjunct(token) and not _alternative(token):
            cuts.add(_conjunction_start(token))
    return sorted(c for c in cuts if span.start < c < span.end and not _bracketed(span, c))


def _bracketed(span: Span, at: int) -> bool:
    """Inside brackets ("learn and grow (and I assure you I have) from this"): an aside is
    cut out with its brackets or not at all."""
    before = span.doc[span.start : at].text
    return before.count("(") > before.count(")")


def _is_clause_conjunct(token: Token) -> bool:
    return (
        token.dep_ == "conj"
        and token.pos_ in {"VERB", "AUX"}
        and any(child.dep_ in SUBJECTS for child in token.children)
    )


def _alternative(token: Token) -> bool:
    """'Either A or B', 'A or B': neither clause is stated on its own."""
    doc = token.doc
    words = {t.lower_ for t in doc[_conjunction_start(token) : token.left_edge.i + 1]}
    return bool(words & {"or", "nor"}) or doc[token.head.left_edge.i].lower_ == "either"


def _conjunction_start(token: Token) -> int:
    """The first token of the conjoined clause, including a preceding 'and'/'but' or comma."""
    doc, left = token.doc, token.left_edge.i
    while left > 0 and (doc[left - 1].dep_ == "cc" or doc[left - 1].text in {",", ";"}):
        left -= 1
    return left


def _trim(span: Span) -> Span | None:
    doc, start, end = span.doc, span.start, span.end
    while start < end and (_edge(doc[start]) or doc[start].dep_ == "cc" or _that(doc[start])):
        start += 1
    while end > start and (
        _edge(doc[end - 1]) or doc[end - 1].dep_ == "cc" or _dangling(doc, start, end)
    ):
        end -= 1
    if end > start and _opens_quote(doc[start:end]) and end < len(doc) and doc[end].text in CLOSING:
        end += 1  # 'the cause was “clear”': keep the mark that closes a quote the claim opens
    end = _before_cut_aside(doc, start, end)
    return doc[start:end] if end > start else None


def _before_cut_aside(doc: Doc, start: int, end: int) -> int:
    """Where a dash aside that the claim only begins starts: "... to the Republican Party — Mr.
    Cantor" of "— Mr. Cantor had been considered the top candidate —", whose verb is in
    another claim."""
    if end <= start or end >= doc[end - 1].sent.end or _edge(doc[end]) or doc[end].is_punct:
        return end  # the aside ends where the claim does: it belongs to it
    dashes = [t.i for t in doc[start + 1 : end] if t.text in {"—", "–"}]
    if not dashes or any(t.pos_ in VERBS for t in doc[dashes[-1] + 1 : end]):
        return end
    cut = dashes[-1]
    while cut > start and _edge(doc[cut - 1]):
        cut -= 1
    return cut


WH = frozenset({"WDT", "WP", "WP$"})


def _dangling(doc: Doc, start: int, end: int) -> bool:
    """The last word opens what the claim does not hold: a conjunction or relative word
    ("..., which stalled as"), or a preposition after a comma ("backlash, with")."""
    last = doc[end - 1]
    if any(start <= child.i < end for child in last.children):
        return False
    if last.pos_ in {"SCONJ", "CCONJ"} or last.tag_ in WH:
        return True
    if last.dep_ == "advmod" and not start <= last.head.i < end:
        return True  # "even" of "even though ...", "just" of "just as ...": its word is not here
    if last.pos_ != "ADP":
        return False
    after_comma = end - 2 >= start and doc[end - 2].text == ","
    return after_comma or any(child.tag_ in WH for child in last.children)  # "in which"


def _opens_quote(span: Span) -> bool:
    """More opening than closing curly quotes in ``span``."""
    text = span.text
    return text.count("“") > text.count("”") or text.count("‘") > text.count("’")


def _that(token: Token) -> bool:
    """The complementizer of reported speech: "said *that* the ferry sank"."""
    return token.lower_ == "that" and token.dep_ not in {"det", "nsubj", "nsubjpass", "dobj"}


def _edge(token: Token) -> bool:
    return token.is_space or token.text in EDGE


def _independent(doc: Doc, start: int, end: int) -> bool:
    """A main clause with its own subject, not a relative or adverbial clause."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(
        t.dep_ in SUBJECTS
        and span.start <= t.head.i < span.end
        and t.tag_ not in RELATIVES
        and not _subordinate(t.head, span)
        for t in span
    )


def _subordinate(verb: Token, span: Span) -> bool:
    """A verb heading a relative or adverbial clause ('who watched', 'if it is')."""
    while verb.dep_ == "conj" and span.start <= verb.head.i < span.end:
        verb = verb.head
    if verb.dep_ in SUBORDINATE:
        return True
    return any(c.dep_ == "mark" and c.lower_ != "that" for c in verb.children)


def _own_line(span: Span) -> bool:
    """The span is a line of its own: nothing but spaces and punctuation between it and the
    line breaks."""
    text = nlp.text(span.doc)
    before = text[: span.start_char].rsplit("\n", 1)[-1]
    after = text[span.end_char :].split("\n", 1)[0]
    return not any(c.isalnum() for c in before + after)


def _clitic(token: Token) -> bool:
    """ "'s" of "It's sexist", "n't": a word of its own."""
    return (token.text[:1] in "'’" and token.text[1:].isalpha()) or token.lower_ in {"n't", "n’t"}


def _topic_noun(token: Token) -> bool:
    """A noun that names something, not a date, a time or a number ('on August 04 2011 5:46 PM')."""
    return token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ not in TIMES


def _claim_sized(span: Span) -> bool:
    words = sum(1 for t in span if t.is_alpha or t.like_num or _clitic(t))
    return words >= MIN_WORDS and any(t.pos_ in {"VERB", "AUX"} for t in span)


def _bare_frame(span: Span | None) -> bool:
    """A speech frame whose words are elsewhere ("..., two of the people said."; "The cameraman
    replies, ...") or a frame cut off before its content ("used the bill to make clear that"):
    it states nothing of its own. A frame that says more ("Mr. Trump did not respond", "Police
    responded soon after") is kept."""
    if span is None or len(span) == 0:
        return False
    last = span[-1]
    if last.lower_ in UNFINISHED and last.tag_ == "IN" and last.dep_ == "mark":
        return not span.start <= last.head.i < span.end  # its clause is elsewhere
    roots = [t for t in span if t.head == t or not span.start <= t.head.i < span.end]
    if roots != [last] or last.lemma_.lower() not in speech_verbs():
        return False
    inside = [c for c in last.children if span.start <= c.i < span.end]
    return not any(c.dep_ in COMPLEMENTS or c.dep_ == "neg" for c in inside)


def _scene(doc: Doc, start: int, end: int, frames: Sequence[tuple[int, int]]) -> bool:
    """A clause right after a speech frame that sets the scene of the statement ("..., Rossi
    said, as the government turned to the operator"): the outlet's own claim, not part of the
    speaker's."""
    after = any(0 <= start - e <= 3 for _, e in frames)
    return after and NARRATION.match(nlp.text(doc), start, end) is not None
