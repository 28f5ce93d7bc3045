"""The search engine (docs/javascripts/kb-search.js) over a small index written for the test, in Chromium."""

from __future__ import annotations

import shutil

from scripts.kb.core.paths import DOCS_DIR
from scripts.kb.search import phrase_index
from scripts.kb.search.index_writer import write_index
from scripts.kb.search.phrase_index import page_record, read_part, shard

TYPES = {"annual": "年度组织生活会"}


def _engine_page(page, tmp_path, records):
    """A file:// page with the engine over the index of ``records``; window.loaded lists the parts it loads."""
    write_index(tmp_path, records, TYPES, "search/")
    shutil.copy(DOCS_DIR / "javascripts" / "kb-search.js", tmp_path / "kb-search.js")
    (tmp_path / "index.html").write_text('<!doctype html><meta charset="utf-8"><script src="kb-search.js"></script>', encoding="utf-8")
    page.goto((tmp_path / "index.html").as_uri())
    page.evaluate("""() => {
      window.loaded = [];
      const load = kbSearch.scriptLoader(document);
      window.engine = kbSearch.Engine(new URL("search/kb/", location.href).href, url => {
        loaded.push(url.split("/search/kb/")[1]);
        return load(url);
      });
    }""")


def test_a_page_whose_bigrams_line_up_only_modulo_32_is_not_loaded_to_verify(page, tmp_path):
    # Page 0 holds 甲乙 and 乙丙 33 characters apart: their position masks (modulo 32) line up as
    # if they stood next to each other, their places (modulo 1024) do not. Page 1 holds 甲乙丙.
    records = [
        page_record("annual/a/", "甲", "<p>甲乙" + "丁" * 31 + "乙丙</p>", "annual", 2021),
        page_record("annual/b/", "乙", "<p>见甲乙丙</p>", "annual", 2021),
    ]
    _engine_page(page, tmp_path, records)
    found = page.evaluate("engine.search('甲乙丙').then(f => ({ urls: f.results.map(r => r.url), total: f.total }))")
    assert found == {"urls": ["annual/b/"], "total": 1}
    loaded = page.evaluate("loaded")
    assert "t/1.js" in loaded and "t/0.js" not in loaded


def test_places_modulo_1024_still_find_a_phrase_past_1024_characters(page, tmp_path):
    # The phrase's bigrams at positions beyond 1024 (places wrap) and a bigram met 4 times (mask only).
    text = "丁" * 1500 + "甲乙丙丁" + "乙丙" * 3
    records = [page_record("annual/a/", "甲", f"<p>{text}</p>", "annual", 2021)]
    _engine_page(page, tmp_path, records)
    found = page.evaluate("engine.search('丁甲乙丙丁').then(f => f.results.map(r => [r.url, r.key[3]]))")
    assert found == [["annual/a/", 1]]


def test_a_phrase_leaves_out_its_heavy_bigrams_and_the_text_check_still_decides(page, tmp_path, monkeypatch):
    # With a small limit, 甲乙 (6 pages) and 乙丁 (4 pages) are heavy; 丙甲 and 丁戊 (2 pages) are not.
    # The decoy holds 丙甲 and 丁戊 where the phrase would put them, but not the phrase.
    monkeypatch.setattr(phrase_index, "SHARD_TARGET_BYTES", 10)
    texts = ["丙甲乙丁戊", "丙甲己丁戊", "甲乙丁", "甲乙丁", "甲乙丁", "甲乙", "甲乙"]
    records = [page_record(f"annual/{n}/", "卷", f"<p>{text}</p>", "annual", 2021) for n, text in enumerate(texts)]
    _engine_page(page, tmp_path, records)
    heavy = read_part(tmp_path, "manifest")["heavy"]
    assert sorted(heavy) == ["乙丁", "甲乙"] and heavy["甲乙"] > heavy["乙丁"]
    shard_of = {pair: f"b/{shard(pair, 16)}.js" for pair in ("丙甲", "甲乙", "乙丁", "丁戊")}
    assert len({shard_of["丙甲"], shard_of["甲乙"], shard_of["乙丁"]}) == 3  # else the test proves nothing

    found = page.evaluate("engine.search('丙甲乙丁戊').then(f => f.results.map(r => r.url))")
    loaded = page.evaluate("loaded.splice(0)")
    assert found == ["annual/0/"]
    assert shard_of["丙甲"] in loaded and shard_of["丁戊"] in loaded
    assert shard_of["甲乙"] not in loaded and shard_of["乙丁"] not in loaded
    assert "t/1.js" in loaded  # the decoy was a candidate; its text ruled it out

    # One light bigram: the lightest heavy one joins it, so that two must line up.
    found = page.evaluate("engine.search('甲乙丁戊').then(f => f.results.map(r => r.url))")
    loaded = page.evaluate("loaded.splice(0)")
    assert found == ["annual/0/"]
    assert shard_of["乙丁"] in loaded and shard_of["甲乙"] not in loaded
