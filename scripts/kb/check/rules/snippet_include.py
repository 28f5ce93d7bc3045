"""SE004 片段引用越界或不存在：``--8<-- "文件.md"`` 只能引用 snippets/ 里已有的文件。

PASS::

    --8<-- "wenti-lilun-xuexi.md"

FAIL::

    --8<-- "../mkdocs.yml"
    --8<-- "bu-cunzai.md"
"""

import re
from pathlib import Path

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "SE004"
NAME = "片段引用越界或不存在"
HINT = "只写 snippets/ 下的文件名，例如 --8<-- \"wenti-lilun-xuexi.md\""
SCOPE = ALL
INLINE = re.compile(r"^\s*-{1,}8<-{1,}[ \t]+([\"'])(?P<target>.+?)\1\s*$")
BLOCK = re.compile(r"^\s*-{1,}8<-{1,}\s*$")
SECTION = re.compile(r":(?:\d+(?::\d+)?|[\w-]+)$")  # file.md:3:9 or file.md:section


def _targets(ctx):
    lines = ctx.lines
    number, end = ctx.body_line, len(lines)
    while number <= end:
        line = lines[number - 1]
        match = INLINE.match(line)
        if match:
            yield number, match.start("target") + 1, match.group("target")
        elif BLOCK.match(line):
            number += 1
            while number <= end and not BLOCK.match(lines[number - 1]):
                target = lines[number - 1].strip()
                if target and not target.startswith(";"):
                    yield number, lines[number - 1].index(target) + 1, target
                number += 1
        number += 1


def _problem(target: str, ctx) -> str | None:
    if re.match(r"(?i)^[a-z][a-z0-9+.-]*://", target):
        return f"引用了网址 {target}，只能引用 snippets/ 里的文件"
    name = SECTION.sub("", target)
    path = Path(name)
    if path.is_absolute() or name.startswith("~") or ".." in path.parts:
        return f"引用“{target}”离开了 snippets/"
    snippets = ctx.env.snippets_dir
    resolved = (snippets / path).resolve()
    if snippets != resolved and snippets not in resolved.parents:
        return f"引用“{target}”离开了 snippets/"
    if not ctx.other_is_file(resolved):
        return f"引用的片段文件 snippets/{name} 不存在"
    return None


def check(ctx):
    for number, col, target in _targets(ctx):
        message = _problem(target, ctx)
        if message:
            yield Problem(number, col, message)
