"""A persistent cache of ``check``'s per-file results, like ruff's or eslint's ``--cache``.

A file whose bytes did not change is not parsed or checked again. What the engine keeps of a file
(a FileResult) is stored under a key that hashes the file's bytes, its kind and paths, and a
fingerprint of everything else that decides the result: the source of scripts/kb/, every file in
scripts/data/, the Python and PyYAML versions, the current year (FM006 compares with it) and the
Settings in use. A result also remembers what its rules saw of other files (a snippet's source
sample, an included snippet) and is used only while that is still so.

Entries are pickles in ``.cache/check/<key[:2]>/<key>.pickle`` (or under $KB_CACHE_DIR), kept by
scripts/kb/cache/disk_cache.py (atomic writes, unreadable entries are misses, pruning of unused ones).
A dict in front of the disk keeps the last run's entries, so that ``mkdocs serve`` re-checks after
an edit without reading them again. The folder is ignored by git and safe to delete.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import pickle
import re
import sys
from functools import lru_cache
from pathlib import Path, PurePath

import yaml

from scripts.kb.cache.disk_cache import DiskCache
from scripts.kb.check.context import Env, Problem, file_state
from scripts.kb.core.model import Sample
from scripts.kb.core.paths import DATA_DIR

KIND = "check"
CODE_DIR = Path(__file__).resolve().parents[1]  # scripts/kb/
_memory: dict[str, "FileResult"] = {}  # the last run's entries, by key


@dataclasses.dataclass
class FileResult:
    """Everything the engine needs of one file, without reading it again."""

    problems: list[tuple[str, Problem]]  # (rule ID, Problem) from the file rules
    suppressions: dict[str, str]  # rule ID -> reason, from the front matter
    sample: Sample | None
    features: dict[str, object]  # cross-file rule ID -> the rule's feature of this file
    reads: dict  # (kind, path) -> file_state: what the rules saw of other files

    def current(self, states: dict) -> bool:
        """Whether the other files the rules looked at are as they were (states: this run's answers)."""
        for what, state in self.reads.items():
            if what not in states:
                states[what] = file_state(*what)
            if states[what] != state:
                return False
        return True


def canonical(value) -> str:
    """A text that is the same for equal settings in every process (sets and mappings sorted: some
    are built from sets, whose order changes between processes), to hash; TypeError for a value
    it cannot describe reliably."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return f"{type(value).__name__}:{value!r}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}[{','.join(map(canonical, value))}]"
    if isinstance(value, (set, frozenset)):
        return f"set[{','.join(sorted(map(canonical, value)))}]"
    if isinstance(value, dict):
        return f"dict[{','.join(sorted(canonical(k) + ':' + canonical(v) for k, v in value.items()))}]"
    if isinstance(value, re.Pattern):
        return f"re[{value.pattern!r},{value.flags}]"
    if isinstance(value, (PurePath, datetime.date)):
        return f"{type(value).__name__}:{value}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        return f"{kind.__module__}.{kind.__qualname__}({','.join(canonical(getattr(value, f.name)) for f in dataclasses.fields(value))})"
    raise TypeError(f"cannot fingerprint a {type(value).__name__}")


def _tree_digest(folder: Path, pattern: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        digest.update(repr(path.relative_to(folder).as_posix()).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _installation() -> str:
    """The code and data as this process loaded them, and the versions that read them."""
    versions = f"{sys.version}|{yaml.__version__}|{yaml.__with_libyaml__}"
    return "|".join((_tree_digest(CODE_DIR, "*.py"), _tree_digest(DATA_DIR, "*"), versions))


def fingerprint(env: Env) -> str:
    """Everything besides a file that decides its result; TypeError when the settings cannot be told."""
    text = "|".join((_installation(), str(env.today.year), canonical(env.settings)))
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


class CheckCache:
    """The cache of one run: looks entries up (memory, then disk), stores new ones, counts."""

    def __init__(self, env: Env, folder: Path | None = None):
        self.env = env
        self.fingerprint = fingerprint(env)
        self.store = DiskCache(KIND, ".pickle", folder)
        self.memory_hits = 0
        self.disk_hits = 0
        self.misses = 0
        self._used: dict[str, FileResult] = {}
        self._states: dict = {}

    def key(self, raw: bytes, path: Path, kind: str, rel: str) -> str:
        digest = hashlib.blake2b(digest_size=20)
        where = (self.fingerprint, kind, rel, str(path), str(self.env.docs_dir), str(self.env.snippets_dir))
        digest.update(repr(where).encode())
        digest.update(raw)
        return digest.hexdigest()

    def get(self, key: str) -> FileResult | None:
        result = _memory.get(key)
        from_memory = result is not None
        if result is None:
            result = self._load(key)
        if result is None or not result.current(self._states):
            self.misses += 1
            return None
        if from_memory:
            self.memory_hits += 1
        else:
            self.disk_hits += 1
        self._used[key] = result
        return result

    def _load(self, key: str) -> FileResult | None:
        data = self.store.read(key)
        try:
            stored_key, result = pickle.loads(data)
        except Exception:  # missing, unreadable, cut short or from another version: a miss
            return None
        if stored_key != key or not isinstance(result, FileResult):
            return None
        return result

    def put(self, key: str, result: FileResult) -> None:
        self._used[key] = result
        self.store.write(key, pickle.dumps((key, result), protocol=pickle.HIGHEST_PROTOCOL))

    def finish(self) -> None:
        """Keep this run's entries in memory for the next run; prune old ones from disk."""
        _memory.clear()
        _memory.update(self._used)
        if self.store.written:
            self.store.prune()


def open_cache(env: Env) -> CheckCache | None:
    """The cache for a run, or None when its settings cannot be fingerprinted."""
    try:
        return CheckCache(env)
    except TypeError:
        return None
