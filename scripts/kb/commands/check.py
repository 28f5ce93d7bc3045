"""``check [PATHS]``: validate samples, snippets and pages; exit 0 clean, 1 findings, 2 usage."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.kb.cache import disk_cache
from scripts.kb.check import UsageError, formats, run_check
from scripts.kb.check.config import settings
from scripts.kb.core.paths import DOCS_DIR, SNIPPETS_DIR

HELP = "校验范例、片段和页面：front matter、结构、序号、文字、文件、安全与隐私"
LIST_FORMATS = {"text": formats.rules_text, "markdown": formats.rules_markdown, "json": formats.rules_json}


def configure(parser):
    parser.add_argument("paths", nargs="*", type=Path, metavar="路径", help="要检查的文件或目录（默认：整个 docs/ 和 snippets/，并做跨文件检查）")
    parser.add_argument(
        "--format",
        default="text",
        choices=sorted(set(formats.FORMATS) | set(LIST_FORMATS)),
        help="输出格式：text（默认）、json、github（工作流注释）、gitlab（代码质量报告）；--list-rules 还可用 markdown",
    )
    parser.add_argument("--strict", action="store_true", help="把警告也当作错误")
    parser.add_argument("--list-rules", action="store_true", help="列出全部规则及其级别，然后退出")
    parser.add_argument("--no-cache", action="store_true", help="不用缓存，重新检查每个文件（默认：内容、程序和数据都没变的文件沿用 .cache/check/ 中上次的结果）")
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="docs 目录（默认：仓库的 docs/）")
    parser.add_argument("--snippets", type=Path, default=SNIPPETS_DIR, help="snippets 目录（默认：仓库的 snippets/）")


def run(args) -> int:
    severities = settings().severities
    if args.list_rules:
        render = LIST_FORMATS.get(args.format)
        if render is None:
            print(f"错误：--list-rules 只支持 {'、'.join(LIST_FORMATS)} 格式", file=sys.stderr)
            return 2
        sys.stdout.write(render(severities))
        return 0
    if args.format not in formats.FORMATS:
        print(f"错误：检查结果只支持 {'、'.join(formats.FORMATS)} 格式", file=sys.stderr)
        return 2
    notice = disk_cache.unusable()
    if notice and not args.no_cache:
        print(notice, file=sys.stderr)
    try:
        report = run_check(args.paths or None, args.docs, args.snippets, strict=args.strict, use_cache=not args.no_cache)
    except UsageError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    sys.stdout.write(formats.RENDERERS[args.format](report))
    return 1 if report.errors else 0
