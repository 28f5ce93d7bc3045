"""material's search box driven by the phrase index: pages taken from the plugin, the worker replaced."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from scripts.kb.search.material_search import ENGINE, PROTOCOL, WorkerMismatch, take_pages, write_worker


def _site(tmp_path, workers=("search.a7633da7.min.js",), engine=True):
    folder = tmp_path / "assets" / "javascripts" / "workers"
    folder.mkdir(parents=True)
    for name in workers:
        (folder / name).write_text("lunr worker", encoding="utf-8")
        (folder / (name + ".map")).write_text("{}", encoding="utf-8")
    if engine:
        (tmp_path / ENGINE).parent.mkdir(parents=True)
        (tmp_path / ENGINE).write_text("/* engine */\n", encoding="utf-8")
    return tmp_path


def test_the_worker_becomes_the_engine_and_the_protocol(tmp_path):
    worker = write_worker(_site(tmp_path))
    assert worker.read_text(encoding="utf-8") == "/* engine */\n" + PROTOCOL.read_text(encoding="utf-8")
    assert not worker.with_name(worker.name + ".map").exists()  # the map described lunr's worker


def test_a_site_without_search_is_left_alone(tmp_path):
    assert write_worker(tmp_path) is None


@pytest.mark.parametrize("workers, engine", [(("search.1.min.js", "search.2.min.js"), True), (("search.1.min.js",), False)])
def test_two_workers_or_no_engine_stop_the_build_with_a_message(tmp_path, workers, engine):
    with pytest.raises(WorkerMismatch, match="material 搜索脚本"):
        write_worker(_site(tmp_path, workers, engine))


def _page(src, meta=None):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src), meta=meta or {})


def test_pages_are_recorded_instead_of_indexed_and_excluded_ones_stay_empty():
    index = SimpleNamespace(add_entry_from_context=lambda page: pytest.fail("material indexed a page"))
    plugin = SimpleNamespace(config=SimpleNamespace(enabled=True), search_index=index)
    records = take_pages(plugin, lambda page: f"record of {page.file.src_uri}")
    index.add_entry_from_context(_page("guide.md"))
    index.add_entry_from_context(_page("snippets/a/b.md", {"search": {"exclude": True}}))
    assert records == {"guide.md": "record of guide.md", "snippets/a/b.md": ""}
    assert take_pages(None, str) is None
    assert take_pages(SimpleNamespace(config=SimpleNamespace(enabled=False)), str) is None
