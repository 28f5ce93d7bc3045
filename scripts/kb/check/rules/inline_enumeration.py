"""NU004 段内列举跳号或重号：“一是……二是……三是……”按顺序，不跳号、不重号。

一组列举从“一是”开始，可以跨段落，到下一个标题或以序号开头的段落为止。片段（snippets/）是列举中
的一项，可以从“二是”开始，不检查。
列举用的字（是）和前面可跟的标点在 scripts/data/check.yml。

PASS::

    一是学习不够深入。二是联系群众不够紧密。三是工作作风不够扎实。

FAIL::

    一是学习不够深入。二是联系群众不够紧密。二是工作作风不够扎实。
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES
from scripts.kb.core.numbering import chinese_numeral, parse_chinese_numeral

ID = "NU004"
NAME = "段内列举跳号或重号"
HINT = "按“一是、二是、三是”的顺序改正"
SCOPE = SAMPLES


def check(ctx):
    pattern = ctx.env.settings.enumeration_regex
    expected = None
    for line in ctx.prose:
        if line.kind == "heading" or line.number in ctx.markers:
            expected = None
        if line.kind == "heading":
            continue
        for match in pattern.finditer(line.text, line.start):
            number = parse_chinese_numeral(match.group(1))
            if number is None:
                continue
            suffix = match.group(2)
            if number == 1:
                expected = 2
                continue
            written = match.group(0)
            if expected is None:
                message = f"“{written}”前面没有“一{suffix}”"
            elif number != expected:
                what = "重复" if number < expected else "跳号"
                message = f"“{written}”{what}：这里应为“{chinese_numeral(expected)}{suffix}”"
            else:
                message = None
            if message:
                yield Problem(line.number, match.start() + 1, message)
            # A repeated number is taken as a slip for the expected one: one slip, one finding.
            expected = expected + 1 if expected is not None and number < expected else number + 1
