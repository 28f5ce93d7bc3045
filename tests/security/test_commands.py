"""Commands stay inside the tree and degrade instead of crashing: index --out, import --out, a
broken .cache, a Big5 text file."""

from __future__ import annotations

import pytest

from scripts.kb.core.paths import ROOT
from tests.contribute.importing import run_cli
from tests.security.hostile import small_tree


@pytest.fixture
def tree(tmp_path):
    return small_tree(tmp_path)


def _index(out, docs, snippets, *extra):
    return run_cli("index", "--out", out, "--docs", docs, "--snippets", snippets, *extra)


@pytest.mark.parametrize("where", ["repository", "docs", "snippets", "parent of docs"])
def test_index_never_writes_into_the_sources_or_the_repository(tree, where):
    docs, snippets = tree
    out = {"repository": ROOT, "docs": docs / "gen", "snippets": snippets, "parent of docs": docs.parent}[where]
    before = sorted(out.rglob("*")) if out.exists() and where != "repository" else None
    code, _, err = _index(out, docs, snippets, "--force")
    assert code == 2 and err.startswith("错误：输出目录") and "Traceback" not in err
    if before is not None:
        assert sorted(out.rglob("*")) == before


def test_index_refuses_a_non_empty_folder_unless_forced(tree, tmp_path):
    docs, snippets = tree
    out = tmp_path / "pages"
    out.mkdir()
    (out / "catalog.json").write_text("{}", encoding="utf-8")
    code, _, err = _index(out, docs, snippets)
    assert code == 2 and "不是空的" in err and "--force" in err
    assert (out / "catalog.json").read_text(encoding="utf-8") == "{}"
    code, out_text, _ = _index(out, docs, snippets, "--force")
    assert code == 0 and "已生成" in out_text and (out / "catalog.json").read_text(encoding="utf-8") != "{}"


def test_import_refuses_a_folder_as_its_output_even_with_force(tmp_path):
    source = tmp_path / "material.txt"
    source.write_text("一、存在的问题\n学习不够深入。\n", encoding="utf-8")
    (tmp_path / "existing").mkdir()
    code, out, err = run_cli("import", source, "--out", tmp_path / "existing", "--force", "--docs", tmp_path / "docs", "--type", "annual", "--year", "2021")
    assert code == 2 and "是一个目录" in err and "Traceback" not in out + err


def test_a_big5_text_is_read_as_big5_not_as_gb18030_nonsense(tmp_path):
    text = "根據上級通知要求，支部召開組織生活會。\n一、存在的問題\n學習不夠深入，聯繫群眾不夠緊密。\n"
    source = tmp_path / "material.txt"
    source.write_bytes(text.encode("big5"))
    target = tmp_path / "draft.md"
    code, out, err = run_cli("import", source, "--out", target, "--docs", tmp_path / "docs", "--type", "annual", "--year", "2021")
    assert code == 0, err
    assert "Big5" in out and "學習不夠深入" in target.read_text(encoding="utf-8")


def test_a_file_where_the_cache_folder_should_be_means_no_cache_and_a_notice(tree, tmp_path, monkeypatch):
    docs, snippets = tree
    blocker = tmp_path / "cache-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocker))
    code, out, err = run_cli("check", "--docs", docs, "--snippets", snippets)
    assert code == 0 and "不使用缓存" in err and "Traceback" not in out + err
    from scripts.kb.cache.disk_cache import template_bytecode_cache

    assert template_bytecode_cache() is None
