"""TX001 网站水印或广告：从网上复制的材料常夹带网站名（“公.文思.享文.库出.品”）和“来源：”“更多范文”等尾注。

模式在 scripts/data/watermarks.yml。

PASS::

    支部工作思路不清、推动不力，不愿思考、不愿作为。

FAIL::

    支部工作思路不清、推动不力，公.文思.享文.库出.品，不愿思考、不愿作为。
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import ALL

ID = "TX001"
NAME = "网站水印或广告"
HINT = "删去夹带的网站名、来源尾注和广告文字，保留原文内容"
SCOPE = ALL


def check(ctx):
    for mark in ctx.env.settings.watermarks:
        for start, found in mark.finditer(ctx.prose_text):
            yield Problem(*ctx.prose_position(start), f"疑似{mark.name}：“{found.strip()}”")
