"""What the hook adds to a MkDocs build: the checked library, generated pages, Word downloads,
and the Markdown each page gets on top of its own text.

``SiteBuild.prepare`` does the work of the ``on_files`` event; ``page_markdown`` that of
``on_page_markdown``, and ``page_inputs`` says, for the incremental rebuild, everything
``page_markdown`` adds to a page besides its own text (so that it is computed in one place).
Errors come out as SiteBuildError with a Chinese message the hook turns into a PluginError.
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import re
from pathlib import Path

from mkdocs.utils import meta

from scripts.kb.cache.disk_cache import content_key
from scripts.kb.check import formats as check_formats
from scripts.kb.check import run_check
from scripts.kb.check.config import settings as check_settings
from scripts.kb.core.data import DataError, domain
from scripts.kb.core.frontmatter import FrontMatterError
from scripts.kb.core.history import added_dates
from scripts.kb.core.model import Library, load_snippets
from scripts.kb.core.paths import snippets_dir_for
from scripts.kb.core.sanitize import escape_meta, policy, sanitize
from scripts.kb.core.slug import pinyin_table
from scripts.kb.core.snippet import INCLUDE_MARK, snippet_data
from scripts.kb.core.workers import JOBS
from scripts.kb.search import material_search, page_bigrams, record_cache
from scripts.kb.site import downloads, pages, placeholders, workbench
from scripts.kb.site.browse import BrowseDataError
from scripts.kb.site.gallery import highlights_placeholders
from scripts.kb.site.library_cache import LibraryCache
from scripts.kb.word.docx_content import ExportError
from scripts.kb.word.docx_layout import LayoutError, layout

log = logging.getLogger("mkdocs.plugins.kb")


class SiteBuildError(Exception):
    pass


def library_signature(library: Library, directory_urls: bool) -> str:
    """Everything of the library the generated pages and sample headers are made from: the
    samples' paths, front matter and headings, the snippets, the dates added."""
    samples = [[s.rel, s.meta, [(h.level, h.text, h.line) for h in s.headings]] for s in library.samples]
    return content_key(json.dumps([samples, library.added, directory_urls], ensure_ascii=False, default=str),
                       repr(library.snippets))


# A block of HTML in a generated page's Markdown that the build puts in after the conversion
# (Python-Markdown spends far longer on a table or a raw HTML block than on the page's text).
HTML_BLOCK = re.compile(r"<!-- kb-html -->\n(.*?)\n<!-- /kb-html -->", re.S)


def block_marker(html: str) -> str:
    """What a page's Markdown holds in place of a block of HTML: a comment that names the block's
    hash, so that the page's key in the page cache changes with the block."""
    return f"<!-- kb-html {content_key(html)[:16]} -->"


def set_aside(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with each block between ``<!-- kb-html -->`` and ``<!-- /kb-html -->`` lines
    replaced by its marker, and the blocks by marker."""
    blocks: dict[str, str] = {}

    def aside(match: re.Match) -> str:
        marker = block_marker(match.group(1))
        blocks[marker] = match.group(1)
        return marker

    return HTML_BLOCK.sub(aside, markdown), blocks


def finish_html(html: str, sanitized: bool, highlighted: bool, blocks: dict[str, str] | None = None) -> str:
    """SiteBuild.page_content of a page: its blocks of HTML in place of their markers, sanitized if
    it shows contributed text, placeholders highlighted."""
    for marker, block in (blocks or {}).items():
        html = html.replace(marker, block)
    if sanitized:
        html = sanitize(html)
    return placeholders.rules().highlight_html(html) if highlighted else html


def search_record_of(url: str, title: str | None, html: str | None, meeting_type: str, year: int) -> str:
    """A page's search record from its HTML-escaped title (as the theme gets it: the index keeps plain text)."""
    return record_cache.page_record(url, html_lib.unescape(title or ""), html or "", meeting_type, year)


def finish_in_worker(html: str, title_from_render: str | None, sanitized: bool, highlighted: bool,
                     blocks: dict[str, str], record: tuple[str, str | None, str, int] | None) -> str:
    """In a worker process (SiteBuild.finish_job): the finished HTML of a page it converted; with
    ``record`` (address, title or None for the rendered one, type, year), also the page's search
    record and bigrams, made as the build process makes them and put into their caches."""
    html = finish_html(html, sanitized, highlighted, blocks)
    if record is not None:
        url, title, meeting_type, year = record
        title = title if title is not None else title_from_render
        if isinstance(title, str):
            page_bigrams.prefill(search_record_of(url, title, html, meeting_type, year))
    return html


PINYIN_JOB = "pinyin-table"


def pinyin_in_worker(key: str) -> dict[str, dict[str, str]]:
    """In a worker process (SiteBuild.start_pinyin): the pinyin table, under the job's key."""
    return {key: pinyin_table()}


def boxes_in_worker(key: str, pages: list[tuple[str, str]]) -> dict[str, dict[str, tuple[str, str]]]:
    """In a worker process (SiteBuild.start_boxes): the placeholder box of each page (source path,
    file), with the hash of the Markdown it was made from, read as MkDocs reads the page; under
    the job's key. A page that cannot be read is left out (the build reports it)."""
    boxes = {}
    for src, path in pages:
        try:
            with open(path, encoding="utf-8-sig", errors="strict") as file:
                markdown, _ = meta.get_data(file.read())
        except (OSError, ValueError):
            continue
        boxes[src] = (content_key(markdown), placeholders.placeholder_box(markdown))
    return {key: boxes}


def _in_type_folder(src: str) -> bool:
    """Whether a page lies in a meeting type's folder (where samples are)."""
    return src.split("/", 1)[0] in domain().type_keys


class SiteBuild:
    """Lives as long as the MkDocs process (the hook keeps one): a rebuild under ``serve`` whose
    library has the same signature reuses the generated pages and the headers, and another
    process finds them in .cache/library/ (library_cache.py)."""

    def __init__(self):
        self.library = Library([], [], {})
        self.generated: dict[str, str] = {}  # pages and the 撰写 page's data files
        # The Word downloads (samples and outlines), by the page that offers them.
        self.downloads: dict[str, list[downloads.Download]] = {}
        self.headers: dict[str, str] = {}  # sample path -> its header, made when first asked for
        self.signature = ""  # of the library the generated pages and headers were made from
        self.directory_urls = True  # the headers' links are made for it
        self.including: set[str] = set()  # pages whose Markdown includes a snippet (--8<--)
        # sample path -> (hash of its Markdown, its placeholder box): a build asks twice for each
        # page's Markdown (the page cache's keys, then the page itself), and serve once per rebuild
        self.boxes: dict[str, tuple[str, str]] = {}
        self.blocks: dict[str, dict[str, str]] = {}  # page source -> its blocks of HTML by marker (set_aside)
        # page source -> (address, title, HTML, its search record), made ahead (search_record)
        self.ahead: dict[str, tuple[str, str | None, str | None, str]] = {}

    def prepare(self, docs_dir: Path, directory_urls: bool, snippets_dir: Path | None = None, drafts: bool = False,
                pages: list[tuple[str, str]] = ()) -> None:
        """Check docs/ and snippets/ (errors stop the build), read the library the checked files
        make, the generated pages and the downloads. With ``drafts`` (index), only the errors of
        rules that cannot be suppressed stop it: what is unsafe or cannot be read. ``pages`` (source
        path, file: the site's pages) get their placeholder boxes from a worker when the build's
        workers run (``start_boxes``): handed out once check is done, the worker makes them while
        this process makes the generated pages."""
        snippets_dir = snippets_dir or snippets_dir_for(docs_dir)
        self.ahead.clear()  # a build that failed may have left some
        pinyin = self.start_pinyin()
        try:
            report = run_check(None, docs_dir, snippets_dir)
        except DataError as exc:  # scripts/data/meeting_types.yml cannot be used
            raise SiteBuildError(str(exc)) from None
        for finding in report.warnings:  # info, not warning: --strict would make them fatal
            log.info(check_formats.line(finding))
        errors = [f for f in report.errors if not drafts or f.rule in check_settings().unsuppressible]
        if errors:
            lines = "\n".join(check_formats.line(f) for f in errors)
            raise SiteBuildError(f"check 发现 {len(errors)} 个错误，请改正后再构建：\n{lines}")
        boxes = self.start_boxes(list(pages))
        try:
            samples = sorted(report.samples, key=lambda s: s.rel)
            self.library = Library(samples, load_snippets(snippets_dir), added_dates(docs_dir))
            self.directory_urls = directory_urls
            signature = library_signature(self.library, directory_urls)
            if signature != self.signature:  # else the last build's pages and headers still hold
                self.generated, self.headers = self._made_from_library(signature, directory_urls, pinyin)
                self.signature = signature
            offered = downloads.site_downloads(samples, domain(), layout(), snippets_dir)
        except FrontMatterError as exc:
            raise SiteBuildError(f"{exc.message}（第 {exc.line} 行）") from None
        except (BrowseDataError, DataError, LayoutError) as exc:
            raise SiteBuildError(str(exc)) from None
        self.downloads = downloads.by_page(offered)
        self.take_boxes(boxes)

    def _made_from_library(self, signature: str, directory_urls: bool, pinyin: str | None = None) -> tuple[dict[str, str], dict[str, str]]:
        """The generated files and every sample's header: from .cache/library/ when made before.
        ``pinyin``: the key of the pinyin table's job (``start_pinyin``)."""
        cache = LibraryCache()
        made = cache.load(signature)
        if made is None:
            samples = self.library.samples
            generated = pages.generated_pages(self.library, domain(), directory_urls)
            table = (JOBS.take_item(pinyin) if pinyin is not None else None) or pinyin_table()
            generated.update(workbench.workbench_files(samples, self.library.snippets, domain(), check_settings(),
                                                       placeholders.rules(), snippet_data(), layout(), directory_urls, table))
            made = generated, {s.rel: pages.sample_header(s, self.library, domain(), directory_urls) for s in samples}
            cache.save(signature, *made)
        return made

    def header(self, src: str) -> str:
        sample = self.library.by_rel[src]
        if src not in self.headers:
            self.headers[src] = pages.sample_header(sample, self.library, domain(), self.directory_urls)
        return self.headers[src]

    def search_record(self, src: str, url: str, title: str | None, html: str | None, ahead: bool = False) -> str:
        """The phrase index's record of a page: its sanitized HTML, and the type and year of a sample.
        The title arrives HTML-escaped (the hook escapes front matter for the theme); the index keeps
        plain text, which the search escapes wherever it shows it. A record made ``ahead`` (a cold
        build makes them all once the pages are converted) answers the next call for the same page
        and HTML, once."""
        known = self.ahead.pop(src, None)
        if known is not None and known[:3] == (url, title, html):
            return known[3]
        record = search_record_of(url, title, html, *self._record_facts(src))
        if ahead:
            self.ahead[src] = (url, title, html, record)
        return record

    def _record_facts(self, src: str) -> tuple[str, int]:
        """The meeting type and year a page's search record gives ("" and 0 if it is not a sample)."""
        sample = self.library.by_rel.get(src)
        year = sample.year if sample is not None and isinstance(sample.year, int) else 0
        return (sample.meeting_type if sample is not None else ""), year

    def page_markdown(self, markdown: str, src: str, url: str) -> str:
        """Put the metadata header, the notice and the placeholder box at the top of each sample,
        the 下载 Word button on each page that offers a download (samples and outlines), and fill
        the generated blocks of hand-written pages. The top of a sample and the blocks of HTML of a
        generated page are set aside (``blocks``: page_content puts them in)."""
        offered = self.downloads.get(src, [])
        (self.including.add if INCLUDE_MARK in markdown else self.including.discard)(src)
        if src in self.library.by_rel:
            top = self.header(src) + self.placeholder_box(src, markdown)  # of the sample's own text
            marker = block_marker(top)
            self.blocks[src] = {marker: top}
            return marker + "\n\n" + downloads.with_download_button(markdown, offered, url)
        markdown, self.blocks[src] = set_aside(markdown) if src in self.generated else (markdown, {})
        markdown = pages.expand_markers(markdown, src, self.library, domain())
        return downloads.with_download_button(markdown, offered, url)

    @staticmethod
    def start_pinyin() -> str | None:
        """When the build's worker processes run (a cold build), hand them the 撰写 page's pinyin
        table (about 0.9 s with pypinyin's import): queued before check's jobs, a worker makes it
        first, and this process checks a little more meanwhile instead of making it while the
        worker idles. Returns the job's key (None: not handed out)."""
        return PINYIN_JOB if JOBS.running and JOBS.start([((PINYIN_JOB,), pinyin_in_worker, (PINYIN_JOB,))]) else None

    def start_boxes(self, pages: list[tuple[str, str]]) -> str | None:
        """When the build's worker processes run (a cold build), hand them the placeholder boxes of
        those of these pages (source path, file) in a meeting type's folder (``prepare``). Returns
        the job's key for ``take_boxes`` (None: not handed out)."""
        pages = [(src, path) for src, path in pages if _in_type_folder(src)]
        key = "boxes:" + content_key(*(part for page in pages for part in page))
        return key if JOBS.running and JOBS.start([((key,), boxes_in_worker, (key, pages))]) else None

    def take_boxes(self, key: str | None) -> None:
        """Keep the boxes the worker made (``placeholder_box`` uses one if its Markdown is the same)."""
        if key is not None:
            self.boxes.update(JOBS.take_item(key) or {})

    def placeholder_box(self, src: str, markdown: str) -> str:
        digest = content_key(markdown)
        known = self.boxes.get(src)
        if known is None or known[0] != digest:
            known = self.boxes[src] = (digest, placeholders.placeholder_box(markdown))
        return known[1]

    def page_inputs(self, src: str, source: str) -> str:
        """What page_markdown adds to a page whose text is ``source``, apart from that text."""
        parts = [f"{d.folder}{d.filename} {d.label}" for d in self.downloads.get(src, [])]
        if src in self.library.by_rel:
            parts.append(self.header(src))
        elif pages.HOME_MARKER in source:
            parts.append(pages.expand_markers(pages.HOME_MARKER, src, self.library, domain()))
        return "\n".join(parts)

    def contributed(self, src: str) -> bool:
        """Whether a page shows text contributors sent: a sample (any page of a meeting type's
        folder but the generated ones, even one whose front matter could not be read), the snippet
        gallery, a page that includes a snippet."""
        return (_in_type_folder(src) and src not in self.generated) or highlights_placeholders(src) or src in self.including

    def page_content(self, html: str, src: str) -> str:
        """Put a page's blocks of HTML in place, sanitize what contributors sent (scripts/data/security.yml)
        and highlight the placeholders (xx, XXX, X次, ＊ …) in samples and in the snippet gallery
        (done as the page is rendered, and kept with it in the page cache)."""
        return finish_html(html, self.contributed(src), self.highlighted(src), self.blocks.get(src))

    def highlighted(self, src: str) -> bool:
        return src in self.library.by_rel or highlights_placeholders(src)

    def finish_job(self, src: str, url: str, front: dict, search: bool, nav_title: str | None = None):
        """What a worker process does to a page it converted (PageCache.prerender): page_content,
        and, when the site is searched and the page indexed, its search record and bigrams, put
        into their caches (the build takes them from there). The record's title is the page's:
        the navigation's, else the front matter's as on_page_markdown escapes it, else the rendered H1."""
        indexed = search and not material_search.excluded(front)
        title = nav_title if nav_title is not None else escape_meta(front["title"]) if "title" in front else None
        url = "" if url in (".", "./") else url  # as Page.url gives it
        record = (url, title, *self._record_facts(src)) if indexed and isinstance(title, (str, type(None))) else None
        return finish_in_worker, (self.contributed(src), self.highlighted(src), self.blocks.get(src, {}), record)

    def prefill_search(self, page) -> None:
        """Make the search record and bigrams of a page this process just converted (PageCache's
        ``converted``), while its HTML is at hand: on_page_context and write_index then read them."""
        if not material_search.excluded(page.meta):
            page_bigrams.prefill(self.search_record(page.file.src_uri, page.url, page.title, page.content))

    @staticmethod
    def content_fingerprint() -> str:
        """What page_content's result depends on besides the HTML and the page."""
        return placeholders.rules().fingerprint + policy().fingerprint

    def start_downloads(self) -> None:
        """Hand the documents the caches do not hold to the build's worker processes, when there
        are many (a cold build); write_downloads takes them."""
        downloads.prerender(self._offered(), layout())

    def write_downloads(self, site_dir: Path, written: dict[str, str] | None = None) -> None:
        """Write the documents into the site; ``written`` (site path -> key) skips those already there."""
        try:
            downloads.write_downloads(site_dir, self._offered(), layout(), written)
        except (ExportError, downloads.DocumentError) as exc:
            raise SiteBuildError(f"导出 Word 失败：{exc}") from None

    def _offered(self) -> list[downloads.Download]:
        return [d for group in self.downloads.values() for d in group]
