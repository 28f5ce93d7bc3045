"""``new --type T --year Y``: write a scaffold sample to fill in."""

from __future__ import annotations

import re
import sys

from scripts.kb.check.config import settings
from scripts.kb.commands._draft import add_target_options, target_path, write_and_check
from scripts.kb.contribute.scaffold import ScaffoldError, scaffold

HELP = "新建：按会议类型、年度和对象生成范例骨架（front matter、必备章节、对照方面标题和写作提示）"


def configure(parser):
    dom = settings().domain
    parser.add_argument("--type", required=True, choices=dom.type_keys, help="会议类型")
    parser.add_argument("--year", required=True, type=int, help="年度")
    parser.add_argument("--subject", default="班子", choices=dom.allow_lists["subjects"], help="对象：班子（默认）或个人")
    parser.add_argument("--aspects", metavar="方面1、方面2", help=f"按本单位通知的对照方面生成（用、或逗号分隔；framework 写“{dom.local.name}”）")
    add_target_options(parser, "默认 docs/<类型>/<年度>-<类型>-draft.md")


def split_aspects(text: str | None) -> list[str]:
    return [a.strip() for a in re.split(r"[、,，;；]", text or "") if a.strip()]


def run(args) -> int:
    try:
        text = scaffold(args.type, args.year, args.subject, split_aspects(args.aspects))
    except ScaffoldError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    path = target_path(args, args.type, f"{args.year}-{args.type}-draft")
    return write_and_check(path, text, args)
