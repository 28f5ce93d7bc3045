"""A file's Markdown rendered as the site renders it (mkdocs.yml's extensions), for ``check``.

Snippet includes are left out: the included file is checked on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
from mkdocs.utils.yaml import yaml_load

from scripts.kb.core.paths import ROOT

LEFT_OUT = {"pymdownx.snippets"}
# The start of a line of plain prose that Markdown would read as something else: an ordered list
# (1. or 1) and a space), a bullet (- * + and a space), a quote (>), a heading (#, no space needed)
# or a rule (three or more - * _). The 撰写 page applies the same pattern (workbench data).
BLOCK_START = re.compile(r"^(\d{1,9})(?=[.)]\s)|^(?=[-*+]\s|[>#])|^(?=(?:[-*_] *){3,}$)")


@lru_cache(maxsize=None)
def _converter() -> markdown.Markdown:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:  # MkDocs' loader: !!python/name too
        entries = yaml_load(handle)["markdown_extensions"]
    names, configs = [], {}
    for entry in entries:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in LEFT_OUT:
            names.append(name)
            configs[name] = config or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def escape_block_start(line: str) -> str:
    """A line of prose kept as prose: a backslash before what would start a list, quote, heading or rule."""
    return BLOCK_START.sub(lambda m: (m.group(1) or "") + "\\", line, count=1)


class RenderError(Exception):
    """Markdown the renderer cannot convert (it would stop the build with a traceback)."""


def render_markdown(text: str) -> str:
    converter = _converter()
    try:
        return converter.convert(text)
    except Exception as exc:  # any failure of the third-party renderer is a fact about the text
        raise RenderError(f"{type(exc).__name__}: {exc}") from None
    finally:
        converter.reset()
