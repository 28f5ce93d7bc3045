"""Each page's postings, computed once per distinct page record and kept in ``.cache/bigrams/``.

Cutting a page's text into bigrams is most of what indexing a page costs (about 4 ms a sample), and
a build indexes every page; so a page's result is kept under the hash of its record, the index
VERSION and the code that computes it, and a build computes only the pages it has
not seen. ``serve`` also keeps the last pages it used in memory: a rebuild needs the old and the new
postings of an edited page.

An entry is compact and cheap to load: one line of the keys and one of their counts and masks,
encoded as the postings hold them, each separated by a space (no key holds whitespace, no encoded
number a space).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from scripts.kb.cache.disk_cache import DiskCache, content_key
from scripts.kb.search import phrase_index

KIND = "bigrams"
MEMORY_PAGES = 64  # entries kept in memory: the pages of the last few serve rebuilds
CODE = content_key(str(phrase_index.VERSION), Path(phrase_index.__file__).read_bytes(),
                   Path(__file__).read_bytes())


@dataclass(frozen=True)
class PageBigrams:
    """One page's postings: ``keys[i]`` (see phrase_index) with ``tails[i]``, where it occurs
    encoded as the postings hold it (``phrase_index.bigrams``)."""

    keys: list[str]
    tails: list[str]

    def to_bytes(self) -> bytes:
        return f"{' '.join(self.keys)}\n{' '.join(self.tails)}".encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> PageBigrams:
        keys, tails = data.decode("utf-8").split("\n")
        found = cls(keys.split(" ") if keys else [], tails.split(" ") if tails else [])
        if len(found.keys) != len(found.tails):
            raise ValueError("damaged entry")
        return found


def compute(title: str, sections: list[list[str]]) -> PageBigrams:
    keys, tails = [], []
    for prefix, found in phrase_index.page_keys(title, sections):
        keys += map(prefix.__add__, found) if prefix else found
        tails += found.values()
    return PageBigrams(keys, tails)


def prefill(record: str) -> None:
    """Compute a page's postings into the disk cache as soon as its record (``page_record``) is made:
    in the worker process that converted the page, or in the build process right after converting
    it, so that write_index, which reads the pages' records in this form (its key: the record's
    hash), finds them there instead of computing them all at the end of the build."""
    if record:
        page = json.loads(record)
        BigramStore().get(content_key(record), page["title"], page["sections"])


class BigramStore:
    """Pages' postings by record hash: from memory, else from the disk cache, else computed."""

    def __init__(self, folder: Path | None = None):
        self.disk = DiskCache(KIND, ".bin", folder)
        self.memory: OrderedDict[str, PageBigrams] = OrderedDict()
        self.computed = 0

    def _key(self, record_hash: str) -> str:
        return content_key(CODE, record_hash)

    def _remember(self, record_hash: str, found: PageBigrams) -> PageBigrams:
        self.memory[record_hash] = found
        self.memory.move_to_end(record_hash)
        while len(self.memory) > MEMORY_PAGES:
            self.memory.popitem(last=False)
        return found

    def cached(self, record_hash: str) -> PageBigrams | None:
        """The page's postings if they were kept, else None."""
        found = self.memory.get(record_hash)
        if found is not None:
            return self._remember(record_hash, found)
        data = self.disk.read(self._key(record_hash))
        if data is None:
            return None
        try:
            return self._remember(record_hash, PageBigrams.from_bytes(data))
        except ValueError:  # UnicodeDecodeError is one
            return None

    def get(self, record_hash: str, title: str, sections: list[list[str]]) -> PageBigrams:
        found = self.cached(record_hash)
        if found is None:
            found = compute(title, sections)
            self.computed += 1
            self.disk.write(self._key(record_hash), found.to_bytes())
            self._remember(record_hash, found)
        return found
