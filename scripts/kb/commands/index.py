"""``index --out DIR``: write the generated pages to a folder for inspection."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.kb import pages
from scripts.kb.data import domain
from scripts.kb.frontmatter import FrontMatterError
from scripts.kb.model import load_samples
from scripts.kb.paths import DOCS_DIR

NAME = "index"
HELP = "生成索引页面（与构建时生成的相同），写到指定目录供查看"


def configure(parser):
    parser.add_argument("--out", required=True, type=Path, help="输出目录（不能在 docs/ 里）")
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="范例所在的 docs 目录（默认：仓库的 docs/）")


def run(args) -> int:
    out = args.out.resolve()
    if out == args.docs.resolve() or args.docs.resolve() in out.parents:
        print(f"错误：输出目录 {args.out} 在 docs/ 里面，生成的页面不能写进 docs/", file=sys.stderr)
        return 2
    try:
        samples = load_samples(args.docs, domain())
    except FrontMatterError as exc:
        print(f"错误：{exc.message}（第 {exc.line} 行）", file=sys.stderr)
        return 1
    generated = pages.generated_pages(samples, domain())
    for src_uri, content in generated.items():
        target = out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    print(f"已生成 {len(generated)} 个页面到 {args.out}")
    return 0
