"""Snippets (片段): reusable paragraphs stored one per file under snippets/, and their data."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.kb.core.data import read_yaml
from scripts.kb.core.frontmatter import FrontMatterError, naming, require_front_matter, split_front_matter
from scripts.kb.core.paths import DATA_DIR

# pymdownx.snippets' include syntax (--8<-- "file.md", with any number of dashes, at least one on
# each side) always holds these characters: a text without them includes nothing. ("8<" alone
# would also match text such as a sample's placeholder count, <span …>8</span>.)
INCLUDE_MARK = "-8<-"
HASH_FIELD = "extract_hash"
HASH_LINE = re.compile(rf"^{HASH_FIELD}:.*\n", re.M)


@dataclass(frozen=True)
class SnippetData:
    """scripts/data/snippets.yml: kinds, topics and how extraction and the gallery use them."""

    kinds: tuple[str, ...]
    topics: tuple[str, ...]
    kind_slugs: dict[str, str]
    kind_by_role: dict[str, str]
    topic_slugs: dict[str, str]
    topic_keywords: dict[str, tuple[str, ...]]
    closing_keywords: tuple[str, ...]
    item_markers: tuple[str, ...]
    item_boundary: str
    cards_per_page: int


def load_snippet_data(path: Path = DATA_DIR / "snippets.yml") -> SnippetData:
    raw = read_yaml(path)
    kind_info, topic_info = raw["kind_info"], raw["topic_info"]
    return SnippetData(
        kinds=tuple(raw["kinds"]),
        topics=tuple(raw["topics"]),
        kind_slugs={kind: info["slug"] for kind, info in kind_info.items()},
        kind_by_role={info["role"]: kind for kind, info in kind_info.items() if info.get("role")},
        topic_slugs={topic: info["slug"] for topic, info in topic_info.items()},
        topic_keywords={topic: tuple(info.get("keywords") or ()) for topic, info in topic_info.items()},
        closing_keywords=tuple(raw.get("closing_keywords", [])),
        item_markers=tuple(raw.get("item_markers", [])),
        item_boundary=str(raw.get("item_boundary", "")),
        cards_per_page=int(raw["cards_per_page"]),
    )


@lru_cache(maxsize=None)
def snippet_data() -> SnippetData:
    return load_snippet_data()


@dataclass(frozen=True)
class Snippet:
    slug: str  # the file name without .md
    kind: str
    topic: str
    meeting_types: tuple[str, ...]
    source: str  # the sample, relative to docs/
    section: str  # the heading it came from
    text: str
    extract_hash: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.slug}.md"

    rel = filename  # the path relative to snippets/, as Sample.rel is relative to docs/

    @property
    def meta(self) -> dict:
        """The front matter fields (without the extractor's hash)."""
        return {
            "kind": self.kind,
            "topic": self.topic,
            "meeting_types": list(self.meeting_types),
            "source": self.source,
            "section": self.section,
        }

    def render(self) -> str:
        """The file as the extractor writes it, with the hash of everything else in it."""
        front = yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000)
        unhashed = f"---\n{front}---\n{self.text}\n"
        return unhashed.replace("\n---\n", f"\n{HASH_FIELD}: {content_hash(unhashed)}\n---\n", 1)


def content_hash(text: str) -> str:
    """The hash of a snippet file's text, leaving out its own hash line."""
    return hashlib.sha256(HASH_LINE.sub("", text, count=1).encode("utf-8")).hexdigest()[:16]


def is_untouched(text: str) -> bool:
    """True when the file is exactly what the extractor wrote (its stored hash still matches)."""
    split = split_front_matter(text)
    stored = (split.meta or {}).get(HASH_FIELD)
    return bool(stored) and str(stored) == content_hash(text)


def parse_snippet(path: Path) -> Snippet:
    """Read one snippet file; raises FrontMatterError (message names the file) when unreadable."""
    with naming(path):
        split = require_front_matter(path.read_text(encoding="utf-8"))
        meta = split.meta
        missing = [key for key in ("kind", "topic", "meeting_types", "source", "section") if not meta.get(key)]
        if missing:
            raise FrontMatterError(f"front matter 缺少字段 {'、'.join(missing)}", 1)
    types = meta["meeting_types"]
    return Snippet(
        slug=path.stem,
        kind=str(meta["kind"]),
        topic=str(meta["topic"]),
        meeting_types=tuple(str(t) for t in (types if isinstance(types, list) else [types])),
        source=str(meta["source"]),
        section=str(meta["section"]),
        text=split.body.strip("\n"),
        extract_hash=meta.get(HASH_FIELD),
    )


def load_snippets(folder: Path) -> list[Snippet]:
    """Every snippet under the folder, sorted by file name; an absent folder has none."""
    return [parse_snippet(path) for path in sorted(folder.glob("*.md"))] if folder.is_dir() else []
