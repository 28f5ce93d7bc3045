"""The MkDocs build runs check: an error stops it with located findings, a warning does not."""

from __future__ import annotations

import shutil

import pytest

from tests.check.fixtures import SAMPLE, swap
from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.build


def _config(tmp_path, sample: str):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("annual", "dangshi", "yingshenghui"))
    (docs / "annual").mkdir()
    (docs / "annual" / "2021-test.md").write_text(sample, encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}").replace("  - scripts/hooks.py", f"  - {ROOT / 'scripts' / 'hooks.py'}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def test_an_error_fails_the_build_with_the_finding(tmp_path):
    result = build_site(_config(tmp_path, swap("回应新期待", "回应“新期待", SAMPLE)), tmp_path / "site")
    assert result.returncode != 0
    assert "annual/2021-test.md:31:3: error TX002 " in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "annual").exists()


def test_a_warning_is_logged_but_the_strict_build_passes(tmp_path):
    sample = swap("加强理论学习。", "加强理论学习，认真查摆问题", SAMPLE)
    result = build_site(_config(tmp_path, sample), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "annual" / "2021-test" / "index.html").exists()
