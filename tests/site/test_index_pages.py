"""Index generation on a fixture tree: the model, every generated page, the catalog, the CLI."""

from __future__ import annotations

import dataclasses
import json
import random
import re
from pathlib import Path

import jsonschema
import lxml.html
import pytest

from scripts.kb.cli import main
from scripts.kb.core.data import domain
from scripts.kb.core.frontmatter import FrontMatterError
from scripts.kb.core.model import Library, Sample, load_library, newest_first
from scripts.kb.core.paths import DATA_DIR
from scripts.kb.site import browse, pages
from scripts.kb.site.browse import BrowseDataError, browse_settings

# (file, type, year, level, org_kind, subject, tags): a sample of each type, two years.
FIXTURE = [
    ("annual/a-2021.md", "annual", 2021, "县级", "人大机关", "班子", ["四个对照", "理论学习"]),
    ("annual/b-2022.md", "annual", 2022, "乡镇", "乡镇", "个人", ["六个方面", "理论学习"]),
    ("annual/c-2021.md", "annual", 2021, "市级", "党政机关", "班子", ["四个对照"]),
    ("dangshi/d-2021.md", "dangshi", 2021, "乡镇", "乡镇", "班子", ["党史学习教育"]),
    ("yingshenghui/e-2022.md", "yingshenghui", 2022, "县级", "党政机关", "个人", ["党的二十大", "理论学习"]),
]
TITLES = {rel: f"测试范例{rel[-11:-3]}" for rel, *_ in FIXTURE}


def write_sample(docs: Path, rel, mt, year, level, kind, subject, tags):
    path = docs / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {TITLES[rel]}\nmeeting_type: {mt}\nyear: {year}\nlevel: {level}\norg_kind: {kind}\n"
        f"subject: {subject}\nframework: 框架\ntags: [{', '.join(tags)}]\nsource: 测试\n---\n"
        "开头。\n\n## 一、存在的问题\n\n### （一）思想方面\n\n问题。\n\n## 二、整改措施\n\n措施。\n",
        encoding="utf-8",
    )


@pytest.fixture
def tree(tmp_path) -> tuple[Path, Path]:
    docs, snippets = tmp_path / "docs", tmp_path / "snippets"
    for row in FIXTURE:
        write_sample(docs, *row)
    snippets.mkdir()
    (snippets / "s1.md").write_text(
        "---\nkind: 问题\ntopic: 理论学习\nmeeting_types: [annual]\nsource: annual/a-2021.md\nsection: （一）思想方面\n---\n问题。\n",
        encoding="utf-8",
    )
    return docs, snippets


@pytest.fixture
def library(tree) -> Library:
    docs, snippets = tree
    return load_library(docs, snippets, domain())


@pytest.fixture
def generated(library) -> dict[str, str]:
    return pages.generated_pages(library, domain())


def linked_titles(markdown: str) -> list[str]:
    """The linked sample titles of a page, in order: Markdown links, and the links of its HTML tables."""
    return [md or html for md, html in re.findall(r'\[(测试范例[^\]]+)\]|<a href="[^"]*">(测试范例[^<]+)</a>', markdown)]


def test_library_reads_samples_snippets_and_outlines(library):
    assert [s.rel for s in library.samples] == sorted(rel for rel, *_ in FIXTURE)
    assert [s.rel for s in library.snippets] == ["s1.md"]
    assert library.snippets[0].source == "annual/a-2021.md" and library.snippets[0].text == "问题。"
    assert [s.rel for s in library.by_type["annual"]] == ["annual/b-2022.md", "annual/a-2021.md", "annual/c-2021.md"]
    assert library.added == {}  # a temporary folder is not a git checkout


def test_a_broken_snippet_names_its_file(tree):
    docs, snippets = tree
    (snippets / "bad.md").write_text("---\nkind: [问题\n---\n", encoding="utf-8")
    with pytest.raises(FrontMatterError) as info:
        load_library(docs, snippets, domain())
    assert str(snippets / "bad.md") in info.value.message and info.value.line == 2


def test_meeting_type_page_groups_its_samples_by_year_newest_first(generated):
    page = generated["annual/index.md"]
    assert page.startswith("# 年度组织生活会\n")
    assert "## 材料结构" in page and "| 存在的问题 | 必需 |" in page and "### 2021年度：四个对照" in page
    assert linked_titles(page) == [TITLES["annual/b-2022.md"], TITLES["annual/a-2021.md"], TITLES["annual/c-2021.md"]]
    assert page.index("### 2022年") < page.index("### 2021年")
    assert f"[{TITLES['annual/a-2021.md']}](a-2021.md)" in page
    assert "[全部范例](../browse/index.md?type=annual)" in page


def test_year_and_level_pages_list_exactly_their_samples_across_types(generated, library):
    year = generated["browse/years/2021/index.md"]
    assert linked_titles(year) == [TITLES["annual/a-2021.md"], TITLES["annual/c-2021.md"], TITLES["dangshi/d-2021.md"]]
    assert '<a href="../../../annual/a-2021/">' in year  # an HTML table: the page's address, as MkDocs gives it
    flat = pages.generated_pages(library, domain(), directory_urls=False)["browse/years/2021/index.md"]
    assert '<a href="../../../annual/a-2021.html">' in flat
    township = generated["browse/levels/township/index.md"]
    assert linked_titles(township) == [TITLES["annual/b-2022.md"], TITLES["dangshi/d-2021.md"]]
    assert "browse/levels/province/index.md" not in generated  # a level without samples has no page
    years = generated["browse/years/index.md"]
    assert years.index("[2022年](2022/index.md) | 2") < years.index("[2021年](2021/index.md) | 3")
    assert "[县级](county/index.md) | 2" in generated["browse/levels/index.md"]


def test_tag_pages_list_their_samples_and_link_to_the_filter(generated):
    page = generated["browse/tags/lilun-xuexi/index.md"]
    assert page.startswith("# 标签：理论学习") and "共 3 篇" in page
    assert len(linked_titles(page)) == 3
    assert "[在全部范例中组合筛选](../../index.md?q=%E7%90%86%E8%AE%BA%E5%AD%A6%E4%B9%A0)" in page
    overview = generated["browse/tags/index.md"]
    assert "[理论学习](lilun-xuexi/index.md) | 3" in overview
    assert "专项整治" not in overview and "browse/tags/zhuanxiang-zhengzhi/index.md" not in generated


def test_year_and_level_pages_link_to_the_same_filter(generated):
    assert "(../../index.md?year=2021)" in generated["browse/years/2021/index.md"]
    assert "(../../index.md?level=%E4%B9%A1%E9%95%87)" in generated["browse/levels/township/index.md"]


def test_groups_are_paginated_and_every_sample_is_on_exactly_one_page(library):
    settings = dataclasses.replace(browse_settings(), page_size=2)
    out = pages.generated_pages(library, domain(), settings=settings)
    annual = [out["annual/index.md"], out["annual/page-2.md"]]
    assert "annual/page-3.md" not in out
    assert sum((linked_titles(p) for p in annual), []) == [
        TITLES["annual/b-2022.md"], TITLES["annual/a-2021.md"], TITLES["annual/c-2021.md"]
    ]
    assert "分页： **1** [2](page-2.md)" in annual[0] and "分页： [1](index.md) **2**" in annual[1]
    assert annual[1].startswith("# 年度组织生活会：范例（第 2 页）") and "## 材料结构" not in annual[1]
    assert linked_titles(out["browse/years/2021/page-2.md"]) == [TITLES["dangshi/d-2021.md"]]


def test_all_samples_page_has_a_filter_per_column_and_its_data(generated, library):
    page = generated["browse/index.md"]
    for name in ("type", "year", "level", "kind", "subject", "q"):
        assert f'name="{name}"' in page
    assert '<option value="2022">2022</option><option value="2021">2021</option>' in page
    assert '<option value="县级">县级</option><option value="乡镇">乡镇</option>' in page  # allow-list order, present only
    assert '<script src="samples.js" charset="utf-8"></script>' in page
    data = json.loads(generated["browse/samples.js"].removeprefix("window.kbSamples = ").rstrip(";\n"))
    assert data["fields"][:4] == ["title", "url", "type", "year"]
    assert [row[1] for row in data["rows"]] == [
        "../annual/b-2022/", "../annual/a-2021/", "../annual/c-2021/", "../dangshi/d-2021/", "../yingshenghui/e-2022/"
    ]
    flat = pages.generated_pages(library, domain(), directory_urls=False)["browse/samples.js"]
    assert '"../annual/b-2022.html"' in flat


def _links(html: str) -> dict[str, str]:
    """Each link's text and address."""
    return {a.text_content(): a.get("href") for a in lxml.html.fragment_fromstring(html, create_parent="div").iter("a")}


def test_sample_header_links_metadata_and_related_samples(library):
    """HTML with the addresses MkDocs gives .md links (MkDocs leaves a raw HTML block's links alone)."""
    sample = library.by_rel["annual/a-2021.md"]
    header = pages.sample_header(sample, library, domain())
    links = _links(header)
    assert links["年度组织生活会"] == "../" and links["2021"] == "../../browse/years/2021/"
    assert links["县级"] == "../../browse/levels/county/"
    assert links["人大机关"] == "../../browse/?kind=%E4%BA%BA%E5%A4%A7%E6%9C%BA%E5%85%B3"
    assert '<a class="kb-tag" href="../../browse/tags/sige-duizhao/">四个对照</a>' in header and "<th>对照框架</th>" in header
    related = re.findall(r'<li><a href="([^"]+)">(测试范例[^<]+)</a>', header)
    assert related == [("../c-2021/", TITLES["annual/c-2021.md"]), ("../b-2022/", TITLES["annual/b-2022.md"])]
    flat = _links(pages.sample_header(sample, library, domain(), directory_urls=False))
    assert flat["年度组织生活会"] == "index.html" and flat["2021"] == "../browse/years/2021/index.html"
    # The notice and the related samples are shown, not searched (every sample has them).
    assert '<div class="admonition warning" data-search-exclude="">' in header and "使用提示" in header
    assert '<details class="kb-related" data-search-exclude="">' in header


def test_sample_header_escapes_what_the_front_matter_says(library):
    sample = library.by_rel["annual/a-2021.md"]
    hostile = dataclasses.replace(sample, meta={**sample.meta, "org_kind": '<img src=x onerror="alert(1)">&', "tags": ["<b>甲</b>"]})
    header = pages.sample_header(hostile, library, domain())
    assert "<img" not in header and "<b>" not in header
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&amp;</a>" in header and "&lt;b&gt;甲&lt;/b&gt;" in header


def test_sample_header_shows_the_aspects_of_a_units_own_notice(library):
    sample = library.by_rel["annual/a-2021.md"]
    local = dataclasses.replace(sample, meta={**sample.meta, "framework": "本单位通知", "aspects": ["政治纪律", "组织纪律"]})
    assert "<td>本单位通知（政治纪律、组织纪律）</td>" in pages.sample_header(local, library, domain())
    assert f"<td>{sample.meta['framework']}</td>" in pages.sample_header(sample, library, domain())


def test_related_samples_prefer_same_year_then_shared_tags():
    def fake(rel, year, tags):
        return Sample(Path(rel), rel, {"title": rel, "meeting_type": "annual", "year": year, "tags": tags}, 1, [], [])

    me = fake("m", 2021, ["a", "b"])
    others = [fake("x", 2022, ["a", "b"]), fake("y", 2021, []), fake("z", 2021, ["a"]), fake("v", 2020, ["a"])]
    same_type = sorted([me, *others], key=newest_first)
    assert [s.rel for s in browse.related_samples(me, same_type, 3)] == ["z", "y", "x"]
    assert [s.rel for s in browse.related_samples(me, same_type, 9)] == ["z", "y", "x", "v"]


def test_related_samples_of_the_same_year_alone_are_those_of_all_ranked():
    """Library.by_type_year lets a sample rank only the samples of its year sharing a tag with it
    when they fill the list: on random libraries (fixed seed; years, tags and limits drawn, some
    years not integers) the related samples are those of ranking all of its type."""
    rng, shortcuts = random.Random(17), 0
    for _ in range(60):
        samples = [Sample(Path(f"annual/s{n}.md"), f"annual/s{n}.md",
                          {"title": f"s{n}", "meeting_type": "annual", "tags": rng.sample("abcdef", rng.randint(0, 3)),
                           "year": rng.choice([2019, 2020, 2021, 2021, 2022, "2021", None, True, 1])}, 1, [], [])
                   for n in range(rng.randint(1, 40))]
        library = Library(samples, [], {})
        same_type = library.by_type["annual"]
        for sample in samples:
            same_year = library.year_group(sample)
            for limit in (0, 1, 3, 5, 50):
                shortcuts += same_year is not None and len(same_year.samples) > limit
                found = browse.related_samples(sample, same_type, limit, same_year)
                assert [s.rel for s in found] == [s.rel for s in browse.related_samples(sample, same_type, limit)]
    assert shortcuts > 1000


def test_home_figures_count_each_type_and_show_newest_additions(library):
    library.added.update({"annual/a-2021.md": "2024-01-02", "annual/b-2022.md": "2024-03-01", "dangshi/d-2021.md": "2024-03-01"})
    block = pages.expand_markers("前\n\n<!-- kb:home-figures -->\n\n后", "index.md", library, domain())
    assert "| [年度组织生活会](annual/index.md) | 3 |" in block and "| **合计** | **5** |" in block
    newest = re.findall(r"^- (\S+) · \[(测试范例[^\]]+)\]", block, re.M)
    assert newest == [
        ("新提交", TITLES["annual/c-2021.md"]), ("新提交", TITLES["yingshenghui/e-2022.md"]),
        ("2024-03-01", TITLES["annual/b-2022.md"]), ("2024-03-01", TITLES["dangshi/d-2021.md"]),
        ("2024-01-02", TITLES["annual/a-2021.md"]),
    ]
    assert block.startswith("前\n\n## 范例数量") and block.endswith("后")


def test_catalog_validates_and_carries_front_matter_url_and_outline(generated):
    catalog = json.loads(generated["catalog.json"])
    schema = json.loads((DATA_DIR / "catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(catalog, schema, format_checker=jsonschema.FormatChecker())
    first = catalog["samples"][0]
    assert first["path"] == "docs/annual/b-2022.md" and first["url"] == "annual/b-2022/"
    assert first["front_matter"]["tags"] == ["六个方面", "理论学习"]
    assert first["outline"][0] == {"level": 2, "text": "一、存在的问题", "line": 14, "role": "problems"}
    assert first["outline"][1] == {"level": 3, "text": "（一）思想方面", "line": 16}
    assert catalog["snippets"] == [{
        "path": "snippets/s1.md",
        "front_matter": {"kind": "问题", "topic": "理论学习", "meeting_types": ["annual"],
                         "source": "annual/a-2021.md", "section": "（一）思想方面"},
        "text": "问题。",
        "source_url": "annual/a-2021/",
    }]
    broken = dict(catalog, samples=[dict(first, url=None)])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_output_is_deterministic_whatever_the_reading_order(library, generated):
    shuffled = list(library.samples)
    random.Random(4).shuffle(shuffled)
    again = pages.generated_pages(Library(shuffled, list(library.snippets), {}), domain())
    assert again == generated
    assert list(generated) == sorted(generated)


def test_a_tag_without_a_page_address_is_a_clear_error(library):
    settings = dataclasses.replace(browse_settings(), tag_slugs={})
    with pytest.raises(BrowseDataError, match="tag_slugs 缺少 四个对照"):
        pages.generated_pages(library, domain(), settings=settings)


def test_every_allowed_level_and_tag_has_a_unique_page_address():
    settings, dom = browse_settings(), domain()
    browse.require_slugs(settings, dom)
    for slugs in (settings.level_slugs, settings.tag_slugs):
        assert len(set(slugs.values())) == len(slugs)
        assert all(re.fullmatch(r"[a-z0-9-]+", slug) for slug in slugs.values())


def test_cli_writes_the_same_files_as_the_build(tree, tmp_path, generated, capsys):
    docs, snippets = tree
    out = tmp_path / "out"
    assert main(["index", "--out", str(out), "--docs", str(docs), "--snippets", str(snippets)]) == 0
    written = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()}
    assert {path: written.get(path) for path in generated} == generated
    extra = sorted(set(written) - set(generated))  # the 撰写 page's data, which the build also adds
    assert extra and all(path.startswith("assets/compose/") for path in extra), extra
    assert f"已生成 {len(written)} 个文件" in capsys.readouterr().out


def test_cli_refuses_to_write_into_docs_and_reports_bad_front_matter(tree, capsys):
    docs, snippets = tree
    assert main(["index", "--out", str(docs / "gen"), "--docs", str(docs), "--snippets", str(snippets)]) == 2
    assert not (docs / "gen").exists()
    (docs / "annual" / "a-2021.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    assert main(["index", "--out", str(docs.parent / "o"), "--docs", str(docs), "--snippets", str(snippets)]) == 1
    err = capsys.readouterr().err
    assert "a-2021.md:2:" in err and "FM002" in err and "Traceback" not in err
    assert not (docs.parent / "o").exists()


def test_links_between_source_files_are_what_relpath_gives():
    import itertools
    import posixpath

    from scripts.kb.core.templating import link

    paths = ["index.md", "guide.md", "annual/a-2021.md", "annual/index.md", "annual/page-2.md", "browse/index.md",
             "browse/tags/lilun-xuexi/index.md", "browse/years/2021/page-2.md", "outlines/annual-2021.md", "browse/tags"]
    for here, there in itertools.product(paths, repeat=2):
        assert link(here, there) == posixpath.relpath(there, posixpath.dirname(here) or "."), (here, there)


def test_home_says_which_types_and_years_have_frameworks_and_which_is_newest(library):
    dom = domain()
    block = pages.expand_markers("<!-- kb:home-figures -->", "index.md", library, dom)
    for mt in dom.types:
        row = next(line for line in block.splitlines() if line.startswith(f"| {mt.name} |"))
        assert re.findall(r"\[(\d{4})\]", row) == [str(y) for y in sorted(mt.frameworks, reverse=True)]
    newest = max(y for mt in dom.types for y, fw in mt.frameworks.items() if not fw.see)
    owner = next(mt for mt in dom.types if newest in mt.frameworks and not mt.frameworks[newest].see)
    assert f"最新的是 **{owner.name}（{newest}年度）**：{owner.frameworks[newest].name}" in block
    assert f"[{newest}年度提纲](outlines/{owner.key}-{newest}.md)" in block and dom.notices["basis"] in block
    assert "[2023](outlines/zhutijiaoyu-2023.md)" in next(line for line in block.splitlines() if line.startswith("| 年度组织生活会 |"))
