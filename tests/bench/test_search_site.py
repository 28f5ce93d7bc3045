"""The search bench's large site: a built site with the index of many synthetic samples."""

from __future__ import annotations

import json
import re

import pytest

from scripts.kb.bench.search_site import SearchSiteError, sample_records, synthetic_search_site
from scripts.kb.cli import main
from scripts.kb.search.phrase_index import normalize, postings_of, read_page, read_part


@pytest.fixture
def search_site(site_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    dest = tmp_path / "site-12"
    return dest, synthetic_search_site(site_dir, dest, 12)


def test_the_site_holds_the_generators_samples_and_the_built_sites_other_pages(site_dir, search_site):
    dest, size = search_site
    built, made = read_part(site_dir, "manifest"), read_part(dest, "manifest")
    others = range(built["samples"], len(built["pages"]))
    assert made["samples"] == 12 and size.pages == len(made["pages"]) == 12 + len(others)
    for page_id, record in enumerate(sample_records(12)):
        data = json.loads(record)
        assert data["url"].endswith(f"/synthetic-{page_id:05d}/")
        assert read_page(dest, page_id) == (data["url"], data["title"], data["sections"])
        assert len(data["sections"]) > 3  # headings became sections, with the site's anchors
    assert [read_page(dest, 12 + k) for k in range(len(others))] == [read_page(site_dir, i) for i in others]
    _, _, sections = read_page(dest, 7)
    pair = re.search(r"[\u4e00-\u9fff]{2}", normalize(sections[-1][2])).group()
    assert 7 in [page_id for page_id, *_ in postings_of(dest, pair)]


def test_the_site_is_the_built_one_with_a_precompressed_index(site_dir, search_site):
    dest, _ = search_site
    assert (dest / "index.html").read_bytes() == (site_dir / "index.html").read_bytes()
    assert (dest / "search" / "kb" / "manifest.js.gz").is_file()
    assert read_part(site_dir, "manifest")["samples"] == 5  # the built site is left as it was


def test_it_replaces_a_site_it_wrote_and_refuses_other_folders(site_dir, search_site, tmp_path):
    dest, _ = search_site
    assert synthetic_search_site(site_dir, dest, 3).pages == 3 + len(read_part(site_dir, "manifest")["pages"]) - 5
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep", encoding="utf-8")
    for folder in (busy, site_dir / "sub", site_dir.parent):
        with pytest.raises(SearchSiteError):
            synthetic_search_site(site_dir, folder, 3)
    assert (busy / "notes.txt").is_file()


def test_the_command_wants_both_options(site_dir, capsys):
    assert main(["search-bench", "--site", str(site_dir), "--samples", "3"]) == 2
    assert "--samples 和 --write-site 要一起给出" in capsys.readouterr().err
