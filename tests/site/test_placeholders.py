"""Placeholder patterns (scripts/data/placeholders.yml): what they find, what they never find."""

from __future__ import annotations

import pytest

from scripts.kb.site.placeholders import placeholder_box, rules


@pytest.mark.parametrize(
    "text, found",
    [
        ("支部党员从年初的xx人增加到xx人", ["xx", "xx"]),
        ("学习贯彻XXX新时代中国特色社会主义思想", ["XXX"]),
        ("全年共收缴党费xxxxx.x元", ["xxxxx.x"]),
        ("分别召开X次党员大会", ["X"]),
        ("选派X名同志参加", ["X"]),
        ("谈心谈话XX人次", ["XX"]),
        ("贯彻党的XX届X中X全会精神", ["XX", "X", "X"]),
        ("贯彻党的XX届X中X会精神", ["XX", "X", "X"]),
        ("省委十一届＊次、十次全会精神", ["＊"]),
        ("XX镇党支部", ["XX"]),
        ("（○○○○年○月）", ["○○○○"]),
    ],
)
def test_placeholders_are_found(text, found):
    assert rules().find(text) == found


@pytest.mark.parametrize(
    "text",
    ["以“OA系统”办公为借口", "手机APP", "2021年度组织生活会", "用Excel统计", "XML格式", "Xbox", "第X", "max人数", "3X次"],
)
def test_latin_words_and_years_are_not_placeholders(text):
    assert rules().find(text) == []


def test_each_pattern_matches_its_examples_and_no_counterexample():
    data = rules()
    for name, pattern, examples in data.patterns:
        assert examples, f"{name} 没有示例"
        for example in examples:
            assert pattern.search(example), f"{name} 没有匹配示例 {example}"
    for text in data.counterexamples:
        assert data.find(text) == [], text


def test_highlight_touches_text_only_not_attributes_code_or_marks():
    html = '<p title="xx">按xx人<a href="xx.html">XX镇</a></p><code>xx</code><pre>XXX</pre><mark>xx</mark>'
    out = rules().highlight_html(html)
    mark = '<mark class="kb-placeholder" title="请替换为本单位实际情况">'
    assert out == (
        f'<p title="xx">按{mark}xx</mark>人<a href="xx.html">{mark}XX</mark>镇</a></p>'
        "<code>xx</code><pre>XXX</pre><mark>xx</mark>"
    )


def test_placeholder_box_counts_and_lists_tokens():
    box = placeholder_box("开展X次研讨，xx人参加，xx人缺席。\n")
    assert '<span class="kb-placeholder-count">3</span>' in box
    assert "<code>xx</code> × 2、<code>X</code> × 1" in box and 'data-search-exclude=""' in box
    assert '<span class="kb-placeholder-count">0</span>' in placeholder_box("2021年，OA系统。\n")


def test_the_build_remembers_a_samples_box_only_while_its_text_is_the_same():
    from scripts.kb.site.site_build import SiteBuild

    build = SiteBuild()
    for text in ("开展X次研讨。\n", "开展X次研讨，xx人参加。\n", "2021年。\n", "开展X次研讨。\n"):
        assert build.placeholder_box("a/b.md", text) == placeholder_box(text)
        assert build.placeholder_box("a/b.md", text) == placeholder_box(text)  # the remembered one


def test_a_workers_boxes_are_those_of_the_markdown_mkdocs_reads(tmp_path):
    """boxes_in_worker reads each page as MkDocs does (a BOM, front matter); a page that cannot be
    read is left out; and the build uses a worker's box only for the same Markdown."""
    from mkdocs.utils import meta

    from scripts.kb.cache.disk_cache import content_key
    from scripts.kb.site import site_build

    texts = {"a/one.md": "---\ntitle: 一\n---\n开展X次研讨，xx人参加。\n", "a/two.md": "\ufeff---\ntitle: 二\n---\n2021年，xx人。\n"}
    for name, text in texts.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "a" / "bad.md").write_bytes(b"\xff\xfe bad")
    pages = [(name, str(tmp_path / name)) for name in (*texts, "a/bad.md", "a/missing.md")]
    made = site_build.boxes_in_worker("boxes:k", pages)["boxes:k"]
    assert set(made) == set(texts)
    for name, text in texts.items():
        markdown = meta.get_data(text.lstrip("\ufeff"))[0]
        assert made[name] == (content_key(markdown), placeholder_box(markdown)) and "kb-placeholder-count" in made[name][1]

    build = site_build.SiteBuild()
    build.boxes.update({name: (digest, f"<box {name}>") for name, (digest, _) in made.items()})  # as take_boxes keeps them
    one = meta.get_data(texts["a/one.md"])[0]
    assert build.placeholder_box("a/one.md", one) == "<box a/one.md>"
    assert build.placeholder_box("a/two.md", one) == placeholder_box(one)  # other Markdown: made here


def test_the_build_hands_out_boxes_only_to_running_workers_and_keeps_what_they_made(monkeypatch):
    from scripts.kb.core.workers import JOBS
    from scripts.kb.site import site_build

    build = site_build.SiteBuild()
    assert not JOBS.running and build.start_boxes([("a/one.md", "/nowhere/one.md")]) is None
    build.take_boxes(None)
    assert build.boxes == {}
    monkeypatch.setattr(JOBS, "take_item", lambda key, item=None: {"a/one.md": ("d", "<box>")} if key == "boxes:k" else None)
    build.take_boxes("boxes:k")
    build.take_boxes("boxes:other")  # no worker started on it: nothing kept, made when asked
    assert build.boxes == {"a/one.md": ("d", "<box>")}
