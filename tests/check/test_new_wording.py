"""The wording of the 2023–2025 notices: section headings map to their roles, and ST004 finds the new
areas in short made-up paragraphs (areas drawn at random with a fixed seed)."""

from __future__ import annotations

import random

import pytest

from scripts.kb.core.data import domain
from scripts.kb.core.model import role_for_heading
from tests.check.fixtures import SAMPLE, SAMPLE_PATH, check_tree, swap

DOM = domain()


@pytest.mark.parametrize("heading, role", [
    ("一、主题教育开展情况", "work"),
    ("一、深化学习的收获体会", "insights"),
    ("二、检视的问题", "problems"),
    ("二、对照六项纪律查摆的问题", "problems"),
    ("二、查找的问题短板", "problems"),
    ("二、对照检查情况", "problems"),
    ("三、问题产生的根源", "causes"),
    ("三、检视问题的原因剖析", "causes"),
    ("四、整改措施和努力方向", "measures"),
])
def test_headings_in_the_new_wording_map_to_their_roles(heading, role):
    assert role_for_heading(heading, DOM.roles).key == role


def _areas():
    """Every (type, year, subject, framework) with areas, and one of its areas drawn at random."""
    rng = random.Random(2025)
    cases = []
    for mt in DOM.types:
        for year, framework in sorted(mt.frameworks.items()):
            for subject, known in framework.subjects.items():
                cases.append((mt.key, year, subject, framework.name, known.areas, rng.choice(known.areas)))
    return cases


@pytest.mark.parametrize("key, year, subject, name, areas, drawn", _areas(), ids=lambda v: str(v) if isinstance(v, (str, int)) else "")
def test_a_short_paragraph_with_one_areas_keyword_covers_that_area_only(tmp_path, key, year, subject, name, areas, drawn):
    """One made-up sentence using a keyword of the drawn area (or its name): ST004 names every other
    area whose words the sentence does not happen to contain, and never the drawn one."""
    words = random.Random(f"{key}{year}{subject}").choice(drawn.keywords or (drawn.name,))
    paragraph = f"支部在{words}上还有差距，表现不够具体。"
    text = SAMPLE.split("## 一、存在的问题")[0] + f"## 一、检视的问题\n\n{paragraph}\n\n## 二、整改措施\n\n逐条整改。\n"
    text = swap("year: 2021", f"year: {year}", swap("meeting_type: annual", f"meeting_type: {key}",
                swap("subject: 班子", f"subject: {subject}", swap("framework: 四个对照", f"framework: {name}", text))))
    report = check_tree(tmp_path, {SAMPLE_PATH: text.replace("2021年度", f"{year}年度")})
    missing = {f.message.split("中的“")[1].rstrip("”") for f in report.findings if f.rule == "ST004"}
    assert drawn.name not in missing
    assert missing == {a.name for a in areas if a.name not in paragraph and not any(k in paragraph for k in a.keywords)}
