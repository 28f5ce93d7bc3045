"""Pages converted in worker processes in a cold build (PageCache.prerender): the same site, byte
for byte, as when the build converts every page itself; a warning still shows and fails --strict."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from scripts.kb.bench.corpus import generate_corpus, write_config
from scripts.kb.core import workers
from scripts.kb.search import index_writer, page_bigrams, phrase_index, record_cache

pytestmark = pytest.mark.build


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _build(config: Path, site: Path, cores: int, monkeypatch, strict: bool = False):
    """Build in this process with this many cores (one: no worker), cold; returns the page cache."""
    monkeypatch.setattr(workers, "available_cores", lambda: cores)
    monkeypatch.setenv("KB_CACHE_DIR", str(site.with_name(site.name + "-cache")))
    loaded = load_config(str(config), site_dir=str(site), strict=strict)
    try:
        build(loaded)
    finally:
        workers.JOBS.stop()
    return next(iter(loaded.hooks.values()))._build["pages"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Enough synthetic samples (fixed seed) for workers (scripts/data/build_workers.yml)."""
    folder = tmp_path_factory.mktemp("page-workers")
    generate_corpus(folder / "docs", workers.worker_settings().min_tasks, seed=11)
    return folder


def _counting_records(monkeypatch) -> list[str]:
    """The addresses of the search records this process makes (phrase_index.page_record)."""
    made, make = [], phrase_index.page_record
    monkeypatch.setattr(phrase_index, "page_record", lambda url, *args: made.append(url) or make(url, *args))
    return made


def _entries(folder: Path) -> int:
    return sum(1 for path in folder.glob("*/*") if path.is_file())


def _bigram_store_at_the_end(site: Path):
    """The store write_index read the pages' bigrams from in this process (None: it did not)."""
    return index_writer._BIGRAMS.get(site.with_name(site.name + "-cache") / page_bigrams.KIND)


def test_pages_from_workers_make_the_same_site(corpus, monkeypatch):
    """Also: each page's search record and bigrams are made once, by the process that converted
    the page, as soon as it did (a worker's are found by the build process's keys); with workers,
    a worker merges and writes the index (and the .gz twins of its files) while the build renders
    the pages, and the build takes its files as they are."""
    config = write_config(corpus / "mkdocs.yml", corpus / "docs")
    made = _counting_records(monkeypatch)
    states, take_item = [], workers.JOBS.take_item
    monkeypatch.setattr(workers.JOBS, "take_item",
                        lambda key, item=None: (found := take_item(key, item), key.startswith("index:") and states.append(found))[0])
    with_workers = _build(config, corpus / "with", 2, monkeypatch)
    made_with, made[:] = list(made), []
    alone = _build(config, corpus / "alone", 1, monkeypatch)
    assert with_workers.from_workers > 0 and alone.from_workers == 0
    assert with_workers.misses == alone.misses and with_workers.hits == alone.hits == 0
    assert _site(corpus / "with") == _site(corpus / "alone")
    assert len(made) == len(set(made)) and len(made_with) == len(set(made_with)) < len(made)
    for kind in (record_cache.KIND, page_bigrams.KIND):  # a worker's entry under another key would be one more
        assert _entries(corpus / "with-cache" / kind) == _entries(corpus / "alone-cache" / kind) > 0
    assert len(states) == 1 and states[0] is not None  # from a worker; without workers, made here
    written, size = states[0]
    assert set(size.compressed) == {str(corpus / "with" / "search" / "kb" / f"{name}.js") for name in written.sizes}
    assert any(size.compressed.values())
    assert _bigram_store_at_the_end(corpus / "with") is None and _bigram_store_at_the_end(corpus / "alone").computed == 0
    again = _build(config, corpus / "with", 2, monkeypatch)  # the workers' entries were stored
    assert again.hits == with_workers.misses and again.misses == 0


def test_a_warning_in_a_page_a_worker_converts_still_fails_strict(corpus, tmp_path, monkeypatch, caplog):
    docs = tmp_path / "docs"
    generate_corpus(docs, workers.worker_settings().min_tasks, seed=11)
    last = sorted(docs.rglob("synthetic-*.md"))[-1]  # workers start from the last pages
    last.write_text(last.read_text(encoding="utf-8") + "\n[不存在的页面](nosuch-page.md)\n", encoding="utf-8")
    config = write_config(tmp_path / "mkdocs.yml", docs)
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort, match="strict"):
        _build(config, tmp_path / "site", 2, monkeypatch, strict=True)
    warnings = [r.getMessage() for r in caplog.records if "nosuch-page.md" in r.getMessage()]
    assert len(warnings) == 1 and last.name in warnings[0]


def test_a_dirty_build_looks_only_at_the_pages_mkdocs_builds(corpus, tmp_path):
    """Under serve --dirty, prerender makes the Markdown of the modified pages only (not every page's)."""
    from mkdocs.structure.files import get_files

    from scripts.kb.cache.page_cache import PageCache

    config = load_config(str(write_config(tmp_path / "mkdocs.yml", corpus / "docs")), site_dir=str(tmp_path / "site"))
    files = get_files(config)
    pages = files.documentation_pages()
    edited = pages[len(pages) // 2]
    for file in pages:
        file.is_modified = (lambda modified: lambda: modified)(file is edited)
    never = workers.WorkerSettings(len(pages) + 1, 0, 20)
    cache = PageCache(config, folder=tmp_path / "cache")
    for dirty, looked_at in ((True, {edited.src_uri}), (False, {f.src_uri for f in pages})):
        seen = set()
        assert cache.prerender(files, config, lambda markdown, src, url: seen.add(src) or markdown, never, dirty=dirty) == 0
        assert seen == looked_at


def test_workers_start_before_check_only_in_a_cold_build_of_many_pages(corpus, tmp_path, monkeypatch):
    from scripts.kb.cache.page_cache import PageCache

    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    config = load_config(str(write_config(tmp_path / "mkdocs.yml", corpus / "docs")), site_dir=str(tmp_path / "site"))
    pages = sum(1 for _ in (corpus / "docs").rglob("*.md"))
    cache = PageCache(config, folder=tmp_path / "cache")
    try:
        assert not cache.warm_up(config, workers.WorkerSettings(pages + 1, 1, 20)) and not workers.JOBS.running
        assert cache.warm_up(config, workers.WorkerSettings(pages, 1, 20)) and workers.JOBS.running
        assert not cache.warm_up(config, workers.WorkerSettings(pages, 1, 20))  # already running
    finally:
        workers.JOBS.stop()
    cache.store.write("0" * 64, b"{}")  # a cache that holds pages: not a cold build
    assert not cache.warm_up(config, workers.WorkerSettings(pages, 1, 20)) and not workers.JOBS.running


def test_files_checked_by_workers_give_the_same_report(corpus, tmp_path, monkeypatch):
    """A cold build's workers, started before check, check the last files while it checks the first."""
    from scripts.kb.check import cache as check_cache
    from scripts.kb.check import engine
    from scripts.kb.check.config import settings
    from scripts.kb.check.context import Env

    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    taken = []
    take_item = workers.JOBS.take_item  # what check takes from the workers, file by file
    monkeypatch.setattr(workers.JOBS, "take_item",
                        lambda key, item=None: (found := take_item(key, item), key.startswith("check:") and taken.append(found))[0])
    reports = {}
    for name in ("alone", "with"):
        monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / name))
        check_cache._memory.clear()  # the last run's results, kept for serve
        if name == "with":  # a worker that has imported the rules by the time check hands out files
            assert workers.JOBS.warm_up(engine.check_in_worker, ([], Env(settings(), corpus / "docs", corpus / "snippets")))
            workers.JOBS._pool.submit(len, ()).result()
        try:
            reports[name] = engine.run_check(None, corpus / "docs", corpus / "snippets")
        finally:
            workers.JOBS.stop()
        if name == "alone":
            assert not any(taken)
    assert any(taken)
    assert reports["with"].findings == reports["alone"].findings
    assert reports["with"].samples == reports["alone"].samples and reports["with"].files == reports["alone"].files


def test_check_hands_the_workers_only_the_files_its_cache_lacks(corpus, tmp_path, monkeypatch):
    """As in the project's bench (a cold check, then a cold build): the workers do not check again
    the files the check cache holds, and the report is the one a run without workers gives."""
    import shutil

    from scripts.kb.check import cache as check_cache
    from scripts.kb.check import engine
    from scripts.kb.check.config import settings
    from scripts.kb.check.context import Env

    docs, snippets = tmp_path / "docs", tmp_path / "snippets"
    shutil.copytree(corpus / "docs", docs)
    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    engine.run_check(None, docs, snippets)
    edited = sorted((docs / "annual").rglob("*.md"))[3]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    handed, start = [], workers.JOBS.start
    monkeypatch.setattr(workers.JOBS, "start", lambda jobs, *rest: (handed.extend(k for keys, _, _ in jobs for k in keys), start(jobs, *rest))[1])
    check_cache._memory.clear()  # a new process: only the disk holds the results
    assert workers.JOBS.warm_up(engine.check_in_worker, ([], Env(settings(), docs, snippets)))
    try:
        report = engine.run_check(None, docs, snippets)
    finally:
        workers.JOBS.stop()
    assert handed == [f"check:{edited.resolve()}"]
    assert report.cache.misses == 1
    check_cache._memory.clear()
    alone = engine.run_check(None, docs, snippets, use_cache=False)
    assert report.findings == alone.findings and report.samples == alone.samples
