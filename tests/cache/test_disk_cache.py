"""The cache folders under .cache/: whole entries, misses instead of errors, pruning of unused ones."""

from __future__ import annotations

import os
import time

import pytest

from scripts.kb.cache import disk_cache
from scripts.kb.cache.disk_cache import DAY, DiskCache, content_key, keep_days


def test_entries_round_trip_and_a_missing_one_is_a_miss(tmp_path):
    cache = DiskCache("pages", ".json", tmp_path)
    key = content_key("页面", b"\x00")
    assert cache.read(key) is None
    cache.write(key, "内容".encode())
    assert cache.read(key) == "内容".encode() and cache.path(key).parent.name == key[:2]
    assert not list(tmp_path.rglob("*.tmp"))  # written whole, nothing left behind


def test_keys_keep_parts_apart():
    assert content_key("ab", "c") != content_key("a", "bc") and content_key("a") == content_key(b"a")


def test_an_unwritable_folder_is_not_an_error(tmp_path):
    (tmp_path / "file").write_text("")
    cache = DiskCache("pages", ".json", tmp_path / "file" / "cache")  # cannot be a folder
    cache.write("ab" * 8, b"x")
    assert cache.read("ab" * 8) is None and cache.written == 0


def test_unused_entries_are_pruned_at_most_once_a_day(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    cache = DiskCache("gzip", ".gz")
    cache.write("aa11", b"old")
    cache.write("bb22", b"used")
    past = time.time() - (keep_days() + 1) * DAY
    for key in ("aa11", "bb22"):
        os.utime(cache.path(key), (past, past))
    assert cache.read("bb22") == b"used"  # reading marks it used
    disk_cache.prune("gzip", "pages")  # a kind without a folder is fine
    assert not cache.path("aa11").exists() and cache.path("bb22").exists()
    os.utime(cache.path("bb22"), (past, past))
    disk_cache.prune("gzip")  # pruned less than a day ago: not again
    assert cache.path("bb22").exists()


def test_the_theme_is_compiled_once_for_every_build(tmp_path, monkeypatch):
    import jinja2

    from scripts import hooks

    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    loader = jinja2.DictLoader({"main.html": "{{ page }}：{% for i in range(2) %}{{ i }}{% endfor %}"})
    first = hooks.on_env(jinja2.Environment(loader=loader), None, None)
    assert first.get_template("main.html").render(page="首页") == "首页：01"
    assert len(list((tmp_path / "jinja").iterdir())) == 1  # compiled and kept

    second = hooks.on_env(jinja2.Environment(loader=loader), None, None)  # as in the next build
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: pytest.fail("模板又编译了一次"))
    assert second.get_template("main.html").render(page="再次") == "再次：01"
