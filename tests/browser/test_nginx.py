"""The site behind a real nginx with the repository's deploy/nginx.conf: precompressed, UTF-8, cached."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from scripts.kb.bench import deployed
from tests.browser.material import search
from tests.conftest import require_tool


@pytest.fixture(scope="module")
def nginx_url(site_dir):
    """nginx (Debian's package) with deploy/nginx.conf on a free loopback port; stopped after the module."""
    require_tool(str(deployed.NGINX), "nginx")
    try:
        with deployed.nginx_site(site_dir) as url:
            yield url
    except deployed.ServerError as exc:
        pytest.fail(str(exc))


def fetch(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


def _index_part(site_dir: Path) -> str:
    """The largest file of the phrase index (search/kb/), relative to the site."""
    largest = max((site_dir / "search" / "kb").rglob("*.js"), key=lambda p: p.stat().st_size)
    return largest.relative_to(site_dir).as_posix()


def test_search_index_parts_are_sent_precompressed_as_utf8(nginx_url, site_dir):
    part = _index_part(site_dir)
    headers, body = fetch(nginx_url + part)
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "application/javascript; charset=utf-8"
    assert "Accept-Encoding" in headers.get("Vary", "")
    assert headers["Cache-Control"] == "no-cache"
    assert body == (site_dir / (part + ".gz")).read_bytes()  # the build's file, as is
    assert gzip.decompress(body) == (site_dir / part).read_bytes()


def test_a_client_without_gzip_gets_the_plain_index(nginx_url, site_dir):
    part = _index_part(site_dir)
    headers, body = fetch(nginx_url + part, gzip_ok=False)
    assert headers.get("Content-Encoding") is None
    assert body == (site_dir / part).read_bytes()


def test_pages_are_utf8_html_and_hashed_assets_are_cached_for_a_year(nginx_url, site_dir):
    headers, _ = fetch(nginx_url)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "no-cache"
    bundle = next(site_dir.glob("assets/javascripts/bundle.*.min.js")).relative_to(site_dir).as_posix()
    stylesheet = next(site_dir.glob("assets/stylesheets/main.*.min.css")).relative_to(site_dir).as_posix()
    for path, mime in ((bundle, "application/javascript"), (stylesheet, "text/css")):
        headers, _ = fetch(nginx_url + path)
        assert headers["Content-Type"] == f"{mime}; charset=utf-8", path
        assert headers["Content-Encoding"] == "gzip", path
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", path


def test_the_browser_receives_the_gzipped_index_and_searches_with_it(nginx_url, page):
    responses = {}
    page.context.on("response", lambda r: responses.setdefault(r.url, r))
    page.goto(nginx_url)
    results = search(page, "组织生活会", nginx_url)
    assert results.links, results.summary
    parts = [r for url, r in responses.items() if url.startswith(nginx_url + "search/kb/b/")]
    assert parts, sorted(responses)
    for part in parts:
        headers = part.all_headers()
        assert part.status == 200
        assert headers["content-type"] == "application/javascript; charset=utf-8"
        assert headers.get("content-encoding") == "gzip" or int(headers.get("content-length", 0)) < 1024
