"""Word files made in worker processes (a cold build, scripts/kb/core/workers.py): the same bytes
as the build process makes, errors that name the document, and the build that uses them."""

from __future__ import annotations

import os
from concurrent.futures import wait
from functools import partial

import pytest

from scripts.kb.bench.corpus import generate_corpus, write_config
from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples, parse_sample
from scripts.kb.site import downloads
from scripts.kb.core import workers
from scripts.kb.core.workers import JOBS, WorkerSettings
from scripts.kb.word import docx_writer
from scripts.kb.word.docx_content import ExportError
from scripts.kb.word.docx_layout import layout
from tests.conftest import build_site

ALWAYS = WorkerSettings(min_tasks=1, spare_cores=0, pages_per_job=20)  # workers for any number of documents


@pytest.fixture
def cold(tmp_path, monkeypatch):
    """Empty caches (memory and disk); the workers are stopped afterwards whatever happens."""
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(downloads, "_rendered", {})
    yield
    JOBS.stop()


def _wait_for_workers():
    """Every job done by a worker, so that none is made in this process."""
    wait(list(set(JOBS._pending.values())))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Synthetic samples drawn with a fixed seed, beside the site's hand-written pages."""
    docs = tmp_path_factory.mktemp("pool") / "docs"
    generate_corpus(docs, 12, seed=7)
    return docs


def test_workers_make_the_same_bytes_as_the_build_process(cold, corpus, tmp_path):
    offered = downloads.site_downloads(load_samples(corpus), domain(), layout(), corpus.parent / "snippets")
    keys = {downloads.document_key(d, layout()) for d in offered}
    assert downloads.prerender(offered, layout(), ALWAYS) == len(keys)
    assert list(JOBS._pending) == list(dict.fromkeys(downloads.document_key(d, layout()) for d in offered))[::-1]  # last first
    _wait_for_workers()
    assert downloads.write_downloads(tmp_path / "site", offered, layout()) == len(offered)
    assert not JOBS._pending  # all taken
    for download in offered:
        made_here = docx_writer.render_docx(list(download.blocks), layout())
        assert (tmp_path / "site" / download.path).read_bytes() == made_here, download.path


def test_few_documents_start_no_worker(cold):
    offered = downloads.site_downloads(load_samples(), domain(), layout())
    assert downloads.prerender(offered, layout(), WorkerSettings(len(offered) + 1, 0, 20)) == 0
    assert not JOBS.running


def test_a_single_core_starts_no_worker(cold, monkeypatch):
    monkeypatch.setattr(workers, "available_cores", lambda: 1)
    offered = downloads.site_downloads(load_samples(), domain(), layout())
    assert downloads.prerender(offered, layout(), WorkerSettings(1, 1, 20)) == 0
    assert not JOBS.running


def test_documents_in_the_cache_start_no_worker(cold, tmp_path):
    offered = downloads.site_downloads(load_samples(), domain(), layout())
    downloads.write_downloads(tmp_path / "site", offered, layout())
    downloads._rendered.clear()  # a new build: only .cache/docx/ holds them
    assert downloads.prerender(offered, layout(), ALWAYS) == 0


def _sample_copy(tmp_path, extra: str = ""):
    docs = tmp_path / "docs"
    source = load_samples()[0]
    target = docs / source.rel
    target.parent.mkdir(parents=True)
    target.write_text(source.path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return parse_sample(target, docs)


def test_a_bad_include_in_a_worker_names_the_file_and_line(cold, tmp_path):
    """The bad document's error, for it alone: the good one made in the same job is written."""
    sample = _sample_copy(tmp_path, '\n--8<-- "nosuch-snippet.md"\n')
    download = downloads.sample_download(sample, layout(), tmp_path / "snippets")
    good = downloads.sample_download(load_samples()[0], layout())
    assert downloads.prerender([download, good], layout(), ALWAYS) == 2
    assert len(set(JOBS._pending.values())) == 1  # one job
    _wait_for_workers()
    assert downloads.write_downloads(tmp_path / "site", [good], layout()) == 1
    assert (tmp_path / "site" / good.path).read_bytes() == docx_writer.render_docx(list(good.blocks), layout())
    with pytest.raises(ExportError) as raised:
        downloads.write_downloads(tmp_path / "site", [download], layout())
    line = sample.path.read_text(encoding="utf-8").split("\n").index('--8<-- "nosuch-snippet.md"') + 1
    assert str(raised.value).startswith(f"{sample.path}:{line}: ") and "nosuch-snippet.md" in str(raised.value)


def test_a_failure_in_a_worker_names_the_document(cold, tmp_path):
    sample = _sample_copy(tmp_path)
    download = downloads.sample_download(sample, layout())
    sample.path.unlink()  # gone before the worker reads it
    downloads.prerender([download], layout(), ALWAYS)
    _wait_for_workers()
    with pytest.raises(downloads.DocumentError) as raised:
        downloads.write_downloads(tmp_path / "site", [download], layout())
    assert str(raised.value).startswith(f"生成 {download.path}（来自 {sample.rel}）失败：FileNotFoundError")


def test_a_worker_that_dies_is_reported_for_its_document(cold, tmp_path):
    good = downloads.sample_download(load_samples()[0], layout())
    dying = downloads.Download("x.md", "x/", "甲.docx", "下载 Word", "dies", partial(os._exit, 3))
    downloads.prerender([dying, good], layout(), ALWAYS)
    _wait_for_workers()
    with pytest.raises(downloads.DocumentError) as raised:
        downloads.write_downloads(tmp_path / "site", [dying, good], layout())
    assert str(raised.value).startswith("生成 x/甲.docx 的子进程意外退出") and "Traceback" not in str(raised.value)
    assert not (tmp_path / "site" / good.path).exists()


@pytest.mark.build
def test_a_cold_build_with_workers_writes_the_documents_made_here(tmp_path):
    """Enough samples for the workers (scripts/data/build_workers.yml): every .docx in the site is
    the document the build process would make."""
    docs = tmp_path / "docs"
    generate_corpus(docs, workers.worker_settings().min_tasks, seed=7)
    offered = downloads.site_downloads(load_samples(docs), domain(), layout(), tmp_path / "snippets")
    assert len(offered) >= workers.worker_settings().min_tasks
    result = build_site(write_config(tmp_path / "mkdocs.yml", docs), tmp_path / "site", {"KB_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    for download in offered:
        made_here = docx_writer.render_docx(list(download.blocks), layout())
        assert (tmp_path / "site" / download.path).read_bytes() == made_here, download.path
