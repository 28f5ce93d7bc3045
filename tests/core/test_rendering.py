"""Prose kept as prose: a line that Markdown would read as a list, quote, heading or rule is escaped
(import and the 撰写 page's contribution write lines this way)."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.kb.core.rendering import escape_block_start, render_markdown

STARTS = ["1. ", "12) ", "- ", "* ", "+ ", "#", "## ", ">", "> ", "---", "* * *", "___", "一、", "1.", "-1", ""]
PROSE = st.text(alphabet="加强理论学习不够深入，。、“”（）abc0123 ", min_size=1, max_size=30).map(str.strip).filter(bool)


def _paragraph_text(rendered: str) -> str | None:
    """The text of the only paragraph, or None if the HTML is anything else."""
    match = re.fullmatch(r"<p>(.*)</p>", rendered, re.S)
    return None if match is None or "<" in match.group(1) else html.unescape(match.group(1))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(STARTS), PROSE)
def test_an_escaped_line_renders_as_one_paragraph_of_the_same_text(start, prose):
    line = start + prose
    rendered = render_markdown(escape_block_start(line))
    assert _paragraph_text(rendered) == line, rendered


def test_ordinary_lines_are_left_as_they_are():
    for line in ("一、存在的问题", "（一）理论学习方面", "1.加强学习", "-1度", "2021年度"):
        assert escape_block_start(line) == line
