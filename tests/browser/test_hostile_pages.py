"""The hostile corpus's script cases built into a site with check's verdict ignored (as if check
had missed them), opened and searched in Chromium: no contributor script runs, by construction
(escaping and the sanitizer), and the Content-Security-Policy reports no violation."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from tests.browser.csp import watched_page
from tests.browser.material import search
from tests.conftest import _QuietHandler
from tests.security.hostile import CASES, build_ignoring_check, site_config

SCRIPT_CASES = [case for case in CASES if case.script]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    config = site_config(root)
    for case in SCRIPT_CASES:
        case.place(root)
    build_ignoring_check(config, root / "site")
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def _page_url(root: str, case) -> str:
    rel = case.at.removeprefix("docs/").removesuffix(".md")
    return f"{root}{rel}/" if case.at.startswith("docs/") else f"{root}snippets/"


@pytest.mark.parametrize("case", SCRIPT_CASES, ids=lambda c: c.file)
def test_no_contributor_script_runs_on_the_page_or_in_search(browser, hostile_url, case):
    with watched_page(browser) as (page, watch):
        page.goto(_page_url(hostile_url, case))
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        for query in ("对照检查材料", "onerror"):
            search(page, query, hostile_url)
            page.wait_for_timeout(100)
        page.goto(f"{hostile_url}browse/")
        page.wait_for_timeout(200)
        watch.assert_clean()
