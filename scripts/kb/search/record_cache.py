"""Page records by content, kept in ``.cache/records/``.

Making a page's record (``phrase_index.page_record``) parses its HTML and walks it in Python, a few
milliseconds a sample, for every page of every build; a page whose HTML, address, title, type and
year are those of a record made before (by any build, with the same code) gets that record back.
"""

from __future__ import annotations

from pathlib import Path

from scripts.kb.cache.disk_cache import DiskCache, content_key
from scripts.kb.search import phrase_index

KIND = "records"
CODE = content_key(str(phrase_index.VERSION), Path(phrase_index.__file__).read_bytes())


def page_record(url: str, title: str, html: str, meeting_type: str = "", year: int = 0) -> str:
    """``phrase_index.page_record``, from the cache when it was made before."""
    store = DiskCache(KIND, ".json")  # where $KB_CACHE_DIR says now (tests change it)
    key = content_key(CODE, url, title, html, meeting_type, str(year))
    data = store.read(key)
    if data is not None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    record = phrase_index.page_record(url, title, html, meeting_type, year)
    store.write(key, record.encode("utf-8"))
    return record
