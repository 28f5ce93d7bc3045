"""Small helpers shared by several rules."""

from __future__ import annotations

import difflib

from scripts.kb.check.config import CHINESE_NUMERALS
from scripts.kb.check.context import PAGE, SAMPLE, SNIPPET

ALL = frozenset({SAMPLE, SNIPPET, PAGE})
CONTENT = frozenset({SAMPLE, SNIPPET})  # what contributors send: samples and snippets
SAMPLES = frozenset({SAMPLE})
SNIPPETS = frozenset({SNIPPET})

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
CHINESE_NUMERAL = CHINESE_NUMERALS


def nearest(value: str, options) -> str:
    """'，是不是“x”？' for the closest option, or '' when nothing is close."""
    options = [str(o) for o in options]
    match = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
    return f"，是不是“{match[0]}”？" if match else ""



def is_todo(ctx, value) -> bool:
    """A front matter value left for the contributor to fill in (TX007 reports it, no other rule)."""
    return value == ctx.env.settings["todo_value"]
