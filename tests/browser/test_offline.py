"""The offline zip, unpacked into a temporary folder and opened from file:// as a reader would."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from scripts.kb.bench import search_eval
from scripts.kb.core.model import load_samples
from scripts.kb.site.bundle import FOLDER
from tests.browser.material import recording_page, search

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


def test_random_phrases_find_their_sample_first_from_file_urls(browser, bundle_root):
    """The search harness, on the bundle: the same phrases and the same answers as online."""
    folder = Path(unquote(urlsplit(bundle_root).path))
    report = search_eval.evaluate(browser, bundle_root, folder, "file", per_length=2, absent=4, seed=17, pause_ms=100)
    assert report.found == report.first_right == report.phrases == 14, "\n".join(report.lines())
    assert report.absent_with_results == 0, "\n".join(report.lines())


def test_no_request_leaves_file_urls(offline_page, bundle_root):
    page, requested = offline_page
    page.goto(bundle_root + "index.html")
    search(page, "组织生活会", bundle_root)
    outside = sorted({u for u in requested if urlsplit(u).scheme not in ("file", "data", "blob", "about")})
    assert not outside, "离线版发出了 file:// 以外的请求：\n" + "\n".join(outside)
    assert any("/search/kb/b/" in u for u in requested)  # the phrase index really answered offline


def test_the_results_page_works_from_file_urls(offline_page, bundle_root):
    page, _ = offline_page
    page.goto(bundle_root + "search/index.html?q=" + quote("组织生活会"))
    page.wait_for_function("() => /^共 \\d+ 篇范例含有/.test(document.querySelector('#kb-search-summary').textContent)")
    assert page.locator("#kb-search-results li").count() >= 1
    assert page.locator("#kb-search-results a").first.get_attribute("href").endswith(".html")


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
