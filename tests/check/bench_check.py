"""Benchmark of ``check`` on a synthetic corpus (not a test): python -m tests.check.bench_check

Writes N samples of about 15 KB into a temporary tree under the outline of their meeting type,
with paragraphs recombined from the published samples' sentences (synthetic text only), then
times a whole-tree ``python -m scripts.kb check`` (cross-file rules included) without the cache,
with an empty cache (cold) and with the cache it left (warm), and, in one process as
``mkdocs serve`` runs it, a second run_check after editing one sample.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.kb.check import run_check
from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples
from scripts.kb.core.outline import build_outline
from scripts.kb.core.paths import DOCS_DIR, ROOT


def paragraphs(docs: Path, rng: random.Random, count: int = 3000) -> list[str]:
    """Synthetic paragraphs: 3 to 8 sentences drawn from the published samples' paragraphs."""
    sentences = []
    for sample in load_samples(docs):
        for section in sample.sections:
            for paragraph in section.paragraphs:
                sentences += [s + "。" for s in paragraph.split("。") if len(s) > 8]
    if not sentences:
        raise SystemExit(f"{docs} 中没有范例段落，无法生成合成语料")
    return ["".join(rng.choices(sentences, k=rng.randint(3, 8))) for _ in range(count)]


def synthetic_sample(index: int, pool: list[str], rng: random.Random, size: int) -> str:
    dom = domain()
    mt = rng.choice(dom.types)
    year = rng.choice(sorted(mt.frameworks))
    meta = {
        "title": f"合成范例{index:05d}：{year}年{mt.name}对照检查材料",
        "meeting_type": mt.key,
        "year": year,
        "level": "县级",
        "org_kind": "党政机关",
        "subject": "班子",
        "framework": mt.frameworks[year].name,
        "tags": ["理论学习"],
        "source": "基准测试用的合成文本",
    }
    outline = build_outline(mt, year, "班子", dom)
    head = f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n"
    sections = [[rng.choice(pool)]] + [[("## " if i.level == 1 else "### ") + i.heading] for i in outline]
    length = len(head.encode()) + sum(len(x.encode()) + 2 for part in sections for x in part)
    while length < size:
        paragraph = rng.choice(pool)
        rng.choice(sections).append(paragraph)
        length += len(paragraph.encode()) + 2
    text = head + "\n\n".join(x for part in sections for x in part)
    return text + "\n"


def write_corpus(root: Path, count: int, size: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    pool = paragraphs(DOCS_DIR, rng)
    for index in range(count):
        text = synthetic_sample(index, pool, rng, size)
        key = yaml.safe_load(text.split("---")[1])["meeting_type"]
        path = root / "docs" / key / f"synthetic-{index:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "snippets").mkdir(exist_ok=True)


def plant_near_duplicates(root: Path, count: int, rng: random.Random) -> None:
    """Copy ``count`` samples under new names, a tenth of their paragraphs dropped."""
    originals = sorted((root / "docs").rglob("synthetic-*.md"))[:count]
    for index, path in enumerate(originals):
        head, body = path.read_text(encoding="utf-8").split("---\n", 2)[1:]
        kept = [p for p in body.split("\n\n") if p.startswith("#") or rng.random() > 0.1]
        head = head.replace("合成范例", "合成改写范例")
        path.with_name(f"planted-{index:05d}.md").write_text(f"---\n{head}---\n" + "\n\n".join(kept), encoding="utf-8")


def timed_cli(root: Path, *options: str) -> float:
    command = [sys.executable, "-m", "scripts.kb", "check", "--docs", str(root / "docs"), "--snippets", str(root / "snippets"), *options]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env={**os.environ, "KB_CACHE_DIR": str(root / "cache")}, capture_output=True, check=False)
    return time.perf_counter() - start


def figures(times: list[float]) -> str:
    return f"最短 {min(times):.2f} s（各次 {', '.join(f'{t:.2f}' for t in times)} s）"


def main() -> None:
    parser = argparse.ArgumentParser(description="check 的基准测试")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--size", type=int, default=15000, help="每篇的字节数（约）")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plant", type=int, default=10, help="另加多少篇近似重复的改写（应被 CR003 全部找出）")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root, args.count - args.plant, args.size)
        plant_near_duplicates(root, args.plant, random.Random(2))
        total = sum(p.stat().st_size for p in (root / "docs").rglob("*.md"))
        uncached = [timed_cli(root, "--no-cache") for _ in range(args.runs)]
        cold = []
        for _ in range(args.runs):
            shutil.rmtree(root / "cache", ignore_errors=True)
            cold.append(timed_cli(root))
        warm = [timed_cli(root) for _ in range(args.runs)]
        os.environ["KB_CACHE_DIR"] = str(root / "cache")
        report = run_check(None, root / "docs", root / "snippets")
        edited = next((root / "docs").rglob("synthetic-*.md"))
        edited.write_text(edited.read_text(encoding="utf-8") + "\n加强理论学习。\n", encoding="utf-8")
        start = time.perf_counter()
        again = run_check(None, root / "docs", root / "snippets")
        serve = time.perf_counter() - start
        near = {f.path.rsplit("/", 1)[-1] for f in report.findings if f.rule == "CR003"}
        planted = sum(1 for name in near if name.startswith("planted-"))
        print(f"{report.files} 个文件，共 {total / 1e6:.1f} MB；python -m scripts.kb check 用时：")
        print(f"  不用缓存 {figures(uncached)}")
        print(f"  冷缓存 {figures(cold)}")
        print(f"  热缓存 {figures(warm)}")
        print(f"  同一进程中改一篇后再查（mkdocs serve 的情形）{serve:.2f} s，重新检查 {again.cache.misses} 个文件")
        print(f"{len(report.errors)} errors, {len(report.warnings)} warnings；CR003 找出 {len(near)} 个文件近似重复，预埋的 {args.plant} 篇找出 {planted} 篇")


if __name__ == "__main__":
    main()
