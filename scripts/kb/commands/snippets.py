"""``snippets extract SAMPLE...``: cut samples into snippet files under snippets/ for review."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.kb.contribute.extract import extract
from scripts.kb.contribute.snippet_writer import apply, plan_writes
from scripts.kb.core.data import domain
from scripts.kb.core.frontmatter import FrontMatterError
from scripts.kb.core.model import parse_sample
from scripts.kb.core.paths import DOCS_DIR, ROOT, SNIPPETS_DIR

HELP = "片段：从范例中提取可复用的段落，写到 snippets/ 供审阅后提交"


def configure(parser):
    sub = parser.add_subparsers(dest="action", title="操作", metavar="操作", required=True)
    extract_parser = sub.add_parser(
        "extract",
        help="从范例提取片段（每段、每个“一是……”各一个文件）",
        description="从范例提取片段：每段、每个“一是……二是……”条目各一个文件，文件名固定，可重复运行。"
        "已被手工修改的片段文件不会被覆盖，除非加 --force。",
    )
    extract_parser.add_argument("samples", nargs="+", type=Path, metavar="SAMPLE", help="范例文件（docs/ 下的 .md）")
    extract_parser.add_argument("--force", action="store_true", help="覆盖已被手工修改的片段文件（修改会丢失）")
    extract_parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="范例所在的 docs 目录（默认：仓库的 docs/）")
    extract_parser.add_argument("--out", type=Path, default=SNIPPETS_DIR, help="片段目录（默认：仓库的 snippets/）")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def run(args) -> int:
    docs, dom = args.docs.resolve(), domain()
    samples = []
    for path in args.samples:
        path = path.resolve()
        if not path.is_file():
            print(f"错误：{_shown(path)}: 文件不存在", file=sys.stderr)
            return 2
        if docs not in path.parents:
            print(f"错误：{_shown(path)}: 不在 docs 目录 {_shown(docs)} 里，片段的来源必须是已发布的范例", file=sys.stderr)
            return 2
        try:
            samples.append(parse_sample(path, docs, dom))
        except FrontMatterError as exc:
            print(f"{_shown(path)}:{exc.line}:{exc.col}: 错误：{exc.message}", file=sys.stderr)
            return 1
    snippets = [snippet for sample in samples for snippet in extract(sample)]
    plan = plan_writes(snippets, {sample.rel for sample in samples}, args.out, force=args.force)
    if plan.conflicts:
        for path in plan.conflicts:
            print(f"{_shown(path)}: 错误：这个片段在提取后被手工修改过，没有覆盖。", file=sys.stderr)
        print(
            f"已停止：{len(plan.conflicts)} 个片段文件被手工修改过，本次没有写入任何文件。"
            "保留修改请先把它们改名或移走；确定要用提取结果覆盖，请加 --force 重新运行。",
            file=sys.stderr,
        )
        return 1
    apply(plan)
    for path in plan.kept:
        print(f"{_shown(path)}: 提示：范例中已没有这段文字，但文件被手工修改过，予以保留，请人工处理。")
    print(
        f"已提取 {len(snippets)} 个片段到 {_shown(args.out)}：新增 {len(plan.create)}，更新 {len(plan.update)}，"
        f"未变 {len(plan.unchanged)}，删除过时 {len(plan.delete)}。请审阅后提交。"
    )
    return 0
