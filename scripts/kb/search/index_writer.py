"""Write the phrase index (format: phrase_index) into the site, rewriting only what changed.

``write_index`` brings the index state (index_state) to this build's pages: from the state this
process wrote last into the same folder (``serve``), else from the one kept on disk for these
pages, else built from the pages' cached bigrams (page_bigrams); in a cold build a worker process
makes that state and writes the index, with the ``.gz`` twins of its files, while the build renders
the pages (``start``). When the folder still holds what
this process wrote (its manifest is unchanged), only the files that differ are written: the b/
shards of the keys whose postings changed, the t/ files of the changed pages (a page's record holds
its address and title too) and the manifest if it changed; files of pages or shards that no longer exist are deleted. Otherwise
(``mkdocs build`` empties the site folder) every file is written and any other file in the index
folder is deleted. Either way the files are those a clean build writes, byte for byte.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from scripts.kb.cache.disk_cache import content_key
from scripts.kb.cache.precompress import PrecompressSettings, twins_in_worker
from scripts.kb.core.paths import cache_dir
from scripts.kb.core.workers import JOBS
from scripts.kb.search import page_bigrams, record_cache
from scripts.kb.search.index_state import STATE_KIND, IndexState, PageEntry, StateStore, update
from scripts.kb.search.page_bigrams import BigramStore
from scripts.kb.search.phrase_index import INDEX_DIR, VERSION, heavy_keys, script, shard


@dataclass
class IndexSize:
    pages: int
    shards: int
    files: int
    bytes: int
    compressed: dict[str, bool] = field(default_factory=dict)  # file -> whether it got a .gz twin (a worker's index)


@dataclass
class _Written:
    """What this process last wrote into an index folder."""

    state: IndexState
    manifest: str
    sizes: dict[str, int] = field(default_factory=dict)  # file name -> bytes


CACHE_KINDS = (record_cache.KIND, page_bigrams.KIND, STATE_KIND)  # the folders of .cache/ the search fills
_LAST: dict[Path, _Written] = {}
_BIGRAMS: dict[Path, BigramStore] = {}  # by cache folder; its memory serves the next serve rebuild
_PARSED: dict[str, tuple[str, dict]] = {}  # a record -> its hash and content, as _parse last read them
_HANDED: dict[Path, str] = {}  # index folder -> the key of the job writing it in a worker (start)


def _bigram_store() -> BigramStore:
    folder = cache_dir(page_bigrams.KIND)  # KB_CACHE_DIR may change within a process (tests)
    return _BIGRAMS.setdefault(folder, BigramStore(folder))


def _parse(records: list[str]) -> tuple[list[PageEntry], list[list]]:
    """The pages in id order (samples first, each group in build order) and their sections. A
    record read by the last call is not read again (a serve rebuild passes the same records but
    for the rebuilt pages); only this call's records are kept."""
    known = {record: _PARSED.get(record) or (content_key(record), json.loads(record)) for record in records if record}
    _PARSED.clear()
    _PARSED.update(known)
    parsed = [known[record] for record in records if record]
    parsed.sort(key=lambda item: not item[1]["type"])
    pages = [PageEntry(h, p["url"], p["title"], p["type"], p["year"]) for h, p in parsed]
    return pages, [p["sections"] for _, p in parsed]


def _manifest(pages: list[PageEntry], postings: dict[str, str], shards: int, type_names: dict[str, str],
              results_page: str) -> dict:
    types = list(type_names)
    return {
        "version": VERSION, "shards": shards, "results_page": results_page,
        "samples": sum(1 for page in pages if page.type),
        "types": [type_names[key] for key in types],
        "pages": [[types.index(page.type) if page.type in types else -1, page.year] for page in pages],
        "titles": [page.title for page in pages],
        "heavy": heavy_keys(postings),
    }


class _Folder:
    """Writes index files, counting their sizes (plain strings for paths: there are thousands)."""

    def __init__(self, folder: Path, sizes: dict[str, int]):
        self.root = str(folder)
        self.sizes = sizes

    def write(self, name: str, text: str) -> None:
        path, data = f"{self.root}/{name}.js", text.encode("utf-8")
        try:
            with open(path, "wb") as out:
                out.write(data)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(data)
        self.sizes[name] = len(data)

    def delete(self, name: str) -> None:
        with suppress(FileNotFoundError):
            os.remove(f"{self.root}/{name}.js")
        self.sizes.pop(name, None)

    def delete_others(self) -> None:
        """Delete every file of the folder that was not written."""
        for root, _, names in os.walk(self.root):
            prefix = root[len(self.root) + 1:].replace(os.sep, "/")
            for name in names:
                if not (name.endswith(".js") and f"{prefix}/{name[:-3]}".lstrip("/") in self.sizes):
                    os.remove(os.path.join(root, name))


def _shard_parts(postings: dict[str, str], shards: int, wanted: set[int] | None) -> dict[int, dict[str, str]]:
    """The content of the b/ files (those in ``wanted``, or all), keys in code point order."""
    parts: dict[int, dict[str, str]] = {n: {} for n in (range(shards) if wanted is None else wanted)}
    for key in sorted(postings) if parts else ():
        part = parts.get(shard(key, shards))
        if part is not None:
            part[key] = postings[key]
    return parts


def _still_there(folder: Path, last: _Written | None) -> bool:
    """Whether the folder holds what this process wrote last (a clean build empties it)."""
    try:
        return last is not None and (folder / "manifest.js").read_text(encoding="utf-8") == last.manifest
    except OSError:
        return False


def _job_key(folder: Path, records: list[str], type_names: dict[str, str], results_page: str) -> str:
    return "index:" + content_key(str(folder), json.dumps(type_names), results_page, *records)


def stored_state(records: list[str]) -> IndexState:
    """The state of these pages, made from the one kept on disk for them (if any) and their cached
    bigrams, and kept on disk in turn: what a build that this process did not write before starts
    from. Runs in a worker (``start``) or in the build process."""
    pages, sections = _parse(records)
    states = StateStore()
    loaded = states.load(pages)
    state = _updated(loaded, pages, sections)
    if loaded is None or loaded.pages != state.pages:
        states.save(state)
    return state


def _updated(before: IndexState | None, pages: list[PageEntry], sections: list[list]) -> IndexState:
    """``update`` from ``before`` to these pages, their bigrams from the cache (else computed)."""
    bigrams = _bigram_store()
    return update(before, pages, bigrams, lambda i: bigrams.get(pages[i].hash, pages[i].title, sections[i]))


def written_in_worker(key: str, site_dir: Path, records: list[str], type_names: dict[str, str], results_page: str,
                      compress: PrecompressSettings | None) -> dict[str, tuple[_Written, IndexSize]]:
    """In a worker process: ``write_index`` into a folder this process did not write before, and
    with ``compress`` the ``.gz`` twins of its files; under the job's key."""
    folder = site_dir / INDEX_DIR
    size = write_index(site_dir, records, type_names, results_page)
    written = _LAST.pop(folder)
    if compress is not None:
        size.compressed = twins_in_worker([folder / f"{name}.js" for name in written.sizes], compress)
    return {key: (written, size)}


def start(site_dir: Path, records: list[str], type_names: dict[str, str], results_page: str,
          compress: PrecompressSettings | None = None) -> bool:
    """When the build's worker processes run (a cold build, whose site folder was emptied), hand
    them ``write_index`` of these records, as soon as every page is converted, with the ``.gz``
    twins of its files when ``compress`` says how: a worker merges the postings and writes the
    files while this process renders the pages through the theme. ``write_index`` waits for that
    job if a worker started on it and takes what it did if its arguments are the same; else it
    writes the folder itself (every file, deleting the others). Returns whether it was handed out."""
    if not JOBS.running:
        return False
    key = _job_key(site_dir / INDEX_DIR, records, type_names, results_page)
    if JOBS.start([((key,), written_in_worker, (key, site_dir, records, type_names, results_page, compress))]) != 1:
        return False
    _HANDED[site_dir / INDEX_DIR] = key
    return True


def write_index(site_dir: Path, records: list[str], type_names: dict[str, str], results_page: str) -> IndexSize:
    """Write the index of the pages' records into ``site_dir/search/kb/``. ``type_names`` maps a
    meeting type key to its name, in the order the filters list them."""
    folder = site_dir / INDEX_DIR
    last = _LAST.pop(folder, None)  # put back only once the folder holds the new index
    handed = _HANDED.pop(folder, None)
    if handed is not None:  # wait for the worker writing there, if it started: never two writers at once
        done = JOBS.take_item(handed)
        if done is not None and handed == _job_key(folder, records, type_names, results_page):
            _LAST[folder], size = done
            return size
    pages, sections = _parse(records)
    state = stored_state(records) if last is None else _updated(last.state, pages, sections)
    shards = state.shards
    manifest = script("manifest", _manifest(pages, state.postings, shards, type_names, results_page))
    incremental = _still_there(folder, last)
    old = last.state if incremental else IndexState([], {})
    out = _Folder(folder, dict(last.sizes) if incremental else {})
    if incremental and shards == old.shards:
        changed = {key for key in state.postings.keys() | old.postings.keys() if state.postings.get(key) != old.postings.get(key)}
        wanted = {shard(key, shards) for key in changed}
    else:
        wanted = None
    for n, part in _shard_parts(state.postings, shards, wanted).items():
        out.write(f"b/{n}", script(f"b/{n}", part))
    for n in range(shards, old.shards if incremental else 0):
        out.delete(f"b/{n}")
    for page_id, page in enumerate(pages):
        if page_id >= len(old.pages) or old.pages[page_id].hash != page.hash:
            out.write(f"t/{page_id}", script(f"t/{page_id}", [page.url, page.title, sections[page_id]]))
    for page_id in range(len(pages), len(old.pages)):
        out.delete(f"t/{page_id}")
    out.write("manifest", manifest)
    if not incremental:
        out.delete_others()
    _LAST[folder] = _Written(state, manifest, out.sizes)
    return IndexSize(len(pages), shards, len(out.sizes), sum(out.sizes.values()))
