"""The raw seeds, imported as they are, show the blemishes a reader sees in them; the published
samples (the same materials, cleaned) have no errors."""

from __future__ import annotations

import pytest

from scripts.kb.check import run_check
from scripts.kb.paths import DOCS_DIR, SNIPPETS_DIR
from tests.check.seeds import import_seeds


@pytest.fixture(scope="module")
def seed_findings(tmp_path_factory):
    root = tmp_path_factory.mktemp("seeds")
    paths = import_seeds(root / "docs")
    (root / "snippets").mkdir()
    report = run_check(None, root / "docs", root / "snippets")
    by_seed = {key: [f for f in report.findings if f.path == str(path)] for key, path in paths.items()}
    return by_seed


def _has(findings, rule, line, text):
    return any(f.rule == rule and f.line == line and text in f.message for f in findings)


@pytest.mark.parametrize(
    "seed, rule, line, text",
    [
        ("000", "TX001", 42, "公.文思.享文.库出.品"),  # the content-farm watermark inside a sentence
        ("000", "TX002", 26, "“"),  # “四史”“党的十九届六中全会等 — a quote never closed
        ("000", "TX005", 44, "被被"),
        ("001", "TX002", 26, "“"),  # “三个缺乏“问题
        ("001", "TX005", 20, "有睦"),
        ("002", "NU003", 18, "(一)"),  # half-width numbering brackets
        ("002", "TX002", 30, "”"),  # 实行挂图作战” — a closing quote without its opening one
        ("002", "TX005", 34, "淡心谈话"),
        ("003", "TX005", 74, "钢性"),
        ("004", "NU004", 20, "“二是”重复"),  # 一是…二是…二是…
        ("004", "NU004", 50, "“二是”前面没有“一是”"),  # 一要…二是…三是
        ("004", "NU003", 18, "(一)"),
        ("004", "TX003", 20, "“,”"),  # half-width comma between Chinese characters
        ("004", "TX005", 14, "七重要讲话"),
    ],
)
def test_seed_blemish_is_found(seed_findings, seed, rule, line, text):
    found = [(f.rule, f.line, f.message) for f in seed_findings[seed] if f.rule == rule]
    assert _has(seed_findings[seed], rule, line, text), found


def test_seed_without_watermark_has_no_watermark_finding(seed_findings):
    for seed in ("001", "002", "003", "004"):
        assert not [f for f in seed_findings[seed] if f.rule == "TX001"], seed


def test_published_samples_have_no_errors():
    report = run_check(None, DOCS_DIR, SNIPPETS_DIR)
    assert report.files > 0
    assert [f"{f.path}:{f.line}:{f.col}: {f.rule} {f.message}" for f in report.errors] == []
