"""Gallery and outline pages generated from snippets/ and the meeting types."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from scripts.kb.core.data import domain
from scripts.kb.core.frontmatter import FrontMatterError
from scripts.kb.core.model import load_library, load_samples
from scripts.kb.core.paths import SNIPPETS_DIR
from scripts.kb.core.snippet import load_snippets, snippet_data
from scripts.kb.search.phrase_index import read_pages
from scripts.kb.site.cards import heading_anchors
from scripts.kb.site.gallery import gallery_pages
from scripts.kb.site.pages import generated_pages

SAMPLES = load_samples()
SNIPPETS = load_snippets(SNIPPETS_DIR)


@pytest.fixture(scope="module")
def pages():
    return gallery_pages(SAMPLES, domain(), SNIPPETS)


def test_every_snippet_is_a_card_on_exactly_one_topic_page_of_its_kind_and_topic(pages):
    data = snippet_data()
    for snippet in SNIPPETS:
        holders = [src for src, text in pages.items() if f'id="{snippet.slug}"' in text]
        assert len(holders) == 1, snippet.slug
        assert holders[0].startswith(f"snippets/{data.kind_slugs[snippet.kind]}/{data.topic_slugs[snippet.topic]}")


def test_topic_pages_are_split_at_the_page_size(pages):
    size = snippet_data().cards_per_page
    for src, text in pages.items():
        assert text.count('class="kb-card"') <= size, src
    many = [replace(SNIPPETS[0], slug=f"{SNIPPETS[0].slug}-{i}") for i in range(size + 1)]
    split = gallery_pages(SAMPLES, domain(), many)
    first = f"snippets/{snippet_data().kind_slugs[many[0].kind]}/{snippet_data().topic_slugs[many[0].topic]}"
    assert split[f"{first}.md"].count('class="kb-card"') == size
    assert split[f"{first}-2.md"].count('class="kb-card"') == 1
    assert "下一页" in split[f"{first}.md"] and "上一页" in split[f"{first}-2.md"]


def test_cards_link_to_the_heading_of_their_source(pages):
    card = next(s for s in SNIPPETS if s.slug == "annual-2021-xian-renda-jiguan-zhibu-causes-02-01")
    page = next(text for text in pages.values() if f'id="{card.slug}"' in text)
    block = page[page.index(f'id="{card.slug}"'):]
    anchor = re.search(r"\]\(\.\./\.\./annual/2021-xian-renda-jiguan-zhibu\.md#([^)]+)\)", block.split("</div>\n\n</div>")[0])
    assert anchor and not anchor.group(1).startswith("_"), block[:500]  # readable, made from the heading


def test_source_links_land_on_headings_the_built_page_has(site_dir):
    for sample in SAMPLES:
        page = (site_dir / sample.url / "index.html").read_text(encoding="utf-8")
        for text, anchor, _ in heading_anchors(sample):
            assert f'id="{anchor}"' in page, (sample.rel, text, anchor)


def test_a_snippet_whose_source_is_missing_is_an_error():
    orphan = replace(SNIPPETS[0], source="annual/2099-missing.md")
    with pytest.raises(FrontMatterError, match="2099-missing.md 不存在"):
        gallery_pages(SAMPLES, domain(), [orphan])


def test_a_snippet_whose_section_is_not_in_its_source_is_an_error():
    wrong = replace(SNIPPETS[0], section="（九）不存在的标题")
    with pytest.raises(FrontMatterError, match="不存在的标题"):
        gallery_pages(SAMPLES, domain(), [wrong])


def test_outline_page_per_type_and_year_with_areas_and_snippet_links(pages):
    for mt in domain().types:
        for year, framework in mt.frameworks.items():
            text = pages[f"outlines/{mt.key}-{year}.md"]
            assert 'data-kb-copy="复制提纲"' in text
            for area in framework.areas + framework.branch_areas:
                assert area.name in text
    dangshi = pages["outlines/dangshi-2021.md"]
    assert "## 党支部班子材料" in dangshi and "## 党员个人材料" in dangshi
    assert "（六）组织开展党史学习教育方面" in dangshi.split("## 党员个人材料")[0]
    assert "组织开展党史学习教育方面" not in dangshi.split("## 党员个人材料")[1]
    assert "#dangshi-2021-zhen-dangzhibu-dangshi-zhuanti-problems-01-01)" in dangshi
    assert "一、工作开展情况" in pages["outlines/annual-2021.md"]


def test_gallery_is_part_of_the_generated_pages():
    generated = generated_pages(load_library(), domain())
    assert {"snippets/index.md", "outlines/index.md", "annual/index.md"} <= set(generated)


def test_built_gallery_pages_are_small_and_cards_stay_out_of_search(site_dir):
    pages = list((site_dir / "snippets").rglob("index.html")) + list((site_dir / "outlines").rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        assert page.stat().st_size < 60_000, page
    locations = {url for url, _ in read_pages(site_dir)}
    assert "snippets/" in locations and "outlines/annual-2021/" in locations
    assert not [loc for loc in locations if loc.count("/") > 2 and loc.startswith("snippets/")]


def test_without_snippets_the_gallery_and_outlines_still_build():
    empty = gallery_pages(SAMPLES, domain(), [])
    assert "暂无这一类的片段" in empty["snippets/problems/index.md"]
    assert "暂无这一方面的片段" in empty["outlines/annual-2021.md"]
    assert not [src for src in empty if src.count("/") == 2 and not src.endswith("index.md")]
