"""``export SAMPLE [--out FILE]`` and ``export --outline TYPE --year Y``: a .docx in 公文 layout."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from scripts.kb.core.data import domain
from scripts.kb.core.frontmatter import FrontMatterError
from scripts.kb.core.model import parse_sample
from scripts.kb.core.outline import outline_subjects
from scripts.kb.core.paths import DOCS_DIR
from scripts.kb.site import downloads
from scripts.kb.word.docx_content import ExportError
from scripts.kb.word.docx_layout import LayoutError, layout

HELP = "把范例或提纲导出为公文格式的 Word 文件（.docx）"


def configure(parser):
    parser.add_argument("sample", nargs="?", type=Path, metavar="SAMPLE", help="范例的 Markdown 文件（如 docs/annual/xxx.md）")
    parser.add_argument("--outline", metavar="TYPE", help=f"改为导出这个会议类型的提纲（{'、'.join(domain().type_keys)}）")
    parser.add_argument("--year", type=int, help="提纲的年度（与 --outline 一起用）")
    parser.add_argument("--subject", choices=["班子", "个人"], help="提纲的对象（默认：班子）")
    parser.add_argument("--out", type=Path, help="输出文件（默认：当前目录下以标题命名的 .docx）")
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="范例所在的 docs 目录（默认：仓库的 docs/）")


class CommandError(Exception):
    """A one-line Chinese message and the exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def _outline(args):
    dom = domain()
    mt = dom.type(args.outline)
    if mt is None:
        raise CommandError(f"用法错误：未知的会议类型 {args.outline}，可选：{'、'.join(dom.type_keys)}", 2)
    framework = mt.framework_for(args.year)
    if framework is None:
        years = "、".join(str(y) for y in sorted(mt.frameworks))
        raise CommandError(f"用法错误：{mt.name}没有 {args.year} 年度的对照框架，可选年度：{years}", 2)
    if framework.see:
        raise CommandError(f"用法错误：{mt.name} {args.year} 年度作为{dom.type(framework.see).name}召开，"
                           f"用 --outline {framework.see} --year {args.year} 导出它的提纲", 2)
    subjects = outline_subjects(mt, args.year)
    subject = args.subject or (subjects[0] if subjects else "班子")
    if subject not in subjects:
        raise CommandError(f"用法错误：{mt.name} {args.year} 年度暂未查到{dom.subject_label(subject)}材料的对照方面，没有这份提纲", 2)
    return downloads.outline_download(mt, args.year, subject, dom, layout())


def _sample(args):
    path = args.sample if args.sample.exists() else args.docs / args.sample
    if not path.is_file():
        raise CommandError(f"错误：找不到范例文件 {args.sample}")
    docs, path = args.docs.resolve(), path.resolve()
    if docs not in path.parents:
        raise CommandError(f"错误：{args.sample} 不在 docs 目录（{args.docs}）里，不是范例")
    try:
        return downloads.sample_download(parse_sample(path, docs), layout())
    except FrontMatterError as exc:
        raise CommandError(f"错误：{args.sample}:{exc.line}: {exc.message}") from None


def _write(target: Path, data: bytes) -> None:
    """Write through a temporary file, so a failure never leaves half a document."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".export-", suffix=".docx")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, target)


def run(args) -> int:
    if (args.sample is None) == (args.outline is None):
        print("用法错误：给出一个范例文件，或用 --outline TYPE --year Y 导出提纲（两者选一）", file=sys.stderr)
        return 2
    if args.outline and args.year is None:
        print("用法错误：导出提纲时要用 --year 指定年度", file=sys.stderr)
        return 2
    try:
        download = _outline(args) if args.outline else _sample(args)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    except (ExportError, LayoutError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    target = args.out or Path(download.filename)
    if target.is_dir():
        target = target / download.filename
    if not target.parent.is_dir():
        print(f"错误：输出目录 {target.parent} 不存在", file=sys.stderr)
        return 1
    if target.exists() and not args.force:
        print(f"错误：{target} 已存在，未覆盖（要覆盖请加 --force）", file=sys.stderr)
        return 1
    try:
        _write(target, downloads.document_bytes(download, layout()))
    except ExportError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已导出 {target}")
    return 0
