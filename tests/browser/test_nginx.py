"""The site behind a real nginx with the repository's deploy/nginx.conf: precompressed, UTF-8, cached."""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from scripts.kb.core.paths import ROOT
from tests.browser.material import search
from tests.conftest import require_tool

NGINX = "/usr/sbin/nginx"
DEPLOY_CONFIG = ROOT / "deploy" / "nginx.conf"


def server_block(port: int, site_dir) -> str:
    """The repository's server block, listening on a loopback port and serving the built site."""
    text = DEPLOY_CONFIG.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s+80;", rf"\1listen 127.0.0.1:{port};", text, flags=re.M)
    text, roots = re.subn(r"^(\s*)root\s+\S+;", rf"\1root {site_dir};", text, flags=re.M)
    assert listens == 1 and roots == 1, "deploy/nginx.conf 应有且只有一条 listen 80; 和一条 root …;"
    return text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_url(site_dir, tmp_path_factory):
    """nginx (Debian's package) in the foreground on a free loopback port; stopped after the module."""
    require_tool(NGINX, "nginx")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (work / "site.conf").write_text(server_block(port, site_dir), encoding="utf-8")
    temp_paths = "\n".join(f"  {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"""{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
{temp_paths}
  include {work / "site.conf"};
}}
""",
        encoding="utf-8",
    )
    command = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0 and "[warn]" not in checked.stderr, checked.stderr  # a clean config
    log = work / "stderr.log"
    with open(log, "wb") as stderr:
        process = subprocess.Popen(command, stderr=stderr)
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                pytest.fail("nginx 未能启动：" + log.read_text(errors="replace"))
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx 10 秒内没有开始监听")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


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
