"""Helpers of the cross-file rules: the samples of a run, grouped by a key."""

from __future__ import annotations

from collections import defaultdict

from scripts.kb.check.context import SAMPLE


def samples(contexts) -> list:
    return [c for c in contexts if c.kind == SAMPLE and c.text is not None]


def duplicates(contexts, key):
    """(context, the other contexts) for every context whose key (not None) another one shares."""
    groups = defaultdict(list)
    for ctx in contexts:
        value = key(ctx)
        if value is not None:
            groups[value].append(ctx)
    for group in groups.values():
        if len(group) > 1:
            for ctx in group:
                yield ctx, [other for other in group if other is not ctx]
