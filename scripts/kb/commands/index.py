"""``index --out DIR``: write the generated pages to a folder for inspection."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.kb.core.paths import DOCS_DIR, ROOT, SNIPPETS_DIR
from scripts.kb.site.site_build import SiteBuild, SiteBuildError

HELP = "生成索引页面和 catalog.json（与构建时生成的相同），写到指定目录供查看"


def configure(parser):
    parser.add_argument("--out", required=True, type=Path, help="输出目录（不能是仓库、docs/、snippets/ 或它们里面的目录；不是空目录时要加 --force）")
    parser.add_argument("--force", action="store_true", help="输出目录不是空的时也写入（覆盖同名文件）")
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="范例所在的 docs 目录（默认：仓库的 docs/）")
    parser.add_argument("--snippets", type=Path, default=SNIPPETS_DIR, help="片段目录（默认：仓库的 snippets/）")


def _refusal(args) -> str | None:
    """Why the output folder cannot be written to, or None."""
    out = args.out.resolve()
    for source in (args.docs.resolve(), args.snippets.resolve(), ROOT):
        if out == source or source in out.parents:
            return f"输出目录 {args.out} 在 {source} 里面，生成的文件不能写进源目录"
        if out in source.parents:
            return f"输出目录 {args.out} 包含 {source}，生成的文件会覆盖源文件"
    if out.exists() and not out.is_dir():
        return f"{args.out} 不是目录"
    if out.is_dir() and any(out.iterdir()) and not args.force:
        return f"输出目录 {args.out} 不是空的，未写入（要写入并覆盖同名文件请加 --force）"
    return None


def run(args) -> int:
    refusal = _refusal(args)
    if refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        return 2
    if not args.docs.is_dir():
        print(f"错误：docs 目录 {args.docs} 不存在", file=sys.stderr)
        return 2
    site = SiteBuild()
    try:
        site.prepare(args.docs, directory_urls=True, snippets_dir=args.snippets, drafts=True)
    except SiteBuildError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    out = args.out.resolve()
    for src_uri, content in site.generated.items():
        target = out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    print(f"已生成 {len(site.generated)} 个文件到 {args.out}")
    return 0
