"""The search index as the site ships it: UTF-8 text, lighter word breaks, no repeated tags.

material's search plugin writes ``search/search_index.json`` with ``json.dumps``' default
``ensure_ascii``, so each Chinese character takes six bytes instead of three; it marks each word
boundary found by jieba with U+200B (another six bytes escaped, three unescaped); and it copies a
page's tags onto every section entry of the page. The hook takes each page's entries as the
plugin makes them and writes the file anew after the plugin has written it (empty) and before
the offline plugin inlines it into ``search_index.js``, so the offline script shrinks too:

- Chinese is written as UTF-8;
- word breaks become a two-byte invisible separator, and disappear where whitespace, a tag or
  punctuation already splits words (scripts/data/search_index.yml);
- the index's own separator pattern, which the browser tokenizes with, is widened to match;
- a section entry no longer repeats its page entry's tags: the page entry still carries them, so a
  tag still finds the page (and shows its tags in the result), only the page's other sections no
  longer all match a tag they do not contain.

What material's search worker reads of an entry (integrations/search in material 9.8) stays:
``location`` (the reference, and ``page#anchor`` to group a section under its page, so it stays
whole), ``title`` and ``text`` (indexed, highlighted, shown), ``tags`` (indexed, shown) and
``boost``. A section's ``text`` keeps its HTML tags: the worker splits a text into blocks at them
and shows at most the two blocks that match.

Each page's entries are shrunk and serialized on their own (``page_part``) and the file is written
from those parts, so an incremental rebuild reuses the parts of the pages it did not rebuild;
``shrink`` applies the same to a whole index.
Which parts of a page are indexed at all is decided where the page is written: blocks marked
``data-search-exclude`` (the notice, the placeholder box and the related samples of each sample
page, scripts/kb/templates/) never reach the index.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import groupby
from pathlib import Path

from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR
from scripts.kb.core.sanitize import sanitize_entry

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

    @cached_property
    def redundant(self) -> re.Pattern:
        """jieba's breaks next to whitespace, a tag, punctuation or either end of the text."""
        splitting = re.escape(self.punctuation)
        return re.compile(rf"{JIEBA_BREAK}+(?=[\s<>{splitting}]|$)|(?:(?<=[\s<>{splitting}])|^){JIEBA_BREAK}+")

    def lighten(self, text: str) -> str:
        """Replace jieba's U+200B word breaks by the lighter separator, dropping redundant ones."""
        return self.redundant.sub("", text).replace(JIEBA_BREAK, self.separator)


@lru_cache(maxsize=None)
def word_breaks(path: Path = DATA_DIR / "search_index.yml") -> WordBreaks:
    raw = read_yaml(path)
    return WordBreaks(str(raw["word_separator"]), str(raw["punctuation"]))


def page_path(entry: dict) -> str:
    """The page an entry belongs to: its location without the section's anchor."""
    return entry["location"].split("#", 1)[0]


def is_section(entry: dict) -> bool:
    return "#" in entry["location"]


def shrink_entries(entries: list[dict], breaks: WordBreaks | None = None) -> list[dict]:
    """The shipped form of one page's entries (its page entry and its section entries)."""
    breaks = breaks or word_breaks()
    page_tags = [entry.get("tags") for entry in entries if not is_section(entry)]
    shipped = []
    for entry in entries:
        entry = {**entry, "title": breaks.lighten(entry["title"]), "text": breaks.lighten(entry["text"])}
        if is_section(entry) and "tags" in entry and entry["tags"] in page_tags:
            del entry["tags"]  # the page entry has them
        shipped.append(entry)
    return shipped


def shrink_config(config: dict, breaks: WordBreaks | None = None) -> dict:
    """The shipped form of the index's config: the browser also splits on the lighter breaks.
    Like ``shrink_entries``, it leaves a shipped form as it is."""
    breaks = breaks or word_breaks()
    if config["separator"].endswith(f")|{breaks.pattern}"):
        return dict(config)
    return {**config, "separator": f"(?:{config['separator']})|{breaks.pattern}"}


def pages(docs: list[dict]) -> list[list[dict]]:
    """The index's entries, page by page (the search plugin writes a page's entries together)."""
    return [list(group) for _, group in groupby(docs, key=page_path)]


def shrink(index: dict) -> dict:
    """The shipped index: each page's entries shrunk on their own, in the order written."""
    docs = [entry for page in pages(index["docs"]) for entry in shrink_entries(page)]
    return {**index, "config": shrink_config(index["config"]), "docs": docs}


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

    Each entry's title, text and tags pass through the HTML sanitizer: the search results show
    them as HTML on every page. The plugin's own list stays empty, so the index it writes (and keeps across ``serve``
    rebuilds) is empty: ``write_index`` writes the site's index from the pages' entries.
    """
    if search_plugin is None or not search_plugin.config.enabled:
        return None
    index, by_page = search_plugin.search_index, {}
    add = index.add_entry_from_context

    def add_page(page) -> None:
        before = len(index.entries)
        add(page)
        by_page[page.file.src_uri] = [sanitize_entry(entry) for entry in index.entries[before:]]
        del index.entries[before:]

    index.add_entry_from_context = add_page
    return by_page


def write_index(site_dir: Path, config: dict, parts: list[str]) -> int:
    """Write the shipped index made of the pages' parts into the site; returns its size in bytes."""
    docs = ",".join(part for part in parts if part)
    data = f'{{"config":{dumps(shrink_config(config))},"docs":[{docs}]}}'.encode("utf-8")
    (site_dir / INDEX_PATH).write_bytes(data)
    return len(data)
