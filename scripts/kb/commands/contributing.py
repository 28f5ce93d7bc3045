"""``contributing [--check]``: rewrite (or verify) the generated parts of CONTRIBUTING.md."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.kb.contribute.contributing import CONTRIBUTING, MarkerError, regenerate

HELP = "重新生成 CONTRIBUTING.md 中的规则表和字段表（--check 只检查是否同步）"


def configure(parser):
    parser.add_argument("--check", action="store_true", help="只检查：不同步时报错退出（CI 用）")
    parser.add_argument("--file", type=Path, default=CONTRIBUTING, help="要处理的文件（默认：仓库的 CONTRIBUTING.md）")


def run(args) -> int:
    try:
        text = args.file.read_text(encoding="utf-8")
        fresh = regenerate(text)
    except (OSError, MarkerError) as exc:
        print(f"错误：{args.file}: {exc}", file=sys.stderr)
        return 2
    if fresh == text:
        print(f"{args.file} 的生成部分已是最新")
        return 0
    if args.check:
        print(f"错误：{args.file} 的规则表或字段表与数据不同步：运行 make contributing 重新生成", file=sys.stderr)
        return 1
    args.file.write_text(fresh, encoding="utf-8")
    print(f"已更新 {args.file} 的规则表和字段表")
    return 0
