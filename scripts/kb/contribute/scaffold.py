"""`new`: a scaffold sample for a meeting type and year, from the type's outline (outline.py):
front matter, the required and recommended sections, the framework headings, and a one-line
writing hint under each (TX007 reports every hint left in)."""

from __future__ import annotations

from scripts.kb.check.config import settings
from scripts.kb.contribute.draft import front_matter, todo
from scripts.kb.core.outline import build_outline


class ScaffoldError(ValueError):
    """The type or year has no data to build a scaffold from."""


def scaffold(type_key: str, year: int, subject: str) -> str:
    conf = settings()
    dom = conf.domain
    mt = dom.type(type_key)
    if mt is None:
        raise ScaffoldError(f"未知的会议类型“{type_key}”（可选：{'、'.join(dom.type_keys)}）")
    framework = mt.framework_for(year)
    if framework is None:
        years = "、".join(str(y) for y in sorted(mt.frameworks))
        raise ScaffoldError(f"{mt.name}没有 {year} 年度的对照框架（数据中有：{years}）；新的年度先在 scripts/data/meeting_types.yml 中添加")
    hint = conf["hint_prefix"]
    values = {"title": todo(), "meeting_type": mt.key, "year": year, "subject": subject, "framework": framework.name}
    body = [f"{hint}{dom.role('intro').hint}"]
    for item in build_outline(mt, year, subject, dom):
        body.append(("## " if item.level == 1 else "### ") + item.heading)
        body.append(f"{hint}{item.hint}")
    return front_matter(values) + "\n" + "\n\n".join(body) + "\n"
