"""MkDocs hooks: a thin layer that wires build events to the kb library.

Everything here calls the same functions the ``python -m scripts.kb`` CLI uses; no page content
is produced in this file and nothing is written into docs/.
"""

from __future__ import annotations

import functools
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

from scripts.kb.cache import disk_cache, incremental, nav_fragment, output_cache, page_cache, precompress  # noqa: E402
from scripts.kb.core.data import domain  # noqa: E402
from scripts.kb.core.paths import snippets_dir_for  # noqa: E402
from scripts.kb.core.sanitize import escape_meta  # noqa: E402
from scripts.kb.core.workers import JOBS, collect_less  # noqa: E402
from scripts.kb.search import index_writer, material_search  # noqa: E402
from scripts.kb.site import csp, downloads, library_cache, site_folder  # noqa: E402
from scripts.kb.site.site_build import SiteBuild, SiteBuildError  # noqa: E402

log = logging.getLogger("mkdocs.plugins.kb")
# What the hook adds to the current build (MkDocs loads this file once per process).
_site = SiteBuild()
_build: dict = {"pages": None, "output": None, "nav": None, "search": None, "order": []}


def on_startup(command: str, dirty: bool) -> None:
    collect_less()
    incremental.start(command, dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Put one navigation entry per meeting type (from the data file) after the home page."""
    entries = [{mt.name: f"{mt.key}/index.md"} for mt in domain().types]
    nav = list(config.nav or [])
    config.nav = nav[:1] + entries + nav[1:]
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Read the HTML of pages done before from their cache, and make each page's search record
    where material's search plugin would index it."""
    incremental.begin()
    if not incremental.SESSION.dirty:  # MkDocs empties the site folder next: done in the background
        site_folder.clear(config.site_dir)
    notice = disk_cache.unusable()
    if notice:
        log.info(notice)
    _build["search"] = material_search.take_pages(config.plugins.get("material/search"), _search_record)
    # A page this process converts gets its search record and bigrams at once (SiteBuild.prefill_search).
    converted = _site.prefill_search if _build["search"] is not None else None
    _build["pages"] = page_cache.PageCache(config, _site.page_content, _site.content_fingerprint(), converted=converted)
    # A cold build of many pages starts its workers now, while check runs (scripts/kb/core/workers.py).
    _build["pages"].warm_up(config)


def _search_record(page: Page, ahead: bool = False) -> str:
    return _site.search_record(page.file.src_uri, page.url, page.title, page.content, ahead)


def _nav_sources(nav) -> set[str]:
    """The source paths the configured navigation lists."""
    if isinstance(nav, str):
        return {nav}
    items = nav.values() if isinstance(nav, dict) else nav or []
    return set().union(*(_nav_sources(item) for item in items))


def _nav_titles(nav) -> dict[str, str]:
    """The titles the configured navigation gives pages (a page's title then is that one)."""
    if isinstance(nav, list):
        return {src: title for item in nav for src, title in _nav_titles(item).items()}
    if isinstance(nav, dict):
        return {src: title for key, item in nav.items()
                for src, title in ({item: key} if isinstance(item, str) else _nav_titles(item)).items()}
    return {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Check docs/ and snippets/ (errors stop the build), read the library the checked files
    make, add the generated pages, keep samples and paged listings out of the navigation, and
    (under ``serve --dirty``) leave the pages whose HTML is still right as they are."""
    pages = [(f.src_uri, f.abs_src_path) for f in files.documentation_pages() if f.abs_src_path]
    try:  # a cold build's worker makes the samples' placeholder boxes meanwhile
        _site.prepare(Path(config.docs_dir), config.use_directory_urls, pages=pages)
    except SiteBuildError as exc:
        raise PluginError(str(exc)) from None
    for src_uri, content in _site.generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} 由构建自动生成，请删除这个手写文件")
        files.append(File.generated(config, src_uri, content=content))
    in_nav = _nav_sources(config.nav)
    for file in files.documentation_pages():  # samples and paged listings are reached from index pages
        if file.src_uri in _site.library.by_rel or (file.src_uri in _site.generated and file.src_uri not in in_nav):
            file.inclusion = InclusionLevel.NOT_IN_NAV
    _build["order"] = [file.src_uri for file in files.documentation_pages()]
    incremental.select_pages(files, config, _site)
    titles = _nav_titles(config.nav)
    # A cold build: worker processes convert pages (the last first, with their search records and
    # bigrams) while this process converts pages from the first (scripts/kb/core/workers.py).
    _build["pages"].prerender(files, config, _site.page_markdown, dirty=incremental.SESSION.dirty,
                              finish_job=lambda src, url, front: _site.finish_job(src, url, front, _build["search"] is not None,
                                                                                  titles.get(src)))
    return files


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Render through the page cache, which also highlights the placeholders (SiteBuild.page_content),
    and read the page as on_files did for the cache's keys."""
    _build["pages"].install(page)
    return page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Escape the front matter before the theme prints it (title, h1, navigation, description,
    search index: the templates do not escape), and add the kb parts to the page's Markdown
    (made in on_files already, for the page cache's keys)."""
    page.meta = escape_meta(page.meta)
    return _build["pages"].page_markdown(markdown, page.file.src_uri, page.file.url, _site.page_markdown)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Give each page its Content-Security-Policy (scripts/kb/site/csp.py)."""
    return csp.with_policy(output, page.content or "", _offline(config))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's own pages (404.html) get the policy too."""
    return csp.with_policy(output_content, "", _offline(config)) if template_name.endswith(".html") else output_content


def _offline(config: MkDocsConfig) -> bool:
    offline = config.plugins.get("material/offline")
    return bool(offline and offline.config.enabled)


def _compressed(config: MkDocsConfig) -> bool:
    """Whether the build precompresses the site (not when serving, not for the offline bundle)."""
    return not incremental.SESSION.serving and not _offline(config)


def _index_options(config: MkDocsConfig) -> tuple[dict[str, str], str]:
    """The phrase index's meeting type names (by key, in the filters' order) and results page."""
    return {mt.key: mt.name for mt in domain().types}, "search/" if config.use_directory_urls else "search/index.html"


def on_env(env, config: MkDocsConfig, files: Files):
    """Compile the theme's templates once, not in every build (.cache/jinja/), render the sidebar
    of the pages outside the navigation once per set of links, and render a page through the
    theme only when its template context changed (.cache/output/). Every page is
    converted now: a cold build's workers merge and write the search index first, then make the
    Word files, while this process renders the pages (on_post_build takes both)."""
    env.bytecode_cache = disk_cache.template_bytecode_cache()
    _build["nav"] = nav_fragment.install(env)  # before the output cache, whose key describes the environment
    _build["output"] = output_cache.install(env, config)
    if JOBS.running and _build["search"] is not None and not incremental.SESSION.dirty:
        ahead = functools.partial(_search_record, ahead=True)
        made = {file.src_uri: material_search.entry(file.page, ahead) for file in files.documentation_pages() if file.page is not None}
        index_writer.start(Path(config.site_dir), incremental.search_parts(_build["order"], made), *_index_options(config),
                           precompress.load_settings() if _compressed(config) else None)
    _site.start_downloads()
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Write the phrase index and the search worker that reads it, the .docx of every sample and
    outline next to its page, and precompress the web site.

    Hooks run after the search plugin and before the offline plugin inlines its (empty) index.
    Precompression (not when serving, not for the offline bundle) comes last: a file written after
    it would have no .gz twin.
    """
    site_dir = Path(config.site_dir)
    site_folder.wait()
    compress = _compressed(config)
    if compress:  # the pages are final: a cold build's workers compress them meanwhile
        precompress.start(site_dir, (".html",))
    try:  # first: a cold build's worker may still write the search index meanwhile
        _site.write_downloads(site_dir, incremental.documents())
    except SiteBuildError as exc:
        raise PluginError(str(exc)) from None
    index = None
    if _build["search"] is not None:
        records = incremental.search_parts(_build["order"], _build["search"])
        index = index_writer.write_index(site_dir, records, *_index_options(config))
        try:
            material_search.write_worker(site_dir)
        except material_search.WorkerMismatch as exc:
            raise PluginError(str(exc)) from None
    if compress:  # a cold build's worker compressed the search index's files with them
        precompress.precompress(site_dir, done=index.compressed if index else None)
    JOBS.stop()  # the .gz files were the last work handed to the workers
    disk_cache.prune(page_cache.KIND, output_cache.KIND, library_cache.KIND, precompress.CACHE_KIND, downloads.CACHE_KIND,
                     *index_writer.CACHE_KINDS)
    incremental.finish(succeeded=True)


def on_serve(server, config: MkDocsConfig, builder):
    """Rebuild on snippet edits too (they feed the gallery, the outlines and check)."""
    snippets = snippets_dir_for(Path(config.docs_dir))
    if snippets.is_dir():
        server.watch(str(snippets))
    return server


def on_build_error(error: Exception) -> None:
    JOBS.stop()
    site_folder.wait()
    incremental.finish(succeeded=False)
