"""Output formats of a report: text, json, github, gitlab; and the rule table."""

from __future__ import annotations

import hashlib
import json

from scripts.kb.check import rules
from scripts.kb.check.config import settings
from scripts.kb.check.engine import Finding, Report

FORMATS = ("text", "json", "github", "gitlab")
KIND_NAMES = {"sample": "范例", "snippet": "片段", "page": "页面"}


def line(f: Finding) -> str:
    """path:line:col: severity RULE message（hint）"""
    return f"{f.path}:{f.line}:{f.col}: {f.severity} {f.rule} {f.message}（{f.hint}）"


def summary(report: Report) -> str:
    text = f"{len(report.errors)} errors, {len(report.warnings)} warnings in {report.files} files"
    suppressed = len(report.findings) - len(report.active)
    return text + (f"（另有 {suppressed} 条已在 front matter 中豁免）" if suppressed else "")


def text(report: Report) -> str:
    return "".join(line(f) + "\n" for f in report.active) + summary(report) + "\n"


def as_json(report: Report) -> str:
    items = [
        {
            "path": f.path,
            "line": f.line,
            "column": f.col,
            "severity": f.severity,
            "rule": f.rule,
            "message": f.message,
            "hint": f.hint,
            "suppressed": f.suppressed is not None,
            "suppression_reason": f.suppressed,
        }
        for f in report.findings
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report) -> str:
    """GitHub workflow commands: annotations on the changed lines of a pull request."""
    out = []
    for f in report.active:
        props = f"file={_escape_property(f.path)},line={f.line},col={f.col},title={_escape_property(f.rule)}"
        out.append(f"::{f.severity} {props}::{_escape_data(f'{f.rule} {f.message}（{f.hint}）')}")
    return "".join(o + "\n" for o in out) + summary(report) + "\n"


def gitlab(report: Report) -> str:
    """GitLab code quality report (a JSON list of issues with a stable fingerprint)."""
    items = []
    for f in report.active:
        digest = hashlib.sha256(f"{f.rule}|{f.path}|{f.line}|{f.col}|{f.message}".encode()).hexdigest()
        items.append(
            {
                "description": f"{f.rule} {f.message}（{f.hint}）",
                "check_name": f.rule,
                "fingerprint": digest,
                "severity": "major" if f.severity == "error" else "minor",
                "location": {"path": f.path, "lines": {"begin": f.line}},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": text, "json": as_json, "github": github, "gitlab": gitlab}


def _scope(module) -> str:
    if hasattr(module, "check_corpus"):
        return "全部范例之间"
    return "、".join(KIND_NAMES[k] for k in ("sample", "snippet", "page") if k in module.SCOPE)


def rule_rows(severities: dict[str, str]) -> list[tuple[str, str, str, str, str]]:
    return [(rid, severities[rid], m.NAME, _scope(m), m.HINT) for rid, m in rules.RULES.items()]


def rules_text(severities: dict[str, str]) -> str:
    return "".join(f"{rid}  {sev:<7}  {name}（{scope}）：{hint}\n" for rid, sev, name, scope, hint in rule_rows(severities))


def rules_markdown(severities: dict[str, str]) -> str:
    """The rule table of CONTRIBUTING.md; a rule front matter cannot suppress says so."""
    fixed = settings().unsuppressible
    rows = ["| 编号 | 级别 | 规则 | 检查对象 | 修改建议 |", "| --- | --- | --- | --- | --- |"]
    rows += ["| " + " | ".join(cell.replace("|", r"\|") for cell in (rid, sev + ("（不能豁免）" if rid in fixed else ""), *rest)) + " |"
             for rid, sev, *rest in rule_rows(severities)]
    return "\n".join(rows) + "\n"


def rules_json(severities: dict[str, str]) -> str:
    keys = ("id", "severity", "name", "scope", "hint")
    return json.dumps([dict(zip(keys, row)) for row in rule_rows(severities)], ensure_ascii=False, indent=2) + "\n"
