"""File names from titles: the pinyin slug `import` and the 撰写 page give a file."""

from __future__ import annotations

import random
import re
import subprocess
import sys

from scripts.kb.check.config import settings
from scripts.kb.core.paths import ROOT
from scripts.kb.core.slug import MAX_LENGTH, pinyin_slug, pinyin_table

SEED = 16


def random_title(rng: random.Random) -> str:
    chars = [chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(rng.randint(0, 40))]
    for _ in range(rng.randint(0, 3)):
        chars.insert(rng.randint(0, len(chars)), rng.choice(["2022", "XX", "（", "）", "“", "”", " ", "OA", "·"]))
    return "".join(chars)


def test_a_title_becomes_its_pinyin():
    assert pinyin_slug("县人大常委会机关支部2021年度组织生活会") == "xian-ren-da-chang-wei-hui-ji-guan-zhi-bu-2021-nian-du-zu-zhi"
    assert pinyin_slug("中国共产党" * 10, max_length=12) == "zhong-guo"
    assert pinyin_slug("“XX镇”党委（OA系统）") == "xx-zhen-dang-wei-oa-xi-tong"
    assert pinyin_slug("——") == ""


def test_random_titles_give_file_names_check_accepts():
    pattern = re.compile(settings()["slug_pattern"])
    rng = random.Random(SEED)
    for _ in range(500):
        title = random_title(rng)
        slug = pinyin_slug(title)
        assert slug == "" or pattern.match(slug), (title, slug)
        assert len(slug) <= MAX_LENGTH


def test_the_table_gives_each_character_its_pinyin():
    """Every character: the table reads them in one call, a title one at a time."""
    reverse = {char: pinyin for pinyin, chars in pinyin_table().items() for char in chars}
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        assert reverse.get(char, "") == pinyin_slug(char), char


def test_pypinyin_is_imported_only_when_a_pinyin_is_asked_for():
    code = ("import sys\nfrom scripts.kb.core import slug\nimport scripts.kb.site.site_build\n"
            "print('pypinyin' in sys.modules, slug.pinyin_slug('党') == 'dang', 'pypinyin' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True"]
