"""The layers of scripts/kb (.importlinter): kept on the real tree, and broken by a planted import."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

KB = ROOT / "scripts" / "kb"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
# Modules that may stand at the top of scripts/kb: the package itself and the CLI entry point.
TOP_MODULES = {"__init__.py", "__main__.py", "cli.py"}


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--config", str(ROOT / ".importlinter"), "--no-cache"],
                          cwd=root, capture_output=True, text=True)


def layered_packages() -> set[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter", encoding="utf-8")
    lines = config["importlinter:contract:layers"]["layers"].split()
    return {name for name in lines if name.startswith("scripts.")}


def test_layer_contracts_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_package_of_kb_is_in_a_layer():
    """A new package or a module left at the top of scripts/kb would escape the contract."""
    packages = {f"scripts.kb.{p.name}" for p in KB.iterdir() if (p / "__init__.py").exists()}
    assert packages <= layered_packages(), packages - layered_packages()
    loose = {p.name for p in KB.glob("*.py")} - TOP_MODULES
    assert not loose, f"scripts/kb/ 顶层只放命令行入口，这些模块应归入某个包：{sorted(loose)}"


@pytest.mark.parametrize("module, planted, named", [
    ("core/model.py", "from scripts.kb.site import pages", "scripts.kb.core.model -> scripts.kb.site.pages"),
    ("word/docx_writer.py", "from scripts.kb.contribute import draft",
     "scripts.kb.word.docx_writer -> scripts.kb.contribute.draft"),
    ("check/engine.py", "import scripts.kb.word.docx_layout", "scripts.kb.check.engine -> scripts.kb.word.docx_layout"),
    ("cache/disk_cache.py", "from scripts.kb.check import config", "scripts.kb.cache.disk_cache -> scripts.kb.check.config"),
])
def test_a_planted_import_breaks_the_contract_and_is_named(tmp_path, module, planted, named):
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__", "data"))
    target = tmp_path / "scripts" / "kb" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{planted}\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and named in result.stdout, result.stdout


def test_the_map_in_contributing_names_every_package_and_only_real_paths():
    import re

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## 架构", 1)[1].split("\n## ", 1)[0]
    packages = {p.name for p in KB.iterdir() if (p / "__init__.py").exists()}
    named = set(re.findall(r"`(\w+)/`", section))
    assert packages <= named, f"CONTRIBUTING.md 的架构一节缺少：{sorted(packages - named)}"
    for path in re.findall(r"`((?:scripts|tests)/[\w/.]+)`", section):
        assert (ROOT / path).exists(), f"CONTRIBUTING.md 的架构一节提到不存在的 {path}"
