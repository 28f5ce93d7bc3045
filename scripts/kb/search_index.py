"""The search index as the site ships it: Chinese written as UTF-8 text, not ``\\uXXXX`` escapes.

material's search plugin writes ``search/search_index.json`` with ``json.dumps``' default
``ensure_ascii``, so each Chinese character takes six bytes instead of three and the index is about
2.8 × the text it indexes. The hook rewrites the file after the search plugin has written it and
before the offline plugin inlines it into ``search_index.js``, so the offline script shrinks too.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX_PATH = Path("search") / "search_index.json"


def read_index(site_dir: Path) -> dict | None:
    """The site's search index, or None when the site has none (search plugin disabled)."""
    path = site_dir / INDEX_PATH
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def dumps(index: dict) -> str:
    """The index as compact JSON with non-ASCII characters kept as they are."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def write_index(site_dir: Path, index: dict) -> int:
    """Write the index into the site; returns its size in bytes."""
    data = dumps(index).encode("utf-8")
    (site_dir / INDEX_PATH).write_bytes(data)
    return len(data)


def compact_search_index(site_dir: Path) -> int | None:
    """Rewrite the site's search index without escapes; its new size, or None if there is none."""
    index = read_index(site_dir)
    return None if index is None else write_index(site_dir, index)
