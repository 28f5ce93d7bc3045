"""One failing and one passing fixture per rule, asserting the exact rule ID, line and column."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from scripts.kb.check import rules
from scripts.kb.check.config import settings
from tests.check.fixtures import SAMPLE, SAMPLE_PATH, SNIPPET, SNIPPET_PATH, Symlink, check_tree, located, swap

S, N = SAMPLE_PATH, SNIPPET_PATH


@dataclass
class Case:
    rule: str
    fail: dict  # files (besides the valid sample and snippet, which they may replace)
    where: list  # the expected (path, line, col) of each finding of the rule
    passing: dict = field(default_factory=dict)  # a variant that must not trigger the rule


LAST = "加强理论学习。"
CASES = [
    Case("FM001", {S: "正文。\n"}, [(S, 1, 1)]),
    Case("FM002", {S: swap("year: 2021\n", "year: [2021\n")}, [(S, 4, 7)]),
    Case("FM003", {S: swap("title: 某支部2021年度组织生活会对照检查材料\n", "")}, [(S, 1, 1)]),
    Case("FM003", {N: swap("topic: 理论学习\n", "topic:\n", SNIPPET)}, [(N, 3, 1)]),
    Case("FM004", {S: swap("year: 2021\n", "year: 2021年\n")}, [(S, 4, 7)]),
    Case("FM004", {S: swap("tags: [四个对照]", "tags: 四个对照")}, [(S, 9, 7)]),
    Case("FM005", {S: swap("meeting_type: annual", "meeting_type: anual")}, [(S, 3, 15)]),
    Case("FM005", {N: swap("[annual]", "[年度组织生活会]", SNIPPET)}, [(N, 4, 16)]),
    Case("FM006", {S: swap("year: 2021\n", "year: 1921\n")}, [(S, 4, 7)]),
    Case("FM007", {S: swap("year: 2021\n", "year: 2020\n")}, [(S, 4, 7)], {S: swap("2021年度", "2021年度（2022年1月召开）")}),
    Case("FM008", {S: swap("level: 县级", "level: 县直")}, [(S, 5, 8)]),
    Case("FM008", {N: swap("kind: 问题", "kind: 问题清单", SNIPPET)}, [(N, 2, 7)]),
    Case("FM009", {S: swap("framework: 四个对照", "framework: 六个方面")}, [(S, 8, 12)]),
    Case("FM009", {S: swap("framework: 四个对照", "framework: 本单位通知")}, [(S, 8, 12)],
         {S: swap("framework: 四个对照", "framework: 本单位通知\naspects: [党章]")}),
    Case("FM013", {S: swap("year: 2021\n", "year: 2019\n")}, [(S, 4, 7)],
         {S: swap("year: 2021\n", "year: 2019\n", swap("framework: 四个对照", "framework: 本单位通知\naspects: [党章]"))}),
    Case("FM010", {S: "", "docs/dangshi/2021-test.md": SAMPLE}, [("docs/dangshi/2021-test.md", 3, 15)]),
    Case("FM011", {S: swap("source: 测试", "meetingtype: annual\nsource: 测试")}, [(S, 10, 1)]),
    Case(
        "FM012",
        {S: swap("---\n\n", "check:\n  XX999: 理由\n  TX006:\n---\n\n")},
        [(S, 12, 1), (S, 13, 1)],
        {S: swap("---\n\n", "check:\n  TX006: 原文如此\n---\n\n")},
    ),
    Case("ST001", {S: swap("## 一、存在的问题", "## 一、主要情况")}, [(S, 33, 1)]),
    Case("ST001", {S: swap("## 三、整改措施\n\n加强理论学习。\n", "")}, [(S, 35, 1)]),
    Case("ST002", {S: swap("## 三、整改措施", "## 三、原因剖析", swap("## 二、原因剖析", "## 二、整改措施"))}, [(S, 37, 1)]),
    Case("ST003", {S: swap("## 二、原因剖析", "## 二、几点思考")}, [(S, 33, 1)]),
    Case("ST004", {S: swap("新期待", "关切", swap("人民群众新期待方面", "其他方面"))}, [(S, 15, 1)]),
    Case("ST004", {S: swap("framework: 四个对照", "framework: 本单位通知\naspects: [对照党章规定方面, 对照纪律作风方面]")}, [(S, 16, 1)],
         {S: swap("framework: 四个对照", "framework: 本单位通知\naspects: [对照党章规定方面, 联系群众情况]")}),
    Case("ST005", {S: swap("理想信念有所松懈。\n", "")}, [(S, 33, 1)]),
    Case("ST006", {S: swap("### （一）", "#### 1.")}, [(S, 17, 1)]),
    Case("NU001", {S: swap("## 一、存在", "## 一，存在")}, [(S, 15, 4)]),
    Case("NU001", {S: swap("## 一、存在", "## （一）存在")}, [(S, 15, 4)]),
    Case("NU002", {S: swap("## 三、整改措施", "## 四、整改措施")}, [(S, 37, 4)]),
    Case("NU002", {S: swap("### （二）", "### （一）")}, [(S, 21, 5)]),
    Case("NU003", {S: swap("### （一）", "### (一)")}, [(S, 17, 5)]),
    Case(
        "NU004",
        {S: swap("二是联系群众不够紧密。", "二是联系群众不够紧密。二是作风不够扎实。")},
        [(S, 19, 21)],
        {S: swap("二是联系群众不够紧密。", "二是联系群众不够紧密。\n\n三是作风不够扎实。")},
    ),
    Case("TX001", {S: swap("有力。", "有力，公.文思.享文.库出.品。")}, [(S, 23, 12)]),
    Case("TX001", {S: swap(LAST, LAST + "\n\n来源：某某范文网")}, [(S, 41, 1)]),
    Case("TX002", {S: swap("回应新期待", "回应“新期待")}, [(S, 31, 3)], {S: swap("回应新期待", "回应“新期待”")}),
    Case("TX003", {S: swap("问题整改不够", "问题整改,不够")}, [(S, 27, 5)]),
    Case("TX004", {S: swap(LAST, "加强理论\u200b学习。")}, [(S, 39, 5)]),
    Case("TX005", {S: swap(LAST, "加强理论学习，淡心谈话。")}, [(S, 39, 8)]),
    Case(
        "TX006",
        {S: swap(LAST, "加强理论学习，深入开展谈心谈话，认真查摆问题")},
        [(S, 39, 22)],
        {S: swap(LAST, LAST + "\n\nxx党支部\n\n2022年1月20日")},
    ),
    Case("TX007", {S: swap("level: 县级", "level: TODO  # 待填写：组织层级")}, [(S, 5, 8)], {S: swap("level: 县级", "level: 未注明")}),
    Case("TX007", {S: swap("理想信念有所松懈。\n", "理想信念有所松懈。\n\n> 写作提示：从思想上剖析原因。\n")}, [(S, 37, 1)], {S: swap("理想信念有所松懈。\n", "理想信念有所松懈。\n\n> 写作中要注意的事。\n")}),
    Case("FL001", {S: SAMPLE.encode("gbk")}, [(S, 2, 8)]),
    Case("FL002", {S: b"\xef\xbb\xbf" + SAMPLE.encode()}, [(S, 1, 1)]),
    Case("FL003", {S: SAMPLE.replace("\n", "\r\n").encode()}, [(S, 1, 4)]),
    Case("FL004", {S: "\n\n"}, [(S, 1, 1)]),
    Case("FL005", {S: "", "docs/annual/2021_Test.md": SAMPLE}, [("docs/annual/2021_Test.md", 1, 1)]),
    Case("FL006", {"docs/annual/2021-link.md": Symlink("../../outside.md"), "outside.md": SAMPLE}, [("docs/annual/2021-link.md", 1, 1)]),
    Case("FL006", {"snippets/more": Symlink("../docs")}, [("snippets/more", 1, 1)]),
    Case("SE001", {S: swap(LAST, "加强理论学习。<br>")}, [(S, 39, 8)]),
    Case("SE001", {S: swap("tags: [四个对照]", "tags: [四个对照, '<img src=x onerror=alert(1)>']")}, [(S, 9, 7)]),
    Case("SE001", {S: swap(LAST, '<span onclick="x()">加强</span>')}, [(S, 39, 1), (S, 39, 23)]),
    Case("SE002", {S: swap(LAST, "加强[理论学习](javascript:alert(1))。")}, [(S, 39, 10)]),
    Case("SE003", {S: swap(LAST, "加强[理论学习](https://www.example.com/a)。")}, [(S, 39, 10)], {S: swap(LAST, "加强[理论学习](../index.md)。")}),
    Case("SE003", {S: swap(LAST, "加强理论学习。![图](//cdn.example.com/a.png)")}, [(S, 39, 13)]),
    Case("SE004", {S: swap(LAST, LAST + '\n\n--8<-- "../mkdocs.yml"')}, [(S, 41, 9)], {S: swap(LAST, LAST + f'\n\n--8<-- "{N[9:]}"')}),
    Case("SE004", {S: swap(LAST, LAST + '\n\n--8<-- "bu-cunzai.md"')}, [(S, 41, 9)]),
    Case("SE008", {S: swap(LAST, LAST + '\n{: autofocus onfocus="alert(1)" }')}, [(S, 40, 4), (S, 40, 14)], {S: swap(LAST, LAST + "\n{: .kb-note }")}),
    Case("SE008", {S: swap(LAST, "加强[理论学习](&#106;avascript:alert(1))。")}, [(S, 39, 26)]),
    Case("SE008", {S: swap("## 二、原因剖析", "## 二、原因剖析 {: id }")}, [(S, 12, 1)], {S: swap("## 二、原因剖析", "## 二、原因剖析 {: #yuanyin }")}),
    Case("SE008", {S: swap(LAST, "加强" + "[" * 5000)}, [(S, 39, 3)], {S: swap(LAST, "加强" + "[" * 20)}),
    Case("SE008", {N: swap("一是学习", '<img src="x"\nonerror="alert(1)">一是学习', SNIPPET)}, [(N, 10, 1)]),
    Case("SE005", {S: swap(LAST, "加强理论学习，证号11010519491231002X。")}, [(S, 39, 10)], {S: swap(LAST, "加强理论学习，编号110105194912310021。")}),
    Case("SE006", {S: swap(LAST, "加强理论学习，电话13812345678。")}, [(S, 39, 10)], {S: swap(LAST, "加强理论学习，收缴党费12345678901元。")}),
    Case("SE007", {S: swap(LAST, "加强理论学习，邮箱zhangsan@example.com。")}, [(S, 39, 10)]),
    Case(
        "CR001",
        {"docs/dangshi/2021-test.md": swap("2021年度组织生活会对照检查材料", "党史学习教育专题组织生活会材料", "---\ntitle: 2021年度组织生活会对照检查材料\n---\n\n另一篇范例的正文。\n")},
        [("docs/annual/2021-test.md", 1, 1), ("docs/dangshi/2021-test.md", 1, 1)],
    ),
    Case(
        "CR002",
        {"docs/annual/2021-other.md": "---\ntitle: 某支部2021年度组织生活会对照检查材料\n---\n\n另一篇范例的正文。\n"},
        [("docs/annual/2021-other.md", 2, 8), (S, 2, 8)],
    ),
    Case(
        "CR003",
        {"docs/annual/2021-copy.md": swap("某支部", "另一支部")},
        [("docs/annual/2021-copy.md", 12, 1), (S, 12, 1)],
        {"docs/annual/2021-other.md": swap("某支部", "另一支部", SAMPLE.split("## 一")[0]) + "另一篇范例的正文，内容完全不同。\n"},
    ),
    Case("CR004", {N: swap("annual/2021-test.md", "annual/bu-cunzai.md", SNIPPET)}, [(N, 5, 9)]),
    Case("CR005", {N: swap("section: （一）", "section: （九）不存在的", SNIPPET)}, [(N, 6, 10)], {N: swap("（一）对照", "对照", SNIPPET)}),
]


def _files(extra: dict) -> dict:
    files = {SAMPLE_PATH: SAMPLE, SNIPPET_PATH: SNIPPET, **extra}
    return {path: text for path, text in files.items() if text != ""}


def test_the_valid_fixtures_are_clean(tmp_path):
    report = check_tree(tmp_path, _files({}))
    assert [(f.rule, f.line, f.message) for f in report.findings] == []


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{i}" for i, c in enumerate(CASES)])
def test_rule_fails_at_the_exact_place(tmp_path, case):
    report = check_tree(tmp_path, _files(case.fail))
    assert located(report, case.rule, tmp_path) == case.where


@pytest.mark.parametrize("case", CASES, ids=[f"{c.rule}-{i}" for i, c in enumerate(CASES)])
def test_rule_passes_on_the_passing_variant(tmp_path, case):
    report = check_tree(tmp_path, _files(case.passing))
    assert located(report, case.rule, tmp_path) == []


def test_every_rule_has_a_case_and_a_severity():
    assert {c.rule for c in CASES} == set(rules.RULES)
    assert set(settings().severities) == set(rules.RULES)
    assert not set(settings().retired) & set(rules.RULES), "已退役的编号不能再用"


@pytest.mark.parametrize("rule_id", list(rules.RULES))
def test_every_rule_documents_itself(rule_id):
    module = rules.get(rule_id)
    doc = module.__doc__ or ""
    assert doc.startswith(rule_id) and "PASS" in doc and "FAIL" in doc
    assert module.NAME and module.HINT
