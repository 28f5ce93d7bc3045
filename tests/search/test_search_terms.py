"""The jieba user dictionary: documented term by term, and each term a single search token."""

from __future__ import annotations

import logging
import re

import jieba
import pytest
import yaml

from scripts.kb.core.paths import DATA_DIR, ROOT
from tests.conftest import SEEDS_DIR

USERDICT = DATA_DIR / "jieba_userdict.txt"
USERDICT_DOC = DATA_DIR / "jieba_userdict.md"
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")

# Places in the seeds where a term legitimately does not come out whole, and why.
KNOWN_SPLITS = {
    "基层党组织生活会": "the seed's shorthand for 党组织的组织生活会: 党组织 and 组织生活会 share 组织",
}


def dictionary_terms() -> list[str]:
    return [line.split(" ")[0] for line in USERDICT.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def tokenizer() -> jieba.Tokenizer:
    """A private jieba with the user dictionary, as the search plugin loads it."""
    jieba.setLogLevel(logging.WARNING)
    instance = jieba.Tokenizer()
    instance.load_userdict(str(USERDICT))
    return instance


def test_search_plugin_loads_the_dictionary():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert (ROOT / config["plugins"]["search"]["jieba_dict_user"]) == USERDICT


def test_every_term_is_documented_and_every_documented_term_is_in_the_dictionary():
    rows = re.findall(r"^\| ([^|\s]+) \| ([^|]+) \|$", USERDICT_DOC.read_text(encoding="utf-8"), re.M)
    documented = [term for term, why in rows if term not in ("词", "---") and why.strip()]
    terms = dictionary_terms()
    assert len(terms) == len(set(terms)), "词典里有重复的词"
    assert sorted(documented) == sorted(terms)


def test_dictionary_lines_are_plain_terms():
    for number, line in enumerate(USERDICT.read_text(encoding="utf-8").splitlines(), 1):
        assert re.fullmatch(r"[\u4e00-\u9fff]+", line), f"{USERDICT.name}:{number}: {line!r} 不是一个纯中文词"


@pytest.mark.parametrize("term", dictionary_terms())
def test_term_alone_is_one_token(tokenizer, term):
    assert tokenizer.lcut(term) == [term]


@pytest.fixture(scope="module")
def seed_runs() -> list[str]:
    """Every run of Chinese characters in the seeds: what jieba is given at build time."""
    return [run for path in sorted(SEEDS_DIR.glob("*.txt")) for run in HAN_RUN.findall(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("term", dictionary_terms())
def test_term_stays_whole_in_the_seed_sentences(tokenizer, seed_runs, term):
    split = [
        "/".join(tokens)
        for run in seed_runs
        if term in run and not any(known in run for known in KNOWN_SPLITS)
        for tokens in [tokenizer.lcut(run)]
        if tokens.count(term) < run.count(term)
    ]
    assert not split, f"“{term}”在这些句子里被切开：\n" + "\n".join(split)


def test_without_the_dictionary_the_core_terms_would_be_split():
    """The dictionary is needed: jieba's own dictionary splits the field's names."""
    plain = jieba.Tokenizer()
    assert plain.lcut("组织生活会") != ["组织生活会"]
    assert plain.lcut("三会一课") != ["三会一课"]
