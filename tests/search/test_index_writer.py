"""The phrase index is rewritten incrementally: whatever the edits, the folder holds what a clean
build writes, byte for byte, and only the files that changed are written again."""

from __future__ import annotations

import json
import os
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.kb.search import index_state, index_writer, phrase_index, record_cache
from scripts.kb.search.index_state import renumber, splice
from scripts.kb.search.index_writer import write_index
from scripts.kb.search.page_bigrams import BigramStore, PageBigrams
from scripts.kb.search.phrase_index import INDEX_DIR, encode_postings, encode_tail, page_record

TYPES = {"annual": "年度组织生活会", "dangshi": "党史学习教育专题组织生活会"}
CHARS = "党员干部理论学习组织生活会批评自我整改落实问题差距作风思想"


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    """Each test starts as a new process would, with its own cache."""
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(index_writer, "_LAST", {})
    monkeypatch.setattr(index_writer, "_BIGRAMS", {})
    monkeypatch.setattr(index_writer, "_PARSED", {})
    monkeypatch.setattr(index_writer, "_HANDED", {})


def _where(positions: list[int]) -> tuple[int, int, tuple[int, ...]]:
    """A posting's count, mask and places, from the positions of its occurrences."""
    return len(positions), sum({1 << p % 32 for p in positions}), tuple(sorted(p % 1024 for p in positions)) if len(positions) <= 3 else ()


_count_masks = st.lists(st.integers(0, 5000), min_size=1, max_size=12).map(_where)


def _posting_dicts():
    return st.dictionaries(st.integers(0, 300), _count_masks, max_size=40)


def _encoded(postings: dict[int, tuple[int, int, tuple[int, ...]]]) -> str:
    return encode_postings((page_id, *where) for page_id, where in sorted(postings.items()))


def _tail(count: int, mask: int, places: tuple[int, ...]) -> str:
    return encode_tail(count, mask, places)


@given(_posting_dicts(), st.dictionaries(st.integers(0, 300), st.none() | _count_masks, max_size=6))
def test_splice_changes_and_removes_postings_as_encoding_anew_would(postings, changes):
    expected = {**postings, **{i: c for i, c in changes.items() if c}}
    expected = {i: c for i, c in expected.items() if changes.get(i, c) is not None}
    spliced = splice(_encoded(postings), {i: c and _tail(*c) for i, c in changes.items()})
    assert spliced == _encoded(expected)


@given(_posting_dicts(), st.data())
def test_renumber_moves_removes_and_adds_pages_as_encoding_anew_would(postings, data):
    gone = data.draw(st.sets(st.integers(0, 300)))
    kept = [i for i in range(301) if i not in gone]
    new_ids = [kept.index(i) if i in kept else -1 for i in range(301)]
    free = sorted(set(range(len(kept) + 20)) - set(new_ids))
    added = data.draw(st.dictionaries(st.sampled_from(free), _count_masks, max_size=5))
    expected = {new_ids[i]: c for i, c in postings.items() if new_ids[i] >= 0} | added
    assert renumber(_encoded(postings), new_ids, {i: _tail(*c) for i, c in added.items()}) == _encoded(expected)


def test_a_page_s_bigrams_round_trip_and_a_damaged_entry_is_computed_again(tmp_path):
    store = BigramStore(tmp_path / "bigrams")
    found = store.get("h1", "标题 A", [["", "标题 A", "理论学习"], ["s", "小节", "整改落实"]])
    assert PageBigrams.from_bytes(found.to_bytes()) == found
    assert "标题" in found.keys and "h小节" in found.keys and "理论" in found.keys and "t标题" not in found.keys
    assert BigramStore(tmp_path / "bigrams").cached("h1") == found and store.computed == 1
    store.disk.path(store._key("h1")).write_bytes(b"\xff broken")
    again = BigramStore(tmp_path / "bigrams")
    assert again.get("h1", "标题 A", [["", "标题 A", "理论学习"], ["s", "小节", "整改落实"]]) == found and again.computed == 1


def _page(rng: random.Random, n: int, sample: bool) -> str:
    text = "".join(rng.choice(CHARS) for _ in range(rng.randint(20, 120)))
    html = f'<p>{text[:40]}</p><h2 id="s{n}">{text[40:46]}</h2><p>{text[46:]}</p>'
    kind = rng.choice(list(TYPES)) if sample else ""
    return page_record(f"p{n}/", f"第{n}篇{text[:4]}", html, kind, 2020 + n % 4 if sample else 0)


def test_records_read_before_are_reused_and_only_the_last_build_s_are_kept(tmp_path):
    rng = random.Random(3)
    records = [_page(rng, n, n < 4) for n in range(6)]
    write_index(tmp_path / "site", records, TYPES, "search/")
    first = dict(index_writer._PARSED)
    records[2] = _page(rng, 2, True)
    write_index(tmp_path / "site", records, TYPES, "search/")
    assert set(index_writer._PARSED) == set(records)
    assert all(index_writer._PARSED[r] is first[r] for r in records if r in first) and len(first.keys() & set(records)) == 5


def _files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in (folder / INDEX_DIR).rglob("*") if p.is_file()}


def _clean_build(tmp_path, records, monkeypatch) -> dict[str, bytes]:
    with monkeypatch.context() as m:
        m.setenv("KB_CACHE_DIR", str(tmp_path / "clean-cache"))
        m.setattr(index_writer, "_LAST", {})
        m.setattr(index_writer, "_BIGRAMS", {})
        m.setattr(index_writer, "_PARSED", {})
        site = tmp_path / "clean"
        write_index(site, records, TYPES, "search/")
        return _files(site)


def _appended(record: str, text: str) -> str:
    """The record with text added at the end of its last section."""
    parsed = json.loads(record)
    parsed["sections"][-1][2] += text
    return json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))


def _edit(rng: random.Random, records: list[str], serial: list[int]) -> str:
    """One random edit of the pages, as a contributor would make it; returns its name."""
    action = rng.choice(["text", "text", "title", "add", "remove", "move", "nothing"])
    at = rng.randrange(len(records))
    if action in ("text", "title") and records[at]:
        record = json.loads(records[at])
        if action == "text":
            record["sections"][-1][2] += rng.choice(CHARS) * 3 + "新句子"
        else:
            record["title"] += "改"
        records[at] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    elif action == "add":
        serial[0] += 1
        records.insert(at, _page(rng, serial[0], rng.random() < 0.7))
    elif action == "remove" and len(records) > 3:
        del records[at]
    elif action == "move":
        records.insert(rng.randrange(len(records)), records.pop(at))
    return action


def test_any_sequence_of_edits_leaves_the_index_a_clean_build_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(index_state, "BUILD_BLOCK", 7)  # postings built in several blocks
    rng = random.Random(17)
    records = [_page(rng, n, n % 3 != 0) for n in range(40)] + [""]
    serial = [len(records)]
    site = tmp_path / "served"
    for step in range(30):
        action = _edit(rng, records, serial)
        write_index(site, records, TYPES, "search/")
        assert _files(site) == _clean_build(tmp_path, records, monkeypatch), f"第 {step} 步（{action}）之后与完整构建不同"


def _written(site, records) -> set[str]:
    """The index files that writing ``records`` writes again."""
    old = 10**18  # nanoseconds: any file written now gets a later time
    for path in (site / INDEX_DIR).rglob("*.js"):
        os.utime(path, ns=(old, old))
    write_index(site, records, TYPES, "search/")
    return {p.relative_to(site / INDEX_DIR).as_posix() for p in (site / INDEX_DIR).rglob("*.js") if p.stat().st_mtime_ns != old}


def _served(tmp_path, seed: int, count: int):
    """``count`` random pages (fixed seed) written once into a served site folder."""
    rng = random.Random(seed)
    records = [_page(rng, n, True) for n in range(count)]
    site = tmp_path / "served"
    size = write_index(site, records, TYPES, "search/")
    return rng, records, site, size


def test_an_edit_writes_only_its_page_text_the_shards_it_changes_and_the_manifest(tmp_path):
    _, records, site, size = _served(tmp_path, 3, 30)
    assert _written(site, records) == {"manifest.js"}
    records[7] = _appended(records[7], "整改")
    written = _written(site, records)
    assert {name for name in written if not name.startswith("b/")} == {"manifest.js", "t/7.js"}
    assert 0 < len([name for name in written if name.startswith("b/")]) < size.shards


def test_an_emptied_folder_is_written_whole_and_a_new_process_computes_only_changed_pages(tmp_path, monkeypatch):
    rng = random.Random(5)
    records = [_page(rng, n, True) for n in range(30)]
    site = tmp_path / "site"
    write_index(site, records, TYPES, "search/")
    monkeypatch.setattr(index_writer, "_LAST", {})  # a new process: a clean build empties the site
    monkeypatch.setattr(index_writer, "_BIGRAMS", {})
    records[4] = _page(rng, 99, True)
    for path in sorted((site / INDEX_DIR).rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    size = write_index(site, records, TYPES, "search/")
    assert _files(site) == _clean_build(tmp_path, records, monkeypatch)
    assert index_writer._bigram_store().computed == 1  # the other pages' bigrams and the state came from the cache
    assert size.files == len(_files(site)) and size.bytes == sum(map(len, _files(site).values()))


def test_a_stray_file_in_the_index_folder_is_deleted_when_it_is_written_whole(tmp_path):
    rng = random.Random(6)
    site = tmp_path / "site"
    (site / INDEX_DIR / "t").mkdir(parents=True)
    (site / INDEX_DIR / "t" / "999.js").write_text("old", encoding="utf-8")
    write_index(site, [_page(rng, n, True) for n in range(5)], TYPES, "search/")
    assert not (site / INDEX_DIR / "t" / "999.js").exists()


def test_an_unusable_state_is_not_used(tmp_path, monkeypatch):
    rng = random.Random(8)
    records = [_page(rng, n, True) for n in range(12)]
    write_index(tmp_path / "a", records, TYPES, "search/")
    states = index_state.StateStore()
    for entry in states.disk.folder.rglob("*.json"):
        entry.write_text('{"pages": 3}', encoding="utf-8")
    monkeypatch.setattr(index_writer, "_LAST", {})
    write_index(tmp_path / "b", records, TYPES, "search/")
    assert _files(tmp_path / "b") == _files(tmp_path / "a")



def test_a_page_record_made_before_comes_from_the_cache(monkeypatch):
    html = '<p>开头</p><h2 id="s1">一、学习</h2><p>理论学习不够深入</p>'
    first = record_cache.page_record("a/", "标题", html, "annual", 2021)
    assert first == page_record("a/", "标题", html, "annual", 2021)

    def unused(*args):
        raise AssertionError("the record was made again")

    monkeypatch.setattr(phrase_index, "page_record", unused)
    assert record_cache.page_record("a/", "标题", html, "annual", 2021) == first
    with pytest.raises(AssertionError):
        record_cache.page_record("a/", "标题", html + "<p>新段落</p>", "annual", 2021)


def test_an_edit_whose_old_bigrams_left_the_cache_still_gives_the_clean_index(tmp_path, monkeypatch):
    rng, records, site, _ = _served(tmp_path, 9, 30)
    store = index_writer._bigram_store()
    store.memory.clear()
    store.disk.path(store._key(index_writer._parse(records)[0][20].hash)).unlink()  # page 3's is still there
    for n in (3, 20):
        records[n] = _page(rng, 100 + n, True)
    write_index(site, records, TYPES, "search/")
    assert _files(site) == _clean_build(tmp_path, records, monkeypatch)


def test_an_edit_splices_only_the_keys_where_the_page_s_count_or_mask_changed(tmp_path, monkeypatch):
    _, records, site, _ = _served(tmp_path, 4, 20)
    store = index_writer._bigram_store()
    before = store.cached(index_writer._parse(records)[0][7].hash)
    records[7] = _appended(records[7], "整改落实")
    spliced = []
    monkeypatch.setattr(index_state, "splice", lambda encoded, changes, real=splice: spliced.append(changes) or real(encoded, changes))
    write_index(site, records, TYPES, "search/")
    after = store.cached(index_writer._parse(records)[0][7].hash)
    old, new = dict(zip(before.keys, before.tails)), dict(zip(after.keys, after.tails))
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    assert len(spliced) == len(changed) and 0 < len(changed) < len(new)
    assert _files(site) == _clean_build(tmp_path, records, monkeypatch)


def test_a_build_whose_records_changed_waits_for_the_workers_index_then_writes_its_own(tmp_path, monkeypatch):
    """A cold build hands the index to a worker (index_writer.start); if the records write_index
    gets differ, it waits for the worker writing the same folder (never two writers at once) and
    then writes every file itself: the folder holds what a clean build of its records writes."""
    import time

    from scripts.kb.cache import precompress
    from scripts.kb.core import workers

    rng = random.Random(5)
    handed = [_page(rng, n, True) for n in range(8)]
    records = handed[:3] + [_page(rng, 9, True)] + handed[4:]
    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    site, manifest = tmp_path / "site", tmp_path / "site" / INDEX_DIR / "manifest.js"
    assert workers.JOBS.warm_up(int, ("0",))
    try:
        assert index_writer.start(site, handed, TYPES, "search/", precompress.load_settings())
        deadline = time.monotonic() + 120
        while not manifest.with_name("manifest.js.gz").exists() and not manifest.exists() and time.monotonic() < deadline:
            time.sleep(0.05)  # the worker is writing the folder
        assert manifest.exists() or manifest.with_name("manifest.js.gz").exists()
        size = write_index(site, records, TYPES, "search/")
    finally:
        workers.JOBS.stop()
    assert size.compressed == {} and index_writer._HANDED == {}
    assert _files(site) == _clean_build(tmp_path, records, monkeypatch)
