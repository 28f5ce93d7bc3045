"""material's header search box, answered by the phrase index instead of lunr.

material's search plugin stays on for its user interface (the header box, its keyboard shortcut,
the result list and the highlighting of ``?h=`` on the opened page), but indexes nothing: the hook
takes each page from it (``take_pages``) and makes the page's phrase-index record instead, so the
plugin writes an empty ``search_index.json`` and never segments text. After the build,
``write_worker`` replaces the body of material's search worker with the phrase search: the site's
engine (docs/javascripts/kb-search.js, also used by the results page) followed by
``kb_search_worker.js``, which speaks material's worker protocol. The worker keeps its name, so
material's pages start it as before, also from file:// through the iframe-worker shim.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
ENGINE = Path("javascripts") / "kb-search.js"
PROTOCOL = Path(__file__).with_name("kb_search_worker.js")


class WorkerMismatch(Exception):
    """The site does not hold exactly one material search worker, or lacks the engine."""


def take_pages(search_plugin, record: Callable) -> dict[str, str] | None:
    """Make each page's record (``record(page)``) where the search plugin would index it; returns
    the records by page source as they come (None: search is off). A page whose front matter says
    ``search: {exclude: true}`` gets an empty record, as material would leave it out."""
    if search_plugin is None or not search_plugin.config.enabled:
        return None
    records: dict[str, str] = {}

    def add(page) -> None:
        records[page.file.src_uri] = entry(page, record)

    search_plugin.search_index.add_entry_from_context = add
    return records


def entry(page, record: Callable) -> str:
    """A page's record as ``take_pages`` keeps it: empty for a page left out of the search."""
    return "" if excluded(page.meta) else record(page)


def excluded(meta: dict) -> bool:
    """Whether a page's front matter keeps it out of the search (``search: {exclude: true}``)."""
    return bool((meta.get("search") or {}).get("exclude"))


def write_worker(site_dir: Path) -> Path | None:
    """Put the phrase search into material's worker file (None: the site has no search)."""
    workers = sorted(site_dir.glob(WORKER_GLOB))
    if not workers:
        return None
    engine = site_dir / ENGINE
    if len(workers) > 1 or not engine.is_file():
        raise WorkerMismatch(f"站点里应有一个 material 搜索脚本和 {ENGINE.as_posix()}，实际：{', '.join(p.name for p in workers)}")
    worker = workers[0]
    worker.write_text(engine.read_text(encoding="utf-8") + PROTOCOL.read_text(encoding="utf-8"), encoding="utf-8")
    worker.with_name(worker.name + ".map").unlink(missing_ok=True)
    return worker
