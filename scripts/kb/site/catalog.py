"""Machine-readable views of the model: catalog.json for other tools, and the 全部范例 table's data.

Both are plain JSON built from the model in a fixed order with no timestamps, so the same inputs
give byte-identical files. The shape of catalog.json is fixed by scripts/data/catalog.schema.json.
"""

from __future__ import annotations

import datetime
import json

from scripts.kb.core.data import Domain
from scripts.kb.core.model import Library, Sample, page_link, page_url
from scripts.kb.site.browse import sorted_samples

CATALOG_VERSION = 1
# The columns of the 全部范例 table's data, in the order of each row.
TABLE_FIELDS = ("title", "url", "type", "year", "level", "kind", "subject", "tags")


def _plain(value):
    """Front matter values as JSON: dates become ISO strings."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _outline(sample: Sample) -> list[dict]:
    roles = {section.heading.line: section.role.key for section in sample.sections if section.heading and section.role}
    return [
        {"level": h.level, "text": h.text, "line": h.line, **({"role": roles[h.line]} if h.line in roles else {})}
        for h in sample.headings
    ]


def catalog(library: Library, dom: Domain, directory_urls: bool = True) -> dict:
    """Every sample and snippet with its front matter, URL and outline."""
    samples = [
        {
            "path": f"docs/{s.rel}",
            "url": page_url(s.rel, directory_urls),
            "front_matter": _plain(s.meta),
            "outline": _outline(s),
        }
        for s in sorted_samples(library.samples, dom)
    ]
    snippets = [
        {
            "path": f"snippets/{snippet.rel}",
            "front_matter": _plain(snippet.meta),
            "text": snippet.text,
            "source_url": page_url(snippet.source, directory_urls) if snippet.source in library.by_rel else None,
        }
        for snippet in library.snippets
    ]
    types = [{"key": mt.key, "name": mt.name, "url": page_url(f"{mt.key}/index.md", directory_urls)} for mt in dom.types]
    return {"version": CATALOG_VERSION, "meeting_types": types, "samples": samples, "snippets": snippets}


def catalog_json(library: Library, dom: Domain, directory_urls: bool = True) -> str:
    return json.dumps(catalog(library, dom, directory_urls), ensure_ascii=False, separators=(",", ":")) + "\n"


def table_script(library: Library, dom: Domain, page_src: str, directory_urls: bool = True) -> str:
    """The rows of the 全部范例 table as a script (a <script src> works from file://, fetch does not).

    URLs are relative to the page at page_src, so the table's links work wherever the site sits.
    """
    rows = [
        [
            s.title,
            page_link(page_src, s.rel, directory_urls),
            s.meeting_type,
            s.year if isinstance(s.year, int) else "",
            str(s.meta.get("level", "")),
            str(s.meta.get("org_kind", "")),
            str(s.meta.get("subject", "")),
            " ".join(str(t) for t in s.meta.get("tags") or []),
        ]
        for s in sorted_samples(library.samples, dom)
    ]
    data = {"fields": list(TABLE_FIELDS), "types": {mt.key: mt.name for mt in dom.types}, "rows": rows}
    return "window.kbSamples = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"
