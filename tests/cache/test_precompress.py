"""Precompressed .gz twins: deterministic, only for large text files, and in the built web site."""

from __future__ import annotations

import gzip
import random

from scripts.kb.cache.precompress import PrecompressSettings, gzip_bytes, load_settings, precompress, start

SETTINGS = PrecompressSettings(min_bytes=100, level=9, suffixes=(".html", ".json"), cache_min_bytes=100)


def _tree(root):
    (root / "search").mkdir(parents=True)
    (root / "index.html").write_text("<p>组织生活会</p>" * 50, encoding="utf-8")
    (root / "search" / "search_index.json").write_text('{"docs":[' + '"谈心谈话",' * 100 + "1]}", encoding="utf-8")
    (root / "small.html").write_text("<p>小</p>", encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG" + b"\0" * 500)
    return root


def test_gz_twins_are_written_for_large_text_files_only(tmp_path):
    site = _tree(tmp_path)
    done = precompress(site, SETTINGS)
    assert sorted(p.relative_to(site).as_posix() for p in done) == ["index.html", "search/search_index.json"]
    for path in done:
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes()
    assert not (site / "small.html.gz").exists() and not (site / "logo.png.gz").exists()


def test_gz_twins_are_byte_identical_across_builds(tmp_path):
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    precompress(first, SETTINGS)
    precompress(second, SETTINGS)
    assert (first / "index.html.gz").read_bytes() == (second / "index.html.gz").read_bytes()
    assert (first / "index.html.gz").read_bytes()[4:8] == b"\0\0\0\0"  # gzip MTIME field


def test_compressed_bytes_are_kept_by_content_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    precompress(_tree(tmp_path / "a"), SETTINGS)
    entries = sorted((tmp_path / "cache" / "gzip").rglob("*.gz"))
    assert len(entries) == 2
    marked = gzip_bytes(b"from the cache", SETTINGS.level)
    for entry in entries:
        entry.write_bytes(marked)
    second = _tree(tmp_path / "b")
    precompress(second, SETTINGS)
    assert (second / "index.html.gz").read_bytes() == marked  # read back, not compressed again
    (second / "index.html").write_text("<p>改过的页面</p>" * 50, encoding="utf-8")
    precompress(second, SETTINGS)
    assert gzip.decompress((second / "index.html.gz").read_bytes()) == (second / "index.html").read_bytes()


def test_files_under_cache_min_bytes_are_compressed_each_time_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    settings = PrecompressSettings(100, 9, (".html", ".json"), cache_min_bytes=1200)  # index.html has 1,100 bytes
    site = _tree(tmp_path / "a")
    assert len(precompress(site, settings)) == 2
    entries = list((tmp_path / "cache" / "gzip").rglob("*.gz"))
    assert [gzip.decompress(entry.read_bytes()) for entry in entries] == [(site / "search" / "search_index.json").read_bytes()]
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == (site / "index.html").read_bytes()


def test_a_twin_that_would_not_be_smaller_is_not_written(tmp_path):
    (tmp_path / "noise.json").write_bytes(random.Random(7).randbytes(2048))  # incompressible
    assert precompress(tmp_path, PrecompressSettings(100, 9, (".json",))) == []


def test_settings_come_from_the_data_file():
    settings = load_settings()
    assert settings.min_bytes > 0 and ".html" in settings.suffixes and ".json" in settings.suffixes


def test_built_web_site_has_gz_twins_for_index_pages_scripts_and_styles(site_dir):
    settings = load_settings()
    assert (site_dir / "index.html.gz").is_file()
    for suffix in (".js", ".css"):
        large = [p for p in site_dir.rglob(f"*{suffix}") if p.stat().st_size >= 10 * settings.min_bytes]
        assert large and all(p.with_name(p.name + ".gz").is_file() for p in large), suffix
    part = max((site_dir / "search" / "kb").rglob("*.js"), key=lambda p: p.stat().st_size)  # the phrase index
    assert gzip.decompress(part.with_name(part.name + ".gz").read_bytes()) == part.read_bytes()


def test_many_files_compressed_on_threads_get_their_own_bytes(tmp_path, monkeypatch):
    """Files drawn at random (fixed seed), many with the same content (threads write the same cache
    entry at once): each twin is its file's gzip, and no half-written cache entry is left."""
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    rng = random.Random(17)
    words = ["组织生活会", "批评与自我批评", "整改措施", "理论学习", "<p>", "</p>", "\n"]
    texts = ["".join(rng.choices(words, k=rng.randrange(200, 2000))) for _ in range(40)]
    site = tmp_path / "site"
    for number in range(300):
        path = site / f"d{number % 7}" / f"p{number}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rng.choice(texts), encoding="utf-8")
    done = precompress(site, SETTINGS)
    assert len(done) == 300
    for path in done:
        assert path.with_name(path.name + ".gz").read_bytes() == gzip_bytes(path.read_bytes(), SETTINGS.level)
    entries = list((tmp_path / "cache" / "gzip").rglob("*"))
    assert not [e for e in entries if e.name.endswith(".tmp")]
    assert len([e for e in entries if e.suffix == ".gz"]) == len({p.read_bytes() for p in done})


def test_pages_handed_to_workers_get_the_same_twins(tmp_path, monkeypatch):
    """A cold build's workers compress its pages while it writes the other files (start): the twins
    and the list returned are those of compressing everything at the end."""
    from scripts.kb.core import workers

    monkeypatch.setattr(workers, "available_cores", lambda: 2)
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    early, late = _tree(tmp_path / "early"), _tree(tmp_path / "late")
    for number in range(30):
        (early / f"p{number}.html").write_text("<p>整改措施</p>" * (20 + number), encoding="utf-8")
        (late / f"p{number}.html").write_text("<p>整改措施</p>" * (20 + number), encoding="utf-8")
    assert start(early, (".html",), SETTINGS) == 0  # no worker runs
    assert workers.JOBS.warm_up(len, ((),))
    try:
        workers.JOBS._pool.submit(len, ()).result()  # started
        assert start(early, (".html",), SETTINGS, per_job=4) == 32
        assert list(workers.JOBS._pending)[0] == f"gzip:{early / 'small.html'}"  # the last first
        for path in (early / "search" / "search_index.json", late / "search" / "search_index.json"):
            path.write_text('{"docs":[' + '"改过的索引",' * 100 + "1]}", encoding="utf-8")
        done = precompress(early, SETTINGS)
    finally:
        workers.JOBS.stop()
    assert [p.relative_to(early) for p in done] == [p.relative_to(late) for p in precompress(late, SETTINGS)]
    twins = sorted(p.relative_to(early) for p in early.rglob("*.gz"))
    assert len(twins) == 32 and all((early / t).read_bytes() == (late / t).read_bytes() for t in twins)
