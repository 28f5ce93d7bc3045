"""A disk cache of the search plugin's per-page index entries, so jieba segments a page only once.

material's search plugin parses each page's HTML into sections and segments their Chinese text
with jieba (most of a large build's time). The entries a page gives depend only on what the key
below covers, so they are stored in ``.cache/jieba-segments/<key[:2]>/<key>.json`` and read back
on the next build: a changed page gets a new key (its old file is simply no longer read), every
other page is read from the cache. The folder is ignored by git and safe to delete.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from scripts.kb.cache.disk_cache import DiskCache

KIND = "jieba-segments"


@lru_cache(maxsize=None)
def segmenter_fingerprint(user_dict: str | None, main_dict: str | None) -> str:
    """What else decides the segmentation: the versions of jieba and material, and the dictionaries."""
    parts = [version("jieba"), version("mkdocs-material")]
    for path in (user_dict, main_dict):
        parts.append(hashlib.sha256(Path(path).read_bytes()).hexdigest() if path and os.path.isfile(path) else "")
    return "\n".join(parts)


def page_key(page, fingerprint: str) -> str:
    """The hash of everything the search plugin reads from a page."""
    meta = page.meta or {}
    source = json.dumps(
        [fingerprint, page.url, page.title, meta.get("title"), meta.get("tags"), meta.get("search"), page.content],
        ensure_ascii=False, default=str,
    )
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


class SegmentCache:
    """Wraps a SearchIndex so that pages already indexed (same key) are not parsed or segmented."""

    def __init__(self, index, fingerprint: str, folder: Path | None = None):
        self.index = index
        self.fingerprint = fingerprint
        self.store = DiskCache(KIND, ".json", folder)
        self.hits = 0
        self.misses = 0
        self._add = index.add_entry_from_context

    def add_entry_from_context(self, page) -> None:
        key = page_key(page, self.fingerprint)
        try:
            self.index.entries += json.loads(self.store.read(key) or b"")
            self.hits += 1
            return
        except ValueError:
            pass
        before = len(self.index.entries)
        self._add(page)
        self.misses += 1
        self.store.write(key, json.dumps(self.index.entries[before:], ensure_ascii=False).encode("utf-8"))


def install(search_plugin, folder: Path | None = None) -> SegmentCache | None:
    """Put the cache in front of the search plugin's index (None when search is off)."""
    if search_plugin is None or not search_plugin.config.enabled:
        return None
    config = search_plugin.config
    cache = SegmentCache(search_plugin.search_index, segmenter_fingerprint(config.jieba_dict_user, config.jieba_dict), folder)
    search_plugin.search_index.add_entry_from_context = cache.add_entry_from_context
    return cache
