"""Every case of the hostile-contribution corpus through check, the build, export, index and
import: a located Chinese error (file:line:col, rule ID), exit 1 from check, the build stopped the
same way, and never a traceback, an internal error or a hang."""

from __future__ import annotations

import re
import time

import pytest

from scripts.kb.core.frontmatter import FrontMatterError, split_front_matter
from scripts.kb.site.site_build import SiteBuild, SiteBuildError
from tests.conftest import build_site
from tests.contribute.importing import run_cli
from tests.security.hostile import CASES, CORPUS, site_config, small_tree

IDS = [case.file.removesuffix(".md").replace(" ", "-") for case in CASES]
UNREADABLE = {"FM002", "SE004"}  # export and index cannot go on past these


def _finding(case) -> re.Pattern:
    return re.compile(rf"{re.escape(case.at)}:{case.line}:\d+: error {case.rule} ")


def _clean(*outputs: str) -> bool:
    text = "".join(outputs)
    return "Traceback" not in text and "内部错误" not in text


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    return small_tree(tmp_path)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_check_reports_the_case_where_it_is_and_exits_1(tmp_path, tree, case):
    docs, snippets = tree
    case.place(tmp_path)
    for _ in ("miss", "hit"):  # the second run takes the file's result from check's cache
        started = time.monotonic()
        code, out, err = run_cli("check", "--docs", docs, "--snippets", snippets)
        assert time.monotonic() - started < 10
        assert code == 1 and _finding(case).search(out), out + err
        assert _clean(out, err)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_build_stops_on_the_same_finding(tmp_path, tree, case):
    docs, _ = tree
    case.place(tmp_path)
    with pytest.raises(SiteBuildError) as stopped:
        SiteBuild().prepare(docs, directory_urls=True)
    assert _finding(case).search(str(stopped.value))


@pytest.mark.parametrize("case", [c for c in CASES if c.at.startswith("docs/")], ids=lambda c: c.file)
def test_export_refuses_what_it_cannot_read_and_never_leaves_the_tree(tmp_path, tree, case):
    docs, _ = tree
    path = case.place(tmp_path)
    out = tmp_path / "out.docx"
    code, stdout, err = run_cli("export", path, "--docs", docs, "--out", out)
    assert code in (0, 1) and _clean(stdout, err)
    if case.rule in UNREADABLE or case.link:
        assert code == 1 and err.startswith("错误：") and not out.exists()
    if out.exists():
        assert b"root:" not in out.read_bytes() and b"site_name" not in out.read_bytes()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_index_stops_on_unsafe_or_unreadable_content(tmp_path, tree, case):
    docs, snippets = tree
    case.place(tmp_path)
    out = tmp_path / "pages"
    code, stdout, err = run_cli("index", "--out", out, "--docs", docs, "--snippets", snippets)
    assert _clean(stdout, err)
    if case.rule == "NU002":  # a draft's numbering does not stop index
        assert code == 0
    else:
        assert code == 1 and _finding(case).search(err) and not out.exists()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_import_of_the_text_never_crashes(tmp_path, case):
    source = tmp_path / "material.txt"
    source.write_text(case.text, encoding="utf-8")
    code, out, err = run_cli("import", source, "--docs", tmp_path / "docs", "--type", "annual", "--year", "2021")
    assert code in (0, 2) and _clean(out, err)


def test_a_yaml_bomb_is_refused_in_well_under_a_second():
    text = (CORPUS / "alias-bomb.md").read_text(encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(FrontMatterError):
        split_front_matter(text)
    assert time.monotonic() - started < 0.2


@pytest.mark.build
def test_one_build_of_the_whole_corpus_stops_before_writing_a_page(tmp_path):
    config = site_config(tmp_path)
    for case in CASES:
        case.place(tmp_path)
    result = build_site(config, tmp_path / "site", env={"KB_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode != 0 and _clean(result.stderr)
    missing = [case.file for case in CASES if not _finding(case).search(result.stderr)]
    assert not missing, result.stderr[-3000:]
    assert not list((tmp_path / "site").rglob("*.html"))
