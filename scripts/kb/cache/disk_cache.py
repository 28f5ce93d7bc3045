"""A folder of build results by content hash: ``.cache/<kind>/<key[:2]>/<key><suffix>``.

Every cache of the project (check results, rendered pages, gzip twins, Word
files) stores its entries here: a key is the hash of everything that decides the entry, so a
changed input simply gets a new key and an old entry is never read again. Entries are written
whole (temporary file, then rename); an entry that cannot be read is a miss, and one that cannot
be written (a read-only or full disk) is simply not kept, so the folder is always safe to delete.
Reading an entry marks it used; entries unused for ``keep_days`` (scripts/data/cache.yml) are
deleted by ``prune``, at most once a day per folder. The theme's compiled templates are kept by
Jinja's own bytecode cache in ``.cache/jinja/`` (one file per template, checked against its source).
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

import jinja2

from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR, cache_dir

DAY = 24 * 3600
PRUNED_STAMP = "pruned"


def content_key(*parts: str | bytes) -> str:
    """The hash of some texts (or bytes), each kept apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def files_key(folder: Path, pattern: str = "*") -> str:
    """The hash of every file under ``folder`` matching ``pattern`` (its path inside and its bytes):
    what an include from that folder may read. A file instead of a folder counts as itself."""
    found = sorted(folder.rglob(pattern)) if folder.is_dir() else [folder] if folder.is_file() else []
    parts: list[str | bytes] = [str(folder)]
    for path in (p for p in found if p.is_file()):
        parts += [path.relative_to(folder).as_posix() if path != folder else "", path.read_bytes()]
    return content_key(*parts)


@lru_cache(maxsize=None)
def keep_days(path: Path = DATA_DIR / "cache.yml") -> float:
    return float(read_yaml(path)["keep_days"])


class DiskCache:
    def __init__(self, kind: str, suffix: str, folder: Path | None = None):
        self.folder = folder or cache_dir(kind)
        self.suffix = suffix
        self.written = 0
        self._made: set[Path] = set()  # entry folders made by this object

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        path = self.path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with suppress(OSError):
            os.utime(path)  # used: kept from pruning
        return data

    def write(self, key: str, data: bytes) -> None:
        path = self.path(key)
        # never a half-written entry, even with other processes and threads writing the same key
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            if path.parent not in self._made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(path.parent)
            temporary.write_bytes(data)
            os.replace(temporary, path)
            self.written += 1
        except OSError:
            with suppress(OSError):
                temporary.unlink(missing_ok=True)

    def prune(self, days: float | None = None) -> None:
        prune_folder(self.folder, days)


def prune_folder(folder: Path, days: float | None = None) -> None:
    """Delete the entries unused for ``days`` (default: keep_days()), at most once a day."""
    days = keep_days() if days is None else days
    stamp, now = folder / PRUNED_STAMP, time.time()
    try:
        if now - stamp.stat().st_mtime < DAY:
            return
    except OSError:
        pass
    if not folder.is_dir():
        return
    for entry in folder.glob("*/*"):
        with suppress(OSError):
            if entry.stat().st_mtime < now - days * DAY:
                entry.unlink()
    with suppress(OSError):
        stamp.touch()


def template_bytecode_cache() -> jinja2.BytecodeCache | None:
    """Where Jinja keeps compiled templates between builds (MkDocs makes a new environment, and so
    compiles the theme anew, for every build and every ``serve`` rebuild); None when the cache
    folder cannot be made (see ``unusable``)."""
    folder = cache_dir("jinja")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def unusable() -> str | None:
    """A notice when the cache folder (.cache) exists but is not a folder: every cache then
    misses and nothing is kept, and the run goes on without it."""
    base = cache_dir("pages").parent
    if base.exists() and not base.is_dir():
        return f"提示：缓存目录 {base} 不是目录，本次不使用缓存（删除它即可恢复缓存）"
    return None


def prune(*kinds: str) -> None:
    """Prune the caches of these kinds (the build does it for its caches once it has written the site)."""
    for kind in kinds:
        prune_folder(cache_dir(kind))
