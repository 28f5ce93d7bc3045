"""A reader's tour of the web site in Chromium: nothing leaves the server, Chinese renders, screenshots.

The tour visits the home page, a sample, every page the navigation lists (the galleries), and runs
a search, recording every request the browser makes (pages, scripts, the search worker's fetches).
A new interactive feature (a filter, a copy button) is one more step in ``TOUR``.
"""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from scripts.kb.core.model import load_samples
from scripts.kb.core.paths import ROOT
from tests.browser.material import recording_page, search

ARTIFACTS = ROOT / "test-artifacts"
LOCAL_SCHEMES = ("data", "blob", "about")


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def visit_home(page, root):
    page.goto(root)
    shoot(page, "home")


def visit_sample(page, root):
    page.goto(urljoin(root, load_samples()[0].url))
    shoot(page, "sample")


def visit_navigation(page, root):
    """Every page the home page's navigation lists: meeting types, guides, galleries."""
    page.goto(root)
    hrefs = page.locator("nav.md-nav--primary a.md-nav__link[href]").evaluate_all("links => links.map(a => a.href)")
    pages = sorted({h.split("#")[0] for h in hrefs if h.startswith(root)} - {root})
    assert len(pages) >= 3, pages
    for url in pages:
        page.goto(url)
    page.goto(urljoin(root, "annual/"))
    shoot(page, "gallery")


def run_search(page, root):
    page.goto(root)
    results = search(page, "组织生活会", root)
    assert results.links, results.summary
    shoot(page, "search")


TOUR = (visit_home, visit_sample, visit_navigation, run_search)


@pytest.fixture(scope="module")
def tour(browser, site_url):
    """Run the tour once in one browser context; yields (page, every requested URL)."""
    with recording_page(browser) as (page, requested):
        for step in TOUR:
            step(page, site_url)
        yield page, requested


def test_the_tour_requests_nothing_outside_the_site(tour, site_url):
    _, requested = tour
    origin = urlsplit(site_url).netloc
    outside = sorted({u for u in requested if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).netloc != origin})
    assert not outside, "浏览时向站外发出了请求：\n" + "\n".join(outside)
    # The recording sees the search worker's traffic too, or it would prove nothing about search.
    assert urljoin(site_url, "search/search_index.json") in requested


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_screenshots_are_written_for_ci_to_keep(tour):
    for name in ("home", "sample", "gallery", "search"):
        path = ARTIFACTS / f"{name}.png"
        assert _png_size(path) == (1280, 900) and path.stat().st_size > 20_000, name


# Draws each Han character of an element, and glyphs that no font has, on a canvas in the element's
# own font; returns an image hash and width per glyph.
GLYPHS_JS = r"""
(selector) => {
  const element = document.querySelector(selector);
  const style = getComputedStyle(element);
  const ctx = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
  ctx.canvas.width = ctx.canvas.height = 128;
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.textBaseline = "top";
  const draw = (ch) => {
    ctx.clearRect(0, 0, 128, 128);
    ctx.fillText(ch, 8, 8);
    let hash = 0;
    const pixels = ctx.getImageData(0, 0, 128, 128).data;
    for (let i = 3; i < pixels.length; i += 4) hash = (hash * 31 + pixels[i]) >>> 0;
    return {ch, hash, width: ctx.measureText(ch).width};
  };
  const han = [...new Set([...element.textContent].filter(c => /\p{Script=Han}/u.test(c)))];
  return {
    size: parseFloat(style.fontSize),
    glyphs: han.slice(0, 40).map(draw),
    missing: ["\u0378", "\uE000", "\u{10FFFD}"].map(draw),  // unassigned / private use: no font has them
  };
}
"""


@pytest.mark.parametrize("selector", ["article h1", "article > p"])
def test_sample_page_renders_chinese_glyphs_not_tofu(tour, site_url, selector):
    page, _ = tour
    page.goto(urljoin(site_url, load_samples()[0].url))
    found = page.evaluate(GLYPHS_JS, selector)
    notdef = found["missing"][0]
    assert len({(g["hash"], g["width"]) for g in found["missing"]}) == 1, "对照用的缺字符号应画成同一个方框"
    glyphs = found["glyphs"]
    assert len(glyphs) >= 5, glyphs
    tofu = [g["ch"] for g in glyphs if g["hash"] == notdef["hash"]]
    assert not tofu, f"这些汉字显示成了方框（缺字体）：{''.join(tofu)}"
    assert len({g["hash"] for g in glyphs}) == len(glyphs), "不同的汉字画成了相同的图形"
    # CJK glyphs are full width (1 em); the missing-glyph box is not.
    assert all(abs(g["width"] - found["size"]) < 0.05 * found["size"] for g in glyphs), glyphs
    assert abs(notdef["width"] - found["size"]) >= 0.05 * found["size"]
