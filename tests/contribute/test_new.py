"""`new` for every meeting type, year and subject in the data: a scaffold that `check` flags only for
its unfilled hints (TX007), and that checks clean once they are filled."""

from __future__ import annotations

import re

import pytest

from scripts.kb.check import run_check
from scripts.kb.check.config import settings
from scripts.kb.core.outline import build_outline
from tests.contribute.importing import run_cli, written_path

DOM = settings().domain
CASES = [(t.key, year, subject) for t in DOM.types for year in sorted(t.frameworks) for subject in DOM.allow_lists["subjects"]]
FILLED = {"title": "某支部{year}年度组织生活会对照检查材料", "level": "县级", "org_kind": "党政机关", "tags": "[理论学习]", "source": "测试"}


def _check(path):
    return run_check([path], path.parents[1], path.parents[2] / "snippets")


@pytest.mark.parametrize("kind, year, subject", CASES, ids=[f"{k}-{y}-{s}" for k, y, s in CASES])
def test_scaffold_is_flagged_only_for_its_hints(tmp_path, kind, year, subject):
    code, out, err = run_cli("new", "--type", kind, "--year", year, "--subject", subject, "--docs", tmp_path / "docs")
    assert code == 0, err
    path = written_path(out)
    assert path == tmp_path / "docs" / kind / f"{year}-{kind}-draft.md"
    text = path.read_text(encoding="utf-8")
    hints = [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("> 写作提示：")]
    todos = [n for n, line in enumerate(text.splitlines(), start=1) if ": TODO  # 待填写" in line]
    report = _check(path)
    assert {f.rule for f in report.active} == {"TX007"}
    assert sorted(f.line for f in report.active) == todos + hints
    outline = build_outline(DOM.type(kind), year, subject, DOM)
    assert [line[3:] if line.startswith("## ") else line[4:] for line in text.splitlines() if line.startswith("#")] == [i.heading for i in outline]
    assert f"year: {year}\n" in text and f"subject: {subject}\n" in text
    # Filled in: the hints replaced by text, the TODO values by real ones — then it is clean.
    filled = re.sub(r"^> 写作提示：.*$", "认真查摆，逐条整改。", text, flags=re.M)
    filled = re.sub(r"^(\w+): TODO  # .*$", lambda m: f"{m.group(1)}: {FILLED[m.group(1)].format(year=year)}", filled, flags=re.M)
    path.write_text(filled, encoding="utf-8")
    assert [(f.rule, f.line, f.message) for f in _check(path).active] == []


def test_new_refuses_to_overwrite(tmp_path):
    args = ("new", "--type", "annual", "--year", 2021, "--docs", tmp_path / "docs")
    assert run_cli(*args)[0] == 0
    path = tmp_path / "docs" / "annual" / "2021-annual-draft.md"
    path.write_text("写了一半\n", encoding="utf-8")
    code, _, err = run_cli(*args)
    assert code == 2 and "已存在，没有覆盖" in err and path.read_text(encoding="utf-8") == "写了一半\n"
    assert run_cli(*args, "--force")[0] == 0 and path.read_text(encoding="utf-8").startswith("---\n")


def test_new_for_a_year_without_data(tmp_path):
    code, _, err = run_cli("new", "--type", "yingshenghui", "--year", 2019, "--docs", tmp_path / "docs")
    assert code == 2 and "没有 2019 年度的对照框架" in err and "meeting_types.yml" in err
    assert not (tmp_path / "docs").exists()


def test_new_out_option(tmp_path):
    out = tmp_path / "docs" / "dangshi" / "2021-wode-cailiao.md"
    code, stdout, _ = run_cli("new", "--type", "dangshi", "--year", 2021, "--subject", "个人", "--out", out, "--docs", tmp_path / "docs")
    assert code == 0 and out.is_file() and "TX007" in stdout
