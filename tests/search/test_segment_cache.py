"""The segmentation cache: a warm build gives the same index as a cold one, from the cache."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search.plugin import SearchIndex

from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples
from scripts.kb.core.paths import DATA_DIR, DOCS_DIR
from scripts.kb.search import segment_cache

CONFIG = {"lang": ["zh"], "separator": r"[\s\u200b\-]+", "pipeline": [], "fields": {}}
FINGERPRINT = segment_cache.segmenter_fingerprint(str(DATA_DIR / "jieba_userdict.txt"), None)


def pages() -> list[SimpleNamespace]:
    """The published samples as the search plugin sees them: rendered HTML, url, meta, toc."""
    result = []
    for sample in load_samples(DOCS_DIR, domain()):
        text = sample.path.read_text(encoding="utf-8").split("---", 2)[2]
        md = markdown.Markdown(extensions=["toc"])
        html = md.convert(text)
        result.append(SimpleNamespace(url=sample.url, title=sample.title, meta={"title": sample.title, "tags": ["示例"]},
                                      content=html, toc=[]))
    assert len(result) >= 3
    return result


def build_index(site_pages, folder: Path) -> tuple[str, segment_cache.SegmentCache]:
    index = SearchIndex(**CONFIG)
    cache = segment_cache.SegmentCache(index, FINGERPRINT, folder)
    index.add_entry_from_context = cache.add_entry_from_context
    for page in site_pages:
        index.add_entry_from_context(page)
    return index.generate_search_index(None), cache


def cache_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.json")}


def plain_index(site_pages) -> str:
    index = SearchIndex(**CONFIG)
    for page in site_pages:
        index.add_entry_from_context(page)
    return index.generate_search_index(None)


def test_warm_index_is_byte_identical_to_cold_and_to_uncached(tmp_path):
    site_pages = pages()
    cold, cold_cache = build_index(site_pages, tmp_path)
    assert (cold_cache.hits, cold_cache.misses) == (0, len(site_pages))
    warm, warm_cache = build_index(site_pages, tmp_path)
    assert (warm_cache.hits, warm_cache.misses) == (len(site_pages), 0)
    assert warm.encode("utf-8") == cold.encode("utf-8") == plain_index(site_pages).encode("utf-8")
    assert "\u200b" in "".join(doc["text"] for doc in json.loads(warm)["docs"])  # jieba did segment


def test_cache_is_read_not_recomputed(tmp_path, monkeypatch):
    site_pages = pages()
    build_index(site_pages, tmp_path)
    monkeypatch.setattr(SearchIndex, "_segment_chinese", lambda self, data: pytest.fail("jieba ran on a cached page"))
    _, cache = build_index(site_pages, tmp_path)
    assert cache.hits == len(site_pages)


def test_changed_sample_invalidates_only_its_own_entries(tmp_path):
    site_pages = pages()
    build_index(site_pages, tmp_path)
    before = cache_files(tmp_path)
    assert len(before) == len(site_pages)
    changed = site_pages[1]
    changed.content = changed.content.replace("</p>", "新增一句话用于检验缓存。</p>", 1)
    index, cache = build_index(site_pages, tmp_path)
    assert (cache.hits, cache.misses) == (len(site_pages) - 1, 1)
    after = cache_files(tmp_path)
    new = set(after) - set(before)
    assert len(new) == 1 and all(after[name] == data for name, data in before.items())
    assert any("新增一句话" in doc["text"].replace("\u200b", "") for doc in json.loads(index)["docs"])
    assert index == plain_index(site_pages)


def test_fingerprint_follows_the_user_dictionary(tmp_path):
    other = tmp_path / "dict.txt"
    other.write_text("组织生活会 100 n\n", encoding="utf-8")
    assert segment_cache.segmenter_fingerprint(str(other), None) != FINGERPRINT
