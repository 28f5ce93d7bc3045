"""The phrase index as a build leaves it (``IndexState``), and how the next build updates it.

A page's id is its place in build order, samples first; so an edited page keeps its id, and an
edit changes only that page's postings. ``update`` takes them out of every key the page held and
puts the new ones in (``splice``) on the encoded postings themselves, except in the keys where the
page's count and mask are as they were (most of them, after a small edit): a key's numbers are split
and its ids summed by C loops (``re.findall``, ``map``, ``accumulate``), and only the changed
postings are encoded again. A page added, removed or moved renumbers the pages
after it: then (as for the first build) the postings are made again from every page's bigrams
(``build``), which the bigram cache (page_bigrams) keeps, so no text is cut again.

The state lives in memory for the next ``serve`` rebuild and, for the next ``mkdocs build`` (which
starts from an empty site folder), in ``.cache/index-state/``: one entry per list of page addresses,
overwritten when the pages' content changes. Each state says which record each page had, so any
state is a valid start for the next build; an unusable one is simply not used.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate, compress, islice, repeat

from scripts.kb.cache.disk_cache import DiskCache, content_key
from scripts.kb.search.page_bigrams import CODE, BigramStore, PageBigrams
from scripts.kb.search.phrase_index import DIGITS, SHARD_TARGET_BYTES, decode_numbers, encode_number, encode_tails

STATE_KIND = "index-state"
BUILD_BLOCK = 500  # pages whose postings build() holds as lists at a time (memory: 10,000 samples hold 31 million)
_NUMBER = re.compile(f"[{re.escape(DIGITS[32:])}]*[{re.escape(DIGITS[:32])}]")  # one encoded number


@dataclass(frozen=True)
class PageEntry:
    """An indexed page: the hash of its record and what the manifest and its t/ file say of it."""

    hash: str
    url: str
    title: str
    type: str
    year: int


@dataclass(frozen=True)
class IndexState:
    pages: list[PageEntry]
    postings: dict[str, str]  # key -> encoded postings

    @property
    def shards(self) -> int:
        """The number of b/ files: a power of two, at least 16, so that each is about SHARD_TARGET_BYTES."""
        total = sum(len(key) + len(value) + 8 for key, value in self.postings.items())
        shards = 16
        while shards * SHARD_TARGET_BYTES < total:
            shards *= 2
        return shards


class _NumberValues(dict):
    """An encoded number -> its value (most gaps are a few distinct short texts)."""

    def __missing__(self, encoded: str) -> int:
        value = self[encoded] = decode_numbers(encoded)[0]
        return value


_VALUES = _NumberValues()


def splice(encoded: str, changes: dict[int, str | None]) -> str:
    """The postings ``encoded`` with each page of ``changes`` given its new count and mask (encoded,
    as in PageBigrams.tails) or removed (None). Only the changed postings and the gaps after them are
    encoded again: the numbers are kept as the encoded texts they are, three per posting (a new
    posting's count and mask take the place of two, the second left empty)."""
    numbers = _NUMBER.findall(encoded)
    ids = list(accumulate(map(_VALUES.__getitem__, numbers[0::3])))
    for page_id, tail in sorted(changes.items()):
        at = bisect_left(ids, page_id)
        if at < len(ids) and ids[at] == page_id:
            if tail is not None:
                numbers[3 * at + 1:3 * at + 3] = tail, ""
                continue
            del ids[at], numbers[3 * at:3 * at + 3]
        elif tail is not None:
            ids.insert(at, page_id)
            numbers[3 * at:3 * at] = encode_number(page_id - (ids[at - 1] if at else 0)), tail, ""
            at += 1
        else:
            continue
        if at < len(ids):  # the gap after a posting put in or taken out
            numbers[3 * at] = encode_number(ids[at] - (ids[at - 1] if at else 0))
    return "".join(numbers)


def build(pages: list[PageEntry], bigrams: Iterable[PageBigrams]) -> IndexState:
    """The state of these pages, from each page's bigrams (in page order; read as they come, so
    that only BUILD_BLOCK pages' postings are held as lists at a time)."""
    parts: defaultdict[str, list[str]] = defaultdict(list)  # key -> its encoded postings, block by block
    last: dict[str, int] = {}  # key -> the last page id encoded
    numbered = enumerate(bigrams)
    while block := list(islice(numbered, BUILD_BLOCK)):
        ids: defaultdict[str, list[int]] = defaultdict(list)
        tails: defaultdict[str, list[str]] = defaultdict(list)
        for page_id, found in block:  # list.append mapped over each page's keys: no Python loop per posting
            deque(map(list.append, map(ids.__getitem__, found.keys), repeat(page_id)), 0)
            deque(map(list.append, map(tails.__getitem__, found.keys), found.tails), 0)
        for key, key_ids in ids.items():
            parts[key].append(encode_tails(key_ids, tails[key], last.get(key, 0)))
            last[key] = key_ids[-1]
    return IndexState(pages, {key: "".join(encoded) for key, encoded in parts.items()})


def renumber(encoded: str, new_ids: list[int], added: dict[int, str]) -> str:
    """The postings ``encoded`` with each page's id ``i`` made ``new_ids[i]`` (-1: the page is gone)
    and the pages of ``added`` put in (new id -> count and mask, encoded)."""
    numbers = _NUMBER.findall(encoded)
    ids = list(map(new_ids.__getitem__, accumulate(map(_VALUES.__getitem__, numbers[0::3]))))
    tails = list(map(str.__add__, numbers[1::3], numbers[2::3]))
    if -1 in ids:
        kept = list(map((-1).__ne__, ids))
        ids, tails = list(compress(ids, kept)), list(compress(tails, kept))
    for page_id, tail in sorted(added.items()):
        at = bisect_left(ids, page_id)
        ids.insert(at, page_id)
        tails.insert(at, tail)
    return encode_tails(ids, tails)


def _new_ids(old: list[PageEntry], new: list[PageEntry]) -> list[int] | None:
    """Each old page's id in ``new`` (same address and record), -1 if it changed or is gone; None
    if the pages kept are not in the same order (ids would not stay sorted)."""
    at = {(page.url, page.hash): page_id for page_id, page in enumerate(new)}
    found = [at.get((page.url, page.hash), -1) for page in old]
    kept = [page_id for page_id in found if page_id >= 0]
    return found if kept == sorted(kept) else None


def update(state: IndexState | None, pages: list[PageEntry], store: BigramStore,
           bigrams_of: Callable[[int], PageBigrams]) -> IndexState:
    """The state of ``pages`` (``bigrams_of(id)`` gives a page's bigrams), made from ``state``: the
    postings of pages that changed in place are spliced, pages added, removed or moved renumber every
    key's postings; without a state, or when most pages changed, it is built anew."""
    new_ids = None if state is None else _new_ids(state.pages, pages)
    added = [] if new_ids is None else sorted(set(range(len(pages))) - set(new_ids))
    if new_ids is None or len(added) * 10 > len(pages):  # splicing one page costs about a tenth of a build
        return build(pages, map(bigrams_of, range(len(pages))))
    edits: defaultdict[str, dict[int, str | None]] = defaultdict(dict)
    held: defaultdict[str, dict[int, str]] = defaultdict(dict)  # key -> the tails edited pages had in it
    in_place = len(state.pages) == len(pages) and all(i in (page_id, -1) for page_id, i in enumerate(new_ids))
    for page_id in added if in_place else ():  # the keys an edited page held (any key, when renumbering)
        old = store.cached(state.pages[page_id].hash)
        if old is None:  # gone from the cache: the keys that hold the page are unknown, renumber them all
            in_place = False
            edits.clear()
            held.clear()
            break
        for key, tail in zip(old.keys, old.tails):
            edits[key][page_id] = None
            held[key][page_id] = tail
    for page_id in added:
        new = bigrams_of(page_id)
        for key, tail in zip(new.keys, new.tails):
            if key in held and held[key].get(page_id) == tail:  # the posting it had: nothing to splice
                del edits[key][page_id]
            else:
                edits[key][page_id] = tail
    if in_place:
        postings = dict(state.postings)
        for key, changes in edits.items():
            if changes:
                postings[key] = splice(postings.get(key, ""), changes)
    else:
        postings = {key: renumber(state.postings.get(key, ""), new_ids, edits.get(key, {}))
                    for key in state.postings.keys() | edits.keys()}
    return IndexState(pages, {key: value for key, value in postings.items() if value})


class StateStore:
    """The last state of each list of page addresses, on disk."""

    def __init__(self, folder=None):
        self.disk = DiskCache(STATE_KIND, ".json", folder)

    @staticmethod
    def _key(pages: list[PageEntry]) -> str:
        return content_key(CODE, *(page.url for page in pages))

    def load(self, pages: list[PageEntry]) -> IndexState | None:
        try:
            data = json.loads(self.disk.read(self._key(pages)) or b"null")
            return IndexState([PageEntry(*page) for page in data["pages"]], data["postings"]) if data else None
        except (ValueError, KeyError, TypeError):
            return None

    def save(self, state: IndexState) -> None:
        data = {"pages": [[p.hash, p.url, p.title, p.type, p.year] for p in state.pages], "postings": state.postings}
        self.disk.write(self._key(state.pages), json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
