"""FM004 字段类型不对：字符串、整数、日期、列表各按字段表的 type。

PASS::

    year: 2021
    date: 2022-01-20
    tags: [四个对照]

FAIL::

    year: 2021年
    date: 1月20日
    tags: 四个对照
"""

import datetime

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import CONTENT, is_todo

ID = "FM004"
NAME = "字段类型不对"
HINT = "按字段说明改写"
SCOPE = CONTENT

TYPE_NAMES = {"str": "文字", "int": "整数", "date": "日期（YYYY-MM-DD）", "list": "列表（[甲, 乙]）"}


def _describe(value) -> str:
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, int):
        return "整数"
    if isinstance(value, datetime.date):
        return "日期"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return f"文字“{value}”"


def _fits(kind: str, value) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, datetime.date)
    if kind == "list":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    raise ValueError(f"字段表中未知的类型 {kind}")


def check(ctx):
    if ctx.meta is None:
        return
    for spec in ctx.schema.fields:
        value = ctx.meta.get(spec.key)
        if value in (None, "", [], {}) or _fits(spec.type, value) or is_todo(ctx, value):
            continue
        shown = "含非文字项的列表" if isinstance(value, list) else _describe(value)
        yield Problem(
            ctx.field_line(spec.key),
            ctx.value_col(spec.key),
            f"字段 {spec.key}（{spec.label}）应为{TYPE_NAMES[spec.type]}，实际是{shown}",
            f"例如 {spec.key}: {spec.example}",
        )
