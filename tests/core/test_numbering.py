"""Chinese numerals and GB/T 9704 level markers; the outline built from a type's data."""

import pytest

from scripts.kb.core.data import domain
from scripts.kb.core.numbering import chinese_numeral, level_marker, parse_chinese_numeral
from scripts.kb.core.outline import build_outline


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九")])
def test_numerals_round_trip(n, text):
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize("text", ["", "零", "二二", "十十", "百", "1"])
def test_non_numerals(text):
    assert parse_chinese_numeral(text) is None


def test_level_markers():
    assert [level_marker(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]


def test_outline_follows_the_type_data():
    dom = domain()
    for mt in dom.types:
        for year, framework in mt.frameworks.items():
            outline = build_outline(mt, year, "班子", dom)
            top = [item.role for item in outline if item.level == 1]
            assert set(mt.required) <= set(top)
            areas = [item.area for item in outline if item.level == 2]
            assert areas == [a.name for a in framework.areas_for("班子")]
            assert [item.number for item in outline if item.level == 1][:2] == ["一、", "二、"]


def test_outline_headings_and_hints_read_naturally():
    dom = domain()
    for mt in dom.types:
        for year in mt.frameworks:
            for item in build_outline(mt, year, "班子", dom):
                assert "方面方面" not in item.heading and "对照“对照" not in item.hint, item
