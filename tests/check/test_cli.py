"""The command line: exit codes, output formats, --strict, --list-rules, paths."""

from __future__ import annotations

import json
import re

import pytest

from scripts.kb import cli
from scripts.kb.check import rules
from tests.check.fixtures import SAMPLE, SAMPLE_PATH, SNIPPET, SNIPPET_PATH, swap, write_tree

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning) (?P<rule>[A-Z]{2}\d{3}) (?P<message>.+)（(?P<hint>.+)）$")
LAST = "加强理论学习。"
WITH_ERROR = swap("回应新期待", "回应“新期待")  # TX002 at 31:3
WITH_WARNING = swap(LAST, "加强理论学习，认真查摆问题")  # TX006 at 39:13


def run(capsys, root, *args, files=None):
    write_tree(root, {SAMPLE_PATH: SAMPLE, SNIPPET_PATH: SNIPPET, **(files or {})})
    code = cli.main(["check", "--docs", str(root / "docs"), "--snippets", str(root / "snippets"), *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_tree_exits_0_with_a_summary(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path)
    assert code == 0 and err == ""
    assert out == "0 errors, 0 warnings in 2 files\n"


def test_errors_exit_1_one_located_finding_a_line(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path, files={SAMPLE_PATH: WITH_ERROR})
    assert code == 1
    finding, summary = out.splitlines()
    match = LINE.match(finding)
    assert match and match["path"].endswith(SAMPLE_PATH) and (match["line"], match["col"], match["rule"]) == ("31", "3", "TX002")
    assert summary == "1 errors, 0 warnings in 2 files"


def test_findings_are_sorted_by_path_and_line(capsys, tmp_path):
    other = "docs/annual/2021-aaa.md"
    files = {SAMPLE_PATH: WITH_ERROR, other: swap("某支部", "另一支部", WITH_ERROR).replace("加强理论学习。", "加强党性修养，深入开展谈心谈话，认真查摆问题和不足。")}
    _, out, _ = run(capsys, tmp_path, files=files)
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in map(LINE.match, out.splitlines()[:-1])]
    assert keys == sorted(keys) and len({k[0] for k in keys}) == 2


def test_warnings_exit_0_and_strict_makes_them_errors(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path, files={SAMPLE_PATH: WITH_WARNING})
    assert code == 0 and ": warning TX006 " in out and "0 errors, 1 warnings" in out
    code, out, _ = run(capsys, tmp_path, "--strict", files={SAMPLE_PATH: WITH_WARNING})
    assert code == 1 and ": error TX006 " in out and "1 errors, 0 warnings" in out


def test_json_lists_the_same_findings_and_the_suppressed_ones(capsys, tmp_path):
    suppressed = swap("---\n\n", "check:\n  TX006: 原文如此，保留\n---\n\n", WITH_WARNING)
    code, out, _ = run(capsys, tmp_path, "--format", "json", files={SAMPLE_PATH: swap("回应新期待", "回应“新期待", suppressed)})
    items = json.loads(out)
    assert code == 1
    assert [(i["rule"], i["line"], i["column"], i["severity"], i["suppressed"]) for i in items] == [
        ("TX002", 33, 3, "error", False),
        ("TX006", 41, 13, "warning", True),
    ]
    assert items[1]["suppression_reason"] == "原文如此，保留" and items[0]["hint"]


def test_a_suppressed_warning_leaves_the_text_output_clean(capsys, tmp_path):
    suppressed = swap("---\n\n", "check:\n  TX006: 原文如此，保留\n---\n\n", WITH_WARNING)
    code, out, _ = run(capsys, tmp_path, files={SAMPLE_PATH: suppressed})
    assert code == 0 and out.startswith("0 errors, 0 warnings in 2 files（另有 1 条")


def test_github_annotations(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path, "--format", "github", files={SAMPLE_PATH: WITH_ERROR})
    first = out.splitlines()[0]
    assert code == 1
    assert re.match(r"^::error file=[^,]*2021-test\.md,line=31,col=3,title=TX002::TX002 .+（.+）$", first), first


def test_gitlab_code_quality_report(capsys, tmp_path):
    code, out, _ = run(capsys, tmp_path, "--format", "gitlab", files={SAMPLE_PATH: WITH_ERROR, "docs/annual/b.md": WITH_WARNING.replace("某支部", "乙支部")})
    items = json.loads(out)
    assert code == 1
    assert {i["check_name"] for i in items} >= {"TX002", "TX006"}
    for item in items:
        assert set(item) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert item["severity"] in ("major", "minor") and item["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in items}) == len(items)


def test_list_rules_text_markdown_and_json(capsys):
    assert cli.main(["check", "--list-rules"]) == 0
    text = capsys.readouterr().out
    assert [line.split()[0] for line in text.splitlines()] == list(rules.RULES)
    assert cli.main(["check", "--list-rules", "--format", "markdown"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| 编号 | 级别 |") and len(table) == 2 + len(rules.RULES)
    assert cli.main(["check", "--list-rules", "--format", "json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == list(rules.RULES)


def test_unknown_path_is_a_usage_error(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path, tmp_path / "nope.md")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "路径不存在" in err and "Traceback" not in err


def test_markdown_format_is_only_for_the_rule_list(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path, "--format", "markdown")
    assert code == 2 and err.count("\n") == 1


def test_bad_option_is_a_one_line_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["check", "--format", "xml"])
    assert info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_directory_argument_checks_its_files_only(capsys, tmp_path):
    files = {"docs/dangshi/2021-a.md": "没有 front matter 的文件。\n", SAMPLE_PATH: WITH_ERROR}
    code, out, _ = run(capsys, tmp_path, tmp_path / "docs" / "dangshi", files=files)
    assert code == 1
    assert "2021-a.md:1:1: error FM001 " in out and "TX002" not in out and out.endswith("in 1 files\n")


def test_a_single_file_skips_the_cross_file_rules(capsys, tmp_path):
    copy = {"docs/annual/2021-copy.md": SAMPLE}
    code, out, _ = run(capsys, tmp_path, tmp_path / SAMPLE_PATH, files=copy)
    assert code == 0 and out == "0 errors, 0 warnings in 1 files\n"
    code, out, _ = run(capsys, tmp_path, files=copy)
    assert code == 1 and "CR002" in out and "CR003" in out


def test_internal_error_is_one_line_and_exit_2(capsys, tmp_path, monkeypatch):
    from scripts.kb.commands import check as command

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(command, "run_check", broken)
    code, out, err = run(capsys, tmp_path)
    assert code == 2 and err == "内部错误：RuntimeError: boom\n"
