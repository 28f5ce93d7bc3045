"""A broken snippet stops the build with a Chinese message naming the file, never a traceback."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.build


def test_snippet_with_missing_source_fails_the_build_clearly(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "snippets").mkdir()
    orphan = next((ROOT / "snippets").glob("*.md")).read_text(encoding="utf-8")
    orphan = orphan.replace("source: annual/", "source: annual/2099-")
    (tmp_path / "snippets" / "orphan.md").write_text(orphan, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("scripts/hooks.py", str(ROOT / "scripts" / "hooks.py"))
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "snippets/orphan.md" in result.stderr and "不是 docs/ 下的范例" in result.stderr
    assert "Traceback" not in result.stderr
