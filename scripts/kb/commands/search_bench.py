"""``search-bench --site DIR [--bundle DIR]``: the search evaluation (see scripts/kb/bench/search_eval.py).

``--samples N --write-site DIR`` first writes a site with the index of N synthetic samples (see
scripts/kb/bench/search_site.py) from the built site ``--site`` and evaluates that one instead."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path

from scripts.kb.bench import deployed, devtools, search_eval, search_site
from scripts.kb.search.phrase_index import IndexFormatError

HELP = "搜索评测：从范例正文随机抽取短语（固定种子），在 Chromium 里检索已构建的网站，报告找到率、首条正确率、耗时和传输量"


def configure(parser):
    parser.add_argument("--site", type=Path, required=True, metavar="目录", help="已构建的网站（mkdocs build -d 目录），按部署方式用 nginx（deploy/nginx.conf）在本机打开；没有 nginx 时用 Python 的 HTTP 服务器")
    parser.add_argument("--bundle", type=Path, metavar="目录", help="解压后的离线包文件夹，用 file:// 打开（可选）")
    parser.add_argument("--per-length", type=int, default=8, metavar="个数", help="每种长度（2–8 字）抽取的短语数（默认：8）")
    parser.add_argument("--absent", type=int, default=10, metavar="个数", help="不存在的短语数（默认：10）")
    parser.add_argument("--seed", type=int, default=0, metavar="种子", help="随机种子（默认：0）")
    parser.add_argument("--any-sample", action="store_true", help="短语可以出现在多篇范例里（合成语料用）；首条结果含有短语即算正确")
    parser.add_argument("--json", type=Path, metavar="文件", help="同时把结果写成 JSON 文件")
    parser.add_argument("--samples", type=int, metavar="篇数",
                        help="先把 --site（bench 合成语料构建的网站）复制到 --write-site，换上同一生成器前这么多篇合成范例的搜索索引，再评测复制出的网站（如 10000）")
    parser.add_argument("--write-site", type=Path, metavar="目录", help="--samples 写出的网站放在这里（一个新目录，或以前这样写出的网站：整个换掉）")


def run(args) -> int:
    from playwright.sync_api import sync_playwright

    if (args.samples is None) != (args.write_site is None):
        print("错误：--samples 和 --write-site 要一起给出", file=sys.stderr)
        return 2
    if args.samples is not None:
        if args.samples < 1:
            print("错误：--samples 至少为 1", file=sys.stderr)
            return 2
        try:
            size = search_site.synthetic_search_site(args.site, args.write_site, args.samples)
        except (search_site.SearchSiteError, IndexFormatError) as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 2
        print(f"已写出 {args.write_site}：{size.pages} 页，{size.shards} 片索引，{size.bytes / 1e6:.1f} MB", flush=True)
        args.site = args.write_site
    targets = [("online", args.site, None)] + ([("file", args.bundle, args.bundle.resolve().as_uri() + "/")] if args.bundle else [])
    for _, folder, _ in targets:
        if not (folder / search_eval.phrase_index.INDEX_DIR / "manifest.js").is_file():
            print(f"错误：{folder} 不是带搜索索引的网站（找不到 search/kb/manifest.js）", file=sys.stderr)
            return 2
    reports = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=devtools.CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
            for mode, folder, root in targets:
                with search_eval.served(folder) if root is None else nullcontext((root, "file://")) as (url, server):
                    print(f"[{mode}] {url}：{server}", flush=True)
                    report = search_eval.evaluate(browser, url, folder, mode, args.per_length, args.absent,
                                                  args.seed, unique=not args.any_sample)
                reports.append(report)
                print("\n".join(report.lines()), flush=True)
            browser.close()
    except (IndexFormatError, deployed.ServerError, devtools.DevToolsError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in reports], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    good = all(r.first_right == r.phrases and r.absent_with_results == 0 for r in reports)
    return 0 if good else 1
