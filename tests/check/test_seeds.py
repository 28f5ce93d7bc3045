"""The raw seeds, imported by the real `import` command (TODO fields filled), show the blemishes a
reader sees in them, each with its line; what the importer repaired it announces instead; the
published samples (the same materials, cleaned by hand) have no errors."""

from __future__ import annotations

import pytest

from scripts.kb.check import run_check
from scripts.kb.core.paths import DOCS_DIR, SNIPPETS_DIR
from tests.contribute.importing import SEED_KEYS, fill_todo, run_cli, seed_path, written_path


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    root = tmp_path_factory.mktemp("seeds")
    (root / "snippets").mkdir()
    paths, announced = {}, {}
    for key in SEED_KEYS:
        code, out, err = run_cli("import", seed_path(key), "--docs", root / "docs")
        assert code == 0, err
        paths[key], announced[key] = written_path(out), out
        fill_todo(paths[key], key)
    report = run_check(None, root / "docs", root / "snippets")
    findings = {key: [f for f in report.findings if f.path == str(path)] for key, path in paths.items()}
    return findings, announced


def _has(findings, rule, line, text):
    return any(f.rule == rule and f.line == line and text in f.message for f in findings)


@pytest.mark.parametrize(
    "seed, rule, line, text",
    [
        ("000", "TX002", 33, "“"),  # “四史”“党的十九届六中全会等 — a quote never closed
        ("000", "TX005", 65, "被被"),
        ("001", "TX002", 31, "“"),  # “三个缺乏“问题
        ("001", "TX005", 21, "有睦"),
        ("002", "TX002", 29, "”"),  # 实行挂图作战” — a closing quote without its opening one
        ("002", "TX005", 33, "淡心谈话"),
        ("003", "TX005", 70, "钢性"),
        ("004", "NU004", 19, "“二是”重复"),  # 一是…二是…二是…
        ("004", "NU004", 61, "“二是”前面没有“一是”"),  # 一要…二是…三是
        ("004", "TX005", 13, "七重要讲话"),
    ],
)
def test_seed_blemish_is_found(seeds, seed, rule, line, text):
    findings = seeds[0][seed]
    found = [(f.rule, f.line, f.message) for f in findings if f.rule == rule]
    assert _has(findings, rule, line, text), found


@pytest.mark.parametrize(
    "seed, notice",
    [
        ("000", "第 15 行：已删除水印（插在句中的网站名（汉字被点号隔开））：“公.文思.享文.库出.品”"),
        ("002", "已把半角的编号括号或编号后的标点改成规范写法：7 处（第 3、7"),  # (一) → （一）
        ("004", "已把半角的编号括号或编号后的标点改成规范写法：10 处（第 7、"),
        ("004", "已把汉字之间的半角标点改成全角：9 处（第 9、"),  # 党性锤炼,坚定 → ，
    ],
)
def test_repaired_blemish_is_announced(seeds, seed, notice):
    assert notice in seeds[1][seed]


def test_repaired_blemishes_are_gone(seeds):
    for key, findings in seeds[0].items():
        assert not [f for f in findings if f.rule in ("TX001", "NU003", "TX003")], key


def test_published_samples_have_no_errors():
    report = run_check(None, DOCS_DIR, SNIPPETS_DIR)
    assert report.files > 0
    assert [f"{f.path}:{f.line}:{f.col}: {f.rule} {f.message}" for f in report.errors] == []
