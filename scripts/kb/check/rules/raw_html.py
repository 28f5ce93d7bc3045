"""SE001 原始 HTML：范例和片段只用 Markdown，不写 HTML 标签（<script>、<iframe>、事件属性尤其危险）；
front matter 的值（标题、标签……）里也不能有。这条规则不能豁免。

允许的标签在 scripts/data/check.yml 的 allowed_html_tags（默认一个也没有）。

PASS::

    **加粗**和[链接](../guide.md)用 Markdown 写。

FAIL::

    <span onclick="alert(1)">点击</span>
"""

import re

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT

ID = "SE001"
NAME = "原始 HTML"
HINT = "删去 HTML，改用 Markdown 写法"
SCOPE = CONTENT
TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)/?>")
EVENT = re.compile(r"\bon[a-z]+\s*=", re.I)
DANGEROUS = {"script", "iframe", "frame", "object", "embed", "style", "link", "meta", "base", "form", "svg", "math"}


def check(ctx):
    allowed = {t.lower() for t in ctx.env.settings["allowed_html_tags"]}
    for key, value in (ctx.meta or {}).items():
        if "<" in str(value) and TAG.search(str(value)):
            yield Problem(ctx.field_line(str(key)), ctx.value_col(str(key)), f"front matter 的 {key} 中有 HTML 标签")
    for number, line in ctx.source:
        if "<" not in line:
            continue
        for match in TAG.finditer(line):
            col = match.start() + 1
            if match.group(0) == "<!--":
                if "!--" not in allowed:
                    yield Problem(number, col, "不允许 HTML 注释 <!-- -->")
                continue
            name, attributes = match.group(2).lower(), match.group(3) or ""
            event = EVENT.search(attributes)
            if event:
                yield Problem(number, col, f"HTML 标签 <{name}> 带事件属性 {event.group(0).rstrip('= ')}，可能执行脚本")
            elif name in DANGEROUS and name not in allowed:
                yield Problem(number, col, f"危险的 HTML 标签 <{match.group(1)}{name}>")
            elif name not in allowed:
                yield Problem(number, col, f"不允许原始 HTML 标签 <{match.group(1)}{name}>")
