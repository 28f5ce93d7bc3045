"""The search results page, search/?q=…&type=…&year=…, in Chromium: shareable, filtered, counted."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples
from scripts.kb.search.phrase_index import normalize
from tests.browser.material import quoted_phrase

RESULTS = """ol => [...ol.querySelectorAll("li.kb-search-result")].map(li => ({
  href: li.querySelector("a.kb-search-result__title").getAttribute("href"),
  meta: li.querySelector(".kb-search-result__meta").textContent,
  marked: [...li.querySelectorAll("mark")].map(m => m.textContent) }))"""


def _open(page, site_url: str, query: str, **filters) -> tuple[str, list[dict]]:
    extra = "".join(f"&{key}={quote(str(value))}" for key, value in filters.items())
    page.goto(f"{site_url}search/?q={quote(query)}{extra}")
    summary = page.locator("#kb-search-summary")
    page.wait_for_function("s => { const t = document.querySelector(s).textContent; return t && t !== '正在搜索…'; }",
                           arg="#kb-search-summary")
    return summary.inner_text(), page.locator("#kb-search-results").evaluate(RESULTS)


def _holders(phrase: str) -> list:
    return [s for s in load_samples() if normalize(phrase) in normalize(s.path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("phrase", ["组织生活会", "批评和自我批评", "照本宣科"])
def test_the_page_counts_and_lists_every_sample_holding_the_phrase(page, site_url, phrase):
    summary, results = _open(page, site_url, phrase)
    holders = _holders(phrase)
    assert summary == f"共 {len(holders)} 篇范例含有“{phrase}”"
    samples = [r for r in results if "其他页面" not in r["meta"]]
    assert len(samples) == len(holders)
    assert all(phrase in r["marked"] for r in samples)
    assert page.url.endswith(f"?q={quote(phrase)}")  # the query stays in the address: shareable
    assert not page.locator("#__search").is_checked()  # material's search box stays closed


def test_filters_by_type_and_year_are_kept_in_the_url(page, site_url):
    phrase = "组织生活会"
    annual = next(mt for mt in domain().types if mt.key == "annual")
    summary, results = _open(page, site_url, phrase, type=annual.name, year=2021)
    holders = [s for s in _holders(phrase) if s.meeting_type == "annual" and s.year == 2021]
    assert summary == f"共 {len(holders)} 篇范例含有“{phrase}”"
    assert all(r["meta"].startswith(f"{annual.name} · 2021年") for r in results)
    assert page.locator("select[name=type]").input_value() == annual.name
    page.locator("select[name=year]").select_option("")
    page.locator("#kb-search-page button[type=submit]").click()
    page.wait_for_url(lambda url: "year=&" in url or url.endswith("year="))
    assert f"type={quote(annual.name)}" in page.url.replace("+", "%20")


def test_a_phrase_found_nowhere_says_so(page, site_url):
    summary, results = _open(page, site_url, "火星探测器")
    assert summary == "没有范例含有“火星探测器”。" and results == []


def test_a_snippet_card_quoting_a_sample_is_shown_under_it(page, site_url, site_dir):
    phrase, sample, card = quoted_phrase(site_dir, seed=17)
    summary, results = _open(page, site_url, phrase)
    assert summary == f"共 1 篇范例含有“{phrase}”"
    assert [r["href"] for r in results] == [site_url + sample]  # the card is no result of its own
    line = page.locator("li.kb-search-result .kb-search-result__snippet").first
    assert line.inner_text().startswith("片段库：")
    assert line.locator("a").get_attribute("href").startswith(site_url + card + "#")
