"""Rendering generated Markdown with Jinja2 templates (scripts/kb/templates/), and relative links."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

import jinja2

from scripts.kb.core.paths import TEMPLATES_DIR

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|#])")


def escape_markdown(text) -> str:
    """Text shown literally in Markdown, also inside a table cell or a link text."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["md"] = escape_markdown
    env.filters["html"] = lambda text: jinja2.utils.markupsafe.escape(str(text))
    return env


def render(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)


def link(from_src: str, to_src: str) -> str:
    """A relative Markdown link from one source file to another (MkDocs resolves .md links).

    Both are clean paths relative to docs/, so this is posixpath.relpath without its look at the
    working directory (it runs for every link of every generated page).
    """
    here = [part for part in posixpath.dirname(from_src).split("/") if part]
    there = [part for part in to_src.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."
