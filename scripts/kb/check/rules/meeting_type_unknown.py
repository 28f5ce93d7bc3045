"""FM005 未知的会议类型：meeting_type（片段为 meeting_types 的每一项）必须是 meeting_types.yml 中的键。

PASS::

    meeting_type: annual

FAIL::

    meeting_type: anual
"""

from scripts.kb.check.context import SAMPLE, Problem
from scripts.kb.check.rules._common import CONTENT, is_todo, nearest

ID = "FM005"
NAME = "未知的会议类型"
HINT = "会议类型的键见 scripts/data/meeting_types.yml；新的会议类型先在那里添加"
SCOPE = CONTENT


def check(ctx):
    if ctx.meta is None:
        return
    dom = ctx.env.settings.domain
    key = "meeting_type" if ctx.kind == SAMPLE else "meeting_types"
    value = ctx.meta.get(key)
    values = value if isinstance(value, list) else [value]
    for item in values:
        if not isinstance(item, str) or not item or item in dom.type_keys or is_todo(ctx, item):
            continue
        by_name = next((t.key for t in dom.types if item in (t.name, t.full_name)), None)
        suggestion = f"，应写类型键“{by_name}”" if by_name else nearest(item, dom.type_keys)
        yield Problem(
            ctx.field_line(key),
            ctx.value_col(key),
            f"未知的会议类型“{item}”{suggestion}（可选：{'、'.join(dom.type_keys)}）",
        )
