"""What the build makes from the library, kept between builds in ``.cache/library/``: the
generated pages (listings, tag pages, catalog, outlines...), the 撰写 page's data files and the
header of every sample (metadata, related samples).

``SiteBuild`` already reuses them within one process while the library's signature
(``library_signature``: the samples' paths, front matter and headings, the snippets, the dates
added, directory URLs) stays the same; tests/cache/test_incremental.py compares such rebuilds with
full builds byte for byte. Across processes, what makes them can change too, so the key is the
signature with the code that makes them (every ``.py`` file and template under scripts/kb), the
domain data (scripts/data, or $KB_DATA_DIR), and the versions of Python and of the libraries they
go through (Jinja2, PyYAML, python-docx for the 撰写 page's Word template, pypinyin for its pinyin
table). An entry that cannot be read is a miss.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from scripts.kb.cache.disk_cache import DiskCache, content_key, files_key
from scripts.kb.core.paths import DATA_DIR, TEMPLATES_DIR

KIND = "library"
CODE_DIR = Path(__file__).resolve().parents[1]  # scripts/kb
VERSIONED = ("jinja2", "markupsafe", "pyyaml", "python-docx", "pypinyin")


@lru_cache(maxsize=None)
def installation(code: Path = CODE_DIR, templates: Path = TEMPLATES_DIR, data: Path = DATA_DIR) -> str:
    """The hash of what makes the pages besides the library: code, templates, data, versions."""
    return content_key(sys.version, *(version(name) for name in VERSIONED), files_key(code, "*.py"),
                       files_key(templates), files_key(data))


class LibraryCache:
    def __init__(self, folder: Path | None = None):
        self.store = DiskCache(KIND, ".json", folder)

    def load(self, signature: str) -> tuple[dict[str, str], dict[str, str]] | None:
        """The generated files and the samples' headers made from a library of this signature."""
        try:
            entry = json.loads(self.store.read(self._key(signature)) or b"")
            return dict(entry["generated"]), dict(entry["headers"])
        except (ValueError, KeyError, TypeError):
            return None

    def save(self, signature: str, generated: dict[str, str], headers: dict[str, str]) -> None:
        entry = {"generated": generated, "headers": headers}
        self.store.write(self._key(signature), json.dumps(entry, ensure_ascii=False).encode("utf-8"))

    @staticmethod
    def _key(signature: str) -> str:
        return content_key(installation(), signature)
