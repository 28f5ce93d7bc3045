"""FM010 放错目录：范例放在 docs/<meeting_type>/ 下，目录名与 meeting_type 一致。

PASS::

    docs/annual/2021-renda-jiguan.md   （meeting_type: annual）

FAIL::

    docs/dangshi/2021-renda-jiguan.md  （meeting_type: annual）
"""

from scripts.kb.check.context import Problem
from scripts.kb.check.rules._common import SAMPLES

ID = "FM010"
NAME = "放错目录"
HINT = "把文件移到与 meeting_type 同名的目录，或改正 meeting_type"
SCOPE = SAMPLES


def check(ctx):
    value = (ctx.meta or {}).get("meeting_type")
    docs = ctx.env.docs_dir
    if not isinstance(value, str) or value not in ctx.env.settings.domain.type_keys or docs not in ctx.path.parents:
        return
    folder = ctx.rel.split("/")[0]
    if folder != value:
        yield Problem(ctx.field_line("meeting_type"), ctx.value_col("meeting_type"), f"meeting_type 是 {value}，文件却在 docs/{folder}/ 下")
