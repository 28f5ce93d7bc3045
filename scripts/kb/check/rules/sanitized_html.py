"""SE008 网站会删去的 HTML：正文渲染成网页后，凡是不在允许清单中的标签、属性和链接，网站都会删去。

允许清单在 scripts/data/security.yml 的 html（事件属性、<script>、<iframe>、style、
javascript:/data: 链接都不在其中）。同一份清单由构建时的清理程序（scripts/kb/core/sanitize.py）
执行，check 先把它会删去的内容报告出来，包括写在下一行的属性、属性列表 {: … } 和用字符实体
写的 javascript:，以及无法渲染或渲染极慢（一段里“[”过多）的正文。这条规则不能豁免。

PASS::

    第一段。
    {: .kb-note }

FAIL::

    第一段。
    {: autofocus onfocus="alert(1)" }
"""

import re

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT
from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR
from scripts.kb.core.rendering import RenderError, render_markdown
from scripts.kb.core.sanitize import Removal, removals

ID = "SE008"
NAME = "网站会删去的 HTML"
HINT = "删去这段 HTML 或属性列表，改用 Markdown 写法；链接只写本站页面的相对地址"
SCOPE = CONTENT
# What can make HTML in rendered Markdown: tags, entities, attribute lists, links.
MAY_MAKE_HTML = re.compile(r"[<&{]|\]\s*[(:]")


def check(ctx):
    crowded = list(_crowded_paragraphs(ctx))
    if crowded:  # rendering them would take minutes
        yield from crowded
        return
    if not MAY_MAKE_HTML.search(ctx.body):
        return
    try:
        html = render_markdown(ctx.body)
    except RenderError as exc:
        yield Problem(ctx.body_line, 1, f"正文无法渲染成网页（{exc}），构建会在这里失败：检查属性列表 {{: …}}、HTML 和括号")
        return
    for removal in removals(html):
        line, col = _locate(ctx, removal)
        yield Problem(line, col, f"网站会删去{removal.describe()}")


def _crowded_paragraphs(ctx):
    limit = ctx.env.cache.get(ID) or ctx.env.cache.setdefault(ID, read_yaml(DATA_DIR / "security.yml")["markdown"]["max_brackets_per_paragraph"])
    if ctx.body.count("[") <= limit:
        return
    offset = len(ctx.text) - len(ctx.body)
    for match in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", ctx.body):
        count = match.group(0).count("[")
        if count > limit:
            line, col = ctx.text_position(offset + match.start() + match.group(0).index("["))
            yield Problem(line, col, f"这一段有 {count} 个“[”（最多 {limit} 个），网页渲染会极慢")


def _locate(ctx, removal: Removal) -> tuple[int, int]:
    """Where the removed tag or attribute is written: its name, else its value, else the body."""
    value = removal.value or ""
    needles = [rf"<{removal.tag}\b"] if removal.attribute is None else [
        rf"(?<![\w-]){re.escape(removal.attribute)}(?![\w-])", re.escape(value[:20]), re.escape(value.split(":", 1)[-1][:20])]
    for needle in filter(None, needles):
        match = re.search(needle, ctx.body, re.I)
        if match:
            line, col = ctx.text_position(len(ctx.text) - len(ctx.body) + match.start())
            return line, col
    return ctx.body_line, 1
