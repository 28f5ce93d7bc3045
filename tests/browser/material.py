"""Helpers for the browser tests: a page that records its requests, and material's search box."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

SEARCH_INPUT = "input.md-search__input"
# material's Chinese texts for the result summary line (partials/languages/zh.html).
PLACEHOLDER = "键入以开始搜索"
INITIALIZING = "正在初始化搜索引擎"
NO_RESULT = "没有找到符合条件的结果"


@contextmanager
def recording_page(browser):
    """A desktop-sized Chinese page in its own context; yields (page, every URL it requested,
    including the search worker's fetches)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        yield context.new_page(), requested
    finally:
        context.close()


@dataclass
class SearchResults:
    summary: str
    links: list[str]  # each result's page, relative to the site root, without query or fragment

    @property
    def first(self) -> str | None:
        return self.links[0] if self.links else None


def page_path(href: str, root: str) -> str:
    """The page a result links to, relative to the site root: `annual/x/`, `annual/x.html`."""
    path = unquote(urlsplit(href).path)
    return path[len(unquote(urlsplit(root).path)):]


def search(page, query: str, root: str) -> SearchResults:
    """Type a query into the search box (as a reader would) and read the results."""
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.press("Control+A")
    box.press("Backspace")
    page.wait_for_function(
        "([sel, text]) => document.querySelector(sel)?.textContent.trim() === text",
        arg=[".md-search-result__meta", PLACEHOLDER],
    )
    page.keyboard.insert_text(query)  # at once: typed key by key, a Latin prefix would be searched first
    page.keyboard.press("End")  # material searches on keyup
    page.wait_for_function(
        "([sel, idle]) => { const t = document.querySelector(sel)?.textContent.trim(); return t && !idle.includes(t); }",
        arg=[".md-search-result__meta", [PLACEHOLDER, INITIALIZING]],
    )
    summary = page.locator(".md-search-result__meta").inner_text().strip()
    hrefs = page.locator("li.md-search-result__item > a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return SearchResults(summary, [page_path(h, root) for h in hrefs])


def quoted_phrase(site_dir, seed: int) -> tuple[str, str, str]:
    """A phrase of 8 characters drawn at random (fixed seed) from a snippet card that quotes a
    sample, found in that sample and no other: (phrase, the sample's URL, the card page's URL)."""
    import random
    import re

    from scripts.kb.bench import search_eval
    from scripts.kb.search.phrase_index import normalize, read_page, read_part

    rng = random.Random(seed)
    texts = {url: normalize(text) for url, text in search_eval.sample_texts(site_dir).items()}
    pages = [read_page(site_dir, page_id) for page_id in range(len(read_part(site_dir, "manifest")["pages"]))]
    cards = [(url, section) for url, _, sections in pages if url.startswith("snippets/")
             for section in sections if len(section) == 4]
    wordlike = re.compile(r"^[\u3400-\u9fff]{8}$")
    for _ in range(5000):
        card_url, (_, _, text, source) = rng.choice(cards)
        start = rng.randrange(0, max(1, len(text) - 8))
        phrase = text[start:start + 8]
        holders = [url for url, sample in texts.items() if normalize(phrase) in sample]
        if wordlike.match(phrase) and holders == [source]:
            return phrase, source, card_url
    raise AssertionError("no snippet quotes a sample")
