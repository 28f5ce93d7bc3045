"""``.gz`` twins of the web site's large text files, for nginx's ``gzip_static``.

Deterministic: the gzip header carries no file name and a zero timestamp, so the same site always
gives byte-identical ``.gz`` files (rebuilds do not churn caches or deployment diffs). That also
lets the compressed bytes of the larger files be kept by content hash (``.cache/gzip/``): a page
that did not change is not compressed again on the next build. A small file (the search index's
parts) is simply compressed again: that takes less than writing its cache entry. Files are compressed on several threads (zlib lets go
of the interpreter lock while it compresses); each file's bytes do not depend on the others, so a
cold build's worker processes compress the pages (``start``) while the build still writes other files.
"""

from __future__ import annotations

import gzip
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scripts.kb.cache.disk_cache import DiskCache, content_key
from scripts.kb.core.cores import available_cores
from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR
from scripts.kb.core.workers import JOBS, batches

CACHE_KIND = "gzip"


@dataclass(frozen=True)
class PrecompressSettings:
    min_bytes: int
    level: int
    suffixes: tuple[str, ...]
    cache_min_bytes: int = 0  # smaller files are compressed again each time, not kept in the cache


def load_settings(path: Path = DATA_DIR / "precompress.yml") -> PrecompressSettings:
    raw = read_yaml(path)
    return PrecompressSettings(int(raw["min_bytes"]), int(raw["level"]), tuple(raw["suffixes"]), int(raw["cache_min_bytes"]))


def gzip_bytes(data: bytes, level: int) -> bytes:
    """gzip with a fixed header (no name, mtime 0): same input, same bytes."""
    return gzip.compress(data, compresslevel=level, mtime=0)


def _twin(path: Path, settings: PrecompressSettings, cache: DiskCache) -> bool:
    """Write ``NAME.gz`` next to the file if it is large enough and the twin is smaller."""
    data = path.read_bytes()
    if len(data) < settings.min_bytes:
        return False
    if len(data) < settings.cache_min_bytes:
        packed = gzip_bytes(data, settings.level)
    else:
        key = content_key(str(settings.level), data)
        packed = cache.read(key)
        if packed is None:
            packed = gzip_bytes(data, settings.level)
            cache.write(key, packed)
    if len(packed) >= len(data):
        return False
    path.with_name(path.name + ".gz").write_bytes(packed)
    return True


def _eligible(site_dir: Path, settings: PrecompressSettings, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    suffixes = settings.suffixes if suffixes is None else tuple(s for s in suffixes if s in settings.suffixes)
    return [p for p in sorted(site_dir.rglob("*")) if p.suffix in suffixes and p.is_file()]


def _job_key(path: Path) -> str:
    return f"gzip:{path}"


def twins_in_worker(paths: list[Path], settings: PrecompressSettings) -> dict[str, bool]:
    """In a worker process: the twins of these files, written as ``_twin`` writes them."""
    cache = DiskCache(CACHE_KIND, ".gz")
    return {str(path): _twin(path, settings, cache) for path in paths}


def start(site_dir: Path, suffixes: tuple[str, ...], settings: PrecompressSettings | None = None,
          per_job: int = 50) -> int:
    """When the build's worker processes run (a cold build), hand them the eligible files with
    these suffixes now, the last first: files the rest of the build does not change (the pages,
    while it writes the search index and the Word files). ``precompress`` takes what they did from
    the first file on (in processes, not threads of the build process: a thread would slow its
    Python work down). Returns how many files were handed out."""
    if not JOBS.running:
        return 0
    settings = settings or load_settings()
    paths = _eligible(site_dir, settings, suffixes)[::-1]
    JOBS.start([(tuple(map(_job_key, chunk)), twins_in_worker, (chunk, settings)) for chunk in batches(paths, per_job)])
    return len(paths)


def precompress(site_dir: Path, settings: PrecompressSettings | None = None, done: dict[str, bool] | None = None) -> list[Path]:
    """Write ``NAME.gz`` next to each eligible file under site_dir; returns the files compressed.
    Those a worker did since ``start``, and those in ``done`` (a file's path -> whether it got a
    twin: what ``twins_in_worker`` returned for it), are taken as they are."""
    settings = settings or load_settings()
    cache = DiskCache(CACHE_KIND, ".gz")
    paths = _eligible(site_dir, settings)
    done = done or {}

    def twin(path: Path) -> bool:
        made = done.get(str(path))
        if made is None:
            made = JOBS.take_item(_job_key(path), str(path))
        return _twin(path, settings, cache) if made is None else made

    with ThreadPoolExecutor(available_cores()) as pool:
        written = list(pool.map(twin, paths))
    return [path for path, twin in zip(paths, written) if twin]
