"""``index --out DIR``: write the generated pages to a folder for inspection."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.kb.core.data import domain
from scripts.kb.core.frontmatter import FrontMatterError
from scripts.kb.core.model import load_library
from scripts.kb.core.paths import DOCS_DIR, SNIPPETS_DIR
from scripts.kb.site import pages
from scripts.kb.site.browse import BrowseDataError

NAME = "index"
HELP = "生成索引页面和 catalog.json（与构建时生成的相同），写到指定目录供查看"


def configure(parser):
    parser.add_argument("--out", required=True, type=Path, help="输出目录（不能在 docs/ 或 snippets/ 里）")
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="范例所在的 docs 目录（默认：仓库的 docs/）")
    parser.add_argument("--snippets", type=Path, default=SNIPPETS_DIR, help="片段目录（默认：仓库的 snippets/）")


def run(args) -> int:
    out = args.out.resolve()
    for source in (args.docs, args.snippets):
        if out == source.resolve() or source.resolve() in out.parents:
            print(f"错误：输出目录 {args.out} 在 {source} 里面，生成的文件不能写进源目录", file=sys.stderr)
            return 2
    if not args.docs.is_dir():
        print(f"错误：docs 目录 {args.docs} 不存在", file=sys.stderr)
        return 2
    try:
        library = load_library(args.docs, args.snippets, domain())
        generated = pages.generated_pages(library, domain())
    except FrontMatterError as exc:
        print(f"错误：{exc.message}（第 {exc.line} 行）", file=sys.stderr)
        return 1
    except BrowseDataError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    for src_uri, content in generated.items():
        target = out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    print(f"已生成 {len(generated)} 个文件到 {args.out}")
    return 0
