"""The benchmark at scale: a synthetic corpus in a temporary folder, built four ways.

For one corpus size, in the same run and alternating (a, b, c, a, b, c, …):

- ``bare``: a plain mkdocs-material build of the same Markdown: its own minimal config (default
  navigation listing every page, the search plugin with jieba, the same Markdown extensions), no
  hook, no other plugin. Every page of it lists every page, so its site grows with the square of
  the sample count (3.5 GB at 3,000 samples): sizes above ``bare_max`` leave it out;
- ``full``: this project's build, ``mkdocs build --strict`` with the repository's config pointed at
  the corpus (the hook runs check, adds the generated pages, writes the Word files and the index);
- ``check``: ``python -m scripts.kb check`` of the corpus alone;

then ``rebuild``: ``python -m scripts.kb serve`` (what the README's ``make serve`` runs) on a free
loopback port; one sample is edited and the time until the server returns that page with the
edit is taken.

Every command runs in its own process; its peak memory is that process's ``ru_maxrss`` (os.wait4).
The project's caches go to a folder inside the temporary folder, so the first ``check`` and the
first full build are cold (reported apart) and the later ones are warm, as on a contributor's
machine or a CI cache. Each later round first measures a cold ``check`` and full build again, in a
new cache folder: the cold figures are medians too, taken between the others. Every cold build
writes a new site folder, as on a fresh clone or in CI; the warm builds rewrite ``site-full``.

Nothing is deleted between two timed runs; the folders go with the temporary folder at the end. On
an ext4 file system without a journal (as on the machine the figures come from) the kernel skips inodes freed in
the last seconds to minutes, one by one, whenever it creates a file: deleting a site of 8,000
files just before a build made it 3–7 s slower.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from scripts.kb.bench.corpus import generate_corpus, write_config
from scripts.kb.core.paths import ROOT

SEED = 0
BARE_MAX = 3000  # the largest size the bare material build is measured at by default
# Limits that only stop a hung server; at 10,000 samples on a loaded machine its first build and a
# rebuild (the phrase index rewritten whole) take many minutes.
REBUILD_TIMEOUT = 1800.0  # seconds the server may take to serve an edit
START_TIMEOUT = 3600.0  # seconds the server may take for its first build
INDEX = Path("search") / "search_index.json"  # material's lunr index (the bare build)
PHRASE_INDEX = Path("search") / "kb"  # the site's phrase index (scripts/kb/search/phrase_index.py), .gz twins excluded


class BenchError(RuntimeError):
    pass


@dataclass
class Run:
    seconds: float
    peak_bytes: int


@dataclass
class SizeResult:
    samples: int
    text_bytes: int  # UTF-8 bytes of the samples' Markdown files
    runs: dict[str, list[Run]] = field(default_factory=dict)
    cold: dict[str, list[Run]] = field(default_factory=dict)  # "check"/"full" with empty caches, one per round
    sites: dict[str, dict] = field(default_factory=dict)  # "bare" (when built)/"full": sizes of the built site
    check_passed: bool = False

    def median(self, name: str, cold: bool = False) -> float:
        return statistics.median(r.seconds for r in (self.cold if cold else self.runs)[name])

    def peak(self, name: str, cold: bool = False) -> int:
        return max(r.peak_bytes for r in (self.cold if cold else self.runs)[name])

    def as_dict(self) -> dict:
        times = {name: round(self.median(name), 3) for name in self.runs}
        full_cold = round(self.median("full", cold=True), 3)  # ratios from the figures as reported
        full = self.sites["full"]
        bare = "bare" in self.runs
        return {
            "samples": self.samples,
            "text_bytes": self.text_bytes,
            "seconds": times,
            "seconds_each_run": {name: [round(r.seconds, 3) for r in runs] for name, runs in self.runs.items()},
            "full_cold_seconds": full_cold,
            "check_cold_seconds": round(self.median("check", cold=True), 3),
            "cold_seconds_each_run": {name: [round(r.seconds, 3) for r in runs] for name, runs in self.cold.items()},
            "ratio_full_to_bare": round(times["full"] / times["bare"], 3) if bare else None,
            "ratio_full_cold_to_bare": round(full_cold / times["bare"], 3) if bare else None,
            "largest_page": full["largest_page"],
            "largest_page_bytes": full["largest_page_bytes"],
            "site_bytes": full["site_bytes"],
            "search_index_bytes": full["search_index_bytes"],
            "search_index_to_text": round(full["search_index_bytes"] / self.text_bytes, 3),
            "peak_memory_bytes": {name: self.peak(name) for name in self.runs} | {f"{name}_cold": self.peak(name, cold=True) for name in self.cold},
            "bare_site": self.sites.get("bare"),
            "check_passed": self.check_passed,
        }


def bare_config(corpus: Path) -> Path:
    """A minimal mkdocs-material config for the corpus: no hook, only the search plugin."""
    # MkDocs' own loader: the toc's slugify is a Python object (!!python/object/apply).
    project = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    config = {
        "site_name": "bare",
        "docs_dir": str(corpus / "docs"),
        "theme": {"name": "material", "language": "zh", "font": False},
        "plugins": [{"search": {"lang": "zh"}}],
        "markdown_extensions": project["markdown_extensions"],
    }
    path = corpus / "bare.yml"
    path.write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def environment(cache_dir: Path) -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_CACHE_DIR": str(cache_dir)}


def timed(argv: list[str], env: dict, log: Path) -> tuple[Run, int]:
    """Run a command in its own process: (wall time and peak memory, exit code)."""
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss * 1024), process.returncode


def mkdocs(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


def full_build(config: Path, site: Path) -> list[str]:
    return mkdocs("build", "--strict", "-f", str(config), "-d", str(site))  # --quiet would void --strict


def site_sizes(site: Path, search_index: Path) -> dict:
    """Largest page's HTML, total size (every file, .gz twins included) and index size of a site
    (``search_index``: a file, or a folder of .js parts)."""
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    largest = pages[-1]
    return {
        "largest_page": largest.relative_to(site).as_posix(),
        "largest_page_bytes": largest.stat().st_size,
        "pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "search_index_bytes": (sum(p.stat().st_size for p in search_index.rglob("*.js")) if search_index.is_dir()
                               else search_index.stat().st_size if search_index.is_file() else 0),
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, wanted: str, deadline: float, server: subprocess.Popen, log: Path) -> None:
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise BenchError(f"mkdocs serve 意外退出（退出码 {server.returncode}），见 {log}")
        body = _fetch(url)
        if body is not None and wanted in body:
            return
        time.sleep(0.05)
    raise BenchError(f"mkdocs serve 没有在限定时间内提供 {url}，见 {log}")


def measure_rebuilds(config: Path, sample: Path, url_path: str, runs: int, env: dict, log: Path) -> list[Run]:
    """Seconds from editing one sample until `mkdocs serve` serves the page with the edit."""
    port = _free_port()
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "scripts.kb", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(config)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/{url_path}"
    original = sample.read_text(encoding="utf-8")
    results = []
    try:
        _wait_for(url, "<html", time.perf_counter() + START_TIMEOUT, server, log)
        for number in range(runs):
            marker = f"基准测试修改标记{number:03d}"
            time.sleep(1.0)  # the watcher compares modification times
            start = time.perf_counter()
            sample.write_text(original + f"\n{marker}。\n", encoding="utf-8")
            _wait_for(url, marker, start + REBUILD_TIMEOUT, server, log)
            results.append(Run(time.perf_counter() - start, 0))
    finally:
        sample.write_text(original, encoding="utf-8")
        peak = _stop(server)
    return [Run(r.seconds, peak) for r in results]


def _stop(server: subprocess.Popen) -> int:
    """Stop the server (if still running) and return its peak memory in bytes (0 if unknown)."""
    if server.returncode is not None:
        return 0
    server.terminate()
    _, status, usage = os.wait4(server.pid, 0)
    server.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss * 1024


def bench_size(n: int, runs: int, workdir: Path, progress=print, bare_max: int = BARE_MAX) -> SizeResult:
    """Generate an n-sample corpus in workdir and measure it (the bare build only up to ``bare_max``)."""
    corpus = workdir / f"corpus-{n}"
    samples = generate_corpus(corpus / "docs", n, SEED)
    full_config = write_config(corpus / "mkdocs.yml", corpus / "docs")
    bare = bare_config(corpus)
    env = environment(corpus / "cache")
    commands = {
        "bare": mkdocs("build", "--quiet", "-f", str(bare), "-d", str(corpus / "site-bare")),
        "full": full_build(full_config, corpus / "site-full"),
        "check": [sys.executable, "-m", "scripts.kb", "check", "--docs", str(corpus / "docs"), "--snippets", str(corpus / "snippets")],
    }
    if n > bare_max:
        progress(f"[{n}] 超过 {bare_max} 篇，不测原生构建")
        del commands["bare"]
    result = SizeResult(n, sum(p.stat().st_size for p in samples), {name: [] for name in commands})
    for number in range(runs):
        # The first round's cold runs fill the cache the warm runs use; a later round's get their own.
        cold_cache = corpus / ("cache" if number == 0 else f"cache-cold-{number}")
        cold = {**commands, "full": full_build(full_config, corpus / f"site-cold-{number}")}
        _cold_round(result, cold, environment(cold_cache), corpus, number, progress)
        for name, argv in commands.items():
            progress(f"[{n}] 第 {number + 1}/{runs} 轮：{name}")
            run, code = timed(argv, env, corpus / f"{name}-{number}.log")
            progress(f"[{n}] 第 {number + 1}/{runs} 轮 {name}：{_said(run)}")
            if code and name != "check":
                raise BenchError(f"{name} 失败（退出码 {code}），见 {corpus / f'{name}-{number}.log'}")
            if name == "check":
                result.check_passed = code == 0
            result.runs[name].append(run)
    result.sites = {"full": site_sizes(corpus / "site-full", corpus / "site-full" / PHRASE_INDEX)}
    if "bare" in commands:
        result.sites["bare"] = site_sizes(corpus / "site-bare", corpus / "site-bare" / INDEX)
    progress(f"[{n}] 编辑一篇范例后 mkdocs serve 的重建……")
    edited = samples[len(samples) // 2]
    url_path = edited.relative_to(corpus / "docs").with_suffix("").as_posix() + "/"
    rebuilds = result.runs["rebuild"] = measure_rebuilds(full_config, edited, url_path, runs, env, corpus / "serve.log")
    progress(f"[{n}] 改一篇后重建：{'、'.join(f'{r.seconds:.1f} 秒' for r in rebuilds)}，serve {_said(rebuilds[0]).split('，')[1]}")
    return result


def _cold_round(result: SizeResult, commands: dict[str, list[str]], env: dict, corpus: Path, number: int, progress) -> None:
    """A check and then a full build, both with the empty cache folder ``env`` names."""
    for name, label in (("check", "空缓存的 check"), ("full", "冷缓存的完整构建")):
        progress(f"[{result.samples}] 第 {number + 1} 轮：{label}……")
        run, code = timed(commands[name], env, corpus / f"{name}-cold-{number}.log")
        progress(f"[{result.samples}] 第 {number + 1} 轮 {label}：{_said(run)}")
        if code and name == "full":
            raise BenchError(f"完整构建失败（退出码 {code}），见 {corpus / f'full-cold-{number}.log'}")
        result.cold.setdefault(name, []).append(run)


def _said(run: Run) -> str:
    """A measurement as the progress lines show it, as soon as it is taken."""
    return f"{run.seconds:.1f} 秒，峰值内存 {run.peak_bytes / 1024 / 1024:,.0f} MB"


def run_bench(sizes: list[int], runs: int, keep: Path | None = None, progress=print, bare_max: int = BARE_MAX) -> list[SizeResult]:
    """Measure each size in a temporary folder (removed afterwards unless ``keep`` is given)."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        return [bench_size(n, runs, keep, progress, bare_max) for n in sizes]
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as workdir:
        return [bench_size(n, runs, Path(workdir), progress, bare_max) for n in sizes]
