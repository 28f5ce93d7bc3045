"""FM011 未知字段：front matter 中不在字段表里的键，多半是拼错了。

PASS::

    meeting_type: annual

FAIL::

    meetingtype: annual
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT, nearest

ID = "FM011"
NAME = "未知字段"
HINT = "删除该字段，或改成字段表中的名字（scripts/data/front_matter.yml、snippets.yml）"
SCOPE = CONTENT


def check(ctx):
    if ctx.meta is None:
        return
    known = [f.key for f in ctx.schema.fields]
    extra = ctx.env.settings["extra_fields"]
    for key in ctx.meta:
        if str(key) not in known and str(key) not in extra:
            yield Problem(ctx.field_line(str(key)), 1, f"未知字段 {key}{nearest(key, known)}")
