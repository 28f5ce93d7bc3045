"""Next year is a data change: a year added to a copy of scripts/data/ (no code touched) gets its
outline pages, its Word outline, its `new` scaffold and check's coverage rule, through the real CLI.

The year added is the one after the newest in the data; it names a 班子 list only, so its 个人
outline is "not known yet" everywhere (pages say so, export and new refuse, check gives a notice).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from scripts.kb.core.data import domain
from scripts.kb.core.paths import DATA_DIR
from tests.check.fixtures import SAMPLE, swap
from tests.conftest import ROOT

YEAR = max(domain().type("annual").frameworks) + 1
ENTRY = {
    "name": "测试年度框架",
    "theme": "测试用的年度主题",
    "basis": [{"issuer": "测试单位", "title": "测试通知", "date": f"{YEAR}-12-01", "link": "https://example.invalid/notice",
               "confidence": "中", "note": "测试用的来源"}],
    "subjects": {"班子": {"areas": [{"name": "甲项工作", "keywords": ["甲项"]}, {"name": "乙项工作", "keywords": ["乙项"]}]}},
}


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(DATA_DIR, data, dirs_exist_ok=True)
    types = yaml.safe_load((data / "meeting_types.yml").read_text(encoding="utf-8"))
    next(t for t in types["meeting_types"] if t["key"] == "annual")["frameworks"][YEAR] = ENTRY
    (data / "meeting_types.yml").write_text(yaml.safe_dump(types, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def kb(data: Path, tmp_path: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KB_DATA_DIR": str(data), "KB_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "scripts.kb", *map(str, args)], cwd=ROOT, capture_output=True, text=True, env=env)


def test_the_new_year_gets_outline_pages(data_copy, tmp_path):
    result = kb(data_copy, tmp_path, "index", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "outlines" / f"annual-{YEAR}.md").read_text(encoding="utf-8")
    assert "（一）甲项工作方面" in page and "（二）乙项工作方面" in page and "测试用的年度主题" in page
    assert "[测试单位《测试通知》" in page and "(https://example.invalid/notice)" in page
    assert "暂未查到这一年度党员个人材料的对照方面" in page.split('=== "党员个人材料"')[1]
    index = (tmp_path / "out" / "outlines" / "index.md").read_text(encoding="utf-8")
    assert f"| [年度组织生活会](annual-{YEAR}.md) | {YEAR} | 党支部班子 | 测试年度框架（2 项） |" in index
    assert f"| [年度组织生活会](annual-{YEAR}.md) | {YEAR} | 党员个人 | 暂未查到 |" in index
    assert f"### {YEAR}年度：测试年度框架" in (tmp_path / "out" / "annual" / "index.md").read_text(encoding="utf-8")


def test_the_new_year_gets_a_word_outline(data_copy, tmp_path):
    result = kb(data_copy, tmp_path, "export", "--outline", "annual", "--year", YEAR, "--out", tmp_path / "o.docx")
    assert result.returncode == 0, result.stderr
    texts = [p.text for p in docx.Document(str(tmp_path / "o.docx")).paragraphs]
    assert "（一）甲项工作方面" in texts and any("测试单位《测试通知》" in t for t in texts)
    refused = kb(data_copy, tmp_path, "export", "--outline", "annual", "--year", YEAR, "--subject", "个人")
    assert refused.returncode == 2 and "暂未查到党员个人材料的对照方面" in refused.stderr


def test_the_new_year_gets_a_scaffold(data_copy, tmp_path):
    result = kb(data_copy, tmp_path, "new", "--type", "annual", "--year", YEAR, "--docs", tmp_path / "docs")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "docs" / "annual" / f"{YEAR}-annual-draft.md").read_text(encoding="utf-8")
    assert "framework: 测试年度框架\n" in text and "### （一）甲项工作方面" in text and "### （二）乙项工作方面" in text
    refused = kb(data_copy, tmp_path, "new", "--type", "annual", "--year", YEAR, "--subject", "个人", "--docs", tmp_path / "docs")
    assert refused.returncode == 2 and "--aspects" in refused.stderr


def test_check_covers_the_new_year(data_copy, tmp_path):
    banzi = swap("framework: 四个对照", "framework: 测试年度框架", swap("一是学习不够深入。", "一是甲项工作落实不够。"))
    geren = swap("subject: 班子", "subject: 个人", banzi)
    docs = tmp_path / "docs" / "annual"
    docs.mkdir(parents=True)
    for name, text in (("next-banzi.md", banzi), ("next-geren.md", geren)):
        (docs / name).write_text(text.replace("2021", str(YEAR)), encoding="utf-8")
    (tmp_path / "snippets").mkdir()
    result = kb(data_copy, tmp_path, "check", "--format", "json", "--docs", tmp_path / "docs", "--snippets", tmp_path / "snippets",
                docs / "next-banzi.md", docs / "next-geren.md")  # each on its own: they are near-copies
    found = {(Path(f["path"]).name, f["rule"], f["severity"], f["message"]) for f in json.loads(result.stdout)}
    assert result.returncode == 0, result.stdout + result.stderr  # a notice, never an error
    assert ("next-banzi.md", "ST004", "warning", "“存在的问题”没有涉及测试年度框架中的“乙项工作”") in found
    assert not [f for f in found if f[0] == "next-banzi.md" and "甲项工作" in f[3]]
    assert ("next-geren.md", "FM013", "warning", f"年度组织生活会 {YEAR} 年度暂未查到党员个人材料的对照方面，不检查对照方面") in found
    assert not [f for f in found if f[2] == "error"], found


@pytest.mark.parametrize("old, new, message", [
    ("confidence: 中\n", "confidence: 很高\n", "confidence 写的是“很高”，只能是 高、中、待核实"),
    ("        see: zhutijiaoyu\n", "        see: nosuch\n", "see: nosuch 没有 2023 年度的框架可用"),
])
def test_a_mistake_in_the_data_is_one_chinese_line_with_file_and_line(tmp_path, old, new, message):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    text = (data / "meeting_types.yml").read_text(encoding="utf-8")
    assert old in text
    (data / "meeting_types.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    result = kb(data, tmp_path, "new", "--type", "annual", "--year", 2025, "--docs", tmp_path / "docs")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"meeting_types.yml:{line}: " in result.stderr and message in result.stderr, result.stderr
