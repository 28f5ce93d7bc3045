"""Small fixture trees for the rule tests: a valid sample and snippet, and ways to spoil them."""

from __future__ import annotations

from pathlib import Path

from scripts.kb.check import Report, run_check

SAMPLE_PATH = "docs/annual/2021-test.md"
SNIPPET_PATH = "snippets/wenti-lilun-xuexi.md"

# Line numbers matter: the rule tests assert them.
SAMPLE = """\
---
title: 某支部2021年度组织生活会对照检查材料
meeting_type: annual
year: 2021
level: 县级
org_kind: 党政机关
subject: 班子
framework: 四个对照
tags: [四个对照]
source: 测试用的最小范例
---

根据上级通知要求，支部召开组织生活会。

## 一、存在的问题

### （一）对照党章规定的职责任务方面

一是学习不够深入。二是联系群众不够紧密。

### （二）对照贯彻落实党中央和上级党组织部署要求方面

落实决策部署不够有力。

### （三）对照问题整改情况方面

问题整改不够彻底。

### （四）对照人民群众新期待方面

回应新期待不够及时。

## 二、原因剖析

理想信念有所松懈。

## 三、整改措施

加强理论学习。
"""

SNIPPET = """\
---
kind: 问题
topic: 理论学习
meeting_types: [annual]
source: annual/2021-test.md
section: （一）对照党章规定的职责任务方面
---

一是学习不够深入。二是联系群众不够紧密。
"""


def swap(old: str, new: str, text: str = SAMPLE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


class Symlink(str):
    """A file of write_tree that is a symbolic link to this (relative) target."""


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "snippets").mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Symlink):
            path.symlink_to(content)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def check_tree(root: Path, files: dict[str, str | bytes], **options) -> Report:
    """Write the files under root and check the whole tree (cross-file rules included)."""
    write_tree(root, files)
    return run_check(None, root / "docs", root / "snippets", **options)


def located(report: Report, rule: str, root: Path) -> list[tuple[str, int, int]]:
    """(path relative to root, line, col) of each finding of one rule."""
    return [
        (Path(f.path).parent.resolve().joinpath(Path(f.path).name).relative_to(root.resolve()).as_posix(), f.line, f.col)
        for f in report.findings
        if f.rule == rule
    ]
