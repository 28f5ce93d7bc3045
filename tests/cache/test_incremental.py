"""`make serve` rebuilds incrementally (mkdocs serve --dirty with the hook's exact page selection):
after every kind of edit, the served site is the site a clean build makes, and only the pages
whose HTML changes were written again."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils.yaml import get_yaml_loader

from scripts.kb.bench.corpus import generate_corpus, write_config
from scripts.kb.cache import incremental
from scripts.kb.core.paths import ROOT
from scripts.kb.search.phrase_index import read_pages

pytestmark = pytest.mark.build

SERVE_URL = "http://127.0.0.1:8000/"


def _build(config_path: Path, site: Path, dirty: bool) -> None:
    config = load_config(config_file=str(config_path), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, serve_url=SERVE_URL, dirty=dirty)


def _snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}


class Server:
    """The state `mkdocs serve --dirty` keeps between rebuilds, and a clean build to compare with."""

    def __init__(self, tmp_path: Path):
        self.docs = tmp_path / "docs"
        self.samples = generate_corpus(self.docs, 9, 0)
        self.config = write_config(tmp_path / "mkdocs.yml", self.docs)
        self.site = tmp_path / "served"
        self.clean_site = tmp_path / "clean"
        _build(self.config, self.site, dirty=True)
        self.session = incremental.SESSION

    def rebuild(self) -> set[str]:
        """Rebuild as the server does after an edit; returns the files written again."""
        before = _snapshot(self.site)
        incremental.SESSION = self.session
        config = load_config(config_file=str(self.config), site_dir=str(self.site))  # serve reloads the config
        build(config, serve_url=SERVE_URL, dirty=True)
        after = _snapshot(self.site)
        return {path for path, (_, mtime) in after.items() if path not in before or before[path][1] != mtime}

    def assert_same_as_clean_build(self) -> None:
        session = self.session
        _build(self.config, self.clean_site, dirty=False)
        incremental.SESSION = session
        clean = {path: data for path, (data, _) in _snapshot(self.clean_site).items()}
        served = {path: data for path, (data, _) in _snapshot(self.site).items()}
        assert sorted(served) == sorted(clean)
        different = [path for path in clean if served[path] != clean[path]]
        assert not different, f"与完整构建不同：{different[:5]}"


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(ROOT)
    saved = incremental.SESSION
    yield Server(tmp_path)
    incremental.SESSION = saved


def _pages(written: set[str]) -> set[str]:
    return {path for path in written if path.endswith(".html") and path not in ("404.html",)}


def test_no_edit_rebuilds_no_page(server):
    assert _pages(server.rebuild()) == set()
    server.assert_same_as_clean_build()


def test_an_edited_paragraph_rebuilds_only_its_page(server):
    sample = server.samples[4]
    sample.write_text(sample.read_text(encoding="utf-8") + "\n增量重建测试的新段落。\n", encoding="utf-8")
    rel = sample.relative_to(server.docs).with_suffix("").as_posix()
    written = server.rebuild()
    assert _pages(written) == {f"{rel}/index.html"}
    assert "增量重建测试的新段落" in (server.site / rel / "index.html").read_text(encoding="utf-8")
    page_id = [url for url, _ in read_pages(server.site)].index(f"{rel}/")
    assert {path for path in written if path.startswith("search/kb/t/")} == {f"search/kb/t/{page_id}.js"}  # only its text
    server.assert_same_as_clean_build()  # the search index and the Word file too


def test_a_new_title_rebuilds_every_page_that_shows_it(server):
    sample = server.samples[2]
    text = sample.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    sample.write_text(text.replace(f"title: {meta['title']}", "title: 改过标题的合成材料", 1), encoding="utf-8")
    written = _pages(server.rebuild())
    assert written and "browse/index.html" not in written  # its table is data (samples.js)
    assert any(path.startswith(f"{meta['meeting_type']}/") and path.count("/") == 1 for path in written)
    server.assert_same_as_clean_build()


def test_a_renamed_sample_leaves_no_page_behind(server):
    sample = server.samples[0]
    old = sample.relative_to(server.docs).with_suffix("").as_posix()
    sample.rename(sample.with_name("renamed-sample.md"))
    written = _pages(server.rebuild())
    assert not (server.site / old / "index.html").exists()
    assert f"{old.rsplit('/', 1)[0]}/renamed-sample/index.html" in written
    server.assert_same_as_clean_build()


def test_a_deleted_sample_leaves_no_page_and_no_search_entry_behind(server):
    sample = server.samples[5]
    rel = sample.relative_to(server.docs).with_suffix("").as_posix()
    sample.unlink()
    server.rebuild()
    assert not (server.site / rel / "index.html").exists()
    assert f"{rel}/" not in [url for url, _ in read_pages(server.site)]
    server.assert_same_as_clean_build()


def test_a_failed_rebuild_is_followed_by_a_complete_one(server, caplog):
    sample = server.samples[3]
    good = sample.read_text(encoding="utf-8")
    sample.write_text(good.replace("meeting_type:", "meeting_type_typo:", 1), encoding="utf-8")
    with pytest.raises(Exception):
        server.rebuild()
    assert incremental.SESSION.built == {}
    sample.write_text(good + "\n修好之后的段落。\n", encoding="utf-8")
    server.rebuild()
    server.assert_same_as_clean_build()


def test_the_dirty_build_warning_does_not_stop_strict_rebuilds(server, caplog):
    caplog.set_level(logging.INFO)
    try:
        server.rebuild()
    except Abort as exc:  # pragma: no cover - the failure this test exists for
        pytest.fail(f"严格模式下的增量重建失败：{exc}")
    assert not any("dirty" in r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    assert any("增量构建" in r.getMessage() for r in caplog.records)


def test_every_navigation_entry_has_a_title():
    """A page that is not rebuilt has no title of its own; the navigation must not need one."""
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())["nav"]

    def untitled(items):
        for item in items:
            if isinstance(item, str):
                yield item
            else:
                for value in item.values():
                    if isinstance(value, list):
                        yield from untitled(value)

    assert list(untitled(nav)) == []
