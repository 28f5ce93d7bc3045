"""FM003 缺少必填字段：front matter 中 required 的字段必须存在且不为空。

字段表在 scripts/data/front_matter.yml（范例）和 scripts/data/snippets.yml（片段）。

PASS::

    ---
    title: 某支部2021年度组织生活会对照检查材料
    meeting_type: annual
    ……（其余必填字段）
    ---

FAIL::

    ---
    meeting_type: annual
    ---
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT

ID = "FM003"
NAME = "缺少必填字段"
HINT = "补上该字段"
SCOPE = CONTENT
EMPTY = (None, "", [], {})


def check(ctx):
    if ctx.meta is None:
        return
    for spec in ctx.schema.fields:
        if spec.required and ctx.meta.get(spec.key) in EMPTY:
            where = "为空" if spec.key in ctx.meta else ""
            hint = f"例如 {spec.key}: {spec.example}" + (f"（{spec.note}）" if spec.note else "")
            yield Problem(ctx.field_line(spec.key), 1, f"必填字段 {spec.key}（{spec.label}）{where or '缺失'}", hint)
