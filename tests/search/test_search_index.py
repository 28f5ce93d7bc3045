"""The shipped search index: UTF-8 text, light word breaks, tags once per page, and still every
word of every entry and every field material's search worker reads."""

from __future__ import annotations

import json
import re

from scripts.kb.core.model import load_samples
from scripts.kb.search import search_index
from scripts.kb.search.search_index import JIEBA_BREAK, WordBreaks, shrink, shrink_config, shrink_entries

ESCAPED_CHINESE = re.compile(r"\\u(?:[4-9][0-9a-f]{3}|200b)", re.I)
BREAKS = WordBreaks(separator="\u034f", punctuation="，。“”")
CONFIG = {  # as material's search plugin writes it
    "lang": ["zh"], "separator": "[\\s\\u200b\\-]+", "pipeline": ["stemmer"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}
HOME = [  # the home page: location "" and its sections "#..."
    {"location": "", "title": "材料库", "text": "<p>\u200b谈心谈话\u200b，\u200b开好\u200b组织生活会\u200b。</p> 2021\u200b年度"},
    {"location": "#_2", "title": "范例\u200b数量", "text": ""},
]
SAMPLE = [  # a sample: the search plugin copies the page's tags (and boost) onto every section
    {"location": "annual/a/", "title": "组织生活会\u200b材料", "text": "<p>前言</p>", "tags": ["谈心谈话", "三会一课"], "boost": 2},
    {"location": "annual/a/#_1", "title": "一、\u200b问题", "text": "<p>理论\u200b学习\u200b不够</p>", "tags": ["谈心谈话", "三会一课"], "boost": 2},
    {"location": "annual/a/#_2", "title": "二、\u200b原因", "text": "", "tags": ["谈心谈话", "三会一课"], "boost": 2},
]
UNTAGGED = [{"location": "guide/", "title": "撰写\u200b指南", "text": "<ul> <li>问题\u200b—\u200b原因</li> </ul>"}]
MATERIAL_INDEX = {"config": CONFIG, "docs": HOME + SAMPLE + UNTAGGED}


def words(index: dict) -> list[list[str]]:
    """Each entry's words, split as the browser splits them: by the index's separator pattern."""
    separator = re.compile(index["config"]["separator"])
    return [[w for w in separator.split(re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"])) if w] for d in index["docs"]]


def test_lighter_word_breaks_keep_every_word_and_the_visible_text():
    light = {"config": shrink_config(CONFIG, BREAKS), "docs": shrink_entries(HOME, BREAKS)}
    # The same words; punctuation, now a separator, is no longer a "word" of its own.
    original = {"config": CONFIG, "docs": HOME}
    assert words(light) == [[w for w in entry if w.strip(BREAKS.punctuation)] for entry in words(original)]
    text = light["docs"][0]["text"]
    assert text == "<p>谈心谈话，开好\u034f组织生活会。</p> 2021\u034f年度"
    assert text.replace("\u034f", "") == HOME[0]["text"].replace(JIEBA_BREAK, "")
    assert light["docs"][1]["title"] == "范例\u034f数量"


def test_config_keeps_material_settings_and_widens_the_separator():
    shipped = shrink_config(CONFIG, BREAKS)
    assert {k: v for k, v in shipped.items() if k != "separator"} == {k: v for k, v in CONFIG.items() if k != "separator"}
    separator = re.compile(shipped["separator"])
    assert separator.split("a-b c\u200bd\u034fe，f“g”") == ["a", "b", "c", "d", "e", "f", "g", ""]


def test_sections_no_longer_repeat_their_page_tags():
    page, *sections = shrink_entries(SAMPLE, BREAKS)
    assert page["tags"] == ["谈心谈话", "三会一课"]  # a tag still finds the page, shown with its tags
    assert all("tags" not in s for s in sections)
    # Everything else material's worker reads stays on every entry.
    for before, after in zip(SAMPLE, [page, *sections]):
        assert after["location"] == before["location"] and after["boost"] == before["boost"]
        assert after["title"] == BREAKS.lighten(before["title"]) and after["text"] == BREAKS.lighten(before["text"])


def test_a_section_keeps_tags_its_page_does_not_have():
    odd = [{**SAMPLE[0], "tags": ["谈心谈话"]}, SAMPLE[1], {**SAMPLE[2], "tags": ["谈心谈话"]}]
    page, section, same = shrink_entries(odd, BREAKS)
    assert section["tags"] == ["谈心谈话", "三会一课"] and "tags" not in same


def test_shrinking_the_whole_index_is_shrinking_each_page():
    shipped = shrink(MATERIAL_INDEX)
    assert shipped["config"] == shrink_config(CONFIG)
    assert shipped["docs"] == shrink_entries(HOME) + shrink_entries(SAMPLE) + shrink_entries(UNTAGGED)
    assert search_index.pages(MATERIAL_INDEX["docs"]) == [HOME, SAMPLE, UNTAGGED]
    assert SAMPLE[1]["tags"] == ["谈心谈话", "三会一课"] and JIEBA_BREAK in SAMPLE[1]["text"]  # input left alone


def test_shipped_entries_and_config_stay_as_they_are():
    shipped = shrink(MATERIAL_INDEX)
    assert shrink(shipped) == shipped  # entries reused from an earlier build may be shrunk again
    assert shrink_config(shipped["config"]) == shipped["config"]


def test_every_entry_keeps_what_the_search_worker_reads():
    for before, after in zip(MATERIAL_INDEX["docs"], shrink(MATERIAL_INDEX)["docs"]):
        assert {"location", "title", "text"} <= after.keys()
        assert set(after) <= set(before)
        assert after["location"] == before["location"]


def test_the_index_written_from_page_parts_is_the_shrunk_index(tmp_path):
    (tmp_path / "search").mkdir()
    parts = [search_index.page_part(page) for page in (HOME, [], SAMPLE, UNTAGGED)]  # a page may have no entry

    size = search_index.write_index(tmp_path, CONFIG, parts)

    written = (tmp_path / "search" / "search_index.json").read_bytes()
    assert size == len(written)
    assert written == search_index.dumps(shrink(MATERIAL_INDEX)).encode("utf-8")
    escaped = json.dumps(MATERIAL_INDEX, separators=(",", ":"))  # what material writes
    docs = written[written.index(b'"docs"'):]
    assert len(docs) < 0.6 * len(escaped[escaped.index('"docs"'):].encode("utf-8"))
    assert "谈心谈话".encode("utf-8") in written


def test_built_index_has_no_escaped_chinese_and_keeps_field_terms_whole(site_dir):
    raw = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = raw[raw.index('"docs"'):]  # the separator pattern in the config legitimately escapes
    assert not ESCAPED_CHINESE.search(docs), ESCAPED_CHINESE.search(docs)
    assert JIEBA_BREAK not in docs
    index = json.loads(raw)
    all_words = {w for entry in words(index) for w in entry}
    assert {"组织生活会", "三会一课", "谈心谈话"} <= all_words  # whole, thanks to the user dictionary


def test_built_index_has_tags_on_page_entries_and_no_sample_chrome(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_page = {entries[0]["location"]: entries for entries in search_index.pages(index["docs"])}
    separator = re.compile(index["config"]["separator"])
    samples = load_samples()
    assert samples
    for sample in samples:
        page, *sections = by_page[sample.url]
        assert page["location"] == sample.url and page["tags"] == sample.meta["tags"]
        assert sections and not [s["location"] for s in sections if "tags" in s]
        # The notice, the placeholder box and the related samples are on the page, not in the index.
        html = (site_dir / sample.url / "index.html").read_text(encoding="utf-8")
        indexed = separator.sub("", page["text"])
        assert all(shown in html for shown in ("使用提示", "不得照搬照抄", "换成本单位实际情况")), sample.url
        for chrome in ("相关范例", "使用提示", "不得照搬照抄", "换成本单位实际情况"):
            assert chrome not in indexed, (sample.url, chrome)
        assert "会议类型" in indexed and sample.year and str(sample.year) in indexed  # the metadata stays searchable
    assert any("相关范例" in (site_dir / s.url / "index.html").read_text(encoding="utf-8") for s in samples)
