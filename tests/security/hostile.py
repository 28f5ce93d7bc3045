"""The hostile-contribution corpus (tests/security/hostile/): its cases and the trees they go in."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.kb.check.engine import Report
from scripts.kb.site import site_build

from tests.check.fixtures import SAMPLE, SAMPLE_PATH, SNIPPET, SNIPPET_PATH, write_tree
from tests.conftest import ROOT

CORPUS = Path(__file__).parent / "hostile"


@dataclass(frozen=True)
class Case:
    file: str
    at: str  # where it goes, relative to the tree's root
    rule: str
    line: int
    script: bool = False  # its payload would run in a browser if escaping or sanitizing failed
    link: str | None = None  # placed as a symbolic link to the file, kept outside the trees

    @property
    def text(self) -> str:
        return (CORPUS / self.file).read_text(encoding="utf-8")

    def place(self, root: Path) -> Path:
        """Put the case into the tree at root; returns the path as check names it."""
        target = root / self.at
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.link:
            outside = root / "outside" / self.file
            outside.parent.mkdir(parents=True, exist_ok=True)
            outside.write_text(self.text, encoding="utf-8")
            target.symlink_to(self.link)
        else:
            target.write_text(self.text, encoding="utf-8")
        return target


CASES = [Case(**raw) for raw in yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))]


def small_tree(root: Path) -> tuple[Path, Path]:
    """docs/ and snippets/ holding the valid fixture sample and snippet (a snippet's source)."""
    write_tree(root, {SAMPLE_PATH: SAMPLE, SNIPPET_PATH: SNIPPET})
    return root / "docs", root / "snippets"


def site_config(root: Path) -> Path:
    """A copy of the real hand-written pages (no samples) plus the small tree, and an mkdocs.yml
    building it with the real hooks."""
    docs = root / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("annual", "dangshi", "yingshenghui"))
    small_tree(root)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}").replace("  - scripts/hooks.py", f"  - {ROOT / 'scripts' / 'hooks.py'}")
    config = root / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def build_ignoring_check(config: Path, site_dir: Path) -> None:
    """Build in this process as if check had found no error: what escaping, the sanitizer and the
    policy must hold against on their own (a real build stops at check first)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    real, cache = site_build.run_check, os.environ.get("KB_CACHE_DIR")

    def lenient(*args, **kwargs):
        report = real(*args, **kwargs)
        return Report([f for f in report.findings if f.severity != "error"], report.files, report.samples, report.cache)

    site_build.run_check = lenient
    os.environ["KB_CACHE_DIR"] = str(site_dir.parent / "cache")
    try:
        build(load_config(str(config), site_dir=str(site_dir), strict=False))
    finally:
        site_build.run_check = real
        if cache is None:
            os.environ.pop("KB_CACHE_DIR")
        else:
            os.environ["KB_CACHE_DIR"] = cache
