"""A disk cache of rendered pages: a page whose Markdown did not change is not converted again.

Converting Markdown to HTML is the largest part of a build. What ``Page.render`` produces (the
HTML, the table of contents, the title, the anchors) depends only on the page's Markdown (after
the hook's additions), its address, the Markdown configuration and library versions, and on
which files its relative links find. The first four make the key of ``.cache/pages/``; the links
are recorded while the page renders (every lookup of a link target, with what it found) and an
entry is used only when every recorded lookup finds the same thing in the current build. The
hook's own pass over the HTML (``finish``, the placeholder highlighting) is done before storing,
its settings being part of the key.

A page with a snippet include (``--8<--``, any number of dashes) reads other files: its key also
holds every file an include can reach, the files under pymdownx.snippets' base paths (resolved as
it resolves them, against the working folder) with their bytes, so editing, adding or removing a
snippet renders such pages again. Not cached: a page whose rendering logged a warning (so the
warning comes again and ``--strict`` still fails), and a page with an include when the extension
may read beyond its base paths (``restrict_base_path: false``, ``url_download``).

A cold build hands the pages the cache lacks to worker processes (``prerender``,
scripts/kb/core/workers.py), which convert them against stand-ins for the build's files: a page's
address and whether it is excluded, all a link needs. The build process takes a worker's entry as
it takes one from the disk, checking every recorded lookup against the real files, and converts
the page itself when no worker has started on it, when the worker's conversion logged a warning
(so the warning shows in the build) or failed. A worker also does what the build process would do
next with the page's HTML (a finish job: ``finish``, and what the caller fills other caches with,
such as the search record), so that the two processes share all the per-page work; the build
process calls ``converted`` on each page it converts itself, for the same work.
"""

from __future__ import annotations

import functools
import json
import os
from importlib.metadata import version
from pathlib import Path, PurePath
from types import SimpleNamespace
from typing import Callable

from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta

from scripts.kb.cache.disk_cache import DiskCache, content_key, files_key
from scripts.kb.cache.warning_count import WarningCounter
from scripts.kb.core.snippet import INCLUDE_MARK
from scripts.kb.core.workers import JOBS, WorkerSettings, batches, worker_settings

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


def _conversion_fingerprint(config) -> list:
    """What Page.render's result depends on in the configuration, and the libraries' versions."""
    return [[version(name) for name in VERSIONED], config["markdown_extensions"], config["mdx_configs"],
            config["use_directory_urls"], config["validation"]]


SNIPPETS = "pymdownx.snippets"


def _reachable_by_includes(config) -> str | None:
    """Every file a snippet include can read, with its bytes (an empty text when the extension is
    not used); None when an include may read files outside its base paths or from the network."""
    if SNIPPETS not in config["markdown_extensions"]:
        return ""
    options = config["mdx_configs"].get(SNIPPETS, {})
    if not options.get("restrict_base_path", True) or options.get("url_download", False):
        return None
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, (str, os.PathLike)) else bases
    return content_key(*(files_key(Path(os.path.abspath(base))) for base in bases))


class _StandIn:
    """A file of the build as a page's link processors see it (in a worker process)."""

    def __init__(self, src_uri: str, url: str, excluded: bool):
        self.src_uri, self.url = src_uri, url
        self.inclusion = InclusionLevel.EXCLUDED if excluded else InclusionLevel.INCLUDED


class _StandInFiles:
    def __init__(self, table: dict[str, list]):
        self.table = table

    def get_file_from_path(self, path: str) -> _StandIn | None:
        src = PurePath(path).as_posix()
        return _StandIn(src, *self.table[src]) if src in self.table else None


@functools.lru_cache(maxsize=None)
def _worker_config(config_file: str, directory_urls: bool):
    return load_config(config_file, use_directory_urls=directory_urls)


# What a worker does to a page it converted, instead of the build process's ``finish``: a picklable
# module-level function and its arguments, called as ``function(html, title_from_render, *args)``
# and returning the finished HTML (it may also fill other caches from it).
FinishJob = tuple[Callable[..., str], tuple]


def convert_in_worker(config_file: str, directory_urls: bool, fingerprint: str, table: dict[str, list],
                      pages: list[tuple[str, str, str, bool, str, FinishJob | None]]) -> dict[str, dict | None]:
    """In a worker process: the cache entries of these pages (key, source path, address, excluded,
    Markdown, finish job), converted as PageCache.render does and, when the page has a finish job,
    finished by it (the entry says ``finished``); None for a page whose conversion logged a warning
    or failed. Nothing when the configuration read here is not the build's."""
    config = _worker_config(config_file, directory_urls)
    if json.dumps(_conversion_fingerprint(config), ensure_ascii=False, sort_keys=True, default=_stable_repr) != fingerprint:
        return {}
    entries: dict[str, dict | None] = {}
    for key, src, url, excluded, markdown, finish in pages:
        page = SimpleNamespace(file=_StandIn(src, url, excluded), markdown=markdown)
        recording, counter = _RecordingFiles(_StandInFiles(table)), WarningCounter().attach()
        try:
            Page.render(page, config, recording)
            if finish is not None and not counter.count:
                function, args = finish
                page.content = function(page.content, page._title_from_render, *args)
            entries[key] = None if counter.count else {**PageCache._entry(page, recording.lookups), "finished": finish is not None}
        except Exception:  # the build process converts it again, and reports what goes wrong
            entries[key] = None
        finally:
            counter.detach()
    return entries


def prepare_worker(config_file: str, directory_urls: bool) -> None:
    """In a worker process started before its jobs (Jobs.warm_up): read the configuration, which
    imports the Markdown extensions and the theme's plugins, as convert_in_worker will."""
    _worker_config(config_file, directory_urls)


class PageCache:
    """Installed on each page (on_pre_page): ``finish(html, src)`` is applied to every rendered page
    and ``finish_fingerprint`` says what else its result depends on."""

    def __init__(self, config, finish=lambda html, src: html, finish_fingerprint: str = "", folder=None,
                 converted: Callable[[Page], None] | None = None):
        self.store = DiskCache(KIND, ".json", folder)
        self.config = config
        self.finish = finish
        self.converted = converted  # called with each page this process converts (once finished)
        self.conversion = json.dumps(_conversion_fingerprint(config), ensure_ascii=False, sort_keys=True, default=_stable_repr)
        self.fingerprint = json.dumps(
            [*_conversion_fingerprint(config), finish_fingerprint], ensure_ascii=False, sort_keys=True, default=_stable_repr,
        )
        self.hits = 0
        self.misses = 0
        self.from_workers = 0  # of the misses
        # What prerender read and made for each page, used once by the build (not read and made again):
        self.sources: dict[str, tuple[str, dict]] = {}  # page source path -> its Markdown and front matter
        self.added: dict[str, tuple[str, str, str]] = {}  # page source path -> (Markdown, address, with the hook's additions)

    def install(self, page: Page) -> None:
        """Make this page render through the cache, and read its source as prerender did."""
        page.render = lambda config, files: self.render(page, config, files)
        if page.file.src_uri in self.sources:
            page.read_source = lambda config: self.read_source(page, config)

    def read_source(self, page: Page, config) -> None:
        """Page.read_source with the Markdown and front matter prerender read from the page's file
        (not read and parsed again), unless a plugin's on_page_read_source gives another text."""
        kept = self.sources.pop(page.file.src_uri)
        source = config.plugins.on_page_read_source(page=page, config=config)
        page.markdown, page.meta = meta.get_data(source) if source is not None else kept

    def warm_up(self, config, settings: WorkerSettings | None = None) -> bool:
        """Start the build's workers now when this looks like a cold build of many pages (the cache
        holding no page yet, docs_dir at least ``min_tasks`` Markdown files), so that they have
        started by the time ``prerender`` hands them pages; returns whether it did."""
        settings = settings or worker_settings()
        if any(self.store.folder.glob("*/*")):
            return False
        pages = sum(1 for _ in Path(config["docs_dir"]).rglob("*.md"))
        if pages < settings.min_tasks:
            return False
        return JOBS.warm_up(prepare_worker, (config.config_file_path, config["use_directory_urls"]), settings)

    @functools.cached_property
    def _includes(self) -> str | None:
        return _reachable_by_includes(self.config)

    def key(self, page: Page) -> str | None:
        """The page's key; None for a page that is not cached (an include that may read anything)."""
        if INCLUDE_MARK not in page.markdown:
            return self._key(page.file.src_uri, page.file.url, page.markdown)
        return None if self._includes is None else content_key(self._key(page.file.src_uri, page.file.url, page.markdown), self._includes)

    def _key(self, src: str, url: str, markdown: str) -> str:
        return content_key(self.fingerprint, src, url, markdown)

    def prerender(self, files, config, add: Callable[[str, str, str], str], settings: WorkerSettings | None = None,
                  dirty: bool = False, finish_job: Callable[[str, str, dict], FinishJob | None] | None = None) -> int:
        """Hand the pages this cache lacks to the build's worker processes (when there are many, as
        in a cold build), the last pages first: the build process converts from the first, taking
        what the workers have done. ``add(markdown, src, url)`` is what on_page_markdown does to a
        page's Markdown (a page whose Markdown comes out otherwise is simply converted here);
        ``finish_job(src, url, front matter)`` what a worker does to the page it converted instead
        of ``finish`` (None: the build process finishes it). A ``dirty`` build converts only the
        pages whose file says it was modified, as MkDocs does: only those are looked at. Every
        page's text and Markdown are needed for its key; they are kept for the build
        (``read_source``, ``page_markdown``), which then neither reads and parses the file nor makes
        the Markdown again. When the workers run already (Jobs.warm_up), each job is handed out as
        soon as it is full, so they start converting while this goes on. Returns how many pages
        were handed out."""
        settings = settings or worker_settings()
        table = {f.src_uri: [f.url, f.inclusion.is_excluded()] for f in files}
        size = max(settings.pages_per_job, 1)
        pages, handed = [], 0  # pages not handed out yet, the last first
        for file in reversed(files.documentation_pages()):
            if dirty and not file.is_modified():
                continue
            try:
                own, front = meta.get_data(file.content_string)
                markdown = add(own, file.src_uri, file.url)
            except (OSError, ValueError):  # the build reports it when it reads the page
                continue
            self.sources[file.src_uri], self.added[file.src_uri] = (own, front), (own, file.url, markdown)
            key = self._key(file.src_uri, file.url, markdown)
            if INCLUDE_MARK not in markdown and key not in JOBS and not self.store.path(key).is_file():
                finish = finish_job(file.src_uri, file.url, front) if finish_job else None
                pages.append((key, file.src_uri, file.url, file.inclusion.is_excluded(), markdown, finish))
                if JOBS.running and len(pages) == size:
                    handed, pages = handed + self._hand_out(pages, config, table, settings), []
        return handed + self._hand_out(pages, config, table, settings)

    def _hand_out(self, pages: list, config, table: dict[str, list], settings: WorkerSettings) -> int:
        jobs = [(tuple(p[0] for p in chunk), convert_in_worker,
                 (config.config_file_path, config["use_directory_urls"], self.conversion, table, chunk))
                for chunk in batches(pages, settings.pages_per_job)]
        return len(pages) if JOBS.start(jobs, settings) else 0

    def page_markdown(self, markdown: str, src: str, url: str, add: Callable[[str, str, str], str]) -> str:
        """``add(markdown, src, url)`` (on_page_markdown), as prerender made it when it got the same Markdown."""
        made = self.added.pop(src, None)
        if made is not None and made[:2] == (markdown, url):
            return made[2]
        return add(markdown, src, url)

    def render(self, page: Page, config, files) -> None:
        key = self.key(page)
        if key is None:
            Page.render(page, config, files)
            page.content = self.finish(page.content, page.file.src_uri)
            if self.converted is not None:
                self.converted(page)
            return
        if key not in JOBS and self._load(page, key, files):
            self.hits += 1
            return
        self.misses += 1
        entry = self._from_worker(page, key, files)
        if entry is not None:
            self.from_workers += 1
            if not entry.get("finished"):
                page.content = self.finish(page.content, page.file.src_uri)
            self.store.write(key, json.dumps(self._entry(page, entry["lookups"]), ensure_ascii=False).encode("utf-8"))
            return
        recording, counter = _RecordingFiles(files), WarningCounter().attach()
        try:
            Page.render(page, config, recording)
        finally:
            counter.detach()
        page.content = self.finish(page.content, page.file.src_uri)
        if not counter.count:
            self.store.write(key, json.dumps(self._entry(page, recording.lookups), ensure_ascii=False).encode("utf-8"))
            if self.converted is not None:
                self.converted(page)

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

    def _from_worker(self, page: Page, key: str, files) -> dict | None:
        """The entry a worker made for the page, given to the page; None when there is none to use
        (no worker started on it, its conversion logged a warning, a link finds another file now)."""
        entry = JOBS.take_item(key)  # None too when its worker died: the page is converted here
        return entry if entry is not None and self._apply(page, entry, files) else None

    def _load(self, page: Page, key: str, files) -> bool:
        try:
            entry = json.loads(self.store.read(key) or b"")
        except ValueError:
            return False
        return self._apply(page, entry, files)

    @staticmethod
    def _apply(page: Page, entry: dict, files) -> bool:
        """Give the page an entry's rendering, if every link it recorded finds the same file now."""
        try:
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
