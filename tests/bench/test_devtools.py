"""Chromium on a bare DevTools pipe (scripts/kb/bench/devtools.py), which the search evaluation times
its queries in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.kb.bench import devtools, search_eval
from tests.conftest import require_tool


@pytest.fixture(scope="module")
def chrome():
    require_tool(devtools.CHROMIUM, "Chromium")
    with devtools.chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    folder = tmp_path_factory.mktemp("origin")
    (folder / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><title>页</title><script src="early.js"></script>', encoding="utf-8")
    (folder / "early.js").write_text("document.title = String(window.__early);", encoding="utf-8")
    url, server = search_eval.serve(folder)
    yield url
    server.shutdown()


def test_the_init_script_runs_before_the_pages_own_scripts(chrome, origin):
    tab = chrome.open(origin, "window.__early = 6 * 7;")
    try:
        tab.wait_for_load()
        assert tab.evaluate("document.title") == "42"
    finally:
        tab.close()


def test_evaluate_awaits_a_promise_and_returns_its_value_as_json(chrome, origin):
    tab = chrome.open(origin)
    try:
        assert tab.evaluate("new Promise(done => setTimeout(() => done({ words: ['组织', '生活'], n: 2 }), 50))") == \
            {"words": ["组织", "生活"], "n": 2}
    finally:
        tab.close()


def test_each_page_has_a_context_of_its_own(chrome, origin):
    first = chrome.open(origin)
    try:
        first.evaluate("localStorage.setItem('seen', '1')")
        second = chrome.open(origin)
        try:
            assert second.evaluate("localStorage.getItem('seen')") is None
        finally:
            second.close()
    finally:
        first.close()


def test_an_error_in_the_page_is_reported_in_chinese_with_its_message(chrome, origin):
    tab = chrome.open(origin)
    try:
        with pytest.raises(devtools.DevToolsError, match="页面里的脚本出错：.*没有结果"):
            tab.evaluate("Promise.reject(new Error('查询“xx”没有结果'))")
    finally:
        tab.close()


def test_an_address_that_does_not_open_is_reported(chrome):
    with pytest.raises(devtools.DevToolsError, match="打不开 http://127.0.0.1:1/"):
        chrome.open("http://127.0.0.1:1/")


def test_without_chromium_it_says_how_to_get_it(tmp_path):
    with pytest.raises(devtools.DevToolsError, match="make system-deps"):
        with devtools.chromium(str(tmp_path / "no-chromium")):
            pass


def test_a_chromium_that_stops_is_reported_and_nothing_is_left_behind(origin):
    require_tool(devtools.CHROMIUM, "Chromium")
    with devtools.chromium() as browser:
        profile = Path(next(a for a in browser.process.args if a.startswith("--user-data-dir=")).split("=", 1)[1])
        assert profile.is_dir()
        browser.open(origin).close()
        browser.process.kill()
        browser.process.wait()
        with pytest.raises(devtools.DevToolsError, match="Chromium 已退出"):
            browser.open(origin)
    assert not profile.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(browser.process.pid, 0)
