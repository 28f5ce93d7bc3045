"""The header search box in Chromium: exact phrases, drawn at random, find the sample that holds them.

The evidence is the evaluation harness (scripts/kb/bench/search_eval.py, also `python -m scripts.kb
search-bench`): phrases of 2–8 characters drawn with a fixed seed from the published samples, aligned
with jieba's words and mid-word, each in exactly one sample, must all find that sample first; phrases
joined from the site's own words that occur nowhere must find nothing. The other tests cover what a
reader sees (a result's title, type, year, section and excerpt; landing on the section), bad input,
a part of the index that does not load, and that no request leaves the site.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from scripts.kb.bench import search_eval
from scripts.kb.core.model import load_samples
from tests.browser.material import NO_RESULT, SEARCH_INPUT, page_path, quoted_phrase, recording_page, search

SAMPLE_RESULT = """li => { const a = li.querySelector("a.md-search-result__link");
  return { title: a.querySelector("h1").textContent, tags: [...a.querySelectorAll(".md-tag")].map(t => t.textContent.trim()),
           sections: [...li.querySelectorAll("a.md-search-result__link")].slice(1).map(s => ({
             href: s.href, heading: s.querySelector("h2")?.textContent || "", marked: [...s.querySelectorAll("mark")].map(m => m.textContent) })) }; }"""


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """One page for the module, as for a reader searching repeatedly; with every URL it requested
    and every console error."""
    with recording_page(browser) as (page, requested):
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url)
        yield page, requested, errors


def test_random_phrases_find_their_sample_first_and_absent_ones_nothing(browser, site_url, site_dir):
    report = search_eval.evaluate(browser, site_url, site_dir, "online", per_length=4, absent=8, seed=17, pause_ms=100)
    assert report.phrases == 28 and report.absent == 8
    assert report.found == report.first_right == report.phrases, "\n".join(report.lines())
    assert report.absent_with_results == 0, "\n".join(report.lines())
    # The first result is timed over several page opens; each query in the page, from its keyup to
    # its answer; the first query's bytes through Playwright.
    assert 0 < report.first_result_seconds <= report.first_result_max_seconds
    assert 0 < report.first_query_ms and 0 < report.later_query_ms_median <= report.later_query_ms_p90 <= report.later_query_ms_max
    assert len(report.query_ms) == 36 and all(ms > 0 for _, ms in report.query_ms)
    assert report.first_query_bytes > 0


def test_a_result_shows_title_type_year_section_and_the_phrase_marked(search_page, site_url):
    page, _, _ = search_page
    sample = next(s for s in load_samples() if s.rel.startswith("yingshenghui/"))
    phrase = "照本宣科"
    results = search(page, phrase, site_url)
    assert results.first == sample.url, results
    first = page.locator("li.md-search-result__item").first.evaluate(SAMPLE_RESULT)
    assert first["title"] == sample.title
    assert first["tags"] == ["迎盛会专题组织生活会", f"{sample.year}年"]
    assert first["sections"] and all(s["marked"] == [phrase] or not s["marked"] for s in first["sections"])
    section = next(s for s in first["sections"] if s["marked"])
    assert "#" in section["href"] and section["heading"], section


def test_opening_a_result_lands_on_its_section_with_the_phrase_highlighted(search_page, site_url):
    page, _, _ = search_page
    search(page, "照本宣科", site_url)
    link = page.locator("li.md-search-result__item a.md-search-result__link[href*='#']").first
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(re.compile("#"))
    assert page.evaluate("location.hash") == "#" + anchor
    page.wait_for_selector("article mark[data-md-highlight]")
    assert page.locator("article mark[data-md-highlight]").first.inner_text() == "照本宣科"
    page.goto(site_url)


def test_full_width_forms_match_their_plain_forms(search_page, site_url):
    page, _, _ = search_page
    plain = search(page, "2021年度", site_url)
    wide = search(page, "２０２１年度", site_url)
    assert plain.links and wide.links == plain.links, page.locator(".md-search-result__list").inner_text()[:300]


def test_a_snippet_card_quoting_a_sample_is_listed_under_it_not_as_a_result(search_page, site_url, site_dir):
    page, _, _ = search_page
    phrase, sample, card = quoted_phrase(site_dir, seed=17)
    search(page, phrase, site_url)
    groups = page.locator("li.md-search-result__item").evaluate_all(
        "items => items.map(li => [...li.querySelectorAll('a.md-search-result__link')].map(a => [a.href, a.textContent.trim()]))")
    assert [page_path(group[0][0], site_url) for group in groups] == [sample], (phrase, groups)  # no result of its own
    grouped = [text for href, text in groups[0][1:] if page_path(href, site_url) == card]
    assert grouped and grouped[0].startswith("片段库："), (phrase, groups)


def test_a_common_phrase_shows_the_best_six_and_a_link_to_all_of_them(search_page, site_url):
    page, _, _ = search_page
    results = search(page, "组织生活会", site_url)
    items = page.locator("li.md-search-result__item").evaluate_all(
        "items => items.map(li => { const a = li.querySelector('a.md-search-result__link'); return [a.href, a.querySelector('h1').textContent]; })")
    assert results.summary.startswith("7 ") and len(items) == 7, (results.summary, items)
    pages = [page_path(href, site_url) for href, _ in items[:6]]
    assert len(set(pages)) == 6 and "search/" not in pages, pages
    href, title = items[-1]
    total = re.fullmatch(r"查看全部结果（(?:共 (\d+) 篇|(\d+) 篇以上)）", title.strip())  # 以上: not all checked yet
    assert total and (int(total.group(1)) > 6 if total.group(1) else int(total.group(2)) >= 6), title
    assert page_path(href, site_url) == "search/" and parse_qs(urlsplit(href).query)["q"] == ["组织生活会"], href


def test_space_separated_terms_must_all_occur(search_page, site_url):
    page, _, _ = search_page
    both = search(page, "照本宣科 2022", site_url)
    assert both.first and both.first.startswith("yingshenghui/")
    assert search(page, "照本宣科 觉悟社", site_url).summary == NO_RESULT  # each in another sample


@pytest.mark.parametrize("query, answer", [
    ("党", "请至少输入两个字"),
    ("。，、 ！", "请至少输入两个字"),
    ("<img src=x onerror=alert(1)>", None),
    ("(.*)[a-z]+\\d{2}$^|?", None),
    ("组织" * 500, None),
    ("😀🎉", None),
    ("学习strong国 AB", None),
])
def test_bad_input_gets_an_answer_without_console_errors(search_page, site_url, query, answer):
    page, _, errors = search_page
    results = search(page, query, site_url)
    if answer:
        assert page.locator("li.md-search-result__item h1").first.inner_text() == answer
    else:
        assert results.summary  # an answer, not a spinner
    assert page.locator("article mark img, .md-search-result img").count() == 0  # no markup from the query
    assert not errors, errors


def test_no_request_leaves_the_site(search_page, site_url):
    page, requested, _ = search_page
    search(page, "组织生活会", site_url)
    outside = sorted({u for u in requested if not u.startswith(site_url) and not u.startswith(("data:", "blob:"))})
    assert not outside, outside
    assert any("/search/kb/b/" in u for u in requested)  # the phrase index really answered


def test_an_index_part_that_does_not_load_says_so(browser, site_url):
    with recording_page(browser) as (page, _):
        page.route(re.compile(r".*/search/kb/b/.*"), lambda route: route.abort())
        page.goto(site_url)
        page.locator(SEARCH_INPUT).click()
        page.keyboard.insert_text("组织生活会")
        page.keyboard.press("End")
        message = page.locator("li.md-search-result__item").first
        message.wait_for(timeout=20_000)
        assert "没有加载" in message.inner_text()


def test_the_worker_loads_the_manifest_without_waiting_for_materials_setup(browser, site_url):
    """material sets the worker up only once the page has fetched search/search_index.json; the
    manifest that every query needs starts loading when the worker runs. With that fetch held back,
    material never sends its setup message, and the manifest loads all the same."""
    with recording_page(browser) as (page, requested):
        page.route("**/search/search_index.json", lambda route: None)  # never answered
        with page.expect_request(lambda request: request.url.endswith("/search/kb/manifest.js"), timeout=10000):
            page.goto(site_url, wait_until="commit")
        assert not any("/search/kb/b/" in url or "/search/kb/t/" in url for url in requested)  # no query was made
