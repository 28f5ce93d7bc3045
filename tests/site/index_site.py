"""Reading a built site: the sample links a page's content holds, the sidebar's links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin


class _Links(HTMLParser):
    """Links inside <article> (the page content) and inside the primary sidebar, separately."""

    def __init__(self):
        super().__init__()
        self.content: list[str] = []
        self.sidebar: list[str] = []
        self._article = 0
        self._sidebar_depth = 0
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._article += 1
        if tag == "div":
            self._depth += 1
            if "md-sidebar--primary" in (attrs.get("class") or "") and not self._sidebar_depth:
                self._sidebar_depth = self._depth
        if tag == "a" and attrs.get("href"):
            if self._article:
                self.content.append(attrs["href"])
            elif self._sidebar_depth:
                self.sidebar.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        if tag == "div":
            if self._sidebar_depth == self._depth:
                self._sidebar_depth = 0
            self._depth -= 1


def page_links(site: Path, url: str) -> tuple[set[str], set[str]]:
    """(content links, sidebar links) of the page at url, as URLs relative to the site root."""
    parser = _Links()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    base = "http://site/" + url

    def resolve(hrefs):
        out = set()
        for href in hrefs:
            absolute = urljoin(base, href).split("#")[0].split("?")[0]
            if absolute.startswith("http://site/"):
                out.add(unquote(absolute[len("http://site/"):]))
        return out

    return resolve(parser.content), resolve(parser.sidebar)


def group_page_urls(site: Path, base: str) -> list[str]:
    """The URLs of every page of a paginated group (base/, base/page-2/, …)."""
    pages = [base] + sorted(
        (f"{base}{p.parent.name}/" for p in (site / base).glob("page-*/index.html")),
        key=lambda u: int(re.search(r"page-(\d+)/$", u).group(1)),
    )
    return pages


def group_links(site: Path, base: str) -> set[str]:
    """Every link in the content of every page of a group."""
    found: set[str] = set()
    for url in group_page_urls(site, base):
        found |= page_links(site, url)[0]
    return found
