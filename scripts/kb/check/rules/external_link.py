"""SE003 外部链接或图片：站点在内网使用，链接和图片不能指向其他主机。

允许的主机在 scripts/data/check.yml 的 allowed_hosts（默认没有）。

PASS::

    见[撰写指南](../guide.md)。![结构图](../assets/outline.png)

FAIL::

    见[原文](https://www.example.com/a.html)。![结构图](//cdn.example.com/a.png)
"""

import re
from urllib.parse import urlsplit

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "SE003"
NAME = "外部链接或图片"
HINT = "删去外部链接；图片放进仓库并用相对路径引用"
SCOPE = ALL
URL = re.compile(
    r"(?P<image>!?)\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)"  # [text](url) and ![alt](url)
    r"|^\s*\[[^\]]+\]:\s*<?(?P<ref>\S+?)>?(?:\s|$)"  # [label]: url
    r"|(?P<bare>(?:https?|ftp)://[^\s<>()（）\"'，。]+|//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s)]*)",
    re.I,
)


def _host(url: str) -> str | None:
    if not re.match(r"(?i)^(?:(?:https?|ftp):)?//", url):
        return None
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def check(ctx):
    allowed = set(ctx.env.settings["allowed_hosts"])
    for number, line in ctx.source:
        if "/" not in line:
            continue
        seen = set()
        for match in URL.finditer(line):
            name = next(n for n in ("target", "ref", "bare") if match.group(n))
            url, start = match.group(name), match.start(name)
            host = _host(url)
            if host is None or host in allowed or start in seen:
                continue
            seen.add(start)
            what = "图片来自" if match.group("image") else "链接指向"
            yield Problem(number, start + 1, f"{what}外部主机 {host}")
