"""The site folder is emptied in the background (scripts/kb/site/site_folder.py): the build ends
with exactly what a build into an empty folder writes, hidden entries untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from scripts.kb.bench.corpus import generate_corpus, write_config
from scripts.kb.core import workers
from scripts.kb.site import site_folder


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_clear_moves_all_but_hidden_entries_aside_and_wait_deletes_them(tmp_path):
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "index.html").write_text("页", encoding="utf-8")
    (site / "index.html").write_text("首页", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (site / site_folder.OLD / "left-by-an-interrupted-build").mkdir(parents=True)
    site_folder.clear(site)
    assert sorted(p.name for p in site.iterdir()) == [".git", site_folder.OLD]  # at once: nothing left for MkDocs
    site_folder.wait()
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == [".git", ".git/HEAD"]


def test_a_folder_that_does_not_exist_is_left_alone(tmp_path):
    site_folder.clear(tmp_path / "nothing")
    site_folder.wait()
    assert not (tmp_path / "nothing").exists()


def _build(config: Path, site: Path, monkeypatch) -> None:
    monkeypatch.setenv("KB_CACHE_DIR", str(config.parent / "cache"))
    try:
        build(load_config(str(config), site_dir=str(site)))
    finally:
        workers.JOBS.stop()


@pytest.mark.build
def test_a_build_into_a_used_folder_is_a_build_into_an_empty_one(tmp_path, monkeypatch):
    generate_corpus(tmp_path / "docs", 3, 0)
    config = write_config(tmp_path / "mkdocs.yml", tmp_path / "docs")
    _build(config, tmp_path / "site", monkeypatch)
    (tmp_path / "site" / "stray").mkdir()
    (tmp_path / "site" / "stray" / "index.html").write_text("旧页面", encoding="utf-8")
    (tmp_path / "site" / ".keep").write_text("", encoding="utf-8")
    _build(config, tmp_path / "site", monkeypatch)
    _build(config, tmp_path / "empty", monkeypatch)
    assert _site(tmp_path / "site") == {**_site(tmp_path / "empty"), ".keep": b""}
