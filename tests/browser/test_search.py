"""Chinese search in Chromium: words from the published samples find the sample that holds them.

Each query is a phrase of 2–6 characters from one sample (several of them field terms from the
jieba user dictionary, scripts/data/jieba_userdict.txt); that sample must be the first result.
A misspelling and an absent word must show no result at all: material segments a Chinese query
into words of the index (scripts/kb/search/search_worker.py), and a character no word covers means no
match. (Should the corpus grow a word that covers a misspelling here, pick another misspelling.)
"""

from __future__ import annotations

import pytest

from scripts.kb.core.model import load_samples
from tests.browser.material import NO_RESULT, recording_page, search

SIGE = "annual/2021-jiguan-dangzhibu-sige-duizhao.md"
HUIBAO = "annual/2021-jiguan-zhibu-gongzuo-chabai-huibao.md"
RENDA = "annual/2021-xian-renda-jiguan-zhibu.md"
DANGSHI = "dangshi/2021-zhen-dangzhibu-dangshi-zhuanti.md"
YINGSHENGHUI = "yingshenghui/2022-dangzhibu-banzi-yingshenghui.md"

EXPECTED_FIRST = {
    # Field terms that jieba would split without the user dictionary.
    "迎盛会": YINGSHENGHUI,
    "创业绩": YINGSHENGHUI,
    "政治站位": YINGSHENGHUI,
    "民主生活会": YINGSHENGHUI,
    "整改清单": SIGE,
    "学习强国": DANGSHI,
    # Words and phrases that only one sample uses.
    "夜校": DANGSHI,
    "乡村振兴": DANGSHI,
    "政绩观": DANGSHI,
    "党费": RENDA,
    "人大常委会": RENDA,
    "烈士陵园": RENDA,
    "觉悟社": HUIBAO,
    "机构编制": HUIBAO,
    "任人唯贤": SIGE,
    "年轻干部": SIGE,
    "照本宣科": YINGSHENGHUI,
}
NOTHING_TO_FIND = {
    "组织生活汇": "misspelling of 组织生活会",
    "民主评意": "misspelling of 民主评议",
    "区块链": "a word no sample uses",
}


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One page for all queries: the index loads once, as for a reader searching repeatedly."""
    with recording_page(browser) as (page, _):
        page.goto(site_url)
        yield page


def _samples_text() -> dict[str, str]:
    return {s.rel: s.path.read_text(encoding="utf-8") for s in load_samples()}


def _url(rel: str) -> str:
    return next(s.url for s in load_samples() if s.rel == rel)


@pytest.mark.parametrize("query", EXPECTED_FIRST)
def test_query_finds_its_sample_first(search_page, site_url, query):
    holders = [rel for rel, text in _samples_text().items() if query in text]
    assert holders == [EXPECTED_FIRST[query]], f"测试数据过期：“{query}”出现在 {holders}"
    results = search(search_page, query, site_url)
    assert results.first == _url(EXPECTED_FIRST[query]), f"“{query}”：{results.summary}，{results.links}"


@pytest.mark.parametrize("query", NOTHING_TO_FIND)
def test_misspelling_or_absent_word_finds_nothing(search_page, site_url, query):
    assert not any(query in text for text in _samples_text().values())
    results = search(search_page, query, site_url)
    assert results.links == [] and results.summary == NO_RESULT, results


SEARCH_RESULTS = """items => items.map(li => [...li.querySelectorAll("a.md-search-result__link")].map(a => ({
    tags: [...a.querySelectorAll(".md-tag")].map(t => t.textContent.trim()),
    marked: a.querySelectorAll("mark").length}))
)"""


def test_a_tag_finds_its_samples_with_their_tags_and_only_sections_that_use_it(search_page, site_url):
    tag = "七一重要讲话"
    tagged = [s.url for s in load_samples() if tag in s.meta.get("tags", [])]
    assert tagged, "测试数据过期：没有范例带这个标签"
    results = search(search_page, tag, site_url)
    assert set(tagged) <= set(results.links), results
    groups = search_page.locator("li.md-search-result__item").evaluate_all(SEARCH_RESULTS)
    for link, (article, *sections) in zip(results.links, groups):
        if link in tagged:  # the page shows its tags once; a section is listed only where the word is
            assert tag in article["tags"], (link, article)
            assert all(not s["tags"] and s["marked"] for s in sections), (link, sections)
