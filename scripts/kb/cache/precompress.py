"""``.gz`` twins of the web site's large text files, for nginx's ``gzip_static``.

Deterministic: the gzip header carries no file name and a zero timestamp, so the same site always
gives byte-identical ``.gz`` files (rebuilds do not churn caches or deployment diffs). That also
lets the compressed bytes be kept by content hash (``.cache/gzip/``): a page that did not change
is not compressed again on the next build. Files are compressed on several threads (zlib lets go
of the interpreter lock while it compresses); each file's bytes do not depend on the others, so the
pages can be compressed (``start``) while the build still writes other files.
"""

from __future__ import annotations

import gzip
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scripts.kb.cache.disk_cache import DiskCache, content_key
from scripts.kb.core.cores import available_cores
from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR

CACHE_KIND = "gzip"


@dataclass(frozen=True)
class PrecompressSettings:
    min_bytes: int
    level: int
    suffixes: tuple[str, ...]


def load_settings(path: Path = DATA_DIR / "precompress.yml") -> PrecompressSettings:
    raw = read_yaml(path)
    return PrecompressSettings(int(raw["min_bytes"]), int(raw["level"]), tuple(raw["suffixes"]))


def gzip_bytes(data: bytes, level: int) -> bytes:
    """gzip with a fixed header (no name, mtime 0): same input, same bytes."""
    return gzip.compress(data, compresslevel=level, mtime=0)


def _twin(path: Path, settings: PrecompressSettings, cache: DiskCache) -> bool:
    """Write ``NAME.gz`` next to the file if it is large enough and the twin is smaller."""
    data = path.read_bytes()
    if len(data) < settings.min_bytes:
        return False
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


def start(site_dir: Path, suffixes: tuple[str, ...], settings: PrecompressSettings | None = None) -> dict[Path, Future]:
    """Begin writing the twins of the eligible files with these suffixes now, on background threads
    (one core fewer than the machine has), while the build goes on: only files the rest of the build
    does not change (the pages, while the build writes the Word files and the search index).
    ``precompress`` takes their results."""
    settings = settings or load_settings()
    cache = DiskCache(CACHE_KIND, ".gz")
    pool = ThreadPoolExecutor(max(available_cores() - 1, 1))
    started = {path: pool.submit(_twin, path, settings, cache) for path in _eligible(site_dir, settings, suffixes)}
    pool.shutdown(wait=False)
    return started


def precompress(site_dir: Path, settings: PrecompressSettings | None = None, started: dict[Path, Future] | None = None) -> list[Path]:
    """Write ``NAME.gz`` next to each eligible file under site_dir; returns the files compressed.
    ``started``: the files ``start`` began with (the same settings), whose results are taken."""
    settings = settings or load_settings()
    cache = DiskCache(CACHE_KIND, ".gz")
    started = started or {}
    paths = _eligible(site_dir, settings)
    with ThreadPoolExecutor(available_cores()) as pool:
        rest = {path: pool.submit(_twin, path, settings, cache) for path in paths if path not in started}
        written = [(started.get(path) or rest[path]).result() for path in paths]
    return [path for path, twin in zip(paths, written) if twin]
