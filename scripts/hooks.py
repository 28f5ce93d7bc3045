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

from scripts.kb import pages  # noqa: E402
from scripts.kb.data import domain  # noqa: E402
from scripts.kb.check import formats as check_formats, run_check  # noqa: E402
from scripts.kb.model import Sample  # noqa: E402
from scripts.kb.paths import SNIPPETS_DIR  # noqa: E402

log = logging.getLogger("mkdocs.plugins.kb")

# The model of the current build, keyed by source path; rebuilt on every on_files.
_samples: dict[str, Sample] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Put one navigation entry per meeting type (from the data file) after the home page."""
    entries = [{mt.name: f"{mt.key}/index.md"} for mt in domain().types]
    nav = list(config.nav or [])
    config.nav = nav[:1] + entries + nav[1:]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Check docs/ and snippets/ (errors stop the build), keep the samples out of the navigation,
    and add the generated pages."""
    report = run_check(None, Path(config.docs_dir), SNIPPETS_DIR)
    for finding in report.warnings:  # info, not warning: --strict would make them fatal
        log.info(check_formats.line(finding))
    if report.errors:
        lines = "\n".join(check_formats.line(f) for f in report.errors)
        raise PluginError(f"check 发现 {len(report.errors)} 个错误，请改正后再构建：\n{lines}")
    samples = report.samples
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
