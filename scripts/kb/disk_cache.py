"""A folder of build results by content hash: ``.cache/<kind>/<key[:2]>/<key><suffix>``.

Every cache of the build (search segments, rendered pages, Word files) stores its entries here:
a key is the hash of everything that decides the entry, so a changed input simply gets a new
key and an old entry is never read again. Entries are written whole (temporary file, then
rename), and an entry that cannot be read is a miss, so the folder is always safe to delete.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from scripts.kb.paths import cache_dir


def content_key(*parts: str | bytes) -> str:
    """The hash of some texts (or bytes), each kept apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class DiskCache:
    def __init__(self, kind: str, suffix: str, folder: Path | None = None):
        self.folder = folder or cache_dir(kind)
        self.suffix = suffix

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def write(self, key: str, data: bytes) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # never a half-written entry
        temporary.write_bytes(data)
        os.replace(temporary, path)
