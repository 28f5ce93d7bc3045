"""The real site's generated pages: each lists exactly its group; catalog.json fits its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from scripts.kb.core.data import domain
from scripts.kb.core.model import Sample, load_samples
from scripts.kb.core.paths import DATA_DIR
from scripts.kb.site.browse import browse_settings
from tests.site.index_site import group_links, page_links

pytestmark = pytest.mark.build


def assert_groups_are_exact(site: Path, samples: list[Sample]) -> None:
    """Every generated listing links to every sample of its group and to no other sample."""
    dom, settings = domain(), browse_settings()
    everything = {s.url for s in samples}
    groups = {f"{mt.key}/": {s.url for s in samples if s.meeting_type == mt.key} for mt in dom.types}
    for year in {s.year for s in samples}:
        groups[f"browse/years/{year}/"] = {s.url for s in samples if s.year == year}
    for level, slug in settings.level_slugs.items():
        if any(s.meta["level"] == level for s in samples):
            groups[f"browse/levels/{slug}/"] = {s.url for s in samples if s.meta["level"] == level}
    for tag, slug in settings.tag_slugs.items():
        if any(tag in s.meta["tags"] for s in samples):
            groups[f"browse/tags/{slug}/"] = {s.url for s in samples if tag in s.meta["tags"]}
    for base, expected in groups.items():
        found = group_links(site, base) & everything
        assert found == expected, f"{base}: 多出 {sorted(found - expected)[:3]}，缺少 {sorted(expected - found)[:3]}"
    data = (site / "browse" / "samples.js").read_text(encoding="utf-8")
    rows = json.loads(data.removeprefix("window.kbSamples = ").rstrip(";\n"))["rows"]
    assert sorted(row[0] for row in rows) == sorted(s.title for s in samples)


def assert_catalog_is_valid(site: Path, samples: list[Sample]) -> None:
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    schema = json.loads((DATA_DIR / "catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(catalog, schema, format_checker=jsonschema.FormatChecker())
    assert sorted(entry["url"] for entry in catalog["samples"]) == sorted(s.url for s in samples)
    for entry in catalog["samples"]:
        assert (site / entry["url"] / "index.html").is_file(), entry["url"]


def assert_samples_stay_out_of_the_sidebar(site: Path, samples: list[Sample]) -> None:
    everything = {s.url for s in samples}
    for url in ["", "browse/"] + [s.url for s in samples[:3]]:
        sidebar = page_links(site, url)[1]
        assert not sidebar & everything, f"{url} 的侧边栏列出了范例"
        assert {f"{mt.key}/" for mt in domain().types} <= sidebar and "browse/" in sidebar


def test_generated_pages_list_exactly_their_group(site_dir):
    assert_groups_are_exact(site_dir, load_samples())


def test_catalog_json_at_the_site_root_validates(site_dir):
    assert_catalog_is_valid(site_dir, load_samples())


def test_sidebar_has_types_and_browsing_but_no_sample(site_dir):
    assert_samples_stay_out_of_the_sidebar(site_dir, load_samples())


def test_home_page_shows_counts_per_type(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "<!-- kb:home-figures -->" not in html and "最新收录" in html
    for mt in domain().types:
        count = sum(s.meeting_type == mt.key for s in load_samples())
        assert f'<td><a href="{mt.key}/">{mt.name}</a></td>\n<td>{count}</td>' in html


def test_a_tag_outside_the_allow_list_fails_the_build(tmp_path):
    """check (FM008, run by the hook) enforces the tag allow-list of scripts/data/front_matter.yml."""
    from scripts.kb.bench.corpus import generate_corpus, write_config
    from tests.conftest import build_site

    sample = generate_corpus(tmp_path / "docs", 3, 0)[1]
    sample.write_text(sample.read_text(encoding="utf-8").replace("tags: [", "tags: [不在标签表里, ", 1), encoding="utf-8")
    result = build_site(write_config(tmp_path / "mkdocs.yml", tmp_path / "docs"), tmp_path / "site")
    assert result.returncode != 0
    assert "不在标签表里" in result.stderr and sample.name in result.stderr
