"""The allow-list HTML sanitizer for contributed content, and what it would remove.

Samples and snippets arrive from many organisations and are read by people logged in to other
intranet systems, so their rendered Markdown keeps only the tags, attributes, styles and URL
schemes that scripts/data/security.yml allows (nh3, a binding to the Rust library ammonia, parses
the HTML as a browser does and decodes entities before it judges a URL). ``removals`` says what
``sanitize`` takes away, so that ``check`` reports it first (SE008) and a build never silently
changes what a reviewer approved.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

import nh3
import yaml

from scripts.kb.core.paths import DATA_DIR


@dataclass(frozen=True)
class Removal:
    """One tag, or one attribute of a tag, the sanitizer removes."""

    tag: str
    attribute: str | None = None
    value: str | None = None

    def describe(self) -> str:
        if self.attribute is None:
            return f"标签 <{self.tag}>"
        return f"<{self.tag}> 的属性 {self.attribute}=“{(self.value or '')[:40]}”"


@dataclass(frozen=True)
class Policy:
    tags: frozenset[str]
    attributes: dict[str, frozenset[str]]
    style_properties: frozenset[str]
    url_schemes: frozenset[str]
    removed_with_content: frozenset[str]
    fingerprint: str  # what a cached sanitized page depends on

    def clean(self, html: str) -> str:
        return nh3.clean(
            html,
            tags=set(self.tags),
            clean_content_tags=set(self.removed_with_content),
            attributes={tag: set(names) for tag, names in self.attributes.items()},
            url_schemes=set(self.url_schemes),
            filter_style_properties=set(self.style_properties),
            link_rel=None,
            strip_comments=True,
        )


@lru_cache(maxsize=None)
def policy() -> Policy:
    with open(DATA_DIR / "security.yml", encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)["html"]
    return Policy(
        tags=frozenset(raw["tags"]),
        attributes={str(tag): frozenset(names) for tag, names in raw["attributes"].items()},
        style_properties=frozenset(raw["style_properties"]),
        url_schemes=frozenset(raw["url_schemes"]),
        removed_with_content=frozenset(raw["removed_with_content"]),
        fingerprint=json.dumps([nh3.__version__, raw], sort_keys=True, ensure_ascii=False),
    )


def sanitize(html: str) -> str:
    """The HTML with everything the allow-list does not name removed."""
    return policy().clean(html)


class _Elements(HTMLParser):
    """Every start tag and attribute of a fragment, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: Counter[Removal] = Counter()

    def handle_starttag(self, tag, attrs):
        self.found[Removal(tag)] += 1
        for name, value in attrs:
            self.found[Removal(tag, name, _normal(name, value or ""))] += 1

    handle_startendtag = handle_starttag


def _normal(name: str, value: str) -> str:
    """An attribute's value as both sides write it (the sanitizer rewrites style declarations)."""
    if name != "style":
        return " ".join(value.split())
    declarations = (d.split(":", 1) for d in value.split(";") if ":" in d)
    return ";".join(sorted(f"{p.strip().lower()}:{v.strip()}" for p, v in declarations))


def _elements(html: str) -> Counter[Removal]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def removals(html: str) -> list[Removal]:
    """What ``sanitize`` removes from the HTML, in the order first met."""
    if "<" not in html:
        return []
    kept = _elements(sanitize(html))
    gone = _elements(html) - kept
    return list(gone)


def escape_meta(value):
    """Front matter as HTML templates may print it: every string escaped, at any depth (MkDocs'
    and material's templates print page.meta and page.title without escaping)."""
    if isinstance(value, str):
        return escape(value, quote=True)
    if isinstance(value, dict):
        return {key: escape_meta(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_meta(item) for item in value]
    return value

