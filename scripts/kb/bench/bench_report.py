"""The benchmark's report: a table for people, JSON for machines, and how each figure grows."""

from __future__ import annotations

from scripts.kb.bench.bench import SizeResult

# A figure grows faster than linearly when, between two sizes, it grows more than the sample count
# times this margin (timings of a shared 2-core machine are noisy).
LINEAR_MARGIN = 1.15
GROWTH_FIGURES = {
    "bare": ("seconds", "bare"),
    "full": ("seconds", "full"),
    "check": ("seconds", "check"),
    "rebuild": ("seconds", "rebuild"),
    "site_bytes": ("site_bytes",),
    "search_index_bytes": ("search_index_bytes",),
    "largest_page_bytes": ("largest_page_bytes",),
}
NAMES = {"bare": "(a) 原生 material 构建", "full": "(b) 本项目完整构建", "check": "(c) check", "rebuild": "(d) 改一篇后重建（serve）"}


def _get(report: dict, keys: tuple[str, ...]):
    """The figure at ``keys``, or None when it was not measured (the bare build above --bare-max)."""
    for key in keys:
        report = report.get(key)
        if report is None:
            return None
    return report


def growth(reports: list[dict]) -> list[dict]:
    """For each pair of consecutive sizes and each figure measured at both: its growth against the
    sample count's."""
    rows = []
    for small, large in zip(reports, reports[1:]):
        scale = large["samples"] / small["samples"]
        for name, keys in GROWTH_FIGURES.items():
            before, after = _get(small, keys), _get(large, keys)
            if before is None or after is None:
                continue
            factor = after / before if before else float("inf")
            rows.append({
                "figure": name, "from": small["samples"], "to": large["samples"],
                "factor": round(factor, 3), "samples_factor": round(scale, 3),
                "superlinear": factor > scale * LINEAR_MARGIN,
            })
    return rows


def report(results: list[SizeResult], runs: int) -> dict:
    sizes = [r.as_dict() for r in results]
    return {"runs": runs, "sizes": sizes, "growth": growth(sizes)}


def _kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"


def table(data: dict) -> str:
    lines = []
    for size in data["sizes"]:
        lines += [
            f"## {size['samples']} 篇范例（正文 {_mb(size['text_bytes'])}，每项取 {data['runs']} 次的中位数）",
            "",
            "| 项目 | 耗时（秒） | 峰值内存 |",
            "| --- | ---: | ---: |",
        ]
        for name, label in NAMES.items():
            if name in size["seconds"]:
                lines.append(f"| {label} | {size['seconds'][name]:.2f} | {_mb(size['peak_memory_bytes'][name])} |")
            else:
                lines.append(f"| {label} | 未测（超过 --bare-max） | |")
        peaks = size["peak_memory_bytes"]
        lines += [
            f"| (b) 首次完整构建（冷缓存） | {size['full_cold_seconds']:.2f} | {_mb(peaks['full_cold'])} |",
            f"| (c) 首次 check（空缓存） | {size['check_cold_seconds']:.2f} | {_mb(peaks['check_cold'])} |",
            "",
        ]
        bare = size["bare_site"]
        if bare:
            lines += [
                f"- 完整构建 / 原生构建：{size['ratio_full_to_bare']:.2f}（冷缓存：{size['ratio_full_cold_to_bare']:.2f}）",
                f"- 最大页面：{size['largest_page']}（{_kb(size['largest_page_bytes'])}；原生构建的最大页面 {_kb(bare['largest_page_bytes'])}）",
                f"- 网站总大小：{_mb(size['site_bytes'])}（原生构建 {_mb(bare['site_bytes'])}）",
                f"- 搜索索引：{_mb(size['search_index_bytes'])}，是范例正文的 {size['search_index_to_text']:.2f} 倍"
                f"（原生构建 {_mb(bare['search_index_bytes'])}）",
            ]
        else:
            lines += [
                f"- 最大页面：{size['largest_page']}（{_kb(size['largest_page_bytes'])}）",
                f"- 网站总大小：{_mb(size['site_bytes'])}",
                f"- 搜索索引：{_mb(size['search_index_bytes'])}，是范例正文的 {size['search_index_to_text']:.2f} 倍",
            ]
        lines += [f"- 合成语料通过 check：{'是' if size['check_passed'] else '否'}", ""]
    if data["growth"]:
        lines += ["## 增长", "", "| 指标 | 规模 | 增长倍数 | 范例数倍数 | 超线性 |", "| --- | --- | ---: | ---: | --- |"]
        for row in data["growth"]:
            flag = "**是**" if row["superlinear"] else "否"
            lines.append(f"| {row['figure']} | {row['from']} → {row['to']} | {row['factor']:.2f} | {row['samples_factor']:.2f} | {flag} |")
        worse = sorted({row["figure"] for row in data["growth"] if row["superlinear"]})
        lines += ["", f"超线性增长：{'、'.join(worse)}" if worse else "没有指标超线性增长。", ""]
    return "\n".join(lines)
