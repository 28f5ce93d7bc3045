"""SE007 电子邮箱：电子邮箱地址是个人信息，不能出现在材料里。

PASS::

    通过支部工作交流群分享学习资料。

FAIL::

    意见请发送至 zhangsan@example.com。
"""

import re

from scripts.kb.check.rules._common import ALL
from scripts.kb.check.rules._personal import masked, scan

ID = "SE007"
NAME = "电子邮箱"
HINT = "删去电子邮箱地址"
SCOPE = ALL
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def check(ctx):
    def describe(match):
        local, _, domain = match.group(0).partition("@")
        return f"疑似电子邮箱 {masked(local, 1, 0)}@{domain}"

    yield from scan(ctx, EMAIL, describe, "@")
