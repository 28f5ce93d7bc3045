"""Markdown to document blocks: syntax stripped, snippet includes resolved, headings and date."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.kb.core.data import domain
from scripts.kb.core.model import parse_sample
from scripts.kb.core.basis import source_label
from scripts.kb.core.outline import build_outline
from scripts.kb.word import docx_content
from scripts.kb.word.docx_content import NO_LEAD_IN, ExportError, Run, basis_blocks, inline_runs, outline_blocks, sample_blocks
from scripts.kb.word.docx_layout import layout

FRONT = """\
---
title: 测试支部2021年度组织生活会对照检查材料
meeting_type: annual
year: 2021
{extra}---
"""


def blocks_of(tmp_path, body: str, extra: str = "", snippets: dict[str, str] | None = None):
    docs, snippet_dir = tmp_path / "docs", tmp_path / "snippets"
    (docs / "annual").mkdir(parents=True)
    snippet_dir.mkdir()
    for name, text in (snippets or {}).items():
        (snippet_dir / name).write_text(text, encoding="utf-8")
    path = docs / "annual" / "a.md"
    path.write_text(FRONT.format(extra=extra) + textwrap.dedent(body), encoding="utf-8")
    return sample_blocks(parse_sample(path, docs), layout().lead_in, layout().date_format, snippet_dir)


def kinds_and_texts(blocks):
    return [(b.kind, b.text) for b in blocks]


def test_title_headings_and_paragraphs_in_order(tmp_path):
    blocks = blocks_of(tmp_path, """
        开头一段，
        续行。

        ## 一、存在的问题

        ### （一）思想方面

        问题一。
        """)
    assert kinds_and_texts(blocks) == [
        ("title", "测试支部2021年度组织生活会对照检查材料"),
        ("body", "开头一段，续行。"),
        ("heading1", "一、存在的问题"),
        ("heading2", "（一）思想方面"),
        ("body", "问题一。"),
    ]


def test_markdown_syntax_is_removed_and_strong_becomes_bold_runs(tmp_path):
    blocks = blocks_of(tmp_path, """
        **一是学习不够。**具体表现为*偶尔*缺席，详见[通知](https://example.invalid/a "t")和`附件`。![图](a.png)<mark class="x">xx</mark>同志&nbsp;A\\*B

        > 引用的话 {: .note }
        """)
    first = blocks[1]
    assert first.runs == (Run("一是学习不够。", True), Run("具体表现为偶尔缺席，详见通知和附件。xx同志 A*B"))
    assert blocks[2].text == "引用的话"


def test_zero_width_characters_are_dropped_and_placeholders_kept(tmp_path):
    blocks = blocks_of(tmp_path, "xx\u200b镇X次\u200d召开＊次会议\ufeff，XXX同志。\n")
    assert blocks[1].text == "xx镇X次召开＊次会议，XXX同志。"


def test_lists_tables_rules_and_html_lines(tmp_path):
    blocks = blocks_of(tmp_path, """
        <div class="x" markdown>

        3. 第一项
        4. 第二项

        - 要点

        ---

        | 事项 | 次数 |
        | --- | --- |
        | 谈心 | X次 |

        </div>
        <!-- 注释 -->
        """)
    assert [b.text for b in blocks[1:]] == ["3.第一项", "4.第二项", "要点", "事项　次数", "谈心　X次"]


def test_deeper_levels_get_a_bold_lead_in(tmp_path):
    blocks = blocks_of(tmp_path, """
        1.理论学习不深入。学得不系统。

        （2）短标题

        一是不加粗。
        """)
    assert blocks[1].runs == (Run("1.理论学习不深入。", True), Run("学得不系统。"))
    assert blocks[2].runs == (Run("（2）短标题", True),)
    assert blocks[3].runs == (Run("一是不加粗。"),)


def test_h4_is_a_bold_body_paragraph_and_a_repeated_title_h1_is_dropped(tmp_path):
    blocks = blocks_of(tmp_path, """
        # 测试支部2021年度组织生活会对照检查材料

        #### 1.学习方面

        正文。
        """)
    assert kinds_and_texts(blocks)[1:] == [("body", "1.学习方面"), ("body", "正文。")]
    assert blocks[1].runs[0].bold


def test_snippet_includes_are_replaced_by_the_snippet_text(tmp_path):
    snippets = {
        "p.md": "---\nkind: 问题\n---\n片段**第一**句。\n\n片段第二段。\n",
        "q.md": "甲\n乙\n丙\n",
    }
    blocks = blocks_of(tmp_path, """
        前文。

        --8<-- "p.md"

        --8<--
        q.md:2:2
        --8<--

        ;--8<-- "p.md"
        """, snippets=snippets)
    assert [b.text for b in blocks[1:]] == ["前文。", "片段第一句。", "片段第二段。", "乙", '--8<-- "p.md"']


def test_a_missing_snippet_is_an_error_at_its_line(tmp_path):
    with pytest.raises(ExportError) as info:
        blocks_of(tmp_path, "前文。\n\n--8<-- \"nothere.md\"\n")
    assert info.value.line == 8  # 5 lines of front matter, a blank line, 前文。, blank, the include
    assert "nothere.md" in info.value.message and "不存在" in info.value.message


def test_date_line_is_last_in_chinese_without_leading_zeros(tmp_path):
    blocks = blocks_of(tmp_path, "正文。\n", extra="date: 2021-07-02\n")
    assert kinds_and_texts(blocks)[-1] == ("date", "2021年7月2日")
    assert blocks_of(tmp_path / "b", "正文。\n")[-1].kind == "body"


def test_outline_blocks_come_from_the_shared_outline_model():
    dom = domain()
    mt = dom.type("dangshi")
    blocks = outline_blocks("提纲", mt, 2021, "班子", dom)
    items = build_outline(mt, 2021, "班子", dom)
    assert blocks[0].kind == "title"
    basis, outline = blocks[1 : 1 + len(basis_blocks(mt, 2021, "班子", dom))], blocks[1 + len(basis_blocks(mt, 2021, "班子", dom)) :]
    assert [b.text for b in outline[0::2]] == [item.heading for item in items]
    assert [b.text for b in outline[1::2]] == [item.hint for item in items]
    assert {b.kind for b in outline[0::2]} == {"heading1", "heading2"}
    assert {b.kind for b in basis} == {"body"}


@pytest.mark.parametrize("key, year, subject", [("annual", 2025, "个人"), ("zhutijiaoyu", 2023, "班子"), ("dangshi", 2021, "个人")])
def test_outline_blocks_show_the_basis_and_the_local_notice_rule(key, year, subject):
    """A Word outline starts with its framework, the sources with their links, their confidence, and
    that the unit's own notice prevails; a framework below the strongest confidence says it is not official."""
    dom = domain()
    mt = dom.type(key)
    framework = mt.framework_for(year)
    text = "\n".join(b.text for b in basis_blocks(mt, year, subject, dom))
    assert f"对照方面：{framework.name}（{year}年度）" in text
    assert dom.notices["basis"] in text
    known = framework.subjects[subject]
    assert f"可信度：{known.confidence}" in text
    assert (dom.notices["unofficial"] in text) == (known.confidence != dom.official_level)
    for source in known.basis:
        assert f"{source_label(source)}{' ' + source.link if source.link else ''}（可信度：{source.confidence}）" in text


MARKDOWN_BITS = ["党员", "整改", "ab", " ", "*", "**", "_", "__", "~~", "`", "[", "]", "(", ")", "!", "<", ">", "<!--",
                 "-->", "{", "}", ":", ".", "#", "^", "\\", "&amp;", "https:", "mailto:", "b", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_BITS), max_size=24).map("".join))
def test_skipping_patterns_whose_marks_are_absent_changes_nothing(text):
    """inline_runs applies a pattern only when the text holds one of its marks: the runs are those
    of applying every pattern."""
    every = text
    for _, pattern, replacement in docx_content.INLINE:
        every = pattern.sub(replacement, every)
    assert inline_runs(text, NO_LEAD_IN) == inline_runs_reference(every)


def inline_runs_reference(substituted: str) -> tuple[Run, ...]:
    """inline_runs after its substitutions (the rest of it unchanged)."""
    original = docx_content.INLINE
    try:
        docx_content.INLINE = ()
        return inline_runs(substituted, NO_LEAD_IN)
    finally:
        docx_content.INLINE = original
