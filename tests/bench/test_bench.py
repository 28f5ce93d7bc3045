"""`bench --sizes 6,20 --bare-max 10` as a smoke test: the report has every figure, the bare build
is left out above --bare-max, and the corpus passes check.

Times are not asserted (they are reported by the benchmark, never by a unit test).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.kb.bench.bench_report import growth, table
from scripts.kb.cli import main
from scripts.kb.core.paths import DOCS_DIR


@pytest.fixture(scope="module")
def bench_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    before = sorted(p.relative_to(DOCS_DIR) for p in DOCS_DIR.rglob("*"))
    assert main(["bench", "--sizes", "20,6", "--runs", "1", "--bare-max", "10", "--json", str(out / "bench.json"), "--keep", str(out / "work")]) == 0
    assert sorted(p.relative_to(DOCS_DIR) for p in DOCS_DIR.rglob("*")) == before  # nothing written into docs/
    return json.loads((out / "bench.json").read_text(encoding="utf-8")), out / "work"


def test_report_has_every_figure(bench_report):
    data, _ = bench_report
    assert data["runs"] == 1 and [size["samples"] for size in data["sizes"]] == [6, 20]
    size = data["sizes"][0]
    assert size["check_passed"] is True
    assert set(size["seconds"]) == {"bare", "full", "check", "rebuild"}
    assert all(len(runs) == 1 and runs[0] > 0 for runs in size["seconds_each_run"].values())
    assert size["full_cold_seconds"] > 0 and size["check_cold_seconds"] > 0
    assert size["ratio_full_to_bare"] == round(size["seconds"]["full"] / size["seconds"]["bare"], 3)
    assert size["ratio_full_cold_to_bare"] == round(size["full_cold_seconds"] / size["seconds"]["bare"], 3)
    assert size["largest_page"].endswith(".html") and 0 < size["largest_page_bytes"] < size["site_bytes"]
    assert 0 < size["search_index_bytes"] < size["site_bytes"]
    assert size["search_index_to_text"] == round(size["search_index_bytes"] / size["text_bytes"], 3)
    assert set(size["peak_memory_bytes"]) == {"bare", "full", "check", "rebuild", "full_cold", "check_cold"}
    assert all(peak > 10 * 1024 * 1024 for peak in size["peak_memory_bytes"].values())
    assert size["bare_site"]["pages"] >= 6 and size["bare_site"]["search_index_bytes"] > 0


def test_bare_build_is_left_out_above_bare_max(bench_report):
    data, work = bench_report
    size = data["sizes"][1]
    assert size["samples"] == 20 and size["check_passed"] is True
    assert set(size["seconds"]) == {"full", "check", "rebuild"} and "bare" not in size["peak_memory_bytes"]
    assert size["ratio_full_to_bare"] is None and size["bare_site"] is None
    assert 0 < size["search_index_bytes"] < size["site_bytes"] and size["full_cold_seconds"] > 0
    assert not (work / "corpus-20" / "site-bare").exists() and (work / "corpus-6" / "site-bare").is_dir()
    assert {row["figure"] for row in data["growth"]} == {"full", "check", "rebuild", "site_bytes", "search_index_bytes", "largest_page_bytes"}
    assert "| (a) 原生 material 构建 | 未测（超过 --bare-max） | |" in table(data)


def test_corpus_was_built_both_ways_from_a_temporary_folder(bench_report):
    _, work = bench_report
    corpus = work / "corpus-6"
    samples = sorted(corpus.glob("docs/*/synthetic-*.md"))
    assert len(samples) == 6
    for site in ("site-bare", "site-full"):
        assert (corpus / site / samples[0].relative_to(corpus / "docs").with_suffix("") / "index.html").is_file()
    bare = (corpus / "bare.yml").read_text(encoding="utf-8")
    assert "hooks" not in bare and "search" in bare and "tags" not in bare
    assert "基准测试修改标记" not in samples[len(samples) // 2].read_text(encoding="utf-8")  # the edit was undone


def test_table_shows_the_figures(bench_report):
    data, _ = bench_report
    text = table(data)
    assert "6 篇范例" in text and "20 篇范例" in text and "完整构建 / 原生构建" in text and "搜索索引" in text and "改一篇后重建" in text


def test_growth_flags_superlinear_figures():
    def size(n, seconds, site):
        return {"samples": n, "seconds": dict.fromkeys(("bare", "full", "check", "rebuild"), seconds), "site_bytes": site,
                "search_index_bytes": site, "largest_page_bytes": 10}
    rows = {r["figure"]: r for r in growth([size(100, 1.0, 1000), size(1000, 30.0, 9000)])}
    assert rows["full"]["superlinear"] and rows["full"]["factor"] == 30.0
    assert not rows["site_bytes"]["superlinear"] and not rows["largest_page_bytes"]["superlinear"]
    assert "超线性增长：" in table({"runs": 1, "sizes": [], "growth": list(rows.values())})


def test_bad_sizes_are_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["bench", "--sizes", "abc"])
    assert exit_info.value.code == 2 and "用法错误" in capsys.readouterr().err


def test_each_round_measures_a_cold_check_and_build_in_a_cache_of_its_own(tmp_path, monkeypatch):
    """The cold figures are medians over the rounds like the others: the first round's cold runs
    fill the cache the warm runs use, a later round's use a new cache folder. Every cold build
    writes a new site folder, the warm builds site-full, and nothing is deleted between runs."""
    from scripts.kb.bench import bench

    seconds = iter(range(1, 100))
    calls = []

    def timed(argv, env, log):
        cache = Path(env["KB_CACHE_DIR"])
        cache.mkdir(parents=True, exist_ok=True)  # as a run fills it
        site = Path(argv[argv.index("-d") + 1]).name if "-d" in argv else None
        calls.append((log.name, cache.name, site))
        return bench.Run(float(next(seconds)), 20 * 1024 * 1024), 0

    monkeypatch.setattr(bench, "timed", timed)
    monkeypatch.setattr(bench, "site_sizes", lambda site, index: {"largest_page": "a.html", "largest_page_bytes": 1,
                                                                  "site_bytes": 2, "search_index_bytes": 1, "pages": 1})
    monkeypatch.setattr(bench, "measure_rebuilds", lambda *args: [bench.Run(1.0, 1), bench.Run(1.0, 1)])
    result = bench.bench_size(3, 3, tmp_path, progress=lambda line: None)
    assert calls == [
        ("check-cold-0.log", "cache", None), ("full-cold-0.log", "cache", "site-cold-0"),
        ("bare-0.log", "cache", "site-bare"), ("full-0.log", "cache", "site-full"), ("check-0.log", "cache", None),
        ("check-cold-1.log", "cache-cold-1", None), ("full-cold-1.log", "cache-cold-1", "site-cold-1"),
        ("bare-1.log", "cache", "site-bare"), ("full-1.log", "cache", "site-full"), ("check-1.log", "cache", None),
        ("check-cold-2.log", "cache-cold-2", None), ("full-cold-2.log", "cache-cold-2", "site-cold-2"),
        ("bare-2.log", "cache", "site-bare"), ("full-2.log", "cache", "site-full"), ("check-2.log", "cache", None),
    ]
    assert (tmp_path / "corpus-3" / "cache-cold-1").is_dir() and (tmp_path / "corpus-3" / "cache-cold-2").is_dir()
    size = result.as_dict()
    assert size["cold_seconds_each_run"] == {"check": [1.0, 6.0, 11.0], "full": [2.0, 7.0, 12.0]}
    assert size["full_cold_seconds"] == 7.0 and size["ratio_full_cold_to_bare"] == round(7.0 / 8.0, 3)


def test_ratios_are_those_of_the_figures_as_reported():
    """A ratio is computed from the rounded seconds the report shows (it once differed in the last digit)."""
    from scripts.kb.bench.bench import Run, SizeResult

    result = SizeResult(1, 1, runs={"bare": [Run(0.57649, 1)], "full": [Run(0.1, 1)]},
                        cold={"full": [Run(1.00049, 1)], "check": [Run(0.2, 1)]},
                        sites={"full": {"largest_page": "a.html", "largest_page_bytes": 1, "site_bytes": 2, "search_index_bytes": 1}})
    size = result.as_dict()
    assert size["full_cold_seconds"] == 1.0 and size["seconds"]["bare"] == 0.576
    assert size["ratio_full_cold_to_bare"] == round(1.0 / 0.576, 3) == 1.736
    assert size["ratio_full_to_bare"] == round(0.1 / 0.576, 3)
