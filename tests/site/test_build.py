"""The real site builds strictly, with a page per sample and nothing loaded from other hosts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import lxml.html
import pytest

from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples


@pytest.mark.parametrize("sample", load_samples(), ids=lambda s: s.rel)
def test_each_sample_page_shows_title_type_and_year(site_dir, sample):
    html = (site_dir / sample.url / "index.html").read_text(encoding="utf-8")
    assert f"<h1" in html and sample.title in html
    assert domain().type(sample.meeting_type).name in html
    assert str(sample.year) in html


@pytest.mark.parametrize("sample", load_samples(), ids=lambda s: s.rel)
def test_a_sample_s_top_stands_before_its_text_and_every_link_in_it_leads_to_a_built_page(site_dir, sample):
    """The header and placeholder box, put in as HTML after the conversion (SiteBuild.page_content)."""
    page = site_dir / sample.url / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "kb-top" not in html
    article = lxml.html.fromstring(html).find(".//article")
    blocks = [child.get("class") for child in article if child.tag == "div"]
    assert blocks[:3] == ["kb-meta", "admonition warning", "kb-sample-tools"]
    for link in article.find(".//div[@class='kb-meta']").iter("a"):
        target = (page.parent / link.get("href").split("?")[0]).resolve()
        assert (target / "index.html").is_file(), link.get("href")


def test_the_listing_tables_put_in_after_conversion_link_to_built_pages(site_dir):
    """The year, level and tag pages' tables (HTML blocks, set aside while the page converts)."""
    pages = sorted((site_dir / "browse").glob("*/*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "kb-html" not in html
        links = [a.get("href") for a in lxml.html.fromstring(html).iterfind(".//article//table//a")]
        assert links, page
        for href in links:
            assert (page.parent / href / "index.html").resolve().is_file(), (page, href)


def test_meeting_type_pages_list_their_samples(site_dir):
    samples = load_samples()
    for mt in domain().types:
        html = (site_dir / mt.key / "index.html").read_text(encoding="utf-8")
        assert mt.name in html
        for sample in samples:
            assert (sample.title in html) == (sample.meeting_type == mt.key)


class _ExternalLoads(HTMLParser):
    """Collects every URL an HTML page would load (not merely link to)."""

    LOADING = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
               ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if (tag, name) in self.LOADING and value:
                self.urls.append(value)
            if name == "style" and value:
                self.urls.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", value))
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.urls.extend(re.findall(r"(?:url\(|@import)\s*['\"]?([^'\")\s;]+)", data))


def _is_external(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) and not url.startswith("data:")


def test_no_page_loads_anything_from_another_host(site_dir):
    offenders = []
    for page in site_dir.rglob("*.html"):
        parser = _ExternalLoads()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site_dir)}: {url}" for url in parser.urls if _is_external(url)]
    for sheet in site_dir.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        urls = re.findall(r"(?:url\(|@import)\s*['\"]?([^'\")\s;]+)", text)
        offenders += [f"{sheet.relative_to(site_dir)}: {url}" for url in urls if _is_external(url)]
    assert not offenders, "页面从外部主机加载资源：\n" + "\n".join(offenders)
