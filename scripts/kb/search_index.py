"""The search index as the site ships it: UTF-8 text instead of escapes, and lighter word breaks.

material's search plugin writes ``search/search_index.json`` with ``json.dumps``' default
``ensure_ascii``, so each Chinese character takes six bytes instead of three, and it marks each word
boundary found by jieba with U+200B (another six bytes escaped, three unescaped). The hook rewrites
the file after the search plugin has written it and before the offline plugin inlines it into
``search_index.js``, so the offline script shrinks too:

- Chinese is written as UTF-8;
- word breaks become a two-byte invisible separator, and disappear where whitespace, a tag or
  punctuation already splits words (scripts/data/search_index.yml);
- the index's own separator pattern, which the browser tokenizes with, is widened to match.

Each step is a function from index to index, so another (a cache, a filter) slots in ``shrink``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scripts.kb.data import read_yaml
from scripts.kb.paths import DATA_DIR

INDEX_PATH = Path("search") / "search_index.json"
JIEBA_BREAK = "\u200b"  # what material's search plugin puts between jieba's words


@dataclass(frozen=True)
class WordBreaks:
    separator: str  # the character written between two words
    punctuation: str  # characters that split words by themselves

    @property
    def pattern(self) -> str:
        """What the browser must also split on: a character class valid in JavaScript and Python."""
        chars = re.sub(r"([\\\]\[^-])", r"\\\1", self.separator + self.punctuation)
        return f"[{chars}]+"


@lru_cache(maxsize=None)
def word_breaks(path: Path = DATA_DIR / "search_index.yml") -> WordBreaks:
    raw = read_yaml(path)
    return WordBreaks(str(raw["word_separator"]), str(raw["punctuation"]))


def read_index(site_dir: Path) -> dict | None:
    """The site's search index, or None when the site has none (search plugin disabled)."""
    path = site_dir / INDEX_PATH
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def lighten_word_breaks(index: dict, breaks: WordBreaks | None = None) -> dict:
    """Replace jieba's U+200B word breaks by the lighter separator, dropping redundant ones."""
    breaks = breaks or word_breaks()
    splitting = re.escape(breaks.punctuation)
    redundant = re.compile(rf"{JIEBA_BREAK}+(?=[\s<>{splitting}]|$)|(?:(?<=[\s<>{splitting}])|^){JIEBA_BREAK}+")

    def lighten(text: str) -> str:
        return redundant.sub("", text).replace(JIEBA_BREAK, breaks.separator)

    docs = [{**doc, "title": lighten(doc["title"]), "text": lighten(doc["text"])} for doc in index["docs"]]
    config = dict(index["config"])
    config["separator"] = f"(?:{config['separator']})|{breaks.pattern}"
    return {**index, "config": config, "docs": docs}


def shrink(index: dict) -> dict:
    """Every transformation the shipped index goes through, in order."""
    return lighten_word_breaks(index)


def dumps(index: dict) -> str:
    """The index as compact JSON with non-ASCII characters kept as they are."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def write_index(site_dir: Path, index: dict) -> int:
    """Write the index into the site; returns its size in bytes."""
    data = dumps(index).encode("utf-8")
    (site_dir / INDEX_PATH).write_bytes(data)
    return len(data)


def compact_search_index(site_dir: Path) -> int | None:
    """Rewrite the site's search index in its shipped form; its new size, or None if there is none."""
    index = read_index(site_dir)
    return None if index is None else write_index(site_dir, shrink(index))
