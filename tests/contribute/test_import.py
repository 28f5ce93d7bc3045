"""`import` on every raw seed, in every format a contributor may hold it: the sample it writes
checks clean once the TODO fields are filled, except for the seed's own blemishes; no content is
lost; every change is announced."""

from __future__ import annotations

import re

import pytest

from scripts.kb.check import run_check
from scripts.kb.core.frontmatter import split_front_matter
from scripts.kb.core.slug import pinyin_slug
from tests.contribute.importing import FORMATS, SEED_KEYS, fill_todo, run_cli, seed_lines, written_path

# Findings that only a person can fix: a typo, an unbalanced quote, a repeated 二是, a paragraph
# ending on a comma, a framework area the material does not cover.
BLEMISH_RULES = {"TX002", "TX005", "NU004", "TX006", "ST004"}
TYPE_YEAR = {"000": ("annual", 2021), "001": ("annual", 2021), "002": ("annual", 2021), "003": ("dangshi", 2021), "004": ("yingshenghui", 2022)}
WATERMARK = "公.文思.享文.库出.品"
CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def content(text: str) -> str:
    return "".join(CONTENT.findall(text))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(format, seed) → (exit code, stdout, written file, front matter as written, body)."""
    results = {}
    for name, convert in FORMATS.items():
        root = tmp_path_factory.mktemp(name)
        (root / "in").mkdir()
        for key in SEED_KEYS:
            code, out, err = run_cli("import", convert(key, root / "in"), "--docs", root / "docs")
            assert code == 0, err
            path = written_path(out)
            split = split_front_matter(path.read_text(encoding="utf-8"))
            results[name, key] = (out, path, split.meta, split.body)
    return results


CASES = [(name, key) for name in FORMATS for key in SEED_KEYS]


@pytest.mark.parametrize("fmt, key", CASES)
def test_type_year_and_folder_are_inferred(imported, fmt, key):
    out, path, meta, _ = imported[fmt, key]
    kind, year = TYPE_YEAR[key]
    assert (meta["meeting_type"], meta["year"], meta["subject"]) == (kind, year, "班子")
    assert path.parent.name == kind and path.name.startswith(f"{year}-{kind}-")


@pytest.mark.parametrize("fmt, key", CASES)
def test_filled_sample_has_only_the_seeds_blemishes(imported, fmt, key):
    _, path, _, _ = imported[fmt, key]
    before = run_check([path], path.parents[1], path.parents[2] / "snippets")
    assert {f.rule for f in before.errors} & {"TX007"}, "TODO 字段应被报告"
    fill_todo(path, key)
    report = run_check([path], path.parents[1], path.parents[2] / "snippets")
    rules = {f.rule for f in report.active}
    assert rules <= BLEMISH_RULES, [(f.rule, f.line, f.message) for f in report.active if f.rule not in BLEMISH_RULES]
    assert all(f.line > 1 for f in report.active)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_gives_the_same_sample(imported, fmt):
    for key in SEED_KEYS:
        assert imported[fmt, key][3] == imported["txt", key][3], key
        assert imported[fmt, key][2] == imported["txt", key][2], key


@pytest.mark.parametrize("fmt, key", CASES)
def test_no_content_is_lost(imported, fmt, key):
    """Each seed paragraph is, letter for letter, one paragraph or a heading and its paragraph."""
    out, _, meta, body = imported[fmt, key]
    removed = re.findall(r"已删除水印（.*?）：“(.*)”", out)
    lines = [content(line) for line in seed_lines(key)]
    for text in removed:
        lines = [line.replace(content(text), "", 1) for line in lines]
    if meta.get("title") and meta["title"] != "TODO":
        assert lines.pop(0) == content(meta["title"])
    if meta.get("date"):
        assert lines.pop(0) == content(f"{meta['date'].year}年{meta['date'].month}月{meta['date'].day}日")
    blocks = [content(block) for block in body.split("\n\n") if block.strip()]
    index, pending = 0, ""
    for block in blocks:
        pending += block
        if pending == lines[index]:
            index, pending = index + 1, ""
    assert (index, pending) == (len(lines), ""), f"seed paragraph {index + 1}: {lines[index][:40] if index < len(lines) else ''}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_watermark_removal_is_announced(imported, fmt):
    out, _, _, body = imported[fmt, "000"]
    announced = [line for line in out.splitlines() if "已删除水印" in line]
    assert len(announced) == 1 and announced[0].endswith(f"已删除水印（插在句中的网站名（汉字被点号隔开））：“{WATERMARK}”")
    if fmt == "txt":
        assert announced[0].startswith("第 15 行：")
    assert WATERMARK not in body and "不愿作为，甚至“不比先进比后进" in body
    for key in ("001", "002", "003", "004"):
        assert "已删除水印" not in imported[fmt, key][0]


def test_normalisations_are_announced(imported):
    out = imported["txt", "004"][0]
    assert "已把半角的编号括号或编号后的标点改成规范写法：10 处（第 7、11" in out
    assert "已把汉字之间的半角标点改成全角" in out and "已把直引号改成中文引号" in out
    body = imported["txt", "004"][3]
    assert "### （一）思想方面\n" in body and "(一)" not in body and '"' not in body
    assert "党性锤炼，坚定共产主义理想信念" in body


def test_headings_follow_the_published_layout(imported):
    body = imported["txt", "000"][3]
    assert "## 一、党支部2021年工作开展情况\n" in body
    assert "### （一）理论学习在深化拓展中扎实推进\n\n紧紧抓住建党一百周年这个时间节点" in body
    body = imported["txt", "001"][3]
    assert "### （一）对照党章规定的职责任务方面，存在“三个不充分”的问题\n\n一是党支部领导组织作用发挥不充分" in body
    _, _, meta, body = imported["txt", "003"]
    assert meta["title"] == "XX党支部党史学习教育专题组织生活会剖析材料" and str(meta["date"]) == "2021-07-02"
    assert "2021年7月2日" not in body and not body.startswith("XX党支部")


def test_file_is_named_with_the_pinyin_of_its_title(tmp_path):
    title = "县人大常委会机关支部2021年度组织生活会对照检查材料"
    source = tmp_path / "材料.txt"
    source.write_text(f"{title}\n\n一、存在的问题\n\n理论学习不够深入，对照党章查摆不够。\n\n二、整改措施\n\n加强理论学习。\n", encoding="utf-8")
    code, out, _ = run_cli("import", source, "--docs", tmp_path / "docs")
    assert code == 0, out
    assert written_path(out).name == f"2021-annual-{pinyin_slug(title)}.md"
    assert pinyin_slug(title) == "xian-ren-da-chang-wei-hui-ji-guan-zhi-bu-2021-nian-du-zu-zhi"
