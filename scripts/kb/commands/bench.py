"""``bench [--sizes N,…] [--runs R] [--json FILE] [--keep DIR] [--bare-max N]``: the benchmark at scale (see scripts/kb/bench/bench.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scripts.kb.bench.bench import BARE_MAX, BenchError, run_bench
from scripts.kb.bench.bench_report import report, table
from scripts.kb.bench.corpus import CorpusError

HELP = "基准测试：在临时目录生成合成语料，比较原生构建、完整构建、check 和 serve 重建的耗时与大小"


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise ValueError(text)
    return sizes


_sizes.__name__ = "规模列表"


def configure(parser):
    parser.add_argument("--sizes", type=_sizes, default=[1000], metavar="篇数", help="范例篇数，逗号分隔（默认：1000；例如 100,1000,3000 看增长）")
    parser.add_argument("--runs", type=int, default=3, metavar="次数", help="每项测量的次数，报告取中位数（默认：3）")
    parser.add_argument("--json", type=Path, metavar="文件", help="同时把结果写成 JSON 文件")
    parser.add_argument("--keep", type=Path, metavar="目录", help="把语料和构建结果留在这个目录（默认用临时目录并在结束后删除）")
    parser.add_argument("--bare-max", type=int, default=BARE_MAX, metavar="篇数",
                        help=f"原生 material 构建只在不超过这个篇数时测（默认：{BARE_MAX}）：它的每一页都列出全部页面，"
                             "网站大小随篇数的平方增长（3000 篇时 3.5 GB），更大的规模只测本项目的构建、check 和重建")


def run(args) -> int:
    if args.runs < 1:
        print("错误：--runs 至少为 1", file=sys.stderr)
        return 2
    progress = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    try:
        results = run_bench(sorted(set(args.sizes)), args.runs, args.keep, progress, args.bare_max)
    except (BenchError, CorpusError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    data = report(results, args.runs)
    print(table(data))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"JSON 已写入 {args.json}")
    return 0 if all(r.check_passed for r in results) else 1
