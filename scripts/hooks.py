"""MkDocs hooks: a thin layer that wires build events to the kb library.

Everything here calls the same functions the ``python -m scripts.kb`` CLI uses; no page content
is produced in this file and nothing is written into docs/.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # MkDocs loads this file by path, not as part of the package
    sys.path.insert(0, str(ROOT))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from scripts.kb import pages, precompress, search_index, search_worker  # noqa: E402
from scripts.kb.data import domain  # noqa: E402
from scripts.kb.frontmatter import FrontMatterError  # noqa: E402
from scripts.kb.model import Sample, load_samples  # noqa: E402

# The model of the current build, keyed by source path; rebuilt on every on_files.
_samples: dict[str, Sample] = {}
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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read the samples, keep them out of the navigation, and add the generated pages."""
    try:
        samples = load_samples(Path(config.docs_dir), domain())
    except FrontMatterError as exc:
        raise PluginError(f"{exc.message}（第 {exc.line} 行）") from None
    _samples.clear()
    _samples.update({s.rel: s for s in samples})
    for file in files.documentation_pages():
        if file.src_uri in _samples:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for src_uri, content in pages.generated_pages(samples, domain()).items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} 由构建自动生成，请删除这个手写文件")
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the metadata header and the notice at the top of each sample page."""
    sample = _samples.get(page.file.src_uri)
    if sample is None:
        return markdown
    return pages.sample_header(sample, domain()) + markdown


def on_post_build(config: MkDocsConfig) -> None:
    """Write the search index without escapes, fix the search worker, precompress the web site.

    Hooks run after the search plugin and before the offline plugin inlines the index.
    Precompression (not when serving, not for the offline bundle) comes last: a file written after
    it would have no .gz twin.
    """
    site_dir = Path(config.site_dir)
    search_index.compact_search_index(site_dir)
    try:
        search_worker.fix_query_segmentation(site_dir)
    except search_worker.WorkerMismatch as exc:
        raise PluginError(str(exc)) from None
    offline = config.plugins.get("material/offline")
    if _command["name"] != "serve" and not (offline and offline.config.enabled):
        precompress.precompress(site_dir)
