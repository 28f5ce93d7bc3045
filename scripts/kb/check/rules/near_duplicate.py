"""CR003 范例内容高度重复：两个范例的正文相似度超过阈值，多半是同一材料投了两次或改头换面。

相似度是两篇正文的字符片段（shingle）集合的 Jaccard 系数；片段长度、抽样间隔和阈值在
scripts/data/check.yml 的 near_duplicate。为了在上千篇范例中也很快，先用 MinHash-LSH
找出候选对，再逐对计算相似度，不两两全比。

PASS：两篇不同单位、内容各异的材料。

FAIL：同一篇材料改了标题和个别词句后又投了一次。
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
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


def candidates(signatures: list[list], bands: int, rows: int) -> set[tuple[int, int]]:
    """Pairs that agree on every row of at least one band (a band of empty bins is skipped)."""
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets = defaultdict(list)
        for index, sig in enumerate(signatures):
            key = tuple(sig[band * rows : (band + 1) * rows])
            if any(v is not None for v in key):
                buckets[key].append(index)
        for members in buckets.values():
            pairs.update(combinations(members, 2))
    return pairs


class Body(NamedTuple):
    """What CR003 keeps of a sample: where its body starts, its shingles and their MinHash
    signature (None when there are too few shingles to compare)."""

    line: int
    shingles: frozenset[int]
    signature: list | None


def similar_pairs(bodies: list[Body], conf: dict):
    """(i, j, score) for the bodies whose shingle sets' Jaccard similarity reaches the threshold."""
    usable = [i for i, b in enumerate(bodies) if b.signature is not None]
    for a, b in sorted(candidates([bodies[i].signature for i in usable], conf["bands"], conf["rows"])):
        i, j = usable[a], usable[b]
        first, second = bodies[i].shingles, bodies[j].shingles
        shared = len(first & second)
        score = shared / (len(first) + len(second) - shared)
        if score >= conf["threshold"]:
            yield i, j, score


def feature(ctx) -> Body | None:
    if not is_sample(ctx):
        return None
    conf = ctx.env.settings["near_duplicate"]
    pattern = ctx.env.cache.get(ID) or ctx.env.cache.setdefault(ID, _anchored(conf["shingle_size"], conf["sample_every"]))
    hashes = frozenset(shingles(ctx.body, pattern))
    usable = len(hashes) >= conf["min_shingles"]
    return Body(ctx.body_line, hashes, signature(hashes, conf["bands"] * conf["rows"]) if usable else None)


def check_corpus(features, env):
    paths = list(features)
    conf = env.settings["near_duplicate"]
    for i, j, score in similar_pairs([features[p] for p in paths], conf):
        for path, other in ((paths[i], paths[j]), (paths[j], paths[i])):
            yield path, Problem(features[path].line, 1, f"正文与 {other} 高度相似（相似度 {score:.2f}，阈值 {conf['threshold']:.2f}）")
