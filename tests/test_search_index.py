"""The shipped search index: UTF-8 text, light word breaks, and still every word of every entry."""

from __future__ import annotations

import json
import re

from scripts.kb import search_index
from scripts.kb.search_index import JIEBA_BREAK, WordBreaks

ESCAPED_CHINESE = re.compile(r"\\u(?:[4-9][0-9a-f]{3}|200b)", re.I)
BREAKS = WordBreaks(separator="\u034f", punctuation="，。“”")
MATERIAL_INDEX = {  # as material's search plugin writes it, with jieba's U+200B word breaks
    "config": {"lang": ["zh"], "separator": "[\\s\\u200b\\-]+"},
    "docs": [
        {"location": "a/", "title": "组织生活会\u200b材料", "text": "<p>\u200b谈心谈话\u200b，\u200b开好\u200b组织生活会\u200b。</p> 2021\u200b年度"},
    ],
}


def words(index: dict) -> list[list[str]]:
    """Each entry's words, split as the browser splits them: by the index's separator pattern."""
    separator = re.compile(index["config"]["separator"])
    return [[w for w in separator.split(re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"])) if w] for d in index["docs"]]


def test_lighter_word_breaks_keep_every_word_and_the_visible_text():
    light = {"config": search_index.shrink_config(MATERIAL_INDEX["config"], BREAKS),
             "docs": search_index.shrink_entries(MATERIAL_INDEX["docs"], BREAKS)}
    # The same words; punctuation, now a separator, is no longer a "word" of its own.
    assert words(light) == [[w for w in entry if w.strip(BREAKS.punctuation)] for entry in words(MATERIAL_INDEX)]
    text = light["docs"][0]["text"]
    assert text == "<p>谈心谈话，开好\u034f组织生活会。</p> 2021\u034f年度"
    assert text.replace("\u034f", "") == MATERIAL_INDEX["docs"][0]["text"].replace(JIEBA_BREAK, "")


def test_the_index_written_from_page_parts_is_the_shrunk_index(tmp_path):
    (tmp_path / "search").mkdir()
    second = {"location": "b/", "title": "第二\u200b页", "text": "<p>三会一课\u200b制度</p>"}
    pages = [MATERIAL_INDEX["docs"], [], [second]]  # a page without entries gives an empty part

    size = search_index.write_index(tmp_path, MATERIAL_INDEX["config"], [search_index.page_part(p) for p in pages])

    written = (tmp_path / "search" / "search_index.json").read_bytes()
    assert size == len(written)
    whole = {**MATERIAL_INDEX, "docs": MATERIAL_INDEX["docs"] + [second]}
    assert written == search_index.dumps(search_index.shrink(whole)).encode("utf-8")
    escaped = json.dumps(whole, separators=(",", ":"))  # what material writes
    docs = written[written.index(b'"docs"'):]
    assert len(docs) < 0.65 * len(escaped[escaped.index('"docs"'):].encode("utf-8"))
    assert "谈心谈话".encode("utf-8") in written


def test_built_index_has_no_escaped_chinese_and_keeps_field_terms_whole(site_dir):
    raw = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = raw[raw.index('"docs"'):]  # the separator pattern in the config legitimately escapes
    assert not ESCAPED_CHINESE.search(docs), ESCAPED_CHINESE.search(docs)
    assert JIEBA_BREAK not in docs
    index = json.loads(raw)
    all_words = {w for entry in words(index) for w in entry}
    assert {"组织生活会", "三会一课", "谈心谈话"} <= all_words  # whole, thanks to the user dictionary
