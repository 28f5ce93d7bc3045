"""The theme's output cache (.cache/output/): a page is rendered through the theme again whenever
anything its template can read changed, and a warm build is the same site, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build, get_context
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from scripts.kb.bench.corpus import generate_corpus, write_config
from scripts.kb.cache import output_cache
from scripts.kb.core import workers

PAGES = {"index.md": "# 首页\n\n首页正文。\n", "a.md": "---\ndescription: 甲页说明\n---\n# 甲页\n\n## 一节\n\n甲页正文。\n",
         "b.md": "# 乙页\n\n乙页正文。\n", "c.md": "# 丙页\n\n丙页正文。\n"}
MAIN = '{% extends "base.html" %}\n{% block content %}{{ super() }}<p class="override">覆盖{{ config.extra.note }}</p>{% endblock %}\n'


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path):
    """A plain MkDocs project (no hook) with material, a folder of overrides and a navigation."""
    docs, overrides = tmp_path / "docs", tmp_path / "overrides"
    docs.mkdir()
    (overrides / "partials").mkdir(parents=True)
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    (overrides / "main.html").write_text(MAIN, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 测试\ntheme:\n  name: material\n  custom_dir: overrides\n  features: [navigation.footer]\n"
        "extra:\n  note: 一\nextra_css: [a.css]\nnav:\n  - 首页: index.md\n  - 甲: a.md\n  - 乙: b.md\n  - 丙: c.md\n",
        encoding="utf-8")
    (docs / "a.css").write_text("p {}\n", encoding="utf-8")
    return tmp_path


class _Build:
    """What MkDocs has when it renders the page a.md: the key the cache gives its context."""

    def __init__(self, folder: Path):
        self.config = load_config(str(folder / "mkdocs.yml"), site_dir=str(folder / "site"))
        self.files = get_files(self.config)
        self.nav = get_navigation(self.files, self.config)
        for file in self.files.documentation_pages():
            file.page.read_source(self.config)
            file.page.render(self.config, self.files)
        self.env = self.config.theme.get_env()
        self.page = self.files.get_file_from_path("a.md").page

    def key(self, cache: output_cache.OutputCache | None = None) -> str:
        cache = cache or output_cache.OutputCache(self.config, self.env, folder=Path(self.config.site_dir) / "cache")
        self.page.active = True
        try:
            context = get_context(self.nav, self.files.documentation_pages(), self.config, self.page)
            key = cache.key(self.env.get_template("main.html"), context)
        finally:
            self.page.active = False
        assert key is not None
        return key


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# Each change alters something a.md's template can read, but not a.md's Markdown.
CHANGES = {
    "a nav title": lambda p: _edit(p / "mkdocs.yml", "丙: c.md", "丙二: c.md"),
    "the nav order (the next page)": lambda p: _edit(p / "mkdocs.yml", "  - 乙: b.md\n  - 丙: c.md", "  - 丙: c.md\n  - 乙: b.md"),
    "extra config": lambda p: _edit(p / "mkdocs.yml", "note: 一", "note: 二"),
    "site_name": lambda p: _edit(p / "mkdocs.yml", "site_name: 测试", "site_name: 测试二"),
    "a theme feature": lambda p: _edit(p / "mkdocs.yml", "features: [navigation.footer]", "features: [navigation.footer, navigation.top]"),
    "a plugin's config": lambda p: _edit(p / "mkdocs.yml", "extra_css", "plugins:\n  - search:\n      lang: zh\nextra_css"),
    "extra_css": lambda p: _edit(p / "mkdocs.yml", "[a.css]", "[a.css, b.css]"),
    "an override template": lambda p: _edit(p / "overrides" / "main.html", "覆盖", "覆盖二"),
    "a new partial override": lambda p: (p / "overrides" / "partials" / "copyright.html").write_text("版权\n", encoding="utf-8"),
    "the page's front matter": lambda p: _edit(p / "docs" / "a.md", "甲页说明", "甲页新说明"),
    "the page's heading (toc)": lambda p: _edit(p / "docs" / "a.md", "## 一节", "## 第一节"),
    "the next page's title": lambda p: _edit(p / "mkdocs.yml", "乙: b.md", "乙二: b.md"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_key_changes_with_every_input_of_the_template(project, change):
    before = _Build(project).key()
    assert _Build(project).key() == before  # the same inputs, read again: the same key
    CHANGES[change](project)
    assert _Build(project).key() != before


@pytest.mark.parametrize("attribute", ["next_page", "previous_page"])
def test_the_key_holds_the_neighbours(project, attribute):
    made = _Build(project)
    before = made.key()
    setattr(made.page, attribute, made.files.get_file_from_path("c.md").page)  # neither neighbour before
    assert made.key() != before


def test_the_key_holds_what_a_hook_sets_on_a_page_and_on_other_pages(project):
    made = _Build(project)
    before = made.key()
    made.files.get_file_from_path("c.md").page.meta["icon"] = "material/star"  # the nav shows it
    after_nav = made.key(output_cache.OutputCache(made.config, made.env))
    assert after_nav != before
    made.page.kb_badge = "新"
    assert made.key(output_cache.OutputCache(made.config, made.env)) != after_nav


def _upper(text: str) -> str:
    return text.upper()


def test_the_key_holds_the_jinja_environment(project):
    made = _Build(project)
    before = made.key()
    made.env.filters["kb_upper"] = _upper
    assert made.key(output_cache.OutputCache(made.config, made.env)) != before


def test_the_clock_and_the_folders_are_not_in_the_key(project):
    """build_date_utc, update_date and the output folder differ between two builds of the same site."""
    made = _Build(project)
    before = made.key()
    made.page.update_date = "1999-01-01"
    made.config.site_dir = str(project / "elsewhere")
    assert made.key() == before


def test_a_value_the_key_cannot_describe_renders_normally(project, tmp_path):
    made = _Build(project)
    cache = output_cache.OutputCache(made.config, made.env, folder=tmp_path / "cache")
    template, rendered = made.env.get_template("main.html"), []

    def render(context):
        rendered.append(1)
        return "页面"

    made.config._current_page = made.page
    try:
        context = dict(get_context(made.nav, made.files.documentation_pages(), made.config, made.page))
        for _ in range(2):
            assert cache.render(template, render, context) == "页面"
        assert (len(rendered), cache.hits, cache.misses) == (1, 1, 1)
        odd = {**context, "thing": object()}  # what a plugin might add: no attributes to describe
        assert cache.render(template, render, odd) == "页面" and len(rendered) == 2
        made.config._current_page = None  # not the page MkDocs is building: not cached
        assert cache.render(template, render, context) == "页面" and len(rendered) == 3
    finally:
        made.config._current_page = None


def _build(config: Path, site: Path, cache: Path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(cache))
    loaded = load_config(str(config), site_dir=str(site))
    try:
        build(loaded)
    finally:
        workers.JOBS.stop()
    return next(iter(loaded.hooks.values()))._build["output"]


@pytest.mark.build
def test_a_warm_build_is_byte_identical_and_renders_no_page(tmp_path, monkeypatch):
    generate_corpus(tmp_path / "docs", 3, 0)
    config = write_config(tmp_path / "mkdocs.yml", tmp_path / "docs")
    cold = _build(config, tmp_path / "cold", tmp_path / "cache", monkeypatch)
    assert cold.misses > 10 and cold.hits == 0
    warm = _build(config, tmp_path / "warm", tmp_path / "cache", monkeypatch)
    assert (warm.hits, warm.misses) == (cold.misses, 0)
    assert _site(tmp_path / "warm") == _site(tmp_path / "cold")

    # Proof that the pages come from the cache: a marker put into the entries shows in the site.
    for entry in (tmp_path / "cache" / output_cache.KIND).rglob("*.html"):
        entry.write_text(entry.read_text(encoding="utf-8").replace("</body>", "<!-- 来自缓存 --></body>"), encoding="utf-8")
    _build(config, tmp_path / "marked", tmp_path / "cache", monkeypatch)
    assert "来自缓存" in (tmp_path / "marked" / "guide" / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_warm_build_after_a_change_is_the_cold_build(tmp_path, monkeypatch):
    """A nav title and an override template change every page: the warm build renders them again."""
    generate_corpus(tmp_path / "docs", 3, 0)
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(MAIN, encoding="utf-8")
    config = write_config(tmp_path / "mkdocs.yml", tmp_path / "docs")
    config.write_text(config.read_text(encoding="utf-8") + f"theme:\n  custom_dir: {tmp_path / 'overrides'}\nextra:\n  note: 一\n",
                      encoding="utf-8")
    _build(config, tmp_path / "before", tmp_path / "cache", monkeypatch)
    _edit(tmp_path / "overrides" / "main.html", "覆盖", "覆盖二")
    _edit(config, "note: 一", "note: 二")
    warm = _build(config, tmp_path / "warm", tmp_path / "cache", monkeypatch)
    assert warm.hits == 0
    _build(config, tmp_path / "cold", tmp_path / "fresh-cache", monkeypatch)
    assert _site(tmp_path / "warm") == _site(tmp_path / "cold")
    assert "覆盖二二" in (tmp_path / "warm" / "guide" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / "before")
