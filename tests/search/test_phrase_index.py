"""The phrase index format: numbers and postings round-trip, sections come out of the HTML as a reader
sees them, and every substring of every sample leads to that sample through the postings."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.kb.search import phrase_index
from scripts.kb.search.phrase_index import (
    IndexFormatError,
    bigrams,
    decode_numbers,
    decode_postings,
    encode_numbers,
    encode_postings,
    encode_tail,
    normalize,
    page_record,
    page_text,
    postings_of,
    read_page,
    read_pages,
    read_part,
    sections,
    shard,
)
from scripts.kb.search.index_writer import write_index

TYPES = {"annual": "年度组织生活会", "dangshi": "党史学习教育专题组织生活会"}


@given(st.lists(st.integers(min_value=0, max_value=2**40)))
def test_numbers_round_trip(numbers):
    assert decode_numbers(encode_numbers(numbers)) == numbers


def _where(positions: list[int]) -> tuple[int, int, tuple[int, ...]]:
    """A posting's count, mask and places, from the positions of its occurrences."""
    mask = sum({1 << p % 32 for p in positions})
    return len(positions), mask, tuple(sorted(p % 1024 for p in positions)) if len(positions) <= 3 else ()


@given(st.dictionaries(st.integers(min_value=0, max_value=100_000),
                       st.lists(st.integers(min_value=0, max_value=50_000), min_size=1, max_size=40)))
def test_postings_round_trip(by_id):
    postings = sorted((page_id, *_where(positions)) for page_id, positions in by_id.items())
    assert decode_postings(encode_postings(postings)) == postings


def test_up_to_three_occurrences_are_written_as_their_places_modulo_1024():
    assert encode_postings([(3, *_where([1025])), (9, *_where([5, 3000]))]) == "311" + "62" + encode_numbers([5 + 952 * 1024])
    assert decode_postings(encode_postings([(0, *_where([1, 2, 3, 4]))])) == [(0, 4, 0b11110, ())]
    with pytest.raises(ValueError):
        encode_postings([(3, 2, 0b101, (0,))])


def test_normalize_folds_widths_and_case():
    assert normalize("ＡＢＣ１２３“引号”") == normalize("abc123“引号”") == "abc123“引号”"
    assert normalize("，") == ","


def test_bigrams_count_and_place_or_mask_positions_and_skip_whitespace():
    assert bigrams("党员 干部\n党员") == {"党员": encode_tail(2, 0, (0, 6)), "干部": encode_tail(1, 0, (3,))}
    assert bigrams("学" * 40)["学学"] == encode_tail(39, 0xFFFFFFFF)
    assert bigrams("员" + "学" * 1030 + "员党")["员党"] == encode_tail(1, 0, (1031 % 1024,))
    assert bigrams("党员" + "学" * 1022 + "党员")["党员"] == encode_tail(2, 0, (0, 0)) == "20"


def test_shard_ignores_the_title_and_heading_prefixes():
    assert shard("t党员", 64) == shard("h党员", 64) == shard("党员", 64)


def test_sections_split_at_headings_and_leave_out_excluded_blocks_and_permalinks():
    html = ('<p>开头一段</p><div data-search-exclude><p>使用提示</p></div>'
            '<h2 id="一存在的问题">一、存在的问题<a class="headerlink" href="#x">¶</a></h2>'
            '<p>理论学习  不够<strong>深入</strong></p><ul><li>第一条</li><li>第二条</li></ul>')
    assert sections(html, "标题") == [
        ["", "标题", "开头一段"],
        ["一存在的问题", "一、存在的问题", "理论学习 不够深入\n第一条\n第二条"],
    ]


def test_a_snippet_card_is_a_section_that_names_its_sample_and_the_text_after_it_resumes():
    html = ('<h1 id="问题">问题</h1><p>共 2 段。</p>'
            '<div class="kb-card" id="c1" data-kb-source="annual/a/"><div><p>理论学习不够深入</p></div></div>'
            '<div class="kb-card" id="c2" data-kb-source="dangshi/b/"><p>党性修养有差距</p></div>'
            '<nav>下一页</nav><div class="kb-card" id="c3" data-kb-source="annual/a/"><p>第三段</p></div>')
    found = sections(html, "问题")
    assert found == [
        ["", "问题", ""],
        ["问题", "问题", "共 2 段。"],
        ["c1", "", "理论学习不够深入", "annual/a/"],
        ["c2", "", "党性修养有差距", "dangshi/b/"],
        ["问题", "问题", "下一页"],
        ["c3", "", "第三段", "annual/a/"],
    ]
    assert page_text("问题", found).split("\n").count("党性修养有差距") == 1


def _records():
    return [
        page_record("guide/", "撰写指南", "<p>组织生活会的写法，批评与自我批评</p>"),
        page_record("annual/a/", "甲支部2021年度材料", '<h2 id="s1">一、学习</h2><p>理论学习不够深入</p>', "annual", 2021),
        page_record("dangshi/b/", "乙支部党史专题", '<h2 id="s2">二、党性</h2><p>党性修养有差距，理论学习</p>', "dangshi", 2021),
        "",  # a page left out of search
    ]


def _bigrams_one_by_one(text: str) -> dict:
    """What ``bigrams`` computes, position by position."""
    found: dict[str, list[int]] = {}
    for at in range(len(text) - 1):
        if not (text[at].isspace() or text[at + 1].isspace()):
            found.setdefault(text[at:at + 2], []).append(at)
    return {pair: encode_tail(*_where(ats)) for pair, ats in found.items()}


CHARS = ["党", "员", "学", "习", " ", "\n", "\u3000", "😀"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CHARS), max_size=60), st.integers(0, 2100))
def test_bigrams_agree_with_counting_one_position_at_a_time(chars, offset):
    text = "甲" * offset + "".join(chars)  # the offset puts places past 1024 and 2048
    assert bigrams(text) == _bigrams_one_by_one(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1100), st.lists(st.sampled_from(CHARS), max_size=6)), max_size=6))
def test_bigrams_agree_on_pairs_that_recur_far_apart(chunks):
    """Pairs that occur two or three times, their places modulo 1024 in any order, equal or 0."""
    text = "".join("甲" * gap + "".join(chars) for gap, chars in chunks)
    assert bigrams(text) == _bigrams_one_by_one(text)


def test_heavy_keys_are_the_body_bigrams_longer_than_a_shard_in_code_point_order(monkeypatch):
    monkeypatch.setattr(phrase_index, "SHARD_TARGET_BYTES", 4)
    postings = {"学习": "0123456", "t学习": "0123456", "h工作": "01234", "工作": "01234", "理论": "0123", "乙甲": "012345"}
    assert list(phrase_index.heavy_keys(postings).items()) == [("乙甲", 6), ("学习", 7), ("工作", 5)]


def test_index_round_trips(tmp_path):
    size = write_index(tmp_path, _records(), TYPES, "search/")
    manifest = read_part(tmp_path, "manifest")
    assert manifest["samples"] == 2 and manifest["types"] == list(TYPES.values())
    assert manifest["pages"] == [[0, 2021], [1, 2021], [-1, 0]]  # samples first
    assert manifest["heavy"] == {}  # no bigram's postings come near a shard's size
    assert read_pages(tmp_path) == [["annual/a/", "甲支部2021年度材料"], ["dangshi/b/", "乙支部党史专题"], ["guide/", "撰写指南"]]
    assert read_part(tmp_path, "t/1") == ["dangshi/b/", "乙支部党史专题", [["", "乙支部党史专题", ""], ["s2", "二、党性", "党性修养有差距，理论学习"]]]
    assert read_page(tmp_path, 2)[:2] == ("guide/", "撰写指南")
    at = [page_text(*read_page(tmp_path, i)[1:]).index("理论") for i in range(2)]
    assert at == [18, 22]
    assert postings_of(tmp_path, "理论") == [(0, 1, 1 << 18, (18,)), (1, 1, 1 << 22, (22,))]
    assert manifest["titles"] == ["甲支部2021年度材料", "乙支部党史专题", "撰写指南"]
    assert postings_of(tmp_path, "支部") == [(0, 1, 1 << 1, (1,)), (1, 1, 1 << 1, (1,))]  # the title is in the body
    assert postings_of(tmp_path, "h党性") == [(1, 1, 1 << 2, (2,))]
    assert postings_of(tmp_path, "区块") == []
    files = list((tmp_path / phrase_index.INDEX_DIR).rglob("*.js"))
    assert size.pages == 3 and size.files == len(files) and size.bytes == sum(f.stat().st_size for f in files)


def test_a_file_that_is_not_a_part_is_named(tmp_path):
    write_index(tmp_path, _records(), TYPES, "search/")
    (tmp_path / phrase_index.INDEX_DIR / "manifest.js").write_text("var x = 1;", encoding="utf-8")
    with pytest.raises(IndexFormatError, match="manifest.js"):
        read_part(tmp_path, "manifest")


@pytest.fixture(scope="module")
def built(site_dir):
    """The real site's index, with each sample's normalized text by page id."""
    manifest = read_part(site_dir, "manifest")
    texts = {}
    for page_id in range(manifest["samples"]):
        _, title, sections = read_page(site_dir, page_id)
        texts[page_id] = [normalize(page_text(title, sections))]
    return site_dir, texts


def _rotate_right(mask: int, by: int) -> int:
    by &= 31
    return ((mask >> by) | (mask << (32 - by))) & 0xFFFFFFFF


def _candidates(site_dir, phrase: str) -> set[int]:
    """The pages whose postings hold every bigram of the phrase with masks that line up, and places
    that line up where every bigram has them (what the browser goes on to verify)."""
    found = [{page_id: (mask, places) for page_id, _, mask, places in postings_of(site_dir, phrase[i:i + 2])}
             for i in range(len(phrase) - 1)]
    pages = set(found[0]).intersection(*found[1:])

    def lines_up(page_id: int) -> bool:
        mask = 0xFFFFFFFF
        for offset, postings in enumerate(found):
            mask &= _rotate_right(postings[page_id][0], offset)
        placed = [(offset, postings[page_id][1]) for offset, postings in enumerate(found) if postings[page_id][1]]
        starts = {(place - placed[0][0]) % 1024 for place in placed[0][1]} if placed else set()
        return bool(mask) and (not placed or any(all((start + offset) % 1024 in places for offset, places in placed)
                                                 for start in starts))

    return {page_id for page_id in pages if lines_up(page_id)}


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_substring_of_every_sample_leads_to_it(built, data):
    site_dir, texts = built
    page_id = data.draw(st.sampled_from(sorted(texts)))
    block = data.draw(st.sampled_from([t for t in texts[page_id] if len(t) >= 2]))
    lines = [line for line in block.split("\n") if len(line.strip()) >= 2]
    line = data.draw(st.sampled_from(lines))
    start = data.draw(st.integers(0, len(line) - 2))
    end = data.draw(st.integers(start + 2, min(len(line), start + 12)))
    phrase = line[start:end]
    if any(c.isspace() for c in phrase):  # a query's terms hold no whitespace
        phrase = max(phrase.split(), key=len)
        if len(phrase) < 2:
            return
    assert page_id in _candidates(site_dir, phrase), json.dumps(phrase, ensure_ascii=False)


def test_a_title_escaped_for_the_theme_is_plain_text_in_the_index():
    """The hook escapes front matter for the theme; the search escapes what it shows, so the index
    must hold the title once unescaped (else a title with & or " shows as &amp; or &quot;)."""
    import json
    from types import SimpleNamespace

    from scripts.kb.site.site_build import SiteBuild

    site = SiteBuild()
    site.library = SimpleNamespace(by_rel={})
    record = json.loads(site.search_record("x.md", "x/", "A &amp; &quot;B&quot; &lt;i&gt;", "<p>正文</p>"))
    assert record["title"] == 'A & "B" <i>'
