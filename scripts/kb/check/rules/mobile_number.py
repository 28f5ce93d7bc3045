"""SE006 手机号码：大陆手机号码是个人信息，不能出现在材料里。

PASS::

    全年共收缴党费xxxxx.x元。

FAIL::

    联系电话 13812345678。
"""

import re

from scripts.kb.check.rules._common import ALL
from scripts.kb.check.rules._personal import DIGIT_RUN, masked, scan

ID = "SE006"
NAME = "手机号码"
HINT = "删去手机号码等个人信息，必要时用 xxx 代替"
SCOPE = ALL
MOBILE = re.compile(r"(?<![\d+])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")


def check(ctx):
    yield from scan(ctx, MOBILE, lambda m: f"疑似手机号码 {masked(m.group(0), 3, 4)}", DIGIT_RUN)
