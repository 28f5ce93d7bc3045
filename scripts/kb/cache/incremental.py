"""Incremental rebuilds under ``mkdocs serve --dirty``: only pages whose output changes are built.

MkDocs' dirty mode keeps the site folder between builds and rebuilds the pages whose file says
it was modified. Left to MkDocs, that is decided by modification times, so a listing, a related-
samples header or a tag page that depends on an edited sample would go stale, and the search
index would hold only the rebuilt pages. Here the decision is exact instead:

- each page gets a fingerprint: the site's configuration, its address, its text (a generated
  page's text is its content) and everything the hook adds to it (``SiteBuild.page_inputs``: the
  sample header with its related samples, the home figures, the download buttons);
- a page is rebuilt when its fingerprint differs from the one of the page in the site folder;
- the search index is composed from every page's entries, the rebuilt pages' new ones and the
  others' from the build that wrote them, in the order a full build writes them;
- a page whose source is gone is removed from the site; Word files are rewritten only when
  their source changed.

The state lives in this module and is reset by each new mkdocs command. It is updated only by a
build that ends without warnings; after a failed build the next one rebuilds
everything. Navigation titles come from mkdocs.yml (a test keeps every entry titled), so a page
that is not rebuilt never changes another page's navigation.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field

from scripts.kb.cache.disk_cache import content_key
from scripts.kb.cache.warning_count import WarningCounter

log = logging.getLogger("mkdocs.plugins.kb")

DIRTY_WARNING = "A 'dirty' build is being performed"
# The parts of the configuration a page's HTML depends on besides its own content.
CONFIG_KEYS = ("site_name", "site_url", "site_description", "repo_url", "edit_uri", "copyright", "nav", "extra",
               "extra_css", "extra_javascript", "markdown_extensions", "mdx_configs", "use_directory_urls")


class _DirtyWarningFilter(logging.Filter):
    """MkDocs warns that a dirty build gives inaccurate pages; this module makes it accurate, and
    the warning would stop every ``--strict`` rebuild."""

    def filter(self, record) -> bool:
        return not (SESSION.dirty and str(record.msg).startswith(DIRTY_WARNING))


@dataclass
class Session:
    serving: bool = False  # mkdocs serve (no precompression)
    dirty: bool = False
    built: dict[str, str] = field(default_factory=dict)  # page source -> fingerprint of its HTML in the site
    dests: dict[str, str] = field(default_factory=dict)  # page source -> its HTML file
    search: dict[str, str] = field(default_factory=dict)  # page source -> its shipped search entries, serialized
    documents: dict[str, str] = field(default_factory=dict)  # Word file in the site -> its key
    # The build under way:
    current: dict[str, str] = field(default_factory=dict)
    rebuilt: set[str] = field(default_factory=set)
    counter: WarningCounter | None = None


SESSION = Session()


def start(command: str, dirty: bool) -> None:
    """A new mkdocs command (on_startup): forget every earlier build."""
    global SESSION
    SESSION = Session(serving=command == "serve", dirty=dirty)
    build_logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyWarningFilter) for f in build_logger.filters):
        build_logger.addFilter(_DirtyWarningFilter())


def begin() -> None:
    """A build starts (on_pre_build): count its warnings."""
    if SESSION.counter is not None:
        SESSION.counter.detach()
    SESSION.counter = WarningCounter().attach()
    SESSION.current, SESSION.rebuilt = {}, set()


def config_signature(config) -> str:
    theme = dict(config.theme.items())
    return json.dumps([{k: config[k] for k in CONFIG_KEYS}, theme], ensure_ascii=False, sort_keys=True, default=repr)


def _fixed(value: bool):
    return lambda: value


def select_pages(files, config, site) -> None:
    """Mark every page whose HTML in the site is still right as unmodified (dirty builds only)."""
    if not SESSION.dirty:
        return
    signature = config_signature(config)
    pages = files.documentation_pages()
    for file in pages:
        source = file.content_string
        fingerprint = content_key(signature, file.src_uri, source, site.page_inputs(file.src_uri, source))
        SESSION.current[file.src_uri] = fingerprint
        unchanged = SESSION.built.get(file.src_uri) == fingerprint and os.path.isfile(file.abs_dest_path)
        file.is_modified = _fixed(not unchanged)  # what MkDocs asks before reading and building a page
        if not unchanged:
            SESSION.rebuilt.add(file.src_uri)
        SESSION.dests[file.src_uri] = file.abs_dest_path
    for src in set(SESSION.built) - set(SESSION.current):  # deleted or renamed: remove its old page
        dest = SESSION.dests.pop(src, None)
        if dest and os.path.isfile(dest):
            os.remove(dest)
        SESSION.search.pop(src, None)
    if SESSION.built:
        log.info(f"增量构建：重建 {len(SESSION.rebuilt)} 个页面，{len(pages) - len(SESSION.rebuilt)} 个页面未变")


def documents() -> dict[str, str] | None:
    """The Word files already in the site folder (dirty builds), else None: write them all."""
    return SESSION.documents if SESSION.dirty else None


def search_parts(order: list[str], fresh: dict[str, str]) -> list[str]:
    """Every page's serialized search entries in build order: this build's, else the last build's."""
    if SESSION.dirty:
        SESSION.search.update(fresh)
        return [SESSION.search.get(src, "") for src in order]
    return [fresh.get(src, "") for src in order]


def finish(succeeded: bool) -> None:
    """The build ended (on_post_build, or on_build_error): keep its state only if it had no warning."""
    warned = SESSION.counter is not None and SESSION.counter.count > 0
    if SESSION.counter is not None:
        SESSION.counter.detach()
        SESSION.counter = None
    if succeeded and not warned:
        SESSION.built = dict(SESSION.current)
    else:
        SESSION.built, SESSION.search, SESSION.documents = {}, {}, {}
