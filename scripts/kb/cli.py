"""The one command-line entry point: ``python -m scripts.kb <subcommand>``.

Each subcommand is a module in ``scripts/kb/commands/`` (listed there by name) with HELP,
``configure(parser)`` and ``run(args) -> int``, imported only when it runs or the help lists them.
Exit codes: 0 success, 1 findings that fail, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import re
import sys

from scripts.kb.commands import MODULES, load
from scripts.kb.core.data import DataError

EXIT_USAGE = 2

# argparse's own messages, said in Chinese (patterns over its English text).
ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.*)", r"缺少参数 \1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数 \1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选：\3"),
    (r"argument (\S+): invalid (\w+) value: (\S+)", r"参数 \1 的值 \3 无效"),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese section titles and a one-line Chinese usage error (exit 2)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str):
        for english, chinese in ARGPARSE_MESSAGES:
            message = re.sub(english, chinese, message)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误：{message}（用 --help 查看用法）\n")


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or with ``command`` of that one only (the others are only
    named: their modules are not imported)."""
    parser = ChineseArgumentParser(
        prog="python -m scripts.kb",
        description="组织生活会材料库工具：校验范例、生成页面、导入和导出材料。",
    )
    sub = parser.add_subparsers(dest="command", title="子命令", metavar="子命令", parser_class=ChineseArgumentParser)
    for name in MODULES:
        if command in (None, name):
            module = load(name)
            module.configure(sub.add_parser(name, help=module.HELP, description=module.HELP))
        else:
            sub.add_parser(name)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:  # the commands' options come from scripts/data/
        parser = build_parser(argv[0] if argv and argv[0] in MODULES else None)
    except DataError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return load(args.command).run(args)
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return EXIT_USAGE
    except DataError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # the promise: one line, never a traceback
        print(f"内部错误：{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_USAGE
