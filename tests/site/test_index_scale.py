"""Scale: a page's HTML does not grow with the number of samples (synthetic corpora, not timed)."""

from __future__ import annotations

from collections import Counter

import pytest

from scripts.kb.bench.corpus import CorpusError, generate_corpus, source_pools, synthetic_sample, write_config
from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples
from scripts.kb.core.paths import DOCS_DIR
from scripts.kb.site.browse import browse_settings
from tests.conftest import build_site
from tests.site.test_index_build import (
    assert_catalog_is_valid,
    assert_groups_are_exact,
    assert_samples_stay_out_of_the_sidebar,
)

pytestmark = pytest.mark.build
SEED = 7


def _build(tmp_path_factory, n: int):
    root = tmp_path_factory.mktemp(f"corpus{n}")
    generate_corpus(root / "docs", n, SEED)
    result = build_site(write_config(root / "mkdocs.yml", root / "docs"), root / "site")
    assert result.returncode == 0, result.stderr
    return root, result.stderr


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return _build(tmp_path_factory, 10)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return _build(tmp_path_factory, 300)


def _largest_sample_page(root) -> int:
    return max(p.stat().st_size for p in (root / "site").glob("*/synthetic-*/index.html"))


def test_largest_sample_page_does_not_grow_with_the_corpus(small, large):
    ten, three_hundred = _largest_sample_page(small[0]), _largest_sample_page(large[0])
    assert abs(three_hundred - ten) / ten < 0.10, f"10 篇：{ten} 字节，300 篇：{three_hundred} 字节"


def test_large_corpus_builds_without_navigation_noise_and_paginates(large):
    root, log = large
    assert "not included in the" not in log and "WARNING" not in log, log
    samples = load_samples(root / "docs", domain())
    assert len(samples) == 300
    size = browse_settings().page_size
    by_type = Counter(s.meeting_type for s in samples)
    by_year = Counter(s.year for s in samples)
    paged = [key for key, n in by_type.items() if n > size] + [f"browse/years/{y}" for y, n in by_year.items() if n > size]
    assert paged, "语料应有超过一页的分组"
    for base in paged:
        assert (root / "site" / base / "page-2" / "index.html").is_file(), base
    assert_groups_are_exact(root / "site", samples)
    assert_catalog_is_valid(root / "site", samples)
    assert_samples_stay_out_of_the_sidebar(root / "site", samples)


def test_corpus_is_deterministic_and_a_prefix_of_larger_ones(tmp_path):
    a = generate_corpus(tmp_path / "a", 6, SEED)
    b = generate_corpus(tmp_path / "b", 9, SEED)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b[:6]]
    c = generate_corpus(tmp_path / "c", 6, SEED + 1)
    assert [p.read_bytes() for p in a] != [p.read_bytes() for p in c]
    sizes = [len(p.read_bytes()) for p in b]
    assert all(14_000 < size < 17_500 for size in sizes), sizes
    assert {p.parent.name for p in b} == set(domain().type_keys)
    assert (tmp_path / "a" / "index.md").is_file()  # the hand-written pages come along
    assert not any(p.name.startswith("synthetic") for p in DOCS_DIR.rglob("*.md"))


def test_synthetic_samples_have_the_sections_their_type_requires(tmp_path):
    dom = domain()
    sources = source_pools(DOCS_DIR, dom)
    for index in range(len(dom.types)):
        rel, text = synthetic_sample(index, SEED, sources, dom)
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for sample in load_samples(tmp_path, dom):
        assert set(dom.type(sample.meeting_type).required) <= set(sample.roles()), sample.rel
        assert sample.meta["tags"] and set(sample.meta["tags"]) <= set(dom.allow_lists["tags"])


def test_corpus_is_never_written_into_docs(tmp_path):
    with pytest.raises(CorpusError):
        generate_corpus(DOCS_DIR / "synthetic", 1, SEED)
    assert not (DOCS_DIR / "synthetic").exists()
