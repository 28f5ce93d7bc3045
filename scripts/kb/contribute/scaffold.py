"""`new`: a scaffold sample for a meeting type, year and subject, from the type's outline
(outline.py): front matter, the required and recommended sections, the framework headings, and a
one-line writing hint under each (TX007 reports every hint left in). With ``aspects`` (the unit's
own notice) the problems section lists those instead, and the front matter says so."""

from __future__ import annotations

from scripts.kb.check.config import settings
from scripts.kb.contribute.draft import front_matter, todo
from scripts.kb.core.outline import build_outline


class ScaffoldError(ValueError):
    """The type, year or subject has no data to build a scaffold from."""


def scaffold(type_key: str, year: int, subject: str, aspects: list[str] | None = None) -> str:
    conf = settings()
    dom = conf.domain
    mt = dom.type(type_key)
    if mt is None:
        raise ScaffoldError(f"未知的会议类型“{type_key}”（可选：{'、'.join(dom.type_keys)}）")
    values = {"title": todo(), "meeting_type": mt.key, "year": year, "subject": subject}
    if aspects:
        areas = dom.local.areas(aspects)
        values.update(framework=dom.local.name, aspects=[a.name for a in areas])
    else:
        framework = mt.framework_for(year)
        local = f"；也可以按本单位通知用 --aspects 列出对照方面（framework 写“{dom.local.name}”）"
        if framework is None:
            years = "、".join(str(y) for y in sorted(mt.frameworks))
            raise ScaffoldError(f"{mt.name}没有 {year} 年度的对照框架（数据中有：{years}）{local}；"
                                "新的年度在 scripts/data/meeting_types.yml 中添加")
        if subject not in framework.subjects:
            raise ScaffoldError(f"{mt.name} {year} 年度暂未查到{dom.subject_label(subject)}材料的对照方面{local}")
        areas = framework.areas_for(subject)
        values["framework"] = framework.name
    hint = conf["hint_prefix"]
    body = [f"{hint}{dom.role('intro').hint}"]
    for item in build_outline(mt, year, subject, dom, areas):
        body.append(("## " if item.level == 1 else "### ") + item.heading)
        body.append(f"{hint}{item.hint}")
    return front_matter(values) + "\n" + "\n\n".join(body) + "\n"
