"""`snippets extract`: reproducible output, and never a silent overwrite of an edited snippet."""

from __future__ import annotations

import shutil

import pytest

from scripts.kb.cli import main
from scripts.kb.core.paths import DOCS_DIR

SAMPLE = "annual/2021-xian-renda-jiguan-zhibu.md"


@pytest.fixture
def tree(tmp_path):
    docs = tmp_path / "docs"
    (docs / "annual").mkdir(parents=True)
    shutil.copy(DOCS_DIR / SAMPLE, docs / SAMPLE)
    return docs, tmp_path / "snippets"


def _extract(docs, out, *extra):
    return main(["snippets", "extract", str(docs / SAMPLE), "--docs", str(docs), "--out", str(out), *extra])


def _files(out):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.md"))}


def test_extract_writes_snippets_and_a_second_run_changes_nothing(tree, capsys):
    docs, out = tree
    assert _extract(docs, out) == 0
    first = _files(out)
    assert len(first) > 20
    assert "新增" in capsys.readouterr().out
    assert _extract(docs, out) == 0
    assert _files(out) == first
    assert f"未变 {len(first)}" in capsys.readouterr().out


def test_an_edited_snippet_is_never_overwritten_without_force(tree, capsys):
    docs, out = tree
    _extract(docs, out)
    edited = out / "annual-2021-xian-renda-jiguan-zhibu-problems-01-01.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("topic: 理论学习", "topic: 组织生活"), encoding="utf-8")
    (docs / SAMPLE).write_text((docs / SAMPLE).read_text(encoding="utf-8").replace("学习资料收集凌乱", "学习资料收集零乱"), encoding="utf-8")
    before = _files(out)
    assert _extract(docs, out) == 1
    err = capsys.readouterr().err
    assert edited.name in err and "手工修改" in err and "--force" in err
    assert _files(out) == before  # nothing written, not even the untouched files
    assert _extract(docs, out, "--force") == 0
    assert "topic: 理论学习" in edited.read_text(encoding="utf-8")
    assert "零乱" in edited.read_text(encoding="utf-8")


def test_a_hand_written_file_with_an_extracted_name_is_protected(tree, capsys):
    docs, out = tree
    out.mkdir()
    mine = out / "annual-2021-xian-renda-jiguan-zhibu-causes-01-01.md"
    mine.write_text("---\nkind: 原因\n---\n我写的\n", encoding="utf-8")
    assert _extract(docs, out) == 1
    assert mine.read_text(encoding="utf-8") == "---\nkind: 原因\n---\n我写的\n"
    assert len(list(out.glob("*.md"))) == 1


def test_stale_snippets_are_deleted_only_when_untouched(tree, capsys):
    docs, out = tree
    _extract(docs, out)
    stale = out / "annual-2021-xian-renda-jiguan-zhibu-measures-09-01.md"
    shutil.copy(out / "annual-2021-xian-renda-jiguan-zhibu-measures-01-01.md", stale)  # hash still matches
    kept = out / "annual-2021-xian-renda-jiguan-zhibu-measures-09-02.md"
    kept.write_text(stale.read_text(encoding="utf-8") + "补充一句。\n", encoding="utf-8")
    assert _extract(docs, out) == 0
    assert not stale.exists()
    assert kept.exists()
    captured = capsys.readouterr().out
    assert kept.name in captured and "删除过时 1" in captured


@pytest.mark.parametrize("argument, message", [("nope.md", "文件不存在"), (__file__, "不在 docs 目录")])
def test_bad_sample_arguments_are_usage_errors_in_chinese(tree, capsys, argument, message):
    docs, out = tree
    assert main(["snippets", "extract", argument, "--docs", str(docs), "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_unreadable_front_matter_names_file_and_line(tree, capsys):
    docs, out = tree
    (docs / SAMPLE).write_text("---\ntitle: [x\n---\n正文\n", encoding="utf-8")
    assert _extract(docs, out) == 1
    err = capsys.readouterr().err
    assert f"{SAMPLE}:" in err.replace("\\", "/") and "YAML" in err and "Traceback" not in err
