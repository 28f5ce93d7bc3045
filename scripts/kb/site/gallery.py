"""The snippet gallery (片段库): pages by kind, then by topic, each snippet a card with a 复制 button.

Pages are Markdown rendered from templates and added to the build by the hook (never written
into docs/). A topic with many snippets is split into pages of ``cards_per_page`` cards, so no
page grows with the collection. Each card links to the exact heading of its source sample.
"""

from __future__ import annotations

from scripts.kb.core.data import Domain
from scripts.kb.core.model import Sample
from scripts.kb.core.snippet import Snippet, SnippetData, snippet_data
from scripts.kb.core.templating import link, render
from scripts.kb.site.cards import Card, build_cards, md_escape, page_for
from scripts.kb.site.outline_pages import outline_pages

ROOT_PAGE = "snippets/index.md"


def _topic_pages(kind: str, topic: str, cards: list[Card], data: SnippetData) -> dict[str, str]:
    pages = sorted({card.page for card in cards}, key=lambda p: (len(p), p))
    out = {}
    for number, page in enumerate(pages, start=1):
        out[page] = render(
            "snippet_topic.md.j2",
            kind=kind,
            topic=topic,
            cards=[c for c in cards if c.page == page],
            total=len(cards),
            number=number,
            count=len(pages),
            previous=link(page, pages[number - 2]) if number > 1 else None,
            next=link(page, pages[number]) if number < len(pages) else None,
            kind_link=link(page, f"snippets/{data.kind_slugs[kind]}/index.md"),
            root_link=link(page, ROOT_PAGE),
            md_escape=md_escape,
        )
    return out


def gallery_pages(samples: list[Sample], dom: Domain, snippets: list[Snippet], directory_urls: bool = True) -> dict[str, str]:
    """The gallery and outline pages, keyed by source path. Raises FrontMatterError when a snippet's
    source sample or section is missing."""
    data = snippet_data()
    cards = build_cards(snippets, samples, dom, data, directory_urls)
    return {**_gallery(cards, data), **outline_pages(samples, dom, cards, data)}


def _gallery(cards: list[Card], data: SnippetData) -> dict[str, str]:
    """The overview, one page per kind, the topic pages."""
    pages: dict[str, str] = {}
    matrix = []
    for topic in data.topics:
        row = []
        for kind in data.kinds:
            own = [c for c in cards if c.snippet.kind == kind and c.snippet.topic == topic]
            row.append((len(own), page_for(data, kind, topic, 1)))
            if own:
                pages.update(_topic_pages(kind, topic, own, data))
        matrix.append((topic, row))
    for column, kind in enumerate(data.kinds):
        src = f"snippets/{data.kind_slugs[kind]}/index.md"
        topics = [(topic, row[column][0], link(src, row[column][1])) for topic, row in matrix if row[column][0]]
        pages[src] = render("snippet_kind.md.j2", kind=kind, topics=topics, total=sum(n for _, n, _ in topics),
                            root_link=link(src, ROOT_PAGE))
    kinds = [(kind, link(ROOT_PAGE, f"snippets/{data.kind_slugs[kind]}/index.md")) for kind in data.kinds]
    rows = [(topic, [(n, link(ROOT_PAGE, page)) for n, page in row]) for topic, row in matrix if any(n for n, _ in row)]
    pages[ROOT_PAGE] = render("snippet_index.md.j2", kinds=kinds, rows=rows, total=len(cards),
                              outlines_link=link(ROOT_PAGE, "outlines/index.md"))
    return pages


def highlights_placeholders(src_uri: str) -> bool:
    """Gallery pages show snippet text, whose placeholders are highlighted like a sample's."""
    return src_uri.startswith("snippets/")

