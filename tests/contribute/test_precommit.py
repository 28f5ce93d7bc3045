"""The pre-commit configuration, run for real in a temporary git repository holding the toolkit and
one bad sample: the commit's check fails and names the problem; a clean sample passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

GOOD = (ROOT / "docs" / "annual" / "2021-xian-renda-jiguan-zhibu.md").read_text(encoding="utf-8")


def _git(repo: Path, *args) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run"], cwd=repo, capture_output=True, text=True, env=env)


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git 不存在")
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "scripts", repo / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    (repo / "docs" / "annual").mkdir(parents=True)
    (repo / "snippets").mkdir()
    (repo / ".venv").symlink_to(sys.prefix)  # the venv running the tests
    (repo / ".gitignore").write_text("/.venv\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.invalid")
    _git(repo, "config", "user.name", "test")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "toolkit", "--no-verify")
    return repo


def test_hook_is_local_and_needs_no_download():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local" and hook["language"] == "system"
    assert hook["entry"].endswith("-m scripts.kb check")


def test_hook_fails_on_a_bad_sample_and_passes_a_good_one(repo, tmp_path):
    bad = repo / "docs" / "annual" / "2021-bad.md"
    bad.write_text(GOOD.replace("meeting_type: annual", "meeting_type: anual").replace("title: ", "title: 坏的"), encoding="utf-8")
    _git(repo, "add", "docs/annual/2021-bad.md")
    result = _pre_commit(repo, tmp_path / "home")
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Failed" in result.stdout and "docs/annual/2021-bad.md:3:15: error FM005" in result.stdout, result.stdout
    bad.write_text(GOOD, encoding="utf-8")
    _git(repo, "add", "docs/annual/2021-bad.md")
    result = _pre_commit(repo, tmp_path / "home")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
