"""The sidebar of the pages outside the navigation is rendered once per set of links: the site is
the same bytes as when every page renders it, and pages in the navigation render it as always."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from scripts.kb.bench.corpus import generate_corpus, write_config
from scripts.kb.cache import nav_fragment
from scripts.kb.core import workers


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _build(config: Path, site: Path, cache: Path, monkeypatch) -> list[nav_fragment.NavFragments]:
    """Build in this process; returns the fragment caches the build installed."""
    installed = []
    install = nav_fragment.install

    def recording(env):
        installed.append(install(env))
        return installed[-1]

    monkeypatch.setenv("KB_CACHE_DIR", str(cache))
    with monkeypatch.context() as patch:
        patch.setattr(nav_fragment, "install", recording)
        try:
            build(load_config(str(config), site_dir=str(site)))
        finally:
            workers.JOBS.stop()
    return installed


@pytest.mark.build
def test_the_site_is_the_same_bytes_as_when_every_page_renders_its_sidebar(tmp_path, monkeypatch):
    generate_corpus(tmp_path / "docs", 4, 0)
    config = write_config(tmp_path / "mkdocs.yml", tmp_path / "docs")
    [fragments] = _build(config, tmp_path / "with", tmp_path / "cache-with", monkeypatch)
    # Pages outside the navigation at several depths and folders: a sidebar for each set of links.
    assert fragments.hits >= 4 and len(fragments.rendered) >= 3
    with monkeypatch.context() as patch:
        patch.setattr(nav_fragment, "install", lambda env: nav_fragment.NavFragments())
        _build(config, tmp_path / "without", tmp_path / "cache-without", monkeypatch)
    with_cache, without = _site(tmp_path / "with"), _site(tmp_path / "without")
    assert with_cache.keys() == without.keys()
    assert [path for path in with_cache if with_cache[path] != without[path]] == []


@pytest.fixture
def project(tmp_path):
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    for name in ("index.md", "b.md", "a/one.md", "a/two.md", "a/index.md"):
        (docs / name).write_text(f"# {name}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\ntheme:\n  name: material\nnav:\n  - index.md\n  - b.md\n  - a/index.md\n",
                                         encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    files = get_files(config)
    return files, get_navigation(files, config)


def _render(env: jinja2.Environment, fragments, page, nav) -> str:
    return env.from_string("{% call kb_nav_fragment() %}<a href=\"{{ 'b/' | url }}\">{{ page.url }}</a>{% endcall %}").render(
        page=page, nav=nav, base_url="..", config={})


def test_a_page_in_the_navigation_or_an_active_item_renders_as_always(project):
    files, nav = project
    env = jinja2.Environment()
    env.filters["url"] = lambda value: value  # the key, not the filter, is what is tested here
    fragments = nav_fragment.install(env)
    one, two, b = (files.get_file_from_path(p).page for p in ("a/one.md", "a/two.md", "b.md"))
    assert _render(env, fragments, one, nav) == _render(env, fragments, two, nav) == '<a href="b/">a/one/</a>'
    assert fragments.hits == 1  # two/ has the same links as one/: its sidebar is one/'s
    assert _render(env, fragments, b, nav) == '<a href="b/">b/</a>'  # in the navigation
    b.active = True
    try:
        assert _render(env, fragments, two, nav) == '<a href="b/">a/two/</a>'  # an item is active
    finally:
        b.active = False
    assert fragments.hits == 1 and len(fragments.rendered) == 1
