"""The offline zip, unpacked into a temporary folder and opened from file:// as a reader would."""

from __future__ import annotations

import zipfile
from urllib.parse import urlsplit

import pytest

from scripts.kb.core.model import load_samples
from scripts.kb.site.bundle import FOLDER
from tests.browser.material import recording_page, search

# Three queries and the sample each must find first (see test_search.py for the full set).
QUERIES = {
    "迎盛会": "yingshenghui/2022-dangzhibu-banzi-yingshenghui.md",
    "觉悟社": "annual/2021-jiguan-zhibu-gongzuo-chabai-huibao.md",
    "党费": "annual/2021-xian-renda-jiguan-zhibu.md",
}


def offline_url(rel: str) -> str:
    """A sample's page in the bundle: annual/x.md → annual/x.html (no directory URLs)."""
    return rel[: -len(".md")] + ".html"


@pytest.fixture(scope="module")
def bundle_root(offline_zip, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(folder)
    return (folder / FOLDER).as_uri() + "/"


@pytest.fixture(scope="module")
def offline_page(browser, bundle_root):
    """One page for the module; yields it with the list of every URL it requested."""
    with recording_page(browser) as recorded:
        yield recorded


def test_pages_navigate_by_clicking(offline_page, bundle_root):
    page, _ = offline_page
    page.goto(bundle_root + "index.html")
    page.locator("nav.md-nav--primary a.md-nav__link", has_text="年度组织生活会").first.click()
    page.wait_for_url(bundle_root + "annual/index.html")
    sample = next(s for s in load_samples() if s.meeting_type == "annual")
    page.locator("article a", has_text=sample.title).first.click()
    page.wait_for_url(bundle_root + offline_url(sample.rel))
    assert page.locator("article h1").inner_text().strip() == sample.title


@pytest.mark.parametrize("query", QUERIES)
def test_search_works_from_file_urls(offline_page, bundle_root, query):
    page, _ = offline_page
    if not page.url.startswith(bundle_root):
        page.goto(bundle_root + "index.html")
    results = search(page, query, bundle_root)
    assert results.first == offline_url(QUERIES[query]), f"“{query}”：{results.summary}，{results.links}"


def test_no_request_leaves_file_urls(offline_page, bundle_root):
    page, requested = offline_page
    page.goto(bundle_root + "index.html")
    search(page, "组织生活会", bundle_root)
    outside = sorted({u for u in requested if urlsplit(u).scheme not in ("file", "data", "blob", "about")})
    assert not outside, "离线版发出了 file:// 以外的请求：\n" + "\n".join(outside)
    assert any(u.endswith("/search/search_index.js") for u in requested)  # the search really ran offline


def test_compose_page_works_from_file_urls(browser, bundle_root):
    """The 撰写 page from file://: outline, snippets loaded on demand, live checks, Word download."""
    with recording_page(browser) as (page, requested):
        page.goto(bundle_root + "compose.html")
        page.wait_for_selector(".kb-compose-summary")
        target = page.locator("section.kb-block").last
        target.locator("details.kb-block-refs summary").click()
        target.get_by_role("button", name="插入").first.click()
        target.locator("textarea").press("End")
        target.locator("textarea").type("落实不够,整改不到位。")
        page.wait_for_selector(".kb-compose-finding-list li[data-rule='TX003']")
        with page.expect_download() as info:
            page.get_by_role("button", name="下载 Word").click()
        assert info.value.suggested_filename.endswith(".docx")
        assert any(u.endswith("/assets/compose/snippets/annual-measures-1.js") for u in requested)
        assert all(urlsplit(u).scheme in ("file", "data", "blob") for u in requested)
