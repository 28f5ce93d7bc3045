"""A disk cache of rendered pages: a page whose Markdown did not change is not converted again.

Converting Markdown to HTML is the largest part of a build. What ``Page.render`` produces (the
HTML, the table of contents, the title, the anchors) depends only on the page's Markdown (after
the hook's additions), its address, the Markdown configuration and library versions, and on
which files its relative links find. The first four make the key of ``.cache/pages/``; the links
are recorded while the page renders (every lookup of a link target, with what it found) and an
entry is used only when every recorded lookup finds the same thing in the current build. The
hook's own pass over the HTML (``finish``, the placeholder highlighting) is done before storing,
its settings being part of the key.

Not cached: a page whose rendering logged a warning (so the warning comes again and ``--strict``
still fails), and a page with a snippet include (``--8<--``, any number of dashes), whose text lives in other
files.
"""

from __future__ import annotations

import functools
import json
from importlib.metadata import version

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from scripts.kb.cache.disk_cache import DiskCache, content_key
from scripts.kb.cache.warning_count import WarningCounter
from scripts.kb.core.snippet import INCLUDE_MARK

KIND = "pages"
VERSIONED = ("mkdocs", "markdown", "pymdown-extensions")


class _RecordingFiles:
    """The build's Files as the link processors see them, remembering every lookup."""

    def __init__(self, files):
        self.files = files
        self.lookups: dict[str, list | None] = {}

    def get_file_from_path(self, path: str):
        found = self.files.get_file_from_path(path)
        self.lookups[path] = _seen(found)
        return found


def _seen(file) -> list | None:
    """What a link to a file depends on: its address and whether it is excluded."""
    return None if file is None else [file.url, file.inclusion.is_excluded()]


def _toc_tokens(items) -> list[dict]:
    return [{"level": i.level, "id": i.id, "name": i.title, "children": _toc_tokens(i.children)} for i in items]


def _stable_repr(value) -> str:
    """A configured value that JSON cannot hold, named the same in every process: a function (such
    as the toc's slugify, a functools.partial) by its module, name and arguments, not its address."""
    if isinstance(value, functools.partial):
        return f"partial({_stable_repr(value.func)}, {value.args!r}, {sorted(value.keywords.items())!r})"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{value.__module__}.{value.__qualname__}"
    return repr(value)


class PageCache:
    """Installed on each page (on_pre_page): ``finish(html, src)`` is applied to every rendered page
    and ``finish_fingerprint`` says what else its result depends on."""

    def __init__(self, config, finish=lambda html, src: html, finish_fingerprint: str = "", folder=None):
        self.store = DiskCache(KIND, ".json", folder)
        self.finish = finish
        self.fingerprint = json.dumps(
            [[version(name) for name in VERSIONED], config["markdown_extensions"], config["mdx_configs"],
             config["use_directory_urls"], config["validation"], finish_fingerprint],
            ensure_ascii=False, sort_keys=True, default=_stable_repr,
        )
        self.hits = 0
        self.misses = 0

    def install(self, page: Page) -> None:
        """Make this page render through the cache."""
        page.render = lambda config, files: self.render(page, config, files)

    def key(self, page: Page) -> str:
        return content_key(self.fingerprint, page.file.src_uri, page.file.url, page.markdown)

    def render(self, page: Page, config, files) -> None:
        if INCLUDE_MARK in page.markdown:
            Page.render(page, config, files)
            page.content = self.finish(page.content, page.file.src_uri)
            return
        key = self.key(page)
        if self._load(page, key, files):
            self.hits += 1
            return
        self.misses += 1
        recording, counter = _RecordingFiles(files), WarningCounter().attach()
        try:
            Page.render(page, config, recording)
        finally:
            counter.detach()
        page.content = self.finish(page.content, page.file.src_uri)
        if not counter.count:
            self.store.write(key, json.dumps(self._entry(page, recording.lookups), ensure_ascii=False).encode("utf-8"))

    @staticmethod
    def _entry(page: Page, lookups: dict) -> dict:
        return {
            "content": page.content,
            "toc": _toc_tokens(page.toc),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links_to_anchors": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
            "lookups": lookups,
        }

    def _load(self, page: Page, key: str, files) -> bool:
        try:
            entry = json.loads(self.store.read(key) or b"")
            if any(_seen(files.get_file_from_path(path)) != seen for path, seen in entry["lookups"].items()):
                return False
            page.content = entry["content"]
            page.toc = get_toc(entry["toc"])
            page._title_from_render = entry["title"]
            page.present_anchor_ids = set(entry["anchors"])
            page.links_to_anchors = {files.get_file_from_path(src): links for src, links in entry["links_to_anchors"].items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            return False
        return True
