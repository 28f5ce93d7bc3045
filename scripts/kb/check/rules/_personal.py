"""Finding personal data anywhere in a file, and showing it masked in messages."""

from __future__ import annotations

import re

from scripts.kb.check.context import Problem


def masked(text: str, keep_start: int, keep_end: int) -> str:
    """The value with its middle hidden, so CI logs do not repeat personal data."""
    hidden = len(text) - keep_start - keep_end
    return text[:keep_start] + "*" * max(hidden, 0) + (text[-keep_end:] if keep_end else "")


def scan(ctx, regex, describe, hint: re.Pattern | str):
    """A Problem for each match that ``describe(match)`` names (returns a message, not None).
    ``hint`` (a substring, or a quick regex) must be found first: most files have none."""
    text = ctx.text
    if (hint not in text) if isinstance(hint, str) else not hint.search(text):
        return
    for match in regex.finditer(text):
        message = describe(match)
        if message:
            yield Problem(*ctx.text_position(match.start()), message)


DIGIT_RUN = re.compile(r"[0-9]{3}[- ]?[0-9]{4}")  # in every ID and mobile number (years are not)
