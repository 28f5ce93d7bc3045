"""Shared fixtures: the real site built once per test session, served on loopback."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "tests" / "fixtures" / "seeds"  # the raw seeds, byte for byte


def require_tool(path: str, what: str) -> None:
    """Skip when a system tool is absent on a developer's machine; in CI that is a failure."""
    if not Path(path).exists():
        message = f"{what} 不存在（{path}）：先运行 make system-deps"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def build_site(config: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict mkdocs build in a subprocess, as `make build` does. Not --quiet: it drops
    warnings before --strict counts them."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The repository's site, built once with the real config."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Python guesses types from /etc/mime.types when present; Word files must not depend on it.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """The built site served over HTTP on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    """The offline bundle, made once by the `bundle` subcommand as a user runs it."""
    from scripts.kb.cli import main

    out = tmp_path_factory.mktemp("bundle") / "offline.zip"
    assert main(["bundle", "--out", str(out)]) == 0
    return out
