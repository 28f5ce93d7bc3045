"""FM012 豁免写法不对：front matter 的 check 是“规则编号: 理由”的映射，理由不能为空。

一个文件确实需要保留某条规则指出的写法（例如原文如此）时，可以在 front matter 中豁免该规则，
豁免会出现在 ``check --format json`` 的结果里。安全规则和构建所依赖的规则（scripts/data/rules.yml
的 unsuppressible）不能豁免。

PASS::

    check:
      TX006: 原文落款不带句号，保留原貌

FAIL::

    check:
      TX006:
      XX999: 理由
"""

from scripts.kb.check import rules
from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL, nearest

ID = "FM012"
NAME = "豁免写法不对"
HINT = "写成 check: 下一行缩进写“规则编号: 理由”，规则编号见 check --list-rules"
SCOPE = ALL
KEY = "check"


def check(ctx):
    if ctx.meta is None or KEY not in ctx.meta:
        return
    value = ctx.meta[KEY]
    line = ctx.field_line(KEY)
    if not isinstance(value, dict):
        yield Problem(line, 1, "check 应是“规则编号: 理由”的映射")
        return
    for rule, reason in value.items():
        where = _entry_line(ctx, line, str(rule))
        if str(rule) not in rules.RULES:
            yield Problem(where, 1, f"没有规则 {rule}{nearest(rule, rules.RULES)}")
        elif str(rule) in ctx.env.settings.unsuppressible:
            yield Problem(where, 1, f"规则 {rule} 不能豁免：请改正它指出的问题")
        elif not isinstance(reason, str) or not reason.strip():
            yield Problem(where, 1, f"豁免 {rule} 没有写理由")


def _entry_line(ctx, start: int, rule: str) -> int:
    """The line of ``RULE:`` below ``check:`` (the check: line itself for a flow mapping)."""
    for number in range(start + 1, ctx.body_line):
        if ctx.lines[number - 1].strip().startswith(f"{rule}:"):
            return number
    return start
