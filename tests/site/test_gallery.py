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
from scripts.kb.search.phrase_index import read_page, read_part, read_pages
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
    dom = domain()
    for mt in dom.types:
        for year, framework in mt.frameworks.items():
            if framework.see:  # held as another type's meeting: no page of its own
                assert f"outlines/{mt.key}-{year}.md" not in pages
                continue
            text = pages[f"outlines/{mt.key}-{year}.md"]
            assert 'data-kb-copy="复制提纲"' in text
            for area in framework.all_areas:
                assert area.name in text
            assert dom.notices["basis"] in text and f"依据（可信度：{framework.confidence}）" in text
    dangshi = pages["outlines/dangshi-2021.md"]
    assert '=== "党支部班子材料"' in dangshi and '=== "党员个人材料"' in dangshi
    assert "（六）组织开展党史学习教育方面" in dangshi.split('=== "党员个人材料"')[0]
    assert "组织开展党史学习教育方面" not in dangshi.split('=== "党员个人材料"')[1]
    assert "#dangshi-2021-zhen-dangzhibu-dangshi-zhuanti-problems-01-01)" in dangshi
    assert "一、工作开展情况" in pages["outlines/annual-2021.md"]


def test_outline_pages_show_basis_theme_and_what_is_not_official(pages):
    dom = domain()
    annual_2025 = pages["outlines/annual-2025.md"]
    framework = dom.type("annual").frameworks[2025]
    assert framework.theme in annual_2025 and dom.notices["yardstick"] in annual_2025
    assert '!!! warning "依据（可信度：中）"' in annual_2025 and dom.notices["unofficial"] in annual_2025
    for source in framework.basis:
        assert f"({source.link})" in annual_2025
    theme_source = dom.type("annual").frameworks[2024].basis[0]
    assert f"]({theme_source.link})（可信度：高）" in pages["outlines/annual-2024.md"] and theme_source.confidence == "高"
    topic = pages["outlines/zhutijiaoyu-2023.md"]
    assert "学思想、强党性、重实践、建新功" in topic and "民主评议党员" in topic
    assert "（六）抓好自身建设方面" in topic.split('=== "党员个人材料"')[0]
    assert "（四）发挥先锋模范作用情况方面" in topic.split('=== "党员个人材料"')[1]


def test_outline_index_lists_every_type_year_and_subject_with_basis_and_confidence(pages):
    dom = domain()
    index = pages["outlines/index.md"]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in index.splitlines() if line.startswith("| [")]
    expected = [(mt.name, str(year), dom.subject_label(s)) for mt in dom.types for year in sorted(mt.frameworks, reverse=True)
                for s in dom.allow_lists["subjects"]]
    assert [(row[0].split("](")[0][1:], row[1], row[2]) for row in rows] == expected
    for row in rows:
        mt = next(t for t in dom.types if t.name == row[0].split("](")[0][1:])
        framework = mt.frameworks[int(row[1])]
        subject = next(s for s in dom.allow_lists["subjects"] if dom.subject_label(s) == row[2])
        assert row[5] == framework.subjects[subject].confidence
        assert all(source.issuer in row[4] for source in framework.subjects[subject].basis)
    assert "| [年度组织生活会](zhutijiaoyu-2023.md) | 2023 | 党支部班子 | 作为主题教育专题组织生活会召开，见其提纲 |" in index
    assert dom.notices["basis"] in index


def test_gallery_is_part_of_the_generated_pages():
    generated = generated_pages(load_library(), domain())
    assert {"snippets/index.md", "outlines/index.md", "annual/index.md"} <= set(generated)


def test_built_gallery_pages_are_small_and_each_card_names_its_sample_for_search(site_dir):
    pages = list((site_dir / "snippets").rglob("index.html")) + list((site_dir / "outlines").rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        assert page.stat().st_size < 60_000, page
    indexed = read_pages(site_dir)
    samples = {url for url, _ in indexed[:read_part(site_dir, "manifest")["samples"]]}
    locations = {url for url, _ in indexed}
    assert "snippets/" in locations and "outlines/annual-2021/" in locations
    card_pages = [i for i, (url, _) in enumerate(indexed) if url.count("/") > 2 and url.startswith("snippets/")]
    assert len(card_pages) > 10
    quoted = 0
    for page_id in card_pages:
        cards = [section for section in read_page(site_dir, page_id)[2] if len(section) == 4]
        assert cards, indexed[page_id]
        for anchor, heading, text, source in cards:  # the search lists a matching card under its sample
            assert anchor and text and source in samples, (indexed[page_id], anchor, source)
        quoted += len(cards)
    assert quoted == len(SNIPPETS)


def test_without_snippets_the_gallery_and_outlines_still_build():
    empty = gallery_pages(SAMPLES, domain(), [])
    assert "暂无这一类的片段" in empty["snippets/problems/index.md"]
    assert "暂无这一方面的片段" in empty["outlines/annual-2021.md"]
    assert not [src for src in empty if src.count("/") == 2 and not src.endswith("index.md")]


def test_every_type_page_shows_its_frameworks_with_basis_even_without_samples():
    library, dom = load_library(), domain()
    generated = generated_pages(library, dom)
    for mt in dom.types:
        page = generated[f"{mt.key}/index.md"]
        for year, framework in mt.frameworks.items():
            assert f"### {year}年度：{framework.name}" in page
        assert page.count("依据（可信度：") == len(mt.frameworks) and dom.notices["basis"] in page
        if not library.by_type.get(mt.key):
            assert "暂无范例，欢迎投稿" in page
    topic = generated["zhutijiaoyu/index.md"]
    assert "学思想、强党性、重实践、建新功" in topic and "通知中的步骤：深化学习、谈心谈话" in topic
    annual = generated["annual/index.md"]
    assert "把主题教育专题组织生活会作为本年度组织生活会召开" in annual and "(../outlines/zhutijiaoyu-2023.md)" in annual
