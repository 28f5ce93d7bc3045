"""``serve [--dev-addr ADDR] [-f CONFIG]``: the site on a local server, rebuilt after each edit.

This is ``make serve``: ``mkdocs serve --dirty --strict``. The hook makes the dirty rebuild exact
(scripts/kb/cache/incremental.py): only the pages whose HTML changes are built again, so an edit shows
in seconds even with thousands of samples. The process becomes mkdocs (Ctrl+C stops it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from scripts.kb.core.paths import ROOT

HELP = "在本机启动预览服务器（默认 http://127.0.0.1:8000），修改文件后只重建受影响的页面"
DEFAULT_ADDR = "127.0.0.1:8000"


def configure(parser):
    parser.add_argument("--dev-addr", default=DEFAULT_ADDR, help=f"监听的地址和端口（默认：{DEFAULT_ADDR}）")
    parser.add_argument("-f", "--config", type=Path, default=ROOT / "mkdocs.yml", help="站点配置文件（默认：mkdocs.yml）")


def argv(dev_addr: str, config: Path) -> list[str]:
    """The mkdocs command line of the preview server."""
    return [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "--dev-addr", dev_addr, "-f", str(config)]


def run(args) -> int:
    if not args.config.is_file():
        print(f"错误：配置文件 {args.config} 不存在", file=sys.stderr)
        return 2
    command = argv(args.dev_addr, args.config)
    os.execve(command[0], command, {**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return 1  # not reached: the process is mkdocs now
