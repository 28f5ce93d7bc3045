"""The build writes a .docx per sample and per outline at the URL its 下载 Word button links to."""

from __future__ import annotations

import posixpath
import shutil
from html.parser import HTMLParser
from urllib.parse import unquote

import docx
import pytest

from scripts.kb.bench.corpus import write_config
from scripts.kb.core.data import domain
from scripts.kb.core.model import load_samples
from scripts.kb.core.paths import DOCS_DIR, ROOT
from scripts.kb.site import downloads
from scripts.kb.site.outline_pages import outline_page_path
from scripts.kb.word.docx_layout import layout
from tests.conftest import build_site


class _DownloadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "kb-download-word" in (attrs.get("class") or "").split():
            self.links.append(attrs)


def download_links(html: str) -> list[dict]:
    parser = _DownloadLinks()
    parser.feed(html)
    return parser.links


@pytest.mark.build
@pytest.mark.parametrize("sample", load_samples(), ids=lambda s: s.rel)
def test_sample_page_links_its_docx(site_dir, sample):
    links = download_links((site_dir / sample.url / "index.html").read_text(encoding="utf-8"))
    assert len(links) == 1
    link = links[0]
    assert link["download"] == downloads.docx_filename(sample.title)
    assert link["type"] == downloads.MIME_TYPE
    assert "%" in link["href"] and unquote(link["href"]) == link["download"]  # encoded, and the same name
    target = site_dir / posixpath.normpath(posixpath.join(sample.url, unquote(link["href"])))
    assert target.is_file()
    assert docx.Document(str(target)).paragraphs[0].text == sample.title


@pytest.mark.build
def test_every_outline_docx_is_in_the_site(site_dir):
    outlines = downloads.site_downloads([], domain(), layout())
    assert outlines
    for download in outlines:
        target = site_dir / download.path
        assert target.is_file(), download.path
        assert docx.Document(str(target)).paragraphs[0].text == download.blocks[0].text


def test_outline_page_gets_its_buttons_after_its_title():
    dom = domain()
    mt = dom.type("dangshi")
    offered = downloads.by_page(downloads.site_downloads([], dom, layout()))[outline_page_path(mt, 2021)]
    page = downloads.with_download_button("# 提纲\n\n正文\n", offered, "outlines/dangshi-2021/")
    head, _, rest = page.partition("\n")
    assert head == "# 提纲"
    links = download_links(rest)
    assert [link["download"] for link in links] == [d.filename for d in offered]
    assert [unquote(link["href"]) for link in links] == [d.filename for d in offered]
    assert "班子" in links[0]["download"] and "个人" in links[1]["download"]


def test_link_is_relative_to_the_page_url_style():
    download = downloads.sample_download(load_samples()[0], layout())
    assert unquote(download.href(download.folder)) == download.filename
    page_html = download.folder.rstrip("/") + ".html"  # use_directory_urls: false
    name = posixpath.basename(download.folder.rstrip("/"))
    assert unquote(download.href(page_html)) == f"{name}/{download.filename}"


@pytest.mark.build
def test_a_bad_include_stops_the_build_before_any_page_is_written(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    sample = next(docs.glob("annual/*.md"))
    sample.write_text(sample.read_text(encoding="utf-8") + '\n--8<-- "nosuch-snippet.md"\n', encoding="utf-8")
    config_path = write_config(tmp_path / "mkdocs.yml", docs)
    site = tmp_path / "site"
    result = build_site(config_path, site)
    assert result.returncode != 0
    assert "nosuch-snippet.md" in result.stderr  # check (SE004) or the export names it
    assert f"{sample.name}:" in result.stderr and "Traceback" not in result.stderr
    assert not list(site.rglob("*.html")) and not list(site.rglob("*.docx"))
