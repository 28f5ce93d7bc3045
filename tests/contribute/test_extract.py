"""Snippet extraction: nothing lost or duplicated, right kinds and sources, stable file names."""

from __future__ import annotations

import textwrap

import pytest

from scripts.kb.contribute.extract import blocks, classify_topic, extract, split_items
from scripts.kb.contribute.snippet_writer import plan_writes
from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples, parse_sample
from scripts.kb.core.paths import SNIPPETS_DIR
from scripts.kb.core.snippet import load_snippets, snippet_data

SAMPLES = load_samples()


def test_the_five_published_samples_are_there():
    assert len(SAMPLES) >= 5


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.rel)
def test_snippets_of_each_section_join_to_the_section(sample):
    snippets = extract(sample)
    data = snippet_data()
    for section in sample.sections:
        if section.role is None:
            continue
        heading_texts = {section.heading.text if section.heading else sample.title}
        heading_texts |= {line.lstrip("#").strip() for _, line in section.lines if line.startswith("### ")}
        kinds = {data.kind_by_role[section.role.key], "结尾"}
        own = [s for s in snippets if s.section in heading_texts and s.kind in kinds]
        assert "".join(s.text for s in own) == "".join(section.paragraphs), section.heading


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.rel)
def test_all_snippets_join_to_all_role_sections_in_order(sample):
    text = "".join(s.text for s in extract(sample))
    assert text == "".join(p for section in sample.sections if section.role for p in section.paragraphs)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.rel)
def test_kinds_sources_and_types_are_right(sample):
    data = snippet_data()
    snippets = extract(sample)
    assert snippets
    headings = {h.text for h in sample.headings} | {sample.title}
    for snippet in snippets:
        assert snippet.source == sample.rel
        assert snippet.meeting_types == (sample.meeting_type,)
        assert snippet.section in headings
        assert snippet.kind in data.kinds and snippet.topic in data.topics
    kinds = {s.kind for s in snippets}
    expected = {data.kind_by_role[role] for role in sample.roles()}
    assert kinds == expected
    assert len({s.slug for s in snippets}) == len(snippets)
    assert [s.slug for s in extract(sample)] == [s.slug for s in snippets]


def test_problem_items_of_the_county_sample():
    sample = next(s for s in SAMPLES if s.rel == "annual/2021-xian-renda-jiguan-zhibu.md")
    problems = [s for s in extract(sample) if s.kind == "问题"]
    assert [s.text[:4] for s in problems] == ["一是理论", "二是党员", "主要存在", "一是整改", "二是实时", "一是联系", "二是组织"]
    assert problems[0].section == "（一）对照履行党章规定的职责任务存在哪些差距和不足"
    assert problems[0].slug == "annual-2021-xian-renda-jiguan-zhibu-problems-01-01"
    assert problems[0].topic == "理论学习"


def test_the_extraction_yields_about_a_hundred_snippets():
    assert 90 <= sum(len(extract(s)) for s in SAMPLES) <= 200


def test_committed_snippets_are_what_extraction_produces():
    """snippets/ is reproducible: extracting again would create, update or delete nothing."""
    snippets = [snippet for sample in SAMPLES for snippet in extract(sample)]
    plan = plan_writes(snippets, {s.rel for s in SAMPLES}, SNIPPETS_DIR)
    assert not plan.create and not plan.update and not plan.delete and not plan.conflicts
    assert len(load_snippets(SNIPPETS_DIR)) == len(snippets)


@pytest.mark.parametrize(
    "paragraph, pieces",
    [
        ("狠抓管理。一是形式灵活。通过交流群。二是关系规范。三是程序到位。",
         ["狠抓管理。", "一是形式灵活。通过交流群。", "二是关系规范。", "三是程序到位。"]),
        ("存在问题：一是事前不到位；二是事中不到位。", ["存在问题：", "一是事前不到位；", "二是事中不到位。"]),
        ("一要树牢观念。二要勇于担当。", ["一要树牢观念。", "二要勇于担当。"]),
        ("一是只有一条。没有第二条。", ["一是只有一条。没有第二条。"]),
        ("思想统一是前提。二是不算。", ["思想统一是前提。二是不算。"]),
        ("一是甲。三是丙。", ["一是甲。三是丙。"]),
    ],
)
def test_split_items(paragraph, pieces):
    assert split_items(paragraph, snippet_data()) == pieces
    assert "".join(pieces) == paragraph


def test_topic_first_sentence_decides_and_heading_is_the_fallback():
    data = snippet_data()
    assert classify_topic("一是理论学习不全面。群众群众群众。", "", data) == "理论学习"
    assert classify_topic("一是甲。乙。", "（三）弘扬优良传统，廉洁自律方面", data) == "廉洁自律"
    assert classify_topic("一是甲。乙。", "", data) == "其他"


def _write_sample(tmp_path, body):
    docs = tmp_path / "docs"
    (docs / "annual").mkdir(parents=True)
    path = docs / "annual" / "2021-test.md"
    front = "---\ntitle: 测试材料\nmeeting_type: annual\nyear: 2021\n---\n"
    path.write_text(front + textwrap.dedent(body), encoding="utf-8")
    return parse_sample(path, docs, domain())


def test_closing_paragraph_is_a_closing_snippet_and_unknown_sections_are_skipped(tmp_path):
    sample = _write_sample(tmp_path, """
        开头一段。

        ## 一、其他事项

        这段不属于任何部分。

        ## 二、整改措施

        ### （一）加强学习

        一是学理论。二是学党史。

        以上是我们的剖析，请同志们批评指正。
        """)
    snippets = extract(sample)
    assert [s.kind for s in snippets] == ["开头", "整改", "整改", "结尾"]
    assert snippets[0].section == "测试材料"
    assert snippets[-1].section == "（一）加强学习"
    assert [b.heading for b in blocks(sample)] == ["测试材料", "（一）加强学习"]
