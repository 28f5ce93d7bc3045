"""SE005 身份证号：18 位、校验码正确的居民身份证号码是个人信息，不能出现在材料里。

PASS::

    支部党员从年初的xx人增加到xx人。

FAIL::

    联系人身份证号 11010519491231002X。
"""

import re

from scripts.kb.check.rules._common import ALL
from scripts.kb.check.rules._personal import DIGIT_RUN, masked, scan

ID = "SE005"
NAME = "身份证号"
HINT = "删去身份证号等个人信息，必要时用 xxx 代替"
SCOPE = ALL
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CODES = "10X98765432"


def valid(number: str) -> bool:
    """GB 11643 checksum of an 18-digit citizen ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], WEIGHTS))
    return CHECK_CODES[total % 11] == number[17].upper()


def check(ctx):
    def describe(match):
        value = match.group(0)
        return f"疑似身份证号 {masked(value, 6, 4)}" if valid(value) else None

    yield from scan(ctx, ID_NUMBER, describe, DIGIT_RUN)
