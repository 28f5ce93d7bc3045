"""Snippets placed as cards: which gallery page shows each, and the exact heading it links to."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
from pymdownx.slugs import slugify

from scripts.kb.core.data import Domain
from scripts.kb.core.frontmatter import FrontMatterError, body_of
from scripts.kb.core.model import Sample, page_url
from scripts.kb.core.snippet import Snippet, SnippetData
from scripts.kb.core.templating import link

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#])")
SLUGIFY = slugify(case="lower")  # the toc's slugify in mkdocs.yml: the same anchors as the site


def md_escape(text: str) -> str:
    """Text shown literally inside Markdown (a snippet may contain *, _, [ …)."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


@dataclass
class Card:
    snippet: Snippet
    page: str  # the gallery page (src path) that shows it
    source_link: str  # relative link from that page to the heading in the source sample
    source_title: str
    type_names: str
    order: tuple  # document order: (source, heading position, slug)
    source_url: str = ""  # the source sample's URL from the site root (data-kb-source: search groups the card with it)


def heading_anchors(sample: Sample) -> list[tuple[str, str, str | None]]:
    """(heading text, anchor id, role of its H2) for each heading, as the site's toc makes them."""
    body, _ = body_of(sample.path.read_text(encoding="utf-8"))
    converter = markdown.Markdown(extensions=["toc", "attr_list"], extension_configs={"toc": {"slugify": SLUGIFY}})
    converter.convert(body)
    flat, stack = [], list(converter.toc_tokens)[::-1]
    while stack:
        token = stack.pop()
        flat.append(token)
        stack.extend(token["children"][::-1])
    roles = {h.text: s.role.key if s.role else None for s in sample.sections if (h := s.heading)}
    found, role = [], None
    for token, heading in zip(flat, sample.headings):
        role = roles.get(heading.text, role) if heading.level == 2 else role
        found.append((heading.text, token["id"], role))
    return found


def _locate(snippet: Snippet, sample: Sample, anchors, kind_role: str | None) -> tuple[int, str]:
    """The position and anchor of the snippet's heading; -1 and "" for text before the first H2."""
    candidates = [(i, anchor, role) for i, (text, anchor, role) in enumerate(anchors) if text == snippet.section]
    for index, anchor, role in candidates:
        if role == kind_role:
            return index, anchor
    if candidates:
        return candidates[0][:2]
    if snippet.section == sample.title:
        return -1, ""
    raise FrontMatterError(f"snippets/{snippet.filename}: 来源范例 {snippet.source} 中没有标题“{snippet.section}”", 1)


def page_for(data: SnippetData, kind: str, topic: str, number: int) -> str:
    suffix = "" if number == 1 else f"-{number}"
    return f"snippets/{data.kind_slugs[kind]}/{data.topic_slugs[topic]}{suffix}.md"


def build_cards(snippets: list[Snippet], samples: list[Sample], dom: Domain, data: SnippetData,
                directory_urls: bool = True) -> list[Card]:
    """Every snippet as a card placed on its gallery page; raises FrontMatterError on a bad source."""
    by_rel = {sample.rel: sample for sample in samples}
    anchors_cache: dict[str, list] = {}
    role_of_kind = {kind: role for role, kind in data.kind_by_role.items()}
    placed: list[tuple[tuple, Snippet, str, Sample]] = []
    for snippet in snippets:
        sample = by_rel.get(snippet.source)
        if sample is None:
            raise FrontMatterError(f"snippets/{snippet.filename}: 来源范例 docs/{snippet.source} 不存在", 1)
        if snippet.source not in anchors_cache:
            anchors_cache[snippet.source] = heading_anchors(sample)
        position, anchor = _locate(snippet, sample, anchors_cache[snippet.source], role_of_kind.get(snippet.kind))
        placed.append(((snippet.source, position, snippet.slug), snippet, anchor, sample))
    placed.sort(key=lambda item: item[0])
    cards, counts = [], {}
    for order, snippet, anchor, sample in placed:
        key = (snippet.kind, snippet.topic)
        counts[key] = counts.get(key, 0) + 1
        page = page_for(data, snippet.kind, snippet.topic, (counts[key] - 1) // data.cards_per_page + 1)
        target = link(page, sample.rel) + (f"#{anchor}" if anchor else "")
        names = "、".join(mt.name if (mt := dom.type(key)) else key for key in snippet.meeting_types)
        cards.append(Card(snippet, page, target, sample.title, names, order, page_url(sample.rel, directory_urls)))
    return cards
