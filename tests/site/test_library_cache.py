"""What the build makes from the library, kept in .cache/library/: another process gets the same
generated files and sample headers without making them, and anything that makes them changes the key."""

from __future__ import annotations

import re
import shutil

import pytest

from scripts.kb.bench.corpus import generate_corpus
from scripts.kb.core.paths import DATA_DIR, TEMPLATES_DIR
from scripts.kb.site import library_cache, pages, workbench
from scripts.kb.site.site_build import SiteBuild


@pytest.fixture
def docs(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    generate_corpus(tmp_path / "docs", 3, 0)
    return tmp_path / "docs"


def _refuse(*args, **kwargs):
    pytest.fail("又生成了一次")


def test_another_process_takes_the_pages_and_headers_from_the_cache(docs, monkeypatch):
    made = SiteBuild()
    made.prepare(docs, directory_urls=True)
    assert set(made.headers) == set(made.library.by_rel) and len(made.headers) == 3
    for name in ("generated_pages", "sample_header"):
        monkeypatch.setattr(pages, name, _refuse)
    monkeypatch.setattr(workbench, "workbench_files", _refuse)
    again = SiteBuild()  # a new build process
    again.prepare(docs, directory_urls=True)
    assert again.generated == made.generated and again.headers == made.headers
    assert again.page_markdown("正文。\n", "index.md", "") == made.page_markdown("正文。\n", "index.md", "")


def test_a_library_change_makes_them_anew(docs):
    made = SiteBuild()
    made.prepare(docs, directory_urls=True)
    src = next(iter(made.library.by_rel))
    tag = next(t for t in ("廉洁自律", "作风建设") if t not in made.headers[src])
    text = (docs / src).read_text(encoding="utf-8")
    (docs / src).write_text(re.sub(r"^tags: .*$", f"tags: [{tag}]", text, count=1, flags=re.M), encoding="utf-8")
    again = SiteBuild()
    again.prepare(docs, directory_urls=True)
    assert again.generated != made.generated and tag in again.headers[src]


@pytest.mark.parametrize("folder", ["templates", "data"])
def test_the_key_changes_with_the_templates_and_the_data(tmp_path, folder):
    copy = shutil.copytree({"templates": TEMPLATES_DIR, "data": DATA_DIR}[folder], tmp_path / folder)
    before = library_cache.installation(**{folder: copy})
    first = sorted(p for p in copy.rglob("*") if p.is_file())[0]
    first.write_bytes(first.read_bytes() + b"\n")
    library_cache.installation.cache_clear()
    assert library_cache.installation(**{folder: copy}) != before
