"""Helpers of the cross-file rules: the files they look at, and grouping by a key."""

from __future__ import annotations

from collections import defaultdict

from scripts.kb.check.context import SAMPLE


def is_sample(ctx) -> bool:
    """A sample whose text could be read: the files the cross-file rules compare."""
    return ctx.kind == SAMPLE and ctx.text is not None


def duplicates(features: dict, key):
    """(path, the other paths) for every file whose key (not None) of its feature another file shares."""
    groups = defaultdict(list)
    for path, feature in features.items():
        value = key(feature)
        if value is not None:
            groups[value].append(path)
    for group in groups.values():
        if len(group) > 1:
            for path in group:
                yield path, [other for other in group if other != path]
