"""Rewrite the golden outputs of the bundled examples after a deliberate change.

    .venv/bin/python tests/golden/regenerate.py

Then read the diff (`git diff tests/golden`) before committing it: every changed line is a
changed answer a user would see.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXAMPLES = ROOT / "examples"


def sources() -> list[Path]:
    folder = EXAMPLES / "ferry"
    return sorted(folder.glob("*.txt")) + sorted(folder.glob("*.html"))


def outputs() -> dict[str, str]:
    """File name → expected content, computed with the current code."""
    import rashomon
    from rashomon.records import to_json
    from rashomon.render import render

    paths = sources()
    analyzed = [rashomon.analyze(path) for path in paths]
    comparison = rashomon.compare(analyzed)
    files = {
        f"{path.stem}.analysis.json": _json(to_json(analysis))
        for path, analysis in zip(paths, analyzed, strict=True)
    }
    files["ferry.comparison.json"] = _json(to_json(comparison))
    files["ferry.comparison.txt"] = render(comparison, "text", analyzed)
    # Source paths relative to the checkout, so the files match wherever it lies.
    return {name: text.replace(f"{ROOT}/", "") for name, text in files.items()}


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    for name, content in outputs().items():
        (HERE / name).write_text(content, encoding="utf-8")
        print(f"wrote tests/golden/{name}", file=sys.stderr)


if __name__ == "__main__":
    main()
