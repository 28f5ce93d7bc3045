"""`make serve` is `python -m scripts.kb serve`: a strict, incremental mkdocs serve (tested end to end
by the bench smoke test and tests/cache/test_incremental.py)."""

from __future__ import annotations

from pathlib import Path

from scripts.kb import cli
from scripts.kb.commands import serve
from scripts.kb.core.paths import ROOT


def test_the_server_is_strict_and_incremental():
    argv = serve.argv("127.0.0.1:8001", Path("mkdocs.yml"))
    assert argv[1:4] == ["-m", "mkdocs", "serve"] and "--dirty" in argv and "--strict" in argv
    assert argv[argv.index("--dev-addr") + 1] == "127.0.0.1:8001"


def test_make_serve_runs_this_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nserve:", 1)[1].split("\n")[1]
    assert recipe.strip() == "$(KB) serve"


def test_a_missing_config_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["serve", "-f", str(tmp_path / "none.yml")]) == 2
    assert "配置文件" in capsys.readouterr().err
