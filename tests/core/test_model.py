"""The content model: reading front matter and body, mapping headings to section roles."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.kb.core.data import domain
from scripts.kb.core.frontmatter import FrontMatterError, body_of, split_front_matter
from scripts.kb.core.model import parse_sample, role_for_heading


@pytest.mark.parametrize(
    "heading, role",
    [
        ("一、党支部2021年工作开展情况", "work"),
        ("二、深入查摆存在的突出问题和不足", "problems"),
        ("三、存在问题的原因剖析", "causes"),
        ("二、产生问题的原因剖析", "causes"),
        ("四、下一步打算及整改措施", "measures"),
        ("三、今后努力方向和整改措施", "measures"),
        ("二、学习习近平总书记在庆祝中国共产党成立100周年大会上的重要讲话心得体会", "insights"),
        ("五、其他事项", None),
    ],
)
def test_heading_maps_to_role_by_keyword_priority(heading, role):
    found = role_for_heading(heading, domain().roles)
    assert (found.key if found else None) == role


def test_front_matter_error_has_the_line_inside_the_file():
    text = "---\ntitle: 标题\nyear: [2021\n---\n正文\n"
    with pytest.raises(FrontMatterError) as info:
        split_front_matter(text)
    assert info.value.line in (3, 4)
    assert "YAML" in info.value.message


def test_unterminated_front_matter_is_an_error():
    with pytest.raises(FrontMatterError):
        split_front_matter("---\ntitle: x\n正文\n")


@given(st.lists(st.sampled_from(["---", "--- ", "title: 甲", "year: 2024", "", "正文", "# 标题", "\r"]), max_size=8).map("\n".join))
def test_body_of_gives_the_body_split_front_matter_gives(text):
    try:
        split = split_front_matter(text)
    except FrontMatterError as exc:
        if exc.message.startswith("front matter 没有结束行"):
            with pytest.raises(FrontMatterError):
                body_of(text)
        return
    assert body_of(text) == (split.body, split.body_line)


def test_sample_sections_and_lines(tmp_path):
    docs = tmp_path / "docs"
    (docs / "annual").mkdir(parents=True)
    path = docs / "annual" / "a.md"
    path.write_text(
        textwrap.dedent(
            """\
            ---
            title: 测试
            meeting_type: annual
            year: 2021
            ---
            开头一段。

            ## 一、存在的问题

            ### （一）思想方面

            问题一。

            ## 二、整改措施

            措施一。
            """
        ),
        encoding="utf-8",
    )
    sample = parse_sample(path, docs)
    assert sample.rel == "annual/a.md"
    assert sample.url == "annual/a/"
    assert sample.roles() == ["intro", "problems", "measures"]
    assert [(h.level, h.line) for h in sample.headings] == [(2, 8), (3, 10), (2, 14)]
    assert sample.sections[1].paragraphs == ["问题一。"]


def test_every_type_in_data_names_known_roles():
    dom = domain()
    known = {r.key for r in dom.roles}
    for mt in dom.types:
        assert set(mt.allowed) <= known, mt.key
        assert mt.frameworks, f"{mt.key} 没有对照框架"
