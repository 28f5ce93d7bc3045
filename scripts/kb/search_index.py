"""The search index as the site ships it: UTF-8 text instead of escapes, and lighter word breaks.

material's search plugin writes ``search/search_index.json`` with ``json.dumps``' default
``ensure_ascii``, so each Chinese character takes six bytes instead of three, and it marks each word
boundary found by jieba with U+200B (another six bytes escaped, three unescaped). The hook writes
the file anew after the search plugin has written it and before the offline plugin inlines it into
``search_index.js``, so the offline script shrinks too:

- Chinese is written as UTF-8;
- word breaks become a two-byte invisible separator, and disappear where whitespace, a tag or
  punctuation already splits words (scripts/data/search_index.yml);
- the index's own separator pattern, which the browser tokenizes with, is widened to match.

Each page's entries are shrunk and serialized on their own (``page_part``) and the index is
written from those parts, so an incremental rebuild reuses the parts of the pages it did not
rebuild; ``shrink`` applies the same to a whole index.
"""

from __future__ import annotations

import copy
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


def _lighten(breaks: WordBreaks):
    splitting = re.escape(breaks.punctuation)
    redundant = re.compile(rf"{JIEBA_BREAK}+(?=[\s<>{splitting}]|$)|(?:(?<=[\s<>{splitting}])|^){JIEBA_BREAK}+")
    return lambda text: redundant.sub("", text).replace(JIEBA_BREAK, breaks.separator)


def shrink_entries(entries: list[dict], breaks: WordBreaks | None = None) -> list[dict]:
    """The shipped form of one page's entries: jieba's U+200B word breaks replaced by the lighter
    separator, redundant ones dropped."""
    lighten = _lighten(breaks or word_breaks())
    return [{**doc, "title": lighten(doc["title"]), "text": lighten(doc["text"])} for doc in entries]


def shrink_config(config: dict, breaks: WordBreaks | None = None) -> dict:
    """The index's own separator pattern, which the browser tokenizes with, widened to match."""
    breaks = breaks or word_breaks()
    return {**config, "separator": f"(?:{config['separator']})|{breaks.pattern}"}


def shrink(index: dict) -> dict:
    """Every transformation the shipped index goes through: the same for each page's entries."""
    return {**index, "config": shrink_config(index["config"]), "docs": shrink_entries(index["docs"])}


def dumps(value) -> str:
    """Compact JSON with non-ASCII characters kept as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def page_part(entries: list[dict]) -> str:
    """One page's shipped entries, serialized: the index's docs are these parts joined by commas."""
    return ",".join(dumps(doc) for doc in shrink_entries(entries))


def index_config(search_plugin) -> dict:
    """The "config" block the search plugin writes at the head of its index."""
    empty = copy.copy(search_plugin.search_index)
    empty.entries = []
    return json.loads(empty.generate_search_index(None))["config"]


def take_page_entries(search_plugin) -> dict[str, list[dict]] | None:
    """Take each page's entries, by page source, as the search plugin adds them (None: no search).

    The plugin's own list stays empty, so the index it writes (and keeps across ``serve``
    rebuilds) is empty: ``write_index`` writes the site's index from the pages' entries.
    """
    if search_plugin is None or not search_plugin.config.enabled:
        return None
    index, by_page = search_plugin.search_index, {}
    add = index.add_entry_from_context

    def add_page(page) -> None:
        before = len(index.entries)
        add(page)
        by_page[page.file.src_uri] = index.entries[before:]
        del index.entries[before:]

    index.add_entry_from_context = add_page
    return by_page


def write_index(site_dir: Path, config: dict, parts: list[str]) -> int:
    """Write the shipped index made of the pages' parts into the site; returns its size in bytes."""
    docs = ",".join(part for part in parts if part)
    data = f'{{"config":{dumps(shrink_config(config))},"docs":[{docs}]}}'.encode("utf-8")
    (site_dir / INDEX_PATH).write_bytes(data)
    return len(data)
