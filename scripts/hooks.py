"""MkDocs hooks: a thin layer that wires build events to the kb library.

Everything here calls the same functions the ``python -m scripts.kb`` CLI uses; no page content
is produced in this file and nothing is written into docs/.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # MkDocs loads this file by path, not as part of the package
    sys.path.insert(0, str(ROOT))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from scripts.kb import downloads, pages, placeholders, precompress, search_index, search_worker, segment_cache  # noqa: E402
from scripts.kb.browse import BrowseDataError  # noqa: E402
from scripts.kb.check import formats as check_formats, run_check  # noqa: E402
from scripts.kb.data import domain  # noqa: E402
from scripts.kb.docx_content import ExportError  # noqa: E402
from scripts.kb.docx_layout import LayoutError, layout  # noqa: E402
from scripts.kb.gallery import highlights_placeholders  # noqa: E402
from scripts.kb.frontmatter import FrontMatterError  # noqa: E402
from scripts.kb.history import added_dates  # noqa: E402
from scripts.kb.model import Library, load_snippets  # noqa: E402
from scripts.kb.paths import snippets_dir_for  # noqa: E402

log = logging.getLogger("mkdocs.plugins.kb")

# The model of the current build; rebuilt on every on_files.
_library = Library([], [], {})
# The Word downloads of the current build (samples and outlines), by the page that offers them.
_downloads: dict[str, list[downloads.Download]] = {}
# The mkdocs command running ("build", "serve", "gh-deploy"), from on_startup.
_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Put one navigation entry per meeting type (from the data file) after the home page."""
    entries = [{mt.name: f"{mt.key}/index.md"} for mt in domain().types]
    nav = list(config.nav or [])
    config.nav = nav[:1] + entries + nav[1:]
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Read the search entries of pages indexed before from the segmentation cache."""
    segment_cache.install(config.plugins.get("material/search"))


def _nav_sources(nav) -> set[str]:
    """The source paths the configured navigation lists."""
    if isinstance(nav, str):
        return {nav}
    items = nav.values() if isinstance(nav, dict) else nav or []
    return set().union(*(_nav_sources(item) for item in items))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Check docs/ and snippets/ (errors stop the build), read the library the checked files
    make, add the generated pages, and keep samples and paged listings out of the navigation."""
    global _library
    docs_dir = Path(config.docs_dir)
    snippets_dir = snippets_dir_for(docs_dir)
    report = run_check(None, docs_dir, snippets_dir)
    for finding in report.warnings:  # info, not warning: --strict would make them fatal
        log.info(check_formats.line(finding))
    if report.errors:
        lines = "\n".join(check_formats.line(f) for f in report.errors)
        raise PluginError(f"check 发现 {len(report.errors)} 个错误，请改正后再构建：\n{lines}")
    try:
        samples = sorted(report.samples, key=lambda s: s.rel)
        _library = Library(samples, load_snippets(snippets_dir), added_dates(docs_dir))
        generated = pages.generated_pages(_library, domain(), config.use_directory_urls)
    except FrontMatterError as exc:
        raise PluginError(f"{exc.message}（第 {exc.line} 行）") from None
    except BrowseDataError as exc:
        raise PluginError(str(exc)) from None
    try:
        _downloads.clear()
        _downloads.update(downloads.by_page(downloads.site_downloads(samples, domain(), layout(), snippets_dir)))
    except (ExportError, LayoutError) as exc:
        raise PluginError(f"导出 Word 失败：{exc}") from None
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} 由构建自动生成，请删除这个手写文件")
        files.append(File.generated(config, src_uri, content=content))
    in_nav = _nav_sources(config.nav)
    for file in files.documentation_pages():  # samples and paged listings are reached from index pages
        if file.src_uri in _library.by_rel or (file.src_uri in generated and file.src_uri not in in_nav):
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the metadata header, the notice and the placeholder box at the top of each sample,
    the 下载 Word button on each page that offers a download (samples and outlines), and fill
    the generated blocks of hand-written pages."""
    offered = _downloads.get(page.file.src_uri, [])
    sample = _library.by_rel.get(page.file.src_uri)
    if sample is None:
        markdown = pages.expand_markers(markdown, page.file.src_uri, _library, domain())
        return downloads.with_download_button(markdown, offered, page.file.url)
    box = placeholders.placeholder_box(markdown)  # of the sample's own text, not the button's file name
    markdown = downloads.with_download_button(markdown, offered, page.file.url)
    return pages.sample_header(sample, _library, domain()) + box + markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Highlight the placeholders (xx, XXX, X次, ＊ …) in samples and in the snippet gallery."""
    if page.file.src_uri in _library.by_rel or highlights_placeholders(page.file.src_uri):
        return placeholders.rules().highlight_html(html)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    """Write the .docx of every sample and outline next to its page, the search index without
    escapes, fix the search worker, and precompress the web site.

    Hooks run after the search plugin and before the offline plugin inlines the index.
    Precompression (not when serving, not for the offline bundle) comes last: a file written after
    it would have no .gz twin.
    """
    site_dir = Path(config.site_dir)
    downloads.write_downloads(site_dir, [d for group in _downloads.values() for d in group], layout())
    search_index.compact_search_index(site_dir)
    try:
        search_worker.fix_query_segmentation(site_dir)
    except search_worker.WorkerMismatch as exc:
        raise PluginError(str(exc)) from None
    offline = config.plugins.get("material/offline")
    if _command["name"] != "serve" and not (offline and offline.config.enabled):
        precompress.precompress(site_dir)
