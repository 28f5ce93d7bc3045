"""The shipped search index keeps Chinese as UTF-8 text and still holds every entry."""

from __future__ import annotations

import json
import re

from scripts.kb import search_index

ESCAPED_CHINESE = re.compile(r"\\u(?:[4-9][0-9a-f]{3}|200b)", re.I)


def test_compact_search_index_rewrites_the_escaped_index_losslessly(tmp_path):
    original = {"config": {"separator": "[\\s\\u200b\\-]+"}, "docs": [{"location": "a/", "title": "组织\u200b生活会", "text": "<p>谈心谈话</p>"}]}
    (tmp_path / "search").mkdir()
    escaped = json.dumps(original, separators=(",", ":"))  # what material writes
    (tmp_path / "search" / "search_index.json").write_text(escaped, encoding="utf-8")

    size = search_index.compact_search_index(tmp_path)

    written = (tmp_path / "search" / "search_index.json").read_bytes()
    assert size == len(written) < len(escaped.encode("utf-8"))
    assert json.loads(written) == original
    assert "组织\u200b生活会".encode("utf-8") in written
    assert not ESCAPED_CHINESE.search(written.decode("utf-8").replace("\\\\u200b", ""))


def test_compact_search_index_without_an_index_does_nothing(tmp_path):
    assert search_index.compact_search_index(tmp_path) is None
    assert not any(tmp_path.iterdir())


def test_built_index_has_no_escaped_chinese_and_keeps_field_terms_whole(site_dir):
    raw = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    # The separator regex legitimately spells \u200b in the config; the entries must not.
    docs = raw[raw.index('"docs"'):]
    assert not ESCAPED_CHINESE.search(docs), ESCAPED_CHINESE.search(docs)
    index = json.loads(raw)
    assert index["docs"]
    text = "".join(doc["title"] + doc["text"] for doc in index["docs"])
    assert "\u200b组织生活会\u200b" in text  # one token, thanks to the user dictionary
