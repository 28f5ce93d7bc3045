"""CR003 范例内容高度重复：两个范例的正文相似度超过阈值，多半是同一材料投了两次或改头换面。

相似度是两篇正文的字符片段（shingle）集合的 Jaccard 系数；片段长度、抽样间隔和阈值在
scripts/data/check.yml 的 near_duplicate。为了在上千篇范例中也很快，先用 MinHash-LSH
找出候选对，再逐对计算相似度，不两两全比；同一进程里再次检查时（make serve 每次重建都检查全部文件），
正文没变的范例之间沿用上一次的结果，只为新的或改过的范例找候选对、算相似度。

PASS：两篇不同单位、内容各异的材料。

FAIL：同一篇材料改了标题和个别词句后又投了一次。
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections import Counter, defaultdict
from itertools import combinations
from typing import NamedTuple

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CJK
from scripts.kb.check.rules._corpus import is_sample

ID = "CR003"
NAME = "范例内容高度重复"
HINT = "确认是否重复投稿；是同一材料的，删去其中一篇"
SCOPE = frozenset()
NOT_TEXT = re.compile(f"[^{CJK}0-9A-Za-z]+")
ALPHABET = [chr(c) for c in range(0x4E00, 0xA000)] + [chr(c) for c in range(0x3400, 0x4DC0)] + list("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _anchored(size: int, every: int) -> re.Pattern:
    """Shingles that start at an anchor character: about one character in ``every``, chosen by a
    hash of the character, so the same text keeps the same shingles in every file."""
    anchors = "".join(c for c in ALPHABET if zlib.crc32(c.encode()) % every == 0)
    # Not overlapping: after a shingle the search goes on from its end; two copies of a text fall
    # into step again at the next anchor, and the search skips quickly between anchors.
    return re.compile(f"[{anchors}].{{{size - 1}}}")


def shingles(text: str, pattern: re.Pattern) -> set[int]:
    return {zlib.crc32(s.encode()) for s in pattern.findall(NOT_TEXT.sub("", text))}


def signature(hashes: set[int], bins: int) -> list:
    """One-permutation MinHash: the smallest hash in each of ``bins`` bins."""
    mins: list = [None] * bins
    for h in hashes:
        slot, value = h % bins, h // bins
        if mins[slot] is None or value < mins[slot]:
            mins[slot] = value
    return mins


def candidates(signatures: list[list], bands: int, rows: int, among: set[int] | None = None) -> set[tuple[int, int]]:
    """Pairs that agree on every row of at least one band (a band of empty bins is skipped); with
    ``among``, only the pairs with at least one member in it."""
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets = defaultdict(list)
        for index, sig in enumerate(signatures):
            key = tuple(sig[band * rows : (band + 1) * rows])
            if any(v is not None for v in key):
                buckets[key].append(index)
        for members in buckets.values():
            if among is None:
                pairs.update(combinations(members, 2))
            elif len(members) > 1 and not among.isdisjoint(members):
                pairs.update(pair for pair in combinations(members, 2) if pair[0] in among or pair[1] in among)
    return pairs


class Body(NamedTuple):
    """What CR003 keeps of a sample: where its body starts, its shingles, their MinHash signature
    (None when there are too few shingles to compare) and a digest of the shingles."""

    line: int
    shingles: frozenset[int]
    signature: list | None
    digest: str


def digest(hashes: frozenset[int]) -> str:
    """What identifies a body's shingles (``Found`` keeps its pairs by it)."""
    return hashlib.blake2b(struct.pack(f"<{len(hashes)}I", *sorted(hashes)), digest_size=16).hexdigest()


class Found:
    """What the last ``similar_pairs`` in this process found, by the bodies' digests. ``make serve``
    checks the whole tree on every rebuild: at 10,000 synthetic samples, finding and scoring the
    candidate pairs took 30 s of a 46 s rebuild. Whether two bodies are a candidate pair and their
    score depend on the two bodies only, so the next run takes the pairs of the bodies that did not
    change from here and pairs and scores only the new or changed ones (and every copy of a digest
    that now occurs more often: a sample copied again)."""

    def __init__(self):
        self.settings: tuple | None = None
        self.digests: Counter[str] = Counter()  # of the usable bodies
        self.similar: list[tuple[str, str, float]] = []  # the pairs that reached the threshold
        self.scored = 0  # pairs scored in this process (for the tests)


FOUND = Found()


def similar_pairs(bodies: list[Body], conf: dict, found: Found | None = None) -> list[tuple[int, int, float]]:
    """(i, j, score), i < j, for the bodies whose shingle sets' Jaccard similarity reaches the
    threshold, using and updating what ``found`` (this process's ``FOUND``) holds."""
    found = found or FOUND
    usable = [i for i, b in enumerate(bodies) if b.signature is not None]
    settings = (conf["bands"], conf["rows"], conf["threshold"])
    known = found.digests if found.settings == settings else Counter()
    digests = Counter(bodies[i].digest for i in usable)
    fresh = {k for k, i in enumerate(usable) if digests[bodies[i].digest] > known[bodies[i].digest]}
    pairs = set()
    signatures = [bodies[i].signature for i in usable]
    for a, b in candidates(signatures, conf["bands"], conf["rows"], fresh if known else None):
        i, j = usable[a], usable[b]
        first, second = bodies[i].shingles, bodies[j].shingles
        shared = len(first & second)
        score = shared / (len(first) + len(second) - shared)
        found.scored += 1
        if score >= conf["threshold"]:
            pairs.add((i, j, score))
    unchanged = defaultdict(list)
    for k, i in enumerate(usable):
        if k not in fresh:
            unchanged[bodies[i].digest].append(i)
    for first, second, score in found.similar if known else ():
        pairs.update((min(i, j), max(i, j), score) for i in unchanged.get(first, ()) for j in unchanged.get(second, ()) if i != j)
    result = sorted(pairs)
    found.settings, found.digests = settings, digests
    found.similar = [(bodies[i].digest, bodies[j].digest, score) for i, j, score in result]
    return result


def feature(ctx) -> Body | None:
    if not is_sample(ctx):
        return None
    conf = ctx.env.settings["near_duplicate"]
    pattern = ctx.env.cache.get(ID) or ctx.env.cache.setdefault(ID, _anchored(conf["shingle_size"], conf["sample_every"]))
    hashes = frozenset(shingles(ctx.body, pattern))
    usable = len(hashes) >= conf["min_shingles"]
    return Body(ctx.body_line, hashes, signature(hashes, conf["bands"] * conf["rows"]) if usable else None, digest(hashes))


def check_corpus(features, env):
    paths = list(features)
    conf = env.settings["near_duplicate"]
    for i, j, score in similar_pairs([features[p] for p in paths], conf):
        for path, other in ((paths[i], paths[j]), (paths[j], paths[i])):
            yield path, Problem(features[path].line, 1, f"正文与 {other} 高度相似（相似度 {score:.2f}，阈值 {conf['threshold']:.2f}）")
