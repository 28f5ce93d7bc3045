"""The fix to material's Chinese query segmentation is applied to the built site, and guarded."""

from __future__ import annotations

import shutil

import pytest

from scripts.kb.search.search_worker import FIXES, WORKER_GLOB, WorkerMismatch, fix_query_segmentation


def test_built_site_ships_the_fixed_worker(site_dir):
    code = next(site_dir.glob(WORKER_GLOB)).read_text(encoding="utf-8")
    for original, fixed in FIXES:
        assert fixed in code and original not in code


def test_fix_is_idempotent(site_dir, tmp_path):
    worker = next(site_dir.glob(WORKER_GLOB))
    target = tmp_path / worker.relative_to(site_dir)
    target.parent.mkdir(parents=True)
    shutil.copy(worker, target)
    fix_query_segmentation(tmp_path)
    assert target.read_bytes() == worker.read_bytes()


def test_an_unknown_worker_stops_the_build_with_a_chinese_message(tmp_path):
    target = tmp_path / "assets/javascripts/workers/search.0123abcd.min.js"
    target.parent.mkdir(parents=True)
    target.write_text("function segment(){}", encoding="utf-8")
    with pytest.raises(WorkerMismatch, match="升级 mkdocs-material"):
        fix_query_segmentation(tmp_path)
    assert target.read_text(encoding="utf-8") == "function segment(){}"


def test_a_site_without_search_is_left_alone(tmp_path):
    assert fix_query_segmentation(tmp_path) is None
