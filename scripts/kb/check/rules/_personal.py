"""Finding personal data in every line of a file, and showing it masked in messages."""

from __future__ import annotations

from scripts.kb.check.context import Problem


def masked(text: str, keep_start: int, keep_end: int) -> str:
    """The value with its middle hidden, so CI logs do not repeat personal data."""
    hidden = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * max(hidden, 0) + (text[-keep_end:] if keep_end else "")


def scan(ctx, regex, describe):
    """A Problem for each match that ``describe(match)`` names (returns a message, not None)."""
    for number, line in enumerate(ctx.lines, start=1):
        for match in regex.finditer(line):
            message = describe(match)
            if message:
                yield Problem(number, match.start() + 1, message)
