"""The rendered-page cache (.cache/pages/): used, correct, and never hiding a broken link."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.kb.bench.corpus import generate_corpus, write_config
from scripts.kb.core.paths import ROOT
from tests.conftest import build_site

pytestmark = pytest.mark.build


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def corpus(tmp_path):
    docs = tmp_path / "docs"
    samples = generate_corpus(docs, 4, 0)
    (docs / "links.md").write_text(f"# 链接页\n\n[一篇范例]({samples[1].relative_to(docs).as_posix()})\n", encoding="utf-8")
    return tmp_path, write_config(tmp_path / "mkdocs.yml", docs), samples


def test_a_warm_build_is_byte_identical_and_reads_the_cache(corpus):
    tmp, config, _ = corpus
    env = {"KB_CACHE_DIR": str(tmp / "cache")}
    assert build_site(config, tmp / "cold", env).returncode == 0
    entries = sorted((tmp / "cache" / "pages").rglob("*.json"))
    assert len(entries) > 10  # every page without an include
    assert build_site(config, tmp / "warm", env).returncode == 0
    assert _site(tmp / "warm") == _site(tmp / "cold")
    assert sorted((tmp / "cache" / "pages").rglob("*.json")) == entries  # nothing rendered anew

    # Proof that the HTML comes from the cache: a marker put into the entries shows in the site.
    for entry in entries:
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["content"] = data["content"].replace("</p>", "<!-- 来自缓存 --></p>", 1)
        entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert build_site(config, tmp / "marked", env).returncode == 0
    assert "来自缓存" in (tmp / "marked" / "links" / "index.html").read_text(encoding="utf-8")


def test_a_link_whose_target_is_gone_is_reported_again(corpus):
    tmp, config, samples = corpus
    env = {"KB_CACHE_DIR": str(tmp / "cache")}
    assert build_site(config, tmp / "site", env).returncode == 0
    samples[1].unlink()  # links.md did not change, but its link no longer finds its target
    result = build_site(config, tmp / "site", env)
    assert result.returncode != 0
    assert "links.md" in result.stderr and samples[1].name in result.stderr


def test_a_page_that_warned_is_not_cached(corpus):
    tmp, config, _ = corpus
    env = {"KB_CACHE_DIR": str(tmp / "cache")}
    (tmp / "docs" / "links.md").write_text("# 链接页\n\n[不存在的页面](missing.md)\n", encoding="utf-8")
    for _ in range(2):
        result = build_site(config, tmp / "site", env)
        assert result.returncode != 0 and "missing.md" in result.stderr


def _render(config, cache, text: str) -> str:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    file = File("page.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.markdown = text
    cache.install(page)
    page.render(config, Files([file]))
    return page.content


def _snippets_config(tmp_path, options: str = ""):
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "parts").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [{tmp_path / 'parts'}]\n{options}",
        encoding="utf-8")
    return load_config(config_file=str(tmp_path / "mkdocs.yml"))


@pytest.mark.parametrize("include", ['--8<-- "a.md"', '-8<- "a.md"', '---8<---\na.md\n---8<---'])
def test_a_page_with_a_snippet_include_changes_when_the_included_file_changes(tmp_path, include):
    from scripts.kb.cache.page_cache import PageCache

    config = _snippets_config(tmp_path)
    text = f"# 标题\n\n{include}\n"
    folder = tmp_path / "cache"
    for body in ("第一版片段。", "第二版片段。", "第二版片段。"):
        (tmp_path / "parts" / "a.md").write_text(body + "\n", encoding="utf-8")
        cache = PageCache(config, folder=folder)  # one per build, as the hook makes it
        cached = _render(config, cache, text)
        assert body in cached and cached == _render(config, PageCache(config, folder=tmp_path / body), text)
    assert (cache.hits, cache.misses) == (1, 0)  # the third build found the second's entry
    (tmp_path / "parts" / "b.md").write_text("另一个片段。\n", encoding="utf-8")  # any file an include can reach
    cache = PageCache(config, folder=folder)
    _render(config, cache, text)
    assert (cache.hits, cache.misses) == (0, 1)


@pytest.mark.parametrize("options", ["      restrict_base_path: false\n", "      url_download: true\n"])
def test_a_page_whose_include_may_read_any_file_is_rendered_every_time(tmp_path, options):
    from scripts.kb.cache.page_cache import PageCache

    config = _snippets_config(tmp_path, options)
    (tmp_path / "parts" / "a.md").write_text("片段。\n", encoding="utf-8")
    cache = PageCache(config, folder=tmp_path / "cache")
    # "8<" without the include's dashes (a sample's placeholder count) includes nothing: cached
    for text, stored in (('# 标题\n\n--8<-- "a.md"\n', 0), ("# 标题\n\n正文。\n", 1),
                         ('# 标题\n\n本文有 <span class="kb-placeholder-count">8</span> 处占位符。\n', 2)):
        assert "标题" in _render(config, cache, text)
        assert cache.store.written == stored


def test_the_fingerprint_names_the_toc_slugify_the_same_in_every_process():
    """A repr with an address (functools.partial of the slugify) would change each run and make
    every page a cache miss."""
    code = ("from mkdocs.config import load_config; from scripts.kb.cache.page_cache import PageCache; "
            "print(PageCache(load_config('mkdocs.yml')).fingerprint)")
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0] == runs[1] and "pymdownx.slugs._uslugify" in runs[0] and " at 0x" not in runs[0]


def test_the_build_uses_the_text_and_markdown_prerender_made_for_the_keys(tmp_path):
    """A page's file is read and parsed, and the hook's additions made, once per build: for its key in on_files."""
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    from scripts.kb.cache.page_cache import PageCache
    from scripts.kb.core.workers import WorkerSettings

    config = _snippets_config(tmp_path)
    (tmp_path / "docs" / "a.md").write_text("---\ntitle: 甲\n---\n# 甲\n\n正文。\n", encoding="utf-8")
    files = get_files(config)
    made = []

    def add(markdown: str, src: str, url: str) -> str:
        made.append(src)
        return markdown + "\n附加。\n"

    cache = PageCache(config, folder=tmp_path / "cache")
    assert cache.prerender(files, config, add, WorkerSettings(2, 0, 20)) == 0  # no workers: nothing handed out
    assert made == ["a.md"]
    page = Page(None, files.get_file_from_path("a.md"), config)
    cache.install(page)
    (tmp_path / "docs" / "a.md").write_text("改过的文件，不会再读\n", encoding="utf-8")
    page.read_source(config)
    assert (page.markdown, page.meta) == ("# 甲\n\n正文。\n", {"title": "甲"})
    again = Page(None, files.get_file_from_path("a.md"), config)
    cache.install(again)  # once: MkDocs reads the file if it asks again
    again.read_source(config)
    assert again.markdown == "改过的文件，不会再读\n"
    assert cache.page_markdown("# 甲\n\n正文。\n", "a.md", "a/", add) == "# 甲\n\n正文。\n\n附加。\n" and made == ["a.md"]
    # Markdown another plugin changed meanwhile gets the additions made anew
    assert cache.page_markdown("# 甲\n\n改过。\n", "a.md", "a/", add) == "# 甲\n\n改过。\n\n附加。\n" and made == ["a.md"] * 2
