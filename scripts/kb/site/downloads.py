"""Word downloads in the site: one .docx per sample and per outline, and the 下载 Word buttons.

A sample's file sits next to its page (``annual/<slug>/<title>.docx``), an outline's in the folder
of its outline page (``outlines/<type>-<year>/<title>.docx``). The file is named after the title,
so the saved file has a Chinese name even where a browser ignores the ``download`` attribute; the
link percent-encodes it. A document's text is read only when it must be rendered: its cache key
is the hash of its source (the sample's file, and the snippets when it includes any), so an
unchanged sample costs one file read per build. check (run first) stops the build on a bad
include before any page is written; the documents are written after the pages.
"""

from __future__ import annotations

import posixpath
import re
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from importlib.metadata import version
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from scripts.kb.cache.disk_cache import DiskCache, content_key, files_key
from scripts.kb.core.data import Domain, MeetingType
from scripts.kb.core.model import Sample
from scripts.kb.core.outline import outline_subjects
from scripts.kb.core.paths import SNIPPETS_DIR
from scripts.kb.core.snippet import INCLUDE_MARK
from scripts.kb.core.templating import render
from scripts.kb.core.workers import JOBS, WorkerSettings, batches, worker_settings
from scripts.kb.site.outline_pages import outline_page_path
from scripts.kb.word import docx_content, docx_writer, zip_package
from scripts.kb.word.docx_content import Block, ExportError, clean, outline_blocks, sample_blocks
from scripts.kb.word.docx_layout import Layout

MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Characters Windows does not allow in file names, replaced by their full-width forms.
UNSAFE = {ord(c): ord(c) + 0xFEE0 for c in '\\/:*?"<>|'}
MAX_NAME_CHARS = 80  # 240 bytes of UTF-8: under every file system's 255-byte limit with ".docx"


@dataclass(frozen=True)
class Download:
    page_src: str  # source path (relative to docs/) of the page that offers the file
    folder: str  # site folder of the file, ending in "/"
    filename: str  # the suggested file name, also the file's name in the site
    label: str  # the button's text
    source: str  # everything the document's text is made from
    make: Callable[[], list[Block]] = field(compare=False, repr=False)  # picklable: worker processes call it

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """The document's text (read now, raising ExportError for a bad include)."""
        return tuple(self.make())

    @property
    def path(self) -> str:
        """The file's path in the site, not encoded."""
        return self.folder + self.filename

    def href(self, page_url: str) -> str:
        """The percent-encoded link to the file from a page at ``page_url`` (a site URL)."""
        base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
        return quote(posixpath.relpath(self.path, base or "."), safe="/")


def docx_filename(title: str) -> str:
    """The title as a file name: no control or reserved characters, not too long."""
    name = re.sub(r"[\x00-\x1f\x7f]", "", title.translate(UNSAFE)).strip(" .")
    return (name[:MAX_NAME_CHARS] or "材料") + ".docx"


def sample_download(sample: Sample, layout: Layout, snippets_dir: Path = SNIPPETS_DIR,
                    snippets: Callable[[], str] | None = None) -> Download:
    """A sample's document; ``snippets`` gives the hash of the snippet files an include may read
    (files_key, computed once by the caller)."""
    text = sample.path.read_text(encoding="utf-8")
    if INCLUDE_MARK in text:
        text += "\n" + (snippets() if snippets else files_key(snippets_dir, "*.md"))
    return Download(
        sample.rel, sample.url, docx_filename(clean(sample.title).strip()), "下载 Word", f"{sample.meta}\n{text}",
        partial(sample_blocks, sample, layout.lead_in, layout.date_format, snippets_dir),
    )


def outline_download(mt: MeetingType, year: int, subject: str, dom: Domain, layout: Layout) -> Download:
    subject_label = dom.subject_label(subject)
    title = layout.outline_title_for(mt.name, year, subject_label)
    label = f"下载 Word（{subject_label}）"
    page = outline_page_path(mt, year)
    blocks = outline_blocks(title, mt, year, subject, dom)
    return Download(page, page[: -len(".md")] + "/", docx_filename(title), label, repr(blocks), partial(list, blocks))


def site_downloads(samples: list[Sample], dom: Domain, layout: Layout, snippets_dir: Path = SNIPPETS_DIR) -> list[Download]:
    """Every download of the site: each sample, then each outline (type, year, subject)."""
    snippets = lru_cache(maxsize=None)(lambda: files_key(snippets_dir, "*.md"))
    downloads = [sample_download(sample, layout, snippets_dir, snippets) for sample in samples]
    for mt in dom.types:
        for year in sorted(mt.frameworks, reverse=True):
            if not mt.frameworks[year].see:  # held as another type's meeting: that type offers its outline
                downloads += [outline_download(mt, year, subject, dom, layout) for subject in outline_subjects(mt, year)]
    return downloads


def by_page(downloads: list[Download]) -> dict[str, list[Download]]:
    """The downloads grouped by the page that offers them."""
    pages: dict[str, list[Download]] = {}
    for download in downloads:
        pages.setdefault(download.page_src, []).append(download)
    return pages


def download_button(downloads: list[Download], page_url: str) -> str:
    """The 下载 Word button(s) of a page, as HTML inside its Markdown ("" when it offers none)."""
    if not downloads:
        return ""
    links = [(d.href(page_url), d.filename, d.label) for d in downloads]
    return render("download_button.md.j2", links=links, mime=MIME_TYPE)


def with_download_button(markdown: str, downloads: list[Download], page_url: str) -> str:
    """The page's Markdown with its button after the page's H1 (or at the top when it has none)."""
    button = download_button(downloads, page_url)
    if not button:
        return markdown
    match = re.match(r"\s*#\s[^\n]*\n", markdown)
    cut = match.end() if match else 0
    return markdown[:cut] + "\n" + button + "\n" + markdown[cut:]


# Rendered documents by source, so that `mkdocs serve` re-renders only what changed; and on disk
# (.cache/docx/, safe to delete), so that the next build does too.
_rendered: dict[str, bytes] = {}
CACHE_KIND = "docx"


class DocumentError(Exception):
    """A document that could not be made (not for a reason in its source: see ExportError)."""


@lru_cache(maxsize=None)
def _renderer_fingerprint() -> str:
    """The code that makes a document's text and writes it (its zip writer's too), and the versions
    of python-docx and lxml: a change to any renders every document anew."""
    code = (Path(module.__file__).read_bytes() for module in (docx_content, docx_writer, zip_package))
    return content_key(version("python-docx"), version("lxml"), *code)


def document_key(download: Download, layout: Layout) -> str:
    return content_key(_renderer_fingerprint(), layout.source, download.source)


def _render_in_worker(jobs: list[tuple[str, Callable[[], list[Block]]]], layout: Layout) -> dict[str, bytes | Exception]:
    """In a worker process: each document by its key, or what making it raised (the build process
    raises it for that document only)."""
    made: dict[str, bytes | Exception] = {}
    for key, make in jobs:
        try:
            made[key] = docx_writer.render_docx(list(make()), layout)
        except Exception as exc:
            made[key] = exc
    return made


def prerender(downloads: list[Download], layout: Layout, settings: WorkerSettings | None = None) -> int:
    """Hand the documents neither memory nor .cache/docx/ holds to the build's worker processes
    (scripts/kb/core/workers.py: when there are many, as in a cold build), the last first, in jobs
    of ``pages_per_job`` (one document a job would wait on the busy build process more than it
    takes to make): write_downloads takes them from the first, making those no worker has started
    on itself, so the two meet in the middle (in the same order, it would wait for each in turn).
    Returns how many documents were handed out."""
    settings = settings or worker_settings()
    cache = DiskCache(CACHE_KIND, ".docx")
    missing: dict[str, Download] = {}
    for download in downloads:
        key = document_key(download, layout)
        if key not in _rendered and not cache.path(key).is_file():
            missing.setdefault(key, download)
    chunks = batches([(key, d.make) for key, d in reversed(missing.items())], settings.pages_per_job)
    handed = JOBS.start([(tuple(key for key, _ in chunk), _render_in_worker, (chunk, layout)) for chunk in chunks], settings)
    return sum(len(chunk) for chunk in chunks[:handed])


def _render(download: Download, layout: Layout) -> bytes:
    """The document from a worker, or made here; an error names the document."""
    key = document_key(download, layout)
    try:
        made = JOBS.take(key, dict).get(key)
        if isinstance(made, Exception):
            raise made
        return made if made is not None else docx_writer.render_docx(list(download.blocks), layout)
    except ExportError:  # names the source file and line
        raise
    except BrokenProcessPool:
        raise DocumentError(f"生成 {download.path} 的子进程意外退出（可能是内存不足），没有写出这个 Word 文件；请重新构建") from None
    except Exception as exc:
        raise DocumentError(f"生成 {download.path}（来自 {download.page_src}）失败：{type(exc).__name__}: {exc}") from exc


def document_bytes(download: Download, layout: Layout) -> bytes:
    key = document_key(download, layout)
    if key in _rendered:
        return _rendered[key]
    cache = DiskCache(CACHE_KIND, ".docx")
    data = None if key in JOBS else cache.read(key)
    if data is None:
        data = _render(download, layout)
        cache.write(key, data)
    _rendered[key] = data
    return data


def write_downloads(site_dir: Path, downloads: list[Download], layout: Layout, written: dict[str, str] | None = None) -> int:
    """Write each document into the built site; returns how many were written.

    ``written`` (site path -> document key) lists the documents already in the site from an earlier
    build into the same folder: those still offered are left alone, the others removed, and the
    mapping is updated.
    """
    count = 0
    if written is not None:
        offered = {d.path for d in downloads}
        for path in [p for p in written if p not in offered]:
            (site_dir / path).unlink(missing_ok=True)
            del written[path]
    for download in downloads:
        target = site_dir / download.path
        key = document_key(download, layout)
        if written is not None and written.get(download.path) == key and target.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(document_bytes(download, layout))
        count += 1
        if written is not None:
            written[download.path] = key
    return count
