"""Renderers: a comparison or an analysis as text, JSON, Markdown or HTML."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rashomon.records import AnalyzedArticle, Comparison, to_json


def render(comparison: Comparison, fmt: str, analyzed: Sequence[AnalyzedArticle] = ()) -> str:
    """Render ``comparison`` as ``text``, ``json``, ``md`` or ``html``."""
    if fmt == "json":
        return dumps(to_json(comparison))
    if fmt == "md":
        from rashomon.render.markdown import render_markdown

        return render_markdown(comparison)
    if fmt == "html":
        from rashomon.render.html import render_html

        return render_html(comparison, analyzed)
    from rashomon.render.text import render_comparison

    return render_comparison(comparison)


def render_analysis(analyzed: Sequence[AnalyzedArticle], fmt: str) -> str:
    """Render one or more analyses; JSON is one object for one article, else a list."""
    if fmt == "json":
        data = [to_json(a) for a in analyzed]
        return dumps(data[0] if len(data) == 1 else data)
    from rashomon.render.text import render_article

    return "\n\n".join(render_article(a) for a in analyzed)


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
