"""``bundle [--out ZIP]``: build the offline site (file://, search included) and pack it as a zip."""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.kb.site.bundle import DEFAULT_ZIP, FOLDER, OFFLINE_CONFIG, BuildFailed, make_bundle

HELP = "构建离线版（解压后双击 index.html 即可浏览和搜索，不需要服务器）并打包成 zip"


def configure(parser):
    parser.add_argument("--out", type=Path, default=DEFAULT_ZIP, help=f"zip 文件路径（默认：{DEFAULT_ZIP.relative_to(DEFAULT_ZIP.parents[1])}）")
    parser.add_argument("--config", type=Path, default=OFFLINE_CONFIG, help=f"离线版配置文件（默认：{OFFLINE_CONFIG.name}）")


def run(args) -> int:
    if not args.config.is_file():
        print(f"错误：配置文件 {args.config} 不存在", file=sys.stderr)
        return 2
    try:
        count = make_bundle(args.out, args.config)
    except BuildFailed as exc:
        print(f"错误：离线版构建失败（mkdocs build --strict -f {args.config}），没有生成 zip：", file=sys.stderr)
        for line in exc.problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    size = args.out.stat().st_size
    print(f"已生成离线版 {args.out}（{count} 个文件，{size / 1024 / 1024:.1f} MB）：解压后打开 {FOLDER}/index.html")
    return 0
