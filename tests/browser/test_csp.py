"""The Content-Security-Policy: in every page's <meta> and in nginx's header, the same policy; the
theme's own features (search, copy, filters, downloads) work under it in Chromium, served and
from file://, with no violation reported."""

from __future__ import annotations

import re
import zipfile
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from scripts.kb.core.model import load_samples
from scripts.kb.core.paths import ROOT
from scripts.kb.site import csp
from scripts.kb.site.bundle import FOLDER
from tests.browser.csp import watched_page
from tests.browser.material import search

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
HEADER = re.compile(r'add_header Content-Security-Policy "([^"]+)" always;')


def _hashes(policy: str) -> set[str]:
    script = next(part for part in policy.split("; ") if part.startswith("script-src "))
    return {source for source in script.split()[1:] if source.startswith("'sha256-")}


def test_every_page_has_the_policy_and_nginx_allows_exactly_the_themes_inline_scripts(site_dir):
    pages = list(site_dir.rglob("*.html"))
    policies = [META.search(page.read_text(encoding="utf-8")) for page in pages]
    assert all(policies), [str(p) for p, m in zip(pages, policies) if not m]
    needed = set().union(*(_hashes(m.group(1)) for m in policies))
    headers = HEADER.findall((ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"))
    expected = csp.policy(sorted(needed))
    assert headers == [expected, expected], f"deploy/nginx.conf 的两条 add_header 应为：\nadd_header Content-Security-Policy \"{expected}\" always;"


def test_search_copy_filters_and_downloads_work_with_no_violation(browser, site_url):
    sample = load_samples()[0]
    with watched_page(browser, permissions=["clipboard-read", "clipboard-write"]) as (page, watch):
        page.goto(site_url)
        assert search(page, "组织生活会", site_url).links
        page.goto(urljoin(site_url, sample.url))
        page.get_by_role("button", name="复制本节").first.click()
        page.get_by_role("button", name="已复制").first.wait_for()
        with page.expect_download() as download:
            page.get_by_role("link", name="下载 Word").click()
        assert download.value.suggested_filename.endswith(".docx")
        page.goto(site_url + "browse/")
        page.select_option("select[name=type]", sample.meeting_type)
        page.locator("#kb-samples input[name=q]").press("Enter")  # a submit is kept on the page
        expect(page.locator("#kb-samples tbody a", has_text=sample.title)).to_have_count(1)
        assert page.url.startswith(site_url + "browse/?type=")
        watch.assert_clean()


def test_the_offline_bundle_searches_from_file_urls_with_no_violation(browser, offline_zip, tmp_path):
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(tmp_path)
    root = (tmp_path / FOLDER).as_uri() + "/"
    policy = META.search((tmp_path / FOLDER / "index.html").read_text(encoding="utf-8")).group(1)
    assert policy == csp.policy([], offline=True)  # script only from the bundle's own files, or inline
    with watched_page(browser) as (page, watch):
        page.goto(root + "index.html")
        assert search(page, "组织生活会", root).links
        watch.assert_clean()


def test_every_page_preloads_the_theme_scripts_it_runs_right_after_its_policy(site_dir):
    """Chromium's preload scanner waits in a page with a policy <meta>: the links after the policy
    name each script the theme loads, once, and nothing from the page's content (the <article>)."""
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        theme = re.sub(r"<article\b.*?</article>", "", text, flags=re.S)
        scripts = list(dict.fromkeys(re.findall(r'<script src="([^"]+)"', theme)))
        head = re.search(r"<head>\s*(<meta http-equiv=\"Content-Security-Policy\"[^>]*>)((?:\s*<link rel=\"preload\"[^>]*>)*)", text)
        assert head, page
        preloaded = re.findall(r'<link rel="preload" href="([^"]+)" as="script">', head.group(2))
        assert preloaded == scripts and scripts, (page, preloaded, scripts)


def test_the_preloads_are_what_the_scripts_run_from(browser, site_url):
    """Each script is fetched once, by its preload link (a preload the script tag did not match
    would be fetched again by the <script>), and every script still runs."""
    with watched_page(browser) as (page, watch):
        page.goto(site_url, wait_until="load")
        entries = page.evaluate("""() => performance.getEntriesByType("resource")
            .filter(e => e.name.endsWith(".js")).map(e => [new URL(e.name).pathname, e.initiatorType])""")
        scripts = [path for path, _ in entries if "/search/kb/" not in path and "/workers/" not in path]
        assert len(scripts) == len(set(scripts)) >= 6, entries
        assert all(kind == "link" for path, kind in entries if path in scripts), entries
        assert page.evaluate("() => typeof kbSearch === 'object' && typeof document$ === 'object'")
        watch.assert_clean()
