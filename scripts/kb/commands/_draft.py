"""What `import` and `new` share: where the draft goes, and the check run on it once written."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.kb.check import run_check
from scripts.kb.check.formats import text as report_text
from scripts.kb.contribute.draft import ExistsError, write_new
from scripts.kb.core.paths import DOCS_DIR, ROOT


def add_target_options(parser, default_out: str) -> None:
    parser.add_argument("--out", type=Path, help=f"写到哪个文件（{default_out}；提交前请改成拼音短名）")
    parser.add_argument("--force", action="store_true", help="目标文件已存在时覆盖它")
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="docs 目录（默认：仓库的 docs/）")


def target_path(args, type_key: str, slug: str) -> Path:
    return args.out if args.out is not None else args.docs / type_key / f"{slug}.md"


def shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def write_and_check(path: Path, text: str, args) -> int:
    """Write the draft (refusing to overwrite without --force, exit 2), then check it: exit 0
    (the draft is written) whatever the check finds."""
    try:
        write_new(path, text, args.force)
    except ExistsError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    docs = args.docs
    print(f"已写入 {shown(path)}，下面是 check 的检查结果：")
    report = run_check([path], docs, docs.parent / "snippets")
    sys.stdout.write(report_text(report))
    if report.errors:
        print(f"请逐条修改上面的 {len(report.errors)} 个错误（TODO 处按注释填写），再运行 python -m scripts.kb check {shown(path)}")
    return 0
