"""CONTRIBUTING.md stays in sync with the data; its example front matter is valid; the pull-request
template and the CI templates do what CONTRIBUTING and the README promise."""

from __future__ import annotations

import re

import yaml

from scripts.kb.check import run_check
from scripts.kb.check.config import settings
from scripts.kb.contribute.contributing import CONTRIBUTING, regenerate
from tests.conftest import ROOT
from tests.contribute.importing import run_cli


def test_generated_tables_are_in_sync():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert regenerate(text) == text, "CONTRIBUTING.md 的规则表或字段表过期：运行 make contributing"
    code, out, err = run_cli("contributing", "--check")
    assert code == 0, err


def test_rule_table_lists_every_rule_and_field():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    _, out, _ = run_cli("check", "--list-rules", "--format", "markdown")
    assert out in text
    for rule_id in settings().severities:
        assert f"| {rule_id} |" in text
    for spec in settings().domain.fields:
        assert f"| `{spec.key}` | {spec.label} |" in text


def test_out_of_sync_is_detected_and_regenerated(tmp_path):
    stale = tmp_path / "CONTRIBUTING.md"
    stale.write_text(CONTRIBUTING.read_text(encoding="utf-8").replace("| TX007 |", "| TX999 |"), encoding="utf-8")
    code, _, err = run_cli("contributing", "--check", "--file", stale)
    assert code == 1 and "不同步" in err and "make contributing" in err
    assert run_cli("contributing", "--file", stale)[0] == 0
    assert stale.read_text(encoding="utf-8") == CONTRIBUTING.read_text(encoding="utf-8")
    broken = tmp_path / "broken.md"
    broken.write_text("# 投稿指南\n", encoding="utf-8")
    code, _, err = run_cli("contributing", "--check", "--file", broken)
    assert code == 2 and "缺少生成区块的标记" in err


def test_example_front_matter_is_a_valid_sample(tmp_path):
    text = CONTRIBUTING.read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(---\n.*?---\n)```", text, re.S).group(1)
    sample = tmp_path / "docs" / "annual" / "2021-example.md"
    sample.parent.mkdir(parents=True)
    body = "## 一、存在的问题\n\n" + "".join(f"### （{n}）{a}方面\n\n存在不足。\n\n" for n, a in zip("一二三四", ["对照党章", "对照部署要求", "对照问题整改", "对照新期待"]))
    sample.write_text(example + "\n" + body + "## 二、整改措施\n\n加强学习。\n", encoding="utf-8")
    report = run_check([sample], tmp_path / "docs", tmp_path / "snippets")
    assert [(f.rule, f.message) for f in report.active if f.rule.startswith("FM")] == []


def test_readme_lists_the_contributor_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts.kb import" in readme and "scripts.kb new --type" in readme and "CONTRIBUTING.md" in readme


def test_pull_request_template_has_the_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", template, re.M)
    assert {"已匿名化", "`check` 没有错误", "类型和年度正确"} <= set(boxes)


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"^(make test)\b", readme, re.M).group(1)


def test_ci_templates_run_the_readme_test_command_and_publish_the_site():
    command = _readme_test_command()
    github = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = github["jobs"]["test"]["steps"]
    runs = [s.get("run") for s in steps]
    assert command in runs and "make build" in runs and runs.index(command) < runs.index("make build")
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/" and steps.index(upload) > runs.index("make build")
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["test"]["script"] == [command, "make build"]
    assert gitlab["test"]["artifacts"]["paths"] == ["site/"]
    # Both keep the build caches between runs, restored before the tests.
    assert gitlab["cache"]["paths"] == [".cache/"]
    restore = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache"))
    assert restore["with"]["path"] == ".cache" and steps.index(restore) < runs.index(command)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test:.*\n\t\$\(BIN\)/python -m pytest", makefile, re.M)
    assert re.search(r"^build:.*\n\t\$\(BIN\)/mkdocs build --strict", makefile, re.M)
