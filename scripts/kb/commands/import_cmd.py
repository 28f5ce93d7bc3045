"""``import FILE``: turn a contributor's .txt or .docx into a draft sample, then check it."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from scripts.kb.check.config import settings
from scripts.kb.commands._draft import add_target_options, target_path, write_and_check
from scripts.kb.contribute.draft import front_matter, todo
from scripts.kb.contribute.importer import convert
from scripts.kb.contribute.infer import front_matter_values
from scripts.kb.contribute.reading import ReadError, read_source
from scripts.kb.core.slug import pinyin_slug

HELP = "导入：把 .txt 或 .docx 材料转换成范例（推断类型和年度、去除水印、规范标点），写入后自动检查"


def configure(parser):
    parser.add_argument("file", type=Path, metavar="文件", help="要导入的材料：.txt（UTF-8、GBK 均可）或 .docx")
    parser.add_argument("--type", choices=settings().domain.type_keys, help="会议类型（默认从标题和开头段落推断）")
    parser.add_argument("--year", type=int, help="年度（默认从标题、日期和开头段落推断）")
    parser.add_argument("--subject", choices=settings().domain.allow_lists["subjects"], help="对象：班子或个人（默认推断）")
    add_target_options(parser, "默认 docs/<类型>/<年度>-<类型>-<标题的拼音>.md")


def run(args) -> int:
    try:
        source = read_source(args.file)
    except ReadError as exc:
        print(f"错误：{args.file}: {exc}", file=sys.stderr)
        return 2
    draft = convert(source.paragraphs)
    if not draft.blocks:
        print(f"错误：{args.file}: 去除水印和页码后没有正文", file=sys.stderr)
        return 2
    values = front_matter_values(draft, args.type, args.year, args.subject)
    type_key, year = values["meeting_type"], values["year"]
    if args.out is None and type_key == todo():
        print(f"错误：{args.file}: 无法从标题和开头段落判断会议类型，请用 --type 指定（{'、'.join(settings().domain.type_keys)}）", file=sys.stderr)
        return 2
    text = front_matter(values) + "\n" + draft.markdown()
    name = pinyin_slug(values["title"]) if values["title"] != todo() else ""
    name = name or hashlib.sha1(draft.markdown().encode("utf-8")).hexdigest()[:8]
    path = target_path(args, type_key, f"{year if year != todo() else 'nian'}-{type_key}-{name}")
    print(f"读取 {args.file}（{source.encoding}{'，CRLF 换行' if source.crlf else ''}）")
    for notice in draft.notices:
        print(notice)
    return write_and_check(path, text, args)
